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

int runTaxClass(const StoreOptions& options, const QString& user, const QString& code,
                const QString& rate, const QString& name, bool exclusive)
{
    // Percent with up to 4 decimals is exactly parts per million: 19 -> 190000, 7.25 -> 72500.
    auto ppm = Money::parseMinor(rate, 4, false);
    if (!ppm || *ppm > 1000000) {
        err()
            << "posctl: the tax rate must be a percentage from 0 to 100 with at most 4 decimals\n";
        return 2;
    }
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    CatalogService catalog(s.db(), s.access(), s.settings().currency);
    const QString shown = name.isEmpty() ? code : name;
    auto id = catalog.addTaxClass(s.session(), TaxClass{0, code, shown, *ppm, !exclusive});
    if (!id)
        return failWith(id.error());
    out() << "Tax class " << code << " (" << shown << ") at " << rate << "% "
          << (exclusive ? "added at the till" : "included in prices") << " is ready." << Qt::endl;
    return 0;
}

int runImportCatalog(const StoreOptions& options, const QString& user, const QString& csvPath)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    auto report = importCsv(s.db(), s.access(), s.session(), csvPath, s.settings().currency,
                            progressLine(QStringLiteral("Checking rows")));
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

int runSeedDemo(const StoreOptions& options, const QString& user, qint64 products, qint64 customers,
                qint64 sales)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    QElapsedTimer timer;
    timer.start();
    DemoSeeder seeder(s.db(), s.access(), s.settings().currency);
    if (products > 0) {
        auto n =
            seeder.seedProducts(s.session(), products, progressLine(QStringLiteral("Products")));
        if (!n)
            return failWith(n.error());
        out() << "Seeded " << *n << " products in " << seconds(timer) << " s." << Qt::endl;
    }
    if (customers > 0) {
        timer.restart();
        auto n =
            seeder.seedCustomers(s.session(), customers, progressLine(QStringLiteral("Customers")));
        if (!n)
            return failWith(n.error());
        out() << "Seeded " << *n << " customers in " << seconds(timer) << " s." << Qt::endl;
    }
    if (sales > 0) {
        timer.restart();
        auto n = seedDemoSales(s.db(), s.access(), s.session(), sales, 42,
                               progressLine(QStringLiteral("Sales")));
        if (!n)
            return failWith(n.error());
        out() << "Rang up " << *n << " demo sales in " << seconds(timer) << " s." << Qt::endl;
    }
    return 0;
}

int runReport(const StoreOptions& options, const QString& user, bool z, const QString& countedText)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    const RegisterSettings& settings = s.settings();
    ShiftService shifts(s.db(), s.access(), s.clock(), s.ids(), settings.registerId,
                        settings.currency);
    Result<ShiftReport> report = fail(ErrorCode::Internal, QString());
    if (!z) {
        report = shifts.xReport(s.session());
    } else if (!countedText.isEmpty()) {
        auto counted = Money::parse(countedText, settings.currency);
        if (!counted)
            return failWith(counted.error());
        report = shifts.close(s.session(), counted->minor());
    } else {
        report = shifts.lastZReport(s.session());
    }
    if (!report)
        return failWith(report.error());
    out() << formatShiftReport(*report, settings.storeName, settings.registerName) << Qt::flush;
    return 0;
}

} // namespace pos::cli
