// pos_sync_bench (issue 5): N registers each push M queued sales concurrently to the real
// pos-syncd over TLS 1.3 on 127.0.0.1, beside a raw PostgreSQL COPY of the very same rows in the
// same run. Target: end to end at least 25% of the COPY rate.
//
//   build/tests/bench/pos_sync_bench [--registers 100] [--sales 1000] [--batch 100] [--lines 3]
//                                    [--perf FILE]
//
// Set-up (not timed): a throw-away PostgreSQL 15 cluster and pos-syncd (tests/server/support),
// a company and a store made with `pos-syncd admin`, one enrolment code per register, every
// register enrolled with POST /v1/enrol, and every push body made in advance.
// Timed: from the first push request to the last answer. Each register has its own
// QNetworkAccessManager (so its own TLS connection; one manager would open at most six per
// host) and keeps one batch in flight, sending the next when the answer arrives, as a register's
// sync engine does; all managers are driven from this one event loop (Qt runs each manager's
// HTTP in a thread of its own). Requests are signed as docs/sync.md says.
// Then the same rows go into a fresh copy of the three tables (LIKE ... INCLUDING ALL plus the
// foreign keys, without row-level security) with one COPY each in one transaction, over TLS as
// the server's own login role. Last, the server's tables are checked: every sale once, equal to
// the generated one.

#include "Stats.h"
#include "SyncBenchData.h"
#include "SyncBenchProbe.h"
#include "SyncdFixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace pos;
using namespace pos::test;
using pos::bench::SaleGenerator;
using namespace pos::bench;

namespace {

struct BenchRegister {
    std::unique_ptr<QNetworkAccessManager> nam;
    SecretBytes deviceKey;
    QString id;
    QString shiftId;
    QString cashierId;
    QList<QByteArray> bodies;
    QList<qint64> batchSales;
    qsizetype next = 0;
    int attempts = 0;
};

// Drives every register's pushes from this thread's event loop.
class Pusher {
public:
    Pusher(std::vector<BenchRegister>& registers, QUrl url, QSslConfiguration tls,
           QString companyId)
        : m_registers(registers), m_url(std::move(url)), m_tls(std::move(tls)),
          m_company(std::move(companyId))
    {}

    // Runs until every batch is answered; returns the wall time in nanoseconds.
    qint64 run()
    {
        QEventLoop loop;
        m_loop = &loop;
        QTimer progress;
        QObject::connect(&progress, &QTimer::timeout, &loop, [this] {
            std::fprintf(stderr, "\rpushed %lld batches", static_cast<long long>(m_done));
        });
        progress.start(1000);
        m_clock.start();
        m_active = static_cast<qsizetype>(m_registers.size());
        for (BenchRegister& r : m_registers)
            sendNext(r);
        if (m_active > 0)
            loop.exec();
        std::fprintf(stderr, "\n");
        return m_wallNs;
    }

    const std::vector<qint64>& latencies() const { return m_latencies; }
    qint64 failures() const { return m_failures; }
    qint64 miscounted() const { return m_miscounted; }
    qint64 gaveUp() const { return m_gaveUp; }
    const QString& firstError() const { return m_firstError; }

private:
    void sendNext(BenchRegister& r)
    {
        if (r.next >= r.bodies.size()) {
            if (--m_active == 0) {
                m_wallNs = m_clock.nsecsElapsed();
                m_loop->quit();
            }
            return;
        }
        const qint64 started = m_clock.nsecsElapsed();
        const QByteArray& body = r.bodies.at(r.next);
        syncprotocol::SignedRequest signedRequest;
        signedRequest.method = "POST";
        signedRequest.pathAndQuery = "/v1/push";
        signedRequest.companyId = m_company;
        signedRequest.registerId = r.id;
        signedRequest.time = QDateTime::currentSecsSinceEpoch();
        signedRequest.nonce = newNonce();
        signedRequest.body = body;
        const QByteArray signature =
            Ed25519::sign(r.deviceKey, syncprotocol::requestSigningBytes(signedRequest))
                .value_or(QByteArray());

        QNetworkRequest request(m_url);
        request.setSslConfiguration(m_tls);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(300000);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader(syncprotocol::HeaderCompany, m_company.toLatin1());
        request.setRawHeader(syncprotocol::HeaderRegister, r.id.toLatin1());
        request.setRawHeader(syncprotocol::HeaderTime, QByteArray::number(signedRequest.time));
        request.setRawHeader(syncprotocol::HeaderNonce, signedRequest.nonce);
        request.setRawHeader(syncprotocol::HeaderSignature, signature.toBase64());
        QNetworkReply* reply = r.nam->post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, r.nam.get(),
                         [this, &r, reply, started] { answered(r, reply, started); });
    }

