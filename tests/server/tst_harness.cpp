// The server-test fixtures themselves (tests/server/support): a throw-away PostgreSQL cluster
// that takes only TLS 1.3 over TCP, certificates made in process, and its clean removal.

#include "CertFactory.h"
#include "PgCluster.h"

#include <QFileInfo>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QTest>
#include <QTextStream>

#include <libpq-fe.h>

using namespace pos;
using namespace pos::test;

namespace {

// Connects with libpq directly (not PgConnection, which refuses a conninfo without TLS before
// trying): the refusals below must come from the server.
struct RawConnection {
    explicit RawConnection(const QByteArray& conninfo) : conn(PQconnectdb(conninfo.constData())) {}
    ~RawConnection() { PQfinish(conn); }
    bool ok() const { return conn && PQstatus(conn) == CONNECTION_OK; }
    QString error() const { return QString::fromUtf8(PQerrorMessage(conn)).trimmed(); }
    PGconn* conn;
};

bool processGone(qint64 pid)
{
    // Gone, or a zombie waiting for a parent that is not us.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) == "Z";
}

} // namespace

class tst_harness : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void certificatesAreWellFormed();
    void keysAreOwnerOnly();
    void appRoleConnectsWithTls13();
    void plainTcpIsRefused();
    void tls12IsRefused();
    void wrongCaIsRefused();
    void superuserOnlyOnTheSocket();
    void clusterIsGoneAfterTheFixture();

private:
    std::unique_ptr<PgCluster> m_cluster;
    QString m_passfile;
};

void tst_harness::initTestCase()
{
    m_cluster = std::make_unique<PgCluster>();
    QVERIFY2(m_cluster->ok(), qPrintable(m_cluster->error()));
    QTextStream(stdout) << "cluster started in " << m_cluster->startMilliseconds() << " ms\n";
    m_passfile = m_cluster->createLoginRole(QStringLiteral("harness_app"));
    QVERIFY2(!m_passfile.isEmpty(), qPrintable(m_cluster->error()));
}

void tst_harness::cleanupTestCase()
{
    m_cluster.reset();
}

void tst_harness::certificatesAreWellFormed()
{
    const CertFactory& certs = m_cluster->certs();
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(certs.caFile());
    QCOMPARE(ca.size(), 1);
    const QList<QSslCertificate> server = QSslCertificate::fromPath(certs.server().certFile);
    QCOMPARE(server.size(), 1);
    // The leaf verifies against the test CA (as the only trusted root) for the name localhost;
    // the "wrong" leaf does not.
    QSslConfiguration trustTestCa = QSslConfiguration::defaultConfiguration();
    trustTestCa.setCaCertificates(ca);
    QSslConfiguration::setDefaultConfiguration(trustTestCa);
    QVERIFY(QSslCertificate::verify({server.first(), ca.first()}, QStringLiteral("localhost"))
                .isEmpty());
    const QList<QSslCertificate> wrong = QSslCertificate::fromPath(certs.wrong().certFile);
    QCOMPARE(wrong.size(), 1);
    QVERIFY(!QSslCertificate::verify({wrong.first(), ca.first()}, QStringLiteral("localhost"))
                 .isEmpty());
    // Pins: one per key, what syncprotocol::spkiPin makes of the certificate's SPKI.
    QCOMPARE(certs.server().pin.size(), 64);
    QCOMPARE(CertFactory::pinOfPem(certs.server().certPem), certs.server().pin);
    QVERIFY(certs.server().pin != certs.next().pin);
    QVERIFY(certs.server().pin != certs.wrong().pin);
    QCOMPARE(certs.server().pin, syncprotocol::spkiPin(server.first().publicKey().toDer()));
    QCOMPARE(certs.server().pin, syncprotocol::certificatePin(server.first().toDer()));
    QCOMPARE(certs.next().pin, syncprotocol::certificatePin(certs.next().certDer));
}

void tst_harness::keysAreOwnerOnly()
{
    const CertFactory& certs = m_cluster->certs();
    for (const QString& key :
         {certs.server().keyFile, certs.next().keyFile, certs.wrong().keyFile, m_passfile}) {
        const QFile::Permissions p = QFileInfo(key).permissions();
        QVERIFY2((p & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                       QFileDevice::WriteOther)) == 0,
                 qPrintable(key));
    }
}

