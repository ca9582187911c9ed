#pragma once

#include "Error.h"
#include "audit/AuditFormat.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace pos {

class Database;

// The kinds of damage the verifier names (AUD-4, docs/audit-format.md).
enum class AuditDamage {
    None,
    ChangedRow,    // a row's fields no longer match its hash
    DeletedRow,    // a gap in seq
    ForgedRow,     // the hash matches but the signature is not the register key's
    Reordered,     // a row whose hash and signature are right for another position
    CutOffTail,    // fewer rows than a signed checkpoint in the file (or bundle) covers
    OlderFileBack, // fewer rows than, or another head than, the checkpoint kept in the keychain
    WrongKey,      // the genesis row names another public key than the expected one
    Unreadable,    // a row or checkpoint that cannot even be parsed (bundle), or no genesis
};

struct AuditVerdict {
    QString registerId;
    QByteArray publicKey;    // the key the chain was checked against
    qint64 rowsVerified = 0; // rows 0..rowsVerified-1 are intact
    qint64 checkpointsVerified = 0;
    qint64 witnessesVerified = 0; // the sync server's countersignatures that check out (AUD-3)
    AuditDamage damage = AuditDamage::None;
    qint64 badSeq = -1;  // the position of the first bad row (or where the tail was cut)
    QString explanation; // plain words for the owner, e.g. "row 1204 was changed after ..."
    bool intact() const { return damage == AuditDamage::None; }
};

struct AuditExpectation {
    QByteArray publicKey;         // empty: take the genesis row's key (cannot detect a swap)
    AuditCheckpoint acknowledged; // count 0: none known from outside the file
    // The sync server's witness key (enrolment): the countersigned checkpoints in audit_witness
    // that verify with it must be covered by the log (a cut-off tail, AUD-4). Empty: none.
    QByteArray witnessKey;
};

// Called now and then with rows done and rows in total; returning false cancels (the result is
// then an error with ErrorCode::Conflict... see AuditVerifier.cpp).
using AuditProgress = std::function<bool(qint64 done, qint64 total)>;

class AuditVerifier {
public:
    // Verifies one register's chain in the store against the expectation, using every core.
    static Result<AuditVerdict> verifyStore(Database& db, const QString& registerId,
                                            const AuditExpectation& expect,
                                            const AuditProgress& progress = {});
    // The register's own chain (db.auditLog() attached): expected key = its key from the key
    // store, acknowledged checkpoint = the key store's copy, witness key = the sync server's
    // when the register is enrolled.
    static Result<AuditVerdict> verifyOwn(Database& db, const AuditProgress& progress = {});
    // A bundle file (docs/audit-format.md), offline with nothing but the file: one verdict per
    // register. An error only when the file cannot be read or is not a bundle at all.
    static Result<QList<AuditVerdict>> verifyBundle(const QString& path,
                                                    const QByteArray& expectKey = {},
                                                    const AuditProgress& progress = {});

    // "1a2b 3c4d ..." : the first 16 bytes of SHA-256 of the public key, hex, groups of 4.
    static QString fingerprint(const QByteArray& publicKey);
    static QString describe(AuditDamage damage); // "a changed row", "a cut-off tail", ...
};

} // namespace pos
