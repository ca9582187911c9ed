// Refunds and returns (RBAC-5): with the receipt, never more than sold minus refunded per line and
// never more than was paid; partial refunds of a line add up exactly to what it cost; money goes
// back to the original tenders, card first through the processor (idempotent keys), then cash
// from the drawer; a processor refusal stores nothing. Without a receipt: current price, cash
// only, always an approval for a cashier. Records are immutable.
#include "ApprovalHarness.h"
#include "RoleTable.h"
#include "payments/SimulatedProcessor.h"
#include "reports/ShiftReportText.h"
#include "sales/RefundService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"

#include <QTest>
#include <memory>

using namespace pos;

namespace {

TenderRequest cash(qint64 amount, qint64 tendered)
{
    return TenderRequest{TenderKind::Cash, amount, tendered};
}

TenderRequest card(qint64 amount)
{
    return TenderRequest{TenderKind::Card, amount, amount};
}

RefundLineRequest pick(int lineNo, qint64 units)
{
    return RefundLineRequest{lineNo, Quantity::units(units)};
}

} // namespace

class TestRefunds : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refundableLinesForTheReturnsScreen();
    void managerRefundsToCash();
    void cashierNeedsApprovalAndNothingIsStoredWithout();
    void neverMoreThanSoldPerLine();
    void partialRefundsAddUpToTheLineTotal();
    void weighedLinePartialRefunds();
    void neverMoreThanWasPaid();
    void cardFirstThenCash();
    void processorRefusalStoresNothing();
    void retryAfterPartialCardFailureRefundsOnce();
    void cashNeedsAnOpenShiftCardDoesNot();
    void returnWithoutReceipt();
    void reasonRequired();
    void shiftReportsCountRefunds();
    void recordsAreImmutable_data();
    void recordsAreImmutable();
    void refundsAreRateLimited();
    void roleTable_data();
    void roleTable();

private:
    Result<CompletedSale> sell(Cart cart, const QList<TenderRequest>& tenders);
    Cart milkAndBread(); // milk 2 x 1.99 (line 1), bread 1 x 10.00 (line 2) = 13.98
    RefundRequest request(const CompletedSale& sale, QList<RefundLineRequest> lines,
                          QUuid approval = {});
    qint64 storedRows()
    {
        return m_h->count("SELECT (SELECT count(*) FROM refunds) + (SELECT count(*) FROM "
                          "refund_lines) + (SELECT count(*) FROM refund_tenders)");
    }

    std::unique_ptr<test::ApprovalHarness> m_h;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<SimulatedProcessor> m_processor;
    std::unique_ptr<ShiftService> m_shifts;
    std::unique_ptr<SaleService> m_sales;
    std::unique_ptr<RefundService> m_refunds;
    Session m_cashier;
    Session m_manager;
    Product m_milk, m_bread, m_cheese;
};

void TestRefunds::init()
{
    m_h = std::make_unique<test::ApprovalHarness>();
    m_access = std::make_unique<AccessControl>(m_h->db());
    m_processor = std::make_unique<SimulatedProcessor>();
    const QString reg = m_h->staff.registerId();
    m_shifts = std::make_unique<ShiftService>(m_h->db(), *m_access, m_h->clock, m_h->ids, reg,
                                              QStringLiteral("EUR"));
    m_sales = std::make_unique<SaleService>(m_h->db(), *m_access, m_h->clock, m_h->ids,
                                            *m_processor, reg);
    m_refunds = std::make_unique<RefundService>(m_h->db(), m_h->clock, m_h->ids, *m_processor,
                                                m_h->approvals, reg);
    m_cashier = m_h->signIn(Role::Cashier, QStringLiteral("Carla Cashier"), QStringLiteral("11"));
    m_manager = m_h->signIn(Role::Manager, QStringLiteral("Max Manager"), QStringLiteral("21"));
    const TaxClass std19 = m_h->store.addTaxClass(QStringLiteral("STD"), 190000, true);
    m_milk = m_h->store.addProduct(QStringLiteral("MILK"), QStringLiteral("Milk 1L"), 199, std19);
    m_bread = m_h->store.addProduct(QStringLiteral("BREAD"), QStringLiteral("Bread"), 1000, std19);
    m_cheese = m_h->store.addProduct(QStringLiteral("CHEESE"), QStringLiteral("Cheese"), 1999,
                                     std19, {}, true);
    auto shift = m_shifts->open(m_cashier, 10000);
    QVERIFY2(shift, shift ? "" : qPrintable(shift.error().message));
}

