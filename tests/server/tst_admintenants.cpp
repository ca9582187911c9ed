// `pos-syncd admin` inside a company: companies, stores, owners and district managers, enrolment
// codes, devices and revocation, and refusals that write nothing, against a throw-away
// PostgreSQL cluster (tests/server/support/AdminFixture.h).
#include "AdminFixture.h"
#include "AdminService.h"
#include "Migrator.h"
#include "ServerConfig.h"
#include "auth/CredentialHash.h"
#include "crypto/Ed25519.h"
#include "sync/SyncProtocol.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pos;
using namespace pos::server;
using namespace pos::test;

class tst_admintenants : public QObject, public AdminFixture {
    Q_OBJECT

private slots:
    void initTestCase() { startCluster(); }
    void cleanupTestCase() { m_cluster.reset(); }
    void companyStoresAndOwner();
    void districtManagerAndCashier();
    void enrolmentCodeIsStoredOnlyAsHash();
    void enrolmentCodeWithConfigPrintsPins();
    void devicesAreListedAndRevoked();
    void refusalsWriteNothing_data();
    void refusalsWriteNothing();

private:
    QString m_refusalA, m_refusalB, m_refusalStoreA, m_refusalStoreB;
};

void tst_admintenants::companyStoresAndOwner()
{
    const QString company = newCompany(QStringLiteral("Corner Shop Ltd"));
    QVERIFY(!QUuid::fromString(company).isNull());
    const QString north = newStore(company, QStringLiteral("North"));
    const QString south = newStore(company, QStringLiteral("South"));
    QVERIFY(!north.isEmpty() && !south.isEmpty());

    const Run owner =
        admin({QStringLiteral("create-user"), QStringLiteral("--company"), company,
               QStringLiteral("--code"), QStringLiteral("1001"), QStringLiteral("--name"),
               QStringLiteral("Olivia Owner"), QStringLiteral("--role"), QStringLiteral("owner")},
              OwnerPassword + u'\n');
    QVERIFY2(owner.code == 0, qPrintable(owner.err));
    const QString ownerId = field(owner.out, QStringLiteral("user"));
    QVERIFY(!QUuid::fromString(ownerId).isNull());
    QStringList assigned = fields(owner.out, QStringLiteral("assigned"));
    assigned.sort();
    QStringList both{north, south};
    both.sort();
    QCOMPARE(assigned, both);
    QVERIFY(!owner.out.contains(OwnerPassword) && !owner.err.contains(OwnerPassword));

    // Stored hashed (the register's scrypt format), and the hash checks the password.
    auto row = m_su->exec("SELECT password_hash, pin_hash IS NULL, role, code, name, company_id "
                          "FROM pos.users WHERE id = $1",
                          {ownerId.toUtf8()});
    QVERIFY(row.has_value());
    QCOMPARE(row->rows(), 1);
    const QString hash = row->text(0, 0);
    QVERIFY2(hash.startsWith(QLatin1String("$scrypt$")), qPrintable(hash));
    QVERIFY(row->boolean(0, 1));
    QCOMPARE(row->text(0, 2), QStringLiteral("owner"));
    QCOMPARE(row->text(0, 3), QStringLiteral("1001"));
    QCOMPARE(row->text(0, 4), QStringLiteral("Olivia Owner"));
    QCOMPARE(row->text(0, 5), company);
    QByteArray plain = OwnerPassword.toUtf8();
    QCOMPARE(CredentialHash::verifyPassword(SecretBytes::takeFrom(plain), hash).value_or(false),
             true);
    QVERIFY(!dump().contains(OwnerPassword.toUtf8()));

    // Registers will pull it: a store row per store, user and user_stores per store.
    QCOMPARE(count("SELECT count(*) FROM pos.change_log WHERE company_id = $1 AND kind = 'store'",
                   {company.toUtf8()}),
             2);
    for (const QString& s : both) {
        for (const char* kind : {"user", "user_stores"})
            QCOMPARE(count("SELECT count(*) FROM pos.change_log WHERE company_id = $1 AND "
                           "store_id = $2 AND kind = $3 AND entity_id = $4 AND version = 1",
                           {company.toUtf8(), s.toUtf8(), kind, ownerId.toUtf8()}),
                     1);
    }

    // A store added later is the owner's too.
    const QString east = newStore(company, QStringLiteral("East"));
    QCOMPARE(count("SELECT count(*) FROM pos.user_stores WHERE user_id = $1", {ownerId.toUtf8()}),
             3);
    QCOMPARE(count("SELECT count(*) FROM pos.change_log WHERE store_id = $1 AND entity_id = $2",
                   {east.toUtf8(), ownerId.toUtf8()}),
             2);
}

