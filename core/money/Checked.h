#pragma once

#include "Error.h"

#include <QtGlobal>
#include <limits>

namespace pos::checked {

__extension__ using Int128 = __int128;

// Integer arithmetic for money and quantities: every step is checked, overflow is an error and
// never a wrap.
inline Result<qint64> add(qint64 a, qint64 b)
{
    qint64 r = 0;
    if (__builtin_add_overflow(a, b, &r))
        return fail(ErrorCode::Overflow, QStringLiteral("amount is too large"));
    return r;
}

inline Result<qint64> sub(qint64 a, qint64 b)
{
    qint64 r = 0;
    if (__builtin_sub_overflow(a, b, &r))
        return fail(ErrorCode::Overflow, QStringLiteral("amount is too large"));
    return r;
}

inline Result<qint64> mul(qint64 a, qint64 b)
{
    qint64 r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        return fail(ErrorCode::Overflow, QStringLiteral("amount is too large"));
    return r;
}

// Adds b to a in place; on overflow a stays as it was.
inline Status addTo(qint64& a, qint64 b)
{
    auto r = add(a, b);
    if (!r)
        return std::unexpected(r.error());
    a = *r;
    return {};
}

// a * num / den, rounded half away from zero. The product is formed in 128 bits, so only the
// final result can overflow.
inline Result<qint64> mulDivRound(qint64 a, qint64 num, qint64 den)
{
    if (den == 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("division by zero"));
    Int128 p = static_cast<Int128>(a) * num;
    const bool negative = (p < 0) != (den < 0);
    Int128 absP = p < 0 ? -p : p;
    Int128 absD = den < 0 ? -static_cast<Int128>(den) : den;
    Int128 q = absP / absD;
    const Int128 rem = absP % absD;
    if (rem * 2 >= absD)
        ++q;
    if (negative)
        q = -q;
    if (q > std::numeric_limits<qint64>::max() || q < std::numeric_limits<qint64>::min())
        return fail(ErrorCode::Overflow, QStringLiteral("amount is too large"));
    return static_cast<qint64>(q);
}

} // namespace pos::checked
