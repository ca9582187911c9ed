#include "AmountDialog.h"

#include "MoneyText.h"
#include "WrappedLabel.h"

#include <QApplication>
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
    auto* layout = new QVBoxLayout(this);

    constexpr int TextWidth = 560;
    auto* label = new WrappedLabel(prompt, TextWidth, this);
    label->setObjectName(QStringLiteral("amountPrompt"));
    layout->addWidget(label);

    m_edit = new QLineEdit(initial, this);
    m_edit->setObjectName(QStringLiteral("amountEdit"));
    m_edit->setAccessibleName(prompt);
    m_edit->setProperty("role", QStringLiteral("bigInput"));
    m_edit->selectAll();
    label->setBuddy(m_edit);
    layout->addWidget(m_edit);

    m_hint = new WrappedLabel({}, TextWidth, this);
    m_hint->setObjectName(QStringLiteral("amountHint"));
    m_hint->hide();
    layout->addWidget(m_hint);

    m_error = new WrappedLabel({}, TextWidth, this);
    m_error->setObjectName(QStringLiteral("amountError"));
    m_error->setProperty("kind", QStringLiteral("error"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("amountOk"));
    m_ok->setText(tr("OK (Enter)"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel (Esc)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AmountDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AmountDialog::reject);
    layout->addWidget(buttons);
    m_edit->setFocus();
}

void AmountDialog::setHint(const QString& hint)
{
    m_hint->setWrappedText(hint);
    m_hint->setVisible(!hint.isEmpty());
    adjustSize();
}

void AmountDialog::accept()
{
    const Status result = m_apply(MoneyText::toPlainNumber(m_edit->text()));
    if (!result) {
        m_error->setWrappedText(WrappedLabel::sentence(result.error().message));
        m_error->show();
        adjustSize();
        QApplication::beep();
        m_edit->selectAll();
        m_edit->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace pos::ui
