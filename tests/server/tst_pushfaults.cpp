// Pushing through faults (issue 5): the real register client (core/sync: Enrolment, SyncEngine)
// on a real register store whose sales, shifts and cash movements are rung up through core's
// services, pushing to the real pos-syncd on PostgreSQL while pos-syncd is killed with SIGKILL at
// random points of the push, again and again, and, separately, while a relay between them cuts
// connections after a random number of bytes (in the request, the handshake or the answer). After
// recovery every sale is on the server exactly once (same ids, lines and tenders as the
// register's), the register's outbox is empty, and the server's copy of the register's audit
// chain is the register's own, row for row, and verifies with core's verifier (RemoteAudit) under
// the register's key, its checkpoints countersigned with the server's witness key.
//
// The random points come from a seed printed at the start; POS_TEST_SEED=<n> repeats a run.

#include "SyncdFixture.h"
#include "TestStaff.h"
#include "TestStore.h"

#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/RegisterSettings.h"
#include "sync/Enrolment.h"
#include "sync/RemoteAudit.h"
#include "sync/SyncEngine.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

using namespace pos;
using namespace pos::test;
using namespace std::chrono_literals;

namespace {

// A TCP relay on 127.0.0.1 in front of pos-syncd. It passes bytes through unchanged (TLS goes end
// to end) and, while told to, cuts some connections: after a random number of bytes from the
// register (inside the handshake or the request) or from the server (inside the handshake or
// the answer, after the server may already have stored the batch), it resets both sides.
class CuttingRelay : public QObject {
public:
    CuttingRelay(quint16 target, quint32 seed) : m_target(target), m_random(seed)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &CuttingRelay::accept);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int cuts() const { return m_cuts; }
    // Each of the next `count` connections is cut with probability 3/4.
    void cutSome(int count) { m_toConsider = count; }

private:
    struct Link {
        QTcpSocket* client = nullptr;
        QTcpSocket* server = nullptr;
        qint64 up = 0, down = 0;             // bytes passed each way
        qint64 upLimit = -1, downLimit = -1; // cut when reached; -1: never
    };

    void accept()
    {
        while (QTcpSocket* client = m_server.nextPendingConnection()) {
            auto link = std::make_shared<Link>();
            link->client = client;
            link->server = new QTcpSocket(client);
            if (m_toConsider > 0) {
                --m_toConsider;
                // A connection carries a few batches: 20-40 KB up, and down the handshake's
                // first 2 KB and a few hundred bytes per answer.
                if (m_random.bounded(4) != 0) {
                    if (m_random.bounded(2) == 0)
                        link->upLimit = m_random.bounded(50, 30000);
                    else
                        link->downLimit = m_random.bounded(50, 2700);
                }
            }
            connect(link->server, &QTcpSocket::connected, client,
                    [this, link] { pump(*link, true); });
            connect(client, &QTcpSocket::readyRead, client, [this, link] { pump(*link, true); });
            connect(link->server, &QTcpSocket::readyRead, client,
                    [this, link] { pump(*link, false); });
            connect(client, &QTcpSocket::disconnected, client, [this, link] {
                pump(*link, true);
                link->server->disconnectFromHost();
                link->client->deleteLater();
            });
            connect(link->server, &QTcpSocket::disconnected, client, [this, link] {
                pump(*link, false);
                link->client->disconnectFromHost();
            });
            connect(link->server, &QTcpSocket::errorOccurred, client,
                    [link](QAbstractSocket::SocketError error) {
                        if (error != QAbstractSocket::RemoteHostClosedError)
                            link->client->abort(); // pos-syncd is down: the register sees a reset
                    });
            link->server->connectToHost(QHostAddress::LocalHost, m_target);
        }
    }

    void pump(Link& link, bool up)
    {
        QTcpSocket* from = up ? link.client : link.server;
        QTcpSocket* to = up ? link.server : link.client;
        if (to->state() != QAbstractSocket::ConnectedState || from->bytesAvailable() == 0)
            return;
        const QByteArray data = from->readAll();
        qint64& passed = up ? link.up : link.down;
        const qint64 limit = up ? link.upLimit : link.downLimit;
        if (limit >= 0 && passed + data.size() >= limit) {
            to->write(data.left(limit - passed));
            to->flush();
            ++m_cuts;
            link.upLimit = link.downLimit = -1;
            link.server->abort();
            link.client->abort();
            return;
        }
        passed += data.size();
        to->write(data);
    }

