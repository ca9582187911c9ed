// Push batches (docs/sync.md "POST /v1/push"): the outbox triggers queue every sale, refund,
// shift, approval, cash movement, audit row and checkpoint made through the real services; a
// batch carries exactly the contract's fields, read from the store; batches follow the outbox
// order within their limits; the server's answer marks rows sent; a batch that got no answer is
// built again whole under the same id; the server's witness signatures are checked before they
// are kept.
#include "ApprovalHarness.h"
#include "crypto/Ed25519.h"
#include "payments/SimulatedProcessor.h"
#include "sales/RefundService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "sync/AuditWire.h"
#include "sync/OutboxReader.h"
#include "sync/PushBatchBuilder.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"
#include "sync/WitnessStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace pos;

namespace {

QSet<QString> keysOf(const QJsonObject& o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QSet<QString> names(const char* spaced)
{
    const QStringList list = QString::fromLatin1(spaced).split(u' ', Qt::SkipEmptyParts);
    return QSet<QString>(list.begin(), list.end());
}

QJsonObject parse(const QByteArray& body)
{
    QJsonParseError e{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("batch is not JSON: %s", qPrintable(e.errorString()));
    return doc.object();
}

} // namespace

class TestPushBatch : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void servicesQueueEveryRecord();
    void batchCarriesExactlyTheContractFields();
    void recordsMatchTheStore();
    void batchesFollowTheOutboxWithinTheirLimits();
    void sentRowsLeaveTheQueue();
    void unansweredBatchIsResentWholeUnderTheSameId();
    void recordQueuedTwiceGoesOnceAsItIsNow();
    void auditHeadCoversTheRowsCarried();
    void witnessesAreCheckedBeforeTheyAreKept();

private:
    // A day at the till: sale, refund with a manager's approval, cash in, shift close.
    void tradingDay();
    QList<QJsonObject> drain(int maxRecords = 500);
    qint64 pending() { return OutboxReader(m_h->db()).pendingCount().value_or(-1); }
    QString uuidOfUser(qint64 id);

    std::unique_ptr<test::ApprovalHarness> m_h;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<SimulatedProcessor> m_processor;
    std::unique_ptr<ShiftService> m_shifts;
    std::unique_ptr<SaleService> m_sales;
    std::unique_ptr<RefundService> m_refunds;
    Session m_cashier;
    Session m_manager;
    Product m_milk, m_bread;
    std::optional<CompletedSale> m_sale;
    std::optional<Shift> m_shift;
};

void TestPushBatch::init()
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
}

void TestPushBatch::cleanup()
{
    m_refunds.reset();
    m_sales.reset();
    m_shifts.reset();
    m_processor.reset();
    m_access.reset();
    m_h.reset();
    m_sale.reset();
    m_shift.reset();
}

void TestPushBatch::tradingDay()
{
    auto shift = m_shifts->open(m_cashier, 10000);
    QVERIFY2(shift, shift ? "" : qPrintable(shift.error().message));
    m_shift = *shift;
    Cart cart(QStringLiteral("EUR"));
    QVERIFY(cart.addProduct(m_milk, Quantity::units(2)));
    QVERIFY(cart.addProduct(m_bread));
    auto sale = m_sales->complete(m_cashier, cart, {TenderRequest{TenderKind::Cash, 1398, 2000}});
    QVERIFY2(sale, sale ? "" : qPrintable(sale.error().message));
    m_sale = *sale;
    const RefundRequest req{m_h->ids.newId(),
                            sale->id,
                            {RefundLineRequest{2, Quantity::units(1)}},
                            QStringLiteral("stale bread"),
                            {}};
    auto preview = m_refunds->preview(m_cashier, req);
    QVERIFY(preview);
    auto approval = m_h->askAndApprove(m_cashier, preview->ask, QStringLiteral("21"));
    QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));
    RefundRequest approved = req;
    approved.approvalId = approval->id;
    auto refund = m_refunds->refund(m_cashier, approved);
    QVERIFY2(refund, refund ? "" : qPrintable(refund.error().message));
    QVERIFY(m_shifts->cashIn(m_manager, 500, QStringLiteral("coins from the bank")));
    auto closed = m_shifts->close(m_cashier, 10000 + 2000 - 602 - 1000 + 500);
    QVERIFY2(closed, closed ? "" : qPrintable(closed.error().message));
}

