#include "ReceiptDialog.h"

#include "MoneyText.h"

#include <QLabel>

namespace pos::ui {

namespace {

DocumentDialog::Content receiptContent(const CompletedSale& sale, const ReceiptHeader& header)
{
    const QString change =
        sale.changeMinor == 0 ? ReceiptDialog::tr("NO CHANGE DUE")
                              : ReceiptDialog::tr("CHANGE DUE: %1")
                                    .arg(MoneyText::format(sale.changeMinor, sale.totals.currency));
    const QString docName = ReceiptDialog::tr("Receipt %1").arg(sale.receiptNo);
    return {QStringLiteral("receipt"),
            docName,
            change,
            QStringLiteral("change"),
            formatReceipt(sale, header),
            {docName, ReceiptDialog::tr("receipt-%1.pdf").arg(sale.receiptNo),
             ReceiptDialog::tr("Print receipt"), ReceiptDialog::tr("Save receipt as PDF")},
            ReceiptDialog::tr("New sale (Enter)")};
}

} // namespace

ReceiptDialog::ReceiptDialog(const CompletedSale& sale, const ReceiptHeader& header,
                             QWidget* parent)
    : DocumentDialog(receiptContent(sale, header), parent)
{
    headline()->setObjectName(QStringLiteral("receiptChangeLabel"));
    headline()->setAccessibleName(tr("Change due"));
}

} // namespace pos::ui