    QTcpServer m_server;
    quint16 m_target;
    QRandomGenerator m_random;
    int m_toConsider = 0;
    int m_cuts = 0;
};

quint32 testSeed()
{
    bool ok = false;
    const quint32 fromEnv = qEnvironmentVariable("POS_TEST_SEED").toUInt(&ok);
    return ok ? fromEnv : QRandomGenerator::global()->generate();
}

} // namespace

class tst_pushfaults : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverKilledMidPush();
    void connectionsCutMidPush();

private:
    void ringUp(int sales);
    bool sell(int n);
    std::unique_ptr<SyncEngine> makeEngine();
    std::optional<SyncRunReport> nextReport(qsizetype seen, int timeoutMs = 30000);
    void pushUntilDone(SyncEngine& engine);
    void verifyServerHasEverything();
    qint64 local(const char* sql) { return m_store->db().scalar(sql).value_or(-1); }

    quint32 m_seed = 0;
    QRandomGenerator m_random;
    std::unique_ptr<SyncdFixture> m_fixture;
    std::unique_ptr<CuttingRelay> m_relay;
    std::unique_ptr<TestStore> m_store;
    std::unique_ptr<TestStaff> m_staff;
    std::unique_ptr<AccessControl> m_access;
    SystemClock m_clock;
    RandomIdSource m_ids;
    std::unique_ptr<SimulatedProcessor> m_processor;
    std::unique_ptr<ShiftService> m_shifts;
    std::unique_ptr<SaleService> m_sales;
    Session m_cashier, m_manager;
    QList<Product> m_products;
    QList<SyncRunReport> m_reports;
    int m_sold = 0;
};

void tst_pushfaults::initTestCase()
{
    m_seed = testSeed();
    m_random.seed(m_seed);
    qInfo("seed %u (POS_TEST_SEED=%u repeats this run)", m_seed, m_seed);

    m_fixture = std::make_unique<SyncdFixture>();
    QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
    const QString company = m_fixture->createCompany(QStringLiteral("Faulty Bakery"));
    QVERIFY2(!company.isEmpty(), qPrintable(m_fixture->error()));
    const QString store = m_fixture->createStore(company, QStringLiteral("Main Street"));
    QVERIFY2(!store.isEmpty(), qPrintable(m_fixture->error()));
    QVERIFY2(m_fixture->start(), qPrintable(m_fixture->error()));
    m_relay = std::make_unique<CuttingRelay>(static_cast<quint16>(m_fixture->port()),
                                             m_random.generate());
    QVERIFY(m_relay->listen());

    // The register, as the counter uses it.
    m_store = std::make_unique<TestStore>();
    m_staff = std::make_unique<TestStaff>(m_store->db(), m_store->keys());
    m_access = std::make_unique<AccessControl>(m_store->db());
    RegisterSettings settings{QStringLiteral("Main Street"), QStringLiteral("Till 1"),
                              m_staff->registerId(), QStringLiteral("EUR")};
    QVERIFY(settings.save(m_store->db()));
    m_processor = std::make_unique<SimulatedProcessor>();
    m_shifts = std::make_unique<ShiftService>(m_store->db(), *m_access, m_clock, m_ids,
                                              m_staff->registerId(), QStringLiteral("EUR"));
    m_sales = std::make_unique<SaleService>(m_store->db(), *m_access, m_clock, m_ids, *m_processor,
                                            m_staff->registerId());
    m_cashier = m_staff->signIn(Role::Cashier, QStringLiteral("Carla Cashier"));
    m_manager = m_staff->signIn(Role::Manager, QStringLiteral("Mona Manager"));
    const TaxClass standard = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    const TaxClass reduced = m_store->addTaxClass(QStringLiteral("RED"), 70000, true);
    m_products = {
        m_store->addProduct(QStringLiteral("BREAD"), QStringLiteral("Rye bread"), 349, reduced),
        m_store->addProduct(QStringLiteral("COFFEE"), QStringLiteral("Coffee beans"), 899, reduced),
        m_store->addProduct(QStringLiteral("SOAP"), QStringLiteral("Dish soap"), 195, standard),
        m_store->addProduct(QStringLiteral("CABLE"), QStringLiteral("USB-C cable"), 1299,
                            standard)};

    // The owner enrols the register through the relay with a one-time code and the sheet's pin.
    const QString code = m_fixture->enrolCode(company, store);
    QVERIFY2(!code.isEmpty(), qPrintable(m_fixture->error()));
    AuthService auth(m_store->db(), m_store->keys(), TestStaff::pepperKeyName(), m_clock, m_ids,
                     m_staff->registerId());
    Enrolment enrolment(m_store->db(), m_store->keys(), *m_access, auth, m_clock);
    std::optional<Result<EnrolmentOutcome>> enrolled;
    QByteArray typed = code.toLatin1();
    enrolment.start(m_staff->signIn(Role::Owner),
                    EnrolmentRequest{QStringLiteral("https://127.0.0.1:%1").arg(m_relay->port()),
                                     SecretBytes::takeFrom(typed), m_fixture->certs().server().pin,
                                     QStringLiteral("Till 1")},
                    [&](Result<EnrolmentOutcome> r) { enrolled = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return enrolled.has_value(); }, 30000));
    QVERIFY2(enrolled->has_value(),
             enrolled->has_value() ? "" : qPrintable(enrolled->error().message));
    QCOMPARE((*enrolled)->storeId, store);
}

