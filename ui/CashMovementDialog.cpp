#include "CashMovementDialog.h"

#include "WrappedLabel.h"

#include <QLineEdit>

namespace pos::ui {

CashMovementDialog::CashMovementDialog(Direction direction, ShiftService& shifts,
                                       const Session& session, const QString& currency,
                                       QWidget* parent)
    : AmountDialog(direction == Direction::In ? tr("Cash in") : tr("Cash out"),
                   direction == Direction::In
                       ? tr("Amount put into the drawer (%1):").arg(currency)
                       : tr("Amount taken out of the drawer (%1):").arg(currency),
                   {},
                   money(currency,
                         [this, direction, &shifts, session](qint64 minor) {
                             const QString reason = m_reason->text();
                             return direction == Direction::In
                                        ? shifts.cashIn(session, minor, reason)
                                        : shifts.cashOut(session, minor, reason);
                         }),
                   parent)
{
    setObjectName(direction == Direction::In ? QStringLiteral("cashInDialog")
                                             : QStringLiteral("cashOutDialog"));
    auto* label = new WrappedLabel(direction == Direction::In
                                       ? tr("Reason (for example: change from the bank):")
                                       : tr("Reason (for example: to the safe):"),
                                   560, this);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMaxLength(200);
    label->setBuddy(m_reason);
    addField(label, m_reason);
    edit()->setFocus();
}

void CashMovementDialog::accept()
{
    if (edit()->hasFocus() && m_reason->text().trimmed().isEmpty()) {
        m_reason->setFocus();
        return;
    }
    AmountDialog::accept();
    if (isVisible() && m_reason->text().trimmed().isEmpty())
        m_reason->setFocus();
}

} // namespace pos::ui
