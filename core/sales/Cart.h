#pragma once

#include "Error.h"
#include "catalog/Product.h"
#include "money/Money.h"
#include "money/Quantity.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QUuid>

namespace pos {

struct CartLine {
    qint64 productId = 0;
    QString sku;
    QString name;
    qint64 unitPriceMinor = 0;
    Quantity quantity;
    qint64 lineDiscountMinor = 0; // off this line, never more than the line's amount
    TaxClass tax;
    bool soldByWeight = false;
};

// One priced line. Amounts in minor units of the cart's currency.
struct PricedLine {
    qint64 grossMinor = 0; // unit price x quantity, rounded (see docs/money.md)
    qint64 lineDiscountMinor = 0;
    qint64 orderDiscountMinor = 0; // this line's share of the order discount
    qint64 netMinor = 0;           // amount without tax
    qint64 taxMinor = 0;
    qint64 totalMinor = 0; // what the customer pays for this line
};

struct TaxSummary {
    QString code;
    qint64 ratePpm = 0;
    bool inclusive = true;
    qint64 netMinor = 0;
    qint64 taxMinor = 0;
};

struct CartTotals {
    QString currency;
    QList<PricedLine> lines;  // same order as Cart::lines()
    qint64 subtotalMinor = 0; // sum of gross
    qint64 discountMinor = 0; // line discounts + order discount
    qint64 taxMinor = 0;      // sum of line taxes
    qint64 totalMinor = 0;    // sum of line totals: always, by construction
    QList<TaxSummary> taxes;  // per tax class, in order of first appearance
    Money total() const { return Money(totalMinor, currency); }
};

// A sale being rung up: in memory until completed or held. Every change is validated; a refused
// change leaves the cart as it was. Invariants, kept by every change (docs/money.md):
//   - each line's discount is between 0 and the line's gross (unit price x quantity);
//   - the order discount is between 0 and the sum of the lines after their own discounts, so a
//     change that would push it above (a lower quantity, a bigger line discount, removing a line)
//     is refused with InvalidInput: lower the order discount first;
//   - counted goods have whole quantities; the currency of every product is the cart's;
//   - totals() can be computed without overflow.
// startedAt() is invalid until set; SaleService uses its clock then.
class Cart {
public:
    explicit Cart(QString currency, QUuid id = QUuid::createUuid());

    const QUuid& id() const { return m_id; }
    const QString& currency() const { return m_currency; }
    const QList<CartLine>& lines() const { return m_lines; }
    bool isEmpty() const { return m_lines.isEmpty(); }

    // Counted goods scanned again add to the last line of the same product; weighed goods always
    // make a new line. Returns the index of the line that changed.
    Result<int> addProduct(const Product& product, Quantity quantity = Quantity::units(1));
    Status setQuantity(int line, Quantity quantity);
    Status setLineDiscount(int line, qint64 discountMinor);
    // A new unit price for the line (a price override; CounterActions decides who may). Not
    // negative; the line's discount and the order discount must still fit.
    Status setUnitPrice(int line, qint64 unitPriceMinor);
    Status removeLine(int line);
    Status setOrderDiscount(qint64 discountMinor); // never more than the sum after line discounts
    qint64 orderDiscountMinor() const { return m_orderDiscountMinor; }
    void setCustomerId(qint64 id) { m_customerId = id; }
    qint64 customerId() const { return m_customerId; }
    const QDateTime& startedAt() const { return m_startedAt; }
    void setStartedAt(QDateTime t) { m_startedAt = std::move(t); }

    // Prices every line and the whole (docs/money.md). Fails only on overflow.
    Result<CartTotals> totals() const;

    // For held sales: the whole cart as JSON and back (validated on the way in).
    QByteArray toJson() const;
    static Result<Cart> fromJson(const QByteArray& json);

private:
    QUuid m_id;
    QString m_currency;
    QList<CartLine> m_lines;
    qint64 m_orderDiscountMinor = 0;
    qint64 m_customerId = 0;
    QDateTime m_startedAt;
};

} // namespace pos
