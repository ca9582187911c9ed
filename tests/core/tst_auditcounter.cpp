// AUD-1 at the counter and in the drawer: line and sale voids, discounts over the limit, price
// overrides, no-sale drawer opens, cash in and out, shifts opened and closed (with the AUD-3
// checkpoint), refunds and returns, and catalog price changes write their signed audit row in the
// transaction of the change, naming the approving manager where an approval was used; a refused
// or rolled-back action writes none.
#include "AuditTrailFixture.h"

#include <QTest>

using namespace pos;
using namespace pos::audittest;
using namespace Qt::StringLiterals;
namespace A = pos::auditaction;

namespace {

const QMap<QString, Case>& cases()
{
    static const QMap<QString, Case> table = [] {
        QMap<QString, Case> t;
        const auto none = [](Fixture&) {
        };

        // ---- at the counter ----
        const auto cartEntity = [](Fixture& f) {
            return audit::entity("cart", uuidText(f.cart.id()));
        };
        t.insert(QStringLiteral("sale.line_void with an approval"),
                 {[](Fixture& f) { f.approve(CounterActions::askVoidLine(f.cart, 0)); },
                  [](Fixture& f) { return f.counter.voidLine(f.cashier, f.cart, 0, f.approvalId); },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalUsed,
                               f.cashier.userId,
                               f.manager.userId,
                               approvalEntity(f),
                               {{QStringLiteral("status"), QStringLiteral("approved")}},
                               {{QStringLiteral("status"), QStringLiteral("used")}}},
                              {A::SaleLineVoid,
                               f.cashier.userId,
                               f.manager.userId,
                               cartEntity(f),
                               {{QStringLiteral("sku"), QStringLiteral("MILK")},
                                {QStringLiteral("qty_milli"), 2000}},
                               {{QStringLiteral("qty_milli"), 0},
                                {QStringLiteral("amount_minor"), 398}}}};
                  }});
        t.insert(QStringLiteral("sale.line_void refused without an approval"),
                 {none,
                  [](Fixture& f) {
                      return refusedWith(f.counter.voidLine(f.cashier, f.cart, 0),
                                         ErrorCode::ApprovalRequired);
                  },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});
        t.insert(QStringLiteral("sale.line_void by a manager"),
                 {none, [](Fixture& f) { return f.counter.voidLine(f.manager, f.cart, 1); },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::SaleLineVoid,
                               f.manager.userId,
                               0,
                               cartEntity(f),
                               {{QStringLiteral("sku"), QStringLiteral("BREAD")}},
                               {{QStringLiteral("qty_milli"), 0},
                                {QStringLiteral("amount_minor"), 1000}}}};
                  }});
        t.insert(QStringLiteral("sale.line_void by lowering a quantity"),
                 {none,
                  [](Fixture& f) {
                      return f.counter.setQuantity(f.manager, f.cart, 0, Quantity::units(1));
                  },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::SaleLineVoid,
                               f.manager.userId,
                               0,
                               cartEntity(f),
                               {{QStringLiteral("qty_milli"), 2000}},
                               {{QStringLiteral("qty_milli"), 1000},
                                {QStringLiteral("amount_minor"), 199}}}};
                  }});
        t.insert(QStringLiteral("sale.void"),
                 {[](Fixture& f) { f.cartId = f.cart.id(); },
                  [](Fixture& f) {
                      return f.counter.voidSale(f.manager, f.cart, QStringLiteral("left"));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {
                          {A::SaleVoid,
                           f.manager.userId,
                           0,
                           audit::entity("cart", uuidText(f.cartId)),
                           {{QStringLiteral("lines"), 2}, {QStringLiteral("total_minor"), 1398}},
                           {{QStringLiteral("reason"), QStringLiteral("left")}}}};
                  }});
        t.insert(QStringLiteral("sale.discount_over_limit on a line, approved"),
                 {[](Fixture& f) { f.approve(CounterActions::askLineDiscount(f.cart, 1, 500)); },
                  [](Fixture& f) {
                      return f.counter.setLineDiscount(f.cashier, f.cart, 1, 500, f.approvalId);
                  },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalUsed,
                               f.cashier.userId,
                               f.manager.userId,
                               approvalEntity(f),
                               {},
                               {}},
                              {A::SaleDiscountOverLimit,
                               f.cashier.userId,
                               f.manager.userId,
                               cartEntity(f),
                               {{QStringLiteral("discount_minor"), 0}},
                               {{QStringLiteral("discount_minor"), 500},
                                {QStringLiteral("limit_minor"), 100}}}};
                  }});
        t.insert(QStringLiteral("sale.discount_over_limit on the order"),
                 {none,
                  [](Fixture& f) { return f.counter.setOrderDiscount(f.manager, f.cart, 500); },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::SaleDiscountOverLimit,
                               f.manager.userId,
                               0,
                               cartEntity(f),
                               {{QStringLiteral("order_discount_minor"), 0}},
                               {{QStringLiteral("order_discount_minor"), 500},
                                {QStringLiteral("limit_minor"), 139}}}};
                  }});
        t.insert(QStringLiteral("sale.discount within the limit writes nothing"),
                 {none,
                  [](Fixture& f) { return f.counter.setLineDiscount(f.cashier, f.cart, 1, 100); },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});
        t.insert(QStringLiteral("sale.price_override"),
                 {none,
                  [](Fixture& f) { return f.counter.overridePrice(f.manager, f.cart, 1, 800); },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::SalePriceOverride,
                               f.manager.userId,
                               0,
                               cartEntity(f),
                               {{QStringLiteral("unit_price_minor"), 1000}},
                               {{QStringLiteral("unit_price_minor"), 800},
                                {QStringLiteral("amount_minor"), 200}}}};
                  }});
        t.insert(QStringLiteral("drawer.no_sale, approved"),
                 {[](Fixture& f) {
                      f.openShift();
                      f.approve(f.counter.askNoSale());
                  },
                  [](Fixture& f) {
                      return f.counter.noSale(f.cashier, QStringLiteral("change for the float"),
                                              f.approvalId);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {
                          {A::ApprovalUsed,
                           f.cashier.userId,
                           f.manager.userId,
                           approvalEntity(f),
                           {},
                           {}},
                          {A::DrawerNoSale,
                           f.cashier.userId,
                           f.manager.userId,
                           audit::entity("register", f.reg()),
                           {},
                           {{QStringLiteral("reason"), QStringLiteral("change for the float")}}}};
                  }});

        // ---- shifts and the drawer ----
        const auto lastShift = [](Fixture& f) {
            return audit::entity("shift", f.lastId("SELECT max(id) FROM shifts"));
        };
        t.insert(QStringLiteral("shift.opened"),
                 {none, [](Fixture& f) { return done(f.shifts.open(f.cashier, 10000)); },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::ShiftOpened,
                               f.cashier.userId,
                               0,
                               lastShift(f),
                               {},
                               {{QStringLiteral("float_minor"), 10000}}}};
                  }});
        t.insert(QStringLiteral("shift.closed"),
                 {[](Fixture& f) { f.openShift(); },
                  [](Fixture& f) { return done(f.shifts.close(f.cashier, 9950)); },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::ShiftClosed,
                               f.cashier.userId,
                               0,
                               lastShift(f),
                               {{QStringLiteral("open"), true}},
                               {{QStringLiteral("open"), false},
                                {QStringLiteral("expected_cash_minor"), 10000},
                                {QStringLiteral("counted_cash_minor"), 9950},
                                {QStringLiteral("over_short_minor"), -50}}}};
                  }});
        const auto lastMovement = [](Fixture& f) {
            return audit::entity("cash_movement",
                                 f.text("SELECT uuid FROM cash_movements ORDER BY id DESC"));
        };
        t.insert(QStringLiteral("cash.in"),
                 {[](Fixture& f) { f.openShift(); },
                  [](Fixture& f) {
                      return f.shifts.cashIn(f.cashier, 500, QStringLiteral("coins from the bank"));
                  },
                  [=](Fixture& f) -> QList<Expected> {
                      return {
                          {A::CashIn,
                           f.cashier.userId,
                           0,
                           lastMovement(f),
                           {{QStringLiteral("expected_cash_minor"), 10000}},
                           {{QStringLiteral("amount_minor"), 500},
                            {QStringLiteral("expected_cash_minor"), 10500},
                            {QStringLiteral("reason"), QStringLiteral("coins from the bank")}}}};
                  }});
        t.insert(QStringLiteral("cash.out above the limit, approved"),
                 {[](Fixture& f) {
                      f.openShift(50000);
                      f.approve(f.shifts.askCashOut(20000));
                  },
                  [](Fixture& f) {
                      return f.shifts.cashOut(f.cashier, 20000, QStringLiteral("to the safe"),
                                              f.approvalId);
                  },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalUsed,
                               f.cashier.userId,
                               f.manager.userId,
                               approvalEntity(f),
                               {},
                               {}},
                              {A::CashOut,
                               f.cashier.userId,
                               f.manager.userId,
                               lastMovement(f),
                               {},
                               {{QStringLiteral("amount_minor"), 20000},
                                {QStringLiteral("expected_cash_minor"), 30000}}}};
                  }});

        // ---- refunds ----
        const auto refundEntity = [](Fixture& f) {
            return audit::entity("refund", uuidText(f.refundId));
        };
        t.insert(
            QStringLiteral("refund.created by a manager"),
            {[](Fixture& f) { f.sellForCash(); },
             [](Fixture& f) { return done(f.refunds.refund(f.manager, f.refundOfBread())); },
             [=](Fixture& f) -> QList<Expected> {
                 return {{A::RefundCreated,
                          f.manager.userId,
                          0,
                          refundEntity(f),
                          {},
                          {{QStringLiteral("kind"), QStringLiteral("refund")},
                           {QStringLiteral("total_minor"), 1000},
                           {QStringLiteral("receipt_no"), f.sale.receiptNo},
                           {QStringLiteral("reason"), QStringLiteral("stale")},
                           {QStringLiteral("tenders"),
                            QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("cash")},
                                                   {QStringLiteral("amount_minor"), 1000}}}}}}};
             }});
        t.insert(QStringLiteral("refund.created by a cashier, approved"),
                 {[](Fixture& f) {
                      f.sellForCash();
                      auto preview = f.refunds.preview(f.cashier, f.refundOfBread());
                      QVERIFY(preview);
                      f.approve(preview->ask);
                  },
                  [](Fixture& f) {
                      return done(f.refunds.refund(f.cashier, f.refundOfBread(f.approvalId)));
                  },
                  [=](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalUsed,
                               f.cashier.userId,
                               f.manager.userId,
                               approvalEntity(f),
                               {},
                               {}},
                              {A::RefundCreated,
                               f.cashier.userId,
                               f.manager.userId,
                               refundEntity(f),
                               {},
                               {{QStringLiteral("total_minor"), 1000}}}};
                  }});
        t.insert(
            QStringLiteral("refund.created without a receipt"),
            {[](Fixture& f) {
                 f.openShift();
                 f.refundId = f.h.ids.newId();
             },
             [](Fixture& f) {
                 return done(f.refunds.returnWithoutReceipt(
                     f.manager, ReturnRequest{f.refundId,
                                              {ReturnLineRequest{f.milk.id, Quantity::units(1)}},
                                              QStringLiteral("gift"),
                                              {}}));
             },
             [=](Fixture& f) -> QList<Expected> {
                 return {{A::RefundCreated,
                          f.manager.userId,
                          0,
                          refundEntity(f),
                          {},
                          {{QStringLiteral("kind"), QStringLiteral("return_no_receipt")},
                           {QStringLiteral("total_minor"), 199}}}};
             }});

        // ---- the catalog ----
        const auto newProduct = [](qint64 price) {
            NewProduct p;
            p.sku = QStringLiteral("TEA");
            p.name = QStringLiteral("Tea");
            p.priceMinor = price;
            p.costMinor = 120;
            p.taxCode = QStringLiteral("STD");
            return p;
        };
        t.insert(QStringLiteral("product.created"),
                 {none,
                  [=](Fixture& f) {
                      auto id = f.catalog.addProduct(f.manager, newProduct(250));
                      f.id = id.value_or(0);
                      return done(id);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::ProductCreated,
                               f.manager.userId,
                               0,
                               audit::entity("product", f.id),
                               {},
                               {{QStringLiteral("sku"), QStringLiteral("TEA")},
                                {QStringLiteral("price_minor"), 250},
                                {QStringLiteral("cost_minor"), 120}}}};
                  }});
        t.insert(
            QStringLiteral("product.price_changed"),
            {[=](Fixture& f) {
                 f.id = f.catalog.addProduct(f.manager, newProduct(250)).value_or(0);
             },
             [=](Fixture& f) { return f.catalog.updateProduct(f.manager, f.id, newProduct(275)); },
             [](Fixture& f) -> QList<Expected> {
                 return {{A::ProductPriceChanged,
                          f.manager.userId,
                          0,
                          audit::entity("product", f.id),
                          {{QStringLiteral("price_minor"), 250}},
                          {{QStringLiteral("price_minor"), 275}}}};
             }});
        t.insert(QStringLiteral("product change of the name only writes nothing"),
                 {[=](Fixture& f) {
                      f.id = f.catalog.addProduct(f.manager, newProduct(250)).value_or(0);
                  },
                  [=](Fixture& f) {
                      NewProduct p = newProduct(250);
                      p.name = QStringLiteral("Green tea");
                      return f.catalog.updateProduct(f.manager, f.id, p);
                  },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});
        return t;
    }();
    return table;
}

} // namespace

