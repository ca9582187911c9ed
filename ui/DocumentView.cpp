#include "DocumentView.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardPaths>
#include <QTextDocument>
#include <QVBoxLayout>

namespace pos::ui {

DocumentView::DocumentView(const QString& text, Names names, QWidget* parent)
    : QWidget(parent), m_text(text), m_names(std::move(names))
{
    setObjectName(QStringLiteral("documentView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new QPlainTextEdit(m_text, this);
    m_view->setProperty("role", QStringLiteral("document"));
    m_view->setAccessibleName(m_names.docName);
    m_view->setReadOnly(true);
    m_view->setFocusPolicy(Qt::NoFocus); // Enter and Esc belong to the dialog
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    mono.setFixedPitch(true);
    mono.setPointSize(12);
    m_view->setFont(mono);
    // Core's documents are 42 columns wide.
    const int columns = 44;
    m_view->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(QString(columns, u'M')) + 40);
    m_view->setMinimumHeight(500);
    layout->addWidget(m_view);
}

QPushButton* DocumentView::addButtonsTo(QDialogButtonBox* buttons, const QString& doneText,
                                        const QString& doneName)
{
    auto* printButton = buttons->addButton(tr("Print…"), QDialogButtonBox::ActionRole);
    printButton->setObjectName(QStringLiteral("printButton"));
    auto* pdfButton = buttons->addButton(tr("Save as PDF…"), QDialogButtonBox::ActionRole);
    pdfButton->setObjectName(QStringLiteral("pdfButton"));
    // Made here, not by the button box, so its style sheet role is set before it is polished.
    auto* done = new QPushButton(doneText, buttons);
    done->setObjectName(doneName);
    done->setProperty("role", QStringLiteral("primary"));
    buttons->addButton(done, QDialogButtonBox::AcceptRole);
    done->setDefault(true);
    for (QPushButton* b : {printButton, pdfButton, done}) {
        b->setAutoDefault(b == done);
        b->setMinimumHeight(56);
    }
    connect(printButton, &QPushButton::clicked, this, &DocumentView::print);
    connect(pdfButton, &QPushButton::clicked, this, &DocumentView::saveAsPdf);
    return done;
}

void DocumentView::render(QPrinter& printer) const
{
    QTextDocument doc;
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSize(9);
    doc.setDefaultFont(mono);
    doc.setPlainText(m_text);
    doc.print(&printer);
}

void DocumentView::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(m_names.docName);
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(m_names.printTitle);
    if (dialog.exec() != QDialog::Accepted)
        return;
    render(printer);
}

void DocumentView::saveAsPdf()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = dir + u'/' + m_names.fileName;
    QString path =
        QFileDialog::getSaveFileName(this, m_names.saveTitle, suggested, tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(u".pdf", Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setDocName(m_names.docName);
    render(printer);
    if (!QFileInfo::exists(path))
        QMessageBox::warning(this, tr("Not saved"),
                             tr("%1 could not be written to %2.").arg(m_names.docName, path));
}

} // namespace pos::ui