void tst_admintenants::districtManagerAndCashier()
{
    const QString company = newCompany(QStringLiteral("Two Towns"));
    const QString a = newStore(company, QStringLiteral("Town A"));
    const QString b = newStore(company, QStringLiteral("Town B"));
    const QString c = newStore(company, QStringLiteral("Town C"));
    const Run manager =
        admin({QStringLiteral("create-user"), QStringLiteral("--company"), company,
               QStringLiteral("--code"), QStringLiteral("2001"), QStringLiteral("--name"),
               QStringLiteral("Dana District"), QStringLiteral("--role"), QStringLiteral("manager"),
               QStringLiteral("--stores"), a + u',' + b},
              OwnerPassword + u'\n');
    QVERIFY2(manager.code == 0, qPrintable(manager.err));
    const QString managerId = field(manager.out, QStringLiteral("user"));
    QCOMPARE(count("SELECT count(*) FROM pos.user_stores WHERE user_id = $1 AND store_id IN "
                   "($2, $3)",
                   {managerId.toUtf8(), a.toUtf8(), b.toUtf8()}),
             2);
    QCOMPARE(count("SELECT count(*) FROM pos.user_stores WHERE user_id = $1", {managerId.toUtf8()}),
             2);
    // Store C's registers see nothing of her.
    QCOMPARE(count("SELECT count(*) FROM pos.change_log WHERE store_id = $1 AND entity_id = $2",
                   {c.toUtf8(), managerId.toUtf8()}),
             0);

    const Run cashier =
        admin({QStringLiteral("create-user"), QStringLiteral("--company"), company,
               QStringLiteral("--code"), QStringLiteral("3001"), QStringLiteral("--name"),
               QStringLiteral("Cal Cashier"), QStringLiteral("--role"), QStringLiteral("cashier"),
               QStringLiteral("--stores"), c},
              OwnerPassword + u'\n');
    QVERIFY2(cashier.code == 0, qPrintable(cashier.err));
    QCOMPARE(fields(cashier.out, QStringLiteral("assigned")), QStringList{c});
}

