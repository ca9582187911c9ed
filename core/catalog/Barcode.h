#pragma once

#include "Error.h"

#include <QString>

namespace pos {

enum class BarcodeKind { Ean13, Ean8, UpcA, Internal };

struct Barcode {
    BarcodeKind kind = BarcodeKind::Internal;
    QString code; // trimmed; UPC-A stays 12 digits
};

// Validates what a scanner or a person typed. All-digit codes of length 8, 12 or 13 are EAN-8,
// UPC-A and EAN-13 and must carry a correct check digit. Other codes are internal: 1 to 32
// characters of A-Z a-z 0-9 - _ . and not one of the lengths above when all digits. Anything else
// (control characters, spaces inside, a wrong check digit) is a clear InvalidInput error.
Result<Barcode> validateBarcode(QStringView text);

// The GS1 check digit for the digits before it (used by tests and by demo data).
int gs1CheckDigit(QStringView digitsWithoutCheck);

} // namespace pos
