#include "AmountDialog.h"

#include "MoneyText.h"
#include "WrappedLabel.h"
#include "money/Money.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos::ui {

AmountDialog::AmountDialog(const QString& title, const QString& prompt, const QString& initial,
                           Apply apply, QWidget* parent)
    : QDialog(parent), m_apply(std::move(apply))
{
    setObjectName(QStringLiteral("amountDialog"));
    setWindowTitle(title);
    setModal(true);
    m_layout = new QVBoxLayout(this);

    constexpr int TextWidth = 560;
    auto* label = new WrappedLabel(prompt, TextWidth, this);
    label->setObjectName(QStringLiteral("amountPrompt"));
    m_layout->addWidget(label);

    m_edit = new QLineEdit(initial, this);
    m_edit->setObjectName(QStringLiteral("amountEdit"));
    m_edit->setAccessibleName(prompt);
    m_edit->setProperty("role", QStringLiteral("bigInput"));
    m_edit->selectAll();
    label->setBuddy(m_edit);
    m_layout->addWidget(m_edit);

    m_hint = new WrappedLabel({}, TextWidth, this);
    m_hint->setObjectName(QStringLiteral("amountHint"));
    m_hint->hide();
    m_layout->addWidget(m_hint);

    m_error = WrappedLabel::errorLabel(QStringLiteral("amountError"), TextWidth, this);
    m_layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("amountOk"));
    m_ok->setText(tr("OK (Enter)"));
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("amountCancel"));
    m_cancel->setText(tr("Cancel (Esc)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AmountDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AmountDialog::reject);
    m_layout->addWidget(buttons);
    m_edit->setFocus();
}

AmountDialog::Apply AmountDialog::money(const QString& currency,
                                        std::function<Status(qint64 minor)> then)
{
    return [currency, then = std::move(then)](const QString& text) -> Status {
        auto amount = Money::parse(text, currency);
        if (!amount)
            return std::unexpected(amount.error());
        return then(amount->minor());
    };
}

void AmountDialog::setHint(const QString& hint)
{
    m_hint->setWrappedText(hint);
    m_hint->setVisible(!hint.isEmpty());
    adjustSize();
}

void AmountDialog::setCancelText(const QString& text)
{
    m_cancel->setText(text);
}

void AmountDialog::addField(QWidget* label, QWidget* field)
{
    const int at = m_layout->indexOf(m_hint);
    m_layout->insertWidget(at, label);
    m_layout->insertWidget(at + 1, field);
    setTabOrder(m_edit, field);
    adjustSize();
}

void AmountDialog::accept()
{
    const Status result = m_apply(MoneyText::toPlainNumber(m_edit->text()));
    if (!result) {
        m_error->showError(result.error().message);
        m_edit->selectAll();
        m_edit->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace pos::ui