void tst_admintenants::enrolmentCodeIsStoredOnlyAsHash()
{
    const QString company = newCompany(QStringLiteral("Enrol Co"));
    const QString store = newStore(company, QStringLiteral("Main Street"));
    const Run r = admin({QStringLiteral("enrol-code"), QStringLiteral("--company"), company,
                         QStringLiteral("--store"), store});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString code = field(r.out, QStringLiteral("code"));
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
                 .match(code)
                 .hasMatch(),
             qPrintable(code));
    const QString normal = syncprotocol::normaliseEnrolmentCode(code);
    QCOMPARE(normal.size(), 16);
    QCOMPARE(syncprotocol::normaliseEnrolmentCode(code.toLower()), normal);
    QCOMPARE(field(r.out, QStringLiteral("store")), store);
    QCOMPARE(field(r.out, QStringLiteral("store-name")), QStringLiteral("Main Street"));
    QVERIFY(field(r.out, QStringLiteral("expires")).endsWith(u'Z'));
    QVERIFY(fields(r.out, QStringLiteral("pin")).isEmpty()); // --db: no configuration to read

    // The table holds the SHA-256 of the normalised code, for this store, valid 24 hours.
    auto row = m_su->exec("SELECT encode(code_hash, 'hex'), store_id, used_at IS NULL, "
                          "extract(epoch FROM expires_at - created_at)::bigint "
                          "FROM pos.enrol_codes WHERE company_id = $1",
                          {company.toUtf8()});
    QVERIFY(row.has_value());
    QCOMPARE(row->rows(), 1);
    QCOMPARE(row->value(0, 0), syncprotocol::enrolmentCodeHash(normal));
    QCOMPARE(row->value(0, 0), sha256(normal.toUtf8()).toHex());
    QCOMPARE(row->text(0, 1), store);
    QVERIFY(row->boolean(0, 2));
    QCOMPARE(row->integer(0, 3), 24 * 3600);

    // The code itself is nowhere in the database, in any spelling.
    const QByteArray everything = dump();
    QVERIFY(everything.contains(company.toUtf8())); // the dump does hold the data
    for (const QString& spelling : {code, normal, code.toLower(), normal.toLower()})
        QVERIFY2(!everything.contains(spelling.toUtf8()), qPrintable(spelling));

    const Run shortCode =
        admin({QStringLiteral("enrol-code"), QStringLiteral("--company"), company,
               QStringLiteral("--store"), store, QStringLiteral("--hours"), QStringLiteral("2")});
    QVERIFY2(shortCode.code == 0, qPrintable(shortCode.err));
    QVERIFY(field(shortCode.out, QStringLiteral("code")) != code);
    QCOMPARE(count("SELECT extract(epoch FROM expires_at - created_at)::bigint FROM "
                   "pos.enrol_codes WHERE code_hash = decode($1, 'hex')",
                   {syncprotocol::enrolmentCodeHash(syncprotocol::normaliseEnrolmentCode(
                       field(shortCode.out, QStringLiteral("code"))))}),
             2 * 3600);
}

void tst_admintenants::enrolmentCodeWithConfigPrintsPins()
{
    const QString company = newCompany(QStringLiteral("Pinned Co"));
    const QString store = newStore(company, QStringLiteral("Harbour"));
    QTemporaryDir dir;
    ServerConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.certificatePath = m_cluster->certs().server().certFile;
    config.keyPath = m_cluster->certs().server().keyFile;
    config.nextCertificatePath = m_cluster->certs().next().certFile;
    config.conninfo = m_cluster->superuserConninfo();
    config.adminConninfo = m_cluster->superuserConninfo();
    config.witnessKeyPath = dir.filePath(QStringLiteral("witness.key"));
    const QString path = dir.filePath(QStringLiteral("pos-syncd.ini"));
    QVERIFY(config.save(path).has_value());

    const Run r = admin({QStringLiteral("enrol-code"), QStringLiteral("--company"), company,
                         QStringLiteral("--store"), store, QStringLiteral("--config"), path});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(fields(r.out, QStringLiteral("pin")),
             (QStringList{m_cluster->certs().server().pin, m_cluster->certs().next().pin}));
    QVERIFY(!field(r.out, QStringLiteral("code")).isEmpty());
}

