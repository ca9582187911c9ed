#pragma once

// pos-syncd as the tests see it: one throw-away PostgreSQL cluster (PgCluster), the roles and
// schema made by `pos-syncd admin` (init-roles, migrate), tenants made by the admin command, the
// server's configuration file (server/ServerConfig.h, written with ServerConfig::save), and the
// real `pos-syncd --config FILE` started as a process on a free 127.0.0.1 port. It waits until
// GET /v1/health answers over TLS 1.3, and can kill -9 and restart the server.
//
// Admin commands run as processes with `--db <superuser socket conninfo>`; passwords go to their
// standard input, never into an argument.

#include "PgCluster.h"
#include "ServerConfig.h"
#include "TestDevice.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QSslCertificate>
#include <QThread>
#include <QUrl>

#include <memory>
#include <vector>

#ifndef POS_SYNCD
#error "POS_SYNCD must name the pos-syncd executable (tests/CMakeLists.txt sets it)"
#endif

namespace pos::test {

// What one `pos-syncd admin ...` printed: one fact per line ("company <uuid>", ...).
struct AdminResult {
    int exitCode = -1;
    QStringList lines;
    QString errorText;

    bool ok() const { return exitCode == 0; }
    // The rest of the first line starting with "<key> ", e.g. value("company").
    QString value(const QString& key) const
    {
        const QStringList all = values(key);
        return all.isEmpty() ? QString() : all.first();
    }
    QStringList values(const QString& key) const
    {
        QStringList out;
        const QString prefix = key + u' ';
        for (const QString& line : lines)
            if (line.startsWith(prefix))
                out.append(line.mid(prefix.size()));
        return out;
    }
    QString describe() const
    {
        return QStringLiteral("exit %1: %2 %3").arg(exitCode).arg(lines.join(u'|'), errorText);
    }
};

class SyncdFixture {
public:
    static inline const QString AppLogin = QStringLiteral("pos_syncd_test");

    // Cluster, roles (pos_owner, pos_app, the server's login AppLogin), schema, configuration.
    // The server is not started yet: start().
    SyncdFixture()
    {
        QElapsedTimer timer;
        timer.start();
        m_ok = setUp();
        m_setUpMs = timer.elapsed();
    }

    ~SyncdFixture() { stopServer(); }

