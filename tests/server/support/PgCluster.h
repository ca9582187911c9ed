#pragma once

// A throw-away PostgreSQL 15 cluster for one test executable (tests/server/).
//
// initdb into a fresh folder under /tmp (mode 0755, so the postgres user can reach it when the
// tests run as root: initdb, pg_ctl and postgres then run as `postgres` through runuser). The
// cluster listens only on 127.0.0.1:<free port> and on a Unix socket in its folder:
//   - the socket takes the superuser `postgres` only (trust: peer cannot map root to postgres);
//   - TCP takes TLS only (hostssl + scram-sha-256, no `host` line: a plain connection is
//     refused), TLS 1.3 only (ssl_min_protocol_version), with a server certificate for
//     localhost/127.0.0.1 made by CertFactory.
// Durability is off (fsync, synchronous_commit, full_page_writes) to keep the tests fast. The
// destructor stops it with `pg_ctl stop -m immediate` and removes the folder.
//
// Passwords never go into a command line or a conninfo string: createLoginRole() sends the
// SCRAM verifier computed by libpq and writes the password only into a 0600 libpq passfile.

#include "CertFactory.h"
#include "PgConnection.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTcpServer>
#include <QTemporaryDir>

#include <libpq-fe.h>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <optional>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

namespace pos::test {

class PgCluster {
public:
    static inline const QString BinDir = QStringLiteral("/usr/lib/postgresql/15/bin");

    PgCluster() : m_dir(QStringLiteral("/tmp/pos-pg-XXXXXX"))
    {
        QElapsedTimer timer;
        timer.start();
        m_ok = start();
        m_startMs = timer.elapsed();
    }

    ~PgCluster() { stop(); }

    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    qint64 startMilliseconds() const { return m_startMs; }

    int port() const { return m_port; }
    QString folder() const { return m_dir.path(); }
    QString dataDir() const { return folder() + QStringLiteral("/data"); }
    QString logFile() const { return folder() + QStringLiteral("/postgres.log"); }
    QString database() const { return QStringLiteral("postgres"); }
    const CertFactory& certs() const { return *m_certs; }
    QString caFile() const { return m_certs->caFile(); }

    // The superuser over the Unix socket in the cluster folder (no TLS needed on a socket).
    QByteArray superuserConninfo() const
    {
        return QStringLiteral("host=%1 port=%2 user=postgres dbname=%3")
            .arg(folder())
            .arg(m_port)
            .arg(database())
            .toUtf8();
    }

    // A login role over TCP with TLS 1.3 and full verification of the server certificate, the
    // password read by libpq from `passfile`.
    QByteArray appConninfo(const QString& login, const QString& passfile) const
    {
        return QStringLiteral("host=localhost hostaddr=127.0.0.1 port=%1 dbname=%2 user=%3 "
                              "passfile=%4 sslmode=verify-full sslrootcert=%5 "
                              "ssl_min_protocol_version=TLSv1.3")
            .arg(m_port)
            .arg(database(), login, passfile, caFile())
            .toUtf8();
    }

    // A superuser connection kept open for the fixture's and the tests' own checks (counting
    // rows as the superuser, creating roles). Null when the cluster is down.
    server::PgConnection* superuser()
    {
        if (m_superuser && m_superuser->isOk())
            return &*m_superuser;
        m_superuser.reset();
        auto pg = server::PgConnection::open(superuserConninfo());
        if (!pg) {
            m_error = pg.error().message;
            return nullptr;
        }
        m_superuser.emplace(std::move(*pg));
        return &*m_superuser;
    }