QString TestPushBatch::uuidOfUser(qint64 id)
{
    auto q = m_h->db().query("SELECT uuid FROM users WHERE id = ?1");
    q->bind(1, id);
    return q->next().value_or(false) ? q->text(0) : QString();
}

// Every batch until the outbox is empty, each marked sent as a server's 200 would.
QList<QJsonObject> TestPushBatch::drain(int maxRecords)
{
    QList<QJsonObject> batches;
    PushBatchBuilder builder(m_h->db(), m_h->staff.registerId());
    for (int guard = 0; guard < 1000; ++guard) {
        auto batch = builder.next({maxRecords, 4 * 1024 * 1024});
        if (!batch || !*batch)
            break;
        batches.append(parse((*batch)->body));
        if (!OutboxReader(m_h->db()).markSent((*batch)->batchId,
                                              QStringLiteral("2026-03-02T09:00:00Z")))
            break;
    }
    return batches;
}

void TestPushBatch::servicesQueueEveryRecord()
{
    const qint64 before = pending();
    tradingDay();
    const auto count = [&](const char* kind) {
        auto q = m_h->db().query("SELECT count(*) FROM sync_outbox WHERE kind = ?1");
        q->bind(1, QString::fromLatin1(kind));
        return q->next().value_or(false) ? q->int64(0) : -1;
    };
    QCOMPARE(count("sale"), 1);
    QCOMPARE(count("refund"), 1);
    QCOMPARE(count("shift"), 2);    // opened, then closed
    QCOMPARE(count("approval"), 3); // requested, granted, used
    QCOMPARE(count("cash_movement"), 1);
    // Every audit row, and the checkpoints (chain start, shift close).
    QCOMPARE(count("audit_row"), m_h->count("SELECT count(*) FROM audit_log"));
    QCOMPARE(count("audit_checkpoint"), m_h->count("SELECT count(*) FROM audit_checkpoints"));
    QVERIFY(count("audit_checkpoint") >= 2);
    QVERIFY(pending() > before);
}

void TestPushBatch::batchCarriesExactlyTheContractFields()
{
    tradingDay();
    const QList<QJsonObject> batches = drain();
    QCOMPARE(batches.size(), 1);
    const QJsonObject batch = batches.first();
    QCOMPARE(keysOf(batch), names("batch_id audit_head records"));
    QVERIFY(!QUuid::fromString(batch.value(u"batch_id").toString()).isNull());
    QCOMPARE(keysOf(batch.value(u"audit_head").toObject()), names("row_count head_hash"));

    // docs/sync.md, "Kinds and their data".
    const QHash<QString, QSet<QString>> contract{
        {QStringLiteral("sale"),
         names("register_id receipt_no shift_id cashier_id cashier currency subtotal_minor "
               "discount_minor tax_minor total_minor paid_minor change_minor started_at "
               "completed_at lines tenders")},
        {QStringLiteral("refund"),
         names("register_id shift_id original_sale_id actor_id approval_id reason currency "
               "total_minor tax_minor created_at lines tenders")},
        {QStringLiteral("shift"),
         names("register_id opened_by opened_at float_minor closed_by closed_at counted_minor "
               "expected_minor")},
        {QStringLiteral("approval"),
         names("kind status requested_by approver_id register_id requested_at decided_at "
               "used_at detail")},
        {QStringLiteral("cash_movement"),
         names("shift_id kind amount_minor reason actor approval_id at")},
        {QStringLiteral("audit_row"),
         names("seq at register_id actor approver action entity before after app_version host "
               "prev_hash hash signature")},
        {QStringLiteral("audit_checkpoint"),
         names("register_id row_count head_hash at reason signature")},
    };
    const QSet<QString> saleLine =
        names("line_no product_sku name qty_milli unit_price_minor line_discount_minor "
              "order_discount_minor net_minor tax_minor total_minor tax_code tax_rate_ppm "
              "tax_inclusive");
    const QSet<QString> saleTender =
        names("seq kind amount_minor tendered_minor reference idempotency_key");
    const QSet<QString> refundLine =
        names("line_no original_line_no product_sku name qty_milli amount_minor tax_minor");
    const QSet<QString> refundTender =
        names("seq kind amount_minor original_seq reference idempotency_key");
    const QSet<QString> approvalDetail =
        names("reason amount_minor subject expires_at decision_note");

    QSet<QString> kindsSeen;
    for (const QJsonValue& v : batch.value(u"records").toArray()) {
        const QJsonObject record = v.toObject();
        QCOMPARE(keysOf(record), names("kind id data"));
        const QString kind = record.value(u"kind").toString();
        kindsSeen.insert(kind);
        QVERIFY2(contract.contains(kind), qPrintable(kind));
        const QJsonObject data = record.value(u"data").toObject();
        QCOMPARE(keysOf(data), contract.value(kind));
        if (kind == u"sale") {
            for (const QJsonValue& l : data.value(u"lines").toArray())
                QCOMPARE(keysOf(l.toObject()), saleLine);
            for (const QJsonValue& t : data.value(u"tenders").toArray())
                QCOMPARE(keysOf(t.toObject()), saleTender);
        } else if (kind == u"refund") {
            for (const QJsonValue& l : data.value(u"lines").toArray())
                QCOMPARE(keysOf(l.toObject()), refundLine);
            for (const QJsonValue& t : data.value(u"tenders").toArray())
                QCOMPARE(keysOf(t.toObject()), refundTender);
        } else if (kind == u"approval") {
            QCOMPARE(keysOf(data.value(u"detail").toObject()), approvalDetail);
        }
    }
    QCOMPARE(kindsSeen, QSet<QString>(contract.keyBegin(), contract.keyEnd()));
}

