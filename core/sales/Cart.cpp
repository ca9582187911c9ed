#include "sales/Cart.h"

#include "money/Checked.h"
#include "sales/Pricing.h"

namespace pos {

namespace {

Status checkIndex(const QList<CartLine>& lines, int line)
{
    if (line < 0 || line >= lines.size())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("there is no line %1 in this sale").arg(line + 1));
    return {};
}

Status checkQuantity(const CartLine& line, Quantity quantity)
{
    if (quantity.milli() <= 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("quantity must be more than zero"));
    if (quantity.milli() > Quantity::MaxMilli)
        return fail(ErrorCode::Overflow, QStringLiteral("quantity is too large (at most %1)")
                                             .arg(Quantity::MaxMilli / Quantity::Scale));
    if (!line.soldByWeight && !quantity.isWhole())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is sold by the piece: use a whole quantity").arg(line.name));
    return {};
}

// Sum of the lines after their own discounts: what the order discount may not exceed.
Result<qint64> amountAfterLineDiscounts(const QList<CartLine>& lines)
{
    qint64 sum = 0;
    for (const CartLine& l : lines) {
        auto gross = lineGross(l.unitPriceMinor, l.quantity.milli());
        if (!gross)
            return std::unexpected(gross.error());
        auto s = checked::add(sum, *gross - l.lineDiscountMinor);
        if (!s)
            return std::unexpected(s.error());
        sum = *s;
    }
    return sum;
}

// The final word on a candidate cart: the order discount still fits and every figure prices
// without overflow. Called before any change is committed to the cart.
Status checkCandidate(const QString& currency, const QList<CartLine>& lines,
                      qint64 orderDiscountMinor)
{
    auto after = amountAfterLineDiscounts(lines);
    if (!after)
        return std::unexpected(after.error());
    if (orderDiscountMinor > *after)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the order discount %1 would be more than the sale's amount "
                                   "%2: lower the order discount first")
                        .arg(Money(orderDiscountMinor, currency).toPlainString(),
                             Money(*after, currency).toPlainString()));
    auto t = priceLines(currency, lines, orderDiscountMinor);
    if (!t)
        return std::unexpected(t.error());
    return {};
}

} // namespace

Cart::Cart(QString currency, QUuid id) : m_id(id), m_currency(std::move(currency)) {}

Result<int> Cart::addProduct(const Product& product, Quantity quantity)
{
    if (product.price.currency() != m_currency)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is priced in %2, but this sale is in %3")
                        .arg(product.name, product.price.currency(), m_currency));
    if (product.price.isNegative())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 has a negative price").arg(product.name));
    if (!product.active)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is not for sale (inactive)").arg(product.name));

    CartLine line;
    line.productId = product.id;
    line.sku = product.sku;
    line.name = product.name;
    line.unitPriceMinor = product.price.minor();
    line.quantity = quantity;
    line.tax = product.tax;
    line.soldByWeight = product.soldByWeight;
    if (auto s = checkQuantity(line, quantity); !s)
        return std::unexpected(s.error());

    QList<CartLine> lines = m_lines;
    int changed = -1;
    if (!product.soldByWeight) {
        for (qsizetype i = lines.size() - 1; i >= 0; --i) {
            const CartLine& l = lines[i];
            if (l.productId == product.id && l.sku == product.sku && !l.soldByWeight &&
                l.unitPriceMinor == line.unitPriceMinor && l.tax.code == line.tax.code) {
                changed = static_cast<int>(i);
                break;
            }
        }
    }
    if (changed >= 0) {
        auto sum = checked::add(lines[changed].quantity.milli(), quantity.milli());
        if (!sum)
            return std::unexpected(sum.error());
        auto merged = Quantity::checkedFromMilli(*sum);
        if (!merged)
            return std::unexpected(merged.error());
        lines[changed].quantity = *merged;
    } else {
        lines.append(line);
        changed = static_cast<int>(lines.size() - 1);
    }
    if (auto s = checkCandidate(m_currency, lines, m_orderDiscountMinor); !s)
        return std::unexpected(s.error());
    m_lines = std::move(lines);
    return changed;
}

Status Cart::setQuantity(int line, Quantity quantity)
{
    if (auto s = checkIndex(m_lines, line); !s)
        return s;
    QList<CartLine> lines = m_lines;
    CartLine& l = lines[line];
    if (auto s = checkQuantity(l, quantity); !s)
        return s;
    l.quantity = quantity;
    auto gross = lineGross(l.unitPriceMinor, quantity.milli());
    if (!gross)
        return std::unexpected(gross.error());
    if (l.lineDiscountMinor > *gross)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the discount on %1 would be more than its new amount %2: "
                                   "lower the discount first")
                        .arg(l.name, Money(*gross, m_currency).toPlainString()));
    if (auto s = checkCandidate(m_currency, lines, m_orderDiscountMinor); !s)
        return s;
    m_lines = std::move(lines);
    return {};
}

Status Cart::setLineDiscount(int line, qint64 discountMinor)
{
    if (auto s = checkIndex(m_lines, line); !s)
        return s;
    if (discountMinor < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a discount cannot be negative"));
    QList<CartLine> lines = m_lines;
    CartLine& l = lines[line];
    auto gross = lineGross(l.unitPriceMinor, l.quantity.milli());
    if (!gross)
        return std::unexpected(gross.error());
    if (discountMinor > *gross)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the discount %1 is more than the line's amount %2")
                        .arg(Money(discountMinor, m_currency).toPlainString(),
                             Money(*gross, m_currency).toPlainString()));
    l.lineDiscountMinor = discountMinor;
    if (auto s = checkCandidate(m_currency, lines, m_orderDiscountMinor); !s)
        return s;
    m_lines = std::move(lines);
    return {};
}

Status Cart::setUnitPrice(int line, qint64 unitPriceMinor)
{
    if (auto s = checkIndex(m_lines, line); !s)
        return s;
    if (unitPriceMinor < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a price cannot be negative"));
    QList<CartLine> lines = m_lines;
    CartLine& l = lines[line];
    l.unitPriceMinor = unitPriceMinor;
    auto gross = lineGross(l.unitPriceMinor, l.quantity.milli());
    if (!gross)
        return std::unexpected(gross.error());
    if (l.lineDiscountMinor > *gross)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the discount on %1 would be more than its new amount %2: "
                                   "lower the discount first")
                        .arg(l.name, Money(*gross, m_currency).toPlainString()));
    if (auto s = checkCandidate(m_currency, lines, m_orderDiscountMinor); !s)
        return s;
    m_lines = std::move(lines);
    return {};
}

Status Cart::removeLine(int line)
{
    if (auto s = checkIndex(m_lines, line); !s)
        return s;
    QList<CartLine> lines = m_lines;
    lines.removeAt(line);
    if (auto s = checkCandidate(m_currency, lines, m_orderDiscountMinor); !s)
        return s;
    m_lines = std::move(lines);
    return {};
}

Status Cart::setOrderDiscount(qint64 discountMinor)
{
    if (discountMinor < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a discount cannot be negative"));
    if (auto s = checkCandidate(m_currency, m_lines, discountMinor); !s)
        return s;
    m_orderDiscountMinor = discountMinor;
    return {};
}

Result<CartTotals> Cart::totals() const
{
    return priceLines(m_currency, m_lines, m_orderDiscountMinor);
}

} // namespace pos