class TestAuditCounter : public QObject {
    Q_OBJECT

private slots:
    void actions_data() { addCaseRows(cases()); }
    void actions() { verifyCase(cases()); }
    void rolledBackActionLeavesNoRow();
    void shiftCloseWritesACheckpoint();
};

// A refund whose card part is declined rolls back: the approval it used and the refund leave no
// audit row (and the approval can still be used).
void TestAuditCounter::rolledBackActionLeavesNoRow()
{
    Fixture f;
    f.openShift();
    auto sale = f.sales.complete(f.cashier, f.milkAndBread(),
                                 {TenderRequest{TenderKind::Card, 1398, 1398}});
    QVERIFY(sale);
    f.sale = *sale;
    auto preview = f.refunds.preview(f.cashier, f.refundOfBread());
    QVERIFY(preview);
    f.approve(preview->ask);
    const qint64 mark = head(f.db());
    f.processor.declineNext(QStringLiteral("network down"));
    auto refused = f.refunds.refund(f.cashier, f.refundOfBread(f.approvalId));
    QVERIFY(!refused);
    QCOMPARE(rowsAfter(f.db(), mark).size(), 0);
    QCOMPARE(f.h.count("SELECT count(*) FROM refunds"), 0);

    auto again = f.refunds.refund(f.cashier, f.refundOfBread(f.approvalId));
    QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    const QList<StoredRow> rows = rowsAfter(f.db(), mark);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].action, A::ApprovalUsed);
    QCOMPARE(rows[1].action, A::RefundCreated);
    QVERIFY(!rows[1].afterText.contains(u"SIM-")); // no processor reference either
    const QString problem = chainProblem(f.db());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// AUD-3: the shift close's transaction also writes a signed checkpoint of the chain up to and
