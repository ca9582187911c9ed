// RBAC-5 at the counter: voids, lowered quantities, discounts over the limit, price overrides and
// no-sale drawer opens. With the permission the action is done and recorded; without it and
// without a valid approval it is refused with ApprovalRequired and nothing changes (not the cart,
// not the store); with a manager's approval it is done, recorded with both names, and the approval
// is used up.
#include "ApprovalHarness.h"
#include "RoleTable.h"
#include "TestProducts.h"
#include "sales/CounterActions.h"
#include "shifts/ShiftService.h"

#include <QTest>
#include <memory>

using namespace pos;

class TestCounterActions : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void cashierLineVoidNeedsApprovalAndChangesNothing();
    void managerApprovesLineVoidWithPin();
    void managerVoidsWithoutApproval();
    void approvalForOneLineDoesNotVoidAnother();
    void expiredApprovalVoidsNothing();
    void approvalIsUsedOnce();
    void loweringQuantityIsALineVoid();
    void voidWholeSale();
    void discountWithinLimitNeedsNothing();
    void discountOverLimitNeedsApproval();
    void orderDiscountCountsLineDiscounts();
    void priceOverride();
    void noSaleNeedsAnOpenShiftAndApproval();
    void refusedChangeUsesNoApproval();
    void cashOutAboveTheLimit();
    void roleTable_data();
    void roleTable();

private:
    struct Snapshot {
        QByteArray cart;
        qint64 events = 0;
        qint64 used = 0;
        bool operator==(const Snapshot&) const = default;
    };
    Snapshot snapshot(const Cart& cart)
    {
        return {cart.toJson(), m_h->count("SELECT count(*) FROM counter_events"),
                m_h->count("SELECT count(*) FROM approvals WHERE status = 'used'")};
    }
    // The last counter event as "kind/actor/approver/amount".
    QString lastEvent()
    {
        return m_h->text(
            "SELECT e.kind || '/' || a.name || '/' || coalesce(ap.name, '-') || '/' || "
            "e.amount_minor FROM counter_events e JOIN users a ON a.id = e.actor_id "
            "LEFT JOIN approvals x ON x.id = e.approval_id "
            "LEFT JOIN users ap ON ap.id = x.approver_id ORDER BY e.id DESC LIMIT 1");
    }
    QUuid approved(const Result<ApprovalAsk>& ask)
    {
        if (!ask)
            return {};
        auto a = m_h->askAndApprove(m_cashier, *ask, QStringLiteral("21"));
        return a ? a->id : QUuid();
    }
    void openShift()
    {
        auto q = m_h->db().query("INSERT INTO shifts (uuid, register_id, currency, opened_at, "
                                 "opened_by, float_minor) VALUES ('s1', ?1, 'EUR', "
                                 "'2026-03-02T08:00:00.000Z', 'Carla Cashier', 10000)");
        q->bind(1, m_h->staff.registerId());
        QVERIFY(q->run());
    }
    Cart cart(); // milk 2 x 1.99, bread 1 x 10.00

    std::unique_ptr<test::ApprovalHarness> m_h;
    std::unique_ptr<CounterActions> m_counter;
    Session m_cashier;
    Session m_manager;
    TaxClass m_tax{1, QStringLiteral("STD"), QStringLiteral("Standard"), 190000, true};
};

void TestCounterActions::init()
{
    m_h = std::make_unique<test::ApprovalHarness>();
    m_counter = std::make_unique<CounterActions>(m_h->db(), m_h->clock, m_h->ids, m_h->approvals,
                                                 m_h->staff.registerId());
    m_cashier = m_h->signIn(Role::Cashier, QStringLiteral("Carla Cashier"), QStringLiteral("11"));
    m_manager = m_h->signIn(Role::Manager, QStringLiteral("Max Manager"), QStringLiteral("21"));
}

void TestCounterActions::cleanup()
{
    m_counter.reset();
    m_h.reset();
}

Cart TestCounterActions::cart()
{
    Cart c(QStringLiteral("EUR"));
    c.addProduct(test::product(1, "Milk 1L", 199, m_tax), Quantity::units(2)).value();
    c.addProduct(test::product(2, "Bread", 1000, m_tax)).value();
    return c;
}

void TestCounterActions::cashierLineVoidNeedsApprovalAndChangesNothing()
{
    Cart c = cart();
    const Snapshot before = snapshot(c);
    auto r = m_counter->voidLine(m_cashier, c, 0);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QVERIFY(r.error().message.contains(QStringLiteral("approval")));
    QCOMPARE(snapshot(c), before);
    QCOMPARE(m_h->count("SELECT count(*) FROM approvals"), 0);
}

