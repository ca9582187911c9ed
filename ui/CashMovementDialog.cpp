#include "CashMovementDialog.h"

#include "ApprovalFlow.h"
#include "WrappedLabel.h"

#include <QLineEdit>

namespace pos::ui {

CashMovementDialog::CashMovementDialog(Direction direction, ShiftService& shifts,
                                       const Session& session, const QString& currency,
                                       QWidget* parent, ApprovalService* approvals)
    : AmountDialog(
          direction == Direction::In ? tr("Cash in") : tr("Cash out"),
          direction == Direction::In ? tr("Amount put into the drawer (%1):").arg(currency)
                                     : tr("Amount taken out of the drawer (%1):").arg(currency),
          {},
          money(currency,
                [this, direction, &shifts, session, currency, approvals](qint64 minor) {
                    const QString reason = m_reason->text();
                    if (direction == Direction::In)
                        return shifts.cashIn(session, minor, reason);
                    if (!approvals)
                        return shifts.cashOut(session, minor, reason);
                    ApprovalFlow flow(*approvals, session, currency, this);
                    return ApprovalFlow::asStatus(flow.run(
                        [&](const QUuid& id) { return shifts.cashOut(session, minor, reason, id); },
                        [&]() -> Result<ApprovalAsk> { return shifts.askCashOut(minor); }, reason));
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
