// The register's HTTPS to the sync server (NET-1, NET-2, NET-3), against a real TLS server on
// 127.0.0.1 with certificates made in the test: a pinned certificate is accepted without any CA;
// a certificate this computer's CAs trust but that is not pinned is refused; at enrolment the
// system CA check or a typed pin decides, and a typed pin must match; a TLS 1.2-only server is
// refused; every request is signed with the device key over the contract's bytes; error bodies
// become plain words; time and size limits hold.
#include "FakeSyncServer.h"

#include "Clock.h"
#include "crypto/Ed25519.h"
#include "store/KeyStore.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncTransport.h"

#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

using namespace pos;
using pos::test::FakeRequest;
using pos::test::FakeResponse;
using pos::test::FakeSyncServer;

namespace {

const QString RegisterId = QStringLiteral("6f1c2a9e-0c4b-4d7e-9a61-3b2f5e8d7c10");
const QString CompanyId = QStringLiteral("0b7e4c7e-9c1f-4d2a-8a47-2f8f6f1d2c33");

SyncReply await(SyncTransport& t, const QByteArray& method, const QByteArray& path,
                const QByteArray& body = {})
{
    std::optional<SyncReply> got;
    const auto done = [&](const SyncReply& r) {
        got = r;
    };
    if (method == "GET")
        t.get(path, done);
    else
        t.post(path, body, done);
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 30000))
        qFatal("no answer within 30 s");
    return *got;
}

FakeResponse health(const FakeRequest&)
{
    return FakeResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                               {QStringLiteral("api"), 1}});
}

} // namespace

class TestSyncTransport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void pinnedCertificateIsAcceptedWithoutAnyCa();
    void secondPinForRotation();
    void caValidButUnpinnedCertificateIsRefused();
    void enrolmentTrustsTheSystemCaOrATypedPin();
    void tls12OnlyServerIsRefused();
    void requestsAreSignedWithTheDeviceKey();
    void replayedRequestIsSignedAfresh();
    void errorBodiesBecomePlainWords_data();
    void errorBodiesBecomePlainWords();
    void unreachableAndSilentServers();
    void oversizedAnswerIsNotRead();
    void addressesAndPinsAsTyped();

private:
    void trustTestCa(bool trust);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<pos::test::CertFactory> m_certs;
    QSslConfiguration m_defaultSsl;
};

void TestSyncTransport::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_certs = std::make_unique<pos::test::CertFactory>(m_dir->filePath(QStringLiteral("certs")));
    QVERIFY2(m_certs->ok(), qPrintable(m_certs->error()));
    m_defaultSsl = QSslConfiguration::defaultConfiguration();
}

void TestSyncTransport::cleanup()
{
    QSslConfiguration::setDefaultConfiguration(m_defaultSsl);
}

// As if the test CA were one of this computer's system CAs.
void TestSyncTransport::trustTestCa(bool trust)
{
    QSslConfiguration c = m_defaultSsl;
    if (trust)
        c.addCaCertificates(QSslCertificate::fromPath(m_certs->caFile()));
    QSslConfiguration::setDefaultConfiguration(c);
}

void TestSyncTransport::pinnedCertificateIsAcceptedWithoutAnyCa()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler(health);
    // The pin is what syncprotocol::certificatePin takes out of the certificate.
    QCOMPARE(syncprotocol::certificatePin(m_certs->server().certDer), m_certs->server().pin);
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}});
    const SyncReply r = await(t, "GET", "/v1/health");
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.body.value(u"status").toString(), QStringLiteral("ok"));
    QCOMPARE(r.peerPin, m_certs->server().pin);
    QCOMPARE(server.requests().size(), 1);
}

void TestSyncTransport::secondPinForRotation()
{
    // The server moved to its next certificate; the register holds both pins from enrolment.
    FakeSyncServer server(m_certs->next());
    QVERIFY(server.ok());
    server.setHandler(health);
    SyncTransport t(QUrl(server.url()),
                    SyncTrust{{m_certs->server().pin, m_certs->next().pin}, {}});
    const SyncReply r = await(t, "GET", "/v1/health");
    QVERIFY2(r.ok(), qPrintable(r.message));
}