void tst_pushfaults::cleanupTestCase()
{
    m_sales.reset();
    m_shifts.reset();
    m_store.reset();
    m_relay.reset();
    m_fixture.reset();
}

// A sale of one to three lines paid by card, in cash with change, or split.
bool tst_pushfaults::sell(int n)
{
    Cart cart(QStringLiteral("EUR"));
    for (int line = 0; line <= n % 3; ++line) {
        if (!cart.addProduct(m_products.at((n + line) % m_products.size()),
                             Quantity::units(1 + (n + line) % 2)))
            return false;
    }
    auto totals = cart.totals();
    if (!totals)
        return false;
    const qint64 total = totals->totalMinor;
    QList<TenderRequest> tenders;
    switch (n % 3) {
    case 0:
        tenders = {TenderRequest{TenderKind::Card, total, total}};
        break;
    case 1:
        tenders = {TenderRequest{TenderKind::Cash, total, (total / 500 + 1) * 500}};
        break;
    default:
        tenders = {TenderRequest{TenderKind::Card, total / 2, total / 2},
                   TenderRequest{TenderKind::Cash, total - total / 2, total - total / 2}};
    }
    auto sale = m_sales->complete(m_cashier, cart, tenders);
    if (!sale)
        qWarning("sale refused: %s", qPrintable(sale.error().message));
    return sale.has_value();
}

// Sales in shifts of 40, each shift with a cash movement; closing a shift writes an audit
// checkpoint for the server to countersign.
void tst_pushfaults::ringUp(int sales)
{
    for (int i = 0; i < sales; ++i, ++m_sold) {
        if (m_sold % 40 == 0) {
            if (m_sold > 0)
                QVERIFY(m_shifts->close(m_cashier, 10000));
            QVERIFY(m_shifts->open(m_cashier, 10000));
            QVERIFY(m_shifts->cashIn(m_manager, 2500, QStringLiteral("change from the bank")));
        }
        QVERIFY(sell(m_sold));
    }
    QVERIFY(m_shifts->close(m_cashier, 10000));
    QVERIFY(m_shifts->open(m_cashier, 10000));
}

