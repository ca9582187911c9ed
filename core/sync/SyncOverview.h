#pragma once

#include "Error.h"
#include "staff/Session.h"
#include "sync/SyncStateStore.h"
#include "sync/WitnessStore.h"

#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace pos {

class AccessControl;
class Database;

// What the sync screen shows besides the engine's live status: where this register is enrolled,
// what waits in the outbox by kind, and the newest checkpoint of this register's audit chain the
// server has countersigned (the witness, AUD-3).
struct SyncOverviewData {
    std::optional<SyncEnrolment> enrolment;          // nullopt: not enrolled
    QList<std::pair<QString, qint64>> pendingByKind; // outbox kind -> unsent rows, kinds with any
    qint64 pending = 0;
    qint64 witnessed = 0;                        // countersigned checkpoints kept
    std::optional<WitnessSignature> lastWitness; // the newest of them
    bool lastWitnessVerifies = false;            // its signature verifies with the enrolled key
    qint64 auditRows = 0;                        // this register's chain as it stands here
};

// Read-only; the screen's reads run on the caller's connection (a count by kind over the outbox's
// partial index of unsent rows, and the witness table of this register).
class SyncOverview {
public:
    SyncOverview(Database& db, AccessControl& access) : m_db(db), m_access(access) {}

    // Needs reports.view (managers, owners, auditors: the sync screen).
    Result<SyncOverviewData> read(const Session& session);

private:
    Database& m_db;
    AccessControl& m_access;
};

} // namespace pos
