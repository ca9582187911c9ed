// The pricing rule of docs/money.md: rounding, tax both ways, order-discount allocation, the
// receipt equal to the sum of its lines, and overflow as an error.
#include "TestProducts.h"
#include "money/Checked.h"
#include "sales/Cart.h"
#include "sales/Pricing.h"

#include <QRandomGenerator>
#include <QTest>
#include <limits>

using namespace pos;

namespace {

const QString Eur = QStringLiteral("EUR");
constexpr qint64 Max = std::numeric_limits<qint64>::max();

TaxClass taxClass(const char* code, qint64 ppm, bool inclusive)
{
    return TaxClass{1, QString::fromLatin1(code), QString::fromLatin1(code), ppm, inclusive};
}

CartLine line(qint64 price, qint64 qtyMilli, const TaxClass& tax, qint64 discount = 0)
{
    CartLine l;
    l.productId = 1;
    l.sku = QStringLiteral("SKU");
    l.name = QStringLiteral("Item");
    l.unitPriceMinor = price;
    l.quantity = Quantity::fromMilli(qtyMilli);
    l.lineDiscountMinor = discount;
    l.tax = tax;
    l.soldByWeight = qtyMilli % 1000 != 0;
    return l;
}

using test::product;

} // namespace

Q_DECLARE_METATYPE(pos::CartLine)

class TestPricing : public QObject {
    Q_OBJECT
private slots:
    void gross_data();
    void gross();
    void exclusiveTax_data();
    void exclusiveTax();
    void inclusiveTax_data();
    void inclusiveTax();
    void allocation_data();
    void allocation();
    void workedExample();
    void randomCartsAddUp();
    void overflowIsAnError_data();
    void overflowIsAnError();
};

void TestPricing::gross_data()
{
    QTest::addColumn<qint64>("price");
    QTest::addColumn<qint64>("qtyMilli");
    QTest::addColumn<qint64>("gross");
    QTest::newRow("2 x 1.99") << qint64(199) << qint64(2000) << qint64(398);
    QTest::newRow("0.250 kg x 3.99 = 0.9975 up") << qint64(399) << qint64(250) << qint64(100);
    QTest::newRow("half a cent goes up") << qint64(1) << qint64(500) << qint64(1);
    QTest::newRow("just below half") << qint64(1) << qint64(499) << qint64(0);
    QTest::newRow("1.5 cents -> 2") << qint64(3) << qint64(500) << qint64(2);
    QTest::newRow("2.5 cents -> 3 (not banker's)") << qint64(5) << qint64(500) << qint64(3);
    QTest::newRow("0.333 kg x 9.99") << qint64(999) << qint64(333) << qint64(333);
    QTest::newRow("free") << qint64(0) << qint64(7000) << qint64(0);
}

void TestPricing::gross()
{
    QFETCH(qint64, price);
    QFETCH(qint64, qtyMilli);
    QFETCH(qint64, gross);
    auto g = lineGross(price, qtyMilli);
    QVERIFY(g);
    QCOMPARE(*g, gross);
    auto t = priceLines(Eur, {line(price, qtyMilli, taxClass("Z", 0, true))}, 0);
    QVERIFY(t);
    QCOMPARE(t->lines[0].grossMinor, gross);
    QCOMPARE(t->subtotalMinor, gross);
    QCOMPARE(t->totalMinor, gross);
}

void TestPricing::exclusiveTax_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<qint64>("ratePpm");
    QTest::addColumn<qint64>("tax");
    QTest::newRow("8.25% of 10.00 = 0.825 -> 0.83") << qint64(1000) << qint64(82500) << qint64(83);
    QTest::newRow("19% of 9.99 = 1.8981") << qint64(999) << qint64(190000) << qint64(190);
    QTest::newRow("10% of 0.05 = 0.005 -> 0.01") << qint64(5) << qint64(100000) << qint64(1);
    QTest::newRow("10% of 0.04 -> 0") << qint64(4) << qint64(100000) << qint64(0);
    QTest::newRow("zero rate") << qint64(1234) << qint64(0) << qint64(0);
    QTest::newRow("zero amount") << qint64(0) << qint64(190000) << qint64(0);
    QTest::newRow("100%") << qint64(777) << qint64(1000000) << qint64(777);
}

