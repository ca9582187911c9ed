// The text receipt: 42 columns, the right lines, totals, taxes, tenders and change, and nothing
// card-like beyond the processor reference.
#include "TestProducts.h"
#include "sales/ReceiptFormatter.h"

#include <QTest>
#include <QTimeZone>

using namespace pos;

namespace {

const QString Eur = QStringLiteral("EUR");

using test::product;

// A row as the receipt should print it: left text, right-aligned amount in column 42.
QString row(const QString& left, const QString& right)
{
    return left + QString(42 - left.size() - right.size(), u' ') + right;
}

// The worked example of tst_pricing plus a card-and-cash payment with change.
CompletedSale sampleSale()
{
    const TaxClass std19{1, QStringLiteral("STD"), QStringLiteral("Standard"), 190000, true};
    const TaxClass red7{2, QStringLiteral("RED"), QStringLiteral("Reduced"), 70000, true};
    const TaxClass us{3, QStringLiteral("US"), QStringLiteral("Sales tax"), 82500, false};
    Cart cart(Eur);
    (void)cart.addProduct(product(1, "Milk 1L", 119, std19), Quantity::units(3));
    (void)cart.addProduct(product(2, "Apples", 399, red7, true), Quantity::fromMilli(250));
    (void)cart.addProduct(product(3, "USB cable", 1000, us));
    (void)cart.setLineDiscount(0, 7);
    (void)cart.setOrderDiscount(150);
    CompletedSale sale;
    sale.id = cart.id();
    sale.registerId = QStringLiteral("reg-1");
    sale.receiptNo = 17;
    sale.cashier = QStringLiteral("Ann");
    sale.lines = cart.lines();
    sale.totals = cart.totals().value();
    sale.tenders = {
        Tender{TenderKind::Card, 1000, 1000, QStringLiteral("SIM-000001"), QStringLiteral("k1")},
        Tender{TenderKind::Cash, 374, 500, QString(), QStringLiteral("k2")}};
    sale.paidMinor = 1374;
    sale.changeMinor = 126;
    sale.completedAt = QDateTime(QDate(2026, 3, 1), QTime(14, 32, 5), Qt::UTC);
    sale.startedAt = sale.completedAt.addSecs(-60);
    return sale;
}

} // namespace

class TestReceipt : public QObject {
    Q_OBJECT
private slots:
    void containsRow_data();
    void containsRow();
    void layout();
    void cashOnlyAndLongNames();
};

void TestReceipt::containsRow_data()
{
    QTest::addColumn<QString>("expected");
    const QString when = QDateTime(QDate(2026, 3, 1), QTime(14, 32, 5), Qt::UTC)
                             .toLocalTime()
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QTest::newRow("receipt number and time") << row(QStringLiteral("Receipt 17"), when);
    QTest::newRow("counted line") << row(QStringLiteral("  3 x 1.19"), QStringLiteral("3.57"));
    QTest::newRow("line discount") << row(QStringLiteral("  Discount"), QStringLiteral("-0.07"));
    QTest::newRow("weighed line") << row(QStringLiteral("  0.250 kg x 3.99/kg"),
                                         QStringLiteral("1.00"));
    QTest::newRow("single item") << row(QStringLiteral("  1 x 10.00"), QStringLiteral("10.00"));
    QTest::newRow("subtotal") << row(QStringLiteral("Subtotal"), QStringLiteral("14.57"));
    QTest::newRow("discounts") << row(QStringLiteral("Discounts"), QStringLiteral("-1.57"));
    QTest::newRow("exclusive tax") << row(QStringLiteral("Tax US 8.25%"), QStringLiteral("0.74"));
    QTest::newRow("total") << row(QStringLiteral("TOTAL EUR"), QStringLiteral("13.74"));
    QTest::newRow("inclusive tax 19%")
        << row(QStringLiteral("  incl. tax STD 19% on 2.64"), QStringLiteral("0.50"));
    QTest::newRow("inclusive tax 7%")
        << row(QStringLiteral("  incl. tax RED 7% on 0.84"), QStringLiteral("0.06"));
    QTest::newRow("card") << row(QStringLiteral("Card ref SIM-000001"), QStringLiteral("10.00"));
    QTest::newRow("cash handed over") << row(QStringLiteral("Cash"), QStringLiteral("5.00"));
    QTest::newRow("change") << row(QStringLiteral("Change due"), QStringLiteral("1.26"));
    QTest::newRow("cashier") << QStringLiteral("Cashier: Ann");
    QTest::newRow("item name") << QStringLiteral("USB cable");
}

