// `pos-syncd admin`: roles and migrations, an admin role that is not a superuser, and the real
// pos-syncd executable, driven as the operator types them against a throw-away PostgreSQL
// cluster (tests/server/support/AdminFixture.h). Companies, users, codes and devices are in
// tst_admintenants.
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

class tst_admin : public QObject, public AdminFixture {
    Q_OBJECT

private slots:
    void initTestCase() { startCluster(); }
    void cleanupTestCase() { m_cluster.reset(); }
    void helpAndUsage();
    void migrateTwiceAppliesNothing();
    void aFailedMigrationLeavesNothing();
    void rolesOwnNothingAndBypassNothing();
    void initRolesRefusesUnsafeLogins();
    void nonSuperuserAdminRole();
    void posSyncdAdminAsProcess();
};

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
    QCOMPARE(field(again.out, QStringLiteral("schema")), QStringLiteral("version 2"));
    QCOMPARE(count("SELECT count(*) FROM pos.schema_migrations"), 2);
    QCOMPARE(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                   "ON n.oid = c.relnamespace WHERE n.nspname = 'pos'"),
             objects);
    QCOMPARE(fingerprint(), before);
}

void tst_admin::aFailedMigrationLeavesNothing()
{
    // A database of its own, so V3 here never touches the shared one.
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
    for (const char* name : {"V1.sql", "V2.sql"})
        QVERIFY(QFile::copy(QStringLiteral(":/schema/") + QLatin1String(name),
                            folder.filePath(QLatin1String(name))));
    QFile v3(folder.filePath(QStringLiteral("V3.sql")));
    QVERIFY(v3.open(QIODevice::WriteOnly));
    v3.write("CREATE TABLE pos.half_done (id integer);\n"
             "ALTER TABLE pos.no_such_table ADD COLUMN x integer;\n");
    v3.close();

    {
        auto pg = PgConnection::open(conninfo);
        QVERIFY(pg.has_value());
        Migrator migrator(*pg, folder.path());
        auto failed = migrator.migrate();
        QVERIFY(!failed.has_value());
        QVERIFY2(
            failed.error().message.contains(QLatin1String("V3.sql failed and was rolled back")),
            qPrintable(failed.error().message));
        // V1 and V2 went in (each its own transaction), nothing of V3 did.
        QCOMPARE(migrator.currentVersion().value_or(-1), 2);
        auto half = pg->exec("SELECT to_regclass('pos.half_done') IS NULL");
        QVERIFY(half.has_value());
        QVERIFY(half->boolean(0, 0));

        QVERIFY(v3.open(QIODevice::WriteOnly | QIODevice::Truncate));
        v3.write("CREATE TABLE pos.half_done (id integer);\n");
        v3.close();
        auto fixed = migrator.migrate();
        QVERIFY2(fixed.has_value(), fixed ? "" : qPrintable(fixed.error().message));
        QCOMPARE(*fixed, QList<int>{3});
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
