#pragma once

#include "sales/ReceiptFormatter.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPrinter;

namespace pos::ui {

// The completed sale's receipt as core formats it, with the change due in big letters. Print and
// Save as PDF; Enter or Esc closes it and the counter starts a new sale.
class ReceiptDialog final : public QDialog {
    Q_OBJECT
public:
    ReceiptDialog(const CompletedSale& sale, const ReceiptHeader& header,
                  QWidget* parent = nullptr);

    QString receiptText() const { return m_text; }

public slots:
    void print();
    void saveAsPdf();

private:
    void render(QPrinter& printer) const;

    QString m_text;
    qint64 m_receiptNo = 0;
    QPlainTextEdit* m_view = nullptr;
    QLabel* m_change = nullptr;
};

} // namespace pos::ui