void TestRefunds::cleanup()
{
    m_refunds.reset();
    m_sales.reset();
    m_shifts.reset();
    m_processor.reset();
    m_access.reset();
    m_h.reset();
}

Result<CompletedSale> TestRefunds::sell(Cart cart, const QList<TenderRequest>& tenders)
{
    return m_sales->complete(m_cashier, cart, tenders);
}

Cart TestRefunds::milkAndBread()
{
    Cart c(QStringLiteral("EUR"));
    c.addProduct(m_milk, Quantity::units(2)).value();
    c.addProduct(m_bread).value();
    return c;
}

RefundRequest TestRefunds::request(const CompletedSale& sale, QList<RefundLineRequest> lines,
                                   QUuid approval)
{
    return RefundRequest{m_h->ids.newId(), sale.id, std::move(lines),
                         QStringLiteral("customer returned it"), approval};
}

void TestRefunds::refundableLinesForTheReturnsScreen()
{
    auto sale = sell(milkAndBread(), {cash(1398, 2000)});
    QVERIFY(sale);
    auto before = m_refunds->refundableByReceipt(m_cashier, sale->receiptNo);
    QVERIFY2(before, before ? "" : qPrintable(before.error().message));
    QCOMPARE(before->saleId, sale->id);
    QCOMPARE(before->paidMinor, 1398);
    QCOMPARE(before->cashPaidMinor, 1398); // what was kept, not what was handed over
    QCOMPARE(before->lines.size(), 2);
    QCOMPARE(before->lines[0].refundable, Quantity::units(2));
    QCOMPARE(before->lines[0].refundableMinor, 398);

    QVERIFY(m_refunds->refund(m_manager, request(*sale, {pick(1, 1)})));
    auto after = m_refunds->refundable(m_cashier, sale->id);
    QVERIFY(after);
    QCOMPARE(after->refundedMinor, 199);
    QCOMPARE(after->cashRefundedMinor, 199);
    QCOMPARE(after->lines[0].sold, Quantity::units(2));
    QCOMPARE(after->lines[0].refunded, Quantity::units(1));
    QCOMPARE(after->lines[0].refundable, Quantity::units(1));
    QCOMPARE(after->lines[0].refundableMinor, 199);
    QCOMPARE(after->lines[1].refundable, Quantity::units(1));
    auto missing = m_refunds->refundableByReceipt(m_cashier, 99);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestRefunds::managerRefundsToCash()
{
    auto sale = sell(milkAndBread(), {cash(1398, 2000)});
    QVERIFY(sale);
    auto r = m_refunds->refund(m_manager, request(*sale, {pick(1, 1), pick(2, 1)}));
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->totalMinor, 1199);
    QCOMPARE(r->lines.size(), 2);
    QCOMPARE(r->tenders.size(), 1);
    QCOMPARE(r->tenders[0].kind, TenderKind::Cash);
    QCOMPARE(r->tenders[0].amountMinor, 1199);
    QCOMPARE(r->tenders[0].originalSeq, 1);
    QCOMPARE(r->actorName, QStringLiteral("Max Manager"));
    QVERIFY(r->approverName.isEmpty());
    QCOMPARE(r->originalReceiptNo, sale->receiptNo);
    QVERIFY(r->shiftId > 0);
    QCOMPARE(m_h->count("SELECT count(*) FROM refunds WHERE approval_id IS NULL"), 1);
    QCOMPARE(m_processor->refundCount(), 0);
    // Read back as stored.
    auto loaded = m_refunds->load(m_manager, r->id);
    QVERIFY(loaded);
    QCOMPARE(loaded->totalMinor, 1199);
    QCOMPARE(loaded->reason, QStringLiteral("customer returned it"));
}

