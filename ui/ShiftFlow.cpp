#include "ShiftFlow.h"

#include "CashMovementDialog.h"
#include "MoneyText.h"
#include "OpenShiftDialog.h"
#include "ReportDialog.h"
#include "ShiftMenuDialog.h"
#include "WrappedLabel.h"

#include <QLocale>
#include <optional>

namespace pos::ui {

ShiftFlow::ShiftFlow(ShiftService& shifts, const RegisterSettings& settings, const Session& session,
                     std::function<void()> shiftChanged, QWidget* parent,
                     ApprovalService* approvals)
    : m_shifts(shifts), m_settings(settings), m_session(session),
      m_shiftChanged(std::move(shiftChanged)), m_parent(parent), m_approvals(approvals)
{}

QString ShiftFlow::summary(const Shift& shift)
{
    return tr("Shift %1 since %2 · %3 · float %4")
        .arg(QString::number(shift.id),
             QLocale().toString(shift.openedAt.toLocalTime().time(), QLocale::ShortFormat),
             shift.openedBy, MoneyText::format(shift.floatMinor, shift.currency));
}

ShiftFlow::Outcome ShiftFlow::run(bool saleInProgress)
{
    auto shift = m_shifts.current(m_session);
    if (!shift)
        return {{}, WrappedLabel::sentence(shift.error().message), false};
    const QString refusal =
        saleInProgress ? tr("A sale is in progress: complete it, hold it (F5) or throw it away "
                            "(F8) before closing the shift.")
                       : QString();
    ShiftMenuDialog menu(summary(*shift), refusal, m_parent);
    if (menu.exec() != QDialog::Accepted)
        return {};
    switch (menu.choice()) {
    case ShiftMenuDialog::Choice::CashIn:
        return cashMovement(true);
    case ShiftMenuDialog::Choice::CashOut:
        return cashMovement(false);
    case ShiftMenuDialog::Choice::XReport:
        return xReport();
    case ShiftMenuDialog::Choice::CloseShift:
        return closeShift();
    case ShiftMenuDialog::Choice::None:
        break;
    }
    return {};
}

ShiftFlow::Outcome ShiftFlow::cashMovement(bool in)
{
    using Direction = CashMovementDialog::Direction;
    CashMovementDialog dialog(in ? Direction::In : Direction::Out, m_shifts, m_session,
                              m_settings.currency, m_parent, m_approvals);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return {in ? tr("Cash in recorded.") : tr("Cash out recorded."), {}, false};
}

ShiftFlow::Outcome ShiftFlow::xReport()
{
    auto report = m_shifts.xReport(m_session);
    if (!report)
        return {{}, WrappedLabel::sentence(report.error().message), false};
    showReport(*report);
    return {};
}

ShiftFlow::Outcome ShiftFlow::closeShift()
{
    const QString currency = m_settings.currency;
    std::optional<ShiftReport> z;
    // A blind count: the expected figure is shown only on the Z report, after the count.
    AmountDialog count(tr("Close shift"),
                       tr("Count the cash in the drawer and enter the total (%1):").arg(currency),
                       {},
                       AmountDialog::money(currency,
                                           [this, &z](qint64 minor) -> Status {
                                               auto report = m_shifts.close(m_session, minor);
                                               if (!report)
                                                   return std::unexpected(report.error());
                                               z = *report;
                                               return {};
                                           }),
                       m_parent);
    count.setObjectName(QStringLiteral("closeShiftDialog"));
    count.setHint(tr("The Z report then compares it with the cash expected in the drawer."));
    if (count.exec() != QDialog::Accepted || !z)
        return {};
    m_shiftChanged();
    showReport(*z);

    OpenShiftDialog next(m_shifts, m_session, currency, m_parent);
    next.setHint(tr("The shift is closed. Count the float for the next shift, or quit the "
                    "register."));
    next.setCancelText(tr("Quit the register (Esc)"));
    if (next.exec() != QDialog::Accepted)
        return {tr("Shift closed."), {}, true};
    m_shiftChanged();
    return {tr("Shift closed and a new shift opened."), {}, false};
}

void ShiftFlow::showReport(const ShiftReport& report)
{
    ReportDialog dialog(report, m_settings.storeName, m_settings.registerName, m_parent);
    dialog.exec();
}

} // namespace pos::ui
