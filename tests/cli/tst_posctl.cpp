// posctl driven as an operator would: real processes, the real system keychain (this test runs
// inside tests/support/with-keyring.sh), then the store opened through core to check what the
// commands really did. init sets up the owner (password twice, then the authenticator app: the
// test reads the printed key and answers with the code an app would show, computed with
// pos::Totp); every other command signs a user in with --user and a secret on standard input.
#include "../../app/common/StaffKeys.h"
#include "Clock.h"
#include "PosctlRunner.h"
#include "audit/AuditVerifier.h"
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "staff/AuthService.h"
#include "store/KeychainKeyStore.h"
#include "store/RegisterSettings.h"
#include "store/StoreFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace pos;
using namespace pos::test;

namespace {

const QByteArray OwnerPassword = "owner pass phrase 1";
const QByteArray ManagerPassword = "manager pass phrase 2";
const QByteArray CashierPin = "2468";
const QByteArray AuditorPassword = "auditor pass phrase 4";
const QByteArray SecondOwnerPassword = "second owner pass phrase 5";

QByteArray sha(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

SecretBytes secret(const QByteArray& text)
{
    return SecretBytes(reinterpret_cast<const unsigned char*>(text.constData()),
                       static_cast<std::size_t>(text.size()));
}

} // namespace

class TestPosctl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void initMakesAnEncryptedStoreAndTheOwner();
    void staffFromTheBackOffice();
    void signInIsNeeded();
    void badCsvImportsNothingAndNamesEveryLine();
    void goodCsvImports();
    void cashierMayNotImport();
    void seedAndReports();
    void auditVerify();
    void auditExport();
    void auditVerifyBundle();
    void sealedKeyFileInsteadOfKeychain();
    void wrongUsage_data();
    void wrongUsage();

private:
    QStringList dir() const { return {QStringLiteral("--data-dir"), m_dir.path()}; }
    QStringList as(const char* code) const
    {
        return dir() + QStringList{QStringLiteral("--user"), QString::fromLatin1(code)};
    }
    QByteArray ownerInput() { return OwnerPassword + '\n' + m_app.nextCode() + '\n'; }
    qint64 count(const char* sql);
    QString text(const char* sql);
    QTemporaryDir m_dir;
    QString m_db;
    Authenticator m_app;
    // A second owner, enrolled by the back office: exports take two of its codes in a row, which
    // the first owner's app (whose codes the other commands use up) could give only after a wait.
    Authenticator m_secondApp;
    QString m_fingerprint; // as `audit verify` shows it
    QString m_bundle;      // the exported bundle
};

void TestPosctl::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("register.db"));
}

QString TestPosctl::text(const char* sql)
{
    KeychainKeyStore keys;
    auto db = StoreFile::openExisting(m_db, keys);
    if (!db)
        return {};
    auto q = (*db)->query(sql);
    if (!q || !q->next().value_or(false))
        return {};
    return q->text(0);
}

qint64 TestPosctl::count(const char* sql)
{
    KeychainKeyStore keys;
    auto db = StoreFile::openExisting(m_db, keys);
    if (!db)
        return -1;
    auto n = (*db)->scalar(sql);
    return n ? *n : -1;
}

