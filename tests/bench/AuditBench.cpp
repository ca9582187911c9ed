// The audit verifier against the floor it is measured by (issue 4: at least 80% of the rate at
// which OpenSSL alone verifies Ed25519 signatures on this machine, with every core):
//   (a) bare OpenSSL: the log's own (message, signature) pairs, read into memory first, verified
//       with EVP_DigestVerify on one thread per core (a key and a context per thread, reused);
//   (b) AuditVerifier::verifyStore on the same log in its encrypted store: reading the rows,
//       recomputing every hash, checking every signature and link and the checkpoints.
// Each round runs (a), (b), (a) again and (a) on one thread, in one process; (b) is compared with
// the mean of the two (a) around it. A round where (a) on every core was not clearly faster than
// on one thread (other work on the machine) is shown but not counted. Also the rate at which
// AuditLog appends rows (large transactions, as the bench builds its log).
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
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iterator>
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

// Linux: the resident set now and its peak since the last resetPeak(), in KiB (0 if unknown).
qint64 statusKiB(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(static_cast<qsizetype>(std::strlen(field)))
                .trimmed()
                .split(' ')[0]
                .toLongLong();
    return 0;
}

void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
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

    // Each round: the floor on every core, the verifier, the floor again (the verifier is compared
    // with the mean of the two around it, so a machine that gets busier or quieter in between
    // does not tilt the ratio), then the floor on one thread. Both cores were free in a round when
    // the floor on every core ran at least 1.6 times as fast as on one; the other rounds are
    // reported but left out of the summary when there is at least one free round.
    struct Round {
        double floorRate, oneRate, oursRate, floorCpu, oursCpu;
        bool coresFree() const { return floorRate >= 1.6 * oneRate; }
        double ratio() const { return oursRate / floorRate; }
    };
    std::vector<Round> all;
    qint64 extraKiB = 0; // the most the verifier added to the resident set
    const auto floorRun = [&](int threads, double& cpuPerRow) {
        bool allGood = false;
        const double cpu = cpuSeconds();
        const double rate = opensslRate(audit.publicKey(), pairs, threads, allGood);
        cpuPerRow = (cpuSeconds() - cpu) * 1e6 / static_cast<double>(rows);
        if (!allGood) {
            std::fprintf(stderr, "OpenSSL refused a signature of the log\n");
            std::exit(1);
        }
        return rate;
    };
    for (int r = 0; r < rounds; ++r) {
        Round round{};
        double cpuBefore = 0, cpuAfter = 0, cpuOne = 0;
        const double before = floorRun(cores, cpuBefore);
        resetPeak();
        const qint64 rssBefore = statusKiB("VmRSS:");
        timer.restart();
        const double cpu = cpuSeconds();
        auto verdict = AuditVerifier::verifyStore(**db, RegisterId, expect);
        const double secs = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        round.oursCpu = (cpuSeconds() - cpu) * 1e6 / static_cast<double>(rows);
        extraKiB = std::max(extraKiB, statusKiB("VmHWM:") - rssBefore);
        if (!verdict || !verdict->intact() || verdict->rowsVerified != rows) {
            out << "the verifier did not find the log intact: "
                << (verdict ? verdict->explanation : verdict.error().message) << Qt::endl;
            return 1;
        }
        const double after = floorRun(cores, cpuAfter);
        round.oneRate = floorRun(1, cpuOne);
        round.floorRate = (before + after) / 2;
        round.floorCpu = (cpuBefore + cpuAfter) / 2;
        round.oursRate = static_cast<double>(rows) / secs;
        all.push_back(round);
        std::fprintf(stderr,
                     "round %d: OpenSSL %.0f/s then %.0f/s (1 thread %.0f/s%s), verifier %.0f "
                     "rows/s, ratio %.2f; CPU per row %.1f us (OpenSSL) / %.1f us (verifier)\n",
                     r + 1, before, after, round.oneRate,
                     round.coresFree() ? "" : ": the cores were busy", round.oursRate,
                     round.ratio(), round.floorCpu, round.oursCpu);
    }
    std::vector<Round> counted;
    std::copy_if(all.begin(), all.end(), std::back_inserter(counted),
                 [](const Round& r) { return r.coresFree(); });
    if (counted.empty())
        counted = all;
    const auto med = [&](double Round::*field) {
        std::vector<double> v;
        for (const Round& r : counted)
            v.push_back(r.*field);
        return median(v);
    };
    std::vector<double> ratios;
    for (const Round& r : counted)
        ratios.push_back(r.ratio());

    out << "Audit log: " << rows << " rows, " << cores << " cores; " << counted.size() << " of "
        << rounds << " rounds had both cores free"
        << (counted.size() == all.size() && !all.front().coresFree()
                ? " (none did: every round is counted, the figures are not a fair comparison)"
                : "")
        << "; medians of those rounds\n\n";
    const auto us = [](double v) {
        return QString::number(v, 'f', 1);
    };
    out << "| measurement | rate | CPU per row (all threads) |\n|---|---|---|\n";
    out << "| AuditLog::append (10,000 rows per transaction) | " << fmt(appendRate)
        << " rows/s | |\n";
    out << "| OpenSSL Ed25519 verify, 1 thread | " << fmt(med(&Round::oneRate)) << " /s | |\n";
    out << "| OpenSSL Ed25519 verify, " << cores << " threads (the floor) | "
        << fmt(med(&Round::floorRate)) << " /s | " << us(med(&Round::floorCpu)) << " us |\n";
    out << "| AuditVerifier::verifyStore | " << fmt(med(&Round::oursRate)) << " rows/s | "
        << us(med(&Round::oursCpu)) << " us |\n";
    out << "| memory the verifier added at its peak | "
        << QString::number(static_cast<double>(extraKiB) / 1024.0, 'f', 1) << " MiB | |\n";
    out << "| ratio verifier / floor, per round (target >= 0.80) | "
        << QString::number(median(ratios), 'f', 2) << " ("
        << QString::number(*std::min_element(ratios.begin(), ratios.end()), 'f', 2) << " .. "
        << QString::number(*std::max_element(ratios.begin(), ratios.end()), 'f', 2) << ") |\n";
    out.flush();
    return 0;
}
