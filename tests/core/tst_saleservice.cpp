// SaleService end to end on a real encrypted store: tenders and change, card charges and voids,
// gap-free receipt numbers, immutability, held sales, and the simulated processor (PAY-1/PAY-2).
#include "TestStaff.h"
#include "TestStore.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>
#include <memory>

using namespace pos;

namespace {

const QString Eur = QStringLiteral("EUR");
const QString Reg = QStringLiteral("7b0c2f9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f");

TenderRequest cash(qint64 amount, qint64 tendered)
{
    return TenderRequest{TenderKind::Cash, amount, tendered};
}

TenderRequest card(qint64 amount)
{
    return TenderRequest{TenderKind::Card, amount, amount};
}

// Passes charges to a SimulatedProcessor but has it decline the second one.
class DeclineSecond final : public PaymentProcessor {
public:
    explicit DeclineSecond(SimulatedProcessor& inner) : m_inner(inner) {}
    Result<QString> charge(const Money& amount, const QString& key) override
    {
        if (++m_calls == 2)
            m_inner.declineNext(QStringLiteral("limit reached"));
        return m_inner.charge(amount, key);
    }
    Status voidCharge(const QString& reference) override { return m_inner.voidCharge(reference); }
    QString name() const override { return QStringLiteral("decline second"); }

private:
    SimulatedProcessor& m_inner;
    int m_calls = 0;
};

// A misbehaving processor that hands back something shaped like a card number as its reference.
class PanAsReference final : public PaymentProcessor {
public:
    Result<QString> charge(const Money&, const QString&) override
    {
        return QStringLiteral("4111 1111 1111 1111");
    }
    Status voidCharge(const QString& reference) override
    {
        voided << reference;
        return {};
    }
    QString name() const override { return QStringLiteral("pan as reference"); }
    QStringList voided;
};

} // namespace

Q_DECLARE_METATYPE(pos::TenderRequest)

class TestSaleService : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cashWithChange();
    void cardStoresOnlyTheReference();
    void cardNumberLikeReferenceIsNeverStored();
    void tenders_data();
    void tenders();
    void tenderBelowTotalStoresNothing();
    void cardDeclinedStoresNothing();
    void failureAfterChargeVoidsIt();
    void receiptNumbersAreGapFree();
    void completedSaleIsImmutable_data();
    void completedSaleIsImmutable();
    void completingTwiceIsRefused();
    void holdAndResume();
    void noOpenShiftRefused();
    void processorIsIdempotent();

private:
    qint64 count(const char* sql) { return m_store->db().scalar(sql).value_or(-1); }
    qint64 storedRows()
    {
        return count("SELECT (SELECT count(*) FROM sales) + (SELECT count(*) FROM sale_lines) + "
                     "(SELECT count(*) FROM sale_tenders) + (SELECT count(*) FROM "
                     "receipt_sequence)");
    }
    Cart milkTwice(); // 2 x 1.99 = 3.98

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<AccessControl> m_access;
    Session m_ann, m_bob, m_manager;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SequentialIdSource> m_ids;
    std::unique_ptr<SimulatedProcessor> m_processor;
    std::unique_ptr<ShiftService> m_shifts;
    std::unique_ptr<SaleService> m_sales;
    Product m_milk, m_apples, m_cable;
};

void TestSaleService::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_access = std::make_unique<AccessControl>(m_store->db());
    test::TestStaff staff(m_store->db(), m_store->keys());
    m_ann = staff.signIn(Role::Cashier, QStringLiteral("ann"));
    m_bob = staff.signIn(Role::Cashier, QStringLiteral("bob"));
    m_manager = staff.signIn(Role::Manager, QStringLiteral("Maria"));
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC));
    m_ids = std::make_unique<SequentialIdSource>();
    m_processor = std::make_unique<SimulatedProcessor>();
    const TaxClass std19 = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    const TaxClass us = m_store->addTaxClass(QStringLiteral("US"), 82500, false);
    m_milk = m_store->addProduct(QStringLiteral("MILK"), QStringLiteral("Milk 1L"), 199, std19);
    m_apples = m_store->addProduct(QStringLiteral("APPLE"), QStringLiteral("Apples"), 399, std19,
                                   {}, true);
    m_cable = m_store->addProduct(QStringLiteral("CABLE"), QStringLiteral("Cable"), 1000, us);
    m_shifts = std::make_unique<ShiftService>(m_store->db(), *m_access, *m_clock, *m_ids, Reg, Eur);
    QVERIFY(m_shifts->open(m_ann, 10000));
    m_sales = std::make_unique<SaleService>(m_store->db(), *m_access, *m_clock, *m_ids,
                                            *m_processor, Reg);
}

