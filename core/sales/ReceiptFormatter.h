#pragma once

#include "sales/SaleService.h"

#include <QString>

namespace pos {

struct ReceiptHeader {
    QString storeName;
    QString registerName;
};

// A receipt as plain monospace text, 42 columns: header, lines (qty x price, discounts), subtotal,
// discounts, tax per class, total, tenders, change, receipt number and time. The UI shows it and
// prints it; no business arithmetic happens here: it formats CompletedSale's numbers only.
QString formatReceipt(const CompletedSale& sale, const ReceiptHeader& header);

} // namespace pos
