// Cart: merging, weighed goods, refused changes leave the cart unchanged, JSON round trip and
// refusal of damaged JSON.
#include "TestProducts.h"
#include "sales/Cart.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <functional>
#include <limits>

using namespace pos;

namespace {

const QString Eur = QStringLiteral("EUR");
const TaxClass Std{1, QStringLiteral("STD"), QStringLiteral("Standard"), 190000, true};
const TaxClass Red{2, QStringLiteral("RED"), QStringLiteral("Reduced"), 70000, true};

Product product(qint64 id, const char* name, qint64 price, const TaxClass& tax = Std,
                bool byWeight = false)
{
    return test::product(id, name, price, tax, byWeight);
}

const Product Milk = product(1, "Milk", 199);
const Product Bread = product(2, "Bread", 250);
const Product Apples = product(3, "Apples", 399, Red, true);

// Milk x2 (3.98, discount 0.50), Apples 0.500 kg (2.00), order discount 1.00.
Cart sampleCart()
{
    Cart cart(Eur, QUuid(QStringLiteral("{11111111-2222-4333-8444-555555555555}")));
    (void)cart.addProduct(Milk, Quantity::units(2));
    (void)cart.addProduct(Apples, Quantity::fromMilli(500));
    (void)cart.setLineDiscount(0, 50);
    (void)cart.setOrderDiscount(100);
    cart.setCustomerId(42);
    cart.setStartedAt(QDateTime(QDate(2026, 3, 1), QTime(9, 15, 30, 250), Qt::UTC));
    return cart;
}

using Mutation = std::function<Status(Cart&)>;

Status st(const Result<int>& r)
{
    if (!r)
        return std::unexpected(r.error());
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestCart : public QObject {
    Q_OBJECT
private slots:
    void countedGoodsMerge();
    void weighedGoodsAlwaysNewLine();
    void changesApply();
    void unitPriceOverride();
    void refusedChangesLeaveCartUnchanged_data();
    void refusedChangesLeaveCartUnchanged();
    void jsonRoundTrip();
    void malformedJsonRefused_data();
    void malformedJsonRefused();
};

void TestCart::countedGoodsMerge()
{
    Cart cart(Eur);
    QVERIFY(cart.isEmpty());
    QCOMPARE(cart.addProduct(Milk).value(), 0);
    QCOMPARE(cart.addProduct(Milk).value(), 0);
    QCOMPARE(cart.addProduct(Bread).value(), 1);
    QCOMPARE(cart.addProduct(Milk, Quantity::units(3)).value(), 0); // into the milk line
    QCOMPARE(cart.lines().size(), 2);
    QCOMPARE(cart.lines()[0].quantity.milli(), 5000);
    QCOMPARE(cart.lines()[1].quantity.milli(), 1000);
    QCOMPARE(cart.totals()->totalMinor, 5 * 199 + 250);
}

void TestCart::weighedGoodsAlwaysNewLine()
{
    Cart cart(Eur);
    QCOMPARE(cart.addProduct(Apples, Quantity::fromMilli(250)).value(), 0);
    QCOMPARE(cart.addProduct(Apples, Quantity::fromMilli(500)).value(), 1);
    QCOMPARE(cart.lines().size(), 2);
    QVERIFY(cart.lines()[1].soldByWeight);
    QCOMPARE(cart.lines()[1].quantity.milli(), 500);
    // 0.9975 -> 1.00 and 1.995 -> 2.00
    QCOMPARE(cart.totals()->totalMinor, 100 + 200);
}

void TestCart::changesApply()
{
    Cart cart = sampleCart();
    QVERIFY(cart.setQuantity(0, Quantity::units(3)));
    QCOMPARE(cart.lines()[0].quantity.milli(), 3000);
    QVERIFY(cart.setLineDiscount(1, 200)); // the whole apples line
    QCOMPARE(cart.totals()->totalMinor, 597 + 200 - 50 - 200 - 100);
    QVERIFY(cart.setOrderDiscount(0));
    QVERIFY(cart.removeLine(1));
    QCOMPARE(cart.lines().size(), 1);
    QCOMPARE(cart.totals()->totalMinor, 597 - 50);
    QCOMPARE(cart.orderDiscountMinor(), 0);
}

void TestCart::unitPriceOverride()
{
    Cart cart = sampleCart();
    QVERIFY(cart.setUnitPrice(0, 150)); // milk 2 x 1.50, discount 0.50 stays
    QCOMPARE(cart.lines()[0].unitPriceMinor, 150);
    QCOMPARE(cart.totals()->totalMinor, 300 - 50 + 200 - 100);
    // A scan of the same product at the catalog price makes its own line.
    QCOMPARE(*cart.addProduct(Milk), 2);
    QVERIFY(cart.setUnitPrice(2, 0)); // free is allowed
    QCOMPARE(cart.totals()->totalMinor, 300 - 50 + 200 - 100);
    const Cart back = Cart::fromJson(cart.toJson()).value();
    QCOMPARE(back.lines()[0].unitPriceMinor, 150);
}

void TestCart::refusedChangesLeaveCartUnchanged_data()
{
    QTest::addColumn<Mutation>("setup");  // an allowed change made first
    QTest::addColumn<Mutation>("change"); // the refused one
    QTest::addColumn<int>("code");
    const Mutation none = [](Cart&) {
        return Status{};
    };
    const int invalid = int(ErrorCode::InvalidInput);
    const int overflow = int(ErrorCode::Overflow);
    const qint64 max = std::numeric_limits<qint64>::max();
    // sampleCart: line 0 gross 398 (discount 50), line 1 gross 200; after line discounts 548.
    QTest::newRow("quantity: no such line")
        << none << Mutation([](Cart& c) { return c.setQuantity(2, Quantity::units(1)); })
        << invalid;
    QTest::newRow("quantity: negative index")
        << none << Mutation([](Cart& c) { return c.setQuantity(-1, Quantity::units(1)); })
        << invalid;
    QTest::newRow("quantity: zero")
        << none << Mutation([](Cart& c) { return c.setQuantity(0, Quantity::fromMilli(0)); })
        << invalid;
    QTest::newRow("quantity: fraction of a counted item")
        << none << Mutation([](Cart& c) { return c.setQuantity(0, Quantity::fromMilli(1500)); })
        << invalid;
    QTest::newRow("quantity: below the line discount")
        << Mutation([](Cart& c) { return c.setLineDiscount(0, 300); })
        << Mutation([](Cart& c) { return c.setQuantity(0, Quantity::units(1)); }) << invalid;
    QTest::newRow("quantity: too large") << none << Mutation([](Cart& c) {
        return c.setQuantity(0, Quantity::fromMilli(Quantity::MaxMilli + 1));
    }) << overflow;
    QTest::newRow("discount: negative")
        << none << Mutation([](Cart& c) { return c.setLineDiscount(0, -1); }) << invalid;
    QTest::newRow("discount: more than the line")
        << none << Mutation([](Cart& c) { return c.setLineDiscount(1, 201); }) << invalid;
    QTest::newRow("discount: no such line")
        << none << Mutation([](Cart& c) { return c.setLineDiscount(5, 1); }) << invalid;
    QTest::newRow("discount: would push the order discount over")
        << Mutation([](Cart& c) { return c.setLineDiscount(1, 200); })
        << Mutation([](Cart& c) { return c.setLineDiscount(0, 398); }) << invalid;
    QTest::newRow("order discount: negative")
        << none << Mutation([](Cart& c) { return c.setOrderDiscount(-1); }) << invalid;
    QTest::newRow("order discount: more than the sale")
        << none << Mutation([](Cart& c) { return c.setOrderDiscount(549); }) << invalid;
    QTest::newRow("unit price: negative")
        << none << Mutation([](Cart& c) { return c.setUnitPrice(0, -1); }) << invalid;
    QTest::newRow("unit price: no such line")
        << none << Mutation([](Cart& c) { return c.setUnitPrice(2, 100); }) << invalid;
    QTest::newRow("unit price: below the line discount")
        << none << Mutation([](Cart& c) { return c.setUnitPrice(0, 20); }) << invalid;
    QTest::newRow("unit price: would push the order discount over")
        << Mutation([](Cart& c) { return c.setOrderDiscount(500); })
        << Mutation([](Cart& c) { return c.setUnitPrice(1, 100); }) << invalid;
    QTest::newRow("unit price: price x quantity overflows")
        << none << Mutation([](Cart& c) { return c.setUnitPrice(0, max); }) << overflow;
    QTest::newRow("remove: no such line")
        << none << Mutation([](Cart& c) { return c.removeLine(2); }) << invalid;
    QTest::newRow("remove: would leave the order discount above the rest")
        << Mutation([](Cart& c) { return c.setOrderDiscount(400); })
        << Mutation([](Cart& c) { return c.removeLine(1); }) << invalid;
    QTest::newRow("add: other currency") << none << Mutation([](Cart& c) {
        Product p = Milk;
        p.price = Money(199, QStringLiteral("USD"));
        return st(c.addProduct(p));
    }) << invalid;
    QTest::newRow("add: inactive") << none << Mutation([](Cart& c) {
        Product p = Bread;
        p.active = false;
        return st(c.addProduct(p));
    }) << invalid;
    QTest::newRow("add: fraction of a counted item") << none << Mutation([](Cart& c) {
        return st(c.addProduct(Bread, Quantity::fromMilli(500)));
    }) << invalid;
    QTest::newRow("add: price x quantity overflows") << none << Mutation([](Cart& c) {
        return st(c.addProduct(product(9, "Gold", max / 1000), Quantity::units(2000)));
    }) << overflow;
    QTest::newRow("add: merge overflows the quantity") << none << Mutation([](Cart& c) {
        return st(c.addProduct(Milk, Quantity::fromMilli(Quantity::MaxMilli)));
    }) << overflow;
}

void TestCart::refusedChangesLeaveCartUnchanged()
{
    QFETCH(Mutation, setup);
    QFETCH(Mutation, change);
    QFETCH(int, code);
    Cart cart = sampleCart();
    QVERIFY(setup(cart));
    const QByteArray before = cart.toJson();
    const qint64 totalBefore = cart.totals().value().totalMinor;
    auto r = change(cart);
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), code);
    QVERIFY(!r.error().message.isEmpty());
    QCOMPARE(cart.toJson(), before);
    QCOMPARE(cart.totals().value().totalMinor, totalBefore);
}

