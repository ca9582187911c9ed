// The register's background sync (docs/sync.md): runs in its own thread with its own connection,
// waits 2 s after a failure and doubles up to 5 minutes, resets on success; offline the status
// says so and the counter keeps selling (also while a push hangs); a conflict stops the automatic
// runs and keeps every record; a batch cut off half-way is resent whole under the same id; the
// server's witness signatures are kept. The server here is a small HTTPS stand-in on 127.0.0.1
// (FakeSyncServer); the real pos-syncd is driven by tests/server.
#include "ApprovalHarness.h"
#include "FakeSyncServer.h"

#include "crypto/Ed25519.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "sync/AuditWire.h"
#include "sync/DeviceIdentity.h"
#include "sync/OutboxReader.h"
#include "sync/SyncEngine.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"
#include "sync/WitnessStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace pos;
using namespace std::chrono_literals;
using pos::test::FakeRequest;
using pos::test::FakeResponse;
using pos::test::FakeSyncServer;

namespace {

const QString CompanyId = QStringLiteral("0b7e4c7e-9c1f-4d2a-8a47-2f8f6f1d2c33");
const QString StoreId = QStringLiteral("5a0d2f3e-7b8c-4d9e-a1f2-b3c4d5e6f708");

} // namespace

class TestSyncEngine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void backoffSchedule();
    void notEnrolledWaitsQuietly();
    void backoffDoublesToFiveMinutesAndSuccessResetsIt();
    void offlineTheCounterKeepsSelling();
    void conflictStopsAndKeepsEveryRecord();
    void blockedPushKeepsPulling();
    void revokedStopsAltogether();
    void batchCutOffIsResentWholeUnderTheSameId();
    void witnessSignaturesAreKept();

private:
    void enrol(const QString& url);
    // pulls: the engine applies pulls to the register's store (else it pushes only).
    std::unique_ptr<SyncEngine> makeEngine(bool automatic = true, bool pulls = false);
    SyncRunReport waitForRun();
    bool sell(qint64 priceMinor = 1000);
    FakeResponse acceptPush(const FakeRequest& r);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<pos::test::CertFactory> m_certs;
    std::unique_ptr<test::ApprovalHarness> m_h;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<SimulatedProcessor> m_processor;
    std::unique_ptr<ShiftService> m_shifts;
    std::unique_ptr<SaleService> m_sales;
    Session m_cashier;
    Product m_bread;
    ManualSyncTimer* m_timer = nullptr;
    QList<SyncRunReport> m_reports;
    SecretBytes m_witnessPrivate;
    QByteArray m_witnessKey;
};

void TestSyncEngine::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_certs = std::make_unique<pos::test::CertFactory>(m_dir->filePath(QStringLiteral("certs")));
    QVERIFY2(m_certs->ok(), qPrintable(m_certs->error()));
    auto key = Ed25519::generatePrivateKey();
    QVERIFY(key);
    m_witnessPrivate = std::move(*key);
    m_witnessKey = *Ed25519::publicKeyFor(m_witnessPrivate);
}

void TestSyncEngine::init()
{
    m_h = std::make_unique<test::ApprovalHarness>();
    m_access = std::make_unique<AccessControl>(m_h->db());
    m_processor = std::make_unique<SimulatedProcessor>();
    const QString reg = m_h->staff.registerId();
    m_shifts = std::make_unique<ShiftService>(m_h->db(), *m_access, m_h->clock, m_h->ids, reg,
                                              QStringLiteral("EUR"));
    m_sales = std::make_unique<SaleService>(m_h->db(), *m_access, m_h->clock, m_h->ids,
                                            *m_processor, reg);
    m_cashier = m_h->signIn(Role::Cashier, QStringLiteral("Carla Cashier"), QStringLiteral("11"));
    const TaxClass std19 = m_h->store.addTaxClass(QStringLiteral("STD"), 190000, true);
    m_bread = m_h->store.addProduct(QStringLiteral("BREAD"), QStringLiteral("Bread"), 1000, std19);
    QVERIFY(m_shifts->open(m_cashier, 10000));
    m_reports.clear();
}

void TestSyncEngine::cleanup()
{
    m_sales.reset();
    m_shifts.reset();
    m_processor.reset();
    m_access.reset();
    m_h.reset();
}

