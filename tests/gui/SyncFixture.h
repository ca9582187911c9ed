#pragma once

// What the sync screens' GUI tests share: the counter of CounterFixture wired for sync the way
// app/pos/main.cpp wires it (SyncOverview, Enrolment, a SyncContext whose startEngine makes and
// starts a real SyncEngine), the register's own audit chain and settings as set-up leaves them,
// and a TLS stand-in for pos-syncd on 127.0.0.1 (FakeSyncServer, certificates of CertFactory)
// that answers health, enrol, push and pull the way docs/sync.md says, with a witness key of
// its own. The real pos-syncd is driven by tests/server.
#include "../core/FakeSyncServer.h"
#include "CounterFixture.h"
#include "SyncContext.h"
#include "SyncStatusWidget.h"
#include "audit/AuditLog.h"
#include "crypto/Ed25519.h"
#include "sync/AuditWire.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncEngine.h"
#include "sync/SyncOverview.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"
#include "sync/SyncTimer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <memory>

namespace pos::test {

inline const QString SyncCompanyId = QStringLiteral("0b7e4c7e-9c1f-4d2a-8a47-2f8f6f1d2c33");
inline const QString SyncStoreId = QStringLiteral("5a0d2f3e-7b8c-4d9e-a1f2-b3c4d5e6f708");
inline const QString WitnessedAt = QStringLiteral("2026-11-21T09:31:00.000Z");

struct SyncFixture {
    enum class Push { Accept, Conflict, Unavailable, Stall };

    QTemporaryDir dir;
    CertFactory certs{dir.filePath(QStringLiteral("certs"))};
    Fixture f;
    SyncOverview overview{f.store.db(), f.access};
    Enrolment enrolment{f.store.db(), f.store.keys(), f.access, f.auth, f.clock};
    ui::SyncContext sync{f.access, f.clock, overview, enrolment};
    FakeSyncServer server{certs.server()};
    SecretBytes witnessPrivate;
    QByteArray witnessKey;
    Push push = Push::Accept;
    std::chrono::milliseconds requestTimeout{10'000}; // the engine's, for a whole request
    ManualSyncTimer* timer = nullptr; // the engine's; runs happen at start() and Sync now
    QList<SyncRunReport> reports;
    std::unique_ptr<SyncEngine> engine; // last: stopped before the store closes

    ~SyncFixture()
    {
        f.window.reset(); // before the sync services it shows
        engine.reset();
    }

    bool setUp()
    {
        if (!dir.isValid() || !certs.ok() || !server.ok() || !f.setUp())
            return false;
        // What set-up leaves on a register: its settings stored and its own audit chain.
        auto log = AuditLog::open(f.store.db(), f.store.keys(), f.settings.registerId, f.clock);
        if (!log || !f.settings.save(f.store.db()))
            return false;
        f.store.db().attachAuditLog(std::move(*log));
        auto key = Ed25519::generatePrivateKey();
        if (!key)
            return false;
        witnessPrivate = std::move(*key);
        witnessKey = *Ed25519::publicKeyFor(witnessPrivate);
        server.setHandler([this](const FakeRequest& r) { return answer(r); });
        sync.startEngine = [this] {
            return startEngine();
        };
        return true;
    }

    // A new counter window with this session at the till, wired for sync as the app does.
    bool showWindow(const Session& session)
    {
        f.window.reset();
        ui::CounterContext context{f.catalog, f.sales,    f.shifts,       f.customers, f.access,
                                   f.clock,   f.settings, session,        f.auth,      f.approvals,
                                   f.actions, f.refunds,  f.staffService, f.reports};
        context.sync = &sync;
        f.window = std::make_unique<ui::CounterWindow>(context);
        f.window->resize(1366, 768);
        f.window->show();
        f.window->activateWindow();
        return QTest::qWaitForWindowActive(f.window.get());
    }

    // What a successful enrolment leaves behind (the screens after it; EnrolDialog's own tests
    // enrol through the dialog).
    bool writeEnrolment(const QString& url)
    {
        if (!DeviceIdentity::loadOrCreate(f.store.keys(), f.settings.registerId))
            return false;
        SyncEnrolment e;
        e.serverUrl = url;
        e.companyId = SyncCompanyId;
        e.companyName = QStringLiteral("Bakery Ltd");
        e.storeId = SyncStoreId;
        e.storeName = QStringLiteral("Main Street");
        e.registerName = QStringLiteral("Front till");
        e.pins = {certs.server().pin};
        e.witnessKey = witnessKey;
        e.enrolledAt = f.clock.nowUtc();
        return SyncStateStore(f.store.db()).writeEnrolment(e).has_value();
    }

    // As main.cpp's startEngine, with a manual timer (runs at start and on Sync now only), the
    // outbox counted every 100 ms and short time limits.
    SyncEngine* startEngine()
    {
        auto opener = SyncEngine::openerFor(f.store.db(), f.store.keys());
        if (!opener)
            return nullptr;
        SyncEngineOptions o;
        o.registerId = f.settings.registerId;
        o.openDatabase = *opener;
        o.keys = &f.store.keys();
        o.database = &f.store.db();
        o.clock = &f.clock;
        auto manual = std::make_unique<ManualSyncTimer>();
        timer = manual.get();
        o.timer = std::move(manual);
        o.pendingPoll = std::chrono::milliseconds(100);
        o.timeouts.connect = std::chrono::seconds(5);
        o.timeouts.request = requestTimeout;
        engine = std::make_unique<SyncEngine>(std::move(o));
        QObject::connect(engine.get(), &SyncEngine::runFinished, engine.get(),
                         [this](const SyncRunReport& r) { reports.append(r); });
        engine->start();
        return engine.get();
    }

    // Waits for the engine's next run to end.
    bool waitForRun(qsizetype before)
    {
        return QTest::qWaitFor([&] { return reports.size() > before; }, 20000);
    }

    // pos-syncd's answers (docs/sync.md).
    FakeResponse answer(const FakeRequest& r)
    {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (r.pathAndQuery == "/v1/health")
            return FakeResponse::json(200,
                                      QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                                  {QStringLiteral("api"), 1}});
        if (r.pathAndQuery == "/v1/enrol")
            return FakeResponse::json(
                200,
                QJsonObject{
                    {QStringLiteral("company_id"), SyncCompanyId},
                    {QStringLiteral("company_name"), QStringLiteral("Bakery Ltd")},
                    {QStringLiteral("store_id"), SyncStoreId},
                    {QStringLiteral("store_name"), QStringLiteral("Main Street")},
                    {QStringLiteral("register_id"), body.value(u"register_id")},
                    {QStringLiteral("pins"), QJsonArray{certs.server().pin}},
                    {QStringLiteral("witness_key"), QString::fromLatin1(witnessKey.toBase64())},
                    {QStringLiteral("server_time"), f.clock.nowUtc().toSecsSinceEpoch()},
                    {QStringLiteral("pin_pepper"),
                     QString::fromLatin1(QByteArray(32, 'p').toBase64())}});
        if (r.pathAndQuery.startsWith("/v1/pull"))
            return FakeResponse::json(200, QJsonObject{{QStringLiteral("cursor"), 0},
                                                       {QStringLiteral("more"), false},
                                                       {QStringLiteral("changes"), QJsonArray{}}});
        if (r.pathAndQuery == "/v1/push") {
            if (push == Push::Conflict)
                return FakeResponse::error(409, "conflict",
                                           "sale 1f0c is already stored with other lines");
            if (push == Push::Stall)
                return FakeResponse{200, {}, true, false};
            if (push == Push::Unavailable)
                return FakeResponse::error(503, "unavailable", "the database does not answer");
            return acceptPush(body);
        }
        return FakeResponse::error(404, "not_found", "no such route");
    }

