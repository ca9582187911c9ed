// POST /v1/push for the register's business records (docs/sync.md, NET-4, ISO-3): sales with
// their lines and tenders, refunds, shifts, approvals and cash movements, pushed to PushHandler
// against a real PostgreSQL as the server's own role. Each record is stored exactly once across
// resends and a batch cut in half; changed records are conflicts; shifts and approvals only move
// forward; malformed bodies and other registers' records are refused with nothing written.

#include "PushFixture.h"
#include "PushSamples.h"

#include <QTest>

using namespace pos;
using namespace pos::test;

class tst_push : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void salesAreStoredExactlyOnce();
    void batchCutInHalfThenResentWhole();
    void changedSaleIsAConflict();
    void malformedBodiesAreRefused_data();
    void malformedBodiesAreRefused();
    void recordsOfAnotherRegisterAreForbidden();
    void refundsAndCashMovementsAreAppendOnly();
    void shiftsOnlyMoveForward();
    void approvalsOnlyMoveForward();

private:
    using Till = PushFixture::Till;
    Till newTill() { return m_fx.newTill(); }
    qint64 count(const char* table, const Till& till) { return m_fx.countInStore(table, till); }
    void expectRefused(const server::RequestContext& who, const QByteArray& body, int status,
                       const QString& code, const QString& messagePart = {});

    PushFixture m_fx;
};

