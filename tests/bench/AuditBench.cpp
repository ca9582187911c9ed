// The audit verifier against the floor it is measured by (issue 4: at least 80% of the rate at
// which OpenSSL alone verifies Ed25519 signatures on this machine, with every core):
//   (a) bare OpenSSL: the log's own (message, signature) pairs, read into memory first, verified
//       with EVP_DigestVerify on one thread per core (a key and a context per thread, reused);
//   (b) AuditVerifier::verifyStore on the same log in its encrypted store: reading the rows,
//       recomputing every hash, checking every signature and link and the checkpoints.
// Both run in the same process, alternately, several rounds; the medians are compared. Also the
// rate at which AuditLog appends rows (large transactions, as the bench builds its log).
// Run: build/tests/bench/pos_audit_bench [--rows N] [--rounds R]
#include "Clock.h"
#include "audit/AuditFormat.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/StoreFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <openssl/evp.h>
#include <thread>
#include <vector>

using namespace pos;

namespace {

const QString RegisterId = QStringLiteral("6f1c9b2e-0000-4000-8000-0000000000a1");

AuditEntry entry(qint64 i)
{
    if (i % 2 == 0)
        return AuditEntry{3,
                          0,
                          QStringLiteral("sale.void"),
                          audit::entity("sale", i),
                          QJsonObject{{QStringLiteral("status"), QStringLiteral("open")}},
                          QJsonObject{{QStringLiteral("status"), QStringLiteral("void")},
                                      {QStringLiteral("total_minor"), i * 125}}};
    return AuditEntry{4,
                      2,
                      QStringLiteral("refund.create"),
                      audit::entity("refund", i),
                      QJsonObject{},
                      QJsonObject{{QStringLiteral("lines"), QJsonArray{1, 2}},
                                  {QStringLiteral("reason"), QStringLiteral("damaged")}}};
}

struct Pair {
    QByteArray message;
    QByteArray signature;
};

// (a) Verifications per second of bare OpenSSL on `threads` threads.
double opensslRate(const QByteArray& publicKey, const std::vector<Pair>& pairs, int threads,
                   bool& allGood)
{
    std::atomic<qint64> good{0};
    QElapsedTimer t;
    t.start();
    std::vector<std::jthread> workers;
    const std::size_t n = pairs.size();
    for (int w = 0; w < threads; ++w)
        workers.emplace_back([&, w] {
            EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
                EVP_PKEY_ED25519, nullptr,
                reinterpret_cast<const unsigned char*>(publicKey.constData()), 32);
            EVP_MD_CTX* ctx = EVP_MD_CTX_new();
            qint64 ok = 0;
            for (std::size_t i = static_cast<std::size_t>(w); i < n;
                 i += static_cast<std::size_t>(threads)) {
                const Pair& p = pairs[i];
                if (EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
                    EVP_DigestVerify(
                        ctx, reinterpret_cast<const unsigned char*>(p.signature.constData()), 64,
                        reinterpret_cast<const unsigned char*>(p.message.constData()),
                        static_cast<std::size_t>(p.message.size())) == 1)
                    ++ok;
            }
            EVP_MD_CTX_free(ctx);
            EVP_PKEY_free(key);
            good += ok;
        });
    workers.clear(); // joins
    const double secs = static_cast<double>(t.nsecsElapsed()) / 1e9;
    allGood = good == static_cast<qint64>(n);
    return static_cast<double>(n) / secs;
}