    // Stores everything and countersigns every checkpoint in the batch.
    FakeResponse acceptPush(const QJsonObject& batch)
    {
        const QJsonArray records = batch.value(u"records").toArray();
        QJsonArray witness;
        for (const QJsonValue& v : records) {
            if (v.toObject().value(u"kind").toString() != u"audit_checkpoint")
                continue;
            auto c = syncprotocol::auditCheckpointFromJson(v.toObject().value(u"data").toObject());
            if (!c)
                continue;
            const QByteArray sig =
                *Ed25519::sign(witnessPrivate, syncprotocol::witnessMessage(*c, WitnessedAt));
            witness.append(QJsonObject{
                {QStringLiteral("register_id"), c->registerId},
                {QStringLiteral("row_count"), c->count},
                {QStringLiteral("head_hash"), QString::fromLatin1(c->headHash.toBase64())},
                {QStringLiteral("witnessed_at"), WitnessedAt},
                {QStringLiteral("signature"), QString::fromLatin1(sig.toBase64())}});
        }
        return FakeResponse::json(
            200, QJsonObject{{QStringLiteral("batch_id"), batch.value(u"batch_id")},
                             {QStringLiteral("stored"), records.size()},
                             {QStringLiteral("duplicates"), 0},
                             {QStringLiteral("audit_head"), batch.value(u"audit_head")},
                             {QStringLiteral("witness"), witness}});
    }

    // The requests that reached the server on this path.
    qsizetype requestsTo(const QByteArray& path) const
    {
        qsizetype n = 0;
        for (const FakeRequest& r : server.requests())
            n += r.pathAndQuery.startsWith(path) ? 1 : 0;
        return n;
    }

    ui::SyncStatusWidget* statusWidget() const
    {
        return f.window->findChild<ui::SyncStatusWidget*>(QStringLiteral("syncStatus"));
    }
};

// A test class's fixture member, as FixtureSlot.
class SyncFixtureSlot {
public:
    bool start()
    {
        m_f = std::make_unique<SyncFixture>();
        return m_f->setUp();
    }
    int stop()
    {
        const int left = dropPendingWatchers();
        m_f.reset();
        return left;
    }
    SyncFixture& operator*() { return *m_f; }
    SyncFixture* operator->() { return m_f.get(); }

private:
    std::unique_ptr<SyncFixture> m_f;
};

// Saves a screenshot of a screen for looking at (offscreen platform): /tmp/ui-<name>.png.
inline void screenshot(QWidget* w, const char* name)
{
    QTest::qWait(100); // pending layouts and resizes first
    w->grab().save(QStringLiteral("/tmp/ui-%1.png").arg(QString::fromLatin1(name)));
}

} // namespace pos::test
