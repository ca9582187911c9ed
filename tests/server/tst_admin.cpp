// `pos-syncd admin`: roles, migrations, companies, stores, users, enrolment codes and devices,
// driven through runAdminCommand as the operator types them, against a throw-away PostgreSQL
// cluster (tests/server/support/PgCluster.h). What the database holds is checked as the
// superuser.

#include "AdminCommands.h"
#include "AdminService.h"
#include "Migrator.h"
#include "PgCluster.h"
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

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

// The first value of a "<key> <value>" line, or empty.
QString field(const QString& out, const QString& key)
{
    for (const QString& line : out.split(u'\n')) {
        if (line.startsWith(key + u' '))
            return line.mid(key.size() + 1);
    }
    return {};
}

QStringList fields(const QString& out, const QString& key)
{
    QStringList values;
    for (const QString& line : out.split(u'\n')) {
        if (line.startsWith(key + u' '))
            values.append(line.mid(key.size() + 1));
    }
    return values;
}

const QString OwnerPassword = QStringLiteral("correct horse battery staple 7");
const QString AppPassword = QStringLiteral("the server's own login pass 42");

} // namespace

class tst_admin : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void helpAndUsage();
    void migrateTwiceAppliesNothing();
    void aFailedMigrationLeavesNothing();
    void rolesOwnNothingAndBypassNothing();
    void initRolesRefusesUnsafeLogins();
    void companyStoresAndOwner();
    void districtManagerAndCashier();
    void enrolmentCodeIsStoredOnlyAsHash();
    void enrolmentCodeWithConfigPrintsPins();
    void devicesAreListedAndRevoked();
    void refusalsWriteNothing_data();
    void refusalsWriteNothing();
    void nonSuperuserAdminRole();
    void posSyncdAdminAsProcess();

private:
    Run admin(const QStringList& args, const QString& input = {}, const QByteArray& db = {});
    QString newCompany(const QString& name);
    QString newStore(const QString& company, const QString& name);
    // One md5 over every row of every table in schema pos (as the superuser).
    QByteArray fingerprint();
    qint64 count(const QByteArray& sql, const QList<QByteArray>& params = {});
    QByteArray dump();

    std::unique_ptr<PgCluster> m_cluster;
    PgConnection* m_su = nullptr;
    QString m_refusalA, m_refusalB, m_refusalStoreA, m_refusalStoreB;
};

Run tst_admin::admin(const QStringList& args, const QString& input, const QByteArray& db)
{
    QString out;
    QString err;
    QString in = input;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    QTextStream inStream(&in);
    QStringList all = args;
    if (!args.contains(QStringLiteral("--config")))
        all << QStringLiteral("--db")
            << QString::fromUtf8(db.isEmpty() ? m_cluster->superuserConninfo() : db);
    Run run;
    run.code = runAdminCommand(all, outStream, errStream, inStream);
    outStream.flush();
    errStream.flush();
    run.out = out;
    run.err = err;
    return run;
}

QString tst_admin::newCompany(const QString& name)
{
    const Run r = admin({QStringLiteral("create-company"), QStringLiteral("--name"), name});
    if (r.code != 0)
        qWarning() << r.err;
    return field(r.out, QStringLiteral("company"));
}

QString tst_admin::newStore(const QString& company, const QString& name)
{
    const Run r = admin({QStringLiteral("create-store"), QStringLiteral("--company"), company,
                         QStringLiteral("--name"), name});
    if (r.code != 0)
        qWarning() << r.err;
    return field(r.out, QStringLiteral("store"));
}

QByteArray tst_admin::fingerprint()
{
    auto tables = m_su->exec("SELECT tablename FROM pg_tables WHERE schemaname = 'pos' "
                             "ORDER BY tablename");
    if (!tables)
        return {};
    QByteArray all;
    for (int r = 0; r < tables->rows(); ++r) {
        const QByteArray t = tables->value(r, 0);
        auto sum = m_su->exec("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), "
                              "'')) FROM pos." +
                              t + " t");
        if (!sum)
            return {};
        all += t + '=' + sum->value(0, 0) + ';';
    }
    return all;
}

