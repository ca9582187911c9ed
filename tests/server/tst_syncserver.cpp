// pos-syncd as a process on loopback: TLS 1.3 only (a TLS 1.2 or plain-HTTP client never gets an
// HTTP answer), health, 404 in the JSON error shape, the body guard over real connections (413,
// 411, keep-alive), the database going away and coming back, the "listening on" line for port 0,
// a configured body limit and a clean exit on SIGTERM.

#include "SyncdFixture.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace pos;
using namespace pos::test;

namespace {

struct RawResponse {
    int status = 0;
    QByteArray head;
    QJsonObject body;
    QString errorCode() const
    {
        return body.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

// Splits complete HTTP responses off the front of `buffer`.
QList<RawResponse> takeResponses(QByteArray& buffer)
{
    QList<RawResponse> out;
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return out;
        const QByteArray head = buffer.left(end);
        qint64 length = 0;
        for (const QByteArray& line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return out;
        RawResponse r;
        r.head = head;
        const QList<QByteArray> statusLine = head.left(head.indexOf('\r')).split(' ');
        r.status = statusLine.size() > 1 ? statusLine[1].toInt() : 0;
        r.body = QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
        out.append(r);
        buffer.remove(0, end + 4 + length);
    }
}

} // namespace

class tst_syncserver : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void healthAnswers();
    void unknownEndpointsAreJson404();
    void tls12ClientGetsNoHttpAnswer();
    void plainHttpGetsNoHttpAnswer();
    void oversizedBodyIsRefusedWith413();
    void registerSeesTooLarge();
    void postWithoutLengthIsRefusedWith411();
    void oneRequestPerConnection();
    void aRequestWaitingOnTheDatabaseHoldsUpNoOther();
    void databaseGoesAwayAndComesBack();
    void portZeroConfiguredLimitAndSigterm();

private:
    std::unique_ptr<QSslSocket> connectTls();
    // Sends `request` on a new TLS connection; returns the responses read until `count` arrived
    // or the server closed the connection.
    QList<RawResponse> exchange(const QByteArray& request, int count, bool* closed = nullptr);
    QByteArray bareHead(const QByteArray& method, const QByteArray& path,
                        const QByteArray& extra = {}) const;

    std::unique_ptr<SyncdFixture> m_syncd;
};

void tst_syncserver::initTestCase()
{
    m_syncd = std::make_unique<SyncdFixture>();
    QVERIFY2(m_syncd->ok(), qPrintable(m_syncd->error()));
    QVERIFY2(m_syncd->start(), qPrintable(m_syncd->error()));
}

std::unique_ptr<QSslSocket> tst_syncserver::connectTls()
{
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setCaCertificates(m_syncd->caCertificates());
    socket->setSslConfiguration(tls);
    socket->setPeerVerifyName(QStringLiteral("127.0.0.1"));
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"),
                                   static_cast<quint16>(m_syncd->port()));
    if (!socket->waitForEncrypted(10000))
        return nullptr;
    return socket;
}

QByteArray tst_syncserver::bareHead(const QByteArray& method, const QByteArray& path,
                                    const QByteArray& extra) const
{
    return method + ' ' + path +
           " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_syncd->port()) + "\r\n" + extra +
           "\r\n";
}

QList<RawResponse> tst_syncserver::exchange(const QByteArray& request, int count, bool* closed)
{
    QList<RawResponse> out;
    auto socket = connectTls();
    if (!socket)
        return out;
    socket->write(request);
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (out.size() < count && timer.elapsed() < 15000) {
        if (socket->state() != QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0)
            break;
        socket->waitForReadyRead(200);
        buffer += socket->readAll();
        out += takeResponses(buffer);
    }
    if (closed) {
        while (socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 15000)
            socket->waitForDisconnected(200);
        *closed = socket->state() == QAbstractSocket::UnconnectedState;
    }
    return out;
}

