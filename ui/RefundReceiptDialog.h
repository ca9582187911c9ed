#pragma once

#include "DocumentDialog.h"
#include "sales/ReceiptFormatter.h"
#include "sales/RefundService.h"

namespace pos::ui {

// The refund receipt after a refund or return: what came back, what went back to which tender,
// who did it and who approved it, with the amount given back in big letters. Print and Save as
// PDF like a sale's receipt; Enter or Esc closes it.
class RefundReceiptDialog final : public DocumentDialog {
    Q_OBJECT
public:
    RefundReceiptDialog(const Refund& refund, const ReceiptHeader& header,
                        QWidget* parent = nullptr);

    // The refund as 42-column text, like formatReceipt: core's numbers, formatted only.
    static QString format(const Refund& refund, const ReceiptHeader& header);
};

} // namespace pos::ui
