#pragma once

#include "Error.h"
#include "audit/AuditFormat.h"

#include <QJsonObject>
#include <QString>

namespace pos::syncprotocol {

// The JSON form of audit rows and checkpoints on the wire (docs/sync.md): the `data` of the
// `audit_row` and `audit_checkpoint` push records and the rows and checkpoints of GET /v1/audit.
// Binary fields are standard base64 with padding; before/after are the stored canonical JSON
// text as JSON strings, byte for byte. Shared by the registers, the owner's desktop and pos-syncd.

// A push record's id: "<register>:<seq>" and "<register>:<row_count>".
QString auditRowId(const QString& registerId, qint64 seq);
QString auditCheckpointId(const QString& registerId, qint64 rowCount);

QJsonObject auditRowToJson(const AuditRow& row);
QJsonObject auditCheckpointToJson(const AuditCheckpoint& checkpoint);

// Strict: every field present with its JSON type, seq >= 0 and row_count >= 1 (whole numbers up
// to 2^53), hashes of 32 bytes and signatures of 64 in valid base64, no text over its limit and
// no NUL character. Fields not named here are ignored (a caller that must refuse them checks
// itself). The error (InvalidInput) names the field.
Result<AuditRow> auditRowFromJson(const QJsonObject& data);
Result<AuditCheckpoint> auditCheckpointFromJson(const QJsonObject& data);

inline constexpr qsizetype MaxAuditTextLength = 1000;      // at, actor, action, entity, ...
inline constexpr qsizetype MaxAuditJsonLength = 64 * 1024; // before, after

} // namespace pos::syncprotocol
