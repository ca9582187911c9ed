// ShiftService: open with a float, cash in/out, X report after sales, close with a count -> Z
// report with over/short, one open shift per register.
#include "TestStaff.h"
#include "TestStore.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"

#include <QTest>
#include <QTimeZone>
#include <memory>

using namespace pos;

namespace {
const QString Eur = QStringLiteral("EUR");
const QString Reg = QStringLiteral("7b0c2f9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f");
} // namespace

class TestShifts : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void openWithFloat();
    void secondOpenRefused();
    void badMovementsRefused_data();
    void badMovementsRefused();
    void cashOutAboveDrawerRefused();
    void xReportAfterSales();
    void closeGivesZReport_data();
    void closeGivesZReport();
    void nothingWithoutAShift();

private:
    void ringUpSales(); // the three sales used by the report tests
    qint64 count(const char* sql) { return m_store->db().scalar(sql).value_or(-1); }

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<AccessControl> m_access;
    Session m_ann, m_bob, m_cat, m_manager;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SequentialIdSource> m_ids;
    std::unique_ptr<SimulatedProcessor> m_processor;
    std::unique_ptr<ShiftService> m_shifts;
    std::unique_ptr<SaleService> m_sales;
    Product m_milk, m_cable;
};

void TestShifts::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_access = std::make_unique<AccessControl>(m_store->db());
    test::TestStaff staff(m_store->db(), m_store->keys());
    m_ann = staff.signIn(Role::Cashier, QStringLiteral("ann"));
    m_bob = staff.signIn(Role::Cashier, QStringLiteral("bob"));
    m_cat = staff.signIn(Role::Cashier, QStringLiteral("cat"));
    m_manager = staff.signIn(Role::Manager, QStringLiteral("Maria"));
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
    m_ids = std::make_unique<SequentialIdSource>();
    m_processor = std::make_unique<SimulatedProcessor>();
    const TaxClass std19 = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    const TaxClass us = m_store->addTaxClass(QStringLiteral("US"), 82500, false);
    m_milk = m_store->addProduct(QStringLiteral("MILK"), QStringLiteral("Milk"), 199, std19);
    m_cable = m_store->addProduct(QStringLiteral("CABLE"), QStringLiteral("Cable"), 1000, us);
    m_shifts = std::make_unique<ShiftService>(m_store->db(), *m_access, *m_clock, *m_ids, Reg, Eur);
    m_sales = std::make_unique<SaleService>(m_store->db(), *m_access, *m_clock, *m_ids,
                                            *m_processor, Reg);
}

void TestShifts::cleanup()
{
    m_sales.reset();
    m_shifts.reset();
    m_access.reset();
    m_store.reset();
}

// Sale 1: milk x2 = 3.98 (19% incl: tax 0.64), cash 10.00 -> change 6.02.
// Sale 2: cable = 10.00 + 0.83 tax = 10.83, card.
// Sale 3: milk + cable = 1.99 + 10.83 = 12.82, card 5.00 + cash 7.82 handed 8.00 -> change 0.18.
void TestShifts::ringUpSales()
{
    Cart a(Eur, m_ids->newId());
    QVERIFY(a.addProduct(m_milk, Quantity::units(2)));
    QVERIFY(m_sales->complete(m_ann, a, {TenderRequest{TenderKind::Cash, 398, 1000}}));
    Cart b(Eur, m_ids->newId());
    QVERIFY(b.addProduct(m_cable));
    QCOMPARE(b.totals()->totalMinor, 1083);
    QVERIFY(m_sales->complete(m_ann, b, {TenderRequest{TenderKind::Card, 1083, 1083}}));
    Cart c(Eur, m_ids->newId());
    QVERIFY(c.addProduct(m_milk));
    QVERIFY(c.addProduct(m_cable));
    QCOMPARE(c.totals()->totalMinor, 1282);
    auto sale = m_sales->complete(
        m_ann, c,
        {TenderRequest{TenderKind::Card, 500, 500}, TenderRequest{TenderKind::Cash, 782, 800}});
    QVERIFY(sale);
    QCOMPARE(sale->changeMinor, 18);
}