void TestSyncTransport::caValidButUnpinnedCertificateIsRefused()
{
    trustTestCa(true);
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler(health);
    // The register was enrolled with another server key: a certificate from a trusted CA is not
    // enough (NET-2). Nothing reaches the server.
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->next().pin}, {}});
    const SyncReply r = await(t, "POST", "/v1/push", "{\"secret\":1}");
    QCOMPARE(r.kind, SyncReply::Kind::Insecure);
    QVERIFY2(r.message.contains(u"not the one this register was enrolled with"),
             qPrintable(r.message));
    QCOMPARE(server.requests().size(), 0);

    // Not pinned and not trusted either: refused the same way.
    trustTestCa(false);
    FakeSyncServer wrong(m_certs->wrong());
    QVERIFY(wrong.ok());
    SyncTransport w(QUrl(wrong.url()), SyncTrust{{m_certs->server().pin}, {}});
    const SyncReply rw = await(w, "GET", "/v1/health");
    QCOMPARE(rw.kind, SyncReply::Kind::Insecure);
    QCOMPARE(wrong.requests().size(), 0);
}

void TestSyncTransport::enrolmentTrustsTheSystemCaOrATypedPin()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler(health);
    const QUrl url(server.url());

    // Neither a trusted CA nor a typed pin: refused, and the message says what to do.
    {
        SyncTransport t(url, SyncTrust{});
        const SyncReply r = await(t, "GET", "/v1/health");
        QCOMPARE(r.kind, SyncReply::Kind::Insecure);
        QVERIFY2(r.message.contains(u"Type the pin from the enrolment sheet"),
                 qPrintable(r.message));
        QCOMPARE(r.peerPin, m_certs->server().pin);
    }
    // The pin from the enrolment sheet, no CA.
    {
        SyncTransport t(url, SyncTrust{{}, m_certs->server().pin});
        const SyncReply r = await(t, "GET", "/v1/health");
        QVERIFY2(r.ok(), qPrintable(r.message));
    }
    // A wrong typed pin is refused, with or without a CA that trusts the certificate.
    for (bool trust : {false, true}) {
        trustTestCa(trust);
        SyncTransport t(url, SyncTrust{{}, m_certs->next().pin});
        const SyncReply r = await(t, "GET", "/v1/health");
        QCOMPARE(r.kind, SyncReply::Kind::Insecure);
        QVERIFY2(r.message.contains(u"not the one typed"), qPrintable(r.message));
    }
    // The system's CAs trust it and no pin was typed.
    trustTestCa(true);
    {
        SyncTransport t(url, SyncTrust{});
        const SyncReply r = await(t, "GET", "/v1/health");
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.peerPin, m_certs->server().pin);
    }
    QCOMPARE(server.requests().size(), 2);
}

void TestSyncTransport::tls12OnlyServerIsRefused()
{
    FakeSyncServer server(m_certs->server(), QSsl::TlsV1_2);
    QVERIFY(server.ok());
    server.setHandler(health);
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}});
    const SyncReply r = await(t, "GET", "/v1/health");
    QCOMPARE(r.kind, SyncReply::Kind::Insecure);
    QVERIFY2(r.message.contains(u"TLS 1.3"), qPrintable(r.message));
    QCOMPARE(server.requests().size(), 0);
}