void tst_push::initTestCase()
{
    const QString problem = m_fx.setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_push::expectRefused(const server::RequestContext& who, const QByteArray& body, int status,
                             const QString& code, const QString& messagePart)
{
    const QByteArray before = m_fx.snapshot();
    const auto answer = m_fx.pushRaw(who, body);
    QVERIFY2(answer.status == status && PushFixture::errorCode(answer) == code,
             qPrintable(PushFixture::describe(answer)));
    const QString message = answer.body.value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    QCOMPARE(m_fx.snapshot(), before);
}

void tst_push::salesAreStoredExactlyOnce()
{
    const Till till = newTill();
    const QJsonArray all = sales(till.id, 20);
    const QJsonObject body = batch(all);
    const auto first = m_fx.push(till.who, body);
    QVERIFY2(first.status == 200, qPrintable(PushFixture::describe(first)));
    QCOMPARE(number(first, "stored"), qint64(20));
    QCOMPARE(number(first, "duplicates"), qint64(0));
    QCOMPARE(first.body.value(QStringLiteral("batch_id")).toString(),
             body.value(QStringLiteral("batch_id")).toString());
    QCOMPARE(count("sales", till), qint64(20));
    QCOMPARE(count("sale_lines", till), qint64(20 * LinesPerSale));
    QCOMPARE(count("sale_tenders", till), qint64(20));

    // Stored as sent: one sale's fields, lines and tender read back.
    const QJsonObject sent = all.at(4).toObject();
    const QJsonObject data = sent.value(QStringLiteral("data")).toObject();
    const QByteArray id = sent.value(QStringLiteral("id")).toString().toLatin1();
    QCOMPARE(m_fx.scalar("SELECT total_minor FROM pos.sales WHERE id = $1", {id}),
             data.value(QStringLiteral("total_minor")).toInteger());
    QCOMPARE(m_fx.scalar("SELECT receipt_no FROM pos.sales WHERE id = $1 AND register_id = $2 "
                         "AND completed_at = '2026-11-21T10:16:02.5Z' AND company_id = $3",
                         {id, till.id.toLatin1(), till.tenant.company.toLatin1()}),
             qint64(5));
    QCOMPARE(m_fx.scalar("SELECT sum(total_minor) FROM pos.sale_lines WHERE sale_id = $1", {id}),
             data.value(QStringLiteral("total_minor")).toInteger());
    QCOMPARE(m_fx.scalar("SELECT tendered_minor FROM pos.sale_tenders WHERE sale_id = $1 AND "
                         "idempotency_key = $1 || ':1' AND reference IS NULL",
                         {id}),
             data.value(QStringLiteral("total_minor")).toInteger() + 50);

    // The same batch again (its answer was lost): the stored answer, nothing new.
    const QByteArray afterFirst = m_fx.snapshot();
    const auto resent = m_fx.push(till.who, body);
    QCOMPARE(resent.status, 200);
    QCOMPARE(resent.body, first.body);
    QCOMPARE(m_fx.snapshot(), afterFirst);

    // The same sales in a new batch: all duplicates.
    const auto again = m_fx.push(till.who, batch(all));
    QVERIFY2(again.status == 200, qPrintable(PushFixture::describe(again)));
    QCOMPARE(number(again, "stored"), qint64(0));
    QCOMPARE(number(again, "duplicates"), qint64(20));
    // A sale repeated inside one batch counts once.
    QJsonArray twice = part(all, 0, 3);
    twice.append(all.at(0));
    const auto repeated = m_fx.push(till.who, batch(twice));
    QCOMPARE(repeated.status, 200);
    QCOMPARE(number(repeated, "duplicates"), qint64(4));
    QCOMPARE(count("sales", till), qint64(20));
    QCOMPARE(count("sale_lines", till), qint64(20 * LinesPerSale));
    QCOMPARE(count("sale_tenders", till), qint64(20));
}

void tst_push::batchCutInHalfThenResentWhole()
{
    const Till till = newTill();
    const QJsonArray all = sales(till.id, 30);
    // The first half got through as its own batch (the connection broke after it).
    const auto half = m_fx.push(till.who, batch(part(all, 0, 15)));
    QCOMPARE(half.status, 200);
    QCOMPARE(number(half, "stored"), qint64(15));
    // Then the whole batch.
    const auto whole = m_fx.push(till.who, batch(all));
    QVERIFY2(whole.status == 200, qPrintable(PushFixture::describe(whole)));
    QCOMPARE(number(whole, "stored"), qint64(15));
    QCOMPARE(number(whole, "duplicates"), qint64(15));
    QCOMPARE(count("sales", till), qint64(30));
    QCOMPARE(count("sale_lines", till), qint64(30 * LinesPerSale));
    QCOMPARE(count("sale_tenders", till), qint64(30));
    QCOMPARE(m_fx.scalar("SELECT count(DISTINCT receipt_no) FROM pos.sales WHERE register_id = $1",
                         {till.id.toLatin1()}),
             qint64(30));
}

void tst_push::changedSaleIsAConflict()
{
    const Till till = newTill();
    const QJsonArray all = sales(till.id, 3);
    QCOMPARE(m_fx.push(till.who, batch(all)).status, 200);
    const QJsonObject original = all.at(1).toObject();

    // Another total under the known UUID.
    QJsonArray changed = all;
    changed.replace(1, withData(original, QStringLiteral("total_minor"), 1));
    expectRefused(till.who, QJsonDocument(batch(changed)).toJson(), 409, QStringLiteral("conflict"),
                  original.value(QStringLiteral("id")).toString());
    // Another line.
    QJsonArray lines = original.value(QStringLiteral("data"))[QLatin1String("lines")].toArray();
    QJsonObject line = lines.at(0).toObject();
    line.insert(QStringLiteral("qty_milli"), 2000);
    lines.replace(0, line);
    changed.replace(1, withData(original, QStringLiteral("lines"), lines));
    expectRefused(till.who, QJsonDocument(batch(changed)).toJson(), 409,
                  QStringLiteral("conflict"));
    // A line fewer.
    lines.removeLast();
    changed.replace(1, withData(original, QStringLiteral("lines"), lines));
    expectRefused(till.who, QJsonDocument(batch(changed)).toJson(), 409,
                  QStringLiteral("conflict"));
    // A new sale under a receipt number the register already used.
    const QString id = freshUuid();
    expectRefused(till.who,
                  QJsonDocument(batch({record("sale", id, saleData(till.id, id, 2))})).toJson(),
                  409, QStringLiteral("conflict"));
    // A new sale whose tender reuses an idempotency key.
    QJsonObject reused = saleData(till.id, id, 99);
    QJsonArray tenders = reused.value(QStringLiteral("tenders")).toArray();
    QJsonObject tender = tenders.at(0).toObject();
    tender.insert(QStringLiteral("idempotency_key"),
                  QString(original.value(QStringLiteral("id")).toString() + u":1"));
    tenders.replace(0, tender);
    reused.insert(QStringLiteral("tenders"), tenders);
    expectRefused(till.who, QJsonDocument(batch({record("sale", id, reused)})).toJson(), 409,
                  QStringLiteral("conflict"));
    // The sale of another company's register under a known UUID: a conflict, not a leak.
    const Till other = newTill();
    expectRefused(
        other.who,
        QJsonDocument(batch({record("sale", original.value(QStringLiteral("id")).toString(),
                                    saleData(other.id, freshUuid(), 1))}))
            .toJson(),
        409, QStringLiteral("conflict"));
}

void tst_push::malformedBodiesAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("names");

    const QString reg = QStringLiteral("00000000-0000-4000-8000-00000000000a");
    const QString id = freshUuid();
    const QJsonObject good = record("sale", id, saleData(reg, id, 1));
    auto body = [&](const QJsonArray& records) {
        return QJsonDocument(batch(records)).toJson(QJsonDocument::Compact);
    };
    const QString secondId = freshUuid();
    const QJsonObject second = record("sale", secondId, saleData(reg, secondId, 2));
    auto one = [&](const QString& key, const QJsonValue& value) {
        return body({good, withData(second, key, value)});
    };
    auto lineWith = [&](const QString& key, const QJsonValue& value) {
        QJsonArray lines = good.value(QStringLiteral("data"))[QLatin1String("lines")].toArray();
        QJsonObject line = lines.at(1).toObject();
        if (value.isUndefined())
            line.remove(key);
        else
            line.insert(key, value);
        lines.replace(1, line);
        return body({withData(good, QStringLiteral("lines"), lines)});
    };

    QTest::newRow("not json") << QByteArray("{\"batch_id\": ") << QStringLiteral("JSON");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("JSON object");
    QJsonObject noBatch = batch({good});
    noBatch.remove(QStringLiteral("batch_id"));
    QTest::newRow("no batch id") << QJsonDocument(noBatch).toJson() << QStringLiteral("batch_id");
    QJsonObject badBatch = batch({good}, QStringLiteral("batch-1"));
    QTest::newRow("batch id not a uuid")
        << QJsonDocument(badBatch).toJson() << QStringLiteral("batch_id");
    QJsonObject noHead = batch({good});
    noHead.remove(QStringLiteral("audit_head"));
    QTest::newRow("no audit head")
        << QJsonDocument(noHead).toJson() << QStringLiteral("audit_head");
    QTest::newRow("unknown kind") << body({good, record("coupon", freshUuid(), {})})
                                  << QStringLiteral("records[1].kind");
    QTest::newRow("id not a uuid")
        << body({good, record("sale", QStringLiteral("12"), saleData(reg, id, 2))})
        << QStringLiteral("records[1].id");
    QTest::newRow("upper-case uuid") << one(QStringLiteral("register_id"), reg.toUpper())
                                     << QStringLiteral("records[1].data.register_id");
    QTest::newRow("missing field")
        << body({good,
                 [&] {
                     QJsonObject r = good;
                     QJsonObject d = r.value(QStringLiteral("data")).toObject();
                     d.remove(QStringLiteral("currency"));
                     r.insert(QStringLiteral("data"), d);
                     return r;
                 }()})
        << QStringLiteral("records[1].data.currency is missing");
    QTest::newRow("unknown field") << one(QStringLiteral("customer_phone"), QStringLiteral("555"))
                                   << QStringLiteral("records[1].data.customer_phone");
    QTest::newRow("amount as text") << one(QStringLiteral("total_minor"), QStringLiteral("100"))
                                    << QStringLiteral("records[1].data.total_minor");
    QTest::newRow("negative amount") << one(QStringLiteral("paid_minor"), -5)
                                     << QStringLiteral("records[1].data.paid_minor is negative");
    QTest::newRow("overflowing amount") << one(QStringLiteral("total_minor"), 9.3e18)
                                        << QStringLiteral("records[1].data.total_minor");
    QTest::newRow("huge amount") << one(QStringLiteral("subtotal_minor"), 1e300)
                                 << QStringLiteral("records[1].data.subtotal_minor");
    QTest::newRow("fraction") << one(QStringLiteral("tax_minor"), 1.5)
                              << QStringLiteral("records[1].data.tax_minor");
    QTest::newRow("receipt zero") << one(QStringLiteral("receipt_no"), 0)
                                  << QStringLiteral("records[1].data.receipt_no");
    QTest::newRow("long name") << one(QStringLiteral("cashier"), QString(5000, u'x'))
                               << QStringLiteral("records[1].data.cashier is too long");
    QTest::newRow("NUL in text") << one(QStringLiteral("cashier"), QStringLiteral("a\u0000b"))
                                 << QStringLiteral("records[1].data.cashier");
    QTest::newRow("bad time") << one(QStringLiteral("completed_at"), QStringLiteral("yesterday"))
                              << QStringLiteral("records[1].data.completed_at");
    QTest::newRow("local time") << one(QStringLiteral("started_at"),
                                       QStringLiteral("2026-11-21T10:15:30+01:00"))
                                << QStringLiteral("records[1].data.started_at");
    QTest::newRow("bad currency") << one(QStringLiteral("currency"), QStringLiteral("euro"))
                                  << QStringLiteral("records[1].data.currency");
    QTest::newRow("line field missing")
        << lineWith(QStringLiteral("qty_milli"), QJsonValue::Undefined)
        << QStringLiteral("records[0].data.lines[1].qty_milli");
    QTest::newRow("zero quantity") << lineWith(QStringLiteral("qty_milli"), 0)
                                   << QStringLiteral("records[0].data.lines[1].qty_milli");
    QTest::newRow("repeated line number") << lineWith(QStringLiteral("line_no"), 1)
                                          << QStringLiteral("records[0].data.lines[1].line_no");
    QTest::newRow("tax flag as number")
        << lineWith(QStringLiteral("tax_inclusive"), 1) << QStringLiteral("lines[1].tax_inclusive");
    QTest::newRow("lines not an array") << one(QStringLiteral("lines"), QStringLiteral("none"))
                                        << QStringLiteral("records[1].data.lines");
    QTest::newRow("same id, other content")
        << body({good, withData(good, QStringLiteral("cashier"), QStringLiteral("Bob"))})
        << QStringLiteral("records[1]");
    QTest::newRow("bad audit row") << body({good, record("audit_row", reg + u":0", {})})
                                   << QStringLiteral("records[1].data.seq");
    QTest::newRow("bad shift") << body({good, record("shift", freshUuid(),
                                                     {{QStringLiteral("register_id"), reg}})})
                               << QStringLiteral("records[1].data.opened_by");
}

