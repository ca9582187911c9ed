#include "AuditReadHandler.h"

#include "sync/AuditWire.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <optional>

Q_LOGGING_CATEGORY(lcAuditRead, "pos.syncd.audit")

namespace pos::server {

namespace {

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

ApiResponse unavailable()
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("the database does not answer; try again later"));
}

QJsonValue b64OrNull(const PgResult& r, int row, int column)
{
    if (r.isNull(row, column))
        return QJsonValue::Null;
    return QString::fromLatin1(r.bytes(row, column).toBase64());
}

bool isUuid(const QString& s)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return re.match(s).hasMatch();
}

// A whole number from the query string, or `fallback` when the parameter is absent.
std::optional<qint64> number(const QUrlQuery& query, const QString& key, qint64 fallback,
                             qint64 minimum, qint64 maximum)
{
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(key).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

ApiResult<QJsonObject> registers(PgConnection& pg)
{
    // head_hash is null while the server holds no row (enrolment leaves the genesis prev hash).
    auto r = pg.exec("SELECT d.id::text, d.name, d.store_id::text, d.signing_key, "
                     "d.revoked_at IS NOT NULL, coalesce(h.row_count, 0), "
                     "CASE WHEN h.row_count > 0 THEN h.head_hash END, s.name "
                     "FROM pos.devices d JOIN pos.stores s ON s.id = d.store_id "
                     "LEFT JOIN pos.audit_heads h ON h.register_id = d.id "
                     "WHERE d.store_id = ANY (pos.stores()) ORDER BY d.store_id, d.name, d.id");
    if (!r)
        return std::unexpected(unavailable());
    QJsonArray list;
    for (int i = 0; i < r->rows(); ++i)
        list.append(QJsonObject{{QStringLiteral("register_id"), r->text(i, 0)},
                                {QStringLiteral("name"), r->text(i, 1)},
                                {QStringLiteral("store_id"), r->text(i, 2)},
                                {QStringLiteral("store_name"), r->text(i, 7)},
                                {QStringLiteral("signing_key"), b64OrNull(*r, i, 3)},
                                {QStringLiteral("revoked"), r->boolean(i, 4)},
                                {QStringLiteral("row_count"), r->integer(i, 5)},
                                {QStringLiteral("head_hash"), b64OrNull(*r, i, 6)}});
    return QJsonObject{{QStringLiteral("registers"), list}};
}

ApiResult<QJsonObject> page(PgConnection& pg, const QString& registerId, qint64 afterSeq,
                            qint64 limit)
{
    const QByteArray reg = registerId.toLatin1();
    auto device = pg.exec("SELECT d.store_id::text, d.name, d.signing_key, "
                          "coalesce(h.row_count, 0), CASE WHEN h.row_count > 0 THEN h.head_hash "
                          "END, d.revoked_at IS NOT NULL, s.name FROM pos.devices d "
                          "JOIN pos.stores s ON s.id = d.store_id "
                          "LEFT JOIN pos.audit_heads h ON h.register_id = d.id "
                          "WHERE d.id = $1::uuid AND d.store_id = ANY (pos.stores())",
                          {reg});
    if (!device)
        return std::unexpected(unavailable());
    if (device->rows() == 0) {
        // Another store of the company is refused (ISO-2); an id the company does not have is
        // not found.
        auto known = pg.exec("SELECT 1 FROM pos.devices WHERE id = $1::uuid", {reg});
        if (!known)
            return std::unexpected(unavailable());
        if (known->rows() > 0)
            return std::unexpected(
                apiError(403, QStringLiteral("forbidden"),
                         QStringLiteral("this register is not in one of your stores")));
        return std::unexpected(apiError(404, QStringLiteral("not_found"),
                                        QStringLiteral("there is no such register")));
    }
    const qint64 rowCount = device->integer(0, 3);

    auto rows = pg.exec("SELECT seq, at, register_id::text, actor, approver, action, entity, "
                        "before_json, after_json, app_version, host, prev_hash, hash, signature "
                        "FROM pos.audit_rows WHERE register_id = $1::uuid AND seq > $2::bigint "
                        "ORDER BY seq LIMIT $3::bigint",
                        {reg, QByteArray::number(afterSeq), QByteArray::number(limit)});
    if (!rows)
        return std::unexpected(unavailable());
    QJsonArray rowList;
    qint64 lastSeq = afterSeq;
    for (int i = 0; i < rows->rows(); ++i) {
        AuditRow row;
        row.seq = rows->integer(i, 0);
        row.at = rows->text(i, 1);
        row.registerId = rows->text(i, 2);
        row.actor = rows->text(i, 3);
        row.approver = rows->text(i, 4);
        row.action = rows->text(i, 5);
        row.entity = rows->text(i, 6);
        row.before = rows->text(i, 7);
        row.after = rows->text(i, 8);
        row.appVersion = rows->text(i, 9);
        row.host = rows->text(i, 10);
        row.prevHash = rows->bytes(i, 11);
        row.hash = rows->bytes(i, 12);
        row.signature = rows->bytes(i, 13);
        lastSeq = row.seq;
        rowList.append(syncprotocol::auditRowToJson(row));
    }

    // The checkpoints whose last row is on this page, with the server's countersignature.
    auto checkpoints =
        pg.exec("SELECT register_id::text, row_count, head_hash, at, reason, signature, "
                "witness_signature, witnessed_at FROM pos.audit_checkpoints "
                "WHERE register_id = $1::uuid AND row_count > $2::bigint + 1 "
                "AND row_count <= $3::bigint + 1 ORDER BY row_count",
                {reg, QByteArray::number(afterSeq), QByteArray::number(lastSeq)});
    if (!checkpoints)
        return std::unexpected(unavailable());
    QJsonArray checkpointList;
    for (int i = 0; i < checkpoints->rows(); ++i) {
        AuditCheckpoint c;
        c.registerId = checkpoints->text(i, 0);
        c.count = checkpoints->integer(i, 1);
        c.headHash = checkpoints->bytes(i, 2);
        c.at = checkpoints->text(i, 3);
        c.reason = checkpoints->text(i, 4);
        c.signature = checkpoints->bytes(i, 5);
        QJsonObject json = syncprotocol::auditCheckpointToJson(c);
        json.insert(QStringLiteral("witness_signature"), b64OrNull(*checkpoints, i, 6));
        json.insert(QStringLiteral("witnessed_at"), checkpoints->text(i, 7));
        checkpointList.append(json);
    }
    return QJsonObject{{QStringLiteral("register_id"), registerId},
                       {QStringLiteral("store_id"), device->text(0, 0)},
                       {QStringLiteral("store_name"), device->text(0, 6)},
                       {QStringLiteral("name"), device->text(0, 1)},
                       {QStringLiteral("signing_key"), b64OrNull(*device, 0, 2)},
                       {QStringLiteral("revoked"), device->boolean(0, 5)},
                       {QStringLiteral("row_count"), rowCount},
                       {QStringLiteral("head_hash"), b64OrNull(*device, 0, 4)},
                       {QStringLiteral("rows"), rowList},
                       {QStringLiteral("checkpoints"), checkpointList},
                       {QStringLiteral("next_after_seq"), lastSeq},
                       {QStringLiteral("more"), lastSeq + 1 < rowCount}};
}

} // namespace

