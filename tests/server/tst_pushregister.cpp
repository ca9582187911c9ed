// A register's own pushes reach the server once (docs/sync.md, NET-4, AUD-3): a trading day rung
// up through core's real services (shift, sale, refund with a manager's approval, cash in, shift
// close, all audited) is cut into batches by core's PushBatchBuilder from the outbox and pushed to
// PushHandler against a real PostgreSQL; a batch whose answer was lost is built again under the
// same id and answered the same; every record, audit row and checkpoint is on the server exactly
// once and the witness signatures are kept by the register's WitnessStore. (The ingest rate is
// measured by pos_sync_bench, not here: tests never time anything.)

#include "ApprovalHarness.h"
#include "PushFixture.h"
#include "PushSamples.h"
#include "payments/SimulatedProcessor.h"
#include "sales/RefundService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "sync/OutboxReader.h"
#include "sync/PushBatchBuilder.h"
#include "sync/WitnessStore.h"

#include <QTest>

using namespace pos;
using namespace pos::test;

class tst_pushregister : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void aTradingDayGoesInOnce();

private:
    PushFixture m_fx;
};

void tst_pushregister::initTestCase()
{
    const QString problem = m_fx.setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_pushregister::aTradingDayGoesInOnce()
{
    ApprovalHarness h;
    AccessControl access(h.db());
    SimulatedProcessor processor;
    const QString reg = h.staff.registerId();
    ShiftService shifts(h.db(), access, h.clock, h.ids, reg, QStringLiteral("EUR"));
    SaleService salesService(h.db(), access, h.clock, h.ids, processor, reg);
    RefundService refunds(h.db(), h.clock, h.ids, processor, h.approvals, reg);
    const Session cashier =
        h.signIn(Role::Cashier, QStringLiteral("Carla Cashier"), QStringLiteral("11"));
    const Session manager =
        h.signIn(Role::Manager, QStringLiteral("Max Manager"), QStringLiteral("21"));
    const TaxClass std19 = h.store.addTaxClass(QStringLiteral("STD"), 190000, true);
    const Product milk =
        h.store.addProduct(QStringLiteral("MILK"), QStringLiteral("Milk 1L"), 199, std19);
    const Product bread =
        h.store.addProduct(QStringLiteral("BREAD"), QStringLiteral("Bread"), 1000, std19);

    // The day at the till.
    QVERIFY(shifts.open(cashier, 10000).has_value());
    Cart cart(QStringLiteral("EUR"));
    QVERIFY(cart.addProduct(milk, Quantity::units(2)));
    QVERIFY(cart.addProduct(bread));
    auto sale = salesService.complete(cashier, cart, {TenderRequest{TenderKind::Cash, 1398, 2000}});
    QVERIFY2(sale, sale ? "" : qPrintable(sale.error().message));
    const RefundRequest ask{h.ids.newId(),
                            sale->id,
                            {RefundLineRequest{2, Quantity::units(1)}},
                            QStringLiteral("stale bread"),
                            {}};
    auto preview = refunds.preview(cashier, ask);
    QVERIFY(preview);
    auto approval = h.askAndApprove(cashier, preview->ask, QStringLiteral("21"));
    QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));
    RefundRequest approved = ask;
    approved.approvalId = approval->id;
    QVERIFY(refunds.refund(cashier, approved).has_value());
    QVERIFY(shifts.cashIn(manager, 500, QStringLiteral("coins from the bank")).has_value());
    QVERIFY(shifts.close(cashier, 10000 + 2000 - 602 - 1000 + 500).has_value());

    const auto tenant = m_fx.newTenant();
    QVERIFY(m_fx.enrol(tenant, reg, h.db().auditLog()->publicKey()));
    const auto who = PushFixture::device(tenant, reg);
    PushFixture::Till till{tenant, reg, who};

    // Small batches, so the day takes several; the first one's answer is lost.
    PushBatchBuilder builder(h.db(), reg);
    const PushBatchBuilder::Limits limits{4, 4 * 1024 * 1024};
    auto first = builder.next(limits);
    QVERIFY(first && *first);
    const auto lost = m_fx.pushRaw(who, (*first)->body);
    QVERIFY2(lost.status == 200, qPrintable(PushFixture::describe(lost)));
    int batches = 0;
    qint64 witnessesKept = 0;
    for (; batches < 100; ++batches) {
        auto batch = builder.next(limits);
        QVERIFY2(batch, batch ? "" : qPrintable(batch.error().message));
        if (!*batch)
            break;
        if (batches == 0) { // built again whole under the same id, answered as before
            QVERIFY((*batch)->resend);
            QCOMPARE((*batch)->batchId, (*first)->batchId);
        }
        const auto answer = m_fx.pushRaw(who, (*batch)->body);
        QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
        if (batches == 0)
            QCOMPARE(answer.body, lost.body);
        auto tx = Transaction::begin(h.db());
        QVERIFY(tx);
        auto kept = WitnessStore(h.db()).storeFromPush(
            answer.body.value(QStringLiteral("witness")).toArray(), m_fx.witnessKey());
        QVERIFY2(kept, kept ? "" : qPrintable(kept.error().message));
        QVERIFY2(kept->problems.isEmpty(), qPrintable(kept->problems.join(u'\n')));
        witnessesKept += kept->stored;
        QVERIFY(OutboxReader(h.db()).markSent((*batch)->batchId,
                                              QStringLiteral("2026-03-02T18:00:00.000Z")));
        QVERIFY(tx->commit());
    }
    QVERIFY(batches > 2);
    QCOMPARE(OutboxReader(h.db()).pendingCount().value_or(-1), qint64(0));

    // Everything on the server exactly once.
    QCOMPARE(m_fx.countInStore("sales", till), qint64(1));
    QCOMPARE(m_fx.countInStore("sale_lines", till), qint64(2));
    QCOMPARE(m_fx.countInStore("sale_tenders", till), qint64(1));
    QCOMPARE(m_fx.countInStore("refunds", till), qint64(1));
    QCOMPARE(m_fx.countInStore("refund_lines", till), qint64(1));
    QCOMPARE(m_fx.countInStore("cash_movements", till), qint64(1));
    QCOMPARE(m_fx.countInStore("shifts", till), qint64(1));
    QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.shifts WHERE register_id = $1 AND closed_at "
                         "IS NOT NULL",
                         {reg.toLatin1()}),
             qint64(1));
    QCOMPARE(m_fx.countInStore("approvals", till), h.count("SELECT count(*) FROM approvals"));
    QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.approvals WHERE status = 'used'"),
             h.count("SELECT count(*) FROM approvals WHERE status = 'used'"));
    const qint64 rows = h.count("SELECT count(*) FROM audit_log");
    const qint64 checkpoints = h.count("SELECT count(*) FROM audit_checkpoints");
    QVERIFY(rows > 3); // genesis, shift, approval, refund, cash, close...
    QCOMPARE(m_fx.countInStore("audit_rows", till), rows);
    QCOMPARE(m_fx.countInStore("audit_checkpoints", till), checkpoints);
    QCOMPARE(m_fx.scalar("SELECT row_count FROM pos.audit_heads WHERE register_id = $1",
                         {reg.toLatin1()}),
             rows);
    // The register kept one verified countersignature per checkpoint.
    QCOMPARE(witnessesKept, checkpoints);
    auto witnesses = WitnessStore(h.db()).forRegister(reg);
    QVERIFY(witnesses);
    QCOMPARE(qint64(witnesses->size()), checkpoints);
    for (const WitnessSignature& w : *witnesses)
        QVERIFY(WitnessStore::verify(w, m_fx.witnessKey()));
}

QTEST_GUILESS_MAIN(tst_pushregister)
#include "tst_pushregister.moc"