void TestCart::jsonRoundTrip()
{
    const Cart cart = sampleCart();
    const QByteArray json = cart.toJson();
    auto back = Cart::fromJson(json);
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QCOMPARE(back->id(), cart.id());
    QCOMPARE(back->currency(), Eur);
    QCOMPARE(back->customerId(), 42);
    QCOMPARE(back->orderDiscountMinor(), 100);
    QCOMPARE(back->startedAt(), cart.startedAt());
    QCOMPARE(back->lines().size(), 2);
    const CartLine& m = back->lines()[0];
    QCOMPARE(m.productId, 1);
    QCOMPARE(m.sku, QStringLiteral("SKU1"));
    QCOMPARE(m.name, QStringLiteral("Milk"));
    QCOMPARE(m.unitPriceMinor, 199);
    QCOMPARE(m.quantity.milli(), 2000);
    QCOMPARE(m.lineDiscountMinor, 50);
    QCOMPARE(m.tax.code, QStringLiteral("STD"));
    QCOMPARE(m.tax.name, QStringLiteral("Standard"));
    QCOMPARE(m.tax.ratePpm, 190000);
    QVERIFY(m.tax.inclusive);
    QVERIFY(back->lines()[1].soldByWeight);
    QCOMPARE(back->toJson(), json);
    QCOMPARE(back->totals()->totalMinor, cart.totals()->totalMinor);

    // Large integers survive exactly (no trip through a double).
    Cart big(Eur);
    QVERIFY(big.addProduct(product(9007199254740993, "Big id", 9007199254740993)));
    auto bigBack = Cart::fromJson(big.toJson());
    QVERIFY(bigBack);
    QCOMPARE(bigBack->lines()[0].productId, 9007199254740993);
    QCOMPARE(bigBack->lines()[0].unitPriceMinor, 9007199254740993);

    // An empty cart without a start time round-trips too.
    Cart empty(Eur);
    auto emptyBack = Cart::fromJson(empty.toJson());
    QVERIFY(emptyBack);
    QVERIFY(emptyBack->isEmpty());
    QVERIFY(!emptyBack->startedAt().isValid());
}