void TestPricing::exclusiveTax()
{
    QFETCH(qint64, amount);
    QFETCH(qint64, ratePpm);
    QFETCH(qint64, tax);
    auto t = priceLines(Eur, {line(amount, 1000, taxClass("X", ratePpm, false))}, 0);
    QVERIFY(t);
    const PricedLine& p = t->lines[0];
    QCOMPARE(p.taxMinor, tax);
    QCOMPARE(p.netMinor, amount);
    QCOMPARE(p.totalMinor, amount + tax);
    QCOMPARE(t->totalMinor, amount + tax);
    QCOMPARE(t->taxes.size(), 1);
    QCOMPARE(t->taxes[0].taxMinor, tax);
    QCOMPARE(t->taxes[0].inclusive, false);
}

void TestPricing::inclusiveTax_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<qint64>("ratePpm");
    QTest::addColumn<qint64>("tax");
    QTest::newRow("1.19 at 19% = 0.19") << qint64(119) << qint64(190000) << qint64(19);
    QTest::newRow("10.00 at 19% = 1.5966") << qint64(1000) << qint64(190000) << qint64(160);
    QTest::newRow("1.07 at 7%") << qint64(107) << qint64(70000) << qint64(7);
    QTest::newRow("0.01 at 19% -> 0") << qint64(1) << qint64(190000) << qint64(0);
    QTest::newRow("0.01 at 100% = 0.005 -> 0.01") << qint64(1) << qint64(1000000) << qint64(1);
    QTest::newRow("zero rate") << qint64(500) << qint64(0) << qint64(0);
}

void TestPricing::inclusiveTax()
{
    QFETCH(qint64, amount);
    QFETCH(qint64, ratePpm);
    QFETCH(qint64, tax);
    auto t = priceLines(Eur, {line(amount, 1000, taxClass("V", ratePpm, true))}, 0);
    QVERIFY(t);
    const PricedLine& p = t->lines[0];
    QCOMPARE(p.taxMinor, tax);
    QCOMPARE(p.netMinor, amount - tax);
    QCOMPARE(p.totalMinor, amount);
    QCOMPARE(t->totalMinor, amount);
    QCOMPARE(t->taxMinor, tax);
    QCOMPARE(t->taxes[0].netMinor, amount - tax);
}

void TestPricing::allocation_data()
{
    QTest::addColumn<qint64>("discount");
    QTest::addColumn<QList<qint64>>("amounts");
    QTest::addColumn<QList<qint64>>("shares");
    QTest::newRow("equal thirds, cent to the first")
        << qint64(100) << QList<qint64>{300, 300, 300} << QList<qint64>{34, 33, 33};
    QTest::newRow("tie goes to the earlier line")
        << qint64(1) << QList<qint64>{100, 100} << QList<qint64>{1, 0};
    QTest::newRow("two of three") << qint64(2) << QList<qint64>{1, 1, 1} << QList<qint64>{1, 1, 0};
    QTest::newRow("largest remainder wins, not the earliest")
        << qint64(7) << QList<qint64>{3, 5, 2} << QList<qint64>{2, 4, 1};
    QTest::newRow("zero-amount line gets nothing")
        << qint64(5) << QList<qint64>{0, 10} << QList<qint64>{0, 5};
    QTest::newRow("all of it") << qint64(10) << QList<qint64>{4, 6} << QList<qint64>{4, 6};
    QTest::newRow("nothing") << qint64(0) << QList<qint64>{5, 5} << QList<qint64>{0, 0};
    QTest::newRow("remainders 999, 999, 2")
        << qint64(999) << QList<qint64>{1, 1, 998} << QList<qint64>{1, 1, 997};
    // D x a is about 2^122 here: only a 128-bit product gets this right.
    QTest::newRow("huge amounts") << qint64(Max / 4) << QList<qint64>{Max / 4, Max / 4}
                                  << QList<qint64>{qint64(1) << 60, (qint64(1) << 60) - 1};
}

void TestPricing::allocation()
{
    QFETCH(qint64, discount);
    QFETCH(QList<qint64>, amounts);
    QFETCH(QList<qint64>, shares);
    auto r = allocateDiscount(discount, amounts);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(*r, shares);
    qint64 sum = 0;
    for (qint64 s : *r)
        sum += s;
    QCOMPARE(sum, discount);
}