void TestRefunds::cashierNeedsApprovalAndNothingIsStoredWithout()
{
    auto sale = sell(milkAndBread(), {cash(1398, 1398)});
    QVERIFY(sale);
    const RefundRequest req = request(*sale, {pick(2, 1)});
    auto refused = m_refunds->refund(m_cashier, req);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(storedRows(), 0);

    // The returns screen previews, asks, a manager approves with their PIN, the cashier refunds.
    auto preview = m_refunds->preview(m_cashier, req);
    QVERIFY(preview);
    QCOMPARE(preview->ask.kind, ApprovalKind::Refund);
    QCOMPARE(preview->ask.amountMinor, 1000);
    auto approval = m_h->askAndApprove(m_cashier, preview->ask, QStringLiteral("21"));
    QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));
    // An approval for the bread does not refund the milk.
    auto other = m_refunds->refund(m_cashier, request(*sale, {pick(1, 2)}, approval->id));
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(storedRows(), 0);

    RefundRequest approved = req;
    approved.approvalId = approval->id;
    auto r = m_refunds->refund(m_cashier, approved);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->actorName, QStringLiteral("Carla Cashier"));
    QCOMPARE(r->approverName, QStringLiteral("Max Manager"));
    QCOMPARE(m_h->approvals.status(m_cashier, approval->id)->status, ApprovalStatus::Used);
}

void TestRefunds::neverMoreThanSoldPerLine()
{
    auto sale = sell(milkAndBread(), {cash(1398, 1398)});
    QVERIFY(sale);
    for (const auto& lines :
         QList<QList<RefundLineRequest>>{{pick(1, 3)},
                                         {pick(3, 1)},
                                         {pick(1, 1), pick(1, 1)},
                                         {RefundLineRequest{1, Quantity::fromMilli(500)}},
                                         {RefundLineRequest{1, Quantity::fromMilli(0)}},
                                         {}}) {
        auto r = m_refunds->refund(m_manager, request(*sale, lines));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    }
    QCOMPARE(storedRows(), 0);
    QVERIFY(m_refunds->refund(m_manager, request(*sale, {pick(1, 1)})));
    auto tooMany = m_refunds->refund(m_manager, request(*sale, {pick(1, 2)}));
    QVERIFY(!tooMany);
    QCOMPARE(tooMany.error().code, ErrorCode::InvalidInput);
    QVERIFY(tooMany.error().message.contains(QStringLiteral("Only 1 of Milk 1L")));
    QVERIFY(m_refunds->refund(m_manager, request(*sale, {pick(1, 1)})));
    auto none = m_refunds->refund(m_manager, request(*sale, {pick(1, 1)}));
    QVERIFY(!none);
    QCOMPARE(m_h->count("SELECT sum(qty_milli) FROM refund_lines WHERE original_line_no = 1"),
             2000);
}

void TestRefunds::partialRefundsAddUpToTheLineTotal()
{
    // Bread 3 x 10.00 with 0.01 off the order: the line cost 29.99, which does not split evenly.
    Cart c(QStringLiteral("EUR"));
    c.addProduct(m_bread, Quantity::units(3)).value();
    QVERIFY(c.setOrderDiscount(1));
    auto sale = sell(c, {cash(2999, 3000)});
    QVERIFY(sale);
    const qint64 lineTax = sale->totals.lines[0].taxMinor;
    QList<qint64> amounts;
    for (int i = 0; i < 3; ++i) {
        auto r = m_refunds->refund(m_manager, request(*sale, {pick(1, 1)}));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        amounts << r->totalMinor;
    }
    QCOMPARE(amounts, (QList<qint64>{1000, 999, 1000}));
    QCOMPARE(m_h->count("SELECT sum(total_minor) FROM refunds"), 2999);
    QCOMPARE(m_h->count("SELECT sum(tax_minor) FROM refund_lines"), lineTax);
    auto nothingLeft = m_refunds->refundable(m_manager, sale->id);
    QCOMPARE(nothingLeft->lines[0].refundableMinor, 0);
    QCOMPARE(nothingLeft->refundedMinor, nothingLeft->paidMinor);
}