void TestSyncTransport::requestsAreSignedWithTheDeviceKey()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler(health);
    MemoryKeyStore keys;
    auto identity = DeviceIdentity::loadOrCreate(keys, RegisterId);
    QVERIFY2(identity, identity ? "" : qPrintable(identity.error().message));
    const QByteArray publicKey = identity->publicKey();
    // Made once, then only read: the key in the store is the one that signs.
    auto again = DeviceIdentity::loadOrCreate(keys, RegisterId);
    QVERIFY(again);
    QCOMPARE(again->publicKey(), publicKey);

    ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}});
    t.setIdentity(std::make_shared<const DeviceIdentity>(std::move(*identity)), CompanyId, &clock);
    const QByteArray body = R"({"batch_id":"x","records":[]})";
    QVERIFY(await(t, "POST", "/v1/push", body).ok());
    QVERIFY(await(t, "GET", "/v1/pull?cursor=12&limit=500").ok());
    QCOMPARE(server.requests().size(), 2);

    QSet<QByteArray> nonces;
    for (const FakeRequest& r : server.requests()) {
        QCOMPARE(r.headers.value("x-pos-company"), CompanyId.toUtf8());
        QCOMPARE(r.headers.value("x-pos-register"), RegisterId.toUtf8());
        QCOMPARE(r.headers.value("x-pos-time"),
                 QByteArray::number(clock.nowUtc().toSecsSinceEpoch()));
        const QByteArray nonce = r.headers.value("x-pos-nonce");
        QCOMPARE(nonce.size(), 22); // 16 bytes, base64url without padding
        QVERIFY(!nonce.contains('=') && !nonce.contains('+') && !nonce.contains('/'));
        nonces.insert(nonce);
        syncprotocol::SignedRequest s;
        s.method = r.method;
        s.pathAndQuery = r.pathAndQuery;
        s.companyId = CompanyId;
        s.registerId = RegisterId;
        s.time = clock.nowUtc().toSecsSinceEpoch();
        s.nonce = nonce;
        s.body = r.body;
        const QByteArray signature = QByteArray::fromBase64(r.headers.value("x-pos-signature"));
        QVERIFY(Ed25519::verify(publicKey, syncprotocol::requestSigningBytes(s), signature));
        // Another path or body is not covered by the signature.
        s.pathAndQuery += "0";
        QVERIFY(!Ed25519::verify(publicKey, syncprotocol::requestSigningBytes(s), signature));
    }
    QCOMPARE(server.requests().at(0).body, body);
    QCOMPARE(server.requests().at(1).pathAndQuery, QByteArray("/v1/pull?cursor=12&limit=500"));
    QCOMPARE(nonces.size(), 2); // a fresh nonce per request
}

void TestSyncTransport::replayedRequestIsSignedAfresh()
{
    // The network stack may send a request a second time by itself after a cut connection; the
    // server then answers `replayed`. The transport signs it afresh (new nonce) and sends it
    // again, and that answer counts.
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    int replayedAnswers = 1;
    server.setHandler([&](const FakeRequest& r) {
        if (replayedAnswers-- > 0)
            return FakeResponse::error(401, "replayed", "this request was already received once");
        return health(r);
    });
    MemoryKeyStore keys;
    auto identity = DeviceIdentity::loadOrCreate(keys, RegisterId);
    QVERIFY(identity);
    ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}});
    t.setIdentity(std::make_shared<const DeviceIdentity>(std::move(*identity)), CompanyId, &clock);
    const QByteArray body = R"({"batch_id":"b1","records":[]})";
    const SyncReply ok = await(t, "POST", "/v1/push", body);
    QVERIFY2(ok.ok(), qPrintable(ok.message));
    QCOMPARE(server.requests().size(), 2);
    const FakeRequest& first = server.requests().at(0);
    const FakeRequest& second = server.requests().at(1);
    QCOMPARE(second.body, first.body);
    QCOMPARE(second.pathAndQuery, first.pathAndQuery);
    QVERIFY(second.headers.value("x-pos-nonce") != first.headers.value("x-pos-nonce"));
    QVERIFY(second.headers.value("x-pos-signature") != first.headers.value("x-pos-signature"));

    // A server that keeps saying so is asked three more times, then the line counts as broken
    // (a network fault, tried again later), never as a refusal.
    replayedAnswers = 100;
    const SyncReply broken = await(t, "POST", "/v1/push", body);
    QCOMPARE(broken.kind, SyncReply::Kind::Unreachable);
    QVERIFY(broken.code.isEmpty());
    QVERIFY2(broken.message.contains(u"nothing was lost"), qPrintable(broken.message));
    QCOMPARE(server.requests().size(), 2 + 4);
    QSet<QByteArray> nonces;
    for (const FakeRequest& r : server.requests())
        nonces.insert(r.headers.value("x-pos-nonce"));
    QCOMPARE(nonces.size(), 6);

    // Other refusals are not sent again.
    server.setHandler(
        [](const FakeRequest&) { return FakeResponse::error(409, "conflict", "sale 7 differs"); });
    QCOMPARE(await(t, "POST", "/v1/push", body).code, QStringLiteral("conflict"));
    QCOMPARE(server.requests().size(), 7);
}