void tst_harness::appRoleConnectsWithTls13()
{
    const QByteArray conninfo = m_cluster->appConninfo(QStringLiteral("harness_app"), m_passfile);
    QVERIFY(!conninfo.contains("password"));
    auto pg = server::PgConnection::open(conninfo);
    QVERIFY2(pg.has_value(), pg ? "" : qPrintable(pg.error().message));
    auto r = pg->exec("SELECT ssl, version, current_user FROM pg_stat_ssl "
                      "JOIN pg_stat_activity USING (pid) WHERE pid = pg_backend_pid()");
    QVERIFY(r.has_value());
    QCOMPARE(r->rows(), 1);
    QVERIFY(r->boolean(0, 0));
    QCOMPARE(r->text(0, 1), QStringLiteral("TLSv1.3"));
    QCOMPARE(r->text(0, 2), QStringLiteral("harness_app"));
}

void tst_harness::plainTcpIsRefused()
{
    RawConnection plain(QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=harness_app "
                                       "passfile=%2 sslmode=disable")
                            .arg(m_cluster->port())
                            .arg(m_passfile)
                            .toUtf8());
    QVERIFY(!plain.ok());
    QVERIFY2(plain.error().contains(QLatin1String("no encryption")), qPrintable(plain.error()));
}

void tst_harness::tls12IsRefused()
{
    RawConnection tls12(QStringLiteral("host=localhost hostaddr=127.0.0.1 port=%1 dbname=postgres "
                                       "user=harness_app passfile=%2 sslmode=verify-full "
                                       "sslrootcert=%3 ssl_max_protocol_version=TLSv1.2")
                            .arg(m_cluster->port())
                            .arg(m_passfile, m_cluster->caFile())
                            .toUtf8());
    QVERIFY(!tls12.ok());
    QVERIFY2(tls12.error().contains(QLatin1String("SSL"), Qt::CaseInsensitive) ||
                 tls12.error().contains(QLatin1String("protocol"), Qt::CaseInsensitive),
             qPrintable(tls12.error()));
}

void tst_harness::wrongCaIsRefused()
{
    RawConnection untrusted(QStringLiteral("host=localhost hostaddr=127.0.0.1 port=%1 "
                                           "dbname=postgres user=harness_app passfile=%2 "
                                           "sslmode=verify-full sslrootcert=%3")
                                .arg(m_cluster->port())
                                .arg(m_passfile, m_cluster->certs().wrongCa().certFile)
                                .toUtf8());
    QVERIFY(!untrusted.ok());
    QVERIFY2(untrusted.error().contains(QLatin1String("certificate"), Qt::CaseInsensitive),
             qPrintable(untrusted.error()));
}

void tst_harness::superuserOnlyOnTheSocket()
{
    // The superuser works on the socket...
    QVERIFY(m_cluster->superuser() != nullptr);
    // ...but not over TCP (it has no password), and the app role cannot use the socket.
    RawConnection superTcp(QStringLiteral("host=localhost hostaddr=127.0.0.1 port=%1 "
                                          "dbname=postgres user=postgres sslmode=verify-full "
                                          "sslrootcert=%2 passfile=%3/no-such-passfile")
                               .arg(m_cluster->port())
                               .arg(m_cluster->caFile(), m_cluster->folder())
                               .toUtf8());
    QVERIFY(!superTcp.ok());
    RawConnection appSocket(QStringLiteral("host=%1 port=%2 dbname=postgres user=harness_app "
                                           "passfile=%3")
                                .arg(m_cluster->folder())
                                .arg(m_cluster->port())
                                .arg(m_passfile)
                                .toUtf8());
    QVERIFY(!appSocket.ok());
}

void tst_harness::clusterIsGoneAfterTheFixture()
{
    const qint64 pid = m_cluster->postmasterPid();
    QVERIFY(pid > 0);
    QVERIFY(!processGone(pid));
    const QString folder = m_cluster->folder();
    const int port = m_cluster->port();
    const QString caCopy = QDir::temp().filePath(QStringLiteral("tst_harness-ca-%1.pem").arg(port));
    QFile::remove(caCopy);
    QVERIFY(QFile::copy(m_cluster->caFile(), caCopy));

    m_cluster.reset();

    QVERIFY(processGone(pid));
    QVERIFY(!QFileInfo::exists(folder));
    RawConnection after(QStringLiteral("host=localhost hostaddr=127.0.0.1 port=%1 dbname=postgres "
                                       "user=harness_app sslmode=verify-full sslrootcert=%2 "
                                       "connect_timeout=2")
                            .arg(port)
                            .arg(caCopy)
                            .toUtf8());
    QVERIFY(!after.ok());
    QVERIFY2(after.error().contains(QLatin1String("refused")), qPrintable(after.error()));
    QFile::remove(caCopy);
}

QTEST_GUILESS_MAIN(tst_harness)
#include "tst_harness.moc"