void TestCart::malformedJsonRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    const QJsonObject good = QJsonDocument::fromJson(sampleCart().toJson()).object();
    const auto root = [&](const char* key, const QJsonValue& v) {
        QJsonObject o = good;
        if (v.isUndefined())
            o.remove(QLatin1StringView(key));
        else
            o.insert(QLatin1StringView(key), v);
        return QJsonDocument(o).toJson();
    };
    const auto lineField = [&](const char* key, const QJsonValue& v) {
        QJsonObject o = good;
        QJsonArray lines = o.value(QLatin1StringView("lines")).toArray();
        QJsonObject l = lines[0].toObject();
        if (v.isUndefined())
            l.remove(QLatin1StringView(key));
        else
            l.insert(QLatin1StringView(key), v);
        lines[0] = l;
        o.insert(QLatin1StringView("lines"), lines);
        return QJsonDocument(o).toJson();
    };
    const auto taxField = [&](const char* key, const QJsonValue& v) {
        QJsonObject o = good;
        QJsonArray lines = o.value(QLatin1StringView("lines")).toArray();
        QJsonObject l = lines[0].toObject();
        QJsonObject t = l.value(QLatin1StringView("tax")).toObject();
        t.insert(QLatin1StringView(key), v);
        l.insert(QLatin1StringView("tax"), t);
        lines[0] = l;
        o.insert(QLatin1StringView("lines"), lines);
        return QJsonDocument(o).toJson();
    };
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("cart: milk");
    QTest::newRow("truncated") << sampleCart().toJson().chopped(5);
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no version") << root("version", QJsonValue::Undefined);
    QTest::newRow("future version") << root("version", 2);
    QTest::newRow("id not a UUID") << root("id", QStringLiteral("cart-1"));
    QTest::newRow("currency lower case") << root("currency", QStringLiteral("eur"));
    QTest::newRow("currency a number") << root("currency", 978);
    QTest::newRow("negative order discount") << root("orderDiscountMinor", -1);
    QTest::newRow("order discount above the sale") << root("orderDiscountMinor", 549);
    QTest::newRow("fractional order discount") << root("orderDiscountMinor", 1.5);
    QTest::newRow("negative customer") << root("customerId", -3);
    QTest::newRow("start time garbage") << root("startedAt", QStringLiteral("yesterday"));
    QTest::newRow("lines not a list") << root("lines", QJsonObject());
    QTest::newRow("line not an object") << root("lines", QJsonArray{1});
    QTest::newRow("price negative") << lineField("unitPriceMinor", -199);
    QTest::newRow("price a string") << lineField("unitPriceMinor", QStringLiteral("1.99"));
    QTest::newRow("price fractional") << lineField("unitPriceMinor", 1.5);
    QTest::newRow("quantity zero") << lineField("qtyMilli", 0);
    QTest::newRow("quantity too large") << lineField("qtyMilli", Quantity::MaxMilli + 1);
    QTest::newRow("quantity missing") << lineField("qtyMilli", QJsonValue::Undefined);
    QTest::newRow("counted with a fraction") << lineField("qtyMilli", 1500);
    QTest::newRow("discount negative") << lineField("lineDiscountMinor", -5);
    QTest::newRow("discount above the line") << lineField("lineDiscountMinor", 399);
    QTest::newRow("name empty") << lineField("name", QString());
    QTest::newRow("weighed not a bool") << lineField("soldByWeight", 1);
    QTest::newRow("price overflows")
        << lineField("unitPriceMinor", std::numeric_limits<qint64>::max());
    QTest::newRow("tax missing") << lineField("tax", QJsonValue::Undefined);
    QTest::newRow("tax rate above 100%") << taxField("ratePpm", 1000001);
    QTest::newRow("tax rate negative") << taxField("ratePpm", -1);
    QTest::newRow("tax inclusive not a bool") << taxField("inclusive", QStringLiteral("yes"));
}

void TestCart::malformedJsonRefused()
{
    QFETCH(QByteArray, json);
    auto cart = Cart::fromJson(json);
    QVERIFY(!cart);
    QCOMPARE(cart.error().code, ErrorCode::InvalidInput);
    QVERIFY(!cart.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestCart)
#include "tst_cart.moc"