void TestCounterActions::managerApprovesLineVoidWithPin()
{
    Cart c = cart();
    auto ask = CounterActions::askVoidLine(c, 0);
    QVERIFY(ask);
    QCOMPARE(ask->kind, ApprovalKind::LineVoid);
    QCOMPARE(ask->amountMinor, 398);
    QVERIFY(ask->summary.contains(QStringLiteral("Milk 1L")));
    auto request = m_h->approvals.request(m_cashier, *ask, QStringLiteral("scanned twice"));
    QVERIFY(request);
    auto ok = m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), test::secret("2468"));
    QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));

    auto voided = m_counter->voidLine(m_cashier, c, 0, request->id);
    QVERIFY2(voided, voided ? "" : qPrintable(voided.error().message));
    QCOMPARE(c.lines().size(), 1);
    QCOMPARE(c.lines().first().name, QStringLiteral("Bread"));
    // Both names are on the record: the cashier acted, the manager approved.
    QCOMPARE(lastEvent(), QStringLiteral("line_void/Carla Cashier/Max Manager/398"));
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Used);
}

void TestCounterActions::managerVoidsWithoutApproval()
{
    Cart c = cart();
    QVERIFY(m_counter->voidLine(m_manager, c, 1));
    QCOMPARE(c.lines().size(), 1);
    QCOMPARE(lastEvent(), QStringLiteral("line_void/Max Manager/-/1000"));
    QCOMPARE(m_h->count("SELECT count(*) FROM counter_events WHERE approval_id IS NULL"), 1);
}

void TestCounterActions::approvalForOneLineDoesNotVoidAnother()
{
    Cart c = cart();
    const QUuid forMilk = approved(CounterActions::askVoidLine(c, 0));
    QVERIFY(!forMilk.isNull());
    const Snapshot before = snapshot(c);
    auto r = m_counter->voidLine(m_cashier, c, 1, forMilk);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);
    QCOMPARE(m_h->approvals.status(m_cashier, forMilk)->status, ApprovalStatus::Approved);
    // Another cart with the same lines is another subject too.
    Cart other = cart();
    QVERIFY(!m_counter->voidLine(m_cashier, other, 0, forMilk));
}

void TestCounterActions::expiredApprovalVoidsNothing()
{
    Cart c = cart();
    const QUuid id = approved(CounterActions::askVoidLine(c, 0));
    QVERIFY(!id.isNull());
    m_h->clock.advanceSecs(5 * 60);
    const Snapshot before = snapshot(c);
    auto r = m_counter->voidLine(m_cashier, c, 0, id);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);
}

void TestCounterActions::approvalIsUsedOnce()
{
    Cart c = cart();
    c.addProduct(test::product(3, "Butter", 250, m_tax)).value();
    const QUuid id = approved(CounterActions::askVoidLine(c, 2));
    QVERIFY(m_counter->voidLine(m_cashier, c, 2, id));
    // The same line position again (a new butter line) needs a new approval.
    c.addProduct(test::product(3, "Butter", 250, m_tax)).value();
    const Snapshot before = snapshot(c);
    auto again = m_counter->voidLine(m_cashier, c, 2, id);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);
}

void TestCounterActions::loweringQuantityIsALineVoid()
{
    Cart c = cart();
    // Raising needs nothing.
    QVERIFY(m_counter->setQuantity(m_cashier, c, 0, Quantity::units(3)));
    QCOMPARE(c.lines().at(0).quantity, Quantity::units(3));
    QCOMPARE(m_h->count("SELECT count(*) FROM counter_events"), 0);

    const Snapshot before = snapshot(c);
    auto lower = m_counter->setQuantity(m_cashier, c, 0, Quantity::units(1));
    QVERIFY(!lower);
    QCOMPARE(lower.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);

    const QUuid id = approved(CounterActions::askSetQuantity(c, 0, Quantity::units(1)));
    QVERIFY(!id.isNull());
    // The approval is for lowering to 1, not for voiding the whole line.
    QVERIFY(!m_counter->voidLine(m_cashier, c, 0, id));
    QVERIFY(m_counter->setQuantity(m_cashier, c, 0, Quantity::units(1), id));
    QCOMPARE(c.lines().at(0).quantity, Quantity::units(1));
    QCOMPARE(lastEvent(), QStringLiteral("line_void/Carla Cashier/Max Manager/398"));
}