    void answered(BenchRegister& r, QNetworkReply* reply, qint64 started)
    {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray raw = reply->readAll();
        const QString networkError = reply->errorString();
        reply->deleteLater();
        if (status == 200) {
            m_latencies.push_back(m_clock.nsecsElapsed() - started);
            const qint64 stored =
                QJsonDocument::fromJson(raw).object().value(QStringLiteral("stored")).toInteger(-1);
            if (stored != r.batchSales.at(r.next) && r.attempts == 0) {
                ++m_miscounted;
                note(QStringLiteral("a batch answered stored=%1 for %2 sales")
                         .arg(stored)
                         .arg(r.batchSales.at(r.next)));
            }
            ++r.next;
            ++m_done;
            r.attempts = 0;
        } else {
            // Resent whole under the same batch id, as a register does (docs/sync.md).
            ++m_failures;
            note(QStringLiteral("HTTP %1 %2 %3")
                     .arg(status)
                     .arg(QString::fromUtf8(raw.left(300)), networkError));
            if (++r.attempts > 5) {
                ++m_gaveUp;
                r.next = r.bodies.size();
            }
        }
        sendNext(r);
    }

    void note(const QString& error)
    {
        if (m_firstError.isEmpty())
            m_firstError = error;
    }

    std::vector<BenchRegister>& m_registers;
    QUrl m_url;
    QSslConfiguration m_tls;
    QString m_company;
    QElapsedTimer m_clock;
    QEventLoop* m_loop = nullptr;
    qsizetype m_active = 0;
    qint64 m_wallNs = 0;
    qint64 m_done = 0;
    qint64 m_failures = 0;
    qint64 m_miscounted = 0;
    qint64 m_gaveUp = 0;
    QString m_firstError;
    std::vector<qint64> m_latencies;
};

int fail(const QString& what)
{
    QTextStream(stderr) << "pos_sync_bench: " << what << Qt::endl;
    return 1;
}

QString number(double v, int decimals = 0)
{
    return QString::number(v, 'f', decimals);
}

// One value of a superuser query (-1 when it fails).
// The first column of every row as numbers (pids).
QList<qint64> column(PgCluster& cluster, const QByteArray& sql)
{
    QList<qint64> out;
    server::PgConnection* pg = cluster.superuser();
    if (!pg)
        return out;
    auto r = pg->exec(sql);
    for (int row = 0; r && row < r->rows(); ++row)
        out.append(r->integer(row, 0));
    return out;
}