void TestReceipt::containsRow()
{
    QFETCH(QString, expected);
    const QString text =
        formatReceipt(sampleSale(), {QStringLiteral("Corner Shop"), QStringLiteral("Till 2")});
    const QStringList rows = text.split(u'\n');
    QVERIFY2(rows.contains(expected),
             qPrintable(QStringLiteral("missing row '%1' in:\n%2").arg(expected, text)));
}

void TestReceipt::layout()
{
    const QString text =
        formatReceipt(sampleSale(), {QStringLiteral("Corner Shop"), QStringLiteral("Till 2")});
    const QStringList rows = text.split(u'\n', Qt::SkipEmptyParts);
    for (const QString& r : rows)
        QVERIFY2(r.size() <= 42, qPrintable(r));
    QVERIFY(rows[0].trimmed() == QStringLiteral("Corner Shop"));
    QVERIFY(rows[1].trimmed() == QStringLiteral("Till 2"));
    // Order: lines, then subtotal, then total, then tenders, then change.
    const auto at = [&](const QString& start) {
        for (qsizetype i = 0; i < rows.size(); ++i)
            if (rows[i].startsWith(start))
                return i;
        return qsizetype(-1);
    };
    QVERIFY(at(QStringLiteral("Milk 1L")) < at(QStringLiteral("Subtotal")));
    QVERIFY(at(QStringLiteral("Subtotal")) < at(QStringLiteral("Tax US")));
    QVERIFY(at(QStringLiteral("Tax US")) < at(QStringLiteral("TOTAL")));
    QVERIFY(at(QStringLiteral("TOTAL")) < at(QStringLiteral("Card ref")));
    QVERIFY(at(QStringLiteral("Card ref")) < at(QStringLiteral("Change due")));
    // Nothing card-like: the only reference to the card is the processor's.
    QCOMPARE(text.count(QStringLiteral("Card")), 1);
    QVERIFY(!text.contains(QStringLiteral("k1"))); // idempotency keys stay internal
}

void TestReceipt::cashOnlyAndLongNames()
{
    const TaxClass zero{1, QStringLiteral("ZERO"), QStringLiteral("Zero"), 0, true};
    Cart cart(Eur);
    (void)cart.addProduct(
        product(1, "An extraordinarily long product name that cannot fit", 250, zero),
        Quantity::units(2));
    CompletedSale sale;
    sale.receiptNo = 1;
    sale.cashier = QStringLiteral("Bob");
    sale.lines = cart.lines();
    sale.totals = cart.totals().value();
    sale.tenders = {Tender{TenderKind::Cash, 500, 500, QString(), QStringLiteral("k")}};
    sale.paidMinor = 500;
    sale.completedAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    const QString text = formatReceipt(sale, {});
    const QStringList rows = text.split(u'\n', Qt::SkipEmptyParts);
    for (const QString& r : rows)
        QVERIFY2(r.size() <= 42, qPrintable(r));
    QVERIFY(rows.contains(row(QStringLiteral("TOTAL EUR"), QStringLiteral("5.00"))));
    QVERIFY(rows.contains(row(QStringLiteral("Change due"), QStringLiteral("0.00"))));
    QVERIFY(
        rows.contains(row(QStringLiteral("  incl. tax ZERO 0% on 5.00"), QStringLiteral("0.00"))));
    QVERIFY(!text.contains(QStringLiteral("Discounts")));
    QVERIFY(!text.contains(QStringLiteral("Card")));
}

QTEST_GUILESS_MAIN(TestReceipt)
#include "tst_receipt.moc"
