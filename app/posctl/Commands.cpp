#include "Commands.h"

#include "Console.h"

#include "../common/StaffKeys.h"
#include "Clock.h"
#include "auth/CredentialHash.h"
#include "catalog/CatalogService.h"
#include "catalog/CsvImporter.h"
#include "demo/DemoSalesSeeder.h"
#include "demo/DemoSeeder.h"
#include "money/Money.h"
#include "reports/ShiftReportText.h"
#include "shifts/ShiftService.h"
#include "staff/SetupService.h"
#include "store/RegisterSettings.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>
#include <QUuid>

namespace pos::cli {

namespace {

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

namespace {

int missingOwner()
{
    err() << "posctl: init sets up the owner's account too: give --company NAME, --owner-name NAME "
             "and --owner-code CODE (2 to 8 digits)\n";
    return 2;
}

} // namespace

int runInit(const StoreOptions& options, const InitOptions& init)
{
    static const QRegularExpression iso(QStringLiteral("^[A-Z]{3}$"));
    if (!iso.match(init.currency).hasMatch()) {
        err() << "posctl: --currency takes a three-letter ISO 4217 code such as EUR\n";
        return 2;
    }
    if (init.storeName.trimmed().isEmpty() || init.registerName.trimmed().isEmpty()) {
        err() << "posctl: the store and register names must not be empty\n";
        return 2;
    }
    const bool ownerGiven = !init.companyName.trimmed().isEmpty() &&
                            !init.ownerName.trimmed().isEmpty() &&
                            !init.ownerCode.trimmed().isEmpty();
    // No store and no key are made for a command that cannot finish.
    auto path = storePath(options);
    if (!path)
        return failWith(path.error());
    if (!ownerGiven && !QFileInfo::exists(*path))
        return missingOwner();

    auto store = openStore(options, true);
    if (!store)
        return failWith(store.error());
    Database& db = *store->db;
    SystemClock clock;
    RandomIdSource ids;
    // A store from before staff existed keeps its register id; set-up gives a new store one.
    auto existing = RegisterSettings::load(db);
    if (!existing && existing.error().code != ErrorCode::NotFound)
        return failWith(existing.error());
    AuthService auth(db, *store->keys, app::pinPepperNameFor(store->path), clock, ids,
                     existing ? existing->registerId : QString());
    SetupService setup(db, auth, clock, ids);
    auto done = setup.isSetUp();
    if (!done)
        return failWith(done.error());
    if (*done) {
        if (existing)
            if (auto s = attachAuditLog(*store, existing->registerId); !s)
                return failWith(s.error());
        out() << "The store at " << store->path << " is already set up"
              << (existing ? QStringLiteral(" for %1 / %2")
                                 .arg(existing->storeName, existing->registerName)
                           : QString())
              << "; nothing changed." << Qt::endl;
        return 0;
    }
    if (!ownerGiven)
        return missingOwner();

    SetupRequest request;
    request.companyName = init.companyName.trimmed();
    request.storeName = existing ? existing->storeName : init.storeName.trimmed();
    request.registerName = existing ? existing->registerName : init.registerName.trimmed();
    request.currency = existing ? existing->currency : init.currency;
    request.ownerName = init.ownerName.trimmed();
    request.ownerCode = init.ownerCode.trimmed();

    // AUTH-1: the owner chooses the password now (no default), typed twice.
    auto password = readSecret("Owner's password: ", QStringLiteral("password"));
    if (!password)
        return failWith(password.error());
    if (auto ok = CredentialHash::checkPasswordPolicy(*password); !ok)
        return failWith(Error{ErrorCode::InvalidInput,
                              QStringLiteral("the password is not accepted: %1; nothing was set up")
                                  .arg(ok.error().message)});
    auto again = readSecret("Repeat the password: ", QStringLiteral("password"));
    if (!again)
        return failWith(again.error());
    if (!again->equals(*password))
        return failWith(Error{ErrorCode::InvalidInput,
                              QStringLiteral("the two passwords differ; nothing was set up")});
    request.ownerPassword = std::move(*password);

    // AUTH-2: the owner's authenticator app, enrolled from the key text or the URI (a QR code
    // in the desktop wizard), proven by the code it shows now.
    auto secret = SetupService::newTotpSecret();
    if (!secret)
        return failWith(secret.error());
    out() << "Add the owner's account to an authenticator app (TOTP, 6 digits, 30 s):\n"
          << "  key:  " << SetupService::secretText(*secret) << '\n'
          << "  link: "
          << SetupService::provisioningUri(*secret, request.companyName, request.ownerCode) << '\n'
          << "Keep this key secret: with the password it signs the owner in." << Qt::endl;
    auto code = readSecret("Code the app shows now: ", QStringLiteral("sign-in code"));
    if (!code)
        return failWith(code.error());
    request.totpSecret = std::move(*secret);
    request.totpCode = std::move(*code);

    auto session = setup.run(request);
    if (!session)
        return failWith(session.error());
    (void)auth.signOut(*session, QStringLiteral("posctl init finished"));
    out() << "Created the encrypted store " << store->path << " for " << request.storeName << " / "
          << request.registerName << " (" << request.currency << "); its key is in "
          << store->keys->describe() << ".\n"
          << "The owner " << request.ownerName << " signs in with user code " << request.ownerCode
          << ", the password and the app's code; posctl commands take --user " << request.ownerCode
          << '.' << Qt::endl;
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
