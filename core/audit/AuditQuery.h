#pragma once

#include "Error.h"
#include "audit/AuditFormat.h"
#include "audit/AuditVerifier.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace pos {

class AccessControl;
class Database;
class KeyStore;

// Which audit rows the viewer shows. Every field left empty matches everything.
struct AuditFilter {
    enum class EntityMatch { Prefix, Exact };

    QDateTime from;                // UTC; rows at or after it (invalid: no lower bound)
    QDateTime to;                  // UTC; rows before it (invalid: no upper bound)
    std::optional<qint64> actorId; // the acting user's id; 0: the register acting by itself
    QString action;                // exact, e.g. "auth.sign_in_failed"
    QString entity;                // "user:12", or a prefix such as "user:" or "sale:"
    EntityMatch entityMatch = EntityMatch::Prefix;
    QString registerId; // one register's chain

    friend bool operator==(const AuditFilter&, const AuditFilter&) = default;
};

// Where a row stands in the viewer's order: time, then register, then sequence number.
struct AuditKey {
    QString at;
    QString registerId;
    qint64 seq = 0;

    friend bool operator==(const AuditKey&, const AuditKey&) = default;
};

// One row as the viewer shows it: the stored row plus the names of the people it names (from
// the users table; empty when the id is empty or unknown).
struct AuditListRow {
    AuditRow row;
    QString actorName;
    QString approverName;

    AuditKey key() const { return {row.at, row.registerId, row.seq}; }
};

enum class AuditOrder { NewestFirst, OldestFirst };

// A page of rows: the limit rows after `after` in the order (from the start when none).
struct AuditPageRequest {
    AuditOrder order = AuditOrder::NewestFirst;
    std::optional<AuditKey> after;
    int limit = 200;
};

struct AuditActor {
    qint64 userId = 0; // 0: the register itself
    QString name;      // empty for the register itself and for ids not in the users table
    QString code;
};

struct AuditRegister {
    QString id;
    QString name; // from the registers table; empty when this store does not know the register
};

// What the background verification of the chains needs: the store file and its key (the
// verification opens a connection of its own), and for each register in the log what its chain is
// expected to be (this register's own: its key and the checkpoint kept in the key store; another
// register's: nothing known from outside the file).
struct AuditVerificationPlan {
    struct Chain {
        QString registerId;
        qint64 rows = 0; // as the file holds them now (highest seq + 1)
        AuditExpectation expect;
        bool own = false; // this register's own chain
    };
    QString storePath;
    SecretBytes storeKey;
    QList<Chain> chains;
};

// The owner's and auditor's read access to the audit log (audit.view): filtered, keyset-paged
// lists of rows with the names of who acted and who approved, counts, and the values the
// viewer's filters offer. It never writes: reading the log is not an audited change.
//
// Speed on a large log: a page is one index range walk (the V4 indexes on at, (actor, at),
// (action, at) and (entity, at)); the lists of actions, actors and registers jump from one
// distinct value to the next through their index instead of reading every row.
class AuditQuery {
public:
    AuditQuery(Database& db, AccessControl& access) : m_db(db), m_access(access) {}

    Result<QList<AuditListRow>> page(const Session& session, const AuditFilter& filter,
                                     const AuditPageRequest& request);
    // Rows offset..offset+limit-1 in the order (OFFSET: costs the rows it skips; page() does not).
    Result<QList<AuditListRow>> window(const Session& session, const AuditFilter& filter,
                                       AuditOrder order, qint64 offset, int limit);
    Result<qint64> count(const Session& session, const AuditFilter& filter);

    Result<QStringList> actions(const Session& session);
    Result<QList<AuditActor>> actors(const Session& session);
    Result<QList<AuditRegister>> registers(const Session& session);

    // For the viewer's "is the chain intact" badge: the store file and its key, and what each
    // chain in it is expected to be (this register's key and acknowledged checkpoint come from
    // the attached audit log and the key store).
    Result<AuditVerificationPlan> verificationPlan(const Session& session, KeyStore& keys);
    // Verifies every chain of the plan on a connection of its own, so it may run in a worker
    // thread while the caller's connection goes on. progress: rows done of all chains.
    static Result<QList<AuditVerdict>> verify(const AuditVerificationPlan& plan,
                                              const AuditProgress& progress = {});

    static constexpr int MaxPage = 1000;

private:
    Result<QList<AuditListRow>> select(const AuditFilter& filter, AuditOrder order,
                                       const std::optional<AuditKey>& after, qint64 offset,
                                       int limit);
    Database& m_db;
    AccessControl& m_access;
};

} // namespace pos