void TestSaleService::cleanup()
{
    m_sales.reset();
    m_shifts.reset();
    m_access.reset();
    m_store.reset();
}

Cart TestSaleService::milkTwice()
{
    Cart cart(Eur, m_ids->newId());
    (void)cart.addProduct(m_milk, Quantity::units(2));
    return cart;
}

void TestSaleService::cashWithChange()
{
    Cart cart = milkTwice();
    cart.setStartedAt(QDateTime(QDate(2026, 3, 1), QTime(8, 59, 30, 125), Qt::UTC));
    m_clock->advanceSecs(5);
    auto sale = m_sales->complete(m_ann, cart, {cash(398, 1000)});
    QVERIFY2(sale, sale ? "" : qPrintable(sale.error().message));
    QCOMPARE(sale->receiptNo, 1);
    QCOMPARE(sale->id, cart.id());
    QCOMPARE(sale->totals.totalMinor, 398);
    QCOMPARE(sale->paidMinor, 398);
    QCOMPARE(sale->changeMinor, 602);
    QCOMPARE(sale->tenders.size(), 1);
    QCOMPARE(sale->tenders[0].amountMinor, 398);
    QCOMPARE(sale->tenders[0].tenderedMinor, 1000);
    QVERIFY(sale->tenders[0].reference.isEmpty());
    QCOMPARE(m_processor->chargeCount(), 0);

    // Stored as it was computed, linked to the open shift, times in ISO 8601 UTC with ms.
    auto q = m_store->db().query("SELECT s.total_minor, s.change_minor, s.paid_minor, "
                                 "s.started_at, s.completed_at, s.shift_id = sh.id, s.cashier, "
                                 "s.cashier_id FROM sales s, shifts sh WHERE sh.closed_at IS NULL");
    QVERIFY(q);
    QVERIFY(q->next().value_or(false));
    QCOMPARE(q->int64(0), 398);
    QCOMPARE(q->int64(1), 602);
    QCOMPARE(q->int64(2), 398);
    QCOMPARE(q->text(3), QStringLiteral("2026-03-01T08:59:30.125Z"));
    QCOMPARE(q->text(4), QStringLiteral("2026-03-01T09:00:05.000Z"));
    QCOMPARE(q->int64(5), 1);
    QCOMPARE(q->text(6), QStringLiteral("ann"));
    QCOMPARE(q->int64(7), m_ann.userId); // who, as the store knows them

    // load() rebuilds the same sale from the tables.
    auto loaded = m_sales->load(m_ann, cart.id());
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->receiptNo, 1);
    QCOMPARE(loaded->registerId, Reg);
    QCOMPARE(loaded->cashier, QStringLiteral("ann"));
    QCOMPARE(loaded->cashierId, m_ann.userId);
    QCOMPARE(loaded->changeMinor, 602);
    QCOMPARE(loaded->startedAt, sale->startedAt);
    QCOMPARE(loaded->completedAt, sale->completedAt);
    QCOMPARE(loaded->lines.size(), 1);
    QCOMPARE(loaded->lines[0].name, QStringLiteral("Milk 1L"));
    QCOMPARE(loaded->lines[0].quantity.milli(), 2000);
    QCOMPARE(loaded->totals.lines[0].grossMinor, 398);
    QCOMPARE(loaded->totals.lines[0].taxMinor, sale->totals.lines[0].taxMinor);
    QCOMPARE(loaded->totals.taxMinor, 64); // 398 x 19/119 = 63.55
    QCOMPARE(loaded->totals.taxes.size(), 1);
    QCOMPARE(loaded->tenders[0].tenderedMinor, 1000);
    auto byReceipt = m_sales->loadByReceipt(m_ann, 1);
    QVERIFY(byReceipt);
    QCOMPARE(byReceipt->id, cart.id());
    QCOMPARE(m_sales->loadByReceipt(m_ann, 2).error().code, ErrorCode::NotFound);
    QCOMPARE(m_sales->load(m_ann, QUuid::createUuid()).error().code, ErrorCode::NotFound);
    QCOMPARE(m_sales->completedCount(m_ann).value(), 1);
}