void tst_push::malformedBodiesAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, names);
    // The records name this register, so only the malformation is wrong (a refusal at parsing
    // needs no enrolled device).
    Till till = newTill();
    const QString reg = QStringLiteral("00000000-0000-4000-8000-00000000000a");
    till.who.registerId = reg;
    expectRefused(till.who, body, 400, QStringLiteral("bad_request"), names);
}

void tst_push::recordsOfAnotherRegisterAreForbidden()
{
    const Till a = newTill();
    const Till b = newTill();
    // B names A's register in its sales (ISO-3): refused whole, nothing written.
    QJsonArray mixed = sales(b.id, 2);
    mixed.append(sales(a.id, 1, 10).at(0));
    expectRefused(b.who, QJsonDocument(batch(mixed)).toJson(), 403, QStringLiteral("forbidden"),
                  QStringLiteral("records[2]"));
    // A register of the same store but another id.
    Till sameStore = a;
    sameStore.id = freshUuid();
    QVERIFY(m_fx.enrol(a.tenant, sameStore.id, QByteArray(32, 't')));
    sameStore.who = PushFixture::device(a.tenant, sameStore.id);
    expectRefused(sameStore.who, QJsonDocument(batch(sales(a.id, 1))).toJson(), 403,
                  QStringLiteral("forbidden"));
    QCOMPARE(count("sales", a), qint64(0));
}

