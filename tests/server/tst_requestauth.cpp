// NET-3, device authentication. RequestAuth in process on the server's own database role (what it
// decides: who is asking, which stores, which refusal, what it writes), then the real pos-syncd as
// a register sees it over TLS (the JSON error code and message of each refusal).

#include "EnrolHandler.h"
#include "RequestAuth.h"
#include "SyncdFixture.h"
#include "WitnessKey.h"

#include <QTest>

using namespace pos;
using namespace pos::server;
using namespace pos::test;

namespace {

// A register enrolled in process: its device key stays here, so the test signs what it likes.
struct LocalRegister {
    QString registerId = newUuid();
    SecretBytes deviceKey;
    QString company;
    QString store;
};

struct Signing {
    QByteArray method = "GET";
    QByteArray pathAndQuery = "/v1/pull?cursor=0";
    QByteArray body;
    std::optional<QString> company;
    std::optional<QString> registerId;
    qint64 time = 0;
    QByteArray nonce;
    QByteArray session;
};

QString messageOf(const ApiResponse& response)
{
    return response.body.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

QString codeOf(const ApiResponse& response)
{
    return response.body.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

} // namespace

class tst_requestauth : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void signedRequestSaysWhoAsks();
    void unknownRegisterAndBadSignatureLookTheSame_data();
    void unknownRegisterAndBadSignatureLookTheSame();
    void malformedHeadersAreRefused_data();
    void malformedHeadersAreRefused();
    void nonceIsSingleUse();
    void clockSkewIsRefused();
    void oldNoncesArePurged();
    void revokedOnlyWithAGoodSignature();
    void sessionGivesTheUsersStores();
    void sessionMustBeLiveAndThisRegisters();
    void databaseDownIsUnavailable();
    void registerSeesTheRefusalsOverHttps();

private:
    LocalRegister enrolLocal(const QString& company, const QString& store);
    RequestAuth::Request sign(const LocalRegister& reg, Signing s);
    qint64 nonces() { return m_syncd->countRows(QStringLiteral("request_nonces")); }
    QByteArray addToken(const LocalRegister& reg, const QString& userId, qint64 lifetimeSeconds);

    std::unique_ptr<SyncdFixture> m_syncd;
    std::optional<PgConnection> m_pg;
    std::optional<Ed25519Signer> m_witness;
    SecretBytes m_secretsKey;
    std::unique_ptr<ServerContext> m_ctx;
    std::unique_ptr<RequestAuth> m_auth;
    QDateTime m_now;
    QString m_company, m_other;
    QString m_store1, m_store2, m_store3, m_otherStore;
    LocalRegister m_reg;
};

void tst_requestauth::initTestCase()
{
    m_syncd = std::make_unique<SyncdFixture>();
    QVERIFY2(m_syncd->ok(), qPrintable(m_syncd->error()));
    m_company = m_syncd->createCompany(QStringLiteral("Acme"));
    m_store1 = m_syncd->createStore(m_company, QStringLiteral("One"));
    m_store2 = m_syncd->createStore(m_company, QStringLiteral("Two"));
    m_store3 = m_syncd->createStore(m_company, QStringLiteral("Three"));
    m_other = m_syncd->createCompany(QStringLiteral("Other"));
    m_otherStore = m_syncd->createStore(m_other, QStringLiteral("Elsewhere"));
    QVERIFY2(!m_store3.isEmpty() && !m_otherStore.isEmpty(), qPrintable(m_syncd->error()));

    auto pg = m_syncd->directSql();
    QVERIFY2(pg, qPrintable(pg ? QString() : pg.error().message));
    m_pg.emplace(std::move(*pg));
    auto seed = Ed25519::generatePrivateKey();
    QVERIFY(seed);
    auto witness = Ed25519Signer::fromPrivateKey(*seed);
    QVERIFY(witness);
    m_witness.emplace(std::move(*witness));
    m_ctx = std::make_unique<ServerContext>(ServerContext{*m_pg, *m_witness, {}});
    m_ctx->now = [this] {
        return m_now;
    };
    // Seals the company's PIN pepper at enrolment: the key pos-syncd derives from its witness key
    // file, since registers here enrol in process and over HTTPS alike.
    const QString witnessFile = m_syncd->cluster().folder() + QStringLiteral("/witness.key");
    QVERIFY(WitnessKey::loadOrCreate(witnessFile));
    auto secretsKey = WitnessKey::secretsKey(witnessFile);
    QVERIFY(secretsKey);
    m_secretsKey = std::move(*secretsKey);
    m_ctx->secretsKey = &m_secretsKey;
    m_auth = std::make_unique<RequestAuth>(*m_ctx);
    m_now = QDateTime::currentDateTimeUtc();
    m_reg = enrolLocal(m_company, m_store1);
    QVERIFY(!m_reg.store.isEmpty());
}

void tst_requestauth::cleanupTestCase()
{
    m_auth.reset();
    m_ctx.reset();
    m_pg.reset();
    m_syncd.reset();
}

void tst_requestauth::init()
{
    m_now = QDateTime::currentDateTimeUtc();
}

LocalRegister tst_requestauth::enrolLocal(const QString& company, const QString& store)
{
    LocalRegister reg;
    auto key = Ed25519::generatePrivateKey();
    auto audit = Ed25519::generatePrivateKey();
    if (!key || !audit)
        return reg;
    reg.deviceKey = std::move(*key);
    EnrolHandler enrol(*m_ctx);
    const QString code = m_syncd->enrolCode(company, store);
    const QJsonObject body{{QStringLiteral("code"), code},
                           {QStringLiteral("register_id"), reg.registerId},
                           {QStringLiteral("name"), QStringLiteral("Local till")},
                           {QStringLiteral("signing_key"),
                            QString::fromLatin1(Ed25519::publicKeyFor(*audit)->toBase64())},
                           {QStringLiteral("device_key"),
                            QString::fromLatin1(Ed25519::publicKeyFor(reg.deviceKey)->toBase64())},
                           {QStringLiteral("audit_head"),
                            QJsonObject{{QStringLiteral("row_count"), 0},
                                        {QStringLiteral("head_hash"),
                                         QString::fromLatin1(QByteArray(32, '\0').toBase64())}}}};
    const ApiResponse answer =
        enrol.handle(QHostAddress(QStringLiteral("192.0.2.7")), QJsonDocument(body).toJson());
    if (answer.status != 200)
        return reg;
    reg.company = answer.body.value(QStringLiteral("company_id")).toString();
    reg.store = answer.body.value(QStringLiteral("store_id")).toString();
    return reg;
}

RequestAuth::Request tst_requestauth::sign(const LocalRegister& reg, Signing s)
{
    syncprotocol::SignedRequest signedRequest;
    signedRequest.method = s.method;
    signedRequest.pathAndQuery = s.pathAndQuery;
    signedRequest.companyId = s.company.value_or(reg.company);
    signedRequest.registerId = s.registerId.value_or(reg.registerId);
    signedRequest.time = s.time ? s.time : m_now.toSecsSinceEpoch();
    signedRequest.nonce = s.nonce.isEmpty() ? newNonce() : s.nonce;
    signedRequest.sessionToken = s.session;
    signedRequest.body = s.body;
    const QByteArray signature =
        Ed25519::sign(reg.deviceKey, syncprotocol::requestSigningBytes(signedRequest))
            .value_or(QByteArray());
    RequestAuth::Request request;
    request.method = s.method;
    request.pathAndQuery = s.pathAndQuery;
    request.body = s.body;
    request.company = signedRequest.companyId.toLatin1();
    request.registerId = signedRequest.registerId.toLatin1();
    request.time = QByteArray::number(signedRequest.time);
    request.nonce = signedRequest.nonce;
    request.signature = signature.toBase64();
    request.session = s.session;
    return request;
}

QByteArray tst_requestauth::addToken(const LocalRegister& reg, const QString& userId,
                                     qint64 lifetimeSeconds)
{
    const QByteArray token = newNonce() + newNonce(); // random base64url text
    PgConnection* pg = m_syncd->cluster().superuser();
    if (!pg)
        return {};
    auto inserted = pg->exec("INSERT INTO pos.user_tokens (company_id, token_hash, user_id, "
                             "device_id, expires_at) VALUES ($1, $2, $3, $4, now() + $5 * "
                             "interval '1 second')",
                             {reg.company.toUtf8(), "\\x" + sha256(token).toHex(), userId.toUtf8(),
                              reg.registerId.toUtf8(), QByteArray::number(lifetimeSeconds)});
    return inserted ? token : QByteArray();
}

void tst_requestauth::signedRequestSaysWhoAsks()
{
    const qint64 before = nonces();
    auto who = m_auth->authenticate(sign(m_reg, {}));
    QVERIFY2(who, qPrintable(who ? QString() : messageOf(who.error())));
    QCOMPARE(who->companyId, m_company);
    QCOMPARE(who->registerId, m_reg.registerId);
    QCOMPARE(who->registerStoreId, m_store1);
    QCOMPARE(who->storeIds, QStringList{m_store1});
    QVERIFY(who->userId.isEmpty());
    QVERIFY(who->userRole.isEmpty());
    QCOMPARE(nonces(), before + 1);

    // A POST with a body, signed over that body.
    Signing post;
    post.method = "POST";
    post.pathAndQuery = "/v1/push";
    post.body = R"({"batch_id":"x"})";
    QVERIFY(m_auth->authenticate(sign(m_reg, post)));
}

void tst_requestauth::unknownRegisterAndBadSignatureLookTheSame_data()
{
    QTest::addColumn<int>("spoil");
    QTest::newRow("unknown register") << 0;
    QTest::newRow("register of this company named under another company") << 1;
    QTest::newRow("signed by another key") << 2;
    QTest::newRow("one bit of the signature") << 3;
    QTest::newRow("body changed after signing") << 4;
    QTest::newRow("query changed after signing") << 5;
    QTest::newRow("method changed after signing") << 6;
    QTest::newRow("session header added unsigned") << 7;
    QTest::newRow("signature not base64") << 8;
    QTest::newRow("time changed after signing") << 9;
}

void tst_requestauth::unknownRegisterAndBadSignatureLookTheSame()
{
    QFETCH(int, spoil);
    Signing s;
    s.method = "POST";
    s.pathAndQuery = "/v1/push";
    s.body = "{}";
    RequestAuth::Request request;
    switch (spoil) {
    case 0:
        s.registerId = newUuid();
        request = sign(m_reg, s);
        break;
    case 1:
        s.company = m_other; // RLS: the register is not found under another company
        request = sign(m_reg, s);
        break;
    case 2: {
        LocalRegister stranger;
        stranger.registerId = m_reg.registerId;
        stranger.company = m_reg.company;
        stranger.store = m_reg.store;
        stranger.deviceKey = std::move(*Ed25519::generatePrivateKey());
        request = sign(stranger, s);
        break;
    }
    case 3: {
        request = sign(m_reg, s);
        QByteArray raw = QByteArray::fromBase64(request.signature);
        raw[5] = static_cast<char>(raw[5] ^ 0x10);
        request.signature = raw.toBase64();
        break;
    }
    case 4:
        request = sign(m_reg, s);
        request.body = "{ }";
        break;
    case 5:
        s.method = "GET";
        s.pathAndQuery = "/v1/pull?cursor=10";
        s.body.clear();
        request = sign(m_reg, s);
        request.pathAndQuery = "/v1/pull?cursor=0";
        break;
    case 6:
        request = sign(m_reg, s);
        request.method = "GET";
        break;
    case 7:
        request = sign(m_reg, s);
        request.session = "c2Vzc2lvbg";
        break;
    case 8:
        request = sign(m_reg, s);
        request.signature = "not*base64";
        break;
    case 9:
        request = sign(m_reg, s);
        request.time = QByteArray::number(m_now.toSecsSinceEpoch() - 1);
        break;
    }
    const qint64 before = nonces();
    const auto refused = m_auth->authenticate(request);
    QVERIFY(!refused);
    QCOMPARE(refused.error().status, 401);
    QCOMPARE(codeOf(refused.error()), QStringLiteral("unauthenticated"));
    QCOMPARE(messageOf(refused.error()), RequestAuth::notEnrolledMessage());
    QCOMPARE(nonces(), before);
}

void tst_requestauth::malformedHeadersAreRefused_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("company missing") << QByteArray("company") << QByteArray();
    QTest::newRow("company not a uuid") << QByteArray("company") << QByteArray("acme");
    QTest::newRow("company with braces")
        << QByteArray("company") << QByteArray("{" + newUuid().toLatin1() + "}");
    QTest::newRow("register missing") << QByteArray("register") << QByteArray();
    QTest::newRow("time missing") << QByteArray("time") << QByteArray();
    QTest::newRow("time not a number") << QByteArray("time") << QByteArray("12:00");
    QTest::newRow("time negative") << QByteArray("time") << QByteArray("-5");
    QTest::newRow("nonce missing") << QByteArray("nonce") << QByteArray();
    QTest::newRow("nonce too short") << QByteArray("nonce") << QByteArray("AAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("nonce not base64url")
        << QByteArray("nonce") << QByteArray("AAAAAAAAAAAAAAAAAAAA+/");
}

void tst_requestauth::malformedHeadersAreRefused()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    RequestAuth::Request request = sign(m_reg, {});
    if (header == "company")
        request.company = value;
    else if (header == "register")
        request.registerId = value;
    else if (header == "time")
        request.time = value;
    else
        request.nonce = value;
    const qint64 before = nonces();
    const auto refused = m_auth->authenticate(request);
    QVERIFY(!refused);
    QCOMPARE(refused.error().status, 401);
    QCOMPARE(codeOf(refused.error()), QStringLiteral("unauthenticated"));
    QVERIFY2(messageOf(refused.error()).contains(QStringLiteral("X-Pos-")),
             qPrintable(messageOf(refused.error())));
    QCOMPARE(nonces(), before);
}