void TestSyncTransport::errorBodiesBecomePlainWords_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");

    const auto error = [](const char* code, const char* message) {
        return FakeResponse::error(0, code, message).body;
    };
    const int refused = static_cast<int>(SyncReply::Kind::Refused);
    QTest::newRow("conflict") << 409 << error("conflict", "sale 7 differs") << refused
                              << static_cast<int>(ErrorCode::Conflict)
                              << QStringLiteral("already holds a different record under the "
                                                "same id; nothing was sent over it and nothing "
                                                "was dropped here: sale 7 differs");
    QTest::newRow("fork") << 409 << error("fork", "row 12 differs") << refused
                          << static_cast<int>(ErrorCode::Conflict)
                          << QStringLiteral("different audit history");
    QTest::newRow("rollback") << 409 << error("rollback", "") << refused
                              << static_cast<int>(ErrorCode::Conflict)
                              << QStringLiteral("an older copy of this register's store may have "
                                                "been put back");
    QTest::newRow("revoked") << 401 << error("revoked", "revoked on 2026-03-01") << refused
                             << static_cast<int>(ErrorCode::Unauthenticated)
                             << QStringLiteral("has been revoked");
    QTest::newRow("unauthenticated")
        << 401 << error("unauthenticated", "clock skew") << refused
        << static_cast<int>(ErrorCode::Unauthenticated) << QStringLiteral("clock");
    QTest::newRow("forbidden") << 403 << error("forbidden", "another store") << refused
                               << static_cast<int>(ErrorCode::PermissionDenied)
                               << QStringLiteral("another store");
    QTest::newRow("bad_request") << 400 << error("bad_request", "records[3].data.qty_milli")
                                 << refused << static_cast<int>(ErrorCode::InvalidInput)
                                 << QStringLiteral("could not use what this register sent");
    QTest::newRow("unavailable") << 503 << error("unavailable", "") << refused
                                 << static_cast<int>(ErrorCode::Io)
                                 << QStringLiteral("cannot reach its database");
    QTest::newRow("rate limited, no body")
        << 429 << QByteArray() << refused << static_cast<int>(ErrorCode::Locked)
        << QStringLiteral("wait a minute");
    QTest::newRow("control characters from the server are not shown")
        << 400 << error("bad_request", "line\none\x1b[31m") << refused
        << static_cast<int>(ErrorCode::InvalidInput) << QStringLiteral("line one [31m");
    QTest::newRow("200 without JSON")
        << 200 << QByteArray("<html>") << static_cast<int>(SyncReply::Kind::BadReply)
        << static_cast<int>(ErrorCode::Io) << QStringLiteral("could not be read");
}

void TestSyncTransport::errorBodiesBecomePlainWords()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(int, code);
    QFETCH(QString, says);
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([&](const FakeRequest&) { return FakeResponse{status, body, false, false}; });
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}});
    const SyncReply r = await(t, "POST", "/v1/push", "{}");
    QCOMPARE(static_cast<int>(r.kind), kind);
    QCOMPARE(r.httpStatus, status);
    QVERIFY2(r.message.contains(says), qPrintable(r.message));
    const Error e = r.error();
    QCOMPARE(static_cast<int>(e.code), code);
    QCOMPARE(e.message, r.message);
    for (QChar c : r.message)
        QVERIFY(c.isPrint());
}

