#include "ReportDialog.h"

#include "MoneyText.h"
#include "reports/ShiftReportText.h"

#include <QLabel>

namespace pos::ui {

namespace {

QString headlineOf(const ShiftReport& r)
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

DocumentDialog::Content reportContent(const ShiftReport& r, const QString& storeName,
                                      const QString& registerName)
{
    const bool z = r.isFinal;
    const qint64 no = r.shift.id;
    const QString role = !z                     ? QStringLiteral("reportTitle")
                         : r.overShortMinor < 0 ? QStringLiteral("shortCash")
                                                : QStringLiteral("overCash");
    const QString docName =
        z ? ReportDialog::tr("Z report %1").arg(no) : ReportDialog::tr("X report %1").arg(no);
    return {z ? QStringLiteral("zReport") : QStringLiteral("xReport"),
            z ? ReportDialog::tr("Z report, shift %1").arg(no)
              : ReportDialog::tr("X report, shift %1").arg(no),
            headlineOf(r),
            role,
            formatShiftReport(r, storeName, registerName),
            {docName,
             z ? ReportDialog::tr("z-report-%1.pdf").arg(no)
               : ReportDialog::tr("x-report-%1.pdf").arg(no),
             ReportDialog::tr("Print report"), ReportDialog::tr("Save report as PDF")},
            ReportDialog::tr("Close (Enter)")};
}

} // namespace

ReportDialog::ReportDialog(const ShiftReport& report, const QString& storeName,
                           const QString& registerName, QWidget* parent)
    : DocumentDialog(reportContent(report, storeName, registerName), parent)
{
    headline()->setAccessibleName(tr("Report summary"));
}

} // namespace pos::ui
