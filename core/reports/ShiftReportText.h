#pragma once

#include "shifts/ShiftService.h"

#include <QString>

namespace pos {

// An X or Z report as plain text for the terminal (posctl report) and the screen. Formatting only:
// every figure comes from ShiftService.
QString formatShiftReport(const ShiftReport& report, const QString& storeName,
                          const QString& registerName);

} // namespace pos
