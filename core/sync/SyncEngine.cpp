#include "sync/SyncEngine.h"

#include "Clock.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/StoreFile.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncWorker.h"

#include <QLoggingCategory>

#if __has_include("sync/PullApplier.h")
#include "sync/PullApplier.h"
#define POS_SYNC_HAS_PULL 1
#else
#define POS_SYNC_HAS_PULL 0
#endif

namespace pos {

namespace {

const Clock& systemClock()
{
    static SystemClock clock;
    return clock;
}

} // namespace

SyncEngine::SyncEngine(SyncEngineOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_timer(std::move(m_options.timer))
{
    if (!m_timer)
        m_timer = std::make_unique<QtSyncTimer>();
    if (!m_options.clock)
        m_options.clock = &systemClock();
    m_thread.setObjectName(QStringLiteral("pos-sync"));
}

SyncEngine::~SyncEngine()
{
    stop();
    m_thread.quit();
    m_thread.wait();
}

Result<DatabaseOpener> SyncEngine::openerFor(const Database& db, KeyStore& keys)
{
    const QString path = db.path();
    auto key = keys.read(StoreFile::keyNameFor(path));
    if (!key)
        return std::unexpected(key.error());
    auto shared = std::make_shared<SecretBytes>(std::move(*key));
    return DatabaseOpener([path, shared]() -> Result<std::unique_ptr<Database>> {
        return Database::open(path, *shared, Database::Mode::OpenExisting);
    });
}

std::chrono::milliseconds SyncEngine::backoff(int failures)
{
    using namespace std::chrono_literals;
    std::chrono::milliseconds d = 2s;
    for (int i = 1; i < failures && d < 5min; ++i)
        d *= 2;
    return std::min<std::chrono::milliseconds>(d, 5min);
}

void SyncEngine::ensureWorker()
{
    if (m_worker)
        return;
    SyncWorker::Config config;
    config.registerId = m_options.registerId;
    config.openDatabase = m_options.openDatabase;
    config.clock = m_options.clock;
    config.limits = PushBatchBuilder::Limits{m_options.batchRecords, m_options.batchBytes};
    config.timeouts = m_options.timeouts;
    config.pendingPoll = m_options.pendingPoll;
    config.pull = POS_SYNC_HAS_PULL && m_options.database && m_options.keys;

    // The sink runs in the worker's thread: every call is posted to this (the engine's) thread.
    QPointer<SyncEngine> self(this);
    SyncWorker::Sink sink;
    sink.pending = [self](qint64 n) {
        if (self)
            QMetaObject::invokeMethod(self, [self, n] { self->onPending(n); });
    };
    sink.progress = [self](qint64 done, qint64 total) {
        if (self)
            QMetaObject::invokeMethod(self, [self, done, total] { self->onProgress(done, total); });
    };
    sink.finished = [self](const SyncRunReport& report) {
        if (self)
            QMetaObject::invokeMethod(self, [self, report] { self->onRunFinished(report); });
    };
    sink.applyPull = [self](const QJsonObject& page, qint64 cursor) {
        if (self)
            QMetaObject::invokeMethod(self,
                                      [self, page, cursor] { self->applyPull(page, cursor); });
    };
    auto* worker = new SyncWorker(std::move(config), std::move(sink));
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.start();
}

void SyncEngine::applyPull(const QJsonObject& page, qint64 cursor)
{
    SyncWorker::PullResult result;
#if POS_SYNC_HAS_PULL
    if (m_options.database && m_options.keys) {
        PullApplier applier(*m_options.database, *m_options.keys, *m_options.clock);
        auto summary = applier.apply(page, cursor);
        if (summary) {
            result.ok = true;
            result.changes = summary->total(); // removals are counted in their kinds
            result.more = summary->more;
        } else {
            result.error = summary.error().message;
        }
    } else {
        result.error = QStringLiteral("this register cannot apply what the server sent");
    }
#else
    Q_UNUSED(page)
    Q_UNUSED(cursor)
    result.ok = true;
#endif
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker, result] {
            if (w)
                w->pullApplied(result);
        });
}

void SyncEngine::start()
{
    ensureWorker();
    m_started = true;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] {
        if (w)
            w->startPolling();
    });
    if (m_options.automatic)
        beginRun();
}

void SyncEngine::stop()
{
    m_started = false;
    m_again = false;
    m_timer->stop();
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker] {
            if (w)
                w->abort();
        });
    if (m_status.nextAttempt.isValid()) {
        SyncStatus next = m_status;
        next.nextAttempt = {};
        publish(next);
    }
}

void SyncEngine::syncNow()
{
    if (!m_worker)
        ensureWorker();
    m_started = true;
    m_timer->stop();
    m_pushBlock.reset(); // someone sorted it out: push again
    if (m_running) {
        m_again = true;
        return;
    }
    beginRun();
}