void TestPosctl::initMakesAnEncryptedStoreAndTheOwner()
{
    // Without the owner's details nothing is made.
    auto r = posctl(dir() + QStringList{QStringLiteral("init")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--owner-code")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(m_db));

    const QStringList init =
        dir() + QStringList{QStringLiteral("init"),        QStringLiteral("--store"),
                            QStringLiteral("Corner Shop"), QStringLiteral("--company"),
                            QStringLiteral("Corner Ltd"),  QStringLiteral("--owner-name"),
                            QStringLiteral("Olga Owner"),  QStringLiteral("--owner-code"),
                            QStringLiteral("1001")};
    // Two different passwords: refused before anything is enrolled.
    r = posctl(init, OwnerPassword + "\nsomething else entirely\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("differ")), qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("otpauth://")));
    QCOMPARE(count("SELECT count(*) FROM users"), 0);

    r = posctlInit(init, OwnerPassword + '\n' + OwnerPassword + '\n', m_app);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("Created the encrypted store")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("--user 1001")));
    for (const QString& text : {r.out, r.err})
        QVERIFY(!text.contains(QString::fromLatin1(OwnerPassword)));
    QFile f(m_db);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.read(16).startsWith("SQLite format 3"));
    QCOMPARE(count("SELECT count(*) FROM users WHERE role = 'owner' AND code = '1001' AND "
                   "totp_secret IS NOT NULL"),
             1);
    QCOMPARE(count("SELECT count(*) FROM companies"), 1);
    // init leaves no live session behind.
    QCOMPARE(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 0);

    // Running init again changes nothing.
    r = posctl(dir() + QStringList{QStringLiteral("init")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("already set up for Corner Shop")), qPrintable(r.out));

    // The owner signs in with password and the app's next code.
    r = posctl(as("1001") + QStringList{QStringLiteral("tax-class"), QStringLiteral("STD"),
                                        QStringLiteral("19"), QStringLiteral("--name"),
                                        QStringLiteral("Standard")},
               ownerInput());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = posctl(as("1001") + QStringList{QStringLiteral("tax-class"), QStringLiteral("BAD"),
                                        QStringLiteral("120")});
    QCOMPARE(r.code, 2);
    QCOMPARE(count("SELECT count(*) FROM products"), 0);
    QCOMPARE(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 0);
}

// A manager (password) and a cashier (PIN), added the way the back office would store them:
// hashes made by AuthService with this store's PIN pepper from the keychain.
void TestPosctl::staffFromTheBackOffice()
{
    KeychainKeyStore keys;
    auto db = StoreFile::openExisting(m_db, keys);
    QVERIFY(db);
    auto settings = RegisterSettings::load(**db);
    QVERIFY(settings);
    SystemClock clock;
    RandomIdSource ids;
    AuthService::Options cheap;
    cheap.hashParams = Scrypt::Params{1u << 10, 8, 1};
    AuthService auth(**db, keys, app::pinPepperNameFor(m_db), clock, ids, settings->registerId,
                     cheap);
    const auto add = [&](const char* code, const char* name, const char* role, bool pin,
                         const QByteArray& secretText, const QByteArray& totpKey = {}) {
        auto hash = pin ? auth.hashPin(secret(secretText)) : auth.hashPassword(secret(secretText));
        QVERIFY(hash);
        auto q = (*db)->query(
            "INSERT INTO users (uuid, company_id, code, name, role, pin_hash, password_hash, "
            "totp_secret, credentials_at, created_at) SELECT ?1, id, ?2, ?3, ?4, ?5, ?6, ?7, "
            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM companies");
        q->bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces));
        q->bind(2, QString::fromLatin1(code)).bind(3, QString::fromLatin1(name));
        q->bind(4, QString::fromLatin1(role));
        q->bind(5, pin ? *hash : QString()).bind(6, pin ? QString() : *hash);
        if (totpKey.isEmpty())
            q->bindNull(7);
        else
            q->bind(7, totpKey);
        QVERIFY(q->run());
        auto s = (*db)->query("INSERT INTO user_stores (user_id, store_id) "
                              "SELECT ?1, id FROM stores");
        s->bind(1, (*db)->lastInsertRowId());
        QVERIFY(s->run());
    };
    add("2001", "Mia Manager", "manager", false, ManagerPassword);
    add("3001", "Carl Cashier", "cashier", true, CashierPin);
    add("4001", "Ada Auditor", "auditor", false, AuditorPassword);
    auto key = Totp::generateSecret();
    QVERIFY(key);
    m_secondApp.enrol(*key);
    add("1002", "Oscar Owner", "owner", false, SecondOwnerPassword,
        QByteArray(reinterpret_cast<const char*>(key->data()),
                   static_cast<qsizetype>(key->size())));
}

