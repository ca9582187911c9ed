// posctl: the register's command line. Thin: parses arguments and calls core services.
#include "AuditCommands.h"
#include "Commands.h"
#include "SyncCommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <sys/prctl.h>
#include <sys/resource.h>

using namespace pos::cli;

namespace {

void disableCoreDumps()
{
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

const char* const Usage = R"(Commands:
  init --company NAME --owner-name NAME --owner-code CODE
       [--store NAME] [--register NAME] [--currency CODE]
                                 create this register's encrypted store and the owner's
                                 account: the password is asked twice, then the owner's
                                 authenticator app is enrolled (key printed here) and the code
                                 it shows is asked for

Every other command acts as a signed-in user: --user CODE (your user code). The password or
PIN, and for owners the sign-in code from the authenticator app on the next line, are read from
the terminal without echo, or from standard input when it is not a terminal.

  tax-class CODE RATE [--name NAME] [--exclusive]
                                 add a tax class (RATE in percent; prices include the tax
                                 unless --exclusive)
  import-catalog FILE.csv        import products; a file with any bad row imports nothing
  seed-demo [--products N] [--customers N] [--sales N]
                                 fill the store with demo data
  report x                       X report of the open shift
  report z [--counted AMOUNT]    with --counted: close the open shift and print its Z report;
                                 without: print the last Z report again
  audit verify                   check this register's audit trail (signatures, chain,
                                 checkpoints, the key); exits 1 naming the first damage
  audit export --out DIR         write DIR/audit-<register>-<date>.posaudit (a bundle anyone
                                 can check) and .csv (for people); after signing in, asks for
                                 one more code from the authenticator app

  sync enrol --server URL [--pin HEX] [--name NAME]
                                 enrol this register with the sync server (owners): after
                                 signing in, the one-time code from the enrolment sheet is read
                                 on the next line; --pin is the sheet's pin, needed when this
                                 computer does not trust the server's certificate
  sync now                       send what waits and fetch what changed, once, now
  sync status                    where the register is enrolled, what waits, the last sync

Needs nothing but the file (no store, no keychain, no --user):

  audit verify-bundle FILE [--expect-key BASE64]
                                 check an exported bundle: every register's chain against the
                                 key in it, every checkpoint; prints each key's fingerprint to
                                 compare with the register's; --expect-key makes another key
                                 an error
)";

} // namespace