void tst_requestauth::nonceIsSingleUse()
{
    const RequestAuth::Request request = sign(m_reg, {});
    QVERIFY(m_auth->authenticate(request));
    const qint64 before = nonces();
    const auto replayed = m_auth->authenticate(request);
    QVERIFY(!replayed);
    QCOMPARE(replayed.error().status, 401);
    QCOMPARE(codeOf(replayed.error()), QStringLiteral("replayed"));
    QCOMPARE(nonces(), before);

    // The same nonce with a new signature over another request: still a replay.
    Signing other;
    other.pathAndQuery = "/v1/pull?cursor=5";
    other.nonce = request.nonce;
    const auto again = m_auth->authenticate(sign(m_reg, other));
    QVERIFY(!again);
    QCOMPARE(codeOf(again.error()), QStringLiteral("replayed"));

    // Nonces are per register: another register may use the same bytes.
    const LocalRegister second = enrolLocal(m_company, m_store2);
    Signing sameNonce;
    sameNonce.nonce = request.nonce;
    QVERIFY(m_auth->authenticate(sign(second, sameNonce)));
}

void tst_requestauth::clockSkewIsRefused()
{
    const qint64 now = m_now.toSecsSinceEpoch();
    for (const qint64 offset : {-301, 301, -3600}) {
        Signing s;
        s.time = now + offset;
        const qint64 before = nonces();
        const auto refused = m_auth->authenticate(sign(m_reg, s));
        QVERIFY(!refused);
        QCOMPARE(refused.error().status, 401);
        QCOMPARE(codeOf(refused.error()), QStringLiteral("unauthenticated"));
        const QString message = messageOf(refused.error());
        QVERIFY2(message.contains(QString::number(qAbs(offset))) &&
                     message.contains(offset > 0 ? QStringLiteral("ahead of")
                                                 : QStringLiteral("behind")),
                 qPrintable(message));
        QCOMPARE(nonces(), before);
    }
    for (const qint64 offset : {-300, 300}) {
        Signing s;
        s.time = now + offset;
        QVERIFY(m_auth->authenticate(sign(m_reg, s)));
    }
}

