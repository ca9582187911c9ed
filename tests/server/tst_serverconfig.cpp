// pos-syncd's configuration without a database: the INI file and its errors, the TLS-or-socket
// rule for the database connection (NET-1), the witness key file (made 0600, refused when others
// may read it), the TLS key and certificate checks and pins (NET-2), and the command line.

#include "CertFactory.h"
#include "ServerConfig.h"
#include "TlsMaterial.h"
#include "WitnessKey.h"
#include "sync/SyncProtocol.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pos;
using namespace pos::server;
using namespace pos::test;

namespace {

const QByteArray SocketConninfo = "host=/run/postgresql dbname=pos user=pos_syncd";

bool writeFile(const QString& path, const QByteArray& data, QFile::Permissions permissions)
{
    QFile::remove(path);
    QFile file(path);
    return file.open(QIODevice::WriteOnly, permissions) && file.write(data) == data.size();
}

unsigned modeOf(const QString& path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & 0777) : 0;
}

constexpr QFile::Permissions OwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

class tst_serverconfig : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void savedConfigLoadsBack();
    void relativePathsFollowTheConfigFile();
    void missingOrUnreadableFile();
    void badValues_data();
    void badValues();
    void conninfoMustUseTls13OverTcp_data();
    void conninfoMustUseTls13OverTcp();
    void secretsAreNotInErrors();
    void witnessKeyIsMadeOwnerOnly();
    void witnessKeyReadableByOthersIsRefused();
    void witnessKeyOfWrongSizeOrSymlinkIsRefused();
    void tlsKeyReadableByOthersIsRefused();
    void tlsKeyOfAnotherCertificateIsRefused();
    void tlsAllowsOnlyTls13AndPinsBothCertificates();
    void commandLine();

private:
    ServerConfig validConfig() const;
    QString writeIni(const QByteArray& text, const QString& name = QStringLiteral("c.ini"));

    QTemporaryDir m_dir;
    std::unique_ptr<CertFactory> m_certs;
};

void tst_serverconfig::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<CertFactory>(m_dir.filePath(QStringLiteral("certs")));
    QVERIFY2(m_certs->ok(), qPrintable(m_certs->error()));
}

ServerConfig tst_serverconfig::validConfig() const
{
    ServerConfig config;
    config.listenAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    config.port = 8443;
    config.certificatePath = m_certs->server().certFile;
    config.keyPath = m_certs->server().keyFile;
    config.nextCertificatePath = m_certs->next().certFile;
    config.conninfo = SocketConninfo;
    config.witnessKeyPath = m_dir.filePath(QStringLiteral("witness.key"));
    config.maxBodyBytes = 4096;
    config.workers = 3;
    return config;
}

QString tst_serverconfig::writeIni(const QByteArray& text, const QString& name)
{
    const QString path = m_dir.filePath(name);
    if (!writeFile(path, text, OwnerOnly))
        return {};
    return path;
}

void tst_serverconfig::savedConfigLoadsBack()
{
    ServerConfig config = validConfig();
    // A conninfo with spaces, '=', quotes and a comma survives the INI round trip.
    config.conninfo = "host=/run/postgresql dbname=pos user=pos_syncd "
                      "application_name='pos, syncd'";
    const QString path = m_dir.filePath(QStringLiteral("saved.ini"));
    QVERIFY(config.save(path));
    QCOMPARE(modeOf(path), 0600U); // it may hold a database password

    auto loaded = ServerConfig::load(path);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(loaded->listenAddress, config.listenAddress);
    QCOMPARE(loaded->port, config.port);
    QCOMPARE(loaded->certificatePath, config.certificatePath);
    QCOMPARE(loaded->keyPath, config.keyPath);
    QCOMPARE(loaded->nextCertificatePath, config.nextCertificatePath);
    QCOMPARE(loaded->conninfo, config.conninfo);
    QCOMPARE(loaded->witnessKeyPath, config.witnessKeyPath);
    QCOMPARE(loaded->maxBodyBytes, 4096);
    QCOMPARE(loaded->workers, 3);
    QCOMPARE(loaded->effectiveWorkers(), 3);

    // Without [limits] the protocol's limit applies and the worker count follows the CPUs (at
    // least 2); without next_certificate there is none.
    config.maxBodyBytes = 0;
    config.workers = 0;
    config.nextCertificatePath.clear();
    QVERIFY(config.save(path));
    loaded = ServerConfig::load(path);
    QVERIFY(loaded);
    QCOMPARE(loaded->maxBodyBytes, syncprotocol::MaxBodyBytes);
    QCOMPARE(loaded->workers, 0);
    QVERIFY(loaded->effectiveWorkers() >= 2);
    QVERIFY(loaded->nextCertificatePath.isEmpty());
}