void TestCounterActions::voidWholeSale()
{
    Cart c = cart();
    const QUuid cartId = c.id();
    const Snapshot before = snapshot(c);
    auto r = m_counter->voidSale(m_cashier, c, QStringLiteral("customer left"));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);

    const QUuid id = approved(CounterActions::askVoidSale(c));
    auto noReason = m_counter->voidSale(m_cashier, c, QStringLiteral("  "), id);
    QVERIFY(!noReason);
    QCOMPARE(noReason.error().code, ErrorCode::InvalidInput);
    QCOMPARE(snapshot(c), before);

    QVERIFY(m_counter->voidSale(m_cashier, c, QStringLiteral("customer left"), id));
    QVERIFY(c.isEmpty());
    QVERIFY(c.id() != cartId); // a new sale
    QCOMPARE(lastEvent(), QStringLiteral("sale_void/Carla Cashier/Max Manager/1398"));
    QCOMPARE(m_h->text("SELECT cart_uuid FROM counter_events"),
             cartId.toString(QUuid::WithoutBraces));
    // An empty sale has nothing to void.
    auto empty = m_counter->voidSale(m_manager, c, QStringLiteral("x"));
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, ErrorCode::InvalidInput);
}

void TestCounterActions::discountWithinLimitNeedsNothing()
{
    // The default limit is 10 % of the line's gross: 1.00 on the 10.00 bread.
    Cart c = cart();
    auto limit = m_counter->lineDiscountLimit(m_cashier, c, 1);
    QVERIFY(limit);
    QCOMPARE(*limit, 100);
    QVERIFY(m_counter->setLineDiscount(m_cashier, c, 1, 100));
    QCOMPARE(c.lines().at(1).lineDiscountMinor, 100);
    QCOMPARE(m_h->count("SELECT count(*) FROM counter_events"), 0);
    // A lower limit for this cashier.
    QVERIFY(m_h->db().exec("UPDATE users SET discount_limit_ppm = 50000 WHERE code = '11'"));
    const Snapshot before = snapshot(c);
    auto r = m_counter->setLineDiscount(m_cashier, c, 0, 20); // 5 % of 3.98 = 0.19
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);
    QVERIFY(m_counter->setLineDiscount(m_cashier, c, 0, 19));
}

void TestCounterActions::discountOverLimitNeedsApproval()
{
    Cart c = cart();
    const Snapshot before = snapshot(c);
    QVERIFY(!m_counter->setLineDiscount(m_cashier, c, 1, 101));
    QCOMPARE(snapshot(c), before);

    const QUuid id = approved(CounterActions::askLineDiscount(c, 1, 150));
    QVERIFY(!id.isNull());
    // More than was approved: refused, nothing changes, the approval stays usable.
    auto more = m_counter->setLineDiscount(m_cashier, c, 1, 200, id);
    QVERIFY(!more);
    QCOMPARE(more.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);
    QVERIFY(m_counter->setLineDiscount(m_cashier, c, 1, 150, id));
    QCOMPARE(c.lines().at(1).lineDiscountMinor, 150);
    QCOMPARE(lastEvent(), QStringLiteral("discount/Carla Cashier/Max Manager/150"));
    // Lowering a discount that was approved needs nothing.
    QVERIFY(m_counter->setLineDiscount(m_cashier, c, 1, 120));
    // A manager gives any discount the line allows.
    QVERIFY(m_counter->setLineDiscount(m_manager, c, 1, 1000));
    QCOMPARE(lastEvent(), QStringLiteral("discount/Max Manager/-/1000"));
}

void TestCounterActions::orderDiscountCountsLineDiscounts()
{
    Cart c = cart(); // gross 13.98: 10 % is 1.39
    auto limit = m_counter->orderDiscountLimit(m_cashier, c);
    QVERIFY(limit);
    QCOMPARE(*limit, 139);
    QVERIFY(m_counter->setLineDiscount(m_cashier, c, 1, 100));
    QCOMPARE(*m_counter->orderDiscountLimit(m_cashier, c), 39);
    const Snapshot before = snapshot(c);
    QVERIFY(!m_counter->setOrderDiscount(m_cashier, c, 40));
    QCOMPARE(snapshot(c), before);
    QVERIFY(m_counter->setOrderDiscount(m_cashier, c, 39));
    const QUuid id = approved(CounterActions::askOrderDiscount(c, 300));
    QVERIFY(m_counter->setOrderDiscount(m_cashier, c, 300, id));
    QCOMPARE(c.orderDiscountMinor(), 300);
    QCOMPARE(lastEvent(), QStringLiteral("discount/Carla Cashier/Max Manager/300"));
}

