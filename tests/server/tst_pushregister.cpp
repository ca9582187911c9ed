// A register's own pushes reach the server once (docs/sync.md, NET-4, AUD-3): a trading day rung
// up through core's real services (shift, sale, refund with a manager's approval, cash in, shift
// close, all audited) is cut into batches by core's PushBatchBuilder from the outbox and pushed to
// PushHandler against a real PostgreSQL; a batch whose answer was lost is built again under the
// same id and answered the same; every record, audit row and checkpoint is on the server exactly
// once and the witness signatures are kept by the register's WitnessStore. Also prints the
// in-process ingest rate for 1,000-sale batches beside a raw COPY (a measurement, not asserted).

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

#include <QElapsedTimer>
#include <QTest>

using namespace pos;
using namespace pos::test;

class tst_pushregister : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void aTradingDayGoesInOnce();
    void ingestRate_data();
    void ingestRate();

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

void tst_pushregister::ingestRate_data()
{
    QTest::addColumn<int>("salesPerBatch");
    QTest::newRow("1000-sale batches") << 1000;
    QTest::newRow("100-sale batches") << 100;
}

void tst_pushregister::ingestRate()
{
    // 10 registers push 1,000 sales each (3 lines, 1 tender) in batches of salesPerBatch, one
    // after the other on one connection; then as many such rows go in by a raw COPY (as the
    // superuser, no row-level security, no JSON, no checks) in the same run. Printed for the
    // report; no timing is asserted.
    QFETCH(int, salesPerBatch);
    constexpr int Registers = 10;
    constexpr int SalesPerRegister = 1000;
    using Till = PushFixture::Till;
    std::vector<std::pair<Till, QByteArray>> batches;
    for (int r = 0; r < Registers; ++r) {
        const Till till = m_fx.newTill();
        for (int first = 1; first <= SalesPerRegister; first += salesPerBatch)
            batches.emplace_back(till, QJsonDocument(batch(sales(till.id, salesPerBatch, first)))
                                           .toJson(QJsonDocument::Compact));
    }
    QElapsedTimer timer;
    timer.start();
    for (const auto& [till, body] : batches) {
        const auto answer = m_fx.pushRaw(till.who, body);
        QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
        QCOMPARE(number(answer, "stored"), qint64(salesPerBatch));
    }
    const qint64 pushMs = std::max<qint64>(1, timer.elapsed());
    for (const auto& [till, body] : batches)
        QCOMPARE(m_fx.countInStore("sale_lines", till), qint64(SalesPerRegister * LinesPerSale));

    // The COPY baseline: the same shape of rows for 10 other registers.
    QByteArray salesCopy;
    QByteArray linesCopy;
    QByteArray tendersCopy;
    for (int r = 0; r < Registers; ++r) {
        const Till till = m_fx.newTill();
        const QByteArray company = till.tenant.company.toLatin1();
        const QByteArray store = till.tenant.store.toLatin1();
        for (const QJsonValue& rec : sales(till.id, SalesPerRegister)) {
            const QByteArray id = rec[QLatin1String("id")].toString().toLatin1();
            const QJsonObject d = rec[QLatin1String("data")].toObject();
            QList<QByteArray> row{company, store, id};
            for (const char* k :
                 {"register_id", "receipt_no", "shift_id", "cashier_id", "cashier", "currency",
                  "subtotal_minor", "discount_minor", "tax_minor", "total_minor", "paid_minor",
                  "change_minor", "started_at", "completed_at"})
                row.append(copyValue(d.value(QLatin1String(k))));
            salesCopy += copyLine(row);
            for (const QJsonValue& l : d.value(QStringLiteral("lines")).toArray()) {
                QList<QByteArray> line{company, store, id};
                for (const char* k :
                     {"line_no", "product_sku", "name", "qty_milli", "unit_price_minor",
                      "line_discount_minor", "order_discount_minor", "net_minor", "tax_minor",
                      "total_minor", "tax_code", "tax_rate_ppm", "tax_inclusive"})
                    line.append(copyValue(l[QLatin1String(k)]));
                linesCopy += copyLine(line);
            }
            for (const QJsonValue& t : d.value(QStringLiteral("tenders")).toArray()) {
                QList<QByteArray> tender{company, store, id};
                for (const char* k : {"seq", "kind", "amount_minor", "tendered_minor", "reference",
                                      "idempotency_key"})
                    tender.append(copyValue(t[QLatin1String(k)]));
                tendersCopy += copyLine(tender);
            }
        }
    }
    server::PgConnection& su = m_fx.superuser();
    timer.restart();
    QVERIFY(su.begin().has_value());
    QVERIFY(su.copyIn("COPY pos.sales (company_id, store_id, id, register_id, receipt_no, "
                      "shift_id, cashier_id, cashier, currency, subtotal_minor, discount_minor, "
                      "tax_minor, total_minor, paid_minor, change_minor, started_at, "
                      "completed_at) FROM STDIN",
                      salesCopy)
                .has_value());
    QVERIFY(su.copyIn("COPY pos.sale_lines (company_id, store_id, sale_id, line_no, product_sku, "
                      "name, qty_milli, unit_price_minor, line_discount_minor, "
                      "order_discount_minor, net_minor, tax_minor, total_minor, tax_code, "
                      "tax_rate_ppm, tax_inclusive) FROM STDIN",
                      linesCopy)
                .has_value());
    QVERIFY(su.copyIn("COPY pos.sale_tenders (company_id, store_id, sale_id, seq, kind, "
                      "amount_minor, tendered_minor, reference, idempotency_key) FROM STDIN",
                      tendersCopy)
                .has_value());
    QVERIFY(su.commit().has_value());
    const qint64 copyMs = std::max<qint64>(1, timer.elapsed());

    const qint64 pushRate = Registers * SalesPerRegister * 1000LL / pushMs;
    const qint64 copyRate = Registers * SalesPerRegister * 1000LL / copyMs;
    qInfo("ingest: %d batches of %d sales (%d lines, 1 tender each; %lld KiB per body) in %lld "
          "ms: %lld sales/s in process; raw COPY of as many rows: %lld ms, %lld sales/s; "
          "push/COPY = %.2f",
          int(batches.size()), salesPerBatch, LinesPerSale,
          static_cast<long long>(batches.front().second.size() / 1024),
          static_cast<long long>(pushMs), static_cast<long long>(pushRate),
          static_cast<long long>(copyMs), static_cast<long long>(copyRate),
          double(pushRate) / double(std::max<qint64>(1, copyRate)));
}

QTEST_GUILESS_MAIN(tst_pushregister)
#include "tst_pushregister.moc"
