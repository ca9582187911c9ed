#pragma once

#include "Error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace pos {

class Database;

// The sync server's countersignature on one of this register's checkpoints (AUD-3): an Ed25519
// signature by the server's witness key over syncprotocol::witnessMessage. Kept in
// audit_witness with the checkpoint's own time and reason, so it can be checked on its own.
struct WitnessSignature {
    QString registerId;
    qint64 rowCount = 0;
    QByteArray headHash;
    QString checkpointAt;
    QString reason;
    QString witnessedAt;
    QByteArray signature;
};

class WitnessStore {
public:
    explicit WitnessStore(Database& db) : m_db(db) {}

    // The server's witness public key stored at enrolment; empty when not enrolled.
    Result<QByteArray> witnessKey();

    struct Stored {
        qint64 stored = 0;    // new rows in audit_witness
        QStringList problems; // witnesses that were not stored, in plain words
    };
    // The `witness` array of a push answer: each entry is matched with this register's own
    // checkpoint (same register, row count and head hash) and its signature checked with
    // witnessKey before it is stored; in the caller's transaction. A witness that does not fit is
    // left out and named in `problems` (never an error: the records did reach the server).
    Result<Stored> storeFromPush(const QJsonArray& witness, const QByteArray& witnessKey);

    Result<QList<WitnessSignature>> forRegister(const QString& registerId);

    static bool verify(const WitnessSignature& w, const QByteArray& witnessKey);

private:
    Database& m_db;
};

} // namespace pos