void TestPushBatch::recordsMatchTheStore()
{
    tradingDay();
    const QList<QJsonObject> batches = drain();
    QCOMPARE(batches.size(), 1);
    QHash<QString, QJsonObject> byKind; // the last of each kind
    QList<QJsonObject> auditRows;
    for (const QJsonValue& v : batches.first().value(u"records").toArray()) {
        const QJsonObject r = v.toObject();
        byKind.insert(r.value(u"kind").toString(), r);
        if (r.value(u"kind").toString() == u"audit_row")
            auditRows.append(r);
    }
    const QString shiftUuid = m_shift->uuid.toString(QUuid::WithoutBraces);
    const QString saleUuid = m_sale->id.toString(QUuid::WithoutBraces);

    const QJsonObject sale = byKind.value(QStringLiteral("sale"));
    QCOMPARE(sale.value(u"id").toString(), saleUuid);
    const QJsonObject s = sale.value(u"data").toObject();
    QCOMPARE(s.value(u"register_id").toString(), m_h->staff.registerId());
    QCOMPARE(s.value(u"receipt_no").toInteger(), m_sale->receiptNo);
    QCOMPARE(s.value(u"shift_id").toString(), shiftUuid);
    QCOMPARE(s.value(u"cashier_id").toString(), uuidOfUser(m_cashier.userId));
    QCOMPARE(s.value(u"cashier").toString(), QStringLiteral("Carla Cashier"));
    QCOMPARE(s.value(u"total_minor").toInteger(), 1398);
    QCOMPARE(s.value(u"paid_minor").toInteger(), 1398);
    QCOMPARE(s.value(u"change_minor").toInteger(), 602);
    const QJsonArray lines = s.value(u"lines").toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).toObject().value(u"product_sku").toString(), QStringLiteral("MILK"));
    QCOMPARE(lines.at(0).toObject().value(u"qty_milli").toInteger(), 2000);
    QCOMPARE(lines.at(0).toObject().value(u"tax_inclusive"), QJsonValue(true));
    QCOMPARE(s.value(u"tenders").toArray().at(0).toObject().value(u"kind").toString(),
             QStringLiteral("cash"));

    const QJsonObject refund = byKind.value(QStringLiteral("refund")).value(u"data").toObject();
    QCOMPARE(refund.value(u"original_sale_id").toString(), saleUuid);
    QCOMPARE(refund.value(u"shift_id").toString(), shiftUuid);
    QCOMPARE(refund.value(u"actor_id").toString(), uuidOfUser(m_cashier.userId));
    QCOMPARE(refund.value(u"total_minor").toInteger(), 1000);
    QCOMPARE(refund.value(u"reason").toString(), QStringLiteral("stale bread"));
    QCOMPARE(
        refund.value(u"lines").toArray().at(0).toObject().value(u"original_line_no").toInteger(),
        2);
    const QString approvalUuid = refund.value(u"approval_id").toString();
    QVERIFY(!QUuid::fromString(approvalUuid).isNull());

    const QJsonObject approval = byKind.value(QStringLiteral("approval"));
    QCOMPARE(approval.value(u"id").toString(), approvalUuid);
    const QJsonObject a = approval.value(u"data").toObject();
    QCOMPARE(a.value(u"status").toString(), QStringLiteral("used"));
    QCOMPARE(a.value(u"kind").toString(), QStringLiteral("refund"));
    QCOMPARE(a.value(u"requested_by").toString(), uuidOfUser(m_cashier.userId));
    QCOMPARE(a.value(u"approver_id").toString(), uuidOfUser(m_manager.userId));
    QCOMPARE(a.value(u"detail").toObject().value(u"amount_minor").toInteger(), 1000);

    const QJsonObject shift = byKind.value(QStringLiteral("shift"));
    QCOMPARE(shift.value(u"id").toString(), shiftUuid);
    const QJsonObject sh = shift.value(u"data").toObject();
    QCOMPARE(sh.value(u"opened_by").toString(), QStringLiteral("Carla Cashier"));
    QCOMPARE(sh.value(u"float_minor").toInteger(), 10000);
    QVERIFY(!sh.value(u"closed_at").isNull()); // the shift as it is now: closed
    QCOMPARE(sh.value(u"counted_minor").toInteger(), 10898);

    const QJsonObject cash =
        byKind.value(QStringLiteral("cash_movement")).value(u"data").toObject();
    QCOMPARE(cash.value(u"shift_id").toString(), shiftUuid);
    QCOMPARE(cash.value(u"kind").toString(), QStringLiteral("in"));
    QCOMPARE(cash.value(u"amount_minor").toInteger(), 500);
    QCOMPARE(cash.value(u"actor").toString(), QStringLiteral("Max Manager"));
    QVERIFY(cash.value(u"approval_id").isNull());

    // Audit rows: the chain as signed, every row in order from the genesis, each one's hash
    // recomputed from the fields that travelled.
    QCOMPARE(auditRows.size(), m_h->count("SELECT count(*) FROM audit_log"));
    for (qsizetype i = 0; i < auditRows.size(); ++i) {
        auto row = syncprotocol::auditRowFromJson(auditRows.at(i).value(u"data").toObject());
        QVERIFY2(row, row ? "" : qPrintable(row.error().message));
        QCOMPARE(row->seq, i);
        QCOMPARE(auditRows.at(i).value(u"id").toString(),
                 syncprotocol::auditRowId(m_h->staff.registerId(), i));
        QCOMPARE(auditformat::rowHash(*row), row->hash);
        QVERIFY(Ed25519::verify(m_h->db().auditLog()->publicKey(),
                                auditformat::signedMessage(row->hash), row->signature));
    }
}