qint64 tst_admin::count(const QByteArray& sql, const QList<QByteArray>& params)
{
    auto r = m_su->exec(sql, params);
    if (!r) {
        qWarning() << r.error().message;
        return -1;
    }
    return r->integer(0, 0);
}

// Everything in the database as pg_dump writes it (data only), for "nowhere in the database".
QByteArray tst_admin::dump()
{
    QProcess p;
    p.start(PgCluster::BinDir + QStringLiteral("/pg_dump"),
            {QStringLiteral("--data-only"), QStringLiteral("--dbname"),
             QString::fromUtf8(m_cluster->superuserConninfo())});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning() << p.readAllStandardError();
        return {};
    }
    return p.readAllStandardOutput();
}

void tst_admin::initTestCase()
{
    m_cluster = std::make_unique<PgCluster>();
    QVERIFY2(m_cluster->ok(), qPrintable(m_cluster->error()));
    m_su = m_cluster->superuser();
    QVERIFY(m_su);

    const Run roles = admin(
        {QStringLiteral("init-roles"), QStringLiteral("--app-login"), QStringLiteral("syncd_app")},
        AppPassword + u'\n');
    QVERIFY2(roles.code == 0, qPrintable(roles.err));
    QVERIFY(roles.out.contains(QLatin1String("role pos_owner created")));
    QVERIFY(roles.out.contains(QLatin1String("role pos_app created")));
    QVERIFY(roles.out.contains(QLatin1String("login syncd_app created")));
    QVERIFY(!roles.out.contains(AppPassword) && !roles.err.contains(AppPassword));

    const Run migrate = admin({QStringLiteral("migrate")});
    QVERIFY2(migrate.code == 0, qPrintable(migrate.err));
    QCOMPARE(fields(migrate.out, QStringLiteral("applied")), QStringList{QStringLiteral("V1")});
    QCOMPARE(field(migrate.out, QStringLiteral("schema")), QStringLiteral("version 1"));
}

void tst_admin::cleanupTestCase()
{
    m_cluster.reset();
}

void tst_admin::helpAndUsage()
{
    const Run help = admin({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    for (const char* command : {"init-roles", "migrate", "create-company", "create-store",
                                "create-user", "enrol-code", "devices", "revoke"})
        QVERIFY2(help.out.contains(QLatin1String(command)), command);

    const Run unknown = admin({QStringLiteral("companies")});
    QCOMPARE(unknown.code, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("unknown command 'companies'")),
             qPrintable(unknown.err));

    const Run missing =
        admin({QStringLiteral("create-store"), QStringLiteral("--name"), QStringLiteral("North")});
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains(QLatin1String("needs --company")), qPrintable(missing.err));

    const Run both = admin({QStringLiteral("migrate"), QStringLiteral("--config"),
                            QStringLiteral("/nonexistent.ini"), QStringLiteral("--db"),
                            QStringLiteral("host=/tmp")});
    QCOMPARE(both.code, 2);
    QVERIFY(both.err.contains(QLatin1String("either --config FILE or --db CONNINFO")));

    // A password on the command line is refused before anything connects.
    const Run inline_ =
        admin({QStringLiteral("migrate")}, {}, m_cluster->superuserConninfo() + " password=secret");
    QCOMPARE(inline_.code, 1);
    QVERIFY2(inline_.err.contains(QLatin1String("must not contain a password")),
             qPrintable(inline_.err));
}

void tst_admin::migrateTwiceAppliesNothing()
{
    const QByteArray before = fingerprint();
    const qint64 objects = count("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                                 "ON n.oid = c.relnamespace WHERE n.nspname = 'pos'");
    const Run again = admin({QStringLiteral("migrate")});
    QVERIFY2(again.code == 0, qPrintable(again.err));
    QVERIFY(fields(again.out, QStringLiteral("applied")).isEmpty());
    QCOMPARE(field(again.out, QStringLiteral("schema")), QStringLiteral("version 1"));
    QCOMPARE(count("SELECT count(*) FROM pos.schema_migrations"), 1);
    QCOMPARE(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                   "ON n.oid = c.relnamespace WHERE n.nspname = 'pos'"),
             objects);
    QCOMPARE(fingerprint(), before);
}

