#pragma once

#include "Error.h"

#include <QList>
#include <QString>

namespace pos {

class Database;

// One row of sync_outbox (store migration V5): a record the triggers queued for the server.
struct OutboxRow {
    qint64 seq = 0;
    QString kind;      // "sale", "refund", "shift", "approval", "cash_movement", "audit_row", ...
    QString recordKey; // the record's UUID, or "<register>:<seq>" / "<register>:<row_count>"
    QString batchId;   // set once the row was put in a batch; empty before
};

// Reads and marks the outbox. Rows leave only by being marked sent after the server stored them;
// nothing here deletes one.
class OutboxReader {
public:
    explicit OutboxReader(Database& db) : m_db(db) {}

    // Rows not yet stored by the server.
    Result<qint64> pendingCount();
    // The rows of a batch that was cut but never answered (sent before, or about to be): that
    // batch is resent whole under the same id. Empty when there is none.
    Result<QList<OutboxRow>> unansweredBatch();
    // The next `limit` unsent rows that are in no batch yet, in the order they were queued.
    Result<QList<OutboxRow>> nextRows(int limit);
    // Puts the rows in a batch (one transaction of its own, or the caller's).
    Status assign(const QList<qint64>& seqs, const QString& batchId);
    // The server stored the batch: its rows are sent (the caller's transaction).
    Status markSent(const QString& batchId, const QString& sentAtUtc);
    // The newest audit row of `registerId` the server has been sent (-1: none).
    Result<qint64> lastSentAuditSeq(const QString& registerId);

private:
    Result<QList<OutboxRow>> rows(const char* sql, const QString& bindText, qint64 bindNumber);
    Database& m_db;
};

} // namespace pos