void TestPushBatch::batchesFollowTheOutboxWithinTheirLimits()
{
    tradingDay();
    QList<QPair<QString, QString>> queued; // kind, key in outbox order
    auto q = m_h->db().query("SELECT kind, record_key FROM sync_outbox ORDER BY seq");
    QVERIFY(q->forEach([&] { queued.append({q->text(0), q->text(1)}); }));

    const QList<QJsonObject> batches = drain(4);
    QVERIFY(batches.size() > 3);
    QList<QPair<QString, QString>> sent;
    QSet<QString> ids;
    for (const QJsonObject& b : batches) {
        ids.insert(b.value(u"batch_id").toString());
        const QJsonArray records = b.value(u"records").toArray();
        QVERIFY(records.size() <= 4);
        for (const QJsonValue& v : records)
            sent.append(
                {v.toObject().value(u"kind").toString(), v.toObject().value(u"id").toString()});
    }
    QCOMPARE(ids.size(), batches.size());
    // Every queued record went, in the order it was first queued (a record queued twice within
    // one batch goes once, as it is now; in two batches, twice).
    const auto firstSeen = [](const QList<QPair<QString, QString>>& list) {
        QList<QPair<QString, QString>> out;
        for (const auto& k : list)
            if (!out.contains(k))
                out.append(k);
        return out;
    };
    QCOMPARE(firstSeen(sent), firstSeen(queued));
    QVERIFY(sent.size() <= queued.size());

    // A byte limit below one record still sends one record per batch, never none.
    tradingDay();
    PushBatchBuilder builder(m_h->db(), m_h->staff.registerId());
    auto tiny = builder.next({500, 1});
    QVERIFY(tiny && *tiny);
    QCOMPARE((*tiny)->records, 1);
}

