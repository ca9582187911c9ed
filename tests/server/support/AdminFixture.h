// `pos-syncd admin` driven in process (runAdminCommand) against a throw-away PostgreSQL cluster,
// with the superuser's view of what the database holds: shared by tst_admin and
// tst_admintenants.
#pragma once

#include "AdminCommands.h"
#include "PgCluster.h"

#include <QProcess>
#include <QTest>
#include <QTextStream>

#include <memory>

namespace pos::test {

using pos::server::PgConnection;

struct Run {
    int code = -1;
    QString out;
    QString err;
};

// The first value of a "<key> <value>" line, or empty.
inline QString field(const QString& out, const QString& key)
{
    for (const QString& line : out.split(u'\n')) {
        if (line.startsWith(key + u' '))
            return line.mid(key.size() + 1);
    }
    return {};
}

inline QStringList fields(const QString& out, const QString& key)
{
    QStringList values;
    for (const QString& line : out.split(u'\n')) {
        if (line.startsWith(key + u' '))
            values.append(line.mid(key.size() + 1));
    }
    return values;
}

inline const QString OwnerPassword = QStringLiteral("correct horse battery staple 7");
inline const QString AppPassword = QStringLiteral("the server's own login pass 42");

class AdminFixture {
protected:
    void startCluster();
    Run admin(const QStringList& args, const QString& input = {}, const QByteArray& db = {});
    QString newCompany(const QString& name);
    QString newStore(const QString& company, const QString& name);
    // One md5 over every row of every table in schema pos (as the superuser).
    QByteArray fingerprint();
    qint64 count(const QByteArray& sql, const QList<QByteArray>& params = {});
    QByteArray dump();

    std::unique_ptr<PgCluster> m_cluster;
    PgConnection* m_su = nullptr;
};

inline Run AdminFixture::admin(const QStringList& args, const QString& input, const QByteArray& db)
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
    run.code = pos::server::runAdminCommand(all, outStream, errStream, inStream);
    outStream.flush();
    errStream.flush();
    run.out = out;
    run.err = err;
    return run;
}

inline QString AdminFixture::newCompany(const QString& name)
{
    const Run r = admin({QStringLiteral("create-company"), QStringLiteral("--name"), name});
    if (r.code != 0)
        qWarning() << r.err;
    return field(r.out, QStringLiteral("company"));
}

inline QString AdminFixture::newStore(const QString& company, const QString& name)
{
    const Run r = admin({QStringLiteral("create-store"), QStringLiteral("--company"), company,
                         QStringLiteral("--name"), name});
    if (r.code != 0)
        qWarning() << r.err;
    return field(r.out, QStringLiteral("store"));
}

inline QByteArray AdminFixture::fingerprint()
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

inline qint64 AdminFixture::count(const QByteArray& sql, const QList<QByteArray>& params)
{
    auto r = m_su->exec(sql, params);
    if (!r) {
        qWarning() << r.error().message;
        return -1;
    }
    return r->integer(0, 0);
}

// Everything in the database as pg_dump writes it (data only), for "nowhere in the database".
inline QByteArray AdminFixture::dump()
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

// Starts the cluster, makes the roles and migrates; QVERIFY fails the calling test.
inline void AdminFixture::startCluster()
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
    QCOMPARE(fields(migrate.out, QStringLiteral("applied")),
             (QStringList{QStringLiteral("V1"), QStringLiteral("V2")}));
    QCOMPARE(field(migrate.out, QStringLiteral("schema")), QStringLiteral("version 2"));
}

} // namespace pos::test