void tst_serverconfig::relativePathsFollowTheConfigFile()
{
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("etc")));
    QVERIFY(QFile::copy(m_certs->server().certFile, m_dir.filePath(QStringLiteral("etc/s.pem"))));
    QVERIFY(QFile::copy(m_certs->server().keyFile, m_dir.filePath(QStringLiteral("etc/s.key"))));
    const QString path = writeIni("[listen]\naddress=::1\nport=0\n"
                                  "[tls]\ncertificate=s.pem\nkey=s.key\n"
                                  "[database]\nconninfo=\"host=/tmp dbname=pos\"\n"
                                  "[witness]\nkey=w.key\n",
                                  QStringLiteral("etc/pos-syncd.ini"));
    auto loaded = ServerConfig::load(path);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(loaded->listenAddress, QHostAddress(QStringLiteral("::1")));
    QCOMPARE(loaded->port, quint16(0));
    QCOMPARE(loaded->certificatePath, m_dir.filePath(QStringLiteral("etc/s.pem")));
    QCOMPARE(loaded->witnessKeyPath, m_dir.filePath(QStringLiteral("etc/w.key")));
    QCOMPARE(loaded->conninfo, QByteArray("host=/tmp dbname=pos"));
}

void tst_serverconfig::missingOrUnreadableFile()
{
    const QString missing = m_dir.filePath(QStringLiteral("nope.ini"));
    auto loaded = ServerConfig::load(missing);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.contains(missing), qPrintable(loaded.error().message));
    QVERIFY(loaded.error().message.contains(QStringLiteral("does not exist")));

    if (geteuid() != 0) { // root reads anything
        const QString locked = writeIni("[listen]\n", QStringLiteral("locked.ini"));
        QVERIFY(QFile::setPermissions(locked, QFile::WriteOwner));
        loaded = ServerConfig::load(locked);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains(QStringLiteral("cannot be read")),
                 qPrintable(loaded.error().message));
    }
    loaded = ServerConfig::load(m_dir.path()); // a folder
    QVERIFY(!loaded);
    QVERIFY(loaded.error().message.contains(QStringLiteral("cannot be read")));
}

void tst_serverconfig::badValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value"); // empty: the key is left out
    QTest::addColumn<QString>("expected");

    QTest::newRow("no address") << "listen/address"
                                << ""
                                << "listen/address is missing";
    QTest::newRow("host name") << "listen/address"
                               << "localhost"
                               << "listen/address must be an IP address";
    QTest::newRow("no port") << "listen/port"
                             << ""
                             << "listen/port is missing";
    QTest::newRow("port too big") << "listen/port"
                                  << "70000"
                                  << "listen/port must be a whole number from 0 to 65535";
    QTest::newRow("port not a number") << "listen/port"
                                       << "https"
                                       << "listen/port must be";
    QTest::newRow("no certificate") << "tls/certificate"
                                    << ""
                                    << "tls/certificate is missing";
    QTest::newRow("missing certificate") << "tls/certificate"
                                         << "/nonexistent/s.pem"
                                         << "tls/certificate names";
    QTest::newRow("no key") << "tls/key"
                            << ""
                            << "tls/key is missing";
    QTest::newRow("missing next") << "tls/next_certificate"
                                  << "/nonexistent/n.pem"
                                  << "which does not exist";
    QTest::newRow("no conninfo") << "database/conninfo"
                                 << ""
                                 << "database/conninfo is missing";
    QTest::newRow("no witness") << "witness/key"
                                << ""
                                << "witness/key is missing";
    QTest::newRow("limit zero") << "limits/max_body_bytes"
                                << "0"
                                << "limits/max_body_bytes must be a whole number from 1 to";
    QTest::newRow("limit above protocol") << "limits/max_body_bytes"
                                          << "8388609"
                                          << "limits/max_body_bytes must be";
    QTest::newRow("no workers") << "limits/workers"
                                << "0"
                                << "limits/workers must be a whole number from 1 to 64";
    QTest::newRow("too many workers") << "limits/workers"
                                      << "65"
                                      << "limits/workers must be";
    QTest::newRow("unquoted comma") << "database/conninfo"
                                    << "host=/tmp, dbname=x"
                                    << "put the value in double quotes";
}

void tst_serverconfig::badValues()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const ServerConfig good = validConfig();
    QMap<QString, QString> values{
        {QStringLiteral("listen/address"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("listen/port"), QStringLiteral("8443")},
        {QStringLiteral("tls/certificate"), good.certificatePath},
        {QStringLiteral("tls/key"), good.keyPath},
        {QStringLiteral("database/conninfo"), QStringLiteral("\"host=/tmp dbname=pos\"")},
        {QStringLiteral("witness/key"), good.witnessKeyPath},
    };
    if (value.isEmpty())
        values.remove(key);
    else
        values[key] = value;
    QByteArray ini;
    QString section;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString s = it.key().section(u'/', 0, 0);
        if (s != section)
            ini += "[" + s.toUtf8() + "]\n";
        section = s;
        ini += it.key().section(u'/', 1).toUtf8() + "=" + it.value().toUtf8() + "\n";
    }
    const QString path = writeIni(ini);
    const auto loaded = ServerConfig::load(path);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.contains(expected), qPrintable(loaded.error().message));
    QVERIFY(loaded.error().message.contains(path));
}