void TestRefunds::weighedLinePartialRefunds()
{
    Cart c(QStringLiteral("EUR"));
    c.addProduct(m_cheese, Quantity::fromMilli(755)).value(); // 19.99 x 0.755 = 15.09
    auto sale = sell(c, {cash(1509, 1509)});
    QVERIFY(sale);
    qint64 sum = 0;
    for (qint64 part : {250, 250, 255}) {
        auto r = m_refunds->refund(
            m_manager, request(*sale, {RefundLineRequest{1, Quantity::fromMilli(part)}}));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        sum += r->totalMinor;
    }
    QCOMPARE(sum, 1509);
}

void TestRefunds::neverMoreThanWasPaid()
{
    // The customer handed over 20.00 for 13.98: a full refund gives back 13.98.
    auto sale = sell(milkAndBread(), {cash(1398, 2000)});
    QVERIFY(sale);
    auto all = m_refunds->refund(m_manager, request(*sale, {pick(1, 2), pick(2, 1)}));
    QVERIFY(all);
    QCOMPARE(all->totalMinor, 1398);
    auto more = m_refunds->refund(m_manager, request(*sale, {pick(2, 1)}));
    QVERIFY(!more);
    QCOMPARE(more.error().code, ErrorCode::InvalidInput);
    QCOMPARE(m_h->count("SELECT sum(total_minor) FROM refunds"), 1398);
}

void TestRefunds::cardFirstThenCash()
{
    // 5.00 on the card, 8.98 in cash.
    auto sale = sell(milkAndBread(), {card(500), cash(898, 1000)});
    QVERIFY(sale);
    const QString charge = sale->tenders[0].reference;
    auto first = m_refunds->refund(m_manager, request(*sale, {pick(2, 1)})); // 10.00
    QVERIFY2(first, first ? "" : qPrintable(first.error().message));
    QCOMPARE(first->tenders.size(), 2);
    QCOMPARE(first->tenders[0].kind, TenderKind::Card);
    QCOMPARE(first->tenders[0].amountMinor, 500);
    QCOMPARE(first->tenders[0].originalSeq, 1);
    QVERIFY(first->tenders[0].reference.startsWith(QStringLiteral("SIM-R")));
    QCOMPARE(first->tenders[1].kind, TenderKind::Cash);
    QCOMPARE(first->tenders[1].amountMinor, 500);
    QCOMPARE(first->tenders[1].originalSeq, 2);
    QCOMPARE(m_processor->refundedMinor(charge), 500);
    // The card is used up: the rest goes back in cash.
    auto second = m_refunds->refund(m_manager, request(*sale, {pick(1, 2)}));
    QVERIFY(second);
    QCOMPARE(second->tenders.size(), 1);
    QCOMPARE(second->tenders[0].kind, TenderKind::Cash);
    QCOMPARE(second->tenders[0].amountMinor, 398);
    QCOMPARE(m_processor->refundCount(), 1);
    QCOMPARE(m_h->count("SELECT sum(amount_minor) FROM refund_tenders WHERE kind = 'cash'"), 898);
}