void tst_syncserver::healthAnswers()
{
    const ApiReply health = m_syncd->health();
    QVERIFY2(health.status == 200, qPrintable(health.describe()));
    QCOMPARE(health.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(health.body.value(QStringLiteral("api")).toInt(), 1);
    QVERIFY(qAbs(health.body.value(QStringLiteral("server_time")).toInteger() -
                 QDateTime::currentSecsSinceEpoch()) < 120);

    // The witness key was made on first start, readable by its owner only.
    struct stat info {};
    const QByteArray witness =
        QFile::encodeName(m_syncd->cluster().folder() + QStringLiteral("/witness.key"));
    QCOMPARE(::stat(witness.constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600U);
}

void tst_syncserver::unknownEndpointsAreJson404()
{
    QNetworkAccessManager nam;
    for (const auto& [method, path] : QList<std::pair<QByteArray, QByteArray>>{
             {"GET", "/v1/nothing"}, {"POST", "/v1/health"}, {"GET", "/v1/enrol"}, {"GET", "/"}}) {
        const ApiReply reply = sendHttps(nam, m_syncd->caCertificates(), method, m_syncd->url(path),
                                         {}, method == "POST" ? QByteArray("{}") : QByteArray());
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
    }
}

void tst_syncserver::tls12ClientGetsNoHttpAnswer()
{
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2);
    tls.setCaCertificates(m_syncd->caCertificates());
    socket.setSslConfiguration(tls);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"),
                                  static_cast<quint16>(m_syncd->port()));
    QVERIFY(!socket.waitForEncrypted(10000));
    QVERIFY(!socket.isEncrypted());
    QCOMPARE(socket.bytesAvailable(), 0);

    // The same through QNetworkAccessManager: no status, an error.
    QNetworkAccessManager nam;
    QNetworkRequest request(m_syncd->url("/v1/health"));
    request.setSslConfiguration(tls);
    QNetworkReply* reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
    reply->deleteLater();
}

void tst_syncserver::plainHttpGetsNoHttpAnswer()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_syncd->port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write(bareHead("GET", "/v1/health"));
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 15000) {
        socket.waitForReadyRead(200);
        received += socket.readAll();
    }
    received += socket.readAll();
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState); // the server hung up
    QVERIFY2(!received.contains("HTTP/"), received.toHex().constData());
    QVERIFY(!received.contains("status"));
}

void tst_syncserver::oversizedBodyIsRefusedWith413()
{
    // Announced over the limit: refused from the headers alone, the body never read in.
    bool closed = false;
    auto responses =
        exchange(bareHead("POST", "/v1/push",
                          "Content-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(syncprotocol::MaxBodyBytes + 1) + "\r\n"),
                 1, &closed);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses[0].status, 413);
    QCOMPARE(responses[0].errorCode(), QStringLiteral("too_large"));
    QVERIFY(responses[0].head.toLower().contains("connection: close"));
    QVERIFY(closed);

    // The whole oversized body actually sent: the answer still arrives before the close.
    auto socket = connectTls();
    QVERIFY(socket);
    socket->write(
        bareHead("POST", "/v1/push",
                 "Content-Length: " + QByteArray::number(syncprotocol::MaxBodyBytes + 1) + "\r\n"));
    const QByteArray chunk(1024 * 1024, 'x');
    for (qint64 sent = 0; sent <= syncprotocol::MaxBodyBytes; sent += chunk.size())
        socket->write(
            chunk.left(std::min<qint64>(chunk.size(), syncprotocol::MaxBodyBytes + 1 - sent)));
    QByteArray buffer;
    QList<RawResponse> got;
    QElapsedTimer timer;
    timer.start();
    while (got.isEmpty() && timer.elapsed() < 15000) {
        socket->waitForReadyRead(200);
        buffer += socket->readAll();
        got = takeResponses(buffer);
    }
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].status, 413);
    QVERIFY(m_syncd->health().status == 200); // the server carries on
}

