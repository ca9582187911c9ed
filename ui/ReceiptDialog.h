#pragma once

#include "DocumentDialog.h"
#include "sales/ReceiptFormatter.h"

namespace pos::ui {

// The completed sale's receipt as core formats it, with the change due in big letters. Print and
// Save as PDF; Enter or Esc closes it and the counter starts a new sale.
class ReceiptDialog final : public DocumentDialog {
    Q_OBJECT
public:
    ReceiptDialog(const CompletedSale& sale, const ReceiptHeader& header,
                  QWidget* parent = nullptr);

    QString receiptText() const { return text(); }
};

} // namespace pos::ui
