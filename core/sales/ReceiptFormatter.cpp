#include "sales/ReceiptFormatter.h"

#include <QStringList>

#include <algorithm>

namespace pos {

namespace {

constexpr qsizetype Width = 42;

QString rule(QChar c = u'-')
{
    return QString(Width, c);
}

QString centered(const QString& text)
{
    const QString t = text.left(Width);
    const qsizetype pad = (Width - t.size()) / 2;
    return QString(pad, u' ') + t;
}

// "left ........ right" in exactly Width columns; the left text gives way to the right one.
QString row(const QString& left, const QString& right)
{
    if (right.isEmpty())
        return left.left(Width);
    const qsizetype room = Width - right.size() - 1;
    QString l = left;
    if (l.size() > room)
        l = room > 1 ? l.left(room - 1) + u'~' : QString();
    return l + QString(Width - l.size() - right.size(), u' ') + right;
}

// 190000 ppm -> "19%", 82500 -> "8.25%", 0 -> "0%".
QString percent(qint64 ppm)
{
    QString s = QString::number(ppm / 10000);
    QString frac = QString::number(ppm % 10000).rightJustified(4, u'0');
    while (frac.endsWith(u'0'))
        frac.chop(1);
    if (!frac.isEmpty())
        s += u'.' + frac;
    return s + u'%';
}

// 250 -> "0.250", 1500 -> "1.500" (weights always with three decimals).
QString weight(qint64 milli)
{
    return QString::number(milli / 1000) + u'.' +
           QString::number(milli % 1000).rightJustified(3, u'0');
}

} // namespace

QString formatReceipt(const CompletedSale& sale, const ReceiptHeader& header)
{
    const QString& cur = sale.totals.currency;
    const auto m = [&](qint64 minor) -> QString {
        return Money(minor, cur).toPlainString();
    };
    const auto neg = [&](qint64 minor) -> QString {
        return u'-' + Money(minor, cur).toPlainString();
    };

    QStringList out;
    if (!header.storeName.isEmpty())
        out << centered(header.storeName);
    if (!header.registerName.isEmpty())
        out << centered(header.registerName);
    out << row(QStringLiteral("Receipt %1").arg(sale.receiptNo),
               sale.completedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    out << rule();

    for (qsizetype i = 0; i < sale.lines.size() && i < sale.totals.lines.size(); ++i) {
        const CartLine& l = sale.lines[i];
        const PricedLine& p = sale.totals.lines[i];
        out << l.name.left(Width);
        const QString qty =
            l.soldByWeight
                ? QStringLiteral("%1 kg x %2/kg")
                      .arg(weight(l.quantity.milli()), m(l.unitPriceMinor))
                : QStringLiteral("%1 x %2").arg(l.quantity.toString(), m(l.unitPriceMinor));
        out << row(QStringLiteral("  ") + qty, m(p.grossMinor));
        if (p.lineDiscountMinor > 0)
            out << row(QStringLiteral("  Discount"), neg(p.lineDiscountMinor));
    }
    out << rule();
    out << row(QStringLiteral("Subtotal"), m(sale.totals.subtotalMinor));
    if (sale.totals.discountMinor > 0)
        out << row(QStringLiteral("Discounts"), neg(sale.totals.discountMinor));
    for (const TaxSummary& t : sale.totals.taxes) {
        if (!t.inclusive)
            out << row(QStringLiteral("Tax %1 %2").arg(t.code, percent(t.ratePpm)), m(t.taxMinor));
    }
    out << row(QStringLiteral("TOTAL ") + cur, m(sale.totals.totalMinor));
    for (const TaxSummary& t : sale.totals.taxes) {
        if (t.inclusive)
            out << row(QStringLiteral("  incl. tax %1 %2 on %3")
                           .arg(t.code, percent(t.ratePpm), m(t.netMinor)),
                       m(t.taxMinor));
    }
    out << rule();
    for (const Tender& t : sale.tenders) {
        if (t.kind == TenderKind::Card)
            out << row(QStringLiteral("Card ref %1").arg(t.reference), m(t.amountMinor));
        else
            out << row(QStringLiteral("Cash"), m(t.tenderedMinor));
    }
    const bool anyCash = std::any_of(sale.tenders.cbegin(), sale.tenders.cend(),
                                     [](const Tender& t) { return t.kind == TenderKind::Cash; });
    if (anyCash || sale.changeMinor > 0)
        out << row(QStringLiteral("Change due"), m(sale.changeMinor));
    out << rule();
    out << row(QStringLiteral("Cashier: %1").arg(sale.cashier), QString());
    out << centered(QStringLiteral("Thank you"));
    return out.join(u'\n') + u'\n';
}

} // namespace pos
