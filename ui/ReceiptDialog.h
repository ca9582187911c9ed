#pragma once

#include "sales/ReceiptFormatter.h"

#include <QDialog>

class QLabel;

namespace pos::ui {

class DocumentView;

// The completed sale's receipt as core formats it, with the change due in big letters. Print and
// Save as PDF; Enter or Esc closes it and the counter starts a new sale.
class ReceiptDialog final : public QDialog {
    Q_OBJECT
public:
    ReceiptDialog(const CompletedSale& sale, const ReceiptHeader& header,
                  QWidget* parent = nullptr);

    QString receiptText() const;

private:
    DocumentView* m_document = nullptr;
    QLabel* m_change = nullptr;
};

} // namespace pos::ui
