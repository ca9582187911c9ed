#pragma once

#include "Error.h"
#include "audit/AuditFormat.h"
#include "crypto/Ed25519.h"

#include <QJsonObject>
#include <QString>
#include <memory>
#include <utility>

namespace pos {

class Clock;
class Database;
class KeyStore;

// What a service records about one sensitive action (AUD-1). Never a key, PIN, password, card
// number or customer contact detail in before/after: ids, amounts, names of staff, reasons.
struct AuditEntry {
    qint64 actorId = 0;    // the acting user; 0 when the register acts on its own
    qint64 approverId = 0; // the approving manager, 0 when none
    QString action;        // see the action list in docs/audit-format.md
    QString entity;        // "<kind>:<id>"
    QJsonObject before;
    QJsonObject after;
};

// This register's audit chain (AUD-2, AUD-3): appends signed, hash-chained rows in the caller's
// transaction and writes signed checkpoints every auditformat::CheckpointEvery rows and on
// request (shift close, export). The Ed25519 private key lives in the key store only; the latest
// checkpoint is also copied to the key store after its transaction commits, so that putting back
// an older database file is detected by the verifier.
class AuditLog {
public:
    static QString keyNameFor(const QString& registerId);        // the signing key's entry
    static QString checkpointNameFor(const QString& registerId); // the acknowledged checkpoint

    // Opens this register's log. A register whose chain has not started gets a new key pair
    // (written to the key store and read back first) and its genesis row, in a transaction of its
    // own. Refused: a chain without its key in the key store (NotFound), a key that is not the
    // genesis row's (WrongKeyOrDamaged), a key store that does not answer.
    static Result<std::unique_ptr<AuditLog>> open(Database& db, KeyStore& keys,
                                                  const QString& registerId, const Clock& clock);
    ~AuditLog();

    // Appends one row inside the caller's open transaction (refused outside one); returns its
    // sequence number. Writes a checkpoint after every CheckpointEvery-th row.
    Result<qint64> append(const AuditEntry& entry);
    // A signed checkpoint of the chain as it stands, in the caller's transaction; the key store's
    // copy is updated after the commit.
    Status checkpoint(const QString& reason);

    // The acknowledged checkpoint kept in the key store, if any (count 0 when none).
    Result<AuditCheckpoint> acknowledgedCheckpoint() const;

    const QString& registerId() const { return m_registerId; }
    const QByteArray& publicKey() const { return m_signer.publicKey(); }

private:
    AuditLog(Database& db, KeyStore& keys, QString registerId, const Clock& clock,
             Ed25519Signer signer);
    Status appendGenesis();
    // The newest row's seq and hash (the chain's head).
    Result<std::pair<qint64, QByteArray>> head();
    Result<qint64> insertRow(AuditRow row);
    Database& m_db;
    KeyStore& m_keys;
    QString m_registerId;
    const Clock& m_clock;
    Ed25519Signer m_signer;
    QString m_appVersion;
    QString m_host;
};

namespace audit {

// How services write their audit row: through the log attached to db (Database::auditLog), in
// the caller's transaction. Without an attached log the change is refused (fail closed).
Status record(Database& db, const AuditEntry& entry);
// "user:12", "approval:<uuid>"
inline QString entity(const char* kind, const QString& id)
{
    return QLatin1String(kind) + QLatin1Char(':') + id;
}
inline QString entity(const char* kind, qint64 id)
{
    return entity(kind, QString::number(id));
}

} // namespace audit

} // namespace pos
