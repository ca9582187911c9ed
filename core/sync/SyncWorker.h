#pragma once

#include "Error.h"
#include "sync/PushBatchBuilder.h"
#include "sync/SyncStateStore.h"
#include "sync/SyncStatus.h"
#include "sync/SyncTransport.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace pos {

class Clock;
class Database;
class DeviceIdentity;

// SyncEngine's worker: lives in the engine's thread with a connection of its own to the store.
// One run: push every outbox batch (POST /v1/push), then pull (GET /v1/pull) page by page; a
// page is handed to `applyPull` (SyncEngine applies it in its own thread, where the register's
// audit log is) and the answer comes back through pullApplied(). Everything is asynchronous:
// the worker's thread never blocks on the network either.
class SyncWorker : public QObject {
    Q_OBJECT
public:
    struct Config {
        QString registerId;
        std::function<Result<std::unique_ptr<Database>>()> openDatabase;
        const Clock* clock = nullptr;
        PushBatchBuilder::Limits limits;
        SyncTimeouts timeouts;
        std::chrono::milliseconds pendingPoll{5'000};
        bool pull = false; // the engine can apply pulled changes
        int pullLimit = 500;
    };
    // What the engine's side learnt from applying one pull page.
    struct PullResult {
        bool ok = false;
        QString error;
        qint64 changes = 0;
        bool more = false;
    };

    // Callbacks run in the worker's thread; they post to the engine.
    struct Sink {
        std::function<void(qint64 pending)> pending;
        std::function<void(qint64 done, qint64 total)> progress;
        std::function<void(const QJsonObject& page, qint64 cursor)> applyPull;
        std::function<void(const SyncRunReport& report)> finished;
    };

    SyncWorker(Config config, Sink sink);
    ~SyncWorker() override;

    // In the worker's thread (QMetaObject::invokeMethod):
    using PushBlock = SyncPushBlock;
    // With `blocked` (the engine's pushes are blocked): pulls only, so the catalog, staff and
    // settings stay current, and ends Blocked with that refusal.
    void run(std::shared_ptr<const DeviceIdentity> identity,
             std::optional<PushBlock> blocked = std::nullopt);
    void pullApplied(const PullResult& result);
    void startPolling();
    void abort(); // cuts the run off; finished() follows with Offline

private:
    Status openDatabase();
    void countPending();
    void pushNext();
    void onPushed(const PushBatch& batch, const SyncReply& reply);
    void pullNext();
    void onPulled(qint64 cursor, const SyncReply& reply);
    void finishWith(SyncRunReport::Outcome outcome, const QString& error, const QString& code = {});
    void finishFromReply(const SyncReply& reply);
    void finishDone();
    QString nowText() const;

    Config m_config;
    Sink m_sink;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<PushBatchBuilder> m_builder;
    QPointer<SyncTransport> m_transport;
    std::optional<SyncEnrolment> m_enrolment;
    QTimer m_poll{this}; // a child, so it moves to the worker's thread with it
    qint64 m_lastPending = -1;
    bool m_running = false;
    SyncRunReport m_report;
    qint64 m_total = 0;
    QStringList m_warnings; // e.g. witnesses not kept: shown, not a failure
    // Set when a push is blocked (in this run or before it): the run pulls on and ends Blocked
    // with this refusal.
    std::optional<PushBlock> m_pushRefusal;
};

} // namespace pos