void TestRefunds::processorRefusalStoresNothing()
{
    auto sale = sell(milkAndBread(), {card(1398)});
    QVERIFY(sale);
    auto ask = m_refunds->preview(m_cashier, request(*sale, {pick(2, 1)}));
    QVERIFY(ask);
    auto approval = m_h->askAndApprove(m_cashier, ask->ask, QStringLiteral("21"));
    QVERIFY(approval);
    RefundRequest req = request(*sale, {pick(2, 1)}, approval->id);
    m_processor->declineNext(QStringLiteral("card expired"));
    auto r = m_refunds->refund(m_cashier, req);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Declined);
    QVERIFY(r.error().message.contains(QStringLiteral("nothing was stored")));
    QCOMPARE(storedRows(), 0);
    // The approval was not used up by a refund that did not happen.
    QCOMPARE(m_h->approvals.status(m_cashier, approval->id)->status, ApprovalStatus::Approved);
    auto again = m_refunds->refund(m_cashier, req);
    QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    QCOMPARE(m_processor->refundedMinor(sale->tenders[0].reference), 1000);
    // The same refund twice is refused, and the card is not refunded twice.
    auto twice = m_refunds->refund(m_manager, req);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, ErrorCode::Conflict);
    QCOMPARE(m_processor->refundCount(), 1);
}

// Two card tenders; the second card's refund is refused after the first went through. Nothing is
// stored; retrying the same refund finishes it without refunding the first card twice.
void TestRefunds::retryAfterPartialCardFailureRefundsOnce()
{
    auto sale = sell(milkAndBread(), {card(700), card(698)});
    QVERIFY(sale);
    const RefundRequest req = request(*sale, {pick(1, 2), pick(2, 1)});

    // Let the first refund through, refuse the second.
    class SecondRefused final : public PaymentProcessor {
    public:
        explicit SecondRefused(SimulatedProcessor& inner) : m_inner(inner) {}
        Result<QString> charge(const Money& a, const QString& k) override
        {
            return m_inner.charge(a, k);
        }
        Status voidCharge(const QString& r) override { return m_inner.voidCharge(r); }
        Result<QString> refund(const QString& ref, const Money& a, const QString& k) override
        {
            keys << k;
            if (keys.size() == 2)
                m_inner.declineNext(QStringLiteral("network down"));
            return m_inner.refund(ref, a, k);
        }
        QString name() const override { return QStringLiteral("second refused"); }
        QStringList keys;

    private:
        SimulatedProcessor& m_inner;
    } flaky(*m_processor);
    RefundService refunds(m_h->db(), m_h->clock, m_h->ids, flaky, m_h->approvals,
                          m_h->staff.registerId());
    auto failed = refunds.refund(m_manager, req);
    QVERIFY(!failed);
    QVERIFY(failed.error().message.contains(QStringLiteral("try the same refund again")));
    QCOMPARE(storedRows(), 0);
    QCOMPARE(m_processor->refundCount(), 1);

    auto done = refunds.refund(m_manager, req);
    QVERIFY2(done, done ? "" : qPrintable(done.error().message));
    QCOMPARE(m_processor->refundCount(), 2);
    QCOMPARE(m_processor->refundedMinor(sale->tenders[0].reference), 700);
    QCOMPARE(m_processor->refundedMinor(sale->tenders[1].reference), 698);
    // The keys of the retry were the keys of the first attempt.
    QCOMPARE(flaky.keys.size(), 4);
    QCOMPARE(flaky.keys[2], flaky.keys[0]);
    QCOMPARE(flaky.keys[3], flaky.keys[1]);
    QCOMPARE(m_h->count("SELECT count(DISTINCT idempotency_key) FROM refund_tenders"), 2);
}

void TestRefunds::cashNeedsAnOpenShiftCardDoesNot()
{
    auto cashSale = sell(milkAndBread(), {cash(1398, 1398)});
    auto cardSale = sell(milkAndBread(), {card(1398)});
    QVERIFY(cashSale && cardSale);
    QVERIFY(m_shifts->close(m_manager, 11398));
    auto r = m_refunds->refund(m_manager, request(*cashSale, {pick(2, 1)}));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Conflict);
    QVERIFY(r.error().message.contains(QStringLiteral("open a shift")));
    auto c = m_refunds->refund(m_manager, request(*cardSale, {pick(2, 1)}));
    QVERIFY2(c, c ? "" : qPrintable(c.error().message));
    QCOMPARE(c->shiftId, 0);
}

