#include "sync/PushBatchBuilder.h"

#include "Clock.h"
#include "audit/AuditFormat.h"
#include "store/Database.h"
#include "sync/PushRecordReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

namespace pos {

PushBatchBuilder::PushBatchBuilder(Database& db, QString registerId, IdSource* ids)
    : m_db(db), m_registerId(std::move(registerId)), m_ids(ids)
{}

Result<std::optional<PushBatch>> PushBatchBuilder::next(const Limits& limits)
{
    OutboxReader outbox(m_db);
    auto unanswered = outbox.unansweredBatch();
    if (!unanswered)
        return std::unexpected(unanswered.error());
    if (!unanswered->isEmpty()) {
        auto batch = build(*unanswered, unanswered->first().batchId, true, nullptr, nullptr);
        if (!batch)
            return std::unexpected(batch.error());
        return std::optional<PushBatch>(std::move(*batch));
    }
    auto rows = outbox.nextRows(std::max(1, limits.maxRecords) * 2);
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->isEmpty())
        return std::optional<PushBatch>();
    const QString batchId =
        (m_ids ? m_ids->newId() : QUuid::createUuid()).toString(QUuid::WithoutBraces);
    QList<qint64> taken;
    auto batch = build(*rows, batchId, false, &limits, &taken);
    if (!batch)
        return std::unexpected(batch.error());
    // The id goes on the rows before the batch leaves: an unanswered batch is resent whole.
    if (auto s = outbox.assign(taken, batchId); !s)
        return std::unexpected(s.error());
    return std::optional<PushBatch>(std::move(*batch));
}

Result<PushBatch> PushBatchBuilder::build(const QList<OutboxRow>& rows, const QString& batchId,
                                          bool resend, const Limits* limits, QList<qint64>* taken)
{
    PushRecordReader reader(m_db);
    PushBatch batch;
    batch.batchId = batchId;
    batch.resend = resend;
    QByteArray records;
    QSet<QString> seen; // kind + key: a record queued twice goes once, as it is now
    qint64 lastAuditSeq = -1;
    const QString ownPrefix = m_registerId + u':';
    for (const OutboxRow& row : rows) {
        if (limits && batch.records > 0 &&
            (batch.records >= limits->maxRecords || records.size() >= limits->maxBytes))
            break;
        if (taken)
            taken->append(row.seq);
        ++batch.outboxRows;
        if (row.kind == u"audit_row" && row.recordKey.startsWith(ownPrefix))
            lastAuditSeq = std::max(lastAuditSeq, row.recordKey.mid(ownPrefix.size()).toLongLong());
        const QString tag = row.kind + u'\n' + row.recordKey;
        if (seen.contains(tag))
            continue;
        seen.insert(tag);
        auto data = reader.read(row.kind, row.recordKey);
        if (!data)
            return std::unexpected(data.error());
        const QJsonObject record{{QStringLiteral("kind"), row.kind},
                                 {QStringLiteral("id"), row.recordKey},
                                 {QStringLiteral("data"), *data}};
        if (!records.isEmpty())
            records.append(',');
        records.append(QJsonDocument(record).toJson(QJsonDocument::Compact));
        ++batch.records;
    }

    // audit_head: the chain up to the newest audit row this batch or an earlier one carries.
    auto sent = OutboxReader(m_db).lastSentAuditSeq(m_registerId);
    if (!sent)
        return std::unexpected(sent.error());
    lastAuditSeq = std::max(lastAuditSeq, *sent);
    QByteArray headHash = auditformat::genesisPrevHash(m_registerId);
    if (lastAuditSeq >= 0) {
        auto h = m_db.query("SELECT hash FROM audit_log WHERE register_id = ?1 AND seq = ?2");
        if (!h)
            return std::unexpected(h.error());
        h->bind(1, m_registerId).bind(2, lastAuditSeq);
        auto has = h->next();
        if (!has)
            return std::unexpected(has.error());
        if (!*has)
            return fail(ErrorCode::Corrupt,
                        QStringLiteral("audit row %1 of this register is missing from %2")
                            .arg(lastAuditSeq)
                            .arg(m_db.path()));
        headHash = h->blob(0);
    }
    batch.auditRowCount = lastAuditSeq + 1;
    const QJsonObject head{{QStringLiteral("row_count"), batch.auditRowCount},
                           {QStringLiteral("head_hash"), QString::fromLatin1(headHash.toBase64())}};

    QByteArray body;
    body.reserve(records.size() + 256);
    body.append("{\"batch_id\":\"");
    body.append(batchId.toLatin1());
    body.append("\",\"audit_head\":");
    body.append(QJsonDocument(head).toJson(QJsonDocument::Compact));
    body.append(",\"records\":[");
    body.append(records);
    body.append("]}");
    batch.body = std::move(body);
    return batch;
}

} // namespace pos
