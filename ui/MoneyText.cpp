#include "MoneyText.h"

#include "money/Money.h"

namespace pos::ui {

namespace {

double scaled(qint64 value, int decimals)
{
    double d = static_cast<double>(value);
    for (int i = 0; i < decimals; ++i)
        d /= 10.0;
    return d;
}

} // namespace

QString MoneyText::symbolFor(const QString& currency)
{
    if (currency == u"EUR")
        return QStringLiteral("€");
    if (currency == u"USD")
        return QStringLiteral("$");
    if (currency == u"GBP")
        return QStringLiteral("£");
    if (currency == u"JPY")
        return QStringLiteral("¥");
    return currency;
}

QString MoneyText::format(qint64 minor, const QString& currency, const QLocale& locale)
{
    const int decimals = Money::decimalsFor(currency);
    return locale.toCurrencyString(scaled(minor, decimals), symbolFor(currency), decimals);
}

QString MoneyText::quantity(const Quantity& q, bool byWeight, const QLocale& locale)
{
    if (byWeight)
        return QStringLiteral("%1 kg").arg(locale.toString(scaled(q.milli(), 3), 'f', 3));
    if (q.isWhole())
        return locale.toString(q.milli() / Quantity::Scale);
    return locale.toString(scaled(q.milli(), 3), 'f', 3);
}

QString MoneyText::toPlainNumber(const QString& typed, const QLocale& locale)
{
    QString s = typed.trimmed();
    const QString point = locale.decimalPoint();
    if (point != u".")
        s.replace(point, QStringLiteral("."));
    return s;
}

} // namespace pos::ui
