#pragma once

#include "Error.h"
#include "audit/AuditFormat.h"
#include "audit/AuditVerifier.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace pos {

// One register of the signed-in user's stores as GET /v1/audit lists it (docs/sync.md, AUD-7).
struct RemoteRegister {
    QString registerId;
    QString name;
    QString storeId;
    QString storeName;     // as the server names the store; empty from a server that does not say
    QByteArray signingKey; // the audit signing key enrolled on the server; empty: none
    bool revoked = false;
    qint64 rowCount = 0; // the server's head: rows 0..rowCount-1
    QByteArray headHash; // empty when rowCount is 0
};

// A checkpoint as the server keeps it: the register's own signed checkpoint and the server's
// countersignature (the witness, AUD-3), if it gave one.
struct RemoteCheckpoint {
    AuditCheckpoint checkpoint;
    QByteArray witnessSignature; // empty: not countersigned
    QString witnessedAt;
};

// What the server sent of one register's chain (every page of it).
struct RemoteAuditChain {
    RemoteRegister reg; // as the last page described it
    QList<AuditRow> rows;
    QList<RemoteCheckpoint> checkpoints;
};

// One GET /v1/audit?register_id= answer.
struct RemoteAuditPage {
    RemoteRegister reg;
    QList<AuditRow> rows;
    QList<RemoteCheckpoint> checkpoints;
    qint64 nextAfterSeq = -1;
    bool more = false;
};

// What this desktop remembers of a register it fetched from the server before (AUD-7, trust on
// first use; the known_registers table, KnownRegisters): the signing key the first intact chain
// was signed with, and the newest head it verified since. A register's key never changes: a
// register enrolled again gets a new register id (docs/sync.md "POST /v1/enrol").
struct KnownRegister {
    QString registerId;
    QByteArray signingKey;
    QString fingerprint; // AuditVerifier::fingerprint(signingKey)
    QString firstSeenAt; // UTC, ISO 8601
    qint64 rowCount = 0; // rows 0..rowCount-1 verified, the last with headHash
    QByteArray headHash;
    QString headSeenAt;
};

// What the owner's desktop found about one register's chain as the server holds it.
struct RemoteAuditVerdict {
    AuditVerdict chain; // the verifier's verdict on the rows and the register's checkpoints
    qint64 rowsReceived = 0;
    qint64 witnessed = 0;   // checkpoints whose countersignature verifies with the witness key
    qint64 unwitnessed = 0; // checkpoints the server has not countersigned (yet)
    qint64 witnessRefused = 0;
    QString witnessProblem;         // plain words about the first refused countersignature
    RemoteCheckpoint lastWitnessed; // checkpoint.count 0: none
    // The key the rows were checked against came from this desktop (its own register), not only
    // from the server: a key the server swapped would show as the wrong key.
    bool keyKnownHere = false;
    // What this desktop remembered of the register before this fetch; empty: first seen now.
    std::optional<KnownRegister> remembered;
    bool intact() const { return chain.intact() && witnessRefused == 0; }
};

// What the desktop knows about a register's chain from outside the server's answers.
struct RemoteAuditExpectation {
    QByteArray witnessKey; // the server's witness key stored at enrolment (32 bytes)
    // The register's key as this desktop knows it (its own register's), or empty: then the key
    // the server enrolled is used, and the genesis row must name it.
    QByteArray knownKey;
    // Rows of this register the server confirmed storing to this desktop (its own pushes): the
    // server must still hand out at least these. 0: nothing known.
    qint64 rowsAcknowledged = 0;
    // What this desktop remembered of the register from earlier fetches (any register, its own
    // too): its key must be the one the server shows now, and the chain must still hold the
    // remembered head. Empty: first seen now (the server's key is taken, and remembered once the
    // chain verified).
    std::optional<KnownRegister> remembered;
};

// The owner's view across registers (AUD-7): the answers of GET /v1/audit read strictly, and each
// register's chain verified on the desktop with that register's key through the same verifier as
// the local log (AuditChainCheck, AuditVerifierPool; no second copy of the hashing rules). A row
// the server changed shows as a changed row, a row it wrote as a forged one, rows it left out as
// a deleted row or a cut-off tail, a key it swapped (where the desktop knows the key: its own, or
// one it remembered on an earlier fetch) as the wrong key, a chain cut below or forked from a head
// this desktop verified before as a cut-off tail or an older copy put back; a countersignature
// that does not verify with the enrolled witness key is named too.
class RemoteAudit {
public:
    // {"registers": [...]}; InvalidInput naming the field.
    static Result<QList<RemoteRegister>> parseRegisters(const QJsonObject& body);
    // A page of one register; InvalidInput naming the field, also when a row or checkpoint is of
    // another register than the one asked for.
    static Result<RemoteAuditPage> parsePage(const QJsonObject& body, const QString& registerId);

    // Checks one register's chain as fetched against what this desktop knows. Thread-safe (a
    // pure function of its arguments): run it in a worker thread. progress as in AuditVerifier
    // (rows done, rows in total; false cancels: an error).
    static Result<RemoteAuditVerdict> verify(const RemoteAuditChain& chain,
                                             const RemoteAuditExpectation& expect,
                                             const AuditProgress& progress = {});
};

} // namespace pos