// A mixed cart worked out by hand (see the comments) so that every figure is checked against a
// value computed outside the code under test.
void TestPricing::workedExample()
{
    const TaxClass std19 = taxClass("STD", 190000, true);
    const TaxClass red7 = taxClass("RED", 70000, true);
    const TaxClass us = taxClass("US", 82500, false);
    Cart cart(Eur);
    QVERIFY(cart.addProduct(product(1, "Milk", 119, std19), Quantity::units(3))); // 3.57
    QVERIFY(cart.addProduct(product(2, "Apples", 399, red7, true),
                            Quantity::fromMilli(250)));      // 0.9975 -> 1.00
    QVERIFY(cart.addProduct(product(3, "Cable", 1000, us))); // 10.00
    QVERIFY(cart.setLineDiscount(0, 7));                     // 3.50 left
    QVERIFY(cart.setOrderDiscount(150));
    auto t = cart.totals();
    QVERIFY(t);
    // Allocation over 350, 100, 1000 (S = 1450): floors 36, 10, 103 with remainders 300, 500,
    // 650; the missing cent goes to the cable.
    const QList<qint64> gross{357, 100, 1000};
    const QList<qint64> orderShare{36, 10, 104};
    // A = 314, 90, 896. Milk: 314 x 19/119 = 50.13 -> 50. Apples: 90 x 7/107 = 5.89 -> 6.
    // Cable: 896 x 8.25% = 73.92 -> 74, added.
    const QList<qint64> tax{50, 6, 74};
    const QList<qint64> net{264, 84, 896};
    const QList<qint64> total{314, 90, 970};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(t->lines[i].grossMinor, gross[i]);
        QCOMPARE(t->lines[i].orderDiscountMinor, orderShare[i]);
        QCOMPARE(t->lines[i].taxMinor, tax[i]);
        QCOMPARE(t->lines[i].netMinor, net[i]);
        QCOMPARE(t->lines[i].totalMinor, total[i]);
    }
    QCOMPARE(t->lines[0].lineDiscountMinor, 7);
    QCOMPARE(t->subtotalMinor, 1457);
    QCOMPARE(t->discountMinor, 157);
    QCOMPARE(t->taxMinor, 130);
    QCOMPARE(t->totalMinor, 1374);
    QCOMPARE(t->total(), Money(1374, Eur));
    QCOMPARE(t->taxes.size(), 3);
    QCOMPARE(t->taxes[0].code, QStringLiteral("STD"));
    QCOMPARE(t->taxes[0].netMinor, 264);
    QCOMPARE(t->taxes[0].taxMinor, 50);
    QCOMPARE(t->taxes[2].code, QStringLiteral("US"));
    QCOMPARE(t->taxes[2].inclusive, false);
    QCOMPARE(t->taxes[2].taxMinor, 74);
}