void TestSaleService::cardStoresOnlyTheReference()
{
    Cart cart = milkTwice();
    auto sale = m_sales->complete(m_ann, cart, {card(398)});
    QVERIFY2(sale, sale ? "" : qPrintable(sale.error().message));
    QCOMPARE(sale->tenders[0].reference, QStringLiteral("SIM-000001"));
    QCOMPARE(sale->changeMinor, 0);
    QCOMPARE(m_processor->chargeCount(), 1);
    QVERIFY(!m_processor->isVoided(QStringLiteral("SIM-000001")));

    // PAY-1: the stored row holds the kind, the amounts, the processor reference and the
    // idempotency key, and nothing else.
    auto cols = m_store->db().query("SELECT sale_id, seq, kind, amount_minor, tendered_minor, "
                                    "reference, idempotency_key FROM sale_tenders");
    QVERIFY(cols && cols->next().value_or(false));
    QCOMPARE(cols->text(2), QStringLiteral("card"));
    QCOMPARE(cols->int64(3), 398);
    QCOMPARE(cols->int64(4), 398);
    QCOMPARE(cols->text(5), QStringLiteral("SIM-000001"));
    QVERIFY(!QUuid::fromString(cols->text(6)).isNull());
    QCOMPARE(count("SELECT count(*) FROM sale_tenders"), 1);
    auto info = m_store->db().query("PRAGMA table_info(sale_tenders)");
    QVERIFY(info);
    int columnCount = 0;
    while (info->next().value_or(false))
        ++columnCount;
    QCOMPARE(columnCount, 7); // no column where card data could hide
    QCOMPARE(m_sales->load(m_ann, cart.id())->tenders[0].reference, QStringLiteral("SIM-000001"));
}

void TestSaleService::cardNumberLikeReferenceIsNeverStored()
{
    PanAsReference processor;
    SaleService sales(m_store->db(), *m_access, *m_clock, *m_ids, processor, Reg);
    Cart cart = milkTwice();
    const qint64 before = storedRows();
    auto sale = sales.complete(m_ann, cart, {card(398)});
    QVERIFY(!sale);
    QVERIFY(!sale.error().message.contains(QStringLiteral("4111")));
    QCOMPARE(storedRows(), before);
    QCOMPARE(processor.voided.size(), 1); // the charge is released, not kept
}

