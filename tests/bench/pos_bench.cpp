// Benchmarks on a store of 1,000,000 demo products (or --products N). Every figure of ours is set
// beside the same work done with bare SQLCipher calls in the same run (the floor), and the README
// reports the ratio. Run: build/tests/bench/pos_bench [--products N] [--audit-rows N]
#include "Benches.h"

#include "Clock.h"
#include "TestStaff.h"
#include "audit/AuditLog.h"
#include "demo/DemoSeeder.h"
#include "staff/AccessControl.h"
#include "store/KeyStore.h"
#include "store/RegisterSettings.h"
#include "store/StoreFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>

using namespace pos;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption productsOpt(QStringLiteral("products"),
                                         QStringLiteral("Products in the catalog."),
                                         QStringLiteral("N"), QStringLiteral("1000000"));
    parser.addOption(productsOpt);
    const QCommandLineOption auditOpt(QStringLiteral("audit-rows"),
                                      QStringLiteral("Audit rows for the audit viewer (0: none)."),
                                      QStringLiteral("N"), QStringLiteral("1000000"));
    parser.addOption(auditOpt);
    parser.process(app);
    const qint64 products = parser.value(productsOpt).toLongLong();
    const qint64 auditRows = parser.value(auditOpt).toLongLong();

    QTextStream out(stdout);
    QTemporaryDir dir;
    MemoryKeyStore keys;
    const QString path = dir.filePath(QStringLiteral("register.db"));
    auto db = StoreFile::openOrCreate(path, keys);
    if (!db) {
        out << "cannot create the store: " << db.error().message << Qt::endl;
        return 1;
    }
    RegisterSettings settings{QStringLiteral("Bench Store"), QStringLiteral("Register 1"),
                              QStringLiteral("6f1c9b2e-0000-4000-8000-000000000001"),
                              QStringLiteral("EUR")};
    if (!settings.save(**db))
        return 1;
    // Shifts, sales and the rest are audited: the register's log is attached as the app does.
    static SystemClock auditClock; // outlives the database that keeps the log
    auto auditLog = AuditLog::open(**db, keys, settings.registerId, auditClock);
    if (!auditLog) {
        out << "cannot open the audit log: " << auditLog.error().message << Qt::endl;
        return 1;
    }
    (*db)->attachAuditLog(std::move(*auditLog));

    // Staff and live sessions with plain SQL, as the core tests make them (no scrypt here).
    AccessControl access(**db);
    test::TestStaff staff(**db, keys, settings.registerId);
    const Session owner = staff.signIn(Role::Owner, QStringLiteral("Bench Owner"));
    const Session cashier = staff.signIn(Role::Cashier, QStringLiteral("Bench Cashier"));

    QElapsedTimer timer;
    timer.start();
    DemoSeeder seeder(**db, access, settings.currency);
    auto seeded = seeder.seedProducts(owner, products, [&](qint64 done, qint64 total) {
        std::fprintf(stderr, "\rseeding %lld / %lld", static_cast<long long>(done),
                     static_cast<long long>(total));
    });
    std::fprintf(stderr, "\n");
    if (!seeded) {
        out << "seeding failed: " << seeded.error().message << Qt::endl;
        return 1;
    }
    const double seedSecs = static_cast<double>(timer.elapsed()) / 1000.0;
    (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)");

    auto key = keys.read(StoreFile::keyNameFor(path));
    bench::BenchStore store{path, db->get(), &*key, products, &access, owner, cashier};
    QStringList rows;
    bench::benchLookup(store, rows);
    bench::benchSearch(store, rows);
    bench::benchSaleCommit(store, rows);
    const QString child =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("pos_coldstart"));
    bench::benchColdStart(store, child, rows);
    QStringList auditRowsOut;
    if (auditRows > 0)
        bench::benchAuditView(store, auditRows, auditRowsOut);

    out << "Catalog: " << products << " products seeded in " << QString::number(seedSecs, 'f', 1)
        << " s (" << QString::number(static_cast<double>(products) / seedSecs, 'f', 0)
        << " products/s), store file " << QFileInfo(path).size() / (1024 * 1024) << " MiB\n\n";
    out << "| benchmark | n | ours p50 / p99 (us) | bare SQLCipher p50 / p99 (us) | mean ratio | "
           "p99 ratio |\n";
    out << "|---|---|---|---|---|---|\n";
    for (const QString& r : std::as_const(rows))
        out << r << '\n';
    if (!auditRowsOut.isEmpty())
        out << '\n';
    for (const QString& r : std::as_const(auditRowsOut))
        out << r << '\n';
    out.flush();
    return 0;
}