void TestSyncTransport::unreachableAndSilentServers()
{
    SyncTimeouts quick;
    quick.connect = std::chrono::milliseconds(2000);
    quick.request = std::chrono::milliseconds(1500);
    {
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(FakeSyncServer::closedPort()));
        SyncTransport t(url, SyncTrust{{m_certs->server().pin}, {}}, quick);
        const SyncReply r = await(t, "GET", "/v1/health");
        QCOMPARE(r.kind, SyncReply::Kind::Unreachable);
        QVERIFY2(r.message.contains(u"could not be reached"), qPrintable(r.message));
    }
    {
        FakeSyncServer server(m_certs->server());
        QVERIFY(server.ok());
        server.setHandler([](const FakeRequest&) { return FakeResponse{200, "{}", true, false}; });
        SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}}, quick);
        const SyncReply r = await(t, "POST", "/v1/push", "{}");
        QCOMPARE(r.kind, SyncReply::Kind::Unreachable);
        QVERIFY2(r.message.contains(u"did not answer within 1.5 seconds"), qPrintable(r.message));
    }
    {
        // Cut off by the register itself (it is shutting down).
        FakeSyncServer server(m_certs->server());
        QVERIFY(server.ok());
        server.setHandler([](const FakeRequest&) { return FakeResponse{200, "{}", true, false}; });
        SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}});
        std::optional<SyncReply> got;
        t.post("/v1/push", "{}", [&](const SyncReply& r) { got = r; });
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 30000);
        t.abortAll();
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000);
        QCOMPARE(got->kind, SyncReply::Kind::Unreachable);
    }
}

void TestSyncTransport::oversizedAnswerIsNotRead()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([](const FakeRequest&) {
        return FakeResponse{200, "{\"pad\":\"" + QByteArray(4096, 'a') + "\"}", false, false};
    });
    SyncTimeouts small;
    small.maxResponseBytes = 1024;
    SyncTransport t(QUrl(server.url()), SyncTrust{{m_certs->server().pin}, {}}, small);
    const SyncReply r = await(t, "GET", "/v1/pull?cursor=0");
    QCOMPARE(r.kind, SyncReply::Kind::BadReply);
    QVERIFY2(r.message.contains(u"larger than"), qPrintable(r.message));
}

void TestSyncTransport::addressesAndPinsAsTyped()
{
    auto ok = SyncTransport::parseServerUrl(QStringLiteral(" https://sync.example.com:8443/ "));
    QVERIFY(ok);
    QCOMPARE(ok->toString(), QStringLiteral("https://sync.example.com:8443"));
    auto plain = SyncTransport::parseServerUrl(QStringLiteral("http://sync.example.com"));
    QVERIFY(!plain);
    QCOMPARE(plain.error().code, ErrorCode::InvalidInput);
    QVERIFY(plain.error().message.contains(u"https://"));
    for (const char* bad : {"sync.example.com", "https://user:pw@sync.example.com",
                            "https://sync.example.com/v1", "https://sync.example.com/?a=1", ""})
        QVERIFY2(!SyncTransport::parseServerUrl(QString::fromLatin1(bad)), bad);

    const QString pin = m_certs->server().pin;
    QString spaced;
    for (qsizetype i = 0; i < pin.size(); i += 2)
        spaced += pin.mid(i, 2).toUpper() + (i + 2 < pin.size() ? QStringLiteral(":") : QString());
    auto typed = SyncTransport::parsePin(spaced);
    QVERIFY(typed);
    QCOMPARE(*typed, pin);
    QVERIFY(!SyncTransport::parsePin(pin.left(63)));
    QVERIFY(!SyncTransport::parsePin(pin.left(63) + u'g'));
}

QTEST_GUILESS_MAIN(TestSyncTransport)
#include "tst_synctransport.moc"
