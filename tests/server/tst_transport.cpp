// NET-1 and NET-3 against the real pos-syncd on loopback: TLS 1.3 only (TLS 1.2 and plain HTTP
// get no HTTP answer), certificates checked by CA or by pin (the register's SyncTransport), and
// device authentication that refuses replays, stale clocks, revoked registers and bad
// signatures; malformed and oversized bodies are refused. Every refusal writes nothing (row
// counts of every pos table as the superuser).

#include "SyncdFixture.h"
#include "sync/SyncTransport.h"

#include <QEventLoop>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace pos;
using namespace pos::test;

namespace {

// Whatever the server sends on `socket` until it closes or `ms` pass.
QByteArray readUntilClosed(QAbstractSocket& socket, int ms)
{
    QByteArray got;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(100);
        got += socket.readAll();
    }
    got += socket.readAll();
    return got;
}

void configure(QSslSocket& socket, QSsl::SslProtocol protocol, const QList<QSslCertificate>& ca)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(protocol);
    tls.setCaCertificates(ca);
    socket.setSslConfiguration(tls);
}

SyncReply transportGet(SyncTransport& transport, const QByteArray& path)
{
    SyncReply out;
    bool done = false;
    QEventLoop loop;
    transport.get(path, [&](const SyncReply& reply) {
        out = reply;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    return out;
}

} // namespace

class tst_transport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tls13ClientIsAnswered();
    void tls12ClientGetsNoHttpAnswer();
    void plainHttpGetsNoHttpAnswer();
    void clientThatDoesNotTrustTheCaFails();
    void wrongCertificateFailsThePinnedClient();
    void replayedRequestIsRefused();
    void staleTimeIsRefused();
    void badSignatureIsRefused();
    void revokedRegisterIsRefused();
    void malformedJsonIsBadRequest();
    void oversizedBodyIsRefused();
    void postWithoutLengthIsRefused();

private:
    QStringList changes(const QMap<QString, qint64>& before)
    {
        return SyncdFixture::changedTables(before, m_f->rowCounts());
    }

    std::unique_ptr<SyncdFixture> m_f;
    std::unique_ptr<TestDevice> m_device;
    QString m_company;
    QString m_store;
};

void tst_transport::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    m_f = std::make_unique<SyncdFixture>();
    QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
    QVERIFY2(m_f->start(), qPrintable(m_f->error()));
    m_company = m_f->createCompany(QStringLiteral("Transport Co"));
    QVERIFY2(!m_company.isEmpty(), qPrintable(m_f->error()));
    m_store = m_f->createStore(m_company, QStringLiteral("Main"));
    QVERIFY2(!m_store.isEmpty(), qPrintable(m_f->error()));
    m_device = m_f->enrolDevice(m_company, m_store, QStringLiteral("Till 1"));
    QVERIFY2(m_device, qPrintable(m_f->error()));
    const ApiReply pushed = m_device->push({m_device->nextAuditRecord(), m_device->saleRecord(1)});
    QVERIFY2(pushed.status == 200, qPrintable(pushed.describe()));
    qInfo("cluster %lld ms, fixture %lld ms, ready %lld ms", m_f->cluster().startMilliseconds(),
          m_f->setUpMilliseconds(), timer.elapsed());
}

void tst_transport::cleanupTestCase()
{
    m_device.reset();
    m_f.reset();
}

void tst_transport::tls13ClientIsAnswered()
{
    // The control for the two refusals below: the same socket code with TLS 1.3 is answered.
    QSslSocket socket;
    configure(socket, QSsl::TlsV1_3, m_f->caCertificates());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_f->port()));
    QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
    QCOMPARE(socket.sessionProtocol(), QSsl::TlsV1_3);
    socket.write("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const QByteArray answer = readUntilClosed(socket, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
}

void tst_transport::tls12ClientGetsNoHttpAnswer()
{
    const auto before = m_f->rowCounts();
    QSslSocket socket;
    configure(socket, QSsl::TlsV1_2, m_f->caCertificates());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_f->port()));
    QVERIFY(!socket.waitForEncrypted(10000));
    QVERIFY(!socket.isEncrypted());
    QVERIFY2(socket.error() == QAbstractSocket::SslHandshakeFailedError ||
                 socket.error() == QAbstractSocket::RemoteHostClosedError,
             qPrintable(socket.errorString()));
    // Whatever it sent before closing is no HTTP.
    const QByteArray answer = socket.isOpen() ? socket.readAll() : QByteArray();
    QVERIFY2(!answer.contains("HTTP/"), answer.constData());
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