void tst_requestauth::oldNoncesArePurged()
{
    const LocalRegister reg = enrolLocal(m_company, m_store3);
    PgConnection* pg = m_syncd->cluster().superuser();
    QVERIFY(pg);
    const auto noncesOf = [&] {
        auto r = pg->exec("SELECT count(*) FROM pos.request_nonces WHERE device_id = $1",
                          {reg.registerId.toUtf8()});
        return r ? r->integer(0, 0) : -1;
    };
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_auth->authenticate(sign(reg, {})));
    QCOMPARE(noncesOf(), 3);
    // 16 minutes later (the register's clock moved too): the old nonces go, the new one stays.
    m_now = m_now.addSecs(16 * 60);
    QVERIFY(m_auth->authenticate(sign(reg, {})));
    QCOMPARE(noncesOf(), 1);
}

void tst_requestauth::revokedOnlyWithAGoodSignature()
{
    const LocalRegister reg = enrolLocal(m_company, m_store1);
    QVERIFY(m_auth->authenticate(sign(reg, {})));
    QVERIFY2(m_syncd->revoke(m_company, reg.registerId), qPrintable(m_syncd->error()));

    const qint64 before = nonces();
    const auto revoked = m_auth->authenticate(sign(reg, {}));
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().status, 401);
    QCOMPARE(codeOf(revoked.error()), QStringLiteral("revoked"));
    // Without the device key nobody learns that the register was revoked.
    RequestAuth::Request forged = sign(reg, {});
    forged.signature = QByteArray(64, 'x').toBase64();
    const auto refused = m_auth->authenticate(forged);
    QVERIFY(!refused);
    QCOMPARE(codeOf(refused.error()), QStringLiteral("unauthenticated"));
    QCOMPARE(messageOf(refused.error()), RequestAuth::notEnrolledMessage());
    QCOMPARE(nonces(), before);
}

