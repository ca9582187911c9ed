#pragma once

#include "ApiResponse.h"
#include "PgConnection.h"
#include "audit/AuditFormat.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <expected>
#include <vector>

namespace pos::server {

// One push request (docs/sync.md, POST /v1/push) after strict parsing: every field present with
// its type and range, ids as lower-case UUID text, times as ISO 8601 UTC, no unknown field or
// kind. Records are grouped by kind; a record repeated identically inside the batch is kept once
// (and counted as a duplicate), so every id appears once per kind.
struct PushBatch {
    QString batchId;
    qint64 headRowCount = 0; // audit_head: the register's chain as far as it has pushed it
    QByteArray headHash;
    int repeated = 0; // identical repeats inside the batch

    // sale/refund/shift/approval/cash_movement: {"id": uuid, "data": {...as sent}}
    QJsonArray sales;
    QJsonArray refunds;
    QJsonArray shifts;
    QJsonArray approvals;
    QJsonArray cashMovements;
    std::vector<AuditRow> auditRows; // in seq order
    std::vector<AuditCheckpoint> checkpoints;
};

// Limits of one batch (the body is at most 8 MiB anyway).
inline constexpr int MaxRecordsPerBatch = 20000;
inline constexpr int MaxLinesPerRecord = 1000;

// 400 bad_request naming the record index and field (e.g. "records[3].data.lines[0].qty_milli is
// missing"); 403 forbidden for a record of another register (ISO-3). Nothing is touched.
ApiResult<PushBatch> parsePushBatch(const QByteArray& body, const QString& registerId);

struct RecordCounts {
    qint64 stored = 0;     // new records, and shifts/approvals moved forward
    qint64 duplicates = 0; // already there with the same content (or an older state)
};

// Stores the batch's sales, refunds, shifts, approvals and cash movements in the caller's
// transaction (tenant already set), a few multi-row statements per kind. A known UUID with the
// same content is a duplicate, with different content 409 conflict; shifts and approvals only
// move forward (docs/sync.md, conflict rules).
ApiResult<RecordCounts> storeRecords(PgConnection& pg, const RequestContext& who,
                                     const PushBatch& batch);

// The refusal for a failed statement: 409 conflict for a unique violation, 400 for a value the
// database refuses, else 503 unavailable. Never the database's message (it may hold values).
ApiResponse databaseRefusal(const PgConnection& pg, const QString& what);

} // namespace pos::server
