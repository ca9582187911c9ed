#pragma once

#include "Error.h"

#include <QString>

namespace pos {

// A quantity in thousandths: 1 piece is 1000, 0.250 kg is 250. Weighed goods use the fraction;
// counted goods use whole multiples of 1000.
class Quantity {
public:
    static constexpr qint64 Scale = 1000;
    // Refuse anything above a million units on one line: a scale or keying error, not a sale.
    static constexpr qint64 MaxMilli = 1'000'000 * Scale;

    Quantity() = default;
    static Quantity fromMilli(qint64 milli) { return Quantity(milli); }
    static Quantity units(qint64 n) { return Quantity(n * Scale); }

    qint64 milli() const { return m_milli; }
    bool isWhole() const { return m_milli % Scale == 0; }

    // "3", "0.250", "1.5": positive, at most 3 decimals, at most MaxMilli.
    static Result<Quantity> parse(QStringView text);
    static Result<Quantity> checkedFromMilli(qint64 milli);
    QString toString() const; // "3", "0.25", "1.5"

    friend bool operator==(const Quantity&, const Quantity&) = default;

private:
    explicit Quantity(qint64 milli) : m_milli(milli) {}
    qint64 m_milli = Scale;
};

} // namespace pos