// 2000 random carts (fixed seed): the receipt is the sum of its lines, the order discount is
// allocated exactly and proportionally, and every tax is the correctly rounded value.
void TestPricing::randomCartsAddUp()
{
    using checked::Int128;
    QRandomGenerator rng(20261121);
    const QList<TaxClass> classes{taxClass("STD", 190000, true), taxClass("RED", 70000, true),
                                  taxClass("US", 82500, false), taxClass("ZERO", 0, true),
                                  taxClass("ODD", 123457, false)};
    for (int round = 0; round < 2000; ++round) {
        QList<CartLine> lines;
        const int n = rng.bounded(1, 13);
        qint64 after = 0;
        for (int i = 0; i < n; ++i) {
            const bool weighed = rng.bounded(3) == 0;
            const qint64 qty = weighed ? rng.bounded(1, 5000) : 1000 * rng.bounded(1, 20);
            const qint64 price = rng.bounded(0, 50000);
            CartLine l = line(price, qty, classes[rng.bounded(static_cast<int>(classes.size()))]);
            const qint64 g = *lineGross(price, qty);
            l.lineDiscountMinor = rng.bounded(4) == 0 ? rng.bounded(g + 1) : 0;
            after += g - l.lineDiscountMinor;
            lines.append(l);
        }
        const qint64 orderDiscount = rng.bounded(2) == 0 ? rng.bounded(after + 1) : 0;
        auto t = priceLines(Eur, lines, orderDiscount);
        QVERIFY2(t, t ? "" : qPrintable(t.error().message));

        qint64 gross = 0, discount = 0, tax = 0, total = 0, shares = 0, exclusiveTax = 0;
        for (int i = 0; i < n; ++i) {
            const CartLine& l = lines[i];
            const PricedLine& p = t->lines[i];
            const qint64 a = p.grossMinor - l.lineDiscountMinor;
            // Proportional: the share is the floor or the floor + 1 of D x a / S.
            if (after > 0) {
                const Int128 exact = Int128(orderDiscount) * a;
                const qint64 floor = static_cast<qint64>(exact / after);
                QVERIFY(p.orderDiscountMinor == floor || p.orderDiscountMinor == floor + 1);
            }
            const qint64 amount = a - p.orderDiscountMinor;
            QVERIFY(amount >= 0);
            // The tax is the nearest cent: |tax x den - A x r| <= den / 2.
            const qint64 r = l.tax.ratePpm;
            const Int128 den = l.tax.inclusive ? 1000000 + r : 1000000;
            const Int128 err = Int128(p.taxMinor) * den - Int128(amount) * r;
            QVERIFY((err < 0 ? -err : err) * 2 <= den);
            if (l.tax.inclusive) {
                QCOMPARE(p.totalMinor, amount);
                QCOMPARE(p.netMinor + p.taxMinor, amount);
            } else {
                QCOMPARE(p.netMinor, amount);
                QCOMPARE(p.totalMinor, amount + p.taxMinor);
                exclusiveTax += p.taxMinor;
            }
            gross += p.grossMinor;
            discount += p.lineDiscountMinor + p.orderDiscountMinor;
            tax += p.taxMinor;
            total += p.totalMinor;
            shares += p.orderDiscountMinor;
        }
        QCOMPARE(shares, orderDiscount);
        QCOMPARE(t->subtotalMinor, gross);
        QCOMPARE(t->discountMinor, discount);
        QCOMPARE(t->taxMinor, tax);
        QCOMPARE(t->totalMinor, total);
        QCOMPARE(t->totalMinor, t->subtotalMinor - t->discountMinor + exclusiveTax);
        qint64 summaryTax = 0;
        for (const TaxSummary& s : t->taxes)
            summaryTax += s.taxMinor;
        QCOMPARE(summaryTax, t->taxMinor);
    }
}

void TestPricing::overflowIsAnError_data()
{
    QTest::addColumn<QList<CartLine>>("lines");
    QTest::addColumn<qint64>("orderDiscount");
    QTest::addColumn<bool>("ok");
    const TaxClass incl = taxClass("STD", 190000, true);
    const TaxClass excl = taxClass("US", 190000, false);
    QTest::newRow("gross of one line")
        << QList<CartLine>{line(Max, 2000, incl)} << qint64(0) << false;
    QTest::newRow("subtotal of two lines")
        << QList<CartLine>{line(Max / 2 + 1, 1000, incl), line(Max / 2 + 1, 1000, incl)}
        << qint64(0) << false;
    QTest::newRow("exclusive tax pushes the total over")
        << QList<CartLine>{line(Max - 10, 1000, excl)} << qint64(0) << false;
    QTest::newRow("inclusive near the limit is fine")
        << QList<CartLine>{line(Max, 1000, incl)} << qint64(0) << true;
    QTest::newRow("big order discount near the limit is fine")
        << QList<CartLine>{line(Max / 2, 1000, incl), line(Max / 2, 1000, incl)} << qint64(Max - 1)
        << true;
}

void TestPricing::overflowIsAnError()
{
    QFETCH(QList<CartLine>, lines);
    QFETCH(qint64, orderDiscount);
    QFETCH(bool, ok);
    auto t = priceLines(Eur, lines, orderDiscount);
    QCOMPARE(t.has_value(), ok);
    if (!ok) {
        QCOMPARE(t.error().code, ErrorCode::Overflow);
        QVERIFY(!t.error().message.isEmpty());
    } else {
        qint64 sum = 0;
        for (const PricedLine& p : t->lines)
            sum += p.totalMinor;
        QCOMPARE(t->totalMinor, sum);
    }

    // Through the cart: the product that would overflow is refused and the cart is unchanged.
    const TaxClass incl = taxClass("STD", 190000, true);
    Cart cart(Eur);
    QVERIFY(cart.addProduct(product(1, "Milk", 199, incl)));
    const QByteArray before = cart.toJson();
    auto added = cart.addProduct(product(2, "Gold", Max, incl), Quantity::units(2));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Overflow);
    QCOMPARE(cart.toJson(), before);
}

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