// including its own row.
void TestAuditCounter::shiftCloseWritesACheckpoint()
{
    Fixture f;
    f.openShift();
    QVERIFY(f.shifts.close(f.cashier, 10000));
    const qint64 closeSeq =
        f.h.count("SELECT max(seq) FROM audit_log WHERE action = 'shift.closed'");
    QVERIFY(closeSeq > 0);
    auto q = f.db().query("SELECT row_count, head_hash, at, reason, signature FROM "
                          "audit_checkpoints WHERE reason = 'shift_close'");
    QVERIFY(q);
    auto row = q->next();
    QVERIFY(row && *row);
    AuditCheckpoint c;
    c.registerId = f.db().auditLog()->registerId();
    c.count = q->int64(0);
    c.headHash = q->blob(1);
    c.at = q->text(2);
    c.reason = q->text(3);
    c.signature = q->blob(4);
    QCOMPARE(c.count, closeSeq + 1);
    auto h = f.db().query("SELECT hash FROM audit_log WHERE seq = ?1");
    QVERIFY(h);
    h->bind(1, closeSeq);
    QVERIFY(h->next().value_or(false));
    QCOMPARE(c.headHash, h->blob(0));
    QVERIFY(Ed25519::verify(f.db().auditLog()->publicKey(), auditformat::checkpointMessage(c),
                            c.signature));
}

QTEST_GUILESS_MAIN(TestAuditCounter)
#include "tst_auditcounter.moc"