void tst_requestauth::sessionGivesTheUsersStores()
{
    const QString owner = m_syncd->createUser(m_company, QStringLiteral("11"),
                                              QStringLiteral("owner"), "correct horse battery");
    const QString manager =
        m_syncd->createUser(m_company, QStringLiteral("22"), QStringLiteral("manager"),
                            "correct horse battery", {m_store1, m_store2});
    QVERIFY2(!owner.isEmpty() && !manager.isEmpty(), qPrintable(m_syncd->error()));

    Signing s;
    s.session = addToken(m_reg, owner, 3600);
    QVERIFY(!s.session.isEmpty());
    auto who = m_auth->authenticate(sign(m_reg, s));
    QVERIFY2(who, qPrintable(who ? QString() : messageOf(who.error())));
    QCOMPARE(who->userId, owner);
    QCOMPARE(who->userRole, QStringLiteral("owner"));
    QStringList all{m_store1, m_store2, m_store3};
    all.sort();
    QCOMPARE(who->storeIds, all); // every store of the company, none of another
    QCOMPARE(who->registerStoreId, m_store1);

    s.session = addToken(m_reg, manager, 3600);
    who = m_auth->authenticate(sign(m_reg, s));
    QVERIFY(who);
    QCOMPARE(who->userRole, QStringLiteral("manager"));
    QStringList assigned{m_store1, m_store2};
    assigned.sort();
    QCOMPARE(who->storeIds, assigned);
}