void tst_serverconfig::conninfoMustUseTls13OverTcp_data()
{
    QTest::addColumn<QByteArray>("conninfo");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("unix socket") << QByteArray("host=/run/postgresql dbname=pos") << true;
    QTest::newRow("tcp plain") << QByteArray("host=db.example dbname=pos") << false;
    QTest::newRow("tcp require") << QByteArray("host=db.example dbname=pos sslmode=require "
                                               "ssl_min_protocol_version=TLSv1.3")
                                 << false;
    QTest::newRow("tcp verify-full, TLS 1.2")
        << QByteArray("host=db.example dbname=pos sslmode=verify-full "
                      "ssl_min_protocol_version=TLSv1.2")
        << false;
    QTest::newRow("hostaddr only") << QByteArray("hostaddr=10.0.0.5 dbname=pos") << false;
    QTest::newRow("tcp verify-full, TLS 1.3")
        << QByteArray("host=db.example dbname=pos sslmode=verify-full "
                      "ssl_min_protocol_version=TLSv1.3")
        << true;
}

void tst_serverconfig::conninfoMustUseTls13OverTcp()
{
    QFETCH(QByteArray, conninfo);
    QFETCH(bool, accepted);
    ServerConfig config = validConfig();
    config.conninfo = conninfo;
    const QString path = m_dir.filePath(QStringLiteral("tls.ini"));
    QVERIFY(config.save(path));
    const auto loaded = ServerConfig::load(path);
    QCOMPARE(bool(loaded), accepted);
    if (!accepted) {
        QVERIFY2(loaded.error().message.contains(QStringLiteral("database/conninfo")),
                 qPrintable(loaded.error().message));
        QVERIFY(loaded.error().message.contains(QStringLiteral("verify-full")) ||
                loaded.error().message.contains(QStringLiteral("TLSv1.3")));
    }
}

void tst_serverconfig::secretsAreNotInErrors()
{
    // A password in a refused conninfo is not repeated in the error.
    ServerConfig config = validConfig();
    config.conninfo = "host=db.example dbname=pos password=Sup3rSecretPw";
    const QString path = m_dir.filePath(QStringLiteral("secret.ini"));
    QVERIFY(config.save(path));
    const auto loaded = ServerConfig::load(path);
    QVERIFY(!loaded);
    QVERIFY(!loaded.error().message.contains(QStringLiteral("Sup3rSecretPw")));
}

void tst_serverconfig::witnessKeyIsMadeOwnerOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("new-witness.key"));
    QVERIFY(!QFile::exists(path));
    auto made = WitnessKey::loadOrCreate(path);
    QVERIFY2(made, qPrintable(made ? QString() : made.error().message));
    QCOMPARE(modeOf(path), 0600U);
    QCOMPARE(QFileInfo(path).size(), 32);
    const QByteArray publicKey = made->publicKey();

    // The next start reads the same key.
    auto again = WitnessKey::loadOrCreate(path);
    QVERIFY(again);
    QCOMPARE(again->publicKey(), publicKey);
    // And it signs: a witness signature verifies with the public key registers get.
    auto signature = again->sign("checkpoint");
    QVERIFY(signature);
    QVERIFY(Ed25519::verify(publicKey, "checkpoint", *signature));

    // A key file written by the operator (32 raw bytes) is used as it is.
    auto seed = Ed25519::generatePrivateKey();
    QVERIFY(seed);
    const QString own = m_dir.filePath(QStringLiteral("own-witness.key"));
    QVERIFY(writeFile(own, seed->toByteArrayForApi(), OwnerOnly));
    auto loaded = WitnessKey::loadOrCreate(own);
    QVERIFY(loaded);
    QCOMPARE(loaded->publicKey(), *Ed25519::publicKeyFor(*seed));
}

void tst_serverconfig::witnessKeyReadableByOthersIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("open-witness.key"));
    QVERIFY(WitnessKey::loadOrCreate(path));
    for (const QFile::Permissions extra :
         {QFile::Permissions(QFile::ReadGroup), QFile::Permissions(QFile::ReadOther),
          QFile::Permissions(QFile::WriteGroup)}) {
        QVERIFY(QFile::setPermissions(path, OwnerOnly | extra));
        const auto refused = WitnessKey::loadOrCreate(path);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("chmod 600")),
                 qPrintable(refused.error().message));
    }
    QVERIFY(QFile::setPermissions(path, OwnerOnly));
    QVERIFY(WitnessKey::loadOrCreate(path));
}

