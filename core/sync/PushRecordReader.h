#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QString>

namespace pos {

class Database;

// Reads one outbox record from the register's tables as the `data` of a push record
// (docs/sync.md, "POST /v1/push"): ids as UUID text (users, shifts, sales, approvals), money in
// minor units, times as stored (ISO 8601 UTC). Records that may change (shifts, approvals) are
// read as they are now. NotFound when the outbox names a record the store does not hold.
class PushRecordReader {
public:
    explicit PushRecordReader(Database& db) : m_db(db) {}

    // kind and key as in sync_outbox.
    Result<QJsonObject> read(const QString& kind, const QString& key);

    Result<QJsonObject> sale(const QString& uuid);
    Result<QJsonObject> refund(const QString& uuid);
    Result<QJsonObject> shift(const QString& uuid);
    Result<QJsonObject> approval(const QString& uuid);
    Result<QJsonObject> cashMovement(const QString& uuid);
    Result<QJsonObject> auditRow(const QString& key);        // "<register>:<seq>"
    Result<QJsonObject> auditCheckpoint(const QString& key); // "<register>:<row_count>"

private:
    Database& m_db;
};

} // namespace pos
