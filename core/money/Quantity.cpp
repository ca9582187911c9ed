#include "money/Quantity.h"

#include "money/Money.h"

namespace pos {

Result<Quantity> Quantity::checkedFromMilli(qint64 milli)
{
    if (milli <= 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("quantity must be more than zero"));
    if (milli > MaxMilli)
        return fail(ErrorCode::Overflow,
                    QStringLiteral("quantity is too large (at most %1)").arg(MaxMilli / Scale));
    return Quantity(milli);
}

Result<Quantity> Quantity::parse(QStringView text)
{
    auto milli = Money::parseMinor(text, 3, true);
    if (!milli) {
        if (milli.error().code == ErrorCode::Overflow)
            return fail(ErrorCode::Overflow, QStringLiteral("quantity is too large"));
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1' is not a quantity (use a number with at most 3 decimals)")
                        .arg(text.trimmed().left(32).toString()));
    }
    return checkedFromMilli(*milli);
}

QString Quantity::toString() const
{
    QString s = QString::number(m_milli / Scale);
    qint64 frac = m_milli % Scale;
    if (frac != 0) {
        QString f = QString::number(frac).rightJustified(3, u'0');
        while (f.endsWith(u'0'))
            f.chop(1);
        s += u'.' + f;
    }
    return s;
}

} // namespace pos