// Tender plans against a 13.74 sale (milk 3.57 less 0.07, apples 1.00, cable 10.00 + tax, order
// discount 1.50: the worked example of tst_pricing). "applied" lists the stored tender amounts.
void TestSaleService::tenders_data()
{
    QTest::addColumn<QList<TenderRequest>>("requests");
    QTest::addColumn<QList<qint64>>("applied");
    QTest::addColumn<qint64>("change");
    QTest::addColumn<int>("error"); // -1: completes
    QTest::addColumn<QString>("message");
    const int ok = -1;
    const int invalid = int(ErrorCode::InvalidInput);
    QTest::newRow("exact cash") << QList<TenderRequest>{cash(1374, 1374)} << QList<qint64>{1374}
                                << qint64(0) << ok << QString();
    QTest::newRow("cash amount above total is change")
        << QList<TenderRequest>{cash(2000, 2000)} << QList<qint64>{1374} << qint64(626) << ok
        << QString();
    QTest::newRow("card then cash with change")
        << QList<TenderRequest>{card(1000), cash(374, 500)} << QList<qint64>{1000, 374}
        << qint64(126) << ok << QString();
    QTest::newRow("cash then card") << QList<TenderRequest>{cash(1000, 2000), card(374)}
                                    << QList<qint64>{1000, 374} << qint64(1000) << ok << QString();
    QTest::newRow("two cards") << QList<TenderRequest>{card(1300), card(74)}
                               << QList<qint64>{1300, 74} << qint64(0) << ok << QString();
    QTest::newRow("below total") << QList<TenderRequest>{cash(1000, 1000)} << QList<qint64>{}
                                 << qint64(0) << invalid << QStringLiteral("3.74 is still due");
    QTest::newRow("no tender") << QList<TenderRequest>{} << QList<qint64>{} << qint64(0) << invalid
                               << QStringLiteral("13.74 is still due");
    QTest::newRow("card above total")
        << QList<TenderRequest>{card(1400)} << QList<qint64>{} << qint64(0) << invalid
        << QStringLiteral("more than the 13.74 still due");
    QTest::newRow("card above what is left")
        << QList<TenderRequest>{cash(1000, 1000), card(400)} << QList<qint64>{} << qint64(0)
        << invalid << QStringLiteral("more than the 3.74 still due");
    QTest::newRow("cash handed over below amount")
        << QList<TenderRequest>{cash(1374, 1000)} << QList<qint64>{} << qint64(0) << invalid
        << QStringLiteral("less than the amount applied");
    QTest::newRow("zero tender") << QList<TenderRequest>{cash(0, 0), cash(1374, 1374)}
                                 << QList<qint64>{} << qint64(0) << invalid
                                 << QStringLiteral("more than zero");
    QTest::newRow("negative tender")
        << QList<TenderRequest>{card(-5), cash(1374, 1374)} << QList<qint64>{} << qint64(0)
        << invalid << QStringLiteral("more than zero");
    QTest::newRow("tender after paid in full")
        << QList<TenderRequest>{cash(1374, 1374), cash(100, 100)} << QList<qint64>{} << qint64(0)
        << invalid << QStringLiteral("already paid");
}

void TestSaleService::tenders()
{
    QFETCH(QList<TenderRequest>, requests);
    QFETCH(QList<qint64>, applied);
    QFETCH(qint64, change);
    QFETCH(int, error);
    QFETCH(QString, message);
    // Re-create the worked example with this store's products: milk at 1.19 needs its own row.
    Product milk119 =
        m_store->addProduct(QStringLiteral("MILK2"), QStringLiteral("Milk"), 119, m_milk.tax);
    Cart ex(Eur, m_ids->newId());
    QVERIFY(ex.addProduct(milk119, Quantity::units(3)));
    Product apples = m_apples;
    apples.tax = m_store->addTaxClass(QStringLiteral("RED"), 70000, true);
    QVERIFY(ex.addProduct(apples, Quantity::fromMilli(250)));
    QVERIFY(ex.addProduct(m_cable));
    QVERIFY(ex.setLineDiscount(0, 7));
    QVERIFY(ex.setOrderDiscount(150));
    QCOMPARE(ex.totals()->totalMinor, 1374);

    auto sale = m_sales->complete(m_ann, ex, requests);
    if (error >= 0) {
        QVERIFY(!sale);
        QCOMPARE(int(sale.error().code), error);
        QVERIFY2(sale.error().message.contains(message), qPrintable(sale.error().message));
        QCOMPARE(storedRows(), 0);
        QCOMPARE(m_processor->chargeCount(), 0);
        return;
    }
    QVERIFY2(sale, sale ? "" : qPrintable(sale.error().message));
    QCOMPARE(sale->changeMinor, change);
    QList<qint64> got;
    for (const Tender& t : sale->tenders)
        got << t.amountMinor;
    QCOMPARE(got, applied);
    auto loaded = m_sales->load(m_ann, ex.id());
    QVERIFY(loaded);
    got.clear();
    for (const Tender& t : loaded->tenders)
        got << t.amountMinor;
    QCOMPARE(got, applied);
    QCOMPARE(loaded->changeMinor, change);
    QCOMPARE(loaded->totals.totalMinor, 1374);
    QCOMPARE(loaded->totals.subtotalMinor, 1457);
    QCOMPARE(loaded->totals.discountMinor, 157);
    QCOMPARE(loaded->totals.taxMinor, 130);
    QCOMPARE(loaded->totals.lines[2].orderDiscountMinor, 104);
    QCOMPARE(loaded->totals.lines[1].grossMinor, 100);
    QVERIFY(loaded->lines[1].soldByWeight);
}

