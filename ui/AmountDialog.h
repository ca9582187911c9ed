#pragma once

#include "Error.h"

#include <QDialog>
#include <functional>

class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace pos::ui {

class WrappedLabel;

// One number from the cashier: quantity, weight, discount, opening float. The dialog does not
// judge the number: on OK it hands the text (locale separator turned into '.') to the apply
// function, which calls core; core's error is shown here and the dialog stays open.
class AmountDialog : public QDialog {
    Q_OBJECT
public:
    using Apply = std::function<Status(const QString& plainText)>;

    // An Apply for an amount of money: core parses the text in currency, then `then` gets the
    // amount in minor units (and calls core with it).
    static Apply money(const QString& currency, std::function<Status(qint64 minor)> then);

    AmountDialog(const QString& title, const QString& prompt, const QString& initial, Apply apply,
                 QWidget* parent = nullptr);

    void setHint(const QString& hint);
    void setCancelText(const QString& text);
    QLineEdit* edit() const { return m_edit; }

    void accept() override;

protected:
    // Places a further field (with its label) under the amount, above the hint and the error.
    void addField(QWidget* label, QWidget* field);

private:
    QVBoxLayout* m_layout = nullptr;
    QPushButton* m_cancel = nullptr;
    Apply m_apply;
    QLineEdit* m_edit = nullptr;
    WrappedLabel* m_hint = nullptr;
    WrappedLabel* m_error = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace pos::ui