void tst_admin::aFailedMigrationLeavesNothing()
{
    // A database of its own, so V2 here never touches the shared one.
    QVERIFY(m_su->execScript("CREATE DATABASE migtest").has_value());
    const QByteArray conninfo =
        m_cluster->superuserConninfo().replace("dbname=postgres", "dbname=migtest");
    // pos_owner may create the schema in this database too.
    const Run roles = admin(
        {QStringLiteral("init-roles"), QStringLiteral("--app-login"), QStringLiteral("syncd_app")},
        AppPassword + u'\n', conninfo);
    QVERIFY2(roles.code == 0, qPrintable(roles.err));
    QVERIFY(roles.out.contains(QLatin1String("role pos_owner exists")));

    QTemporaryDir folder;
    QVERIFY(
        QFile::copy(QStringLiteral(":/schema/V1.sql"), folder.filePath(QStringLiteral("V1.sql"))));
    QFile v2(folder.filePath(QStringLiteral("V2.sql")));
    QVERIFY(v2.open(QIODevice::WriteOnly));
    v2.write("CREATE TABLE pos.half_done (id integer);\n"
             "ALTER TABLE pos.no_such_table ADD COLUMN x integer;\n");
    v2.close();

    {
        auto pg = PgConnection::open(conninfo);
        QVERIFY(pg.has_value());
        Migrator migrator(*pg, folder.path());
        auto failed = migrator.migrate();
        QVERIFY(!failed.has_value());
        QVERIFY2(
            failed.error().message.contains(QLatin1String("V2.sql failed and was rolled back")),
            qPrintable(failed.error().message));
        // V1 went in (its own transaction), nothing of V2 did.
        QCOMPARE(migrator.currentVersion().value_or(-1), 1);
        auto half = pg->exec("SELECT to_regclass('pos.half_done') IS NULL");
        QVERIFY(half.has_value());
        QVERIFY(half->boolean(0, 0));

        QVERIFY(v2.open(QIODevice::WriteOnly | QIODevice::Truncate));
        v2.write("CREATE TABLE pos.half_done (id integer);\n");
        v2.close();
        auto fixed = migrator.migrate();
        QVERIFY2(fixed.has_value(), fixed ? "" : qPrintable(fixed.error().message));
        QCOMPARE(*fixed, QList<int>{2});
        auto owner = pg->exec("SELECT pg_get_userbyid(relowner) FROM pg_class "
                              "WHERE oid = 'pos.half_done'::regclass");
        QVERIFY(owner.has_value());
        QCOMPARE(owner->text(0, 0), QStringLiteral("pos_owner"));
        QCOMPARE(migrator.migrate().value_or(QList<int>{-1}), QList<int>{});

        // A database newer than the scripts this pos-syncd has is refused, not "migrated".
        Migrator older(*pg);
        auto newer = older.migrate();
        QVERIFY(!newer.has_value());
        QVERIFY2(newer.error().message.contains(QLatin1String("newer than this pos-syncd")),
                 qPrintable(newer.error().message));
    } // the connection closes before the database is dropped
    QVERIFY(m_su->execScript("DROP DATABASE migtest").has_value());
}