void TestRefunds::returnWithoutReceipt()
{
    const ReturnRequest req{m_h->ids.newId(),
                            {ReturnLineRequest{m_milk.id, Quantity::units(2)}},
                            QStringLiteral("lost the receipt"),
                            {}};
    auto refused = m_refunds->returnWithoutReceipt(m_cashier, req);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(storedRows(), 0);

    // At today's price, not what it might have cost.
    QVERIFY(m_h->db().exec("UPDATE products SET price_minor = 149 WHERE sku = 'MILK'"));
    auto preview = m_refunds->previewReturn(m_cashier, req);
    QVERIFY(preview);
    QCOMPARE(preview->ask.kind, ApprovalKind::ReturnNoReceipt);
    QCOMPARE(preview->totalMinor, 298);
    auto approval = m_h->askAndApprove(m_cashier, preview->ask, QStringLiteral("21"));
    QVERIFY(approval);
    ReturnRequest approved = req;
    approved.approvalId = approval->id;
    auto r = m_refunds->returnWithoutReceipt(m_cashier, approved);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->totalMinor, 298);
    QVERIFY(r->originalSaleId.isNull());
    QCOMPARE(r->tenders.size(), 1);
    QCOMPARE(r->tenders[0].kind, TenderKind::Cash);
    QCOMPARE(r->approverName, QStringLiteral("Max Manager"));
    QCOMPARE(r->lines[0].originalLineNo, 0);
    QCOMPARE(m_processor->refundCount(), 0);
    // An approval for a refund with a receipt does not cover one without.
    auto unknown = m_refunds->returnWithoutReceipt(
        m_manager,
        ReturnRequest{{}, {ReturnLineRequest{999, Quantity::units(1)}}, QStringLiteral("x"), {}});
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::InvalidInput);
}

void TestRefunds::reasonRequired()
{
    auto sale = sell(milkAndBread(), {cash(1398, 1398)});
    QVERIFY(sale);
    RefundRequest req = request(*sale, {pick(2, 1)});
    req.reason = QStringLiteral("   ");
    auto r = m_refunds->refund(m_manager, req);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QCOMPARE(storedRows(), 0);
}