    SyncdFixture(const SyncdFixture&) = delete;
    SyncdFixture& operator=(const SyncdFixture&) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    qint64 setUpMilliseconds() const { return m_setUpMs; }
    PgCluster& cluster() { return m_cluster; }
    const CertFactory& certs() const { return m_cluster.certs(); }
    QString configFile() const { return m_cluster.folder() + QStringLiteral("/pos-syncd.ini"); }
    QString serverLogFile() const { return m_cluster.folder() + QStringLiteral("/pos-syncd.log"); }
    int port() const { return m_port; }
    // Worker threads of the next start() (0: pos-syncd's default, ServerConfig::workers).
    void setWorkers(int workers) { m_workers = workers; }
    QUrl baseUrl() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)); }
    QList<QSslCertificate> caCertificates() const
    {
        return QSslCertificate::fromPath(m_cluster.caFile());
    }
    // The server's own login role and how it reaches PostgreSQL (TLS 1.3, verify-full).
    QString appLogin() const { return AppLogin; }
    QByteArray appConninfo() const { return m_cluster.appConninfo(AppLogin, m_appPassfile); }

    // A connection as the server's own role (granted pos_app, owns nothing), for direct SQL.
    Result<server::PgConnection> directSql() const
    {
        return server::PgConnection::open(appConninfo());
    }
    Result<server::PgConnection> directSql(const QByteArray& loginConninfo) const
    {
        return server::PgConnection::open(loginConninfo);
    }

    // Rows of pos.<table> as the superuser (who is not subject to row-level security): what was
    // really written, whatever a tenant may see. -1 when it cannot be counted.
    qint64 countRows(const QString& table)
    {
        server::PgConnection* pg = m_cluster.superuser();
        if (!pg)
            return -1;
        auto r = pg->exec("SELECT count(*) FROM pos." + m_cluster.quoteIdent(table));
        return r && r->rows() == 1 ? r->integer(0, 0) : -1;
    }

    // Every table of schema pos except schema_migrations (the migrator's own), from pg_class,
    // so a table added later is covered without editing a list.
    QStringList posTables()
    {
        server::PgConnection* pg = m_cluster.superuser();
        if (!pg)
            return {};
        auto r = pg->exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                          "ON n.oid = c.relnamespace WHERE n.nspname = 'pos' "
                          "AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations' "
                          "ORDER BY c.relname");
        QStringList out;
        for (int i = 0; r && i < r->rows(); ++i)
            out.append(r->text(i, 0));
        return out;
    }

    // Rows of every pos table as the superuser: compare two snapshots to prove that a refused
    // request wrote nothing.
    QMap<QString, qint64> rowCounts()
    {
        QMap<QString, qint64> out;
        for (const QString& table : posTables())
            out.insert(table, countRows(table));
        return out;
    }

    // The tables whose count differs between two snapshots, as "table: before -> after", leaving
    // out the tables in `ignore`.
    static QStringList changedTables(const QMap<QString, qint64>& before,
                                     const QMap<QString, qint64>& after,
                                     const QStringList& ignore = {})
    {
        QStringList out;
        for (auto it = after.begin(); it != after.end(); ++it)
            if (!ignore.contains(it.key()) && before.value(it.key(), -1) != it.value())
                out.append(QStringLiteral("%1: %2 -> %3")
                               .arg(it.key())
                               .arg(before.value(it.key(), -1))
                               .arg(it.value()));
        return out;
    }

    // `pos-syncd admin <args> --db <superuser>`; `stdinLine` (a password) goes to its stdin.
    AdminResult admin(const QStringList& args, const QByteArray& stdinLine = {})
    {
        return adminAll({AdminCall{args, stdinLine}}).first();
    }

    // Several admin commands at once (each its own process, run side by side: creating users
    // hashes their passwords with scrypt, which is what takes the time). Results in call order.
    struct AdminCall {
        QStringList args;
        QByteArray stdinLine;
    };
    QList<AdminResult> adminAll(const QList<AdminCall>& calls)
    {
        std::vector<std::unique_ptr<QProcess>> processes;
        QList<AdminResult> results(calls.size());
        for (const AdminCall& call : calls) {
            auto process = std::make_unique<QProcess>();
            process->start(QStringLiteral(POS_SYNCD),
                           QStringList{QStringLiteral("admin")} + call.args +
                               QStringList{QStringLiteral("--db"),
                                           QString::fromUtf8(m_cluster.superuserConninfo())});
            if (process->waitForStarted(10000)) {
                if (!call.stdinLine.isEmpty())
                    process->write(call.stdinLine + '\n');
                process->closeWriteChannel();
            }
            processes.push_back(std::move(process));
        }
        for (qsizetype i = 0; i < calls.size(); ++i) {
            QProcess& process = *processes[static_cast<size_t>(i)];
            AdminResult& result = results[i];
            if (process.state() == QProcess::NotRunning &&
                process.error() == QProcess::FailedToStart) {
                result.errorText = QStringLiteral("pos-syncd did not start");
                continue;
            }
            if (!process.waitForFinished(60000)) {
                process.kill();
                process.waitForFinished();
                result.errorText = QStringLiteral("pos-syncd admin did not finish");
                continue;
            }
            result.exitCode =
                process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
            result.lines =
                QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
            result.errorText = QString::fromUtf8(process.readAllStandardError()).trimmed();
        }
        return results;
    }

    // The arguments of create-user (for adminAll); `storeIds` empty for an owner.
    static QStringList createUserArgs(const QString& companyId, const QString& code,
                                      const QString& role, const QStringList& storeIds = {})
    {
        QStringList args{QStringLiteral("create-user"),
                         QStringLiteral("--company"),
                         companyId,
                         QStringLiteral("--code"),
                         code,
                         QStringLiteral("--name"),
                         code,
                         QStringLiteral("--role"),
                         role};
        if (!storeIds.isEmpty())
            args << QStringLiteral("--stores") << storeIds.join(u',');
        return args;
    }

    // Tenants through the admin command. Each returns the new id, or empty (error() says why).
    QString createCompany(const QString& name)
    {
        return fact(admin({QStringLiteral("create-company"), QStringLiteral("--name"), name}),
                    QStringLiteral("company"));
    }
    QString createStore(const QString& companyId, const QString& name)
    {
        return fact(admin({QStringLiteral("create-store"), QStringLiteral("--company"), companyId,
                           QStringLiteral("--name"), name}),
                    QStringLiteral("store"));
    }
    // A user; `storeIds` empty for an owner (all stores). The password goes to stdin.
    QString createUser(const QString& companyId, const QString& code, const QString& role,
                       const QByteArray& password, const QStringList& storeIds = {})
    {
        return fact(admin(createUserArgs(companyId, code, role, storeIds), password),
                    QStringLiteral("user"));
    }
    // A one-time enrolment code for a store ("XXXX-XXXX-XXXX-XXXX").
    QString enrolCode(const QString& companyId, const QString& storeId)
    {
        return fact(admin({QStringLiteral("enrol-code"), QStringLiteral("--company"), companyId,
                           QStringLiteral("--store"), storeId}),
                    QStringLiteral("code"));
    }
    bool revoke(const QString& companyId, const QString& deviceId)
    {
        const AdminResult r = admin({QStringLiteral("revoke"), QStringLiteral("--company"),
                                     companyId, QStringLiteral("--device"), deviceId,
                                     QStringLiteral("--reason"), QStringLiteral("test")});
        if (!r.ok())
            m_error = r.describe();
        return r.ok();
    }

    // A TestDevice enrolled in the store with a fresh code; null when enrolment failed.
    std::unique_ptr<TestDevice> enrolDevice(const QString& companyId, const QString& storeId,
                                            const QString& name)
    {
        const QString code = enrolCode(companyId, storeId);
        if (code.isEmpty())
            return nullptr;
        auto device = std::make_unique<TestDevice>(baseUrl(), caCertificates(), name);
        const ApiReply reply = device->enrol(code);
        if (reply.status != 200) {
            m_error = QStringLiteral("enrolment: ") + reply.describe();
            return nullptr;
        }
        return device;
    }

    // The certificate the server presents: its own (default) or the unrelated "wrong" one.
    enum class Certificate { Server, Wrong };

    // Writes the configuration and starts pos-syncd; true once /v1/health answers 200 over TLS.
    bool start(Certificate certificate = Certificate::Server)
    {
        stopServer();
        if (!writeConfig(certificate))
            return false;
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::MergedChannels);
        m_server->setStandardOutputFile(serverLogFile(), QIODevice::Append);
        m_server->start(QStringLiteral(POS_SYNCD), {QStringLiteral("--config"), configFile()});
        if (!m_server->waitForStarted(10000)) {
            m_error = QStringLiteral("pos-syncd did not start");
            return false;
        }
        // Trust whichever CA signed the certificate being presented, so health can answer.
        const QList<QSslCertificate> ca =
            certificate == Certificate::Server
                ? caCertificates()
                : QSslCertificate::fromPath(certs().wrongCa().certFile);
        QNetworkAccessManager nam;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            if (m_server->state() != QProcess::Running) {
                m_error = QStringLiteral("pos-syncd exited: ") + serverLog().right(1500);
                return false;
            }
            const ApiReply health = sendHttps(nam, ca, "GET", url("/v1/health"), {}, {});
            if (health.status == 200)
                return true;
            QThread::msleep(50);
        }
        m_error = QStringLiteral("pos-syncd did not answer /v1/health: ") + serverLog().right(1500);
        return false;
    }

    // kill -9: no clean shutdown.
    void killServer()
    {
        if (!m_server)
            return;
        m_server->kill();
        m_server->waitForFinished(10000);
        m_server.reset();
    }
    bool restart(Certificate certificate = Certificate::Server)
    {
        killServer();
        return start(certificate);
    }
    void stopServer()
    {
        if (!m_server)
            return;
        m_server->terminate();
        if (!m_server->waitForFinished(5000)) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
        m_server.reset();
    }
    bool serverRunning() const { return m_server && m_server->state() == QProcess::Running; }
    qint64 serverPid() const { return m_server ? m_server->processId() : 0; }

    QString serverLog() const
    {
        QFile file(serverLogFile());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    // GET /v1/health trusting the test CA.
    ApiReply health()
    {
        QNetworkAccessManager nam;
        return sendHttps(nam, caCertificates(), "GET", url("/v1/health"), {}, {});
    }

    QUrl url(const QByteArray& pathAndQuery) const
    {
        return QUrl(baseUrl().toString() + QString::fromLatin1(pathAndQuery));
    }

    // The id an admin command printed under `key` ("company", "user", ...), or empty with
    // error() set.
    QString fact(const AdminResult& r, const QString& key)
    {
        const QString v = r.value(key);
        if (!r.ok() || v.isEmpty()) {
            m_error = r.describe();
            return {};
        }
        return v.section(u' ', 0, 0);
    }

private:
    bool writeConfig(Certificate certificate)
    {
        server::ServerConfig config;
        config.listenAddress = QHostAddress::LocalHost;
        config.port = static_cast<quint16>(m_port);
        const CertFiles& presented =
            certificate == Certificate::Server ? certs().server() : certs().wrong();
        config.certificatePath = presented.certFile;
        config.keyPath = presented.keyFile;
        config.nextCertificatePath = certs().next().certFile;
        config.conninfo = appConninfo();
        config.witnessKeyPath = m_cluster.folder() + QStringLiteral("/witness.key");
        config.maxBodyBytes = syncprotocol::MaxBodyBytes;
        config.workers = m_workers;
        if (auto saved = config.save(configFile()); !saved) {
            m_error = saved.error().message;
            return false;
        }
        return true;
    }

    bool setUp()
    {
        if (!m_cluster.ok()) {
            m_error = m_cluster.error();
            return false;
        }
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = QStringLiteral("no free port on 127.0.0.1");
            return false;
        }
        m_port = probe.serverPort();
        probe.close();

        QByteArray password = PgCluster::randomPassword();
        const AdminResult roles = admin(
            {QStringLiteral("init-roles"), QStringLiteral("--app-login"), AppLogin}, password);
        if (!roles.ok()) {
            m_error = QStringLiteral("init-roles: ") + roles.describe();
            return false;
        }
        m_appPassfile = m_cluster.writePassfile(AppLogin, password);
        OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
        if (m_appPassfile.isEmpty()) {
            m_error = QStringLiteral("could not write the server's passfile");
            return false;
        }
        const AdminResult migrated = admin({QStringLiteral("migrate")});
        if (!migrated.ok()) {
            m_error = QStringLiteral("migrate: ") + migrated.describe();
            return false;
        }
        return true;
    }

    PgCluster m_cluster;
    std::unique_ptr<QProcess> m_server;
    QString m_appPassfile;
    QString m_error;
    int m_port = 0;
    int m_workers = 0;
    bool m_ok = false;
    qint64 m_setUpMs = 0;
};

} // namespace pos::test