void tst_syncserver::registerSeesTooLarge()
{
    // An enrolled register pushing a batch over the limit gets the JSON refusal.
    const QString company = m_syncd->createCompany(QStringLiteral("Big Batches"));
    const QString store = m_syncd->createStore(company, QStringLiteral("Main"));
    auto device = m_syncd->enrolDevice(company, store, QStringLiteral("Till"));
    QVERIFY2(device, qPrintable(m_syncd->error()));
    const QByteArray body = "{\"pad\":\"" + QByteArray(syncprotocol::MaxBodyBytes, 'a') + "\"}";
    const ApiReply reply = device->send("POST", "/v1/push", body, {});
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("too_large"));
}

void tst_syncserver::postWithoutLengthIsRefusedWith411()
{
    bool closed = false;
    auto responses = exchange(bareHead("POST", "/v1/enrol") + "{}", 1, &closed);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses[0].status, 411);
    QCOMPARE(responses[0].errorCode(), QStringLiteral("length_required"));
    QVERIFY(closed);

    responses = exchange(bareHead("POST", "/v1/enrol", "Transfer-Encoding: chunked\r\n") +
                             "2\r\n{}\r\n0\r\n\r\n",
                         1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses[0].status, 411);
    QCOMPARE(responses[0].errorCode(), QStringLiteral("length_required"));
}

void tst_syncserver::oneRequestPerConnection()
{
    // Three requests sent at once on one connection: the first is answered with "Connection:
    // close" and the connection closed; the others are never carried out (docs/sync.md
    // "Transport": a client never sends a second request down a connection whose first answer
    // it did not see whole).
    const QByteArray enrol = "{\"code\":1}";
    bool closed = false;
    const auto responses =
        exchange(bareHead("GET", "/v1/health") +
                     bareHead("POST", "/v1/enrol",
                              "Content-Length: " + QByteArray::number(enrol.size()) + "\r\n") +
                     enrol + bareHead("GET", "/v1/nothing"),
                 3, &closed);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses[0].status, 200);
    QVERIFY(closed);
}

void tst_syncserver::aRequestWaitingOnTheDatabaseHoldsUpNoOther()
{
    // pos-syncd carries requests out on several threads, each with its own database connection:
    // while an enrolment waits for a table another session has locked, health still answers,
    // and the enrolment completes once the lock goes.
    const QString company = m_syncd->createCompany(QStringLiteral("Slow Lane Ltd"));
    const QString store = m_syncd->createStore(company, QStringLiteral("Main Street"));
    const QString code = m_syncd->enrolCode(company, store);
    QVERIFY2(!code.isEmpty(), qPrintable(m_syncd->error()));

    auto lock = m_syncd->directSql();
    QVERIFY2(lock, qPrintable(lock ? QString() : lock.error().message));
    QVERIFY(lock->begin());
    QVERIFY(lock->exec("LOCK TABLE pos.enrol_codes IN ACCESS EXCLUSIVE MODE"));
    const auto waiting = [&] {
        // pos-syncd's backends only (autovacuum never waits for a lock).
        auto n = lock->exec("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                            "WHERE NOT l.granted AND l.relation = 'pos.enrol_codes'::regclass AND "
                            "a.usename = $1",
                            {m_syncd->appLogin().toUtf8()});
        return n ? n->integer(0, 0) : -1;
    };
    const auto publicKey = [] {
        auto key = Ed25519::generatePrivateKey();
        return key ? Ed25519::publicKeyFor(*key).value_or(QByteArray()).toBase64() : QByteArray();
    };
    const QJsonObject body{{QStringLiteral("code"), code},
                           {QStringLiteral("register_id"), newUuid()},
                           {QStringLiteral("name"), QStringLiteral("Till 1")},
                           {QStringLiteral("signing_key"), QString::fromLatin1(publicKey())},
                           {QStringLiteral("device_key"), QString::fromLatin1(publicKey())},
                           {QStringLiteral("audit_head"),
                            QJsonObject{{QStringLiteral("row_count"), 0},
                                        {QStringLiteral("head_hash"),
                                         QString::fromLatin1(QByteArray(32, '\0').toBase64())}}}};
    QNetworkAccessManager nam;
    QNetworkReply* enrolling =
        startHttps(nam, m_syncd->caCertificates(), "POST", m_syncd->url("/v1/enrol"), {},
                   QJsonDocument(body).toJson(QJsonDocument::Compact));
    QTRY_COMPARE_WITH_TIMEOUT(waiting(), qint64(1), 15000); // held up reading pos.enrol_codes

    const ApiReply health = m_syncd->health();
    QVERIFY2(health.status == 200, qPrintable(health.describe()));
    QVERIFY(!enrolling->isFinished());

    QVERIFY(lock->rollback());
    const ApiReply enrolled = finishHttps(enrolling);
    QVERIFY2(enrolled.status == 200, qPrintable(enrolled.describe()));
    QCOMPARE(enrolled.body.value(QStringLiteral("company_id")).toString(), company);
}