void tst_requestauth::sessionMustBeLiveAndThisRegisters()
{
    const QString cashier =
        m_syncd->createUser(m_company, QStringLiteral("33"), QStringLiteral("cashier"),
                            "correct horse battery", {m_store1});
    QVERIFY(!cashier.isEmpty());
    const LocalRegister other = enrolLocal(m_company, m_store1);
    const QByteArray expired = addToken(m_reg, cashier, -3600);
    const QByteArray othersToken = addToken(other, cashier, 3600);
    const QByteArray unknown = newNonce() + newNonce();
    const QByteArray live = addToken(m_reg, cashier, 3600);
    for (const QByteArray& token : {expired, othersToken, unknown}) {
        Signing s;
        s.session = token;
        const qint64 before = nonces();
        const auto refused = m_auth->authenticate(sign(m_reg, s));
        QVERIFY(!refused);
        QCOMPARE(refused.error().status, 401);
        QCOMPARE(codeOf(refused.error()), QStringLiteral("unauthenticated"));
        QVERIFY(messageOf(refused.error()).contains(QStringLiteral("sign in again")));
        QCOMPARE(nonces(), before);
    }
    Signing s;
    s.session = live;
    QVERIFY(m_auth->authenticate(sign(m_reg, s)));

    // A user made inactive loses the session at once.
    PgConnection* pg = m_syncd->cluster().superuser();
    QVERIFY(pg);
    QVERIFY(pg->exec("UPDATE pos.users SET active = false WHERE id = $1", {cashier.toUtf8()}));
    const auto refused = m_auth->authenticate(sign(m_reg, s));
    QVERIFY(!refused);
    QCOMPARE(codeOf(refused.error()), QStringLiteral("unauthenticated"));
}