void TestPosctl::signInIsNeeded()
{
    const QStringList report = {QStringLiteral("report"), QStringLiteral("x")};
    // No --user: usage.
    auto r = posctl(dir() + report);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--user")), qPrintable(r.err));
    // A wrong password is refused like an unknown code, and never repeated.
    r = posctl(as("2001") + report, "not the password\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("user code or password is not right")),
             qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("not the password")));
    r = posctl(as("9999") + report, ManagerPassword + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("user code or password is not right")),
             qPrintable(r.err));
    // Nothing on standard input: no password.
    r = posctl(as("2001") + report);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no password was given")), qPrintable(r.err));
    // The owner without the app's code is refused.
    r = posctl(as("1001") + report, OwnerPassword + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no sign-in code was given")), qPrintable(r.err));
    QVERIFY(count("SELECT count(*) FROM auth_events WHERE kind = 'failure'") >= 2);
    QCOMPARE(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 0);
}

void TestPosctl::badCsvImportsNothingAndNamesEveryLine()
{
    const QString csv = m_dir.filePath(QStringLiteral("bad.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("sku,name,price,tax_code,barcodes\n"
            "A1,Apples,1.99,STD,4006381333931\n" // line 2: good
            "A2,Pears,-3.00,STD,\n"              // line 3: negative price
            "A3,Plums,0.99,STD,4006381333932\n"  // line 4: wrong check digit
            "A4,,0.99,STD,\n"                    // line 5: no name
            "A5,Figs,0.99,NOPE,\n"               // line 6: unknown tax class
            "A1,Apples again,1.00,STD,\n");      // line 7: duplicate SKU
    f.close();
    auto r = posctl(as("2001") + QStringList{QStringLiteral("import-catalog"), csv},
                    ManagerPassword + '\n');
    QCOMPARE(r.code, 1);
    for (int line : {3, 4, 5, 6, 7})
        QVERIFY2(r.err.contains(csv + u':' + QString::number(line) + u':'), qPrintable(r.err));
    QVERIFY(!r.err.contains(csv + QStringLiteral(":2:")));
    QVERIFY(r.err.contains(QStringLiteral("nothing was imported")));
    QCOMPARE(count("SELECT count(*) FROM products"), 0);
}

void TestPosctl::goodCsvImports()
{
    const QString csv = m_dir.filePath(QStringLiteral("good.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("sku,name,price,tax_code,barcodes,sold_by_weight\n"
            "A1,Apples,1.99,STD,4006381333931,0\n"
            "C1,\"Cheese, aged\",24.90,STD,,1\n"
            "B1,Bread,3.20,STD,73513537|036000291452,0\n");
    f.close();
    auto r = posctl(as("2001") + QStringList{QStringLiteral("import-catalog"), csv},
                    ManagerPassword + '\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("Imported 3 products")));
    QCOMPARE(count("SELECT count(*) FROM products"), 3);
}

// RBAC-2 through the command line: a cashier signs in (PIN) but may not change the catalog.
void TestPosctl::cashierMayNotImport()
{
    const QString csv = m_dir.filePath(QStringLiteral("more.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("sku,name,price,tax_code\nT1,Tea,2.49,STD\n");
    f.close();
    auto r =
        posctl(as("3001") + QStringList{QStringLiteral("import-catalog"), csv}, CashierPin + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Your role (Cashier) may not")), qPrintable(r.err));
    QCOMPARE(count("SELECT count(*) FROM products"), 3);
    r = posctl(as("3001") + QStringList{QStringLiteral("seed-demo"), QStringLiteral("--products"),
                                        QStringLiteral("5")},
               CashierPin + '\n');
    QCOMPARE(r.code, 1);
    QCOMPARE(count("SELECT count(*) FROM products"), 3);
}

void TestPosctl::seedAndReports()
{
    auto r = posctl(as("2001") + QStringList{QStringLiteral("seed-demo"),
                                             QStringLiteral("--products"), QStringLiteral("200"),
                                             QStringLiteral("--customers"), QStringLiteral("20")},
                    ManagerPassword + '\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(count("SELECT count(*) FROM products"), 203);
    // Made-up sales in the books are the owner's decision (settings.manage).
    const QStringList sales = {QStringLiteral("seed-demo"), QStringLiteral("--sales"),
                               QStringLiteral("12")};
    r = posctl(as("2001") + sales, ManagerPassword + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Your role (Manager) may not")), qPrintable(r.err));
    QCOMPARE(count("SELECT count(*) FROM sales"), 0);
    r = posctl(as("1001") + sales, ownerInput());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(count("SELECT count(*) FROM sales WHERE cashier = 'Olga Owner' AND cashier_id = "
                   "(SELECT id FROM users WHERE code = '1001')"),
             12);

    r = posctl(as("3001") + QStringList{QStringLiteral("report"), QStringLiteral("x")},
               CashierPin + '\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("X REPORT")));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\nSales +12\\n"))),
             qPrintable(r.out));
    r = posctl(as("2001") + QStringList{QStringLiteral("report"), QStringLiteral("z"),
                                        QStringLiteral("--counted"), QStringLiteral("abc")},
               ManagerPassword + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("'abc' is not an amount")));
    r = posctl(as("2001") + QStringList{QStringLiteral("report"), QStringLiteral("z"),
                                        QStringLiteral("--counted"), QStringLiteral("200.00")},
               ManagerPassword + '\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("Z REPORT")));
    QVERIFY(r.out.contains(QStringLiteral("Counted")));
    QVERIFY(r.out.contains(QStringLiteral("Mia Manager"))); // who closed it
    // The shift is closed now: no X report, but the Z report can be printed again.
    r = posctl(as("3001") + QStringList{QStringLiteral("report"), QStringLiteral("x")},
               CashierPin + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("open a shift first")));
    r = posctl(as("3001") + QStringList{QStringLiteral("report"), QStringLiteral("z")},
               CashierPin + '\n');
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("Z REPORT")));
    QCOMPARE(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 0);
}

// The audit trail from the command line: an auditor verifies it (audit.view), a cashier may not.
void TestPosctl::auditVerify()
{
    const QStringList verify = {QStringLiteral("audit"), QStringLiteral("verify")};
    auto r = posctl(as("3001") + verify, CashierPin + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Your role (Cashier) may not")), qPrintable(r.err));
    r = posctl(as("4001") + verify, AuditorPassword + '\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    static const QRegularExpression verified(
        QStringLiteral("^verified: (\\d+) rows, (\\d+) checkpoints, key fingerprint "
                       "([0-9a-f]{4}( [0-9a-f]{4}){7})$"),
        QRegularExpression::MultilineOption);
    const auto m = verified.match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));
    // Every sign-in so far, the set-up and the catalog changes are rows of the chain.
    QCOMPARE(m.captured(1).toLongLong(), count("SELECT count(*) FROM audit_log") - 1);
    QVERIFY(m.captured(2).toLongLong() >= 1);
    m_fingerprint = m.captured(3);
    QCOMPARE(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 0);
}

// An owner exports with password, sign-in code and one more code; a manager may not. (A wrong or
// reused code is refused before anything is written: tst_auditexport; here it would cost a third
// code of the app and so a wait for the next one.)
void TestPosctl::auditExport()
{
    const QString outDir = m_dir.filePath(QStringLiteral("exports"));
    const QStringList exportTo = {QStringLiteral("audit"), QStringLiteral("export"),
                                  QStringLiteral("--out"), outDir};
    auto r = posctl(as("1002") + QStringList{QStringLiteral("audit"), QStringLiteral("export")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--out DIR")), qPrintable(r.err));
    r = posctl(as("2001") + exportTo, ManagerPassword + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Your role (Manager) may not export the audit log")),
             qPrintable(r.err));
    // Two codes in a row, in the order the app shows them (sign-in first).
    const QByteArray signInCode = m_secondApp.nextCode();
    const QByteArray exportCode = m_secondApp.nextCode();
    r = posctl(as("1002") + exportTo,
               SecondOwnerPassword + '\n' + signInCode + '\n' + exportCode + '\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList files = QDir(outDir).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 2);
    static const QRegularExpression name(
        QStringLiteral("^audit-Register-1-\\d{4}-\\d{2}-\\d{2}\\.(csv|posaudit)$"));
    for (const QString& file : files) {
        QVERIFY2(name.match(file).hasMatch(), qPrintable(file));
        QVERIFY2(r.out.contains(QDir(outDir).filePath(file)), qPrintable(r.out));
    }
    m_bundle = QDir(outDir).filePath(files.last());
    QVERIFY(m_bundle.endsWith(QStringLiteral(".posaudit")));
    QCOMPARE(count("SELECT count(*) FROM audit_log WHERE action = 'audit.export' AND actor = "
                   "(SELECT CAST(id AS TEXT) FROM users WHERE code = '1002')"),
             1);
    for (const QString& file : files) {
        QFile f(QDir(outDir).filePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        for (const QByteArray& password :
             {OwnerPassword, ManagerPassword, AuditorPassword, SecondOwnerPassword})
            QVERIFY(!content.contains(password));
    }
    QCOMPARE(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 0);
}

// verify-bundle needs nothing but the file: no store, no keychain (no D-Bus at all), no user.
void TestPosctl::auditVerifyBundle()
{
    QVERIFY(!m_bundle.isEmpty());
    QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
    bare.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    QTemporaryDir home;
    bare.insert(QStringLiteral("HOME"), home.path());
    bare.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    const QStringList check = {QStringLiteral("audit"), QStringLiteral("verify-bundle")};
    auto r = posctl(check + QStringList{m_bundle}, {}, bare);
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(QStringLiteral(": verified: ")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("key fingerprint ") + m_fingerprint), qPrintable(r.out));
    QVERIFY(QDir(home.path()).isEmpty());

    // The register's own key, as the store's genesis row names it: expected and found.
    const QString genesis = text("SELECT after_json FROM audit_log WHERE seq = 0");
    const QString key = QJsonDocument::fromJson(genesis.toUtf8())
                            .object()
                            .value(QStringLiteral("public_key"))
                            .toString();
    QVERIFY(!key.isEmpty());
    r = posctl(check + QStringList{m_bundle, QStringLiteral("--expect-key"), key}, {}, bare);
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    // Another key: a substituted bundle.
    const QString other = QString::fromLatin1(
        QCryptographicHash::hash("another register", QCryptographicHash::Sha256).toBase64());
    r = posctl(check + QStringList{m_bundle, QStringLiteral("--expect-key"), other}, {}, bare);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(QStringLiteral("DAMAGED at row 0: ") +
                            AuditVerifier::describe(AuditDamage::WrongKey)),
             qPrintable(r.out));
    r = posctl(check + QStringList{m_bundle, QStringLiteral("--expect-key"),
                                   QStringLiteral("not base64!")});
    QCOMPARE(r.code, 2);

    // One changed line: the owner's name in the staff.created row.
    QFile f(m_bundle);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = f.readAll().split('\n');
    f.close();
    qint64 changedSeq = -1;
    for (QByteArray& line : lines) {
        const QJsonObject row = QJsonDocument::fromJson(line).object();
        if (row.value(QStringLiteral("action")).toString() == QStringLiteral("staff.created") &&
            line.contains("Olga Owner")) {
            changedSeq = row.value(QStringLiteral("seq")).toInteger();
            line.replace("Olga Owner", "Olga Other");
        }
    }
    QVERIFY(changedSeq > 0);
    const QString tampered = m_dir.filePath(QStringLiteral("tampered.posaudit"));
    QFile t(tampered);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write(lines.join('\n'));
    t.close();
    r = posctl(check + QStringList{tampered}, {}, bare);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(QStringLiteral("DAMAGED at row %1: %2: ")
                                .arg(changedSeq)
                                .arg(AuditVerifier::describe(AuditDamage::ChangedRow))),
             qPrintable(r.out));
    QVERIFY2(r.err.contains(QStringLiteral("tampered.posaudit is damaged")), qPrintable(r.err));

    r = posctl(check + QStringList{m_dir.filePath(QStringLiteral("no-such.posaudit"))}, {}, bare);
    QCOMPARE(r.code, 1);
    QVERIFY(!r.err.isEmpty());
    r = posctl(check);
    QCOMPARE(r.code, 2);
}

void TestPosctl::sealedKeyFileInsteadOfKeychain()
{
    QTemporaryDir other;
    const QString keyFile = other.filePath(QStringLiteral("register.keys"));
    const QStringList base = {QStringLiteral("--data-dir"), other.path(),
                              QStringLiteral("--key-file"), keyFile};
    const QStringList init =
        base + QStringList{QStringLiteral("init"),      QStringLiteral("--company"),
                           QStringLiteral("Kiosk Ltd"), QStringLiteral("--owner-name"),
                           QStringLiteral("Kim"),       QStringLiteral("--owner-code"),
                           QStringLiteral("77")};
    const QByteArray pass = "correct horse battery staple\n";
    auto r = posctl(init, "too short\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("at least 12 characters")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(keyFile));
    QVERIFY(!QFileInfo::exists(other.filePath(QStringLiteral("register.db"))));
    Authenticator app;
    r = posctlInit(init, pass + OwnerPassword + '\n' + OwnerPassword + '\n', app);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("sealed key file")));
    QVERIFY(!r.out.contains(QStringLiteral("correct horse")));
    const QString store = other.filePath(QStringLiteral("register.db"));
    const QByteArray storeBefore = sha(store);
    const QByteArray keysBefore = sha(keyFile);
    const QStringList x = base + QStringList{QStringLiteral("--user"), QStringLiteral("77"),
                                             QStringLiteral("report"), QStringLiteral("x")};
    r = posctl(x, "wrong passphrase\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("passphrase is wrong")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("wrong passphrase")));
    QCOMPARE(sha(store), storeBefore);
    QCOMPARE(sha(keyFile), keysBefore);
    r = posctl(x, pass + OwnerPassword + '\n' + app.nextCode() + '\n');
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("open a shift first")), qPrintable(r.err));
}

void TestPosctl::wrongUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    const QStringList user = {QStringLiteral("--user"), QStringLiteral("2001")};
    QTest::newRow("nothing") << QStringList{} << QByteArray() << 2;
    QTest::newRow("unknown") << QStringList{QStringLiteral("frobnicate")} << QByteArray() << 2;
    QTest::newRow("negative count")
        << user + QStringList{QStringLiteral("seed-demo"), QStringLiteral("--products"),
                              QStringLiteral("-5")}
        << QByteArray() << 2;
    QTest::newRow("report y") << user + QStringList{QStringLiteral("report"), QStringLiteral("y")}
                              << QByteArray() << 2;
    QTest::newRow("missing file") << user + QStringList{QStringLiteral("import-catalog"),
                                                        QStringLiteral("/nonexistent/file.csv")}
                                  << ManagerPassword + '\n'
                                  << 1;
}

void TestPosctl::wrongUsage()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    auto r = posctl(dir() + args, input);
    QCOMPARE(r.code, code);
    QVERIFY(!r.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestPosctl)
#include "tst_posctl.moc"