void TestSaleService::tenderBelowTotalStoresNothing()
{
    auto sale = m_sales->complete(m_ann, milkTwice(), {cash(100, 100), card(200)});
    QVERIFY(!sale);
    QCOMPARE(sale.error().code, ErrorCode::InvalidInput);
    QVERIFY2(sale.error().message.contains(QStringLiteral("EUR 0.98")),
             qPrintable(sale.error().message));
    QCOMPARE(storedRows(), 0);
    QCOMPARE(m_processor->chargeCount(), 0); // refused before any card was charged
    QCOMPARE(m_sales->completedCount(m_ann).value(), 0);
}

void TestSaleService::cardDeclinedStoresNothing()
{
    m_processor->declineNext(QStringLiteral("insufficient funds"));
    auto sale = m_sales->complete(m_ann, milkTwice(), {card(398)});
    QVERIFY(!sale);
    QCOMPARE(sale.error().code, ErrorCode::Declined);
    QVERIFY(sale.error().message.contains(QStringLiteral("insufficient funds")));
    QCOMPARE(storedRows(), 0);

    // Split: the first card goes through, the second is declined: the first is voided.
    DeclineSecond second(*m_processor);
    SaleService sales(m_store->db(), *m_access, *m_clock, *m_ids, second, Reg);
    auto split = sales.complete(m_ann, milkTwice(), {card(100), card(298)});
    QVERIFY(!split);
    QCOMPARE(split.error().code, ErrorCode::Declined);
    QCOMPARE(m_processor->chargeCount(), 1);
    QVERIFY(m_processor->isVoided(QStringLiteral("SIM-000001")));
    QCOMPARE(storedRows(), 0);

    // The decline is used up: the same tenders now go through, with fresh references.
    auto ok = m_sales->complete(m_ann, milkTwice(), {card(100), card(298)});
    QVERIFY(ok);
    QCOMPARE(ok->tenders[0].reference, QStringLiteral("SIM-000002"));
    QCOMPARE(ok->tenders[1].reference, QStringLiteral("SIM-000003"));
    QCOMPARE(m_processor->voidCount(), 1);
    QCOMPARE(count("SELECT last_no FROM receipt_sequence"), 1);
}

void TestSaleService::failureAfterChargeVoidsIt()
{
    // The store refuses the tender rows after the card has been charged.
    QVERIFY(m_store->db().exec("CREATE TRIGGER fail_tenders BEFORE INSERT ON sale_tenders "
                               "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"));
    auto sale = m_sales->complete(m_ann, milkTwice(), {card(300), cash(98, 100)});
    QVERIFY(!sale);
    QVERIFY(sale.error().message.contains(QStringLiteral("voided")));
    QCOMPARE(m_processor->chargeCount(), 1);
    QVERIFY(m_processor->isVoided(QStringLiteral("SIM-000001")));
    QCOMPARE(storedRows(), 0); // no sale, no lines, and no receipt number taken

    QVERIFY(m_store->db().exec("DROP TRIGGER fail_tenders"));
    auto ok = m_sales->complete(m_ann, milkTwice(), {card(398)});
    QVERIFY(ok);
    QCOMPARE(ok->receiptNo, 1);
    QVERIFY(!m_processor->isVoided(QStringLiteral("SIM-000002")));
}

