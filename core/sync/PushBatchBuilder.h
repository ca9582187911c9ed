#pragma once

#include "Error.h"
#include "sync/OutboxReader.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace pos {

class Database;
class IdSource;

// One POST /v1/push body, ready to send, and the outbox rows it covers.
struct PushBatch {
    QString batchId;
    QByteArray body;          // {"batch_id", "audit_head", "records": [...]}
    qint64 records = 0;       // records in it (a shift or approval queued twice is sent once)
    qint64 outboxRows = 0;    // outbox rows it covers
    bool resend = false;      // a batch cut before, sent again whole under the same id
    qint64 auditRowCount = 0; // its audit_head
};

// Cuts the outbox into push batches (docs/sync.md, "POST /v1/push"): rows in the order they were
// queued, at most maxRecords records or about maxBytes of JSON (always at least one record). A
// batch's id is stored on its outbox rows before it is sent, so a batch that got no answer (the
// connection was cut, the register stopped) is built again from the same rows under the same id:
// the server then stores it once, or answers with what it stored.
class PushBatchBuilder {
public:
    struct Limits {
        int maxRecords = 500;
        qint64 maxBytes = 4 * 1024 * 1024;
    };

    // ids: where new batch ids come from (nullptr: random UUIDs).
    PushBatchBuilder(Database& db, QString registerId, IdSource* ids = nullptr);

    // nullopt when nothing is waiting.
    Result<std::optional<PushBatch>> next(const Limits& limits);

private:
    Result<PushBatch> build(const QList<OutboxRow>& rows, const QString& batchId, bool resend,
                            const Limits* limits, QList<qint64>* taken);
    Database& m_db;
    QString m_registerId;
    IdSource* m_ids = nullptr;
};

} // namespace pos