void tst_serverconfig::witnessKeyOfWrongSizeOrSymlinkIsRefused()
{
    const QString shortKey = m_dir.filePath(QStringLiteral("short-witness.key"));
    QVERIFY(writeFile(shortKey, QByteArray(31, 'k'), OwnerOnly));
    auto refused = WitnessKey::loadOrCreate(shortKey);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QStringLiteral("exactly 32 bytes")));
    QCOMPARE(QFileInfo(shortKey).size(), 31); // left as it was

    const QString target = m_dir.filePath(QStringLiteral("target-witness.key"));
    QVERIFY(WitnessKey::loadOrCreate(target));
    const QString link = m_dir.filePath(QStringLiteral("link-witness.key"));
    QVERIFY(QFile::link(target, link));
    refused = WitnessKey::loadOrCreate(link);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("symbolic link")),
             qPrintable(refused.error().message));

    // A folder that does not exist: a clear error, nothing made.
    refused = WitnessKey::loadOrCreate(m_dir.filePath(QStringLiteral("no/such/witness.key")));
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QStringLiteral("cannot be created")));
}

void tst_serverconfig::tlsKeyReadableByOthersIsRefused()
{
    const QString key = m_dir.filePath(QStringLiteral("open-server.key"));
    QVERIFY(QFile::copy(m_certs->server().keyFile, key));
    QVERIFY(QFile::setPermissions(key, OwnerOnly | QFile::ReadGroup | QFile::ReadOther));
    ServerConfig config = validConfig();
    config.keyPath = key;
    auto tls = TlsMaterial::load(config);
    QVERIFY(!tls);
    QVERIFY2(tls.error().message.contains(key) &&
                 tls.error().message.contains(QStringLiteral("chmod 600")),
             qPrintable(tls.error().message));
    QVERIFY(QFile::setPermissions(key, OwnerOnly));
    QVERIFY(TlsMaterial::load(config));
}

void tst_serverconfig::tlsKeyOfAnotherCertificateIsRefused()
{
    ServerConfig config = validConfig();
    config.keyPath = m_certs->wrong().keyFile;
    auto tls = TlsMaterial::load(config);
    QVERIFY(!tls);
    QVERIFY2(tls.error().message.contains(QStringLiteral("is not the key of the certificate")),
             qPrintable(tls.error().message));

    config = validConfig();
    config.certificatePath = m_certs->server().keyFile; // not a certificate
    tls = TlsMaterial::load(config);
    QVERIFY(!tls);
    QVERIFY(tls.error().message.contains(QStringLiteral("holds no PEM certificate")));

    // No byte of the key file appears in any of these messages.
    QFile keyFile(m_certs->server().keyFile);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> keyLines = keyFile.readAll().split('\n');
    QVERIFY(keyLines.size() > 2);
    QVERIFY(!tls.error().message.contains(QString::fromLatin1(keyLines[1])));
}

void tst_serverconfig::tlsAllowsOnlyTls13AndPinsBothCertificates()
{
    ServerConfig config = validConfig();
    auto tls = TlsMaterial::load(config);
    QVERIFY2(tls, qPrintable(tls ? QString() : tls.error().message));
    QCOMPARE(tls->configuration.protocol(), QSsl::TlsV1_3OrLater);
    QCOMPARE(tls->pins, QStringList({m_certs->server().pin, m_certs->next().pin}));
    QVERIFY(!tls->configuration.privateKey().isNull());
    QCOMPARE(tls->configuration.localCertificate().toDer(), m_certs->server().certDer);

    config.nextCertificatePath.clear();
    tls = TlsMaterial::load(config);
    QVERIFY(tls);
    QCOMPARE(tls->pins, QStringList({m_certs->server().pin}));
}

void tst_serverconfig::commandLine()
{
    QProcess process;
    process.start(QStringLiteral(POS_SYNCD), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("pos-syncd --config FILE"));

    process.start(QStringLiteral(POS_SYNCD), {});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("--config FILE"));

    // A bad configuration: exit 1 with the file's problem, before anything listens.
    ServerConfig config = validConfig();
    config.conninfo = "host=db.example dbname=pos password=Sup3rSecretPw";
    const QString path = m_dir.filePath(QStringLiteral("cli.ini"));
    QVERIFY(config.save(path));
    process.start(QStringLiteral(POS_SYNCD), {QStringLiteral("--config"), path});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(errors.contains("sslmode=verify-full"), errors.constData());
    QVERIFY(!errors.contains("Sup3rSecretPw"));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(tst_serverconfig)
#include "tst_serverconfig.moc"