void tst_admin::rolesOwnNothingAndBypassNothing()
{
    // pos_app and the login role own nothing, anywhere.
    for (const char* role : {"pos_app", "syncd_app"})
        QCOMPARE(count("SELECT count(*) FROM pg_shdepend WHERE deptype = 'o' AND refobjid = "
                       "(SELECT oid FROM pg_roles WHERE rolname = $1)",
                       {role}),
                 0);
    auto login = m_su->exec("SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, "
                            "pg_has_role('syncd_app', 'pos_app', 'MEMBER'), "
                            "pg_has_role('syncd_app', 'pos_owner', 'MEMBER') "
                            "FROM pg_roles WHERE rolname = 'syncd_app'");
    QVERIFY(login.has_value());
    QCOMPARE(login->rows(), 1);
    QVERIFY(login->boolean(0, 0));
    QVERIFY(!login->boolean(0, 1));
    QVERIFY(!login->boolean(0, 2));
    QVERIFY(!login->boolean(0, 3));
    QVERIFY(login->boolean(0, 4));
    QVERIFY(!login->boolean(0, 5));
    // The group roles cannot log in and bypass nothing.
    QCOMPARE(count("SELECT count(*) FROM pg_roles WHERE rolname IN ('pos_owner', 'pos_app') "
                   "AND NOT rolcanlogin AND NOT rolsuper AND NOT rolbypassrls"),
             2);
    // pos_owner owns every table of the schema; every one but schema_migrations forces RLS.
    QCOMPARE(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                   "c.relnamespace WHERE n.nspname = 'pos' AND c.relkind = 'r' "
                   "AND pg_get_userbyid(c.relowner) <> 'pos_owner'"),
             0);
    QCOMPARE(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                   "c.relnamespace WHERE n.nspname = 'pos' AND c.relkind = 'r' "
                   "AND c.relname <> 'schema_migrations' "
                   "AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"),
             0);
    QCOMPARE(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'pos' "
                   "AND pg_get_userbyid(nspowner) = 'pos_owner'"),
             1);

    // The login role connects over TLS 1.3 with the password given on stdin, sees no company
    // without the tenant setting and cannot read the migrations table.
    const QString passfile =
        m_cluster->writePassfile(QStringLiteral("syncd_app"), AppPassword.toUtf8());
    auto app = PgConnection::open(m_cluster->appConninfo(QStringLiteral("syncd_app"), passfile));
    QVERIFY2(app.has_value(), app ? "" : qPrintable(app.error().message));
    QVERIFY(!newCompany(QStringLiteral("Visible Only With Setting")).isEmpty());
    auto companies = app->exec("SELECT count(*) FROM pos.companies");
    QVERIFY(companies.has_value());
    QCOMPARE(companies->integer(0, 0), 0);
    QVERIFY(!app->exec("SELECT count(*) FROM pos.schema_migrations").has_value());
}

void tst_admin::initRolesRefusesUnsafeLogins()
{
    QVERIFY(m_su->execScript("CREATE ROLE risky_super LOGIN SUPERUSER; "
                             "CREATE ROLE risky_owner LOGIN; "
                             "CREATE TABLE public.owned_by_risky (id integer); "
                             "ALTER TABLE public.owned_by_risky OWNER TO risky_owner")
                .has_value());
    struct Case {
        QString login;
        QString password;
        QString message;
    };
    const QList<Case> cases{
        {QStringLiteral("risky_super"), AppPassword, QStringLiteral("superuser")},
        {QStringLiteral("risky_owner"), AppPassword, QStringLiteral("owns 1 database objects")},
        {QStringLiteral("postgres"), AppPassword, QStringLiteral("not pos_owner, pos_app")},
        {QStringLiteral("Bad-Name"), AppPassword, QStringLiteral("lower-case letters")},
        {QStringLiteral("fresh_login"), QStringLiteral("short"), QStringLiteral("12")},
        {QStringLiteral("fresh_login"), QString(), QStringLiteral("standard input")},
    };
    for (const Case& c : cases) {
        const Run r = admin({QStringLiteral("init-roles"), QStringLiteral("--app-login"), c.login},
                            c.password.isEmpty() ? QString() : c.password + u'\n');
        QVERIFY2(r.code == 1, qPrintable(c.login));
        QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
        QVERIFY(c.password.isEmpty() || !r.err.contains(c.password));
    }
    // Nothing was granted or made.
    QCOMPARE(count("SELECT count(*) FROM pg_roles WHERE rolname = 'fresh_login'"), 0);
    for (const char* role : {"risky_super", "risky_owner"})
        QCOMPARE(count("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = "
                       "m.member WHERE r.rolname = $1",
                       {role}),
                 0);
    QVERIFY(m_su->execScript("DROP TABLE public.owned_by_risky; DROP ROLE risky_super; "
                             "DROP ROLE risky_owner")
                .has_value());
}

void tst_admin::companyStoresAndOwner()
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

void tst_admin::districtManagerAndCashier()
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

void tst_admin::enrolmentCodeIsStoredOnlyAsHash()
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

