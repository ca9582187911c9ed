#include "sync/OutboxReader.h"

#include "store/Database.h"

#include <optional>

namespace pos {

Result<qint64> OutboxReader::pendingCount()
{
    return m_db.scalar("SELECT count(*) FROM sync_outbox WHERE sent_at IS NULL");
}

Result<QList<OutboxRow>> OutboxReader::rows(const char* sql, const QString& bindText,
                                            qint64 bindNumber)
{
    auto q = m_db.query(sql);
    if (!q)
        return std::unexpected(q.error());
    if (!bindText.isNull())
        q->bind(1, bindText);
    else if (bindNumber >= 0)
        q->bind(1, bindNumber);
    QList<OutboxRow> out;
    auto s = q->forEach([&] {
        out.append(
            OutboxRow{q->int64(0), q->text(1), q->text(2), q->isNull(3) ? QString() : q->text(3)});
    });
    if (!s)
        return std::unexpected(s.error());
    return out;
}

Result<QList<OutboxRow>> OutboxReader::unansweredBatch()
{
    auto first = m_db.query("SELECT batch_id FROM sync_outbox WHERE sent_at IS NULL AND batch_id "
                            "IS NOT NULL ORDER BY seq LIMIT 1");
    if (!first)
        return std::unexpected(first.error());
    auto has = first->next();
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return QList<OutboxRow>();
    const QString batchId = first->text(0);
    return rows("SELECT seq, kind, record_key, batch_id FROM sync_outbox WHERE batch_id = ?1 AND "
                "sent_at IS NULL ORDER BY seq",
                batchId, -1);
}

Result<QList<OutboxRow>> OutboxReader::nextRows(int limit)
{
    return rows("SELECT seq, kind, record_key, batch_id FROM sync_outbox WHERE sent_at IS NULL "
                "AND batch_id IS NULL ORDER BY seq LIMIT ?1",
                QString(), limit);
}

Status OutboxReader::assign(const QList<qint64>& seqs, const QString& batchId)
{
    const bool own = !m_db.inTransaction();
    std::optional<Transaction> tx;
    if (own) {
        auto t = Transaction::begin(m_db);
        if (!t)
            return std::unexpected(t.error());
        tx.emplace(std::move(*t));
    }
    auto q = m_db.query("UPDATE sync_outbox SET batch_id = ?2 WHERE seq = ?1 AND sent_at IS NULL "
                        "AND batch_id IS NULL");
    if (!q)
        return std::unexpected(q.error());
    for (qint64 seq : seqs) {
        q->bind(1, seq).bind(2, batchId);
        if (auto s = q->run(); !s)
            return s;
        if (m_db.changes() != 1)
            return fail(
                ErrorCode::Conflict,
                QStringLiteral("outbox row %1 was put in another batch meanwhile").arg(seq));
    }
    return tx ? tx->commit() : Status{};
}

Status OutboxReader::markSent(const QString& batchId, const QString& sentAtUtc)
{
    auto q =
        m_db.query("UPDATE sync_outbox SET sent_at = ?2 WHERE batch_id = ?1 AND sent_at IS NULL");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, batchId).bind(2, sentAtUtc);
    return q->run();
}

Result<qint64> OutboxReader::lastSentAuditSeq(const QString& registerId)
{
    // record_key is "<register>:<seq>"; the outbox holds audit rows in seq order.
    auto q = m_db.query("SELECT record_key FROM sync_outbox WHERE kind = 'audit_row' AND sent_at "
                        "IS NOT NULL AND record_key LIKE ?1 ORDER BY seq DESC LIMIT 1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId + QStringLiteral(":%"));
    auto has = q->next();
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return qint64(-1);
    const QString key = q->text(0);
    bool ok = false;
    const qint64 seq = key.mid(key.lastIndexOf(u':') + 1).toLongLong(&ok);
    return ok ? seq : qint64(-1);
}

} // namespace pos