void tst_transport::plainHttpGetsNoHttpAnswer()
{
    const auto before = m_f->rowCounts();
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_f->port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const QByteArray answer = readUntilClosed(socket, 3000);
    QVERIFY2(!answer.contains("HTTP/"), answer.constData());
    QVERIFY2(!answer.contains("\"status\""), answer.constData());
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

void tst_transport::clientThatDoesNotTrustTheCaFails()
{
    const auto before = m_f->rowCounts();
    // The register before enrolment with no pin typed: the system's CAs, which do not include
    // the test CA.
    SyncTransport enrolling(m_f->baseUrl(), SyncTrust{});
    const SyncReply reply = transportGet(enrolling, "/v1/health");
    QVERIFY2(reply.kind == SyncReply::Kind::Insecure, qPrintable(reply.message));
    QCOMPARE(reply.httpStatus, 0);
    // A client trusting only an unrelated CA.
    QNetworkAccessManager nam;
    const ApiReply other =
        sendHttps(nam, QSslCertificate::fromPath(m_f->certs().wrongCa().certFile), "GET",
                  m_f->url("/v1/health"), {}, {});
    QCOMPARE(other.status, 0);
    QCOMPARE(other.networkError, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(!other.sslErrors.isEmpty());
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

void tst_transport::wrongCertificateFailsThePinnedClient()
{
    // The register after enrolment: pinned to the pins it received (current and next).
    QCOMPARE(m_device->pins().size(), 2);
    QVERIFY(m_device->pins().contains(m_f->certs().server().pin));
    QVERIFY(m_device->pins().contains(m_f->certs().next().pin));
    const SyncTrust pinned{m_device->pins(), {}};
    {
        SyncTransport transport(m_f->baseUrl(), pinned);
        const SyncReply ok = transportGet(transport, "/v1/health");
        QVERIFY2(ok.ok(), qPrintable(ok.message)); // no CA check: the pin decides
    }
    QVERIFY2(m_f->restart(SyncdFixture::Certificate::Wrong), qPrintable(m_f->error()));
    const auto before = m_f->rowCounts();
    {
        SyncTransport transport(m_f->baseUrl(), pinned);
        const SyncReply refused = transportGet(transport, "/v1/health");
        QVERIFY2(refused.kind == SyncReply::Kind::Insecure, qPrintable(refused.message));
        QCOMPARE(refused.httpStatus, 0);
        QCOMPARE(refused.peerPin, m_f->certs().wrong().pin);
        // The same signed request from the test's own device, pinned the same way.
        QNetworkAccessManager nam;
        const ApiReply device =
            sendHttps(nam, QSslCertificate::fromPath(m_f->certs().wrongCa().certFile), "GET",
                      m_f->url("/v1/health"), {}, {}, m_device->pins());
        QCOMPARE(device.status, 0);
    }
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
    QVERIFY2(m_f->restart(), qPrintable(m_f->error()));
}

void tst_transport::replayedRequestIsRefused()
{
    const ApiReply first = m_device->get("/v1/pull?cursor=0");
    QVERIFY2(first.status == 200, qPrintable(first.describe()));
    const QByteArray nonce = m_device->lastNonce();
    const auto before = m_f->rowCounts();
    for (const QByteArray& path : {QByteArray("/v1/pull?cursor=0"), QByteArray("/v1/pull")}) {
        const ApiReply again = m_device->get(path, RequestTamper().withNonce(nonce));
        QVERIFY2(again.status == 401, qPrintable(again.describe()));
        QCOMPARE(again.errorCode(), QStringLiteral("replayed"));
    }
    // A push replayed under a used nonce stores nothing.
    const ApiReply push =
        m_device->push({m_device->saleRecord(50)}, RequestTamper().withNonce(nonce));
    QVERIFY2(push.status == 401, qPrintable(push.describe()));
    QCOMPARE(push.errorCode(), QStringLiteral("replayed"));
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

void tst_transport::staleTimeIsRefused()
{
    const auto before = m_f->rowCounts();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const qint64 skew : {-(syncprotocol::MaxClockSkewSeconds + 60), -qint64(86400),
                              syncprotocol::MaxClockSkewSeconds + 60}) {
        const ApiReply r =
            m_device->push({m_device->saleRecord(51)}, RequestTamper().withTime(now + skew));
        QVERIFY2(r.status == 401, qPrintable(r.describe()));
        QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
    }
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

void tst_transport::badSignatureIsRefused()
{
    const auto before = m_f->rowCounts();
    for (const RequestTamper& tamper :
         {RequestTamper().withBadSignature(), RequestTamper().withOtherKey()}) {
        const ApiReply r = m_device->push({m_device->saleRecord(52)}, tamper);
        QVERIFY2(r.status == 401, qPrintable(r.describe()));
        QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
    }
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

void tst_transport::revokedRegisterIsRefused()
{
    auto till2 = m_f->enrolDevice(m_company, m_store, QStringLiteral("Till 2"));
    QVERIFY2(till2, qPrintable(m_f->error()));
    const ApiReply before = till2->get("/v1/pull?cursor=0");
    QVERIFY2(before.status == 200, qPrintable(before.describe()));
    QVERIFY2(m_f->revoke(m_company, till2->registerId()), qPrintable(m_f->error()));
    const auto counts = m_f->rowCounts();
    const ApiReply pull = till2->get("/v1/pull?cursor=0");
    QVERIFY2(pull.status == 401, qPrintable(pull.describe()));
    QCOMPARE(pull.errorCode(), QStringLiteral("revoked"));
    const ApiReply push = till2->push({till2->nextAuditRecord(), till2->saleRecord(1)});
    QVERIFY2(push.status == 401, qPrintable(push.describe()));
    QCOMPARE(push.errorCode(), QStringLiteral("revoked"));
    QVERIFY2(changes(counts).isEmpty(), qPrintable(changes(counts).join(u", ")));
    // The other register of the store is not affected.
    QCOMPARE(m_device->get("/v1/pull?cursor=0").status, 200);
}

void tst_transport::malformedJsonIsBadRequest()
{
    const auto before = m_f->rowCounts();
    for (const QByteArray& body :
         {QByteArray("{\"batch_id\": "), QByteArray("not json"), QByteArray("[1, 2]"),
          QByteArray("{\"batch_id\": \"x\", \"records\": 7}")}) {
        const ApiReply r = m_device->send("POST", "/v1/push", body, {});
        QVERIFY2(r.status == 400, qPrintable(r.describe()));
        QCOMPARE(r.errorCode(), QStringLiteral("bad_request"));
    }
    // Enrolment is not device-signed: a malformed body there is refused the same way.
    QNetworkAccessManager nam;
    const ApiReply enrol =
        sendHttps(nam, m_f->caCertificates(), "POST", m_f->url("/v1/enrol"), {}, "{\"code\":");
    QVERIFY2(enrol.status == 400, qPrintable(enrol.describe()));
    QCOMPARE(enrol.errorCode(), QStringLiteral("bad_request"));
    // Nothing but the requests' nonces (they passed device authentication, so their nonces are
    // spent: docs/sync.md).
    const QStringList changed =
        SyncdFixture::changedTables(before, m_f->rowCounts(), {QStringLiteral("request_nonces")});
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
}

void tst_transport::oversizedBodyIsRefused()
{
    const auto before = m_f->rowCounts();
    // A signed push one byte over 8 MiB: 413 too_large, or the connection closed unanswered.
    QByteArray body(syncprotocol::MaxBodyBytes + 1, ' ');
    body[0] = '{';
    body[body.size() - 1] = '}';
    const ApiReply r = m_device->send("POST", "/v1/push", body, {});
    if (r.status != 0) {
        QVERIFY2(r.status == 413, qPrintable(r.describe()));
        QCOMPARE(r.errorCode(), QStringLiteral("too_large"));
    }
    // The same through a raw TLS socket that only announces the length: refused at the head.
    QSslSocket socket;
    configure(socket, QSsl::TlsV1_3, m_f->caCertificates());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_f->port()));
    QVERIFY(socket.waitForEncrypted(10000));
    socket.write("POST /v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Content-Length: 1000000000\r\n\r\n{");
    const QByteArray answer = readUntilClosed(socket, 5000);
    QVERIFY2(answer.isEmpty() || answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
    // And the server still serves.
    QCOMPARE(m_f->health().status, 200);
}

void tst_transport::postWithoutLengthIsRefused()
{
    const auto before = m_f->rowCounts();
    QSslSocket socket;
    configure(socket, QSsl::TlsV1_3, m_f->caCertificates());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_f->port()));
    QVERIFY(socket.waitForEncrypted(10000));
    socket.write("POST /v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
    const QByteArray answer = readUntilClosed(socket, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 411"), answer.left(300).constData());
    QVERIFY2(answer.contains("length_required"), answer.left(300).constData());
    QVERIFY2(changes(before).isEmpty(), qPrintable(changes(before).join(u", ")));
}

QTEST_GUILESS_MAIN(tst_transport)
#include "tst_transport.moc"