void TestSaleService::receiptNumbersAreGapFree()
{
    QList<qint64> numbers;
    QList<QUuid> ids;
    for (int i = 0; i < 3; ++i) {
        if (i == 1) { // a refused sale in between takes no number
            QVERIFY(!m_sales->complete(m_ann, milkTwice(), {cash(1, 1)}));
            m_processor->declineNext(QStringLiteral("no"));
            QVERIFY(!m_sales->complete(m_ann, milkTwice(), {card(398)}));
        }
        Cart cart = milkTwice();
        auto sale = m_sales->complete(m_ann, cart, {cash(398, 400)});
        QVERIFY(sale);
        numbers << sale->receiptNo;
        ids << cart.id();
    }
    QCOMPARE(numbers, (QList<qint64>{1, 2, 3}));
    QCOMPARE(count("SELECT last_no FROM receipt_sequence"), 3);
    QCOMPARE(m_sales->loadByReceipt(m_ann, 2)->id, ids[1]);
    QCOMPARE(m_sales->completedCount(m_ann).value(), 3);
}

void TestSaleService::completedSaleIsImmutable_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("change the total") << QStringLiteral("UPDATE sales SET total_minor = 1");
    QTest::newRow("delete the sale") << QStringLiteral("DELETE FROM sales");
    QTest::newRow("change a line") << QStringLiteral("UPDATE sale_lines SET net_minor = 0");
    QTest::newRow("delete a line") << QStringLiteral("DELETE FROM sale_lines");
    QTest::newRow("change a tender") << QStringLiteral("UPDATE sale_tenders SET reference = 'x'");
    QTest::newRow("delete a tender") << QStringLiteral("DELETE FROM sale_tenders");
}

void TestSaleService::completedSaleIsImmutable()
{
    QFETCH(QString, sql);
    Cart cart = milkTwice();
    QVERIFY(m_sales->complete(m_ann, cart, {card(398)}));
    const qint64 rows = storedRows();
    auto r = m_store->db().exec(sql.toUtf8().constData());
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(QStringLiteral("a completed sale cannot be")),
             qPrintable(r.error().message));
    QCOMPARE(storedRows(), rows);
    auto loaded = m_sales->load(m_ann, cart.id());
    QVERIFY(loaded);
    QCOMPARE(loaded->totals.totalMinor, 398);
    QCOMPARE(loaded->tenders[0].reference, QStringLiteral("SIM-000001"));
}

void TestSaleService::completingTwiceIsRefused()
{
    Cart cart = milkTwice();
    QVERIFY(m_sales->complete(m_ann, cart, {card(398)}));
    auto again = m_sales->complete(m_ann, cart, {card(398)});
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(m_processor->chargeCount(), 1); // not charged twice
    QCOMPARE(m_sales->completedCount(m_ann).value(), 1);
}