void tst_push::refundsAndCashMovementsAreAppendOnly()
{
    const Till till = newTill();
    const QString refundId = freshUuid();
    const QJsonObject refund{
        {QStringLiteral("register_id"), till.id},
        {QStringLiteral("shift_id"), QJsonValue::Null},
        {QStringLiteral("original_sale_id"), freshUuid()},
        {QStringLiteral("actor_id"), freshUuid()},
        {QStringLiteral("approval_id"), QJsonValue::Null},
        {QStringLiteral("reason"), QStringLiteral("damaged")},
        {QStringLiteral("currency"), QStringLiteral("EUR")},
        {QStringLiteral("total_minor"), 300},
        {QStringLiteral("tax_minor"), 48},
        {QStringLiteral("created_at"), QStringLiteral("2026-11-21T12:00:00.000Z")},
        {QStringLiteral("lines"),
         QJsonArray{QJsonObject{{QStringLiteral("line_no"), 1},
                                {QStringLiteral("original_line_no"), 2},
                                {QStringLiteral("product_sku"), QStringLiteral("SKU-2")},
                                {QStringLiteral("name"), QStringLiteral("Product 2")},
                                {QStringLiteral("qty_milli"), 1000},
                                {QStringLiteral("amount_minor"), 300},
                                {QStringLiteral("tax_minor"), 48}}}},
        {QStringLiteral("tenders"),
         QJsonArray{QJsonObject{{QStringLiteral("seq"), 1},
                                {QStringLiteral("kind"), QStringLiteral("cash")},
                                {QStringLiteral("amount_minor"), 300},
                                {QStringLiteral("original_seq"), QJsonValue::Null},
                                {QStringLiteral("reference"), QJsonValue::Null},
                                {QStringLiteral("idempotency_key"), QString(refundId + u":1")}}}}};
    const QString moveId = freshUuid();
    const QJsonObject move{{QStringLiteral("shift_id"), freshUuid()},
                           {QStringLiteral("kind"), QStringLiteral("out")},
                           {QStringLiteral("amount_minor"), 2000},
                           {QStringLiteral("reason"), QStringLiteral("bank")},
                           {QStringLiteral("actor"), QStringLiteral("Ann")},
                           {QStringLiteral("approval_id"), QJsonValue::Null},
                           {QStringLiteral("at"), QStringLiteral("2026-11-21T13:00:00.000Z")}};
    const QJsonArray records{record("refund", refundId, refund),
                             record("cash_movement", moveId, move)};
    const auto first = m_fx.push(till.who, batch(records));
    QVERIFY2(first.status == 200, qPrintable(PushFixture::describe(first)));
    QCOMPARE(number(first, "stored"), qint64(2));
    QCOMPARE(count("refunds", till), qint64(1));
    QCOMPARE(count("refund_lines", till), qint64(1));
    QCOMPARE(count("cash_movements", till), qint64(1));
    QCOMPARE(m_fx.scalar("SELECT (body->>'amount_minor')::bigint FROM pos.cash_movements WHERE "
                         "id = $1 AND register_id = $2",
                         {moveId.toLatin1(), till.id.toLatin1()}),
             qint64(2000));

    const auto again = m_fx.push(till.who, batch(records));
    QCOMPARE(again.status, 200);
    QCOMPARE(number(again, "duplicates"), qint64(2));
    QCOMPARE(count("refund_lines", till), qint64(1));

    QJsonObject changedRefund = refund;
    changedRefund.insert(QStringLiteral("reason"), QStringLiteral("changed mind"));
    expectRefused(till.who,
                  QJsonDocument(batch({record("refund", refundId, changedRefund)})).toJson(), 409,
                  QStringLiteral("conflict"));
    QJsonObject changedMove = move;
    changedMove.insert(QStringLiteral("amount_minor"), 20000);
    expectRefused(till.who,
                  QJsonDocument(batch({record("cash_movement", moveId, changedMove)})).toJson(),
                  409, QStringLiteral("conflict"));
}

