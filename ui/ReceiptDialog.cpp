#include "ReceiptDialog.h"

#include "DocumentView.h"
#include "MoneyText.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos::ui {

ReceiptDialog::ReceiptDialog(const CompletedSale& sale, const ReceiptHeader& header,
                             QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("receiptDialog"));
    setWindowTitle(tr("Receipt %1").arg(sale.receiptNo));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_change = new QLabel(
        sale.changeMinor == 0
            ? tr("NO CHANGE DUE")
            : tr("CHANGE DUE: %1").arg(MoneyText::format(sale.changeMinor, sale.totals.currency)),
        this);
    m_change->setObjectName(QStringLiteral("receiptChangeLabel"));
    m_change->setAccessibleName(tr("Change due"));
    m_change->setProperty("role", QStringLiteral("change"));
    m_change->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_change);

    m_document = new DocumentView(formatReceipt(sale, header),
                                  {tr("Receipt %1").arg(sale.receiptNo),
                                   tr("receipt-%1.pdf").arg(sale.receiptNo), tr("Print receipt"),
                                   tr("Save receipt as PDF")},
                                  this);
    m_document->view()->setObjectName(QStringLiteral("receiptText"));
    layout->addWidget(m_document, 1);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* done = m_document->addButtonsTo(buttons, tr("New sale (Enter)"),
                                                 QStringLiteral("receiptDoneButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ReceiptDialog::accept);
    layout->addWidget(buttons);
    done->setFocus();
}

QString ReceiptDialog::receiptText() const
{
    return m_document->text();
}

} // namespace pos::ui