// What enrolment leaves behind (Enrolment itself is driven against pos-syncd in tests/server).
void TestSyncEngine::enrol(const QString& url)
{
    QVERIFY(DeviceIdentity::loadOrCreate(m_h->store.keys(), m_h->staff.registerId()));
    SyncEnrolment e;
    e.serverUrl = url;
    e.companyId = CompanyId;
    e.companyName = QStringLiteral("Test Company");
    e.storeId = StoreId;
    e.storeName = QStringLiteral("Test Store");
    e.registerName = QStringLiteral("Till 1");
    e.pins = {m_certs->server().pin};
    e.witnessKey = m_witnessKey;
    e.enrolledAt = m_h->clock.nowUtc();
    QVERIFY(SyncStateStore(m_h->db()).writeEnrolment(e));
}

std::unique_ptr<SyncEngine> TestSyncEngine::makeEngine(bool automatic, bool pulls)
{
    auto opener = SyncEngine::openerFor(m_h->db(), m_h->store.keys());
    if (!opener)
        qFatal("no opener: %s", qPrintable(opener.error().message));
    SyncEngineOptions o;
    o.registerId = m_h->staff.registerId();
    o.openDatabase = *opener;
    o.keys = &m_h->store.keys();
    if (pulls)
        o.database = &m_h->db();
    auto timer = std::make_unique<ManualSyncTimer>();
    m_timer = timer.get();
    o.timer = std::move(timer);
    o.automatic = automatic;
    o.batchRecords = 5;
    o.idleInterval = 30s;
    o.pendingPoll = 200ms;
    o.timeouts.connect = 5s;
    o.timeouts.request = 10s;
    auto engine = std::make_unique<SyncEngine>(std::move(o));
    connect(engine.get(), &SyncEngine::runFinished, this,
            [this](const SyncRunReport& r) { m_reports.append(r); });
    return engine;
}

SyncRunReport TestSyncEngine::waitForRun()
{
    const qsizetype before = m_reports.size();
    if (!QTest::qWaitFor([&] { return m_reports.size() > before; }, 30000))
        qFatal("no sync run ended within 30 s");
    return m_reports.last();
}

bool TestSyncEngine::sell(qint64 priceMinor)
{
    Cart cart(QStringLiteral("EUR"));
    if (!cart.addProduct(m_bread))
        return false;
    auto sale = m_sales->complete(m_cashier, cart,
                                  {TenderRequest{TenderKind::Cash, priceMinor, priceMinor}});
    if (!sale)
        qWarning("sale refused: %s", qPrintable(sale.error().message));
    return sale.has_value();
}

// What pos-syncd answers to a good batch, countersigning the checkpoints in it.
FakeResponse TestSyncEngine::acceptPush(const FakeRequest& r)
{
    const QJsonObject batch = QJsonDocument::fromJson(r.body).object();
    const QJsonArray records = batch.value(u"records").toArray();
    QJsonArray witness;
    const QString at = QStringLiteral("2026-03-02T10:00:00.000Z");
    for (const QJsonValue& v : records) {
        if (v.toObject().value(u"kind").toString() != u"audit_checkpoint")
            continue;
        auto c = syncprotocol::auditCheckpointFromJson(v.toObject().value(u"data").toObject());
        if (!c)
            continue;
        const QByteArray sig =
            *Ed25519::sign(m_witnessPrivate, syncprotocol::witnessMessage(*c, at));
        witness.append(
            QJsonObject{{QStringLiteral("register_id"), c->registerId},
                        {QStringLiteral("row_count"), c->count},
                        {QStringLiteral("head_hash"), QString::fromLatin1(c->headHash.toBase64())},
                        {QStringLiteral("witnessed_at"), at},
                        {QStringLiteral("signature"), QString::fromLatin1(sig.toBase64())}});
    }
    return FakeResponse::json(
        200, QJsonObject{{QStringLiteral("batch_id"), batch.value(u"batch_id")},
                         {QStringLiteral("stored"), records.size()},
                         {QStringLiteral("duplicates"), 0},
                         {QStringLiteral("audit_head"), batch.value(u"audit_head")},
                         {QStringLiteral("witness"), witness}});
}

void TestSyncEngine::backoffSchedule()
{
    const QList<std::chrono::milliseconds> expected{2s,   4s,   8s,   16s,  32s, 64s,
                                                    128s, 256s, 300s, 300s, 300s};
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(SyncEngine::backoff(static_cast<int>(i + 1)), expected.at(i));
    QCOMPARE(SyncEngine::backoff(1000), 300s);
}

void TestSyncEngine::notEnrolledWaitsQuietly()
{
    auto engine = makeEngine();
    engine->start();
    const SyncRunReport r = waitForRun();
    QCOMPARE(r.outcome, SyncRunReport::Outcome::NotEnrolled);
    QCOMPARE(engine->status().state, SyncStatus::State::NotEnrolled);
    QVERIFY(!engine->status().online);
    QVERIFY(engine->status().lastError.isEmpty());
    QVERIFY(m_timer->planned());
    QCOMPARE(m_timer->lastDelay(), 30s);
}