void TestCounterActions::priceOverride()
{
    Cart c = cart();
    const Snapshot before = snapshot(c);
    auto r = m_counter->overridePrice(m_cashier, c, 1, 800);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(snapshot(c), before);

    const QUuid id = approved(CounterActions::askOverridePrice(c, 1, 800));
    // The approval pins the price: 7.00 is not 8.00.
    QVERIFY(!m_counter->overridePrice(m_cashier, c, 1, 700, id));
    QCOMPARE(snapshot(c), before);
    QVERIFY(m_counter->overridePrice(m_cashier, c, 1, 800, id));
    QCOMPARE(c.lines().at(1).unitPriceMinor, 800);
    QCOMPARE(c.totals()->totalMinor, 398 + 800);
    QCOMPARE(lastEvent(), QStringLiteral("price_override/Carla Cashier/Max Manager/200"));
    // A manager overrides directly, up as well as down.
    QVERIFY(m_counter->overridePrice(m_manager, c, 0, 250));
    QCOMPARE(c.lines().at(0).unitPriceMinor, 250);
    QCOMPARE(lastEvent(), QStringLiteral("price_override/Max Manager/-/0"));
    auto negative = m_counter->overridePrice(m_manager, c, 0, -1);
    QVERIFY(!negative);
    QCOMPARE(negative.error().code, ErrorCode::InvalidInput);
}

void TestCounterActions::noSaleNeedsAnOpenShiftAndApproval()
{
    auto noShift = m_counter->noSale(m_manager, QStringLiteral("change for the till"));
    QVERIFY(!noShift);
    QCOMPARE(noShift.error().code, ErrorCode::Conflict);
    openShift();
    auto r = m_counter->noSale(m_cashier, QStringLiteral("change for the till"));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(m_h->count("SELECT count(*) FROM counter_events"), 0);
    auto a = m_h->askAndApprove(m_cashier, m_counter->askNoSale(), QStringLiteral("21"));
    QVERIFY(a);
    QVERIFY(m_counter->noSale(m_cashier, QStringLiteral("change for the till"), a->id));
    QCOMPARE(lastEvent(), QStringLiteral("no_sale/Carla Cashier/Max Manager/0"));
    QCOMPARE(m_h->count("SELECT count(*) FROM counter_events WHERE shift_id IS NOT NULL "
                        "AND detail = 'change for the till'"),
             1);
    QVERIFY(!m_counter->noSale(m_manager, QStringLiteral(" ")));
}

void TestCounterActions::refusedChangeUsesNoApproval()
{
    // The cart refuses the change (the order discount would exceed the sale): the approval is
    // not used and nothing is recorded.
    Cart c = cart();
    QVERIFY(c.setOrderDiscount(1300));
    const QUuid id = approved(CounterActions::askOverridePrice(c, 1, 800));
    QVERIFY(id.isNull()); // the ask itself is refused
    const Snapshot before = snapshot(c);
    auto r = m_counter->overridePrice(m_manager, c, 1, 100);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QCOMPARE(snapshot(c), before);
    auto bad = m_counter->voidLine(m_manager, c, 7);
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InvalidInput);
    QCOMPARE(snapshot(c), before);
}

