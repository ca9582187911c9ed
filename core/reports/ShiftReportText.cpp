#include "reports/ShiftReportText.h"

#include "money/Money.h"

namespace pos {

namespace {

QString row(const QString& label, const QString& value, int width = 42)
{
    const qsizetype pad = std::max<qsizetype>(1, width - label.size() - value.size());
    return label + QString(pad, u' ') + value + u'\n';
}

QString rate(qint64 ppm)
{
    // 190000 -> "19%", 72500 -> "7.25%"
    QString s = QString::number(ppm / 10000);
    qint64 frac = ppm % 10000;
    if (frac != 0) {
        QString f = QString::number(frac).rightJustified(4, u'0');
        while (f.endsWith(u'0'))
            f.chop(1);
        s += u'.' + f;
    }
    return s + u'%';
}

} // namespace

QString formatShiftReport(const ShiftReport& r, const QString& storeName,
                          const QString& registerName)
{
    const QString cur = r.shift.currency;
    const auto money = [&](qint64 minor) {
        return Money(minor, cur).toPlainString();
    };
    const QString line(42, u'-');
    QString out;
    out += (r.isFinal ? QStringLiteral("Z REPORT (shift closed)")
                      : QStringLiteral("X REPORT (mid-shift)")) +
           u'\n';
    out += storeName + QStringLiteral(" / ") + registerName + u'\n';
    out += row(QStringLiteral("Opened"), r.shift.openedAt.toString(Qt::ISODate));
    out += row(QStringLiteral("Opened by"), r.shift.openedBy);
    if (r.isFinal) {
        out += row(QStringLiteral("Closed"), r.shift.closedAt.toString(Qt::ISODate));
        out += row(QStringLiteral("Closed by"), r.shift.closedBy);
    }
    out += line + u'\n';
    out += row(QStringLiteral("Sales"), QString::number(r.salesCount));
    out += row(QStringLiteral("Gross sales ") + cur, money(r.grossMinor));
    out += row(QStringLiteral("Discounts"), money(r.discountMinor));
    out += row(QStringLiteral("Tax"), money(r.taxMinor));
    for (const TaxLine& t : r.taxes)
        out += row(QStringLiteral("  ") + t.code + u' ' + rate(t.ratePpm) + QStringLiteral(" on ") +
                       money(t.netMinor),
                   money(t.taxMinor));
    out += row(QStringLiteral("Card"), money(r.cardSalesMinor));
    out += row(QStringLiteral("Cash"), money(r.cashSalesMinor));
    out += row(QStringLiteral("Refunds (%1)").arg(r.refundsCount), money(r.refundsMinor));
    out += row(QStringLiteral("  to cards"), money(r.cardRefundsMinor));
    out += row(QStringLiteral("No-sale drawer opens"), QString::number(r.noSaleCount));
    out += line + u'\n';
    out += row(QStringLiteral("Float"), money(r.shift.floatMinor));
    out += row(QStringLiteral("Cash in"), money(r.cashInMinor));
    out += row(QStringLiteral("Cash out"), money(r.cashOutMinor));
    out += row(QStringLiteral("Cash refunds"), money(r.cashRefundsMinor));
    out += row(QStringLiteral("Expected in drawer"), money(r.expectedCashMinor));
    if (r.isFinal) {
        out += row(QStringLiteral("Counted"), money(r.countedCashMinor));
        out += row(r.overShortMinor < 0 ? QStringLiteral("Short") : QStringLiteral("Over"),
                   money(r.overShortMinor < 0 ? -r.overShortMinor : r.overShortMinor));
    }
    return out;
}

} // namespace pos