// CPU time of the whole process (every thread), in seconds.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString fmt(double v)
{
    return QString::number(v, 'f', 0);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("Rows in the log."),
                                     QStringLiteral("N"), QStringLiteral("200000"));
    const QCommandLineOption roundsOpt(QStringLiteral("rounds"),
                                       QStringLiteral("Alternating rounds of (a) and (b)."),
                                       QStringLiteral("R"), QStringLiteral("3"));
    parser.addOption(rowsOpt);
    parser.addOption(roundsOpt);
    parser.process(app);
    const qint64 rows = std::max<qint64>(2, parser.value(rowsOpt).toLongLong());
    const int rounds = std::max(1, parser.value(roundsOpt).toInt());
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));

    QTextStream out(stdout);
    QTemporaryDir dir;
    MemoryKeyStore keys;
    auto db = StoreFile::openOrCreate(dir.filePath(QStringLiteral("register.db")), keys);
    if (!db) {
        out << "cannot create the store: " << db.error().message << Qt::endl;
        return 1;
    }
    SystemClock clock;
    auto log = AuditLog::open(**db, keys, RegisterId, clock);
    if (!log) {
        out << "cannot open the audit log: " << log.error().message << Qt::endl;
        return 1;
    }
    (*db)->attachAuditLog(std::move(*log));
    AuditLog& audit = *(*db)->auditLog();

    // The log: rows - 1 rows after the genesis, 10,000 per transaction.
    QElapsedTimer timer;
    timer.start();
    for (qint64 done = 1; done < rows;) {
        auto tx = Transaction::begin(**db);
        if (!tx)
            return 1;
        for (int i = 0; i < 10000 && done < rows; ++i, ++done)
            if (!audit.append(entry(done))) {
                out << "append failed" << Qt::endl;
                return 1;
            }
        if (!tx->commit())
            return 1;
        std::fprintf(stderr, "\rappending %lld / %lld", static_cast<long long>(done),
                     static_cast<long long>(rows));
    }
    std::fprintf(stderr, "\n");
    const double appendRate =
        static_cast<double>(rows - 1) / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
    (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)");

    // The messages and signatures the floor verifies: the log's own.
    std::vector<Pair> pairs;
    pairs.reserve(static_cast<std::size_t>(rows));
    {
        auto q = (*db)->query("SELECT hash, signature FROM audit_log ORDER BY seq");
        if (!q || !q->forEach([&] {
                pairs.push_back({auditformat::signedMessage(q->blob(0)), q->blob(1)});
            }))
            return 1;
    }

    AuditExpectation expect;
    expect.publicKey = audit.publicKey();
    auto ack = audit.acknowledgedCheckpoint();
    if (ack)
        expect.acknowledged = *ack;

    std::vector<double> floorRates, floorOneRates, oursRates, floorCpu, oursCpu;
    for (int r = 0; r < rounds; ++r) {
        bool allGood = false;
        double cpu = cpuSeconds();
        floorRates.push_back(opensslRate(audit.publicKey(), pairs, cores, allGood));
        floorCpu.push_back((cpuSeconds() - cpu) * 1e6 / static_cast<double>(rows));
        if (!allGood) {
            out << "OpenSSL refused a signature of the log" << Qt::endl;
            return 1;
        }
        floorOneRates.push_back(opensslRate(audit.publicKey(), pairs, 1, allGood));
        timer.restart();
        cpu = cpuSeconds();
        auto verdict = AuditVerifier::verifyStore(**db, RegisterId, expect);
        const double secs = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        if (!verdict || !verdict->intact() || verdict->rowsVerified != rows) {
            out << "the verifier did not find the log intact: "
                << (verdict ? verdict->explanation : verdict.error().message) << Qt::endl;
            return 1;
        }
        oursRates.push_back(static_cast<double>(rows) / secs);
        oursCpu.push_back((cpuSeconds() - cpu) * 1e6 / static_cast<double>(rows));
        std::fprintf(stderr,
                     "round %d: OpenSSL %.0f/s (1 thread %.0f/s, %.1f us CPU each), verifier %.0f "
                     "rows/s (%.1f us CPU each)\n",
                     r + 1, floorRates.back(), floorOneRates.back(), floorCpu.back(),
                     oursRates.back(), oursCpu.back());
    }
    const double floorRate = median(floorRates);
    const double ours = median(oursRates);

    out << "Audit log: " << rows << " rows, " << cores << " cores, " << rounds
        << " rounds (medians)\n\n";
    const auto us = [](double v) {
        return QString::number(v, 'f', 1);
    };
    out << "| measurement | rate | CPU per row (all threads) |\n|---|---|---|\n";
    out << "| AuditLog::append (10,000 rows per transaction) | " << fmt(appendRate)
        << " rows/s | |\n";
    out << "| OpenSSL Ed25519 verify, 1 thread | " << fmt(median(floorOneRates)) << " /s | |\n";
    out << "| OpenSSL Ed25519 verify, " << cores << " threads (the floor) | " << fmt(floorRate)
        << " /s | " << us(median(floorCpu)) << " us |\n";
    out << "| AuditVerifier::verifyStore | " << fmt(ours) << " rows/s | " << us(median(oursCpu))
        << " us |\n";
    out << "| ratio verifier / floor (target >= 0.80) | "
        << QString::number(ours / floorRate, 'f', 2) << " |\n";
    out.flush();
    return 0;
}
