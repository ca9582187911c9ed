#include "ReceiptDialog.h"

#include "MoneyText.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardPaths>
#include <QTextDocument>
#include <QVBoxLayout>

namespace pos::ui {

ReceiptDialog::ReceiptDialog(const CompletedSale& sale, const ReceiptHeader& header,
                             QWidget* parent)
    : QDialog(parent), m_text(formatReceipt(sale, header)), m_receiptNo(sale.receiptNo)
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

    m_view = new QPlainTextEdit(m_text, this);
    m_view->setObjectName(QStringLiteral("receiptText"));
    m_view->setAccessibleName(tr("Receipt"));
    m_view->setReadOnly(true);
    m_view->setFocusPolicy(Qt::NoFocus); // Enter and Esc belong to the dialog
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    mono.setFixedPitch(true);
    mono.setPointSize(12);
    m_view->setFont(mono);
    const int columns = 44;
    m_view->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(QString(columns, u'M')) + 40);
    m_view->setMinimumHeight(500);
    layout->addWidget(m_view, 1);

    auto* buttons = new QDialogButtonBox(this);
    auto* printButton = buttons->addButton(tr("Print…"), QDialogButtonBox::ActionRole);
    printButton->setObjectName(QStringLiteral("printButton"));
    printButton->setAutoDefault(false);
    auto* pdfButton = buttons->addButton(tr("Save as PDF…"), QDialogButtonBox::ActionRole);
    pdfButton->setObjectName(QStringLiteral("pdfButton"));
    pdfButton->setAutoDefault(false);
    auto* done = buttons->addButton(tr("New sale (Enter)"), QDialogButtonBox::AcceptRole);
    done->setObjectName(QStringLiteral("receiptDoneButton"));
    done->setProperty("role", QStringLiteral("primary"));
    done->setDefault(true);
    for (QPushButton* b : {printButton, pdfButton, done})
        b->setMinimumHeight(56);
    connect(printButton, &QPushButton::clicked, this, &ReceiptDialog::print);
    connect(pdfButton, &QPushButton::clicked, this, &ReceiptDialog::saveAsPdf);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReceiptDialog::accept);
    layout->addWidget(buttons);
    done->setFocus();
}

void ReceiptDialog::render(QPrinter& printer) const
{
    QTextDocument doc;
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSize(9);
    doc.setDefaultFont(mono);
    doc.setPlainText(m_text);
    doc.print(&printer);
}

void ReceiptDialog::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(tr("Receipt %1").arg(m_receiptNo));
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print receipt"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    render(printer);
}

void ReceiptDialog::saveAsPdf()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = dir + u'/' + tr("receipt-%1.pdf").arg(m_receiptNo);
    QString path = QFileDialog::getSaveFileName(this, tr("Save receipt as PDF"), suggested,
                                                tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(u".pdf", Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setDocName(tr("Receipt %1").arg(m_receiptNo));
    render(printer);
    if (!QFileInfo::exists(path))
        QMessageBox::warning(this, tr("Receipt not saved"),
                             tr("The receipt could not be written to %1.").arg(path));
}

} // namespace pos::ui