void TestSyncEngine::backoffDoublesToFiveMinutesAndSuccessResetsIt()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([this](const FakeRequest& r) { return acceptPush(r); });
    server.goAway();
    enrol(server.url());
    QVERIFY(sell());

    auto engine = makeEngine();
    QList<bool> online;
    connect(engine.get(), &SyncEngine::onlineChanged, this, [&](bool o) { online.append(o); });
    engine->start();
    QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Offline);
    QCOMPARE(engine->status().state, SyncStatus::State::Offline);
    QVERIFY2(engine->status().lastError.contains(u"could not be reached"),
             qPrintable(engine->status().lastError));
    const qint64 queued = OutboxReader(m_h->db()).pendingCount().value_or(-1);
    QVERIFY(queued > 0);
    QTRY_COMPARE(engine->status().pending, queued);

    const QList<std::chrono::milliseconds> waits{2s, 4s, 8s, 16s, 32s, 64s, 128s, 256s, 300s, 300s};
    for (qsizetype i = 0; i < waits.size(); ++i) {
        QCOMPARE(m_timer->lastDelay(), waits.at(i));
        QVERIFY(m_timer->fire());
        QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Offline);
    }
    QCOMPARE(m_timer->lastDelay(), 300s);
    QCOMPARE(server.requests().size(), 0);

    // The server is back: the next run sends everything; the wait is the idle interval again.
    QVERIFY(server.comeBack());
    QVERIFY(m_timer->fire());
    const SyncRunReport good = waitForRun();
    QCOMPARE(good.outcome, SyncRunReport::Outcome::Done);
    QCOMPARE(good.pendingAfter, 0);
    QCOMPARE(engine->status().state, SyncStatus::State::Idle);
    QVERIFY(engine->status().online);
    QVERIFY(engine->status().lastError.isEmpty());
    QVERIFY(engine->status().lastSuccess.isValid());
    QCOMPARE(engine->status().pending, 0);
    QCOMPARE(engine->status().serverUrl, server.url());
    QCOMPARE(m_timer->lastDelay(), 30s);
    QCOMPARE(online, QList<bool>{true});

    // Gone again: back to 2 s.
    server.goAway();
    QVERIFY(sell());
    QVERIFY(m_timer->fire());
    QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Offline);
    QCOMPARE(m_timer->lastDelay(), 2s);
    QCOMPARE(online, (QList<bool>{true, false}));
    // What a restarted register shows: the last success and error are in the store.
    QVERIFY(SyncStateStore(m_h->db()).lastSuccess().value_or(QDateTime()).isValid());
    QVERIFY(SyncStateStore(m_h->db()).lastError().value_or(QString()).contains(u"reached"));
}

void TestSyncEngine::offlineTheCounterKeepsSelling()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    bool hang = true;
    server.setHandler([&](const FakeRequest& r) {
        if (hang)
            return FakeResponse{200, {}, true, false};
        return acceptPush(r);
    });
    server.goAway();
    enrol(server.url());
    auto engine = makeEngine();
    engine->start();
    QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Offline);
    QVERIFY(!engine->status().online);

    // Offline: the counter sells, every sale is queued.
    const qint64 before = OutboxReader(m_h->db()).pendingCount().value_or(-1);
    QVERIFY(sell());
    QVERIFY(sell());
    QCOMPARE(m_h->count("SELECT count(*) FROM sales"), 2);
    const qint64 queued = OutboxReader(m_h->db()).pendingCount().value_or(-1);
    QVERIFY(queued > before);
    QTRY_COMPARE(engine->status().pending, queued); // the status bar's count follows

    // The server takes the request and hangs: the counter still sells while the push waits.
    QVERIFY(server.comeBack());
    QVERIFY(m_timer->fire());
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 30000);
    QCOMPARE(engine->status().state, SyncStatus::State::Syncing);
    QVERIFY(sell());
    QCOMPARE(m_h->count("SELECT count(*) FROM sales"), 3);
    QCOMPARE(engine->status().state, SyncStatus::State::Syncing);

    // Once it answers (here: the register gives up and the server is well again), all goes.
    hang = false;
    engine->stop();
    QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Offline);
    engine->syncNow();
    const SyncRunReport done = waitForRun();
    QCOMPARE(done.outcome, SyncRunReport::Outcome::Done);
    QCOMPARE(done.pendingAfter, 0);
    int sales = 0;
    for (const FakeRequest& r : server.requests())
        sales += static_cast<int>(r.body.count("\"kind\":\"sale\""));
    QVERIFY(sales >= 3);
}

