#include "money/Money.h"

#include "money/Checked.h"

#include <QStringList>

namespace pos {

namespace {
Status sameCurrency(const Money& a, const Money& b)
{
    if (a.currency() != b.currency())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("cannot mix currencies %1 and %2").arg(a.currency(), b.currency()));
    return {};
}
} // namespace

Result<Money> Money::plus(const Money& other) const
{
    if (auto s = sameCurrency(*this, other); !s)
        return std::unexpected(s.error());
    auto r = checked::add(m_minor, other.m_minor);
    if (!r)
        return std::unexpected(r.error());
    return Money(*r, m_currency);
}

Result<Money> Money::minus(const Money& other) const
{
    if (auto s = sameCurrency(*this, other); !s)
        return std::unexpected(s.error());
    auto r = checked::sub(m_minor, other.m_minor);
    if (!r)
        return std::unexpected(r.error());
    return Money(*r, m_currency);
}

Result<Money> Money::times(qint64 factor) const
{
    auto r = checked::mul(m_minor, factor);
    if (!r)
        return std::unexpected(r.error());
    return Money(*r, m_currency);
}

int Money::decimalsFor(const QString& currency)
{
    static const QStringList zero = {QStringLiteral("JPY"), QStringLiteral("KRW"),
                                     QStringLiteral("ISK"), QStringLiteral("CLP"),
                                     QStringLiteral("VND")};
    static const QStringList three = {QStringLiteral("BHD"), QStringLiteral("KWD"),
                                      QStringLiteral("OMR"), QStringLiteral("JOD"),
                                      QStringLiteral("TND")};
    if (zero.contains(currency))
        return 0;
    if (three.contains(currency))
        return 3;
    return 2;
}

Result<qint64> Money::parseMinor(QStringView text, int decimals, bool allowNegative)
{
    const QStringView t = text.trimmed();
    const auto bad = [&] {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1' is not an amount (use digits and an optional '.' with at "
                                   "most %2 decimals)")
                        .arg(t.left(32).toString())
                        .arg(decimals));
    };
    if (t.isEmpty())
        return bad();
    qsizetype i = 0;
    bool negative = false;
    if (t[0] == u'-' || t[0] == u'+') {
        negative = t[0] == u'-';
        ++i;
    }
    if (negative && !allowNegative)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1': a negative amount is not allowed here")
                        .arg(t.left(32).toString()));
    qint64 value = 0;
    int fractionDigits = -1;
    bool anyDigit = false;
    for (; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c == u'.' || c == u',') {
            if (fractionDigits >= 0 || decimals == 0)
                return bad();
            fractionDigits = 0;
            continue;
        }
        if (c < u'0' || c > u'9')
            return bad();
        if (fractionDigits >= 0 && ++fractionDigits > decimals)
            return bad();
        anyDigit = true;
        auto m = checked::mul(value, 10);
        if (!m)
            return std::unexpected(m.error());
        auto a = checked::add(*m, c.unicode() - u'0');
        if (!a)
            return std::unexpected(a.error());
        value = *a;
    }
    if (!anyDigit)
        return bad();
    for (int k = std::max(fractionDigits, 0); k < decimals; ++k) {
        auto m = checked::mul(value, 10);
        if (!m)
            return std::unexpected(m.error());
        value = *m;
    }
    return negative ? -value : value;
}

Result<Money> Money::parse(QStringView text, const QString& currency, bool allowNegative)
{
    auto minor = parseMinor(text, decimalsFor(currency), allowNegative);
    if (!minor)
        return std::unexpected(minor.error());
    return Money(*minor, currency);
}

QString Money::toPlainString() const
{
    const int decimals = decimalsFor(m_currency);
    const bool negative = m_minor < 0;
    // Work in unsigned so that the most negative value formats correctly.
    quint64 abs = negative ? 0 - static_cast<quint64>(m_minor) : static_cast<quint64>(m_minor);
    quint64 scale = 1;
    for (int k = 0; k < decimals; ++k)
        scale *= 10;
    QString s = QString::number(abs / scale);
    if (decimals > 0)
        s += u'.' + QString::number(abs % scale).rightJustified(decimals, u'0');
    return negative ? u'-' + s : s;
}

QString Money::toString() const
{
    return m_currency + u' ' + toPlainString();
}

} // namespace pos
