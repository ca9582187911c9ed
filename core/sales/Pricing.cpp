#include "sales/Pricing.h"

#include "money/Checked.h"
#include "money/Quantity.h"

#include <algorithm>
#include <numeric>

namespace pos {

namespace {

constexpr qint64 PpmScale = 1'000'000;

} // namespace

Result<qint64> lineGross(qint64 unitPriceMinor, qint64 qtyMilli)
{
    return checked::mulDivRound(unitPriceMinor, qtyMilli, Quantity::Scale);
}

Result<QList<qint64>> allocateDiscount(qint64 discountMinor, const QList<qint64>& amounts)
{
    QList<qint64> shares(amounts.size(), 0);
    if (discountMinor < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a discount cannot be negative"));
    qint64 sum = 0;
    for (qint64 a : amounts) {
        if (a < 0)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("a line amount cannot be negative"));
        if (auto s = checked::addTo(sum, a); !s)
            return std::unexpected(s.error());
    }
    if (discountMinor > sum)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the order discount is more than the amount it applies to"));
    if (discountMinor == 0)
        return shares;

    using checked::Int128;
    QList<Int128> remainders(amounts.size(), 0);
    qint64 given = 0;
    for (qsizetype i = 0; i < amounts.size(); ++i) {
        const Int128 p = static_cast<Int128>(discountMinor) * amounts[i];
        // floor(D x a / S) <= a because D <= S, so it fits in 64 bits.
        shares[i] = static_cast<qint64>(p / sum);
        remainders[i] = p % sum;
        given += shares[i]; // <= D: cannot overflow
    }
    qint64 missing = discountMinor - given; // < number of lines with a remainder
    QList<qsizetype> order(amounts.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return remainders[a] > remainders[b]; });
    for (qsizetype k = 0; k < order.size() && missing > 0; ++k, --missing)
        ++shares[order[k]];
    if (missing != 0)
        return fail(ErrorCode::Internal,
                    QStringLiteral("the order discount could not be allocated exactly"));
    return shares;
}

Result<CartTotals> priceLines(const QString& currency, const QList<CartLine>& lines,
                              qint64 orderDiscountMinor)
{
    CartTotals t;
    t.currency = currency;
    t.lines.reserve(lines.size());

    QList<qint64> afterLineDiscount;
    afterLineDiscount.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const CartLine& l = lines[i];
        if (l.unitPriceMinor < 0)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: a price cannot be negative").arg(i + 1));
        if (l.quantity.milli() <= 0 || l.quantity.milli() > Quantity::MaxMilli)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: the quantity is out of range").arg(i + 1));
        if (l.tax.ratePpm < 0 || l.tax.ratePpm > PpmScale)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: the tax rate is out of range").arg(i + 1));
        auto gross = lineGross(l.unitPriceMinor, l.quantity.milli());
        if (!gross)
            return std::unexpected(gross.error());
        if (l.lineDiscountMinor < 0 || l.lineDiscountMinor > *gross)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: the discount must be between 0 and the line's "
                                       "amount")
                            .arg(i + 1));
        PricedLine p;
        p.grossMinor = *gross;
        p.lineDiscountMinor = l.lineDiscountMinor;
        t.lines.append(p);
        afterLineDiscount.append(*gross - l.lineDiscountMinor);
    }

    auto shares = allocateDiscount(orderDiscountMinor, afterLineDiscount);
    if (!shares)
        return std::unexpected(shares.error());

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const CartLine& l = lines[i];
        PricedLine& p = t.lines[i];
        p.orderDiscountMinor = (*shares)[i];
        const qint64 amount = afterLineDiscount[i] - p.orderDiscountMinor; // >= 0, see allocation
        const qint64 rate = l.tax.ratePpm;
        if (l.tax.inclusive) {
            auto tax = checked::mulDivRound(amount, rate, PpmScale + rate);
            if (!tax)
                return std::unexpected(tax.error());
            p.taxMinor = *tax;
            p.netMinor = amount - *tax; // tax <= amount
            p.totalMinor = amount;
        } else {
            auto tax = checked::mulDivRound(amount, rate, PpmScale);
            if (!tax)
                return std::unexpected(tax.error());
            auto total = checked::add(amount, *tax);
            if (!total)
                return std::unexpected(total.error());
            p.taxMinor = *tax;
            p.netMinor = amount;
            p.totalMinor = *total;
        }

        auto discount = checked::add(p.lineDiscountMinor, p.orderDiscountMinor);
        if (!discount)
            return std::unexpected(discount.error());
        for (auto s :
             {checked::addTo(t.subtotalMinor, p.grossMinor),
              checked::addTo(t.discountMinor, *discount), checked::addTo(t.taxMinor, p.taxMinor),
              checked::addTo(t.totalMinor, p.totalMinor)}) {
            if (!s)
                return std::unexpected(s.error());
        }

        auto it = std::find_if(t.taxes.begin(), t.taxes.end(), [&](const TaxSummary& s) {
            return s.code == l.tax.code && s.ratePpm == rate && s.inclusive == l.tax.inclusive;
        });
        if (it == t.taxes.end()) {
            t.taxes.append(TaxSummary{l.tax.code, rate, l.tax.inclusive, 0, 0});
            it = t.taxes.end() - 1;
        }
        if (auto s = checked::addTo(it->netMinor, p.netMinor); !s)
            return std::unexpected(s.error());
        if (auto s = checked::addTo(it->taxMinor, p.taxMinor); !s)
            return std::unexpected(s.error());
    }
    return t;
}

} // namespace pos