// A cash out above the store's limit (100.00 unless set) needs cash.out_over_limit or an approval;
// the X report counts the no-sale drawer opens.
void TestCounterActions::cashOutAboveTheLimit()
{
    AccessControl access(m_h->db());
    ShiftService shifts(m_h->db(), access, m_h->clock, m_h->ids, m_h->staff.registerId(),
                        QStringLiteral("EUR"));
    QVERIFY(shifts.open(m_cashier, 50000));
    QCOMPARE(*shifts.cashOutLimit(m_cashier), 10000);
    QVERIFY(shifts.cashOut(m_cashier, 10000, QStringLiteral("bank"))); // at the limit
    const auto before = test::storeSnapshot(m_h->db());
    auto noApprovals = shifts.cashOut(m_cashier, 10001, QStringLiteral("bank"));
    QVERIFY(!noApprovals);
    QCOMPARE(noApprovals.error().code, ErrorCode::ApprovalRequired);

    shifts.setApprovals(m_h->approvals);
    auto refused = shifts.cashOut(m_cashier, 10001, QStringLiteral("bank"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ApprovalRequired);
    QVERIFY(test::storeSnapshot(m_h->db()) == before);

    auto a = m_h->askAndApprove(m_cashier, shifts.askCashOut(20000), QStringLiteral("21"));
    QVERIFY(a);
    const auto approved = test::storeSnapshot(m_h->db());
    QVERIFY(!shifts.cashOut(m_cashier, 20001, QStringLiteral("bank"), a->id)); // above approved
    QVERIFY(test::storeSnapshot(m_h->db()) == approved);
    QVERIFY(shifts.cashOut(m_cashier, 20000, QStringLiteral("bank"), a->id));
    QCOMPARE(m_h->text("SELECT m.actor || '/' || u.name || '/' || m.amount_minor FROM "
                       "cash_movements m JOIN approvals x ON x.id = m.approval_id "
                       "JOIN users u ON u.id = x.approver_id"),
             QStringLiteral("Carla Cashier/Max Manager/20000"));
    QVERIFY(!shifts.cashOut(m_cashier, 15000, QStringLiteral("bank"), a->id)); // used up
    // A manager needs no approval; the store sets its own limit.
    QVERIFY(shifts.cashOut(m_manager, 15000, QStringLiteral("bank")));
    QVERIFY(
        m_h->db().exec("INSERT INTO settings (key, value) VALUES ('cash_out_limit_minor', '500')"));
    QCOMPARE(*shifts.cashOutLimit(m_cashier), 500);
    QVERIFY(!shifts.cashOut(m_cashier, 501, QStringLiteral("bank")));
    QVERIFY(shifts.cashOut(m_cashier, 500, QStringLiteral("bank")));
    QCOMPARE(shifts.xReport(m_cashier)->cashOutMinor, 10000 + 20000 + 15000 + 500);

    QVERIFY(m_counter->noSale(m_manager, QStringLiteral("change for the till")));
    QVERIFY(m_counter->noSale(m_manager, QStringLiteral("customer's lost ring")));
    QCOMPARE(shifts.xReport(m_cashier)->noSaleCount, 2);
}

// RBAC-2: every counter action as every role: owners and managers act, cashiers need an approval,
// auditors are refused outright.
void TestCounterActions::roleTable_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<int>("expected"); // -1 done, else the ErrorCode
    QTest::newRow("owner") << int(Role::Owner) << -1;
    QTest::newRow("manager") << int(Role::Manager) << -1;
    QTest::newRow("cashier") << int(Role::Cashier) << int(ErrorCode::ApprovalRequired);
    QTest::newRow("auditor") << int(Role::Auditor) << int(ErrorCode::PermissionDenied);
    QTest::newRow("ended session") << -2 << int(ErrorCode::Unauthenticated);
}

void TestCounterActions::roleTable()
{
    QFETCH(int, role);
    QFETCH(int, expected);
    openShift();
    const Session s = m_h->staff.signIn(role < 0 ? Role::Owner : static_cast<Role>(role));
    if (role < 0)
        m_h->staff.endSession(s);
    const auto store = test::storeSnapshot(m_h->db());
    const auto check = [&](const char* what, const Status& r) {
        if (expected == -1) {
            QVERIFY2(r, qPrintable(QStringLiteral("%1: %2").arg(
                            QLatin1StringView(what), r ? QString() : r.error().message)));
        } else {
            QVERIFY2(!r, what);
            QCOMPARE(int(r.error().code), expected);
            QVERIFY2(test::storeSnapshot(m_h->db()) == store, what); // nothing recorded
        }
    };
    Cart c = cart();
    check("voidLine", m_counter->voidLine(s, c, 0));
    c = cart();
    check("lower quantity", m_counter->setQuantity(s, c, 0, Quantity::units(1)));
    c = cart();
    check("voidSale", m_counter->voidSale(s, c, QStringLiteral("test")));
    c = cart();
    check("line discount", m_counter->setLineDiscount(s, c, 1, 500));
    c = cart();
    check("order discount", m_counter->setOrderDiscount(s, c, 500));
    c = cart();
    check("overridePrice", m_counter->overridePrice(s, c, 1, 500));
    check("noSale", m_counter->noSale(s, QStringLiteral("test")));
    // Ringing up within the limit: everyone at the counter, not auditors.
    c = cart();
    const Status small = m_counter->setLineDiscount(s, c, 1, 50);
    const bool rings = role >= 0 && role != int(Role::Auditor);
    QCOMPARE(small.has_value(), rings);
    const Status raise = m_counter->setQuantity(s, c, 0, Quantity::units(5));
    QCOMPARE(raise.has_value(), rings);
}

QTEST_GUILESS_MAIN(TestCounterActions)
#include "tst_counteractions.moc"
