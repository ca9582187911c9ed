#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace pos {

// One row of a register's audit chain (AUD-2), exactly as stored and as exported. The exact byte
// layouts that are hashed and signed are in docs/audit-format.md; this file and AuditFormat.cpp
// are the one implementation of them (the verifier, the bundle reader and the server use these).
struct AuditRow {
    qint64 seq = 0;     // 0 is the genesis; gap-free per register
    QString at;         // UTC, ISO 8601 with milliseconds and 'Z'
    QString registerId; // the device id (UUID text)
    QString actor;      // user id as decimal text, or empty (the register itself)
    QString approver;   // user id of the approving manager, or empty
    QString action;     // dotted name, e.g. "auth.sign_in_failed", "sale.void"
    QString entity;     // "<kind>:<id>", e.g. "user:12", "approval:<uuid>"
    QString before;     // canonical JSON (CanonicalJson), "{}" when nothing was there
    QString after;      // canonical JSON
    QString appVersion;
    QString host;
    QByteArray prevHash;  // 32 bytes
    QByteArray hash;      // 32 bytes
    QByteArray signature; // 64 bytes, Ed25519 over signedMessage(hash)
};

// A signed statement "this register's chain had `count` rows and its last row hash was head".
struct AuditCheckpoint {
    QString registerId;
    qint64 count = 0; // rows 0..count-1
    QByteArray headHash;
    QString at;
    QString reason; // "rows", "shift_close", "export", "start"
    QByteArray signature;
};

namespace auditformat {

inline constexpr qint64 CheckpointEvery = 1000;

// prevHash of the genesis row: SHA-256("POS-AUDIT-GENESIS-v1" 0x00 || registerId).
QByteArray genesisPrevHash(const QString& registerId);
// SHA-256 of the row's layout (everything but hash and signature; see docs/audit-format.md).
QByteArray rowHash(const AuditRow& row);
// What the register's key signs for a row: "POS-AUDIT-SIG-v1" 0x00 || hash.
QByteArray signedMessage(const QByteArray& rowHash);
// What the register's key signs for a checkpoint.
QByteArray checkpointMessage(const AuditCheckpoint& checkpoint);
// "2026-11-21T10:15:30.123Z"
QString timestamp(const QDateTime& utc);

} // namespace auditformat

} // namespace pos