void tst_syncserver::databaseGoesAwayAndComesBack()
{
    server::PgConnection* pg = m_syncd->cluster().superuser();
    QVERIFY(pg);
    const QByteArray login = SyncdFixture::AppLogin.toUtf8();
    QVERIFY(pg->exec("ALTER ROLE " + login + " NOLOGIN"));
    QVERIFY(pg->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
                     {login}));
    for (int i = 0; i < 3; ++i) {
        const ApiReply down = m_syncd->health();
        QCOMPARE(down.status, 503);
        QCOMPARE(down.errorCode(), QStringLiteral("unavailable"));
        QTest::qWait(300);
    }
    QVERIFY(m_syncd->serverRunning());
    QVERIFY(pg->exec("ALTER ROLE " + login + " LOGIN"));
    int status = 0;
    QElapsedTimer timer;
    timer.start();
    while (status != 200 && timer.elapsed() < 15000) {
        status = m_syncd->health().status;
        if (status != 200)
            QTest::qWait(200);
    }
    QCOMPARE(status, 200);
    QVERIFY(m_syncd->serverLog().contains(QStringLiteral("re-established")));
}

void tst_syncserver::portZeroConfiguredLimitAndSigterm()
{
    auto config = server::ServerConfig::load(m_syncd->configFile());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    config->port = 0;
    config->maxBodyBytes = 1024;
    const QString path = m_syncd->cluster().folder() + QStringLiteral("/port0.ini");
    QVERIFY(config->save(path));

    QProcess process;
    process.start(QStringLiteral(POS_SYNCD), {QStringLiteral("--config"), path});
    QVERIFY(process.waitForStarted(10000));
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (!out.contains('\n') && timer.elapsed() < 20000) {
        process.waitForReadyRead(200);
        out += process.readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n'));
    QVERIFY2(line.startsWith("listening on 127.0.0.1:"), line.constData());
    const int port = line.mid(23).toInt();
    QVERIFY(port > 0);
    QVERIFY(port != m_syncd->port());

    QNetworkAccessManager nam;
    const QUrl base(QStringLiteral("https://127.0.0.1:%1").arg(port));
    const ApiReply health = sendHttps(nam, m_syncd->caCertificates(), "GET",
                                      base.resolved(QUrl(QStringLiteral("/v1/health"))), {}, {});
    QCOMPARE(health.status, 200);
    const ApiReply big =
        sendHttps(nam, m_syncd->caCertificates(), "POST",
                  base.resolved(QUrl(QStringLiteral("/v1/enrol"))), {}, QByteArray(1025, ' '));
    QCOMPARE(big.status, 413);
    const ApiReply fits =
        sendHttps(nam, m_syncd->caCertificates(), "POST",
                  base.resolved(QUrl(QStringLiteral("/v1/enrol"))), {}, QByteArray(1024, ' '));
    QCOMPARE(fits.status, 400); // read, and refused as JSON

    ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("pos-syncd stopped"));
}

QTEST_GUILESS_MAIN(tst_syncserver)
#include "tst_syncserver.moc"
