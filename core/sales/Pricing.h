#pragma once

#include "Error.h"
#include "sales/Cart.h"

#include <QList>

namespace pos {

// The pricing rule of docs/money.md, in one place. Cart::totals() calls it; so does the sale
// engine when it re-prices a cart. InvalidInput when the lines break the cart's invariants (a
// line discount above the line's gross, an order discount above the sum after line discounts, a
// tax rate outside 0..100 %), Overflow when any figure leaves the 64-bit range.
Result<CartTotals> priceLines(const QString& currency, const QList<CartLine>& lines,
                              qint64 orderDiscountMinor);

// Gross of one line: round(unit price x qty_milli / 1000), half away from zero.
Result<qint64> lineGross(qint64 unitPriceMinor, qint64 qtyMilli);

// Splits discountMinor over the amounts by largest remainder (ties to the earlier entry). The
// shares add up to discountMinor exactly. Requires 0 <= discount <= sum(amounts), amounts >= 0.
Result<QList<qint64>> allocateDiscount(qint64 discountMinor, const QList<qint64>& amounts);

} // namespace pos
