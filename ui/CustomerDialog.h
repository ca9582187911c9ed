#pragma once

#include "customers/CustomerService.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace pos::ui {

class WrappedLabel;

// F7 at the counter: find the customer for this sale as you type (name, or phone digits; core's
// CustomerService::search), Up/Down and Enter to pick, or add a new one. When the sale already
// has a customer, F7 again (or the button) takes them off. The list shows names and only the
// last digits of a phone number, enough to tell two namesakes apart.
class CustomerDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Outcome { None, Attach, Remove };

    // current: the name of the customer on the sale now, empty when there is none.
    CustomerDialog(CustomerService& customers, Session session, const QString& current,
                   QWidget* parent = nullptr);

    Outcome outcome() const { return m_outcome; }
    const Customer& chosen() const { return m_chosen; }

    void accept() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void search();
    void addNew();
    void removeCurrent();
    void showError(const QString& message);

    CustomerService& m_customers;
    Session m_session;
    QList<Customer> m_found;
    Customer m_chosen;
    Outcome m_outcome = Outcome::None;
    QLineEdit* m_search = nullptr;
    QListWidget* m_list = nullptr;
    QTimer* m_timer = nullptr;
    QLabel* m_status = nullptr;
    WrappedLabel* m_error = nullptr;
};

} // namespace pos::ui