void tst_requestauth::databaseDownIsUnavailable()
{
    auto pid = m_pg->exec("SELECT pg_backend_pid()");
    QVERIFY(pid);
    PgConnection* superuser = m_syncd->cluster().superuser();
    QVERIFY(superuser);
    QVERIFY(superuser->exec("SELECT pg_terminate_backend($1::int)", {pid->value(0, 0)}));
    QTest::qWait(200);
    const auto refused = m_auth->authenticate(sign(m_reg, {}));
    QVERIFY(!refused);
    QCOMPARE(refused.error().status, 503);
    QCOMPARE(codeOf(refused.error()), QStringLiteral("unavailable"));
    QVERIFY(m_pg->reset());
    QVERIFY(m_auth->authenticate(sign(m_reg, {})));
}

void tst_requestauth::registerSeesTheRefusalsOverHttps()
{
    QVERIFY2(m_syncd->start(), qPrintable(m_syncd->error()));
    auto device = m_syncd->enrolDevice(m_company, m_store2, QStringLiteral("Till 2"));
    QVERIFY2(device, qPrintable(m_syncd->error()));
    const auto errorMessage = [](const ApiReply& reply) {
        return reply.body.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("message"))
            .toString();
    };

    const ApiReply ok = device->get("/v1/pull?cursor=0");
    QVERIFY2(ok.status == 200, qPrintable(ok.describe()));

    TestDevice::Tamper replay;
    replay.nonce = device->lastNonce();
    const ApiReply replayed = device->get("/v1/pull?cursor=0", replay);
    QCOMPARE(replayed.status, 401);
    QCOMPARE(replayed.errorCode(), QStringLiteral("replayed"));

    TestDevice::Tamper bad;
    bad.badSignature = true;
    const ApiReply badSignature = device->get("/v1/pull?cursor=0", bad);
    TestDevice::Tamper stranger;
    stranger.registerId = newUuid();
    const ApiReply unknown = device->get("/v1/pull?cursor=0", stranger);
    TestDevice::Tamper forged;
    forged.companyId = m_other;
    const ApiReply otherCompany = device->get("/v1/pull?cursor=0", forged);
    for (const ApiReply& reply : {badSignature, unknown, otherCompany}) {
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
        QCOMPARE(errorMessage(reply), RequestAuth::notEnrolledMessage());
        QCOMPARE(reply.raw, badSignature.raw);
    }

    TestDevice::Tamper late;
    late.time = QDateTime::currentSecsSinceEpoch() - 900;
    const ApiReply skewed = device->get("/v1/pull?cursor=0", late);
    QCOMPARE(skewed.status, 401);
    QVERIFY2(errorMessage(skewed).contains(QStringLiteral("clock")), qPrintable(skewed.describe()));

    // A request without any of the headers.
    QNetworkAccessManager nam;
    const ApiReply bare =
        sendHttps(nam, m_syncd->caCertificates(), "GET", m_syncd->url("/v1/pull?cursor=0"), {}, {});
    QCOMPARE(bare.status, 401);
    QCOMPARE(bare.errorCode(), QStringLiteral("unauthenticated"));

    QVERIFY(m_syncd->revoke(m_company, device->registerId()));
    const ApiReply revoked = device->get("/v1/pull?cursor=0");
    QCOMPARE(revoked.status, 401);
    QCOMPARE(revoked.errorCode(), QStringLiteral("revoked"));

    // The log names registers and refusals, never a signature or a nonce.
    const QString log = m_syncd->serverLog();
    QVERIFY(log.contains(device->registerId()));
    QVERIFY(!log.contains(QString::fromLatin1(device->lastNonce())));
}

QTEST_GUILESS_MAIN(tst_requestauth)
#include "tst_requestauth.moc"