void tst_admintenants::devicesAreListedAndRevoked()
{
    const QString company = newCompany(QStringLiteral("Device Co"));
    const QString one = newStore(company, QStringLiteral("One"));
    const QString two = newStore(company, QStringLiteral("Two"));
    const QString other = newCompany(QStringLiteral("Other Co"));
    const QString otherStore = newStore(other, QStringLiteral("Elsewhere"));
    // Registers as POST /v1/enrol leaves them (the superuser writes them here).
    const auto enrol = [&](const QString& c, const QString& s, const QString& name) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto r = m_su->exec("INSERT INTO pos.devices (company_id, store_id, id, name, "
                            "signing_key, device_key) VALUES ($1, $2, $3, $4, "
                            "decode(repeat('01', 32), 'hex'), decode(repeat('02', 32), 'hex'))",
                            {c.toUtf8(), s.toUtf8(), id.toUtf8(), name.toUtf8()});
        return r ? id : QString();
    };
    const QString till1 = enrol(company, one, QStringLiteral("Till 1"));
    // A register names itself; a line break in its name must not make a line of its own.
    const QString till2 = enrol(company, two, QStringLiteral("Till 2\ndevice forged"));
    const QString foreign = enrol(other, otherStore, QStringLiteral("Not yours"));
    QVERIFY(!till1.isEmpty() && !till2.isEmpty() && !foreign.isEmpty());

    const Run all = admin({QStringLiteral("devices"), QStringLiteral("--company"), company});
    QVERIFY2(all.code == 0, qPrintable(all.err));
    const QStringList lines = fields(all.out, QStringLiteral("device"));
    QCOMPARE(lines.size(), 2);
    QVERIFY(!all.out.contains(foreign));
    const QString line1 = lines.filter(till1).value(0);
    QVERIFY2(line1.contains(QStringLiteral("store=") + one), qPrintable(line1));
    QVERIFY(line1.contains(QLatin1String(" revoked=no ")));
    QVERIFY(line1.endsWith(QLatin1String("name=Till 1")));
    QVERIFY(
        QRegularExpression(QStringLiteral(" enrolled=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ "))
            .match(line1)
            .hasMatch());

    const Run onlyTwo = admin({QStringLiteral("devices"), QStringLiteral("--company"), company,
                               QStringLiteral("--store"), two});
    QVERIFY2(onlyTwo.code == 0, qPrintable(onlyTwo.err));
    QCOMPARE(fields(onlyTwo.out, QStringLiteral("device")).size(), 1);
    QVERIFY(onlyTwo.out.contains(till2));

    // Revoke: revoked_at set with the reason, the register's user tokens gone.
    const Run revoked = admin({QStringLiteral("revoke"), QStringLiteral("--company"), company,
                               QStringLiteral("--device"), till1, QStringLiteral("--reason"),
                               QStringLiteral("stolen from the counter")});
    QVERIFY2(revoked.code == 0, qPrintable(revoked.err));
    QVERIFY(revoked.out.startsWith(QStringLiteral("revoked ") + till1 + u' '));
    auto row = m_su->exec("SELECT revoked_at IS NOT NULL, revoked_reason FROM pos.devices "
                          "WHERE id = $1",
                          {till1.toUtf8()});
    QVERIFY(row.has_value());
    QVERIFY(row->boolean(0, 0));
    QCOMPARE(row->text(0, 1), QStringLiteral("stolen from the counter"));
    QCOMPARE(count("SELECT count(*) FROM pos.devices WHERE revoked_at IS NOT NULL AND id <> $1",
                   {till1.toUtf8()}),
             0);
    const Run listed = admin({QStringLiteral("devices"), QStringLiteral("--company"), company});
    QVERIFY(!fields(listed.out, QStringLiteral("device"))
                 .filter(till1)
                 .value(0)
                 .contains(QLatin1String("revoked=no")));

    // Twice is refused; a device of another company is unknown here and stays as it was.
    const QByteArray before = fingerprint();
    const Run again = admin({QStringLiteral("revoke"), QStringLiteral("--company"), company,
                             QStringLiteral("--device"), till1});
    QCOMPARE(again.code, 1);
    QVERIFY2(again.err.contains(QLatin1String("already revoked")), qPrintable(again.err));
    const Run cross = admin({QStringLiteral("revoke"), QStringLiteral("--company"), company,
                             QStringLiteral("--device"), foreign});
    QCOMPARE(cross.code, 1);
    QVERIFY2(cross.err.contains(QLatin1String("has no device")), qPrintable(cross.err));
    QCOMPARE(fingerprint(), before);
}

