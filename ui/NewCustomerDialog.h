#pragma once

#include "customers/CustomerService.h"

#include <QDialog>

class QLineEdit;

namespace pos::ui {

class WrappedLabel;

// A new customer: name (required), phone, e-mail and notes (optional). CustomerService::add
// checks them; its message is shown here and nothing is stored until it accepts.
class NewCustomerDialog final : public QDialog {
    Q_OBJECT
public:
    // start: what the cashier had typed into the search, put into the name or the phone field.
    NewCustomerDialog(CustomerService& customers, Session session, const QString& start,
                      QWidget* parent = nullptr);

    const Customer& customer() const { return m_customer; }

    void accept() override;

private:
    QLineEdit* addLine(const QString& label, const QString& name, int maxLength);

    CustomerService& m_customers;
    Session m_session;
    Customer m_customer;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_phone = nullptr;
    QLineEdit* m_email = nullptr;
    QLineEdit* m_notes = nullptr;
    WrappedLabel* m_error = nullptr;
};

} // namespace pos::ui