std::unique_ptr<SyncEngine> tst_pushfaults::makeEngine()
{
    auto opener = SyncEngine::openerFor(m_store->db(), m_store->keys());
    if (!opener)
        qFatal("no store opener: %s", qPrintable(opener.error().message));
    SyncEngineOptions o;
    o.registerId = m_staff->registerId();
    o.openDatabase = *opener;
    o.keys = &m_store->keys();
    o.automatic = false; // runs when the test says: a fault lands in a run, not in a back-off
    o.batchRecords = 12; // many batches, so faults land between and inside them
    o.pendingPoll = 200ms;
    o.timeouts.connect = 3s;
    o.timeouts.request = 10s;
    auto engine = std::make_unique<SyncEngine>(std::move(o));
    connect(engine.get(), &SyncEngine::runFinished, this,
            [this](const SyncRunReport& r) { m_reports.append(r); });
    engine->start();
    return engine;
}

std::optional<SyncRunReport> tst_pushfaults::nextReport(qsizetype seen, int timeoutMs)
{
    if (!QTest::qWaitFor([&] { return m_reports.size() > seen; }, timeoutMs))
        return std::nullopt;
    return m_reports.at(seen);
}

// Runs until a run pushed everything; a run cut short by a fault is simply run again.
void tst_pushfaults::pushUntilDone(SyncEngine& engine)
{
    for (int attempt = 0; attempt < 30; ++attempt) {
        const qsizetype seen = m_reports.size();
        engine.syncNow();
        auto report = nextReport(seen);
        QVERIFY2(report, "a sync run did not end within 30 s");
        QVERIFY2(report->outcome != SyncRunReport::Outcome::Blocked,
                 qPrintable(QStringLiteral("sync is blocked: ") + report->error));
        if (report->outcome == SyncRunReport::Outcome::Done && report->pendingAfter == 0)
            return;
    }
    QFAIL("the outbox did not empty within 30 runs");
}

void tst_pushfaults::serverKilledMidPush()
{
    ringUp(150);
    if (QTest::currentTestFailed())
        return;
    auto engine = makeEngine();
    qint64 sentInRun = 0;
    connect(engine.get(), &SyncEngine::progress, this,
            [&](qint64 done, qint64) { sentInRun = done; });
    int kills = 0, afterStoredBatches = 0;
    for (int attempt = 0; attempt < 40 && kills < 6; ++attempt) {
        const qsizetype seen = m_reports.size();
        sentInRun = 0;
        engine->syncNow();
        // Somewhere in the run: in its first request, or after a batch was stored, inside a
        // later one (in the handshake, while it is stored, after its commit but before the
        // answer left).
        if (m_random.bounded(2) == 0)
            (void)QTest::qWaitFor([&] { return sentInRun > 0 || m_reports.size() > seen; }, 10000);
        QTest::qWait(static_cast<int>(m_random.bounded(0, 40)));
        if (m_reports.size() > seen) { // the run ended first
            if (m_reports.last().pendingAfter == 0)
                ringUp(60); // the counter keeps selling
            if (QTest::currentTestFailed())
                return;
            continue;
        }
        m_fixture->killServer();
        ++kills;
        afterStoredBatches += sentInRun > 0 ? 1 : 0;
        auto report = nextReport(seen);
        QVERIFY2(report, "the run did not end after pos-syncd was killed");
        QVERIFY2(report->outcome != SyncRunReport::Outcome::Blocked, qPrintable(report->error));
        QVERIFY2(m_fixture->start(), qPrintable(m_fixture->error()));
    }
    qInfo("pos-syncd killed %d times during pushes, %d of them after the run had batches stored",
          kills, afterStoredBatches);
    QCOMPARE(kills, 6);
    pushUntilDone(*engine);
    engine->stop();
    if (QTest::currentTestFailed())
        return;
    verifyServerHasEverything();
}