int main(int argc, char** argv)
{
    disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("pos"));
    QCoreApplication::setApplicationName(QStringLiteral("pos"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Point of sale register command line\n\n") +
                                     QString::fromUtf8(Usage));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Use the store in DIR instead of the user's data folder."),
        QStringLiteral("DIR"));
    const QCommandLineOption keyFile(
        QStringLiteral("key-file"),
        QStringLiteral("Keep the store key in a passphrase-sealed file instead of "
                       "the system keychain (passphrase read from the terminal "
                       "or standard input)."),
        QStringLiteral("PATH"));
    const QCommandLineOption store(QStringLiteral("store"), QStringLiteral("Store name (init)."),
                                   QStringLiteral("NAME"), QStringLiteral("Demo Store"));
    const QCommandLineOption reg(QStringLiteral("register"),
                                 QStringLiteral("Register name (init)."), QStringLiteral("NAME"),
                                 QStringLiteral("Register 1"));
    const QCommandLineOption currency(QStringLiteral("currency"),
                                      QStringLiteral("ISO 4217 currency (init)."),
                                      QStringLiteral("CODE"), QStringLiteral("EUR"));
    const QCommandLineOption taxName(
        QStringLiteral("name"),
        QStringLiteral("Tax class name (tax-class); this register's name on the server (sync "
                       "enrol)."),
        QStringLiteral("NAME"));
    const QCommandLineOption syncServer(QStringLiteral("server"),
                                        QStringLiteral("The sync server, https://host[:port] "
                                                       "(sync enrol)."),
                                        QStringLiteral("URL"));
    const QCommandLineOption syncPin(QStringLiteral("pin"),
                                     QStringLiteral("The pin from the enrolment sheet, 64 hex "
                                                    "digits (sync enrol)."),
                                     QStringLiteral("HEX"));
    const QCommandLineOption exclusive(QStringLiteral("exclusive"),
                                       QStringLiteral("Tax is added at the till (tax-class)."));
    const QCommandLineOption products(QStringLiteral("products"), QStringLiteral("Demo products."),
                                      QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption customers(QStringLiteral("customers"),
                                       QStringLiteral("Demo customers."), QStringLiteral("N"),
                                       QStringLiteral("0"));
    const QCommandLineOption sales(QStringLiteral("sales"), QStringLiteral("Demo sales."),
                                   QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption company(
        QStringLiteral("company"), QStringLiteral("Company name (init)."), QStringLiteral("NAME"));
    const QCommandLineOption ownerName(QStringLiteral("owner-name"),
                                       QStringLiteral("The owner's name (init)."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption ownerCode(QStringLiteral("owner-code"),
                                       QStringLiteral("The owner's user code, 2 to 8 digits "
                                                      "(init)."),
                                       QStringLiteral("CODE"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("Your user code: the command acts as you (every "
                                                 "command but init)."),
                                  QStringLiteral("CODE"));
    const QCommandLineOption counted(
        QStringLiteral("counted"), QStringLiteral("Counted cash when closing a shift (report z)."),
        QStringLiteral("AMOUNT"));
    const QCommandLineOption outDir(QStringLiteral("out"),
                                    QStringLiteral("Folder to write the export to (audit export)."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption expectKey(
        QStringLiteral("expect-key"),
        QStringLiteral("The register's public key the bundle must have (audit verify-bundle)."),
        QStringLiteral("BASE64"));
    parser.addOptions({dataDir, keyFile, store, reg, currency, taxName, exclusive, products,
                       customers, sales, counted, user, company, ownerName, ownerCode, outDir,
                       expectKey, syncServer, syncPin});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See the list above."));
    parser.process(app);

    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err << parser.helpText();
        return 2;
    }
    StoreOptions options{parser.value(dataDir), parser.value(keyFile)};
    const QString command = args.first();
    const auto count = [&](const QCommandLineOption& o, qint64& out) {
        bool ok = false;
        out = parser.value(o).toLongLong(&ok);
        if (!ok || out < 0) {
            err << "posctl: --" << o.names().first() << " takes a whole number of 0 or more\n";
            return false;
        }
        return true;
    };

    if (command == QStringLiteral("audit") && args.size() == 2 &&
        args.at(1) == QStringLiteral("verify-bundle")) {
        err << "posctl: audit verify-bundle takes the bundle's file name\n";
        return 2;
    }
    if (command == QStringLiteral("audit") && args.size() == 3 &&
        args.at(1) == QStringLiteral("verify-bundle"))
        return runAuditVerifyBundle(args.at(2), parser.value(expectKey).trimmed());
    if (command == QStringLiteral("init") && args.size() == 1)
        return runInit(options, InitOptions{parser.value(store), parser.value(reg),
                                            parser.value(currency), parser.value(company),
                                            parser.value(ownerName), parser.value(ownerCode)});
    const QString userCode = parser.value(user).trimmed();
    const auto needsUser = [&] {
        if (!userCode.isEmpty())
            return true;
        err << "posctl: " << command
            << " acts on the store's data as a signed-in user: give --user CODE (your user "
               "code)\n";
        return false;
    };
    if (command == QStringLiteral("tax-class") && args.size() == 3)
        return needsUser() ? runTaxClass(options, userCode, args.at(1), args.at(2),
                                         parser.value(taxName), parser.isSet(exclusive))
                           : 2;
    if (command == QStringLiteral("import-catalog") && args.size() == 2)
        return needsUser() ? runImportCatalog(options, userCode, args.at(1)) : 2;
    if (command == QStringLiteral("seed-demo") && args.size() == 1) {
        qint64 p = 0, c = 0, s = 0;
        if (!count(products, p) || !count(customers, c) || !count(sales, s))
            return 2;
        return needsUser() ? runSeedDemo(options, userCode, p, c, s) : 2;
    }
    if (command == QStringLiteral("report") && args.size() == 2 &&
        (args.at(1) == QStringLiteral("x") || args.at(1) == QStringLiteral("z")))
        return needsUser() ? runReport(options, userCode, args.at(1) == QStringLiteral("z"),
                                       parser.value(counted))
                           : 2;

    if (command == QStringLiteral("audit") && args.size() == 2 &&
        args.at(1) == QStringLiteral("verify"))
        return needsUser() ? runAuditVerify(options, userCode) : 2;
    if (command == QStringLiteral("audit") && args.size() == 2 &&
        args.at(1) == QStringLiteral("export")) {
        if (parser.value(outDir).trimmed().isEmpty()) {
            err << "posctl: audit export writes two files: give --out DIR (the folder)\n";
            return 2;
        }
        return needsUser() ? runAuditExport(options, userCode, parser.value(outDir).trimmed()) : 2;
    }

    if (command == QStringLiteral("sync") && args.size() == 2) {
        const QString sub = args.at(1);
        if (sub == QStringLiteral("enrol")) {
            if (parser.value(syncServer).trimmed().isEmpty()) {
                err << "posctl: sync enrol needs the server's address: --server https://host\n";
                return 2;
            }
            return needsUser() ? runSyncEnrol(options, userCode, parser.value(syncServer),
                                              parser.value(syncPin), parser.value(taxName))
                               : 2;
        }
        if (sub == QStringLiteral("now"))
            return needsUser() ? runSyncNow(options, userCode) : 2;
        if (sub == QStringLiteral("status"))
            return needsUser() ? runSyncStatus(options, userCode) : 2;
    }

    err << "posctl: unknown command or wrong arguments: " << args.join(u' ') << "\n\n"
        << QString::fromUtf8(Usage);
    return 2;
}