void TestShifts::openWithFloat()
{
    auto s = m_shifts->open(m_ann, 15000);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QVERIFY(s->id > 0);
    QVERIFY(s->isOpen());
    QCOMPARE(s->floatMinor, 15000);
    QCOMPARE(s->openedBy, QStringLiteral("ann"));
    QCOMPARE(s->registerId, Reg);
    QCOMPARE(s->currency, Eur);
    QCOMPARE(s->openedAt, QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
    auto cur = m_shifts->current(m_ann);
    QVERIFY(cur);
    QCOMPARE(cur->id, s->id);
    QCOMPARE(cur->uuid, s->uuid);
    QCOMPARE(cur->floatMinor, 15000);
    QCOMPARE(cur->openedAt, s->openedAt);
    auto x = m_shifts->xReport(m_ann);
    QVERIFY(x);
    QCOMPARE(x->expectedCashMinor, 15000);
    QCOMPARE(x->salesCount, 0);

    QCOMPARE(m_shifts->close(m_ann, 15000)->overShortMinor, 0);
    QCOMPARE(m_shifts->open(m_bob, -1).error().code, ErrorCode::InvalidInput);
    // Nobody signed in: no shift.
    QCOMPARE(m_shifts->open(Session{}, 0).error().code, ErrorCode::Unauthenticated);
    QVERIFY(m_shifts->open(m_bob, 0)); // a zero float is fine
}

void TestShifts::secondOpenRefused()
{
    QVERIFY(m_shifts->open(m_ann, 1000));
    auto again = m_shifts->open(m_bob, 2000);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QVERIFY(again.error().message.contains(QStringLiteral("ann")));
    QCOMPARE(count("SELECT count(*) FROM shifts"), 1);
    // The store itself refuses a second open shift for the register (partial unique index).
    QVERIFY(!m_store->db().exec("INSERT INTO shifts (uuid, register_id, currency, opened_at, "
                                "opened_by, float_minor) VALUES ('x', '" /* same register */
                                "7b0c2f9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', 'EUR', 't', 'eve', 0)"));
    // Another register may have its own.
    ShiftService other(m_store->db(), *m_access, *m_clock, *m_ids, QStringLiteral("reg-2"), Eur);
    QVERIFY(other.open(m_cat, 0));
}

void TestShifts::badMovementsRefused_data()
{
    QTest::addColumn<bool>("in");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("reason");
    QTest::newRow("in: zero") << true << qint64(0) << QStringLiteral("float top-up");
    QTest::newRow("in: negative") << true << qint64(-100) << QStringLiteral("float top-up");
    QTest::newRow("in: no reason") << true << qint64(100) << QStringLiteral("   ");
    QTest::newRow("out: zero") << false << qint64(0) << QStringLiteral("supplies");
    QTest::newRow("out: negative") << false << qint64(-1) << QStringLiteral("supplies");
    QTest::newRow("out: no reason") << false << qint64(100) << QString();
}

void TestShifts::badMovementsRefused()
{
    QFETCH(bool, in);
    QFETCH(qint64, amount);
    QFETCH(QString, reason);
    QVERIFY(m_shifts->open(m_ann, 5000));
    auto r =
        in ? m_shifts->cashIn(m_ann, amount, reason) : m_shifts->cashOut(m_ann, amount, reason);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QCOMPARE(count("SELECT count(*) FROM cash_movements"), 0);
    QCOMPARE(m_shifts->xReport(m_ann)->expectedCashMinor, 5000);
}

void TestShifts::cashOutAboveDrawerRefused()
{
    QVERIFY(m_shifts->open(m_ann, 1000));
    QVERIFY(m_shifts->cashIn(m_ann, 500, QStringLiteral("coins from bank")));
    auto r = m_shifts->cashOut(m_ann, 1501, QStringLiteral("safe drop"));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().message.contains(QStringLiteral("EUR 15.00")),
             qPrintable(r.error().message));
    QCOMPARE(count("SELECT count(*) FROM cash_movements WHERE kind = 'out'"), 0);
    QVERIFY(m_shifts->cashOut(m_ann, 1500, QStringLiteral("safe drop")));
    QCOMPARE(m_shifts->xReport(m_ann)->expectedCashMinor, 0);
    QVERIFY(!m_shifts->cashOut(m_ann, 1, QStringLiteral("safe drop")));
}

void TestShifts::xReportAfterSales()
{
    QVERIFY(m_shifts->open(m_ann, 10000));
    ringUpSales();
    QVERIFY(m_shifts->cashIn(m_ann, 2000, QStringLiteral("change roll")));
    QVERIFY(m_shifts->cashOut(m_ann, 500, QStringLiteral("window cleaner")));
    auto x = m_shifts->xReport(m_ann);
    QVERIFY2(x, x ? "" : qPrintable(x.error().message));
    QVERIFY(!x->isFinal);
    QCOMPARE(x->salesCount, 3);
    QCOMPARE(x->grossMinor, 398 + 1083 + 1282);
    QCOMPARE(x->discountMinor, 0);
    // Milk tax: 3.98 -> 0.64, 1.99 -> 0.32; cable tax: 0.83 twice.
    QCOMPARE(x->taxMinor, 64 + 83 + 32 + 83);
    QCOMPARE(x->taxes.size(), 2);
    QCOMPARE(x->taxes[0].code, QStringLiteral("STD"));
    QCOMPARE(x->taxes[0].ratePpm, 190000);
    QCOMPARE(x->taxes[0].taxMinor, 64 + 32);
    QCOMPARE(x->taxes[0].netMinor, (398 - 64) + (199 - 32));
    QCOMPARE(x->taxes[1].code, QStringLiteral("US"));
    QCOMPARE(x->taxes[1].netMinor, 2000);
    QCOMPARE(x->taxes[1].taxMinor, 166);
    QCOMPARE(x->cashSalesMinor, 398 + 782); // after change
    QCOMPARE(x->cardSalesMinor, 1083 + 500);
    QCOMPARE(x->cashInMinor, 2000);
    QCOMPARE(x->cashOutMinor, 500);
    QCOMPARE(x->expectedCashMinor, 10000 + 398 + 782 + 2000 - 500);
    QCOMPARE(x->cashSalesMinor + x->cardSalesMinor, x->grossMinor);
    // An X report changes nothing.
    QVERIFY(m_shifts->current(m_ann)->isOpen());
    auto x2 = m_shifts->xReport(m_ann);
    QCOMPARE(x2->expectedCashMinor, x->expectedCashMinor);
    QCOMPARE(count("SELECT count(*) FROM shifts WHERE closed_at IS NULL"), 1);
}