void TestSyncEngine::conflictStopsAndKeepsEveryRecord()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    bool refuse = true;
    server.setHandler([&](const FakeRequest& r) {
        if (refuse)
            return FakeResponse::error(409, "conflict", "sale 1 differs from the stored one");
        return acceptPush(r);
    });
    enrol(server.url());
    QVERIFY(sell());
    const qint64 queued = OutboxReader(m_h->db()).pendingCount().value_or(-1);

    auto engine = makeEngine();
    engine->start();
    const SyncRunReport r = waitForRun();
    QCOMPARE(r.outcome, SyncRunReport::Outcome::Blocked);
    QCOMPARE(r.errorCode, QStringLiteral("conflict"));
    QCOMPARE(engine->status().state, SyncStatus::State::Blocked);
    QVERIFY(engine->status().online); // the server answered
    QVERIFY2(engine->status().lastError.contains(u"nothing was dropped"),
             qPrintable(engine->status().lastError));
    QVERIFY(engine->status().lastError.contains(u"sale 1 differs"));
    // Pushes stop (the engine pushes only here, so a planned run sends nothing).
    QVERIFY(m_timer->planned());
    QCOMPARE(m_timer->lastDelay(), 30s);
    QVERIFY(m_timer->fire());
    QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Blocked);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(OutboxReader(m_h->db()).pendingCount().value_or(-1), queued);
    QCOMPARE(m_h->count("SELECT count(*) FROM sync_outbox WHERE sent_at IS NOT NULL"), 0);
    const QByteArray batchId = QJsonDocument::fromJson(server.requests().first().body)
                                   .object()
                                   .value(u"batch_id")
                                   .toString()
                                   .toLatin1();

    // Someone sorts it out on the server and presses "Sync now": the same batch goes again.
    refuse = false;
    engine->syncNow();
    QCOMPARE(waitForRun().outcome, SyncRunReport::Outcome::Done);
    QCOMPARE(engine->status().state, SyncStatus::State::Idle);
    QCOMPARE(QJsonDocument::fromJson(server.requests().at(1).body)
                 .object()
                 .value(u"batch_id")
                 .toString()
                 .toLatin1(),
             batchId);
}

void TestSyncEngine::blockedPushKeepsPulling()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    bool refuse = true;
    int pushes = 0, pulls = 0;
    server.setHandler([&](const FakeRequest& r) {
        if (r.pathAndQuery.startsWith("/v1/pull")) {
            // The owner set the idle lock to 10 minutes on the server.
            const bool first = pulls++ == 0;
            QJsonArray changes;
            if (first)
                changes.append(QJsonObject{
                    {QStringLiteral("kind"), QStringLiteral("setting")},
                    {QStringLiteral("id"), QStringLiteral("idle_lock_seconds")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("deleted"), false},
                    {QStringLiteral("data"),
                     QJsonObject{{QStringLiteral("key"), QStringLiteral("idle_lock_seconds")},
                                 {QStringLiteral("value"), QStringLiteral("600")},
                                 {QStringLiteral("scope"), QStringLiteral("company")}}}});
            return FakeResponse::json(200, QJsonObject{{QStringLiteral("cursor"), 1},
                                                       {QStringLiteral("more"), false},
                                                       {QStringLiteral("changes"), changes}});
        }
        ++pushes;
        if (refuse)
            return FakeResponse::error(409, "fork", "row 3 differs from the stored one");
        return acceptPush(r);
    });
    enrol(server.url());
    QVERIFY(sell());
    const qint64 queued = OutboxReader(m_h->db()).pendingCount().value_or(-1);

    auto engine = makeEngine(true, true);
    engine->start();
    SyncRunReport r = waitForRun();
    // The push is refused and nothing more goes up, but what the server changed comes down.
    QCOMPARE(r.outcome, SyncRunReport::Outcome::Blocked);
    QCOMPARE(r.errorCode, QStringLiteral("fork"));
    QVERIFY(r.pulled);
    QCOMPARE(r.changesPulled, 1);
    QCOMPARE(m_h->db()
                 .scalar("SELECT CAST(value AS INTEGER) FROM settings "
                         "WHERE key = 'idle_lock_seconds'")
                 .value_or(-1),
             600);
    QCOMPARE(pushes, 1);
    QCOMPARE(engine->status().state, SyncStatus::State::Blocked);

    // Later runs pull only; the register stays blocked with the same words.
    QVERIFY(m_timer->planned());
    QVERIFY(m_timer->fire());
    r = waitForRun();
    QCOMPARE(r.outcome, SyncRunReport::Outcome::Blocked);
    QVERIFY(r.error.contains(u"row 3 differs"));
    QVERIFY(r.pulled);
    QCOMPARE(pushes, 1);
    QCOMPARE(pulls, 2);
    // Everything waits: the sale and the audit rows of the pulls (sync.pulled) too.
    QVERIFY(OutboxReader(m_h->db()).pendingCount().value_or(-1) > queued);
    QCOMPARE(m_h->count("SELECT count(*) FROM sync_outbox WHERE sent_at IS NOT NULL"), 0);
    QVERIFY(engine->status().lastError.contains(u"row 3 differs"));

    // Sorted out on the server; "Sync now" pushes again.
    refuse = false;
    engine->syncNow();
    const SyncRunReport done = waitForRun();
    QCOMPARE(done.outcome, SyncRunReport::Outcome::Done);
    QVERIFY(pushes > 1);
    QCOMPARE(done.pendingAfter, 0);
    QCOMPARE(engine->status().state, SyncStatus::State::Idle);
}

