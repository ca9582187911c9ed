#pragma once

#include "Error.h"
#include "sync/SyncStatus.h"
#include "sync/SyncTimer.h"
#include "sync/SyncTransport.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace pos {

class Clock;
class Database;
class DeviceIdentity;
class KeyStore;
class SyncWorker;

// Opens a connection of its own to the register's store. SyncEngine calls it in its worker
// thread (a Database is used by one thread only).
using DatabaseOpener = std::function<Result<std::unique_ptr<Database>>()>;

struct SyncEngineOptions {
    QString registerId;
    DatabaseOpener openDatabase; // see SyncEngine::openerFor
    KeyStore* keys = nullptr;    // the device key is read from it (in the engine's thread)
    // The register's own connection (with its audit log attached), used in the engine's thread
    // to apply what a pull brings (PullApplier); nullptr: push only.
    Database* database = nullptr;
    const Clock* clock = nullptr;        // nullptr: the system clock (request times, last success)
    std::unique_ptr<SyncTimer> timer;    // nullptr: a QTimer (tests: ManualSyncTimer)
    bool automatic = true;               // false: runs only on syncNow() (posctl sync now)
    int batchRecords = 500;              // records per push batch at most
    qint64 batchBytes = 4 * 1024 * 1024; // and about this many bytes of JSON
    std::chrono::milliseconds idleInterval{30'000}; // between runs when all went well
    std::chrono::milliseconds pendingPoll{5'000};   // how often the outbox is counted
    SyncTimeouts timeouts;
};

// The register's background sync (docs/sync.md): pushes the outbox in batches and pulls what the
// server has changed, in a worker thread with its own connection to the store, so the counter
// never waits for the network or for sync's reads. After a failed run it waits 2 s, then 4 s, 8 s
// ... up to 5 minutes; any good run resets that. A refusal a retry cannot fix keeps every record
// and leaves status().state Blocked with lastError saying why, until syncNow(): a conflict or a
// fork or rollback of the audit chain stops pushing, but runs go on every idleInterval, pulling
// only (so catalog, staff and settings stay current); a revoked register stops altogether.
//
// Lives in the thread that makes it (the UI thread); every signal arrives there.
class SyncEngine : public QObject {
    Q_OBJECT
public:
    explicit SyncEngine(SyncEngineOptions options, QObject* parent = nullptr);
    ~SyncEngine() override; // stops the worker; a run under way is cut off (resent next time)

    // An opener of a second connection to the store db is open on: reads the store's key from
    // keys now, in the caller's thread.
    static Result<DatabaseOpener> openerFor(const Database& db, KeyStore& keys);

    // The wait after `failures` failed runs in a row: 2 s doubling to 5 minutes.
    static std::chrono::milliseconds backoff(int failures);

    // Starts the worker and, when automatic, the first run now.
    void start();
    // No more runs; a run under way is cut off (its batch is resent whole next time).
    void stop();
    // A run as soon as the current one (if any) has ended; clears Blocked and the back-off wait.
    void syncNow();

    const SyncStatus& status() const { return m_status; }
    bool running() const { return m_running; }

signals:
    void statusChanged(const pos::SyncStatus& status); // after any change below
    void onlineChanged(bool online);
    void pendingChanged(qint64 pending);
    void lastSuccessChanged(const QDateTime& atUtc);
    void errorChanged(const QString& error);  // empty: cleared by a good run
    void progress(qint64 done, qint64 total); // records sent in the current run
    void runFinished(const pos::SyncRunReport& report);

private:
    void ensureWorker();
    void beginRun();
    void onRunFinished(const pos::SyncRunReport& report);
    void onPending(qint64 pending);
    void onProgress(qint64 done, qint64 total);
    void applyPull(const QJsonObject& page, qint64 cursor);
    void plan(std::chrono::milliseconds delay);
    void publish(const SyncStatus& next);

    SyncEngineOptions m_options;
    std::unique_ptr<SyncTimer> m_timer;
    QThread m_thread;
    QPointer<SyncWorker> m_worker;
    std::shared_ptr<const DeviceIdentity> m_identity;
    SyncStatus m_status;
    bool m_started = false;
    bool m_running = false;
    bool m_again = false;                     // syncNow() during a run
    std::optional<SyncPushBlock> m_pushBlock; // pushes blocked: runs pull only until syncNow()
    int m_failures = 0;
};

} // namespace pos
