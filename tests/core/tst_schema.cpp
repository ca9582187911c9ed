// What the store itself guarantees, whatever code writes to it: final money records cannot be
// edited or deleted, receipt numbers only move forward by one, and a weighed line stays weighed.
#include "TestStaff.h"
#include "TestStore.h"

#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "store/Migrations.h"

#include <QTest>

using namespace pos;

class TestSchema : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void newestVersion();
    void storeRefusesEdits_data();
    void storeRefusesEdits();
    void openShiftMayClose();
    void receiptCounterMovesByOne();
    void weighedLineStaysWeighed();

private:
    Result<CompletedSale> sell(Cart& cart);
    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<AccessControl> m_access;
    Session m_ann;
    ManualClock m_clock{QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC)};
    SequentialIdSource m_ids;
    SimulatedProcessor m_processor;
    const QString m_register = QStringLiteral("00000000-0000-4000-8000-0000000000aa");
};

void TestSchema::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_access = std::make_unique<AccessControl>(m_store->db());
    m_ann = test::TestStaff(m_store->db(), m_store->keys())
                .signIn(Role::Cashier, QStringLiteral("Ann"));
    ShiftService shifts(m_store->db(), *m_access, m_clock, m_ids, m_register,
                        QStringLiteral("EUR"));
    QVERIFY(shifts.open(m_ann, 10000));
    QVERIFY(shifts.cashIn(m_ann, 500, QStringLiteral("change from the bank")));
}

void TestSchema::cleanup()
{
    m_access.reset();
    m_store.reset();
}

Result<CompletedSale> TestSchema::sell(Cart& cart)
{
    SaleService sales(m_store->db(), *m_access, m_clock, m_ids, m_processor, m_register);
    auto totals = cart.totals();
    if (!totals)
        return std::unexpected(totals.error());
    return sales.complete(m_ann, cart,
                          {{TenderKind::Cash, totals->totalMinor, totals->totalMinor}});
}

void TestSchema::newestVersion()
{
    QCOMPARE(schemaVersion(m_store->db()), storeMigrations().back().version);
    QCOMPARE(storeMigrations().back().version, 6);
}

void TestSchema::storeRefusesEdits_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    QTest::newRow("edit cash movement") << "UPDATE cash_movements SET amount_minor = 1"
                                        << "a cash movement cannot be changed";
    QTest::newRow("delete cash movement") << "DELETE FROM cash_movements"
                                          << "a cash movement cannot be deleted";
    QTest::newRow("delete shift") << "DELETE FROM shifts"
                                  << "a shift cannot be deleted";
    QTest::newRow("rewind receipts") << "UPDATE receipt_sequence SET last_no = 0"
                                     << "receipt numbers only move forward by one";
    QTest::newRow("skip receipts") << "UPDATE receipt_sequence SET last_no = last_no + 2"
                                   << "receipt numbers only move forward by one";
    QTest::newRow("delete receipts") << "DELETE FROM receipt_sequence"
                                     << "the receipt counter cannot be deleted";
    // AUD-3: the test store's audit log has its genesis row and first checkpoint.
    QTest::newRow("edit audit row") << "UPDATE audit_log SET after_json = '{}'"
                                    << "an audit row cannot be changed";
    QTest::newRow("delete audit row") << "DELETE FROM audit_log"
                                      << "an audit row cannot be deleted";
    QTest::newRow("edit checkpoint") << "UPDATE audit_checkpoints SET row_count = 9"
                                     << "an audit checkpoint cannot be changed";
    QTest::newRow("delete checkpoint") << "DELETE FROM audit_checkpoints"
                                       << "an audit checkpoint cannot be deleted";
}

void TestSchema::storeRefusesEdits()
{
    QFETCH(QString, sql);
    QFETCH(QString, message);
    const TaxClass std19 = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    Cart cart(QStringLiteral("EUR"), m_ids.newId());
    QVERIFY(cart.addProduct(
        m_store->addProduct(QStringLiteral("A1"), QStringLiteral("Apple"), 99, std19)));
    QVERIFY(sell(cart));
    const auto before =
        m_store->db().scalar("SELECT total(amount_minor) + count(*) FROM cash_movements");
    const QByteArray utf8 = sql.toUtf8();
    auto r = m_store->db().exec(utf8.constData());
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    QCOMPARE(*m_store->db().scalar("SELECT total(amount_minor) + count(*) FROM cash_movements"),
             *before);
    QCOMPARE(*m_store->db().scalar("SELECT last_no FROM receipt_sequence"), 1);
    QCOMPARE(*m_store->db().scalar("SELECT count(*) FROM shifts"), 1);
}

void TestSchema::openShiftMayClose()
{
    ShiftService shifts(m_store->db(), *m_access, m_clock, m_ids, m_register,
                        QStringLiteral("EUR"));
    auto z = shifts.close(m_ann, 10500);
    QVERIFY2(z, z ? "" : qPrintable(z.error().message));
    QCOMPARE(z->overShortMinor, 0);
    auto r = m_store->db().exec("UPDATE shifts SET counted_minor = 99999");
    QVERIFY(!r);
    QVERIFY(r.error().message.contains(QStringLiteral("a closed shift cannot be changed")));
    QCOMPARE(*m_store->db().scalar("SELECT counted_minor FROM shifts"), 10500);
}

void TestSchema::receiptCounterMovesByOne()
{
    const TaxClass std19 = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    const Product p = m_store->addProduct(QStringLiteral("A1"), QStringLiteral("Apple"), 99, std19);
    for (int i = 1; i <= 3; ++i) {
        Cart cart(QStringLiteral("EUR"), m_ids.newId());
        QVERIFY(cart.addProduct(p));
        auto sale = sell(cart);
        QVERIFY(sale);
        QCOMPARE(sale->receiptNo, i);
    }
}

void TestSchema::weighedLineStaysWeighed()
{
    const TaxClass red = m_store->addTaxClass(QStringLiteral("RED"), 70000, true);
    const Product cheese =
        m_store->addProduct(QStringLiteral("CH1"), QStringLiteral("Comte"), 2990, red, {}, true);
    Cart cart(QStringLiteral("EUR"), m_ids.newId());
    QVERIFY(cart.addProduct(cheese, Quantity::fromMilli(2000))); // exactly 2 kg: a whole number
    auto sale = sell(cart);
    QVERIFY2(sale, sale ? "" : qPrintable(sale.error().message));
    // The product is later sold by the piece; the old receipt still shows a weighed line.
    QVERIFY(m_store->db().exec("UPDATE products SET sold_by_weight = 0"));
    SaleService sales(m_store->db(), *m_access, m_clock, m_ids, m_processor, m_register);
    auto loaded = sales.loadByReceipt(m_ann, sale->receiptNo);
    QVERIFY(loaded);
    QCOMPARE(loaded->lines.size(), 1);
    QVERIFY(loaded->lines.first().soldByWeight);
    QCOMPARE(loaded->totals.totalMinor, 5980);
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