void TestSyncEngine::revokedStopsAltogether()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([](const FakeRequest&) {
        return FakeResponse::error(401, "revoked", "revoked on 2026-03-01");
    });
    enrol(server.url());
    QVERIFY(sell());
    auto engine = makeEngine(true, true);
    engine->start();
    const SyncRunReport r = waitForRun();
    QCOMPARE(r.outcome, SyncRunReport::Outcome::Blocked);
    QVERIFY(!r.pulled);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(!m_timer->planned()); // no more runs, not even pulls
}

void TestSyncEngine::batchCutOffIsResentWholeUnderTheSameId()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    int accepted = 0;
    bool cutting = true;
    server.setHandler([&](const FakeRequest& r) {
        // After the first batch the connection drops before any answer, until the server is
        // well again (the network stack may try a request again by itself meanwhile).
        if (cutting && accepted == 1)
            return FakeResponse{200, {}, false, true};
        ++accepted;
        return acceptPush(r);
    });
    enrol(server.url());
    for (int i = 0; i < 4; ++i)
        QVERIFY(sell());

    auto engine = makeEngine();
    engine->start();
    const SyncRunReport cut = waitForRun();
    QCOMPARE(cut.outcome, SyncRunReport::Outcome::Offline);
    QCOMPARE(cut.batches, 1);
    QVERIFY(cut.pendingAfter > 0);
    const qsizetype sentWhileCut = server.requests().size();
    QVERIFY(sentWhileCut >= 2);
    cutting = false;
    QVERIFY(m_timer->fire());
    const SyncRunReport done = waitForRun();
    QCOMPARE(done.outcome, SyncRunReport::Outcome::Done);
    QCOMPARE(done.pendingAfter, 0);

    const auto idOf = [&](qsizetype i) {
        return QJsonDocument::fromJson(server.requests().at(i).body)
            .object()
            .value(u"batch_id")
            .toString();
    };
    QVERIFY(server.requests().size() > sentWhileCut);
    // Every attempt at the cut batch, and the first request of the next run, is that batch
    // again, whole; what follows is new.
    for (qsizetype i = 2; i <= sentWhileCut; ++i) {
        QCOMPARE(idOf(i), idOf(1));
        QCOMPARE(server.requests().at(i).body, server.requests().at(1).body);
    }
    QVERIFY(idOf(0) != idOf(1));
    for (qsizetype i = sentWhileCut + 1; i < server.requests().size(); ++i)
        QVERIFY(idOf(i) != idOf(1));
    QCOMPARE(done.batches, server.requests().size() - sentWhileCut);
}

void TestSyncEngine::witnessSignaturesAreKept()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([this](const FakeRequest& r) { return acceptPush(r); });
    enrol(server.url());
    QVERIFY(sell());
    auto engine = makeEngine();
    engine->start();
    const SyncRunReport r = waitForRun();
    QCOMPARE(r.outcome, SyncRunReport::Outcome::Done);
    const qint64 checkpoints = m_h->count("SELECT count(*) FROM audit_checkpoints");
    QVERIFY(checkpoints >= 1);
    QCOMPARE(r.witnessed, checkpoints);
    auto kept = WitnessStore(m_h->db()).forRegister(m_h->staff.registerId());
    QVERIFY(kept);
    QCOMPARE(kept->size(), checkpoints);
    for (const WitnessSignature& w : std::as_const(*kept))
        QVERIFY(WitnessStore::verify(w, m_witnessKey));
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