void tst_push::shiftsOnlyMoveForward()
{
    const Till till = newTill();
    const QString id = freshUuid();
    const QJsonObject open{
        {QStringLiteral("register_id"), till.id},
        {QStringLiteral("opened_by"), QStringLiteral("Ann")},
        {QStringLiteral("opened_at"), QStringLiteral("2026-11-21T08:00:00.000Z")},
        {QStringLiteral("float_minor"), 10000},
        {QStringLiteral("closed_by"), QJsonValue::Null},
        {QStringLiteral("closed_at"), QJsonValue::Null},
        {QStringLiteral("counted_minor"), QJsonValue::Null},
        {QStringLiteral("expected_minor"), QJsonValue::Null}};
    QJsonObject closed = open;
    closed.insert(QStringLiteral("closed_by"), QStringLiteral("Bob"));
    closed.insert(QStringLiteral("closed_at"), QStringLiteral("2026-11-21T17:00:00.000Z"));
    closed.insert(QStringLiteral("counted_minor"), 55000);
    closed.insert(QStringLiteral("expected_minor"), 55100);

    QCOMPARE(number(m_fx.push(till.who, batch({record("shift", id, open)})), "stored"), qint64(1));
    auto shiftClosed = [&] {
        return m_fx.scalar("SELECT count(*) FROM pos.shifts WHERE id = $1 AND closed_at IS NOT "
                           "NULL AND body->>'closed_by' = 'Bob'",
                           {id.toLatin1()});
    };
    QCOMPARE(shiftClosed(), qint64(0));
    // Closed: moved forward.
    const auto closing = m_fx.push(till.who, batch({record("shift", id, closed)}));
    QVERIFY2(closing.status == 200, qPrintable(PushFixture::describe(closing)));
    QCOMPARE(number(closing, "stored"), qint64(1));
    QCOMPARE(shiftClosed(), qint64(1));
    // The open state again (an old batch): harmless, the shift stays closed.
    const auto old = m_fx.push(till.who, batch({record("shift", id, open)}));
    QCOMPARE(old.status, 200);
    QCOMPARE(number(old, "duplicates"), qint64(1));
    QCOMPARE(shiftClosed(), qint64(1));
    // Closed again with other figures, or reopened with another float: conflicts.
    QJsonObject recount = closed;
    recount.insert(QStringLiteral("counted_minor"), 1);
    expectRefused(till.who, QJsonDocument(batch({record("shift", id, recount)})).toJson(), 409,
                  QStringLiteral("conflict"));
    QJsonObject otherFloat = open;
    otherFloat.insert(QStringLiteral("float_minor"), 1);
    expectRefused(till.who, QJsonDocument(batch({record("shift", id, otherFloat)})).toJson(), 409,
                  QStringLiteral("conflict"));
    QCOMPARE(count("shifts", till), qint64(1));
}

