#include "PushHandler.h"

#include "AuditIngest.h"
#include "PushRecords.h"
#include "audit/AuditFormat.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPushHandler, "pos.syncd.push")

namespace pos::server {

namespace {

ApiResponse unavailable()
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("the database does not answer; try again later"));
}

} // namespace

PushHandler::PushHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse PushHandler::handle(const RequestContext& who, const QByteArray& body,
                                const QUrlQuery& query)
{
    Q_UNUSED(query);
    if (who.registerId.isEmpty() || who.registerStoreId.isEmpty() || who.companyId.isEmpty())
        return apiError(403, QStringLiteral("forbidden"),
                        QStringLiteral("only an enrolled register pushes records"));
    auto batch = parsePushBatch(body, who.registerId);
    if (!batch)
        return batch.error();

    PgConnection& pg = m_ctx.pg;
    if (!pg.isOk() && !pg.reset())
        return unavailable();
    if (!pg.begin())
        return unavailable();
    auto result = store(who, *batch);
    if (!result) {
        if (auto rolledBack = pg.rollback(); !rolledBack)
            qCWarning(lcPushHandler) << "rollback failed for register" << who.registerId;
        if (result.error().status >= 500)
            qCWarning(lcPushHandler)
                << "push of register" << who.registerId << "refused:" << result.error().status;
        return result.error();
    }
    if (result->second) { // the batch was stored before: nothing new to commit
        if (auto rolledBack = pg.rollback(); !rolledBack)
            return unavailable();
        return {200, result->first};
    }
    if (!pg.commit()) {
        qCWarning(lcPushHandler) << "commit failed for register" << who.registerId << "sqlstate"
                                 << pg.sqlState();
        (void)pg.rollback();
        return databaseRefusal(pg, QStringLiteral("the batch"));
    }
    return {200, result->first};
}

ApiResult<std::pair<QJsonObject, bool>> PushHandler::store(const RequestContext& who,
                                                           const PushBatch& batch)
{
    PgConnection& pg = m_ctx.pg;
    const QByteArray reg = who.registerId.toLower().toLatin1();
    if (!setTenant(pg, who.companyId, {who.registerStoreId}))
        return std::unexpected(unavailable());
    // One push per register at a time: its audit head and its batches move in order.
    if (!pg.exec("SELECT pg_advisory_xact_lock(hashtextextended('pos.push:' || $1, 0))", {reg}))
        return std::unexpected(unavailable());
    auto known = pg.exec("SELECT device_id::text, result::text FROM pos.push_batches WHERE id = "
                         "$1::uuid",
                         {batch.batchId.toLatin1()});
    if (!known)
        return std::unexpected(unavailable());
    if (known->rows() > 0) {
        if (known->value(0, 0) != reg)
            return std::unexpected(
                apiError(409, QStringLiteral("conflict"),
                         QStringLiteral("this batch id was used by another register")));
        return std::pair{QJsonDocument::fromJson(known->value(0, 1)).object(), true};
    }

    AuditIngest audit(pg, m_ctx.witness, auditformat::timestamp(m_ctx.now()));
    auto chain = audit.ingest(who, batch);
    if (!chain)
        return std::unexpected(chain.error());
    auto counts = storeRecords(pg, who, batch);
    if (!counts)
        return std::unexpected(counts.error());

    const QJsonObject result{
        {QStringLiteral("batch_id"), batch.batchId},
        {QStringLiteral("stored"), counts->stored + chain->stored},
        {QStringLiteral("duplicates"), counts->duplicates + chain->duplicates + batch.repeated},
        {QStringLiteral("audit_head"),
         QJsonObject{
             {QStringLiteral("row_count"), chain->rowCount},
             {QStringLiteral("head_hash"), QString::fromLatin1(chain->headHash.toBase64())}}},
        {QStringLiteral("witness"), chain->witness}};
    auto saved =
        pg.exec("INSERT INTO pos.push_batches (company_id, store_id, device_id, id, "
                "result) VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::jsonb)",
                {who.companyId.toLatin1(), who.registerStoreId.toLatin1(), reg,
                 batch.batchId.toLatin1(), QJsonDocument(result).toJson(QJsonDocument::Compact)});
    if (!saved)
        return std::unexpected(databaseRefusal(pg, QStringLiteral("the batch id")));
    qCInfo(lcPushHandler) << "register" << who.registerId << "batch" << batch.batchId << "stored"
                          << result.value(QStringLiteral("stored")).toInteger() << "duplicates"
                          << result.value(QStringLiteral("duplicates")).toInteger();
    return std::pair{result, false};
}

} // namespace pos::server
