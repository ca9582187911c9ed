#include "sync/SyncWorker.h"

#include "Clock.h"
#include "store/Database.h"
#include "sync/DeviceIdentity.h"
#include "sync/OutboxReader.h"
#include "sync/WitnessStore.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcSync, "pos.sync")

namespace pos {

SyncWorker::SyncWorker(Config config, Sink sink)
    : m_config(std::move(config)), m_sink(std::move(sink))
{
    connect(&m_poll, &QTimer::timeout, this, [this] { countPending(); });
}

SyncWorker::~SyncWorker()
{
    delete m_transport.data();
}

QString SyncWorker::nowText() const
{
    return (m_config.clock ? m_config.clock->nowUtc() : QDateTime::currentDateTimeUtc())
        .toUTC()
        .toString(Qt::ISODateWithMs);
}

Status SyncWorker::openDatabase()
{
    if (m_db)
        return {};
    if (!m_config.openDatabase)
        return fail(ErrorCode::Internal, QStringLiteral("sync has no way to open the store"));
    auto db = m_config.openDatabase();
    if (!db)
        return std::unexpected(db.error());
    m_db = std::move(*db);
    m_builder = std::make_unique<PushBatchBuilder>(*m_db, m_config.registerId);
    return {};
}

void SyncWorker::startPolling()
{
    m_poll.start(m_config.pendingPoll);
    countPending();
}

void SyncWorker::countPending()
{
    if (!openDatabase())
        return;
    auto n = OutboxReader(*m_db).pendingCount();
    if (!n || *n == m_lastPending)
        return;
    m_lastPending = *n;
    if (m_sink.pending)
        m_sink.pending(*n);
}

void SyncWorker::abort()
{
    if (m_transport)
        m_transport->abortAll();
}

void SyncWorker::run(std::shared_ptr<const DeviceIdentity> identity,
                     std::optional<PushBlock> blocked)
{
    if (m_running)
        return;
    m_running = true;
    m_report = SyncRunReport{};
    m_warnings.clear();
    m_pushRefusal = std::move(blocked);
    if (auto s = openDatabase(); !s)
        return finishWith(SyncRunReport::Outcome::Failed, s.error().message);
    auto enrolment = SyncStateStore(*m_db).enrolment();
    if (!enrolment)
        return finishWith(SyncRunReport::Outcome::Blocked, enrolment.error().message);
    m_enrolment = *enrolment;
    m_builder = std::make_unique<PushBatchBuilder>(*m_db, m_config.registerId);
    if (!m_enrolment)
        return finishWith(SyncRunReport::Outcome::NotEnrolled,
                          QStringLiteral("This register is not enrolled with a sync server."));
    if (!identity)
        return finishWith(SyncRunReport::Outcome::Blocked,
                          QStringLiteral("This register's sync device key is missing from its "
                                         "key store: enrol the register again."));
    auto url = SyncTransport::parseServerUrl(m_enrolment->serverUrl);
    if (!url)
        return finishWith(SyncRunReport::Outcome::Blocked, url.error().message);

    delete m_transport.data();
    m_transport =
        new SyncTransport(*url, SyncTrust{m_enrolment->pins, {}}, m_config.timeouts, this);
    m_transport->setIdentity(std::move(identity), m_enrolment->companyId, m_config.clock);

    auto pending = OutboxReader(*m_db).pendingCount();
    m_total = pending ? *pending : 0;
    if (m_sink.progress)
        m_sink.progress(0, m_total);
    if (m_pushRefusal)
        return pullNext();
    pushNext();
}

void SyncWorker::pushNext()
{
    auto batch = m_builder->next(m_config.limits);
    if (!batch)
        return finishWith(SyncRunReport::Outcome::Failed, batch.error().message);
    if (!*batch)
        return pullNext();
    const PushBatch b = std::move(**batch);
    qCInfo(lcSync) << "pushing batch" << b.batchId << "records" << b.records
                   << (b.resend ? "(resent)" : "");
    m_transport->post("/v1/push", b.body,
                      [this, b](const SyncReply& reply) { onPushed(b, reply); });
}

void SyncWorker::onPushed(const PushBatch& batch, const SyncReply& reply)
{
    if (!reply.ok() && reply.kind == SyncReply::Kind::Refused &&
        (reply.code == u"conflict" || reply.code == u"fork" || reply.code == u"rollback")) {
        // Nothing more goes up until someone sorts it out, but what comes down still does.
        m_pushRefusal = PushBlock{reply.message, reply.code};
        return pullNext();
    }
    if (!reply.ok())
        return finishFromReply(reply);
    const QJsonObject& body = reply.body;
    if (body.value(QLatin1String("batch_id")).toString() != batch.batchId)
        return finishWith(SyncRunReport::Outcome::Failed,
                          QStringLiteral("The sync server answered for another batch than the "
                                         "one sent; it will be sent again."));
    auto tx = Transaction::begin(*m_db);
    if (!tx)
        return finishWith(SyncRunReport::Outcome::Failed, tx.error().message);
    if (auto s = OutboxReader(*m_db).markSent(batch.batchId, nowText()); !s)
        return finishWith(SyncRunReport::Outcome::Failed, s.error().message);
    auto stored = WitnessStore(*m_db).storeFromPush(body.value(QLatin1String("witness")).toArray(),
                                                    m_enrolment->witnessKey);
    if (!stored)
        return finishWith(SyncRunReport::Outcome::Failed, stored.error().message);
    if (auto s = tx->commit(); !s)
        return finishWith(SyncRunReport::Outcome::Failed, s.error().message);
    m_warnings << stored->problems;
    ++m_report.batches;
    m_report.recordsSent += batch.records;
    m_report.stored += body.value(QLatin1String("stored")).toInteger();
    m_report.duplicates += body.value(QLatin1String("duplicates")).toInteger();
    m_report.witnessed += stored->stored;
    if (m_sink.progress)
        m_sink.progress(std::min(m_total, m_report.recordsSent), m_total);
    pushNext();
}

void SyncWorker::pullNext()
{
    if (!m_config.pull)
        return finishDone();
    auto stored = SyncStateStore(*m_db).value(syncstate::PullCursor);
    if (!stored)
        return finishWith(SyncRunReport::Outcome::Failed, stored.error().message);
    bool ok = true;
    const qint64 cursor = stored->has_value() ? (*stored)->toLongLong(&ok) : 0;
    if (!ok)
        return finishWith(SyncRunReport::Outcome::Blocked,
                          QStringLiteral("This register's pull position in its store is damaged."));
    const QByteArray path = "/v1/pull?cursor=" + QByteArray::number(cursor) +
                            "&limit=" + QByteArray::number(m_config.pullLimit);
    m_transport->get(path, [this, cursor](const SyncReply& reply) { onPulled(cursor, reply); });
}

void SyncWorker::onPulled(qint64 cursor, const SyncReply& reply)
{
    if (!reply.ok())
        return finishFromReply(reply);
    m_report.pulled = true;
    if (m_sink.applyPull)
        m_sink.applyPull(reply.body, cursor);
    else
        finishDone();
}

void SyncWorker::pullApplied(const PullResult& result)
{
    if (!m_running)
        return;
    if (!result.ok)
        return finishWith(SyncRunReport::Outcome::Failed, result.error);
    m_report.changesPulled += result.changes;
    if (result.more)
        return pullNext();
    finishDone();
}

void SyncWorker::finishFromReply(const SyncReply& reply)
{
    using Outcome = SyncRunReport::Outcome;
    Outcome outcome = Outcome::Failed;
    if (reply.kind == SyncReply::Kind::Unreachable)
        outcome = Outcome::Offline;
    else if (reply.kind == SyncReply::Kind::Refused &&
             (reply.code == u"conflict" || reply.code == u"fork" || reply.code == u"rollback" ||
              reply.code == u"revoked"))
        outcome = Outcome::Blocked;
    finishWith(outcome, reply.message, reply.code);
}

void SyncWorker::finishDone()
{
    finishWith(SyncRunReport::Outcome::Done, m_warnings.join(u' '));
}

void SyncWorker::finishWith(SyncRunReport::Outcome outcome, const QString& error,
                            const QString& code)
{
    m_running = false;
    m_report.outcome = outcome;
    m_report.error = error;
    m_report.errorCode = code;
    if (m_pushRefusal && outcome != SyncRunReport::Outcome::Blocked) {
        // The blocked push is what the run reports, whatever became of the pull after it.
        m_report.outcome = SyncRunReport::Outcome::Blocked;
        m_report.error = m_pushRefusal->message;
        m_report.errorCode = m_pushRefusal->code;
        outcome = m_report.outcome;
    }
    m_report.finishedAt =
        m_config.clock ? m_config.clock->nowUtc().toUTC() : QDateTime::currentDateTimeUtc();
    if (m_enrolment) {
        m_report.serverUrl = m_enrolment->serverUrl;
        m_report.storeName = m_enrolment->storeName;
    }
    if (m_db) {
        if (auto n = OutboxReader(*m_db).pendingCount(); n) {
            m_report.pendingAfter = *n;
            m_lastPending = *n;
        }
        // Kept in the store so `posctl sync status` and a restarted register can show them.
        SyncStateStore state(*m_db);
        const QString now = m_report.finishedAt.toString(Qt::ISODateWithMs);
        if (outcome == SyncRunReport::Outcome::Done) {
            (void)state.set(syncstate::LastSuccessAt, now);
            (void)state.set(syncstate::LastError, m_report.error);
        } else if (outcome != SyncRunReport::Outcome::NotEnrolled) {
            (void)state.set(syncstate::LastError, m_report.error);
            (void)state.set(syncstate::LastErrorAt, now);
        }
    }
    if (outcome != SyncRunReport::Outcome::Done && outcome != SyncRunReport::Outcome::NotEnrolled)
        qCWarning(lcSync) << "sync run ended:" << static_cast<int>(outcome) << m_report.errorCode;
    if (m_sink.pending && m_report.pendingAfter >= 0)
        m_sink.pending(m_report.pendingAfter);
    if (m_sink.finished)
        m_sink.finished(m_report);
}

} // namespace pos