void tst_push::approvalsOnlyMoveForward()
{
    const Till till = newTill();
    const QString id = freshUuid();
    const QString manager = freshUuid();
    const QJsonObject pending{
        {QStringLiteral("kind"), QStringLiteral("discount")},
        {QStringLiteral("status"), QStringLiteral("pending")},
        {QStringLiteral("requested_by"), freshUuid()},
        {QStringLiteral("approver_id"), QJsonValue::Null},
        {QStringLiteral("register_id"), till.id},
        {QStringLiteral("requested_at"), QStringLiteral("2026-11-21T09:00:00.000Z")},
        {QStringLiteral("decided_at"), QJsonValue::Null},
        {QStringLiteral("used_at"), QJsonValue::Null},
        {QStringLiteral("detail"),
         QJsonObject{{QStringLiteral("reason"), QStringLiteral("loyal")},
                     {QStringLiteral("amount_minor"), 500},
                     {QStringLiteral("subject"), QStringLiteral("sale")},
                     {QStringLiteral("expires_at"), QStringLiteral("2026-11-21T09:05:00.000Z")},
                     {QStringLiteral("decision_note"), QJsonValue::Null}}}};
    QJsonObject approved = pending;
    approved.insert(QStringLiteral("status"), QStringLiteral("approved"));
    approved.insert(QStringLiteral("approver_id"), manager);
    approved.insert(QStringLiteral("decided_at"), QStringLiteral("2026-11-21T09:01:00.000Z"));
    QJsonObject used = approved;
    used.insert(QStringLiteral("status"), QStringLiteral("used"));
    used.insert(QStringLiteral("used_at"), QStringLiteral("2026-11-21T09:02:00.000Z"));
    auto status = [&] {
        auto r = m_fx.superuser().exec("SELECT status FROM pos.approvals WHERE id = $1",
                                       {id.toLatin1()});
        return r && r->rows() == 1 ? r->text(0, 0) : QString();
    };

    QCOMPARE(m_fx.push(till.who, batch({record("approval", id, pending)})).status, 200);
    QCOMPARE(status(), QStringLiteral("pending"));
    QCOMPARE(m_fx.push(till.who, batch({record("approval", id, approved)})).status, 200);
    QCOMPARE(status(), QStringLiteral("approved"));
    QCOMPARE(m_fx.push(till.who, batch({record("approval", id, used)})).status, 200);
    QCOMPARE(status(), QStringLiteral("used"));
    // Older states resent: duplicates, still used.
    const auto old = m_fx.push(till.who, batch({record("approval", id, pending),
                                                record("approval", freshUuid(), pending)}));
    QVERIFY2(old.status == 200, qPrintable(PushFixture::describe(old)));
    QCOMPARE(number(old, "duplicates"), qint64(1));
    QCOMPARE(number(old, "stored"), qint64(1));
    QCOMPARE(status(), QStringLiteral("used"));
    // Refused after use, or approved by someone else: conflicts.
    QJsonObject refused = approved;
    refused.insert(QStringLiteral("status"), QStringLiteral("refused"));
    expectRefused(till.who, QJsonDocument(batch({record("approval", id, refused)})).toJson(), 409,
                  QStringLiteral("conflict"));
    QJsonObject otherApprover = used;
    otherApprover.insert(QStringLiteral("approver_id"), freshUuid());
    expectRefused(till.who, QJsonDocument(batch({record("approval", id, otherApprover)})).toJson(),
                  409, QStringLiteral("conflict"));
}

QTEST_GUILESS_MAIN(tst_push)
#include "tst_push.moc"
