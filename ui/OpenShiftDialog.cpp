#include "OpenShiftDialog.h"

#include "money/Money.h"

namespace pos::ui {

OpenShiftDialog::OpenShiftDialog(ShiftService& shifts, const Session& session,
                                 const QString& currency, QWidget* parent)
    : AmountDialog(
          tr("Open shift"),
          tr("No shift is open on this register. Count the cash in the drawer and enter the "
             "opening float (%1):")
              .arg(currency),
          QStringLiteral("0"),
          money(currency,
                [&shifts, session](qint64 minor) -> Status {
                    auto shift = shifts.open(session, minor);
                    if (!shift)
                        return std::unexpected(shift.error());
                    return {};
                }),
          parent)
{
    setObjectName(QStringLiteral("openShiftDialog"));
    setHint(tr("Cashier: %1").arg(session.userName));
}

} // namespace pos::ui