void tst_admin::enrolmentCodeWithConfigPrintsPins()
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

void tst_admin::devicesAreListedAndRevoked()
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

void tst_admin::refusalsWriteNothing_data()
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

void tst_admin::refusalsWriteNothing()
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

void tst_admin::nonSuperuserAdminRole()
{
    // The operator's admin_conninfo may name a role that is only allowed to act as pos_owner,
    // over TLS 1.3 like the server; it migrates (nothing to do) and creates tenants.
    const QString passfile =
        m_cluster->createLoginRole(QStringLiteral("ops_admin"), {QStringLiteral("pos_owner")});
    QVERIFY2(!passfile.isEmpty(), qPrintable(m_cluster->error()));
    const QByteArray conninfo = m_cluster->appConninfo(QStringLiteral("ops_admin"), passfile);
    const Run migrate = admin({QStringLiteral("migrate")}, {}, conninfo);
    QVERIFY2(migrate.code == 0, qPrintable(migrate.err));
    QVERIFY(fields(migrate.out, QStringLiteral("applied")).isEmpty());
    const Run company = admin(
        {QStringLiteral("create-company"), QStringLiteral("--name"), QStringLiteral("Made By Ops")},
        {}, conninfo);
    QVERIFY2(company.code == 0, qPrintable(company.err));
    QCOMPARE(count("SELECT count(*) FROM pos.companies WHERE id = $1 AND name = 'Made By Ops'",
                   {field(company.out, QStringLiteral("company")).toUtf8()}),
             1);

    // The server's own role cannot do admin work: it may not act as pos_owner.
    const QString appPassfile =
        m_cluster->writePassfile(QStringLiteral("syncd_app"), AppPassword.toUtf8());
    const Run refused = admin(
        {QStringLiteral("create-company"), QStringLiteral("--name"), QStringLiteral("Not Allowed")},
        {}, m_cluster->appConninfo(QStringLiteral("syncd_app"), appPassfile));
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(QLatin1String("cannot act as pos_owner")),
             qPrintable(refused.err));
}

void tst_admin::posSyncdAdminAsProcess()
{
    QProcess p;
    p.start(QStringLiteral(POS_SYNCD), {QStringLiteral("admin"), QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(30000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(out.contains(QLatin1String("usage: pos-syncd admin")), qPrintable(out));

    // The executable reads the password from its standard input (a pipe: one line).
    const QString company = newCompany(QStringLiteral("Process Co"));
    QProcess user;
    user.start(QStringLiteral(POS_SYNCD),
               {QStringLiteral("admin"), QStringLiteral("create-user"), QStringLiteral("--company"),
                company, QStringLiteral("--code"), QStringLiteral("4242"), QStringLiteral("--name"),
                QStringLiteral("Piped Owner"), QStringLiteral("--role"), QStringLiteral("owner"),
                QStringLiteral("--db"), QString::fromUtf8(m_cluster->superuserConninfo())});
    QVERIFY(user.waitForStarted(10000));
    user.write(OwnerPassword.toUtf8() + '\n');
    user.closeWriteChannel();
    QVERIFY(user.waitForFinished(60000));
    const QString userOut = QString::fromUtf8(user.readAllStandardOutput());
    const QString userErr = QString::fromUtf8(user.readAllStandardError());
    QVERIFY2(user.exitCode() == 0, qPrintable(userErr));
    const QString id = field(userOut, QStringLiteral("user"));
    QVERIFY(!QUuid::fromString(id).isNull());
    QVERIFY(!userOut.contains(OwnerPassword) && !userErr.contains(OwnerPassword));
    auto hash = m_su->exec("SELECT password_hash FROM pos.users WHERE id = $1", {id.toUtf8()});
    QVERIFY(hash.has_value() && hash->rows() == 1);
    QByteArray plain = OwnerPassword.toUtf8();
    QCOMPARE(CredentialHash::verifyPassword(SecretBytes::takeFrom(plain), hash->text(0, 0))
                 .value_or(false),
             true);
}

QTEST_GUILESS_MAIN(tst_admin)
#include "tst_admin.moc"