void TestShifts::closeGivesZReport_data()
{
    QTest::addColumn<qint64>("counted");
    QTest::addColumn<qint64>("overShort");
    const qint64 expected = 10000 + 398 + 782 + 2000 - 500; // 12680
    QTest::newRow("exact") << expected << qint64(0);
    QTest::newRow("over") << expected + 120 << qint64(120);
    QTest::newRow("short") << expected - 250 << qint64(-250);
    QTest::newRow("empty drawer") << qint64(0) << -expected;
}

void TestShifts::closeGivesZReport()
{
    QFETCH(qint64, counted);
    QFETCH(qint64, overShort);
    auto opened = m_shifts->open(m_ann, 10000);
    QVERIFY(opened);
    ringUpSales();
    QVERIFY(m_shifts->cashIn(m_ann, 2000, QStringLiteral("change roll")));
    QVERIFY(m_shifts->cashOut(m_ann, 500, QStringLiteral("window cleaner")));
    m_clock->advanceSecs(8 * 3600);
    QCOMPARE(m_shifts->close(m_bob, -1).error().code, ErrorCode::InvalidInput);
    auto z = m_shifts->close(m_bob, counted);
    QVERIFY2(z, z ? "" : qPrintable(z.error().message));
    QVERIFY(z->isFinal);
    QCOMPARE(z->expectedCashMinor, 12680);
    QCOMPARE(z->countedCashMinor, counted);
    QCOMPARE(z->overShortMinor, overShort);
    QCOMPARE(z->salesCount, 3);
    QVERIFY(!z->shift.isOpen());
    QCOMPARE(z->shift.closedBy, QStringLiteral("bob"));
    QCOMPARE(z->shift.closedAt, QDateTime(QDate(2026, 3, 1), QTime(16, 0), Qt::UTC));

    // Closed: no current shift, no more sales, no cash movements, no second close.
    QCOMPARE(m_shifts->current(m_ann).error().code, ErrorCode::NotFound);
    QVERIFY(!m_shifts->close(m_bob, counted));
    QVERIFY(!m_shifts->cashIn(m_bob, 1, QStringLiteral("x")));
    Cart late(Eur, m_ids->newId());
    QVERIFY(late.addProduct(m_milk));
    QVERIFY(!m_sales->complete(m_bob, late, {TenderRequest{TenderKind::Cash, 199, 199}}));

    // Reprints give the same figures.
    for (auto again : {m_shifts->lastZReport(m_ann), m_shifts->zReport(m_ann, opened->id)}) {
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QVERIFY(again->isFinal);
        QCOMPARE(again->shift.id, opened->id);
        QCOMPARE(again->expectedCashMinor, 12680);
        QCOMPARE(again->countedCashMinor, counted);
        QCOMPARE(again->overShortMinor, overShort);
        QCOMPARE(again->grossMinor, z->grossMinor);
        QCOMPARE(again->cashSalesMinor, z->cashSalesMinor);
        QCOMPARE(again->shift.closedAt, z->shift.closedAt);
    }
    // Any other shift's Z report is a manager's (shift.manage); tst_rbac covers the refusal.
    QCOMPARE(m_shifts->zReport(m_manager, opened->id + 100).error().code, ErrorCode::NotFound);

    // The next shift starts from zero.
    auto next = m_shifts->open(m_bob, 5000);
    QVERIFY(next);
    QCOMPARE(m_shifts->xReport(m_ann)->salesCount, 0);
    QCOMPARE(m_shifts->xReport(m_ann)->expectedCashMinor, 5000);
    QCOMPARE(m_shifts->zReport(m_manager, next->id).error().code,
             ErrorCode::InvalidInput); // still open
    QCOMPARE(m_shifts->lastZReport(m_ann)->shift.id, opened->id);
}

void TestShifts::nothingWithoutAShift()
{
    QCOMPARE(m_shifts->current(m_ann).error().code, ErrorCode::NotFound);
    QCOMPARE(m_shifts->xReport(m_ann).error().code, ErrorCode::NotFound);
    QCOMPARE(m_shifts->lastZReport(m_ann).error().code, ErrorCode::NotFound);
    auto in = m_shifts->cashIn(m_ann, 100, QStringLiteral("float"));
    QVERIFY(!in);
    QCOMPARE(in.error().code, ErrorCode::NotFound);
    QVERIFY(in.error().message.contains(QStringLiteral("open a shift first")));
    QCOMPARE(m_shifts->close(m_ann, 0).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestShifts)
#include "tst_shifts.moc"