void tst_pushfaults::connectionsCutMidPush()
{
    ringUp(150);
    if (QTest::currentTestFailed())
        return;
    auto engine = makeEngine();
    m_relay->cutSome(1000);
    const int before = m_relay->cuts();
    for (int run = 0; run < 80 && m_relay->cuts() - before < 10; ++run) {
        const qsizetype seen = m_reports.size();
        engine->syncNow();
        auto report = nextReport(seen);
        QVERIFY2(report, "a sync run did not end within 30 s");
        QVERIFY2(report->outcome != SyncRunReport::Outcome::Blocked, qPrintable(report->error));
        if (report->pendingAfter == 0)
            ringUp(15); // the counter keeps selling while the line is bad
        if (QTest::currentTestFailed())
            return;
    }
    qInfo("%d connections cut during pushes", m_relay->cuts() - before);
    // A cut shows as the network, never as a refusal: a request the network stack sent a second
    // time by itself is signed afresh by SyncTransport, so no run ends with `replayed`.
    for (const SyncRunReport& r : std::as_const(m_reports))
        QVERIFY2(r.errorCode != u"replayed", qPrintable(r.error));
    QVERIFY2(m_relay->cuts() - before >= 10, "too few connections were cut to prove anything");
    m_relay->cutSome(0);
    pushUntilDone(*engine);
    engine->stop();
    if (QTest::currentTestFailed())
        return;
    verifyServerHasEverything();
}