void tst_admintenants::refusalsWriteNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    // $A: company A, $B: company B, $SA / $SB: a store of each, $U: an unknown UUID.
    const auto words = [](const char* text) {
        return QString::fromLatin1(text).split(u' ');
    };
    const QString pw = OwnerPassword + u'\n';
    QTest::newRow("store of unknown company")
        << words("create-store --company $U --name X") << QString() << 1 << "there is no company";
    QTest::newRow("company id not a uuid")
        << words("create-store --company 42 --name X") << QString() << 1 << "is a UUID";
    QTest::newRow("empty company name")
        << QStringList{QStringLiteral("create-company"), QStringLiteral("--name"),
                       QStringLiteral("  ")}
        << QString() << 1 << "the company needs a name";
    QTest::newRow("empty store name")
        << QStringList{QStringLiteral("create-store"), QStringLiteral("--company"),
                       QStringLiteral("$A"), QStringLiteral("--name"), QString()}
        << QString() << 1 << "the store needs a name";
    QTest::newRow("name of two lines")
        << QStringList{QStringLiteral("create-store"), QStringLiteral("--company"),
                       QStringLiteral("$A"), QStringLiteral("--name"), QStringLiteral("a\nb")}
        << QString() << 1 << "one line";
    QTest::newRow("bad role") << words("create-user --company $A --code 77 --name X --role boss")
                              << pw << 1 << "the role is one of owner, manager, cashier, auditor";
    QTest::newRow("user of unknown company")
        << words("create-user --company $U --code 77 --name X --role owner") << pw << 1
        << "there is no company";
    QTest::newRow("stores of another company")
        << words("create-user --company $A --code 77 --name X --role manager --stores $SA,$SB")
        << pw << 1 << "is not a store of company";
    QTest::newRow("owner with stores")
        << words("create-user --company $A --code 77 --name X --role owner --stores $SA") << pw << 1
        << "leave out --stores";
    QTest::newRow("cashier without stores")
        << words("create-user --company $A --code 77 --name X --role cashier") << pw << 1
        << "needs at least one store";
    QTest::newRow("code not digits")
        << words("create-user --company $A --code ab12 --name X --role owner") << pw << 1
        << "2 to 8 digits";
    QTest::newRow("code taken") << words(
                                       "create-user --company $A --code 9001 --name X --role owner")
                                << pw << 1 << "already has a user with code 9001";
    QTest::newRow("short password")
        << words("create-user --company $A --code 77 --name X --role owner")
        << QStringLiteral("short\n") << 1 << "12";
    QTest::newRow("no password") << words(
                                        "create-user --company $A --code 77 --name X --role owner")
                                 << QString() << 1 << "standard input";
    QTest::newRow("code for another company's store")
        << words("enrol-code --company $A --store $SB") << QString() << 1
        << "is not a store of company";
    QTest::newRow("code valid too long") << words("enrol-code --company $A --store $SA --hours 500")
                                         << QString() << 1 << "1 to 168 hours";
    QTest::newRow("unknown device")
        << words("revoke --company $A --device $U") << QString() << 1 << "has no device";
    QTest::newRow("devices of unknown company")
        << words("devices --company $U") << QString() << 1 << "there is no company";
    QTest::newRow("unknown option") << words("create-company --name X --owner Y") << QString() << 2
                                    << "takes no option --owner";
}

void tst_admintenants::refusalsWriteNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, input);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    if (m_refusalA.isEmpty()) {
        m_refusalA = newCompany(QStringLiteral("Refusal A"));
        m_refusalB = newCompany(QStringLiteral("Refusal B"));
        m_refusalStoreA = newStore(m_refusalA, QStringLiteral("A1"));
        m_refusalStoreB = newStore(m_refusalB, QStringLiteral("B1"));
        const Run taken =
            admin({QStringLiteral("create-user"), QStringLiteral("--company"), m_refusalA,
                   QStringLiteral("--code"), QStringLiteral("9001"), QStringLiteral("--name"),
                   QStringLiteral("First"), QStringLiteral("--role"), QStringLiteral("owner")},
                  OwnerPassword + u'\n');
        QVERIFY2(taken.code == 0, qPrintable(taken.err));
    }
    for (QString& w : args)
        w.replace(QLatin1String("$SA"), m_refusalStoreA)
            .replace(QLatin1String("$SB"), m_refusalStoreB)
            .replace(QLatin1String("$A"), m_refusalA)
            .replace(QLatin1String("$B"), m_refusalB)
            .replace(QLatin1String("$U"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QByteArray before = fingerprint();
    QVERIFY(!before.isEmpty());
    const Run r = admin(args, input);
    QCOMPARE(r.code, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    QVERIFY(!r.err.contains(OwnerPassword));
    QCOMPARE(fingerprint(), before);
}

QTEST_GUILESS_MAIN(tst_admintenants)
#include "tst_admintenants.moc"