void TestPushBatch::sentRowsLeaveTheQueue()
{
    tradingDay();
    const qint64 before = pending();
    PushBatchBuilder builder(m_h->db(), m_h->staff.registerId());
    auto first = builder.next({5, 4 * 1024 * 1024});
    QVERIFY(first && *first);
    QCOMPARE((*first)->records, 5);
    QCOMPARE(pending(), before); // cut, not yet stored by the server
    QVERIFY(OutboxReader(m_h->db()).markSent((*first)->batchId,
                                             QStringLiteral("2026-03-02T09:00:00Z")));
    QCOMPARE(pending(), before - (*first)->outboxRows);
    auto second = builder.next({5, 4 * 1024 * 1024});
    QVERIFY(second && *second);
    QVERIFY((*second)->batchId != (*first)->batchId);
    QVERIFY(!(*second)->resend);
    // Nothing is deleted: the sent rows stay, marked with their batch and time.
    QCOMPARE(m_h->count("SELECT count(*) FROM sync_outbox WHERE sent_at IS NOT NULL"),
             (*first)->outboxRows);
}

void TestPushBatch::unansweredBatchIsResentWholeUnderTheSameId()
{
    tradingDay();
    PushBatchBuilder builder(m_h->db(), m_h->staff.registerId());
    auto cut = builder.next({6, 4 * 1024 * 1024});
    QVERIFY(cut && *cut);
    QVERIFY(!(*cut)->resend);

    // No answer came (connection cut). Meanwhile the till rings up another sale.
    auto shift = m_shifts->open(m_cashier, 5000);
    QVERIFY(shift);
    Cart cart(QStringLiteral("EUR"));
    QVERIFY(cart.addProduct(m_bread));
    QVERIFY(m_sales->complete(m_cashier, cart, {TenderRequest{TenderKind::Cash, 1000, 1000}}));

    // Even a builder made afresh (the register restarted) sends the same batch again, whole.
    PushBatchBuilder restarted(m_h->db(), m_h->staff.registerId());
    auto again = restarted.next({500, 4 * 1024 * 1024});
    QVERIFY(again && *again);
    QVERIFY((*again)->resend);
    QCOMPARE((*again)->batchId, (*cut)->batchId);
    QCOMPARE((*again)->records, (*cut)->records);
    QCOMPARE((*again)->body, (*cut)->body);

    // Once the server has it, the new sale goes in a new batch.
    QVERIFY(
        OutboxReader(m_h->db()).markSent((*cut)->batchId, QStringLiteral("2026-03-02T09:00:00Z")));
    auto next = restarted.next({500, 4 * 1024 * 1024});
    QVERIFY(next && *next);
    QVERIFY((*next)->batchId != (*cut)->batchId);
    QVERIFY((*next)->body.contains("\"kind\":\"sale\""));
}

void TestPushBatch::recordQueuedTwiceGoesOnceAsItIsNow()
{
    // An approval asked for, granted and used before any push: three outbox rows, one record.
    tradingDay();
    const QList<QJsonObject> batches = drain();
    QCOMPARE(batches.size(), 1);
    int approvals = 0, shifts = 0;
    for (const QJsonValue& v : batches.first().value(u"records").toArray()) {
        const QJsonObject r = v.toObject();
        if (r.value(u"kind").toString() == u"approval") {
            ++approvals;
            QCOMPARE(r.value(u"data").toObject().value(u"status").toString(),
                     QStringLiteral("used"));
        }
        shifts += r.value(u"kind").toString() == u"shift" ? 1 : 0;
    }
    QCOMPARE(approvals, 1);
    QCOMPARE(shifts, 1);
    QCOMPARE(pending(), 0);
}

