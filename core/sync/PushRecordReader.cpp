#include "sync/PushRecordReader.h"

#include "audit/AuditFormat.h"
#include "store/Database.h"
#include "sync/AuditWire.h"

#include <QJsonArray>

namespace pos {

namespace {

QJsonValue textOrNull(const Query& q, int column)
{
    return q.isNull(column) ? QJsonValue(QJsonValue::Null) : QJsonValue(q.text(column));
}

QJsonValue numberOrNull(const Query& q, int column)
{
    return q.isNull(column) ? QJsonValue(QJsonValue::Null) : QJsonValue(q.int64(column));
}

std::unexpected<Error> missing(const char* what, const QString& key)
{
    return fail(ErrorCode::NotFound,
                QStringLiteral("the sync outbox names %1 %2, which is not in this register's "
                               "store")
                    .arg(QLatin1String(what), key));
}

// Runs q (one row expected): false when there is none.
Result<bool> one(Query& q)
{
    return q.next();
}

// "<register>:<n>"
bool splitKey(const QString& key, QString& registerId, qint64& n)
{
    const qsizetype colon = key.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    bool ok = false;
    n = key.mid(colon + 1).toLongLong(&ok);
    registerId = key.left(colon);
    return ok;
}

} // namespace

Result<QJsonObject> PushRecordReader::read(const QString& kind, const QString& key)
{
    if (kind == u"sale")
        return sale(key);
    if (kind == u"refund")
        return refund(key);
    if (kind == u"shift")
        return shift(key);
    if (kind == u"approval")
        return approval(key);
    if (kind == u"cash_movement")
        return cashMovement(key);
    if (kind == u"audit_row")
        return auditRow(key);
    if (kind == u"audit_checkpoint")
        return auditCheckpoint(key);
    return fail(ErrorCode::Corrupt,
                QStringLiteral("the sync outbox holds a record of an unknown kind (%1)").arg(kind));
}

Result<QJsonObject> PushRecordReader::sale(const QString& uuid)
{
    auto q = m_db.query(
        "SELECT s.id, s.register_id, s.receipt_no, sh.uuid, u.uuid, s.cashier, s.currency, "
        "s.subtotal_minor, s.discount_minor, s.tax_minor, s.total_minor, s.paid_minor, "
        "s.change_minor, s.started_at, s.completed_at FROM sales s "
        "LEFT JOIN shifts sh ON sh.id = s.shift_id LEFT JOIN users u ON u.id = s.cashier_id "
        "WHERE s.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("sale", uuid);
    const qint64 id = q->int64(0);
    QJsonObject data{{QStringLiteral("register_id"), q->text(1)},
                     {QStringLiteral("receipt_no"), q->int64(2)},
                     {QStringLiteral("shift_id"), textOrNull(*q, 3)},
                     {QStringLiteral("cashier_id"), textOrNull(*q, 4)},
                     {QStringLiteral("cashier"), q->text(5)},
                     {QStringLiteral("currency"), q->text(6)},
                     {QStringLiteral("subtotal_minor"), q->int64(7)},
                     {QStringLiteral("discount_minor"), q->int64(8)},
                     {QStringLiteral("tax_minor"), q->int64(9)},
                     {QStringLiteral("total_minor"), q->int64(10)},
                     {QStringLiteral("paid_minor"), q->int64(11)},
                     {QStringLiteral("change_minor"), q->int64(12)},
                     {QStringLiteral("started_at"), q->text(13)},
                     {QStringLiteral("completed_at"), q->text(14)}};

    auto l = m_db.query("SELECT line_no, sku, name, qty_milli, unit_price_minor, "
                        "line_discount_minor, order_discount_minor, net_minor, tax_minor, "
                        "total_minor, tax_code, tax_rate_ppm, tax_inclusive FROM sale_lines "
                        "WHERE sale_id = ?1 ORDER BY line_no");
    if (!l)
        return std::unexpected(l.error());
    l->bind(1, id);
    QJsonArray lines;
    if (auto s = l->forEach([&] {
            lines.append(QJsonObject{{QStringLiteral("line_no"), l->int64(0)},
                                     {QStringLiteral("product_sku"), l->text(1)},
                                     {QStringLiteral("name"), l->text(2)},
                                     {QStringLiteral("qty_milli"), l->int64(3)},
                                     {QStringLiteral("unit_price_minor"), l->int64(4)},
                                     {QStringLiteral("line_discount_minor"), l->int64(5)},
                                     {QStringLiteral("order_discount_minor"), l->int64(6)},
                                     {QStringLiteral("net_minor"), l->int64(7)},
                                     {QStringLiteral("tax_minor"), l->int64(8)},
                                     {QStringLiteral("total_minor"), l->int64(9)},
                                     {QStringLiteral("tax_code"), l->text(10)},
                                     {QStringLiteral("tax_rate_ppm"), l->int64(11)},
                                     {QStringLiteral("tax_inclusive"), l->int64(12) != 0}});
        });
        !s)
        return std::unexpected(s.error());
    data.insert(QStringLiteral("lines"), lines);

    auto t = m_db.query("SELECT seq, kind, amount_minor, tendered_minor, reference, "
                        "idempotency_key FROM sale_tenders WHERE sale_id = ?1 ORDER BY seq");
    if (!t)
        return std::unexpected(t.error());
    t->bind(1, id);
    QJsonArray tenders;
    if (auto s = t->forEach([&] {
            tenders.append(QJsonObject{{QStringLiteral("seq"), t->int64(0)},
                                       {QStringLiteral("kind"), t->text(1)},
                                       {QStringLiteral("amount_minor"), t->int64(2)},
                                       {QStringLiteral("tendered_minor"), t->int64(3)},
                                       {QStringLiteral("reference"), textOrNull(*t, 4)},
                                       {QStringLiteral("idempotency_key"), t->text(5)}});
        });
        !s)
        return std::unexpected(s.error());
    data.insert(QStringLiteral("tenders"), tenders);
    return data;
}

Result<QJsonObject> PushRecordReader::refund(const QString& uuid)
{
    auto q = m_db.query(
        "SELECT r.id, r.register_id, sh.uuid, s.uuid, u.uuid, a.uuid, r.reason, r.currency, "
        "r.total_minor, r.tax_minor, r.created_at FROM refunds r "
        "LEFT JOIN shifts sh ON sh.id = r.shift_id LEFT JOIN sales s ON s.id = r.original_sale_id "
        "LEFT JOIN users u ON u.id = r.actor_id LEFT JOIN approvals a ON a.id = r.approval_id "
        "WHERE r.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("refund", uuid);
    const qint64 id = q->int64(0);
    QJsonObject data{{QStringLiteral("register_id"), q->text(1)},
                     {QStringLiteral("shift_id"), textOrNull(*q, 2)},
                     {QStringLiteral("original_sale_id"), textOrNull(*q, 3)},
                     {QStringLiteral("actor_id"), textOrNull(*q, 4)},
                     {QStringLiteral("approval_id"), textOrNull(*q, 5)},
                     {QStringLiteral("reason"), q->text(6)},
                     {QStringLiteral("currency"), q->text(7)},
                     {QStringLiteral("total_minor"), q->int64(8)},
                     {QStringLiteral("tax_minor"), q->int64(9)},
                     {QStringLiteral("created_at"), q->text(10)}};

    auto l = m_db.query("SELECT line_no, original_line_no, sku, name, qty_milli, amount_minor, "
                        "tax_minor FROM refund_lines WHERE refund_id = ?1 ORDER BY line_no");
    if (!l)
        return std::unexpected(l.error());
    l->bind(1, id);
    QJsonArray lines;
    if (auto s = l->forEach([&] {
            lines.append(QJsonObject{{QStringLiteral("line_no"), l->int64(0)},
                                     {QStringLiteral("original_line_no"), numberOrNull(*l, 1)},
                                     {QStringLiteral("product_sku"), l->text(2)},
                                     {QStringLiteral("name"), l->text(3)},
                                     {QStringLiteral("qty_milli"), l->int64(4)},
                                     {QStringLiteral("amount_minor"), l->int64(5)},
                                     {QStringLiteral("tax_minor"), l->int64(6)}});
        });
        !s)
        return std::unexpected(s.error());
    data.insert(QStringLiteral("lines"), lines);

    auto t = m_db.query("SELECT seq, kind, amount_minor, original_seq, reference, "
                        "idempotency_key FROM refund_tenders WHERE refund_id = ?1 ORDER BY seq");
    if (!t)
        return std::unexpected(t.error());
    t->bind(1, id);
    QJsonArray tenders;
    if (auto s = t->forEach([&] {
            tenders.append(QJsonObject{{QStringLiteral("seq"), t->int64(0)},
                                       {QStringLiteral("kind"), t->text(1)},
                                       {QStringLiteral("amount_minor"), t->int64(2)},
                                       {QStringLiteral("original_seq"), numberOrNull(*t, 3)},
                                       {QStringLiteral("reference"), textOrNull(*t, 4)},
                                       {QStringLiteral("idempotency_key"), t->text(5)}});
        });
        !s)
        return std::unexpected(s.error());
    data.insert(QStringLiteral("tenders"), tenders);
    return data;
}

Result<QJsonObject> PushRecordReader::shift(const QString& uuid)
{
    auto q = m_db.query("SELECT register_id, opened_by, opened_at, float_minor, closed_by, "
                        "closed_at, counted_minor, expected_minor FROM shifts WHERE uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("shift", uuid);
    return QJsonObject{{QStringLiteral("register_id"), q->text(0)},
                       {QStringLiteral("opened_by"), q->text(1)},
                       {QStringLiteral("opened_at"), q->text(2)},
                       {QStringLiteral("float_minor"), q->int64(3)},
                       {QStringLiteral("closed_by"), textOrNull(*q, 4)},
                       {QStringLiteral("closed_at"), textOrNull(*q, 5)},
                       {QStringLiteral("counted_minor"), numberOrNull(*q, 6)},
                       {QStringLiteral("expected_minor"), numberOrNull(*q, 7)}};
}

Result<QJsonObject> PushRecordReader::approval(const QString& uuid)
{
    auto q = m_db.query(
        "SELECT a.kind, a.status, ru.uuid, au.uuid, a.register_id, a.requested_at, a.decided_at, "
        "a.used_at, a.reason, a.amount_minor, a.subject, a.expires_at, a.decision_note "
        "FROM approvals a LEFT JOIN users ru ON ru.id = a.requester_id "
        "LEFT JOIN users au ON au.id = a.approver_id WHERE a.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("approval", uuid);
    return QJsonObject{{QStringLiteral("kind"), q->text(0)},
                       {QStringLiteral("status"), q->text(1)},
                       {QStringLiteral("requested_by"), textOrNull(*q, 2)},
                       {QStringLiteral("approver_id"), textOrNull(*q, 3)},
                       {QStringLiteral("register_id"), q->text(4)},
                       {QStringLiteral("requested_at"), q->text(5)},
                       {QStringLiteral("decided_at"), textOrNull(*q, 6)},
                       {QStringLiteral("used_at"), textOrNull(*q, 7)},
                       {QStringLiteral("detail"),
                        QJsonObject{{QStringLiteral("reason"), q->text(8)},
                                    {QStringLiteral("amount_minor"), q->int64(9)},
                                    {QStringLiteral("subject"), q->text(10)},
                                    {QStringLiteral("expires_at"), q->text(11)},
                                    {QStringLiteral("decision_note"), textOrNull(*q, 12)}}}};
}

Result<QJsonObject> PushRecordReader::cashMovement(const QString& uuid)
{
    auto q = m_db.query("SELECT sh.uuid, c.kind, c.amount_minor, c.reason, c.actor, a.uuid, c.at "
                        "FROM cash_movements c JOIN shifts sh ON sh.id = c.shift_id "
                        "LEFT JOIN approvals a ON a.id = c.approval_id WHERE c.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("cash movement", uuid);
    return QJsonObject{{QStringLiteral("shift_id"), q->text(0)},
                       {QStringLiteral("kind"), q->text(1)},
                       {QStringLiteral("amount_minor"), q->int64(2)},
                       {QStringLiteral("reason"), q->text(3)},
                       {QStringLiteral("actor"), q->text(4)},
                       {QStringLiteral("approval_id"), textOrNull(*q, 5)},
                       {QStringLiteral("at"), q->text(6)}};
}

Result<QJsonObject> PushRecordReader::auditRow(const QString& key)
{
    QString registerId;
    qint64 seq = 0;
    if (!splitKey(key, registerId, seq))
        return missing("audit row", key);
    auto q = m_db.query("SELECT at, actor, approver, action, entity, before_json, after_json, "
                        "app_version, host, prev_hash, hash, signature FROM audit_log "
                        "WHERE register_id = ?1 AND seq = ?2");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId).bind(2, seq);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("audit row", key);
    AuditRow r;
    r.seq = seq;
    r.registerId = registerId;
    r.at = q->text(0);
    r.actor = q->text(1);
    r.approver = q->text(2);
    r.action = q->text(3);
    r.entity = q->text(4);
    r.before = q->text(5);
    r.after = q->text(6);
    r.appVersion = q->text(7);
    r.host = q->text(8);
    r.prevHash = q->blob(9);
    r.hash = q->blob(10);
    r.signature = q->blob(11);
    return syncprotocol::auditRowToJson(r);
}

Result<QJsonObject> PushRecordReader::auditCheckpoint(const QString& key)
{
    QString registerId;
    qint64 rowCount = 0;
    if (!splitKey(key, registerId, rowCount))
        return missing("audit checkpoint", key);
    auto q = m_db.query("SELECT head_hash, at, reason, signature FROM audit_checkpoints "
                        "WHERE register_id = ?1 AND row_count = ?2");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId).bind(2, rowCount);
    auto has = one(*q);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return missing("audit checkpoint", key);
    AuditCheckpoint c;
    c.registerId = registerId;
    c.count = rowCount;
    c.headHash = q->blob(0);
    c.at = q->text(1);
    c.reason = q->text(2);
    c.signature = q->blob(3);
    return syncprotocol::auditCheckpointToJson(c);
}

} // namespace pos
