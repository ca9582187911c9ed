#pragma once

#include "DocumentDialog.h"
#include "shifts/ShiftService.h"

namespace pos::ui {

// An X report (mid-shift) or a Z report (at close) as core formats it (formatShiftReport), in
// monospace, printable and savable as PDF. A Z report says in big letters whether the drawer was
// over or short. Enter or Esc closes it. Object names: xReportDialog or zReportDialog.
class ReportDialog final : public DocumentDialog {
    Q_OBJECT
public:
    ReportDialog(const ShiftReport& report, const QString& storeName, const QString& registerName,
                 QWidget* parent = nullptr);
};

} // namespace pos::ui