AuditReadHandler::AuditReadHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse AuditReadHandler::handle(const RequestContext& who, const QByteArray& body,
                                     const QUrlQuery& query)
{
    Q_UNUSED(body);
    if (who.userId.isEmpty())
        return apiError(403, QStringLiteral("forbidden"),
                        QStringLiteral("the audit log is read by a signed-in owner or auditor"));
    if (who.userRole != u"owner" && who.userRole != u"auditor")
        return apiError(403, QStringLiteral("forbidden"),
                        QStringLiteral("only owners and auditors may read the audit log"));
    for (const QString& store : who.storeIds) {
        if (!isUuid(store))
            return apiError(403, QStringLiteral("forbidden"), QStringLiteral("no such store"));
    }

    const QString registerId = query.queryItemValue(QStringLiteral("register_id")).toLower();
    if (query.hasQueryItem(QStringLiteral("register_id")) && !isUuid(registerId))
        return badRequest(QStringLiteral("register_id is not a UUID"));
    const auto afterSeq = number(query, QStringLiteral("after_seq"), -1, -1, qint64(1) << 53);
    if (!afterSeq)
        return badRequest(QStringLiteral("after_seq is not a whole number of at least -1"));
    const auto limit = number(query, QStringLiteral("limit"), DefaultLimit, 1, MaxLimit);
    if (!limit)
        return badRequest(
            QStringLiteral("limit must be a whole number from 1 to %1").arg(MaxLimit));

    PgConnection& pg = m_ctx.pg;
    if (!pg.isOk() && !pg.reset())
        return unavailable();
    if (!pg.begin())
        return unavailable();
    ApiResult<QJsonObject> answer = std::unexpected(unavailable());
    if (setTenant(pg, who.companyId, who.storeIds))
        answer = registerId.isEmpty() ? registers(pg) : page(pg, registerId, *afterSeq, *limit);
    if (auto rolledBack = pg.rollback(); !rolledBack) // read only: nothing to commit
        qCWarning(lcAuditRead) << "rollback after an audit read failed";
    if (!answer)
        return answer.error();
    return {200, *answer};
}

} // namespace pos::server