void SyncEngine::beginRun()
{
    if (m_running) {
        m_again = true;
        return;
    }
    if (!m_identity && m_options.keys) {
        // Read here, in the engine's thread, where the key store is used; a register that is not
        // enrolled yet has no key and the worker says so.
        auto identity = DeviceIdentity::load(*m_options.keys, m_options.registerId);
        if (identity)
            m_identity = std::make_shared<const DeviceIdentity>(std::move(*identity));
    }
    m_running = true;
    SyncStatus next = m_status;
    next.state = SyncStatus::State::Syncing;
    next.nextAttempt = {};
    next.progressDone = 0;
    next.progressTotal = 0;
    publish(next);
    QMetaObject::invokeMethod(m_worker,
                              [w = m_worker, identity = m_identity, blocked = m_pushBlock] {
                                  if (w)
                                      w->run(identity, blocked);
                              });
}

void SyncEngine::plan(std::chrono::milliseconds delay)
{
    if (!m_started || !m_options.automatic)
        return;
    SyncStatus next = m_status;
    next.nextAttempt = m_options.clock->nowUtc().toUTC().addMSecs(delay.count());
    publish(next);
    m_timer->start(delay, [this] { beginRun(); });
}

void SyncEngine::onRunFinished(const SyncRunReport& report)
{
    using Outcome = SyncRunReport::Outcome;
    using State = SyncStatus::State;
    m_running = false;
    SyncStatus next = m_status;
    next.pending = report.pendingAfter;
    next.progressDone = next.progressTotal;
    next.serverUrl = report.serverUrl;
    next.storeName = report.storeName;
    std::optional<std::chrono::milliseconds> delay;
    switch (report.outcome) {
    case Outcome::Done:
        m_failures = 0;
        next.state = State::Idle;
        next.online = true;
        next.lastSuccess = report.finishedAt;
        next.lastError = report.error; // warnings only (a witness not kept)
        delay = report.pendingAfter > 0 ? std::chrono::milliseconds(0) : m_options.idleInterval;
        break;
    case Outcome::NotEnrolled:
        m_failures = 0;
        m_identity.reset(); // read again once enrolled
        next.state = State::NotEnrolled;
        next.online = false;
        next.lastError.clear();
        delay = m_options.idleInterval;
        break;
    case Outcome::Offline:
        ++m_failures;
        next.state = State::Offline;
        next.online = false;
        next.lastError = report.error;
        delay = backoff(m_failures);
        break;
    case Outcome::Failed:
        ++m_failures;
        next.state = State::Error;
        next.online = !report.errorCode.isEmpty(); // the server answered
        next.lastError = report.error;
        delay = backoff(m_failures);
        break;
    case Outcome::Blocked:
        ++m_failures;
        next.state = State::Blocked;
        next.online = !report.errorCode.isEmpty();
        next.lastError = report.error;
        // A conflict, fork or rollback stops pushing but not pulling: runs go on, pull only,
        // until syncNow(). A revoked register (or a store that cannot be read) stops altogether.
        if (report.errorCode == u"conflict" || report.errorCode == u"fork" ||
            report.errorCode == u"rollback") {
            if (!m_pushBlock)
                m_pushBlock = SyncPushBlock{report.error, report.errorCode};
            delay = m_options.idleInterval;
        } else {
            m_pushBlock.reset();
        }
        break;
    }
    publish(next);
    emit runFinished(report);
    if (m_again && m_started) {
        m_again = false;
        beginRun();
        return;
    }
    if (delay)
        plan(*delay);
}

void SyncEngine::onPending(qint64 pending)
{
    SyncStatus next = m_status;
    next.pending = pending;
    publish(next);
    // New records while all is well: push them now rather than at the next idle run.
    if (pending > 0 && m_status.state == SyncStatus::State::Idle && !m_running && m_started &&
        m_options.automatic)
        plan(std::chrono::milliseconds(0));
}

void SyncEngine::onProgress(qint64 done, qint64 total)
{
    SyncStatus next = m_status;
    next.progressDone = done;
    next.progressTotal = total;
    publish(next);
    emit progress(done, total);
}

void SyncEngine::publish(const SyncStatus& next)
{
    const SyncStatus before = m_status;
    m_status = next;
    if (before == next)
        return;
    if (before.online != next.online)
        emit onlineChanged(next.online);
    if (before.pending != next.pending)
        emit pendingChanged(next.pending);
    if (before.lastSuccess != next.lastSuccess)
        emit lastSuccessChanged(next.lastSuccess);
    if (before.lastError != next.lastError)
        emit errorChanged(next.lastError);
    emit statusChanged(next);
}

} // namespace pos
