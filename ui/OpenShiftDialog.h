#pragma once

#include "AmountDialog.h"
#include "shifts/ShiftService.h"

namespace pos::ui {

// Shown at start when no shift is open: the cashier counts the float into the drawer and the
// shift opens through ShiftService with that amount.
class OpenShiftDialog final : public AmountDialog {
    Q_OBJECT
public:
    OpenShiftDialog(ShiftService& shifts, const Session& session, const QString& currency,
                    QWidget* parent = nullptr);
};

} // namespace pos::ui