void TestSaleService::holdAndResume()
{
    Cart cart = milkTwice();
    QVERIFY(cart.addProduct(m_apples, Quantity::fromMilli(250)));
    QVERIFY(cart.setOrderDiscount(8));
    cart.setStartedAt(QDateTime(QDate(2026, 3, 1), QTime(8, 55), Qt::UTC));
    auto id = m_sales->hold(m_ann, cart, QStringLiteral("  Table 4 "));
    QVERIFY2(id, id ? "" : qPrintable(id.error().message));
    m_clock->advanceSecs(60);
    Cart other = milkTwice(); // no start time: hold sets it from the clock
    auto id2 = m_sales->hold(m_bob, other, QString());
    QVERIFY(id2);
    QVERIFY(!m_sales->hold(m_ann, Cart(Eur), QString())); // empty

    // A manager (held.all) sees both; ann sees her own (tst_rbac covers who sees what).
    auto held = m_sales->heldSales(m_manager);
    QVERIFY(held);
    QCOMPARE(held->size(), 2);
    QCOMPARE(m_sales->heldSales(m_ann)->size(), 1);
    QCOMPARE(held->at(0).id, *id);
    QCOMPARE(held->at(0).label, QStringLiteral("Table 4"));
    QCOMPARE(held->at(0).cashier, QStringLiteral("ann"));
    QCOMPARE(held->at(0).cashierId, m_ann.userId);
    QCOMPARE(held->at(1).cashier, QStringLiteral("bob"));
    QCOMPARE(held->at(0).lineCount, 2);
    QCOMPARE(held->at(0).totalMinor, 398 + 100 - 8);
    QCOMPARE(held->at(0).heldAt, QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC));
    const QString expectedLabel =
        QStringLiteral("Held ") + QDateTime(QDate(2026, 3, 1), QTime(9, 1), Qt::UTC)
                                      .toLocalTime()
                                      .toString(QStringLiteral("HH:mm"));
    QCOMPARE(held->at(1).label, expectedLabel);
    QCOMPARE(held->at(1).totalMinor, 398);

    auto back = m_sales->resume(m_ann, *id);
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QCOMPARE(back->toJson(), cart.toJson());
    QCOMPARE(back->totals()->totalMinor, 490);
    QCOMPARE(m_sales->heldSales(m_manager)->size(), 1);
    auto twice = m_sales->resume(m_ann, *id);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, ErrorCode::NotFound);

    auto second = m_sales->resume(m_bob, *id2);
    QVERIFY(second);
    QCOMPARE(second->startedAt(), QDateTime(QDate(2026, 3, 1), QTime(9, 1), Qt::UTC));
    QVERIFY(m_sales->heldSales(m_manager)->isEmpty());
    // A resumed cart completes like any other.
    QVERIFY(m_sales->complete(m_ann, *back, {cash(490, 500)}));
}

void TestSaleService::noOpenShiftRefused()
{
    QVERIFY(m_shifts->close(m_ann, 10000));
    auto sale = m_sales->complete(m_ann, milkTwice(), {card(398)});
    QVERIFY(!sale);
    QCOMPARE(sale.error().code, ErrorCode::Conflict);
    QVERIFY2(sale.error().message.contains(QStringLiteral("open a shift first")),
             qPrintable(sale.error().message));
    QCOMPARE(m_processor->chargeCount(), 0);
    QCOMPARE(storedRows(), 0);
    QVERIFY(!m_sales->complete(m_ann, Cart(Eur), {cash(1, 1)})); // empty cart
}

void TestSaleService::processorIsIdempotent()
{
    SimulatedProcessor p;
    auto a = p.charge(Money(500, Eur), QStringLiteral("key-1"));
    QVERIFY(a);
    QCOMPARE(*a, QStringLiteral("SIM-000001"));
    auto again = p.charge(Money(500, Eur), QStringLiteral("key-1"));
    QVERIFY(again);
    QCOMPARE(*again, *a);
    QCOMPARE(p.chargeCount(), 1);
    auto other = p.charge(Money(600, Eur), QStringLiteral("key-1"));
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::Conflict);
    QCOMPARE(p.charge(Money(0, Eur), QStringLiteral("key-2")).error().code,
             ErrorCode::InvalidInput);
    QCOMPARE(p.charge(Money(-1, Eur), QStringLiteral("key-2")).error().code,
             ErrorCode::InvalidInput);
    QCOMPARE(p.charge(Money(1, Eur), QString()).error().code, ErrorCode::InvalidInput);
    p.declineNext(QStringLiteral("do not honour"));
    // A repeated key is answered from the first charge and does not use up the decline.
    QCOMPARE(p.charge(Money(500, Eur), QStringLiteral("key-1")).value(), *a);
    auto declined = p.charge(Money(1, Eur), QStringLiteral("key-3"));
    QCOMPARE(declined.error().code, ErrorCode::Declined);
    auto next = p.charge(Money(1, Eur), QStringLiteral("key-3"));
    QCOMPARE(next.value(), QStringLiteral("SIM-000002")); // declined only once
    QVERIFY(p.voidCharge(*next));
    QVERIFY(p.isVoided(*next));
    QCOMPARE(p.voidCharge(QStringLiteral("SIM-999999")).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestSaleService)
#include "tst_saleservice.moc"
