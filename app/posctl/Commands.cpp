#include "Commands.h"

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "catalog/CsvImporter.h"
#include "demo/DemoSalesSeeder.h"
#include "demo/DemoSeeder.h"
#include "money/Money.h"
#include "reports/ShiftReportText.h"
#include "shifts/ShiftService.h"
#include "store/RegisterSettings.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTextStream>
#include <QUuid>

namespace pos::cli {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

int failWith(const Error& e)
{
    err() << "posctl: " << e.message << Qt::endl;
    return 1;
}

// A progress line on standard error that rewrites itself: long work shows it is moving.
std::function<void(qint64, qint64)> progressLine(const QString& what)
{
    return [what](qint64 done, qint64 total) {
        const qint64 pct = total > 0 ? done * 100 / total : 100;
        err() << '\r' << what << ": " << done << " / " << total << " (" << pct << "%)";
        if (done >= total)
            err() << '\n';
        err().flush();
    };
}

QString seconds(const QElapsedTimer& timer)
{
    return QString::number(static_cast<double>(timer.elapsed()) / 1000.0, 'f', 1);
}

// Every command but init works on a store that init has set up.
struct SetUpStore {
    OpenStore open;
    RegisterSettings settings;
};

Result<SetUpStore> openSetUp(const StoreOptions& options)
{
    auto store = openStore(options, false);
    if (!store)
        return std::unexpected(store.error());
    auto settings = RegisterSettings::load(*store->db);
    if (!settings) {
        if (settings.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, QStringLiteral("this store has no register settings "
                                                            "yet; run 'posctl init' first"));
        return std::unexpected(settings.error());
    }
    return SetUpStore{std::move(*store), std::move(*settings)};
}

} // namespace

int runInit(const StoreOptions& options, const QString& storeName, const QString& registerName,
            const QString& currency)
{
    static const QRegularExpression iso(QStringLiteral("^[A-Z]{3}$"));
    if (!iso.match(currency).hasMatch()) {
        err() << "posctl: --currency takes a three-letter ISO 4217 code such as EUR\n";
        return 2;
    }
    if (storeName.trimmed().isEmpty() || registerName.trimmed().isEmpty()) {
        err() << "posctl: the store and register names must not be empty\n";
        return 2;
    }
    auto store = openStore(options, true);
    if (!store)
        return failWith(store.error());
    if (auto existing = RegisterSettings::load(*store->db); existing) {
        out() << "The store at " << store->path << " is already set up for " << existing->storeName
              << " / " << existing->registerName << "; nothing changed." << Qt::endl;
        return 0;
    }
    RegisterSettings settings{storeName.trimmed(), registerName.trimmed(),
                              QUuid::createUuid().toString(QUuid::WithoutBraces), currency};
    if (auto s = settings.save(*store->db); !s)
        return failWith(s.error());
    out() << "Created the encrypted store " << store->path << " for " << settings.storeName << " / "
          << settings.registerName << " (" << settings.currency << "); its key is in "
          << store->keys->describe() << '.' << Qt::endl;
    return 0;
}

int runTaxClass(const StoreOptions& options, const QString& code, const QString& rate,
                const QString& name, bool exclusive)
{
    // Percent with up to 4 decimals is exactly parts per million: 19 -> 190000, 7.25 -> 72500.
    auto ppm = Money::parseMinor(rate, 4, false);
    if (!ppm || *ppm > 1000000) {
        err()
            << "posctl: the tax rate must be a percentage from 0 to 100 with at most 4 decimals\n";
        return 2;
    }
    auto store = openSetUp(options);
    if (!store)
        return failWith(store.error());
    Database& db = *store->open.db;
    const RegisterSettings& settings = store->settings;
    CatalogService catalog(db, settings.currency);
    const QString shown = name.isEmpty() ? code : name;
    auto id = catalog.addTaxClass(TaxClass{0, code, shown, *ppm, !exclusive});
    if (!id)
        return failWith(id.error());
    out() << "Tax class " << code << " (" << shown << ") at " << rate << "% "
          << (exclusive ? "added at the till" : "included in prices") << " is ready." << Qt::endl;
    return 0;
}

int runImportCatalog(const StoreOptions& options, const QString& csvPath)
{
    auto store = openSetUp(options);
    if (!store)
        return failWith(store.error());
    Database& db = *store->open.db;
    const RegisterSettings& settings = store->settings;
    auto report =
        importCsv(db, csvPath, settings.currency, progressLine(QStringLiteral("Checking rows")));
    if (!report)
        return failWith(report.error());
    if (!report->issues.isEmpty()) {
        for (const ImportIssue& issue : report->issues)
            err() << csvPath << ":" << issue.line << ": " << issue.message << '\n';
        err() << "posctl: " << report->issues.size()
              << " bad row(s); nothing was imported. Fix them and run the import again."
              << Qt::endl;
        return 1;
    }
    out() << "Imported " << report->imported << " products from " << csvPath << '.' << Qt::endl;
    return 0;
}

int runSeedDemo(const StoreOptions& options, qint64 products, qint64 customers, qint64 sales)
{
    auto store = openSetUp(options);
    if (!store)
        return failWith(store.error());
    Database& db = *store->open.db;
    const RegisterSettings& settings = store->settings;
    QElapsedTimer timer;
    timer.start();
    DemoSeeder seeder(db, settings.currency);
    if (products > 0) {
        auto n = seeder.seedProducts(products, progressLine(QStringLiteral("Products")));
        if (!n)
            return failWith(n.error());
        out() << "Seeded " << *n << " products in " << seconds(timer) << " s." << Qt::endl;
    }
    if (customers > 0) {
        timer.restart();
        auto n = seeder.seedCustomers(customers, progressLine(QStringLiteral("Customers")));
        if (!n)
            return failWith(n.error());
        out() << "Seeded " << *n << " customers in " << seconds(timer) << " s." << Qt::endl;
    }
    if (sales > 0) {
        timer.restart();
        auto n = seedDemoSales(db, sales, 42, progressLine(QStringLiteral("Sales")));
        if (!n)
            return failWith(n.error());
        out() << "Rang up " << *n << " demo sales in " << seconds(timer) << " s." << Qt::endl;
    }
    return 0;
}

int runReport(const StoreOptions& options, bool z, const QString& countedText)
{
    auto store = openSetUp(options);
    if (!store)
        return failWith(store.error());
    Database& db = *store->open.db;
    const RegisterSettings& settings = store->settings;
    SystemClock clock;
    RandomIdSource ids;
    ShiftService shifts(db, clock, ids, settings.registerId, settings.currency);
    Result<ShiftReport> report = fail(ErrorCode::Internal, QString());
    if (!z) {
        report = shifts.xReport();
    } else if (!countedText.isEmpty()) {
        auto counted = Money::parse(countedText, settings.currency);
        if (!counted)
            return failWith(counted.error());
        report = shifts.close(QStringLiteral("posctl"), counted->minor());
    } else {
        report = shifts.lastZReport();
    }
    if (!report)
        return failWith(report.error());
    out() << formatShiftReport(*report, settings.storeName, settings.registerName) << Qt::flush;
    return 0;
}

} // namespace pos::cli
