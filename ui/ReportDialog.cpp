#include "ReportDialog.h"

#include "DocumentView.h"
#include "MoneyText.h"
#include "reports/ShiftReportText.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

QString headline(const ShiftReport& r)
{
    if (!r.isFinal)
        return ReportDialog::tr("X report: figures so far, the shift stays open");
    const QString amount = MoneyText::format(std::abs(r.overShortMinor), r.shift.currency);
    if (r.overShortMinor > 0)
        return ReportDialog::tr("Shift closed. Drawer OVER by %1").arg(amount);
    if (r.overShortMinor < 0)
        return ReportDialog::tr("Shift closed. Drawer SHORT by %1").arg(amount);
    return ReportDialog::tr("Shift closed. The drawer balances");
}

} // namespace

ReportDialog::ReportDialog(const ShiftReport& report, const QString& storeName,
                           const QString& registerName, QWidget* parent)
    : QDialog(parent)
{
    const bool z = report.isFinal;
    const qint64 shiftNo = report.shift.id;
    setObjectName(z ? QStringLiteral("zReportDialog") : QStringLiteral("xReportDialog"));
    setWindowTitle(z ? tr("Z report, shift %1").arg(shiftNo)
                     : tr("X report, shift %1").arg(shiftNo));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_headline = new QLabel(headline(report), this);
    m_headline->setObjectName(QStringLiteral("reportHeadline"));
    m_headline->setAccessibleName(tr("Report summary"));
    m_headline->setAlignment(Qt::AlignCenter);
    m_headline->setWordWrap(true);
    const QString role = !z                          ? QStringLiteral("reportTitle")
                         : report.overShortMinor < 0 ? QStringLiteral("shortCash")
                                                     : QStringLiteral("overCash");
    m_headline->setProperty("role", role);
    layout->addWidget(m_headline);

    const QString docName = z ? tr("Z report %1").arg(shiftNo) : tr("X report %1").arg(shiftNo);
    m_document = new DocumentView(
        formatShiftReport(report, storeName, registerName),
        {docName, z ? tr("z-report-%1.pdf").arg(shiftNo) : tr("x-report-%1.pdf").arg(shiftNo),
         tr("Print report"), tr("Save report as PDF")},
        this);
    m_document->view()->setObjectName(QStringLiteral("reportText"));
    layout->addWidget(m_document, 1);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* done =
        m_document->addButtonsTo(buttons, tr("Close (Enter)"), QStringLiteral("reportDoneButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ReportDialog::accept);
    layout->addWidget(buttons);
    done->setFocus();
}

QString ReportDialog::reportText() const
{
    return m_document->text();
}

} // namespace pos::ui