qint64 scalar(PgCluster& cluster, const QByteArray& sql)
{
    server::PgConnection* pg = cluster.superuser();
    if (!pg)
        return -1;
    auto r = pg->exec(sql);
    return r && r->rows() == 1 && !r->isNull(0, 0) ? r->integer(0, 0) : -1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption registersOpt(QStringLiteral("registers"),
                                          QStringLiteral("Registers pushing at once."),
                                          QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption salesOpt(QStringLiteral("sales"),
                                      QStringLiteral("Queued sales per register."),
                                      QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption batchOpt(QStringLiteral("batch"), QStringLiteral("Sales per batch."),
                                      QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption linesOpt(QStringLiteral("lines"), QStringLiteral("Lines per sale."),
                                      QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption perfOpt(
        QStringLiteral("perf"),
        QStringLiteral("Record pos-syncd and its PostgreSQL backend with `perf record -g` into "
                       "FILE while they ingest."),
        QStringLiteral("FILE"));
    const QCommandLineOption statementsOpt(
        QStringLiteral("statements"),
        QStringLiteral("Log every statement's duration in PostgreSQL while pushing and print "
                       "where the time went (slows the push down)."));
    const QCommandLineOption workersOpt(
        QStringLiteral("workers"),
        QStringLiteral("pos-syncd's worker threads (limits/workers); 0 for its default."),
        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions(
        {registersOpt, salesOpt, batchOpt, linesOpt, perfOpt, statementsOpt, workersOpt});
    parser.process(app);
    const int registerCount = parser.value(registersOpt).toInt();
    const int salesPerRegister = parser.value(salesOpt).toInt();
    const int batchSize = parser.value(batchOpt).toInt();
    const int linesPerSale = parser.value(linesOpt).toInt();
    const int workers = parser.value(workersOpt).toInt();
    if (registerCount < 1 || salesPerRegister < 1 || batchSize < 1 || linesPerSale < 1)
        return fail(QStringLiteral("--registers, --sales, --batch and --lines must be positive"));
    if (workers < 0 || workers > server::ServerConfig::MaxWorkers)
        return fail(
            QStringLiteral("--workers must be 0 to %1").arg(server::ServerConfig::MaxWorkers));
    QTextStream out(stdout);
    const QString loadBefore = loadAverage();

    // --- set-up (not timed) -------------------------------------------------------------
    QElapsedTimer setup;
    setup.start();
    SyncdFixture fixture;
    if (!fixture.ok())
        return fail(QStringLiteral("fixture: ") + fixture.error());
    const QString companyId = fixture.createCompany(QStringLiteral("Bench Company"));
    const QString storeId =
        companyId.isEmpty() ? QString() : fixture.createStore(companyId, QStringLiteral("Main"));
    if (storeId.isEmpty())
        return fail(QStringLiteral("company/store: ") + fixture.error());
    fixture.setWorkers(workers);
    if (!fixture.start())
        return fail(fixture.error());
    std::fprintf(stderr, "cluster and pos-syncd up in %.1f s\n",
                 static_cast<double>(setup.elapsed()) / 1000.0);

    const QList<QSslCertificate> ca = fixture.caCertificates();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setCaCertificates(ca);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);

    std::vector<BenchRegister> registers(static_cast<std::size_t>(registerCount));
    for (int i = 0; i < registerCount; ++i) {
        BenchRegister& r = registers[static_cast<std::size_t>(i)];
        r.nam = std::make_unique<QNetworkAccessManager>();
        r.id = newUuid();
        r.shiftId = newUuid();
        r.cashierId = newUuid();
        auto deviceKey = Ed25519::generatePrivateKey();
        auto auditKey = Ed25519::generatePrivateKey();
        if (!deviceKey || !auditKey)
            return fail(QStringLiteral("no Ed25519 key"));
        r.deviceKey = std::move(*deviceKey);
        const QString code = fixture.enrolCode(companyId, storeId);
        if (code.isEmpty())
            return fail(QStringLiteral("enrol-code: ") + fixture.error());
        const QJsonObject request{
            {QStringLiteral("code"), code},
            {QStringLiteral("register_id"), r.id},
            {QStringLiteral("name"), QStringLiteral("Till %1").arg(i + 1)},
            {QStringLiteral("signing_key"),
             QString::fromLatin1(
                 Ed25519::publicKeyFor(*auditKey).value_or(QByteArray()).toBase64())},
            {QStringLiteral("device_key"),
             QString::fromLatin1(
                 Ed25519::publicKeyFor(r.deviceKey).value_or(QByteArray()).toBase64())},
            {QStringLiteral("audit_head"),
             QJsonObject{{QStringLiteral("row_count"), 0},
                         {QStringLiteral("head_hash"),
                          QString::fromLatin1(QByteArray(32, '\0').toBase64())}}}};
        const ApiReply reply = sendHttps(*r.nam, ca, "POST", fixture.url("/v1/enrol"), {},
                                         QJsonDocument(request).toJson(QJsonDocument::Compact));
        if (reply.status != 200)
            return fail(QStringLiteral("enrolment: ") + reply.describe());
        std::fprintf(stderr, "\renrolled %d / %d", i + 1, registerCount);
    }
    std::fprintf(stderr, "\n");

    SaleGenerator generator(companyId, storeId, linesPerSale, 20260302);
    QList<QByteArray> saleIds;
    qint64 bodyBytes = 0;
    for (BenchRegister& r : registers) {
        QJsonArray records;
        for (int n = 1; n <= salesPerRegister; ++n) {
            records.append(generator.sale(r.id, r.shiftId, r.cashierId, n, saleIds));
            if (records.size() == batchSize || n == salesPerRegister) {
                r.bodies.append(SaleGenerator::pushBody(records));
                r.batchSales.append(records.size());
                bodyBytes += r.bodies.constLast().size();
                records = QJsonArray();
            }
        }
    }
    const qint64 totalSales = generator.sales();
    std::fprintf(stderr, "set-up done in %.1f s: %lld sales, %lld MiB of push bodies\n",
                 static_cast<double>(setup.elapsed()) / 1000.0, static_cast<long long>(totalSales),
                 static_cast<long long>(bodyBytes / (1024 * 1024)));

    // --- push, end to end ------------------------------------------------------------------
    const qint64 syncdPid = fixture.serverPid();
    const qint64 postmaster = fixture.cluster().postmasterPid();
    // One backend per worker thread (pos-syncd connects them all at start).
    const QList<qint64> backendPids =
        column(fixture.cluster(), "SELECT pid FROM pg_stat_activity WHERE usename = '" +
                                      fixture.appLogin().toLatin1() + "' ORDER BY pid");
    QStringList perfPids{QString::number(syncdPid)};
    for (const qint64 pid : backendPids)
        perfPids.append(QString::number(pid));
    std::unique_ptr<QProcess> perf;
    if (parser.isSet(perfOpt)) {
        perf = std::make_unique<QProcess>();
        perf->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        perf->start(QStringLiteral("perf"),
                    {QStringLiteral("record"), QStringLiteral("-g"), QStringLiteral("-o"),
                     parser.value(perfOpt), QStringLiteral("-p"), perfPids.join(u',')});
        if (!perf->waitForStarted(5000))
            return fail(QStringLiteral("perf did not start"));
        QThread::msleep(500);
    }
    StatementLog statements(fixture.cluster());
    if (parser.isSet(statementsOpt) && !statements.start())
        return fail(QStringLiteral("could not turn on the statement log"));
    const CpuSnapshot cpuBefore = CpuSnapshot::take(syncdPid, backendPids, postmaster);
    Pusher pusher(registers, fixture.url("/v1/push"), tls, companyId);
    const qint64 pushNs = pusher.run();
    const CpuSnapshot cpuAfter = CpuSnapshot::take(syncdPid, backendPids, postmaster);
    const QString loadAfterPush = loadAverage();
    const QStringList statementRows =
        parser.isSet(statementsOpt)
            ? statements.stop(static_cast<qint64>(pusher.latencies().size()))
            : QStringList();
    if (perf) {
        ::kill(static_cast<pid_t>(perf->processId()), SIGINT);
        perf->waitForFinished(60000);
    }

    // --- the same rows with COPY ------------------------------------------------------------
    server::PgConnection* super = fixture.cluster().superuser();
    if (!super)
        return fail(QStringLiteral("no superuser connection"));
    const QByteArray login = fixture.cluster().quoteIdent(fixture.appLogin());
    if (auto made = super->execScript(
            "CREATE SCHEMA bench_copy; "
            "CREATE TABLE bench_copy.sales (LIKE pos.sales INCLUDING ALL); "
            "CREATE TABLE bench_copy.sale_lines (LIKE pos.sale_lines INCLUDING ALL, "
            "  FOREIGN KEY (sale_id) REFERENCES bench_copy.sales (id)); "
            "CREATE TABLE bench_copy.sale_tenders (LIKE pos.sale_tenders INCLUDING ALL, "
            "  FOREIGN KEY (sale_id) REFERENCES bench_copy.sales (id)); "
            "GRANT USAGE ON SCHEMA bench_copy TO " +
            login + "; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA bench_copy TO " + login);
        !made)
        return fail(QStringLiteral("copy tables: ") + made.error().message);
    auto copyConn = fixture.directSql();
    if (!copyConn)
        return fail(QStringLiteral("copy connection: ") + copyConn.error().message);
    auto copyBackend = copyConn->exec("SELECT pg_backend_pid()");
    const qint64 copyPid = copyBackend && copyBackend->rows() == 1 ? copyBackend->integer(0, 0) : 0;
    const Sched copySchedBefore = Sched::of(copyPid);
    const double copyClientBefore = selfCpu();
    QElapsedTimer copyClock;
    copyClock.start();
    Status copied = copyConn->begin();
    if (copied)
        copied = copyConn->copyIn("COPY bench_copy.sales (" + SaleGenerator::copySalesColumns() +
                                      ") FROM STDIN",
                                  generator.salesCopy);
    if (copied)
        copied = copyConn->copyIn("COPY bench_copy.sale_lines (" +
                                      SaleGenerator::copyLinesColumns() + ") FROM STDIN",
                                  generator.linesCopy);
    if (copied)
        copied = copyConn->copyIn("COPY bench_copy.sale_tenders (" +
                                      SaleGenerator::copyTendersColumns() + ") FROM STDIN",
                                  generator.tendersCopy);
    if (copied)
        copied = copyConn->commit();
    const qint64 copyNs = copyClock.nsecsElapsed();
    const Sched copySched = Sched::of(copyPid) - copySchedBefore;
    const double copyCpu = copySched.onCpu;
    const double copyClient = selfCpu() - copyClientBefore;
    if (!copied)
        return fail(QStringLiteral("COPY: ") + copied.error().message);

    // --- every sale on the server exactly once, as generated -----------------------------------
    PgCluster& cluster = fixture.cluster();
    const qint64 onServer = scalar(cluster, "SELECT count(*) FROM pos.sales");
    const qint64 matching = scalar(
        cluster, "SELECT count(*) FROM pos.sales s JOIN bench_copy.sales c ON c.id = s.id AND "
                 "c.register_id = s.register_id AND c.receipt_no = s.receipt_no AND "
                 "c.total_minor = s.total_minor AND c.tax_minor = s.tax_minor AND "
                 "c.completed_at = s.completed_at AND c.company_id = s.company_id AND "
                 "c.store_id = s.store_id");
    const qint64 linesOnServer = scalar(
        cluster, "SELECT count(*) FROM pos.sale_lines s JOIN bench_copy.sale_lines c ON "
                 "c.sale_id = s.sale_id AND c.line_no = s.line_no AND c.total_minor = "
                 "s.total_minor AND c.qty_milli = s.qty_milli AND c.product_sku = s.product_sku");
    const qint64 tendersOnServer = scalar(
        cluster, "SELECT count(*) FROM pos.sale_tenders s JOIN bench_copy.sale_tenders c ON "
                 "c.sale_id = s.sale_id AND c.seq = s.seq AND c.amount_minor = s.amount_minor "
                 "AND c.kind = s.kind AND c.idempotency_key = s.idempotency_key");
    const qint64 perRegisterMin = scalar(
        cluster,
        "SELECT min(n) FROM (SELECT count(*) AS n FROM pos.sales GROUP BY register_id) AS c");
    const qint64 registersSeen = scalar(cluster, "SELECT count(DISTINCT register_id) FROM "
                                                 "pos.sales");
    const bool verified =
        onServer == totalSales && matching == totalSales && linesOnServer == generator.lines() &&
        scalar(cluster, "SELECT count(*) FROM pos.sale_lines") == generator.lines() &&
        tendersOnServer == generator.tenders() &&
        scalar(cluster, "SELECT count(*) FROM pos.sale_tenders") == generator.tenders() &&
        registersSeen == registerCount && perRegisterMin == salesPerRegister;

    // --- report --------------------------------------------------------------------------------
    const double pushS = static_cast<double>(pushNs) / 1e9;
    const double copyS = static_cast<double>(copyNs) / 1e9;
    const double rows = static_cast<double>(generator.rows());
    const double pushSalesPerS = static_cast<double>(totalSales) / pushS;
    const double copySalesPerS = static_cast<double>(totalSales) / copyS;
    const bench::Stats batch = bench::summarize(pusher.latencies());
    const double ms = 1000.0;
    out << "pos_sync_bench: " << registerCount << " registers x " << salesPerRegister << " sales ("
        << linesPerSale << " lines, "
        << number(static_cast<double>(generator.tenders()) / static_cast<double>(totalSales), 2)
        << " tenders each), batches of " << batchSize << " sales ("
        << number(static_cast<double>(bodyBytes) / static_cast<double>(pusher.latencies().size()) /
                      1024.0,
                  0)
        << " KiB), TLS 1.3 on 127.0.0.1, " << QThread::idealThreadCount()
        << " cores, pos-syncd with " << backendPids.size() << " worker(s)\n\n";
    out << "| path | sales | rows | s | sales/s | rows/s | batch p50 / p99 / max (ms) |\n";
    out << "|---|---|---|---|---|---|---|\n";
    out << "| POST /v1/push, end to end | " << totalSales << " | " << generator.rows() << " | "
        << number(pushS, 2) << " | " << number(pushSalesPerS) << " | " << number(rows / pushS)
        << " | " << number(batch.p50Us / ms, 1) << " / " << number(batch.p99Us / ms, 1) << " / "
        << number(batch.maxUs / ms, 1) << " |\n";
    out << "| COPY, 1 connection (TLS) | " << totalSales << " | " << generator.rows() << " | "
        << number(copyS, 2) << " | " << number(copySalesPerS) << " | " << number(rows / copyS)
        << " | - |\n\n";
    out << "end to end / COPY: " << number(100.0 * pushSalesPerS / copySalesPerS, 1)
        << "% (target 25%)\n";
    const auto seconds = [&](double v, double wall) -> QString {
        return number(v, 1) + QStringLiteral(" s (") + number(100.0 * v / wall, 0) +
               QStringLiteral("%)");
    };
    const Sched loop = cpuAfter.syncdLoop - cpuBefore.syncdLoop;
    const Sched syncdAll = cpuAfter.syncdAll - cpuBefore.syncdAll;
    const Sched backends = cpuAfter.backends - cpuBefore.backends;
    const double syncdCpu = cpuAfter.syncd - cpuBefore.syncd;
    const double backendCpu = backends.onCpu;
    const double clientCpu = cpuAfter.client - cpuBefore.client;
    out << "push, " << number(pushS, 1) << " s wall: pos-syncd CPU " << seconds(syncdCpu, pushS)
        << ", its " << backendPids.size() << " PostgreSQL backend(s) " << seconds(backendCpu, pushS)
        << ", all of PostgreSQL " << seconds(cpuAfter.postgres - cpuBefore.postgres, pushS)
        << ", this client (" << registerCount << " managers' threads) " << seconds(clientCpu, pushS)
        << "\n";
    out << "  pos-syncd's event loop (TLS, HTTP): on a CPU " << seconds(loop.onCpu, pushS)
        << ", runnable but waiting for a CPU " << seconds(loop.waiting, pushS)
        << "; all its threads: on a CPU " << seconds(syncdAll.onCpu, pushS) << ", waiting "
        << seconds(syncdAll.waiting, pushS) << "; its backends: on a CPU "
        << seconds(backends.onCpu, pushS) << ", waiting " << seconds(backends.waiting, pushS)
        << "\n";
    out << "  pos-syncd and its backends wanted a CPU "
        << number(100.0 * (syncdAll.onCpu + syncdAll.waiting + backends.onCpu + backends.waiting) /
                      pushS,
                  0)
        << "% of the wall time (" << QThread::idealThreadCount() * 100
        << "% is every core of this machine)\n";
    out << "COPY, " << number(copyS, 1) << " s wall: backend on a CPU "
        << seconds(copySched.onCpu, copyS) << ", waiting for a CPU "
        << seconds(copySched.waiting, copyS) << " (CPU " << number(copyCpu, 1)
        << " s), this client " << number(copyClient, 1) << " s\n";
    const double pushCost = syncdCpu + backendCpu + clientCpu;
    const double copyCost = copyCpu + copyClient;
    const double perK = 1000.0 / static_cast<double>(totalSales);
    out << "CPU per 1000 sales: push " << number(pushCost * perK * 1000.0, 0) << " ms (pos-syncd "
        << number(syncdCpu * perK * 1000.0, 0) << ", PostgreSQL "
        << number(backendCpu * perK * 1000.0, 0) << ", client "
        << number(clientCpu * perK * 1000.0, 0) << "), COPY " << number(copyCost * perK * 1000.0, 0)
        << " ms: by CPU the push costs " << number(pushCost / copyCost, 1) << "x the COPY ("
        << number(100.0 * copyCost / pushCost, 1) << "% of its rate)\n";
    out << "load average before / after the push: " << loadBefore << " / " << loadAfterPush << "\n";
    out << "failed requests (resent): " << pusher.failures()
        << ", registers that gave up: " << pusher.gaveUp()
        << ", answers with a wrong stored count: " << pusher.miscounted() << "\n";
    if (!pusher.firstError().isEmpty())
        out << "first problem: " << pusher.firstError() << "\n";
    out << "verified on the server: " << onServer << " sales (" << matching
        << " equal to the generated ones, " << registersSeen << " registers, at least "
        << perRegisterMin << " each), " << linesOnServer << " lines, " << tendersOnServer
        << " tenders: " << (verified ? "every sale exactly once" : "MISMATCH") << "\n";
    if (!statementRows.isEmpty()) {
        out << "\nPostgreSQL's time per statement while pushing (parse + bind + execute):\n\n"
            << "| statement | calls | ms | ms per batch |\n|---|---|---|---|\n";
        for (const QString& r : statementRows)
            out << r << '\n';
    }
    out.flush();
    return verified && pusher.gaveUp() == 0 ? 0 : 1;
}