    // A fresh random password: 32 characters of base64url (no ':' or '\' for the passfile).
    static QByteArray randomPassword()
    {
        QByteArray raw(24, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), 24) != 1)
            return {};
        QByteArray out =
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        OPENSSL_cleanse(raw.data(), static_cast<size_t>(raw.size()));
        return out;
    }

    // Writes a libpq passfile (0600 from creation) for `login` with `password`; returns its path.
    QString writePassfile(const QString& login, const QByteArray& password) const
    {
        const QString path = folder() + QStringLiteral("/pass-") + login;
        QFile::remove(path);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return {};
        QByteArray line =
            "*:" + QByteArray::number(m_port) + ":*:" + login.toUtf8() + ':' + password + '\n';
        const bool written = file.write(line) == line.size() && file.flush();
        OPENSSL_cleanse(line.data(), static_cast<size_t>(line.size()));
        return written ? path : QString();
    }

    // CREATE ROLE <login> LOGIN with a random password (sent as a SCRAM verifier, never as
    // text), GRANT each of `memberOf`, and write its passfile. Returns the passfile path, or an
    // empty string (error() says why).
    QString createLoginRole(const QString& login, const QStringList& memberOf = {})
    {
        server::PgConnection* pg = superuser();
        if (!pg)
            return {};
        QByteArray password = randomPassword();
        const QByteArray user = login.toUtf8();
        char* verifier = PQencryptPasswordConn(pg->raw(), password.constData(), user.constData(),
                                               "scram-sha-256");
        if (!verifier) {
            m_error = QStringLiteral("could not compute the SCRAM verifier");
            return {};
        }
        char* literal = PQescapeLiteral(pg->raw(), verifier, qstrlen(verifier));
        PQfreemem(verifier);
        const QByteArray ident = quoteIdent(login);
        QByteArray sql = "CREATE ROLE " + ident + " LOGIN PASSWORD " + QByteArray(literal);
        PQfreemem(literal);
        for (const QString& role : memberOf)
            sql += "; GRANT " + quoteIdent(role) + " TO " + ident;
        if (auto done = pg->execScript(sql); !done) {
            m_error = done.error().message;
            return {};
        }
        const QString path = writePassfile(login, password);
        OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
        if (path.isEmpty())
            m_error = QStringLiteral("could not write the passfile");
        return path;
    }

    QByteArray quoteIdent(const QString& name)
    {
        server::PgConnection* pg = superuser();
        if (!pg)
            return {};
        const QByteArray raw = name.toUtf8();
        char* quoted =
            PQescapeIdentifier(pg->raw(), raw.constData(), static_cast<size_t>(raw.size()));
        QByteArray out(quoted);
        PQfreemem(quoted);
        return out;
    }

    // The postmaster's process id while it runs (first line of postmaster.pid), else 0.
    qint64 postmasterPid() const
    {
        QFile file(dataDir() + QStringLiteral("/postmaster.pid"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return file.readLine().trimmed().toLongLong();
    }

    // The last lines of the server log, for failure messages.
    QString logTail() const
    {
        QFile file(logFile());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll().right(2000));
    }

    // Stops the cluster (immediate shutdown) and removes its folder. Called by the destructor.
    void stop()
    {
        m_superuser.reset();
        if (m_started) {
            run(QStringLiteral("pg_ctl"),
                {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
                 QStringLiteral("-w"), QStringLiteral("stop")});
            m_started = false;
        }
        m_dir.remove();
    }

    static bool runningAsRoot() { return geteuid() == 0; }

private:
    static int freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort();
    }

    // Runs a PostgreSQL program (as `postgres` when we are root). Output goes to m_lastOutput.
    bool run(const QString& program, const QStringList& args, int timeoutMs = 60000)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        const QString path = BinDir + u'/' + program;
        if (runningAsRoot()) {
            const QString runuser = QStandardPaths::findExecutable(
                QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                            QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
            if (runuser.isEmpty()) {
                m_error = QStringLiteral("runuser (util-linux) is needed to run PostgreSQL as "
                                         "postgres when the tests run as root");
                return false;
            }
            process.start(runuser, QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                               QStringLiteral("--"), path} +
                                       args);
        } else {
            process.start(path, args);
        }
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            m_error = program + QStringLiteral(" did not finish");
            return false;
        }
        m_lastOutput = QString::fromUtf8(process.readAll());
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            m_error = program + QStringLiteral(" failed: ") + m_lastOutput.right(1500);
            return false;
        }
        return true;
    }

    bool chownToPostgres()
    {
        if (!runningAsRoot())
            return true;
        const passwd* pw = getpwnam("postgres");
        if (!pw) {
            m_error = QStringLiteral("there is no postgres user to run the cluster as");
            return false;
        }
        const uid_t uid = pw->pw_uid;
        const gid_t gid = pw->pw_gid;
        if (::chown(QFile::encodeName(folder()).constData(), uid, gid) != 0)
            return false;
        QDirIterator it(folder(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (::chown(QFile::encodeName(it.next()).constData(), uid, gid) != 0) {
                m_error = QStringLiteral("could not hand the cluster folder to postgres");
                return false;
            }
        }
        return true;
    }

    bool appendFile(const QString& path, const QByteArray& text, bool truncate = false)
    {
        QFile file(path);
        if (!file.open(truncate ? QIODevice::WriteOnly | QIODevice::Truncate
                                : QIODevice::WriteOnly | QIODevice::Append)) {
            m_error = QStringLiteral("could not write ") + path;
            return false;
        }
        return file.write(text) == text.size();
    }

    bool start()
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("could not make a folder under /tmp");
            return false;
        }
        // Traversable by postgres; nothing secret is readable: keys and passfiles are 0600.
        QFile::setPermissions(folder(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
        m_certs = std::make_unique<CertFactory>(folder() + QStringLiteral("/certs"));
        if (!m_certs->ok()) {
            m_error = QStringLiteral("certificates: ") + m_certs->error();
            return false;
        }
        if (!chownToPostgres())
            return false;
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                  QStringLiteral("--auth=reject"), QStringLiteral("--encoding=UTF8"),
                  QStringLiteral("--locale=C"), QStringLiteral("--no-sync"),
                  QStringLiteral("--no-instructions")}))
            return false;
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_port = freePort();
            if (m_port == 0) {
                m_error = QStringLiteral("no free port on 127.0.0.1");
                return false;
            }
            if (!configure())
                return false;
            if (run(QStringLiteral("pg_ctl"),
                    {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(),
                     QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                     QStringLiteral("start")})) {
                m_started = true;
                return superuser() != nullptr;
            }
            m_error += QStringLiteral("\n") + logTail();
        }
        return false;
    }

    bool configure()
    {
        const QByteArray conf = "\n# pos tests (tests/server/support/PgCluster.h)\n"
                                "listen_addresses = '127.0.0.1'\n"
                                "port = " +
                                QByteArray::number(m_port) +
                                "\n"
                                "unix_socket_directories = '" +
                                folder().toUtf8() +
                                "'\n"
                                "ssl = on\n"
                                "ssl_cert_file = '" +
                                m_certs->server().certFile.toUtf8() +
                                "'\n"
                                "ssl_key_file = '" +
                                m_certs->server().keyFile.toUtf8() +
                                "'\n"
                                "ssl_min_protocol_version = 'TLSv1.3'\n"
                                "password_encryption = 'scram-sha-256'\n"
                                "fsync = off\n"
                                "synchronous_commit = off\n"
                                "full_page_writes = off\n"
                                "shared_buffers = 32MB\n"
                                "max_connections = 150\n"
                                "max_wal_size = 1GB\n"
                                "log_min_messages = warning\n"
                                "log_connections = off\n";
        // The configuration is rewritten in full on every attempt (a retry picks another port).
        const QString confFile = dataDir() + QStringLiteral("/postgresql.conf");
        if (m_baseConf.isNull()) {
            QFile base(confFile);
            if (!base.open(QIODevice::ReadOnly)) {
                m_error = QStringLiteral("initdb wrote no postgresql.conf");
                return false;
            }
            m_baseConf = base.readAll();
        }
        const QByteArray hba = "# pos tests: the superuser on the socket only; TCP is TLS only\n"
                               "local   all all                    reject\n"
                               "hostssl all all 127.0.0.1/32 scram-sha-256\n";
        const QByteArray localSuperuser = "local   all postgres               trust\n";
        return appendFile(confFile, m_baseConf + conf, true) &&
               appendFile(dataDir() + QStringLiteral("/pg_hba.conf"), localSuperuser + hba, true);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<CertFactory> m_certs;
    std::optional<server::PgConnection> m_superuser;
    QByteArray m_baseConf;
    QString m_error;
    QString m_lastOutput;
    int m_port = 0;
    bool m_ok = false;
    bool m_started = false;
    qint64 m_startMs = 0;
};

} // namespace pos::test
