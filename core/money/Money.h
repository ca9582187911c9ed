#pragma once

#include "Error.h"

#include <QString>

namespace pos {

// An amount of money in integer minor units (cents) of one currency. All arithmetic is checked:
// mixing currencies or leaving the 64-bit range is an error, never a silent wrap or a rounding.
class Money {
public:
    Money() = default;
    Money(qint64 minor, QString currency) : m_minor(minor), m_currency(std::move(currency)) {}

    qint64 minor() const { return m_minor; }
    const QString& currency() const { return m_currency; }
    bool isZero() const { return m_minor == 0; }
    bool isNegative() const { return m_minor < 0; }

    Result<Money> plus(const Money& other) const;
    Result<Money> minus(const Money& other) const;
    Result<Money> times(qint64 factor) const;

    // "12.34", "12", "-0.50" (negative only when allowNegative). Exactly the currency's number of
    // decimals or fewer; no thousands separators, no exponent. A clear error otherwise.
    static Result<Money> parse(QStringView text, const QString& currency,
                               bool allowNegative = false);
    static Result<qint64> parseMinor(QStringView text, int decimals, bool allowNegative);

    // "12.34" (no currency sign; the UI adds that with QLocale).
    QString toPlainString() const;
    // "EUR 12.34"
    QString toString() const;

    static int decimalsFor(const QString& currency);

    friend bool operator==(const Money&, const Money&) = default;

private:
    qint64 m_minor = 0;
    QString m_currency;
};

} // namespace pos
