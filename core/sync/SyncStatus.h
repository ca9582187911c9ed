#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace pos {

// What the register's sync looks like right now, for the status bar and the sync screen. Plain
// data: SyncEngine (core/sync/SyncEngine.h) sends a fresh copy with every change.
struct SyncStatus {
    enum class State {
        NotEnrolled, // no sync server set up: the register works on its own
        Idle,        // the last run reached the server and everything went
        Syncing,     // a run is under way (see progress)
        Offline,     // the server could not be reached; retrying with back-off
        Error,       // the server was reached but refused or failed; retrying with back-off
        Blocked,     // the server refused in a way a retry cannot fix (a conflict, a fork or
                     // rollback of the audit chain, a revoked register): nothing is dropped,
                     // nothing is retried until someone presses "Sync now"
    };
    State state = State::NotEnrolled;
    // True while the last contact with the server worked (Idle, Syncing after a good run, Error
    // with an answer from the server): the status bar's online/offline.
    bool online = false;
    qint64 pending = 0;      // records in the outbox that have not reached the server
    QDateTime lastSuccess;   // UTC; invalid: never
    QString lastError;       // plain words, empty when the last run went well
    qint64 progressDone = 0; // records sent in the current run
    qint64 progressTotal = 0;
    QDateTime nextAttempt; // UTC; invalid when no automatic run is planned
    QString serverUrl;     // empty when not enrolled
    QString storeName;     // the server's name for this register's store

    bool operator==(const SyncStatus&) const = default;
};

// What one run did: `posctl sync now` prints it, the sync screen shows it.
struct SyncRunReport {
    enum class Outcome {
        Done,        // pushed (and pulled) everything there was
        NotEnrolled, // nothing to do: no server set up
        Offline,     // could not reach the server (nothing changed)
        Failed,      // the server or the store refused; retried later (nothing dropped)
        Blocked,     // refused in a way a retry cannot fix (see SyncStatus::State::Blocked)
    };
    Outcome outcome = Outcome::NotEnrolled;
    QString error;          // plain words when not Done
    QString errorCode;      // the server's code (docs/sync.md "Errors"), empty for others
    qint64 batches = 0;     // push batches the server accepted
    qint64 recordsSent = 0; // records in them
    qint64 stored = 0;      // records the server stored new
    qint64 duplicates = 0;  // records the server already had (a resend)
    qint64 witnessed = 0;   // checkpoints the server countersigned (stored in audit_witness)
    bool pulled = false;    // a pull ran
    qint64 changesPulled = 0;
    qint64 pendingAfter = 0; // outbox records still unsent
    QDateTime finishedAt;    // UTC
    QString serverUrl;       // where it went (empty when not enrolled)
    QString storeName;       // the server's name for this register's store
};

// A push the server refused in a way a retry cannot fix but that leaves pulling possible (a
// conflict, a fork or rollback of the audit chain): message for people, the server's code.
struct SyncPushBlock {
    QString message;
    QString code;
};

QString describe(SyncStatus::State state); // "online", "offline", ... for people

} // namespace pos

Q_DECLARE_METATYPE(pos::SyncStatus)
Q_DECLARE_METATYPE(pos::SyncRunReport)