// X and Z reports: refunds made on the shift, cash refunds lower the expected cash.
void TestRefunds::shiftReportsCountRefunds()
{
    auto cashSale = sell(milkAndBread(), {cash(1398, 2000)});
    auto cardSale = sell(milkAndBread(), {card(1398)});
    QVERIFY(cashSale && cardSale);
    QVERIFY(m_refunds->refund(m_manager, request(*cashSale, {pick(2, 1)})));
    QVERIFY(m_refunds->refund(m_manager, request(*cardSale, {pick(1, 2)})));
    auto x = m_shifts->xReport(m_manager);
    QVERIFY(x);
    QCOMPARE(x->refundsCount, 2);
    QCOMPARE(x->refundsMinor, 1398);
    QCOMPARE(x->cashRefundsMinor, 1000);
    QCOMPARE(x->cardRefundsMinor, 398);
    QCOMPARE(x->expectedCashMinor, 10000 + 1398 - 1000);
    const QString text = formatShiftReport(*x, QStringLiteral("Store"), QStringLiteral("Till"));
    QVERIFY2(text.contains(QStringLiteral("Refunds (2)")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Cash refunds")));
    auto z = m_shifts->close(m_manager, 10398);
    QVERIFY(z);
    QCOMPARE(z->overShortMinor, 0);
    auto again = m_shifts->lastZReport(m_manager);
    QVERIFY(again);
    QCOMPARE(again->expectedCashMinor, 10398);
    QCOMPARE(again->refundsCount, 2);
}

void TestRefunds::recordsAreImmutable_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("refund total") << QStringLiteral("UPDATE refunds SET total_minor = 1");
    QTest::newRow("refund delete") << QStringLiteral("DELETE FROM refunds");
    QTest::newRow("line amount") << QStringLiteral("UPDATE refund_lines SET amount_minor = 1");
    QTest::newRow("line delete") << QStringLiteral("DELETE FROM refund_lines");
    QTest::newRow("tender amount") << QStringLiteral("UPDATE refund_tenders SET amount_minor = 1");
    QTest::newRow("tender delete") << QStringLiteral("DELETE FROM refund_tenders");
}

void TestRefunds::recordsAreImmutable()
{
    QFETCH(QString, sql);
    auto sale = sell(milkAndBread(), {cash(1398, 1398)});
    QVERIFY(sale);
    QVERIFY(m_refunds->refund(m_manager, request(*sale, {pick(2, 1)})));
    const qint64 before = storedRows();
    QVERIFY(!m_h->db().exec(sql.toUtf8().constData()));
    QCOMPARE(storedRows(), before);
    QCOMPARE(m_h->count("SELECT total_minor FROM refunds"), 1000);
}

void TestRefunds::refundsAreRateLimited()
{
    auto sale = sell(milkAndBread(), {cash(1398, 1398)});
    QVERIFY(sale);
    RefundService::Options options;
    options.refundLimit = {2, 600, QStringLiteral("refunds")};
    RefundService limited(m_h->db(), m_h->clock, m_h->ids, *m_processor, m_h->approvals,
                          m_h->staff.registerId(), options);
    QVERIFY(limited.refund(m_manager, request(*sale, {pick(1, 1)})));
    QVERIFY(limited.refund(m_manager, request(*sale, {pick(1, 1)})));
    auto third = limited.refund(m_manager, request(*sale, {pick(2, 1)}));
    QVERIFY(!third);
    QCOMPARE(third.error().code, ErrorCode::Locked);
    QCOMPARE(m_h->count("SELECT count(*) FROM refunds"), 2);
    m_h->clock.advanceSecs(601);
    QVERIFY(limited.refund(m_manager, request(*sale, {pick(2, 1)})));
}

// RBAC-2: every refund operation as every role.
void TestRefunds::roleTable_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<int>("act"); // -1 done, else the ErrorCode of refund and return
    QTest::addColumn<bool>("mayLook");
    QTest::newRow("owner") << int(Role::Owner) << -1 << true;
    QTest::newRow("manager") << int(Role::Manager) << -1 << true;
    QTest::newRow("cashier") << int(Role::Cashier) << int(ErrorCode::ApprovalRequired) << true;
    QTest::newRow("auditor") << int(Role::Auditor) << int(ErrorCode::PermissionDenied) << false;
    QTest::newRow("ended session") << -2 << int(ErrorCode::Unauthenticated) << false;
}

void TestRefunds::roleTable()
{
    QFETCH(int, role);
    QFETCH(int, act);
    QFETCH(bool, mayLook);
    auto sale = sell(milkAndBread(), {cash(1398, 1398)});
    QVERIFY(sale);
    const Session s = m_h->staff.signIn(role < 0 ? Role::Owner : static_cast<Role>(role));
    if (role < 0)
        m_h->staff.endSession(s);
    const auto before = test::storeSnapshot(m_h->db());
    QCOMPARE(m_refunds->refundable(s, sale->id).has_value(), mayLook);
    QCOMPARE(m_refunds->preview(s, request(*sale, {pick(1, 1)})).has_value(), mayLook);
    auto refund = m_refunds->refund(s, request(*sale, {pick(1, 1)}));
    auto ret = m_refunds->returnWithoutReceipt(
        s,
        ReturnRequest{
            {}, {ReturnLineRequest{m_bread.id, Quantity::units(1)}}, QStringLiteral("test"), {}});
    for (const auto* r : {&refund, &ret}) {
        if (act < 0) {
            QVERIFY2(*r, *r ? "" : qPrintable(r->error().message));
        } else {
            QVERIFY(!*r);
            QCOMPARE(int(r->error().code), act);
        }
    }
    QCOMPARE(storedRows() > 0, act < 0);
    if (act >= 0) // refused: the whole store is as it was
        QCOMPARE(test::storeSnapshot(m_h->db()), before);
}

QTEST_GUILESS_MAIN(TestRefunds)
#include "tst_refunds.moc"