void tst_pushfaults::verifyServerHasEverything()
{
    PgCluster& cluster = m_fixture->cluster();
    server::PgConnection* pg = cluster.superuser();
    QVERIFY(pg);
    const QByteArray reg = m_staff->registerId().toLatin1();

    // Every sale exactly once: the same ids, lines and tenders as the register's.
    QStringList localSales;
    {
        auto q = m_store->db().query("SELECT uuid FROM sales ORDER BY uuid");
        QVERIFY(q);
        QVERIFY(q->forEach([&] { localSales.append(q->text(0)); }));
    }
    QCOMPARE(localSales.size(), m_sold);
    auto serverSales = pg->exec("SELECT id::text FROM pos.sales WHERE register_id = $1::uuid "
                                "ORDER BY id::text",
                                {reg});
    QVERIFY(serverSales);
    QStringList onServer;
    for (int i = 0; i < serverSales->rows(); ++i)
        onServer.append(serverSales->text(i, 0));
    QCOMPARE(onServer, localSales);
    auto count = [&](const QByteArray& sql) {
        auto r = pg->exec(sql, {reg});
        return r && r->rows() == 1 ? r->integer(0, 0) : -1;
    };
    QCOMPARE(count("SELECT count(*) FROM pos.sale_lines l JOIN pos.sales s ON s.id = l.sale_id "
                   "WHERE s.register_id = $1::uuid"),
             local("SELECT count(*) FROM sale_lines"));
    QCOMPARE(count("SELECT count(*) FROM pos.sale_tenders t JOIN pos.sales s ON s.id = "
                   "t.sale_id WHERE s.register_id = $1::uuid"),
             local("SELECT count(*) FROM sale_tenders"));
    QCOMPARE(count("SELECT count(*) FROM pos.shifts WHERE register_id = $1::uuid"),
             local("SELECT count(*) FROM shifts"));
    QCOMPARE(count("SELECT count(*) FROM pos.cash_movements WHERE register_id = $1::uuid"),
             local("SELECT count(*) FROM cash_movements"));

    // Nothing waits in the outbox.
    QCOMPARE(local("SELECT count(*) FROM sync_outbox WHERE sent_at IS NULL"), 0);

    // The server's chain is the register's, row for row.
    auto rows = pg->exec("SELECT seq, at, register_id::text, actor, approver, action, entity, "
                         "before_json, after_json, app_version, host, prev_hash, hash, signature "
                         "FROM pos.audit_rows WHERE register_id = $1::uuid ORDER BY seq",
                         {reg});
    QVERIFY(rows);
    RemoteAuditChain chain;
    for (int i = 0; i < rows->rows(); ++i) {
        AuditRow r;
        r.seq = rows->integer(i, 0);
        r.at = rows->text(i, 1);
        r.registerId = rows->text(i, 2);
        r.actor = rows->text(i, 3);
        r.approver = rows->text(i, 4);
        r.action = rows->text(i, 5);
        r.entity = rows->text(i, 6);
        r.before = rows->text(i, 7);
        r.after = rows->text(i, 8);
        r.appVersion = rows->text(i, 9);
        r.host = rows->text(i, 10);
        r.prevHash = rows->bytes(i, 11);
        r.hash = rows->bytes(i, 12);
        r.signature = rows->bytes(i, 13);
        chain.rows.append(r);
    }
    const qint64 localRows = local("SELECT count(*) FROM audit_log");
    QCOMPARE(qint64(chain.rows.size()), localRows);
    {
        auto q = m_store->db().query("SELECT seq, hash, signature, prev_hash FROM audit_log "
                                     "WHERE register_id = ?1 ORDER BY seq");
        QVERIFY(q);
        q->bind(1, m_staff->registerId());
        for (const AuditRow& r : std::as_const(chain.rows)) {
            auto row = q->next();
            QVERIFY(row && *row);
            QCOMPARE(r.seq, q->int64(0));
            QCOMPARE(r.hash, q->blob(1));
            QCOMPARE(r.signature, q->blob(2));
            QCOMPARE(r.prevHash, q->blob(3));
        }
    }
    auto checkpoints = pg->exec("SELECT row_count, head_hash, at, reason, signature, "
                                "witness_signature, witnessed_at FROM pos.audit_checkpoints "
                                "WHERE register_id = $1::uuid ORDER BY row_count",
                                {reg});
    QVERIFY(checkpoints);
    for (int i = 0; i < checkpoints->rows(); ++i) {
        RemoteCheckpoint c;
        c.checkpoint.registerId = m_staff->registerId();
        c.checkpoint.count = checkpoints->integer(i, 0);
        c.checkpoint.headHash = checkpoints->bytes(i, 1);
        c.checkpoint.at = checkpoints->text(i, 2);
        c.checkpoint.reason = checkpoints->text(i, 3);
        c.checkpoint.signature = checkpoints->bytes(i, 4);
        c.witnessSignature = checkpoints->bytes(i, 5);
        c.witnessedAt = checkpoints->text(i, 6);
        chain.checkpoints.append(c);
    }
    QCOMPARE(qint64(chain.checkpoints.size()), local("SELECT count(*) FROM audit_checkpoints"));
    auto device = pg->exec("SELECT signing_key FROM pos.devices WHERE id = $1::uuid", {reg});
    QVERIFY(device && device->rows() == 1);
    const QByteArray registerKey = m_store->db().auditLog()->publicKey();
    QCOMPARE(device->bytes(0, 0), registerKey);
    chain.reg.registerId = m_staff->registerId();
    chain.reg.signingKey = registerKey;
    chain.reg.rowCount = localRows;
    chain.reg.headHash = chain.rows.isEmpty() ? QByteArray() : chain.rows.constLast().hash;

    auto enrolment = SyncStateStore(m_store->db()).enrolment();
    QVERIFY(enrolment && *enrolment);
    RemoteAuditExpectation expect;
    expect.witnessKey = (*enrolment)->witnessKey;
    expect.knownKey = registerKey;
    expect.rowsAcknowledged = localRows;
    auto verdict = RemoteAudit::verify(chain, expect);
    QVERIFY2(verdict, verdict ? "" : qPrintable(verdict.error().message));
    QVERIFY2(verdict->intact(), qPrintable(verdict->chain.explanation + verdict->witnessProblem));
    QCOMPARE(verdict->chain.rowsVerified, localRows);
    QCOMPARE(verdict->witnessed, qint64(chain.checkpoints.size()));
    QVERIFY(verdict->witnessed >= 4);

    // The register kept the same countersignatures, and they verify with the witness key.
    auto witnesses = m_store->db().query("SELECT row_count, head_hash, checkpoint_at, reason, "
                                         "witnessed_at, signature FROM audit_witness");
    QVERIFY(witnesses);
    qint64 kept = 0;
    for (;;) {
        auto row = witnesses->next();
        QVERIFY(row);
        if (!*row)
            break;
        AuditCheckpoint c;
        c.registerId = m_staff->registerId();
        c.count = witnesses->int64(0);
        c.headHash = witnesses->blob(1);
        c.at = witnesses->text(2);
        c.reason = witnesses->text(3);
        QVERIFY(Ed25519::verify(expect.witnessKey,
                                syncprotocol::witnessMessage(c, witnesses->text(4)),
                                witnesses->blob(5)));
        ++kept;
    }
    QCOMPARE(kept, qint64(chain.checkpoints.size()));
}

QTEST_GUILESS_MAIN(tst_pushfaults)
#include "tst_pushfaults.moc"