void TestPushBatch::auditHeadCoversTheRowsCarried()
{
    tradingDay();
    PushBatchBuilder builder(m_h->db(), m_h->staff.registerId());
    qint64 lastCarried = -1;
    for (int guard = 0; guard < 200; ++guard) {
        auto batch = builder.next({3, 4 * 1024 * 1024});
        QVERIFY(batch);
        if (!*batch)
            break;
        const QJsonObject b = parse((*batch)->body);
        for (const QJsonValue& v : b.value(u"records").toArray())
            if (v.toObject().value(u"kind").toString() == u"audit_row")
                lastCarried = v.toObject().value(u"data").toObject().value(u"seq").toInteger();
        const QJsonObject head = b.value(u"audit_head").toObject();
        QCOMPARE(head.value(u"row_count").toInteger(), lastCarried + 1);
        auto h = m_h->db().query("SELECT hash FROM audit_log WHERE seq = ?1");
        h->bind(1, lastCarried);
        QVERIFY(h->next().value_or(false));
        QCOMPARE(QByteArray::fromBase64(head.value(u"head_hash").toString().toLatin1()),
                 h->blob(0));
        QVERIFY(OutboxReader(m_h->db()).markSent((*batch)->batchId,
                                                 QStringLiteral("2026-03-02T09:00:00Z")));
    }
    QCOMPARE(lastCarried + 1, m_h->count("SELECT count(*) FROM audit_log"));
}

void TestPushBatch::witnessesAreCheckedBeforeTheyAreKept()
{
    tradingDay();
    auto witnessPrivate = Ed25519::generatePrivateKey();
    QVERIFY(witnessPrivate);
    const QByteArray witnessKey = *Ed25519::publicKeyFor(*witnessPrivate);
    QList<AuditCheckpoint> checkpoints;
    auto q = m_h->db().query("SELECT row_count, head_hash, at, reason, signature FROM "
                             "audit_checkpoints ORDER BY row_count");
    QVERIFY(q->forEach([&] {
        checkpoints.append(AuditCheckpoint{m_h->staff.registerId(), q->int64(0), q->blob(1),
                                           q->text(2), q->text(3), q->blob(4)});
    }));
    QVERIFY(checkpoints.size() >= 2);
    const QString at = QStringLiteral("2026-03-02T10:00:00.000Z");
    const auto entry = [&](const AuditCheckpoint& c, const QByteArray& signature) {
        return QJsonObject{
            {QStringLiteral("register_id"), c.registerId},
            {QStringLiteral("row_count"), c.count},
            {QStringLiteral("head_hash"), QString::fromLatin1(c.headHash.toBase64())},
            {QStringLiteral("witnessed_at"), at},
            {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())}};
    };
    const AuditCheckpoint& good = checkpoints.last();
    const QByteArray goodSig =
        *Ed25519::sign(*witnessPrivate, syncprotocol::witnessMessage(good, at));
    // Signed by another key; and a checkpoint this register never wrote.
    auto otherKey = Ed25519::generatePrivateKey();
    const QByteArray forged =
        *Ed25519::sign(*otherKey, syncprotocol::witnessMessage(checkpoints.first(), at));
    AuditCheckpoint unknown = good;
    unknown.count += 1000;
    const QByteArray unknownSig =
        *Ed25519::sign(*witnessPrivate, syncprotocol::witnessMessage(unknown, at));

    WitnessStore store(m_h->db());
    auto stored =
        store.storeFromPush(QJsonArray{entry(good, goodSig), entry(checkpoints.first(), forged),
                                       entry(unknown, unknownSig)},
                            witnessKey);
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
    QCOMPARE(stored->stored, 1);
    QCOMPARE(stored->problems.size(), 2);
    auto kept = store.forRegister(m_h->staff.registerId());
    QVERIFY(kept);
    QCOMPARE(kept->size(), 1);
    QCOMPARE(kept->first().rowCount, good.count);
    QCOMPARE(kept->first().checkpointAt, good.at);
    QVERIFY(WitnessStore::verify(kept->first(), witnessKey));
    // The same answer again (a resent batch) keeps nothing twice.
    auto again = store.storeFromPush(QJsonArray{entry(good, goodSig)}, witnessKey);
    QVERIFY(again);
    QCOMPARE(again->stored, 0);
}

QTEST_GUILESS_MAIN(TestPushBatch)
#include "tst_pushbatch.moc"
