// Enrolment of a register with the sync server (NET-2, NET-3, docs/sync.md "POST /v1/enrol"),
// against a small HTTPS stand-in on 127.0.0.1: an owner with the code and the sheet's pin enrols;
// the request carries both public keys and the audit head, never more; the register keeps the
// server, ids, pins and witness key, takes the server's company and store ids, and writes a
// sync.enrolled row without the code; others are refused before anything is sent; a refused code,
// a server whose certificate is not among its pins, or a second enrolment store nothing.
#include "FakeSyncServer.h"
#include "TestStaff.h"
#include "TestStore.h"

#include "audit/AuditActions.h"
#include "audit/AuditVerifier.h"
#include "auth/CredentialHash.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/RegisterSettings.h"
#include "sync/DeviceIdentity.h"
#include "sync/Enrolment.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

using namespace pos;
using pos::test::FakeRequest;
using pos::test::FakeResponse;
using pos::test::FakeSyncServer;

namespace {

const QString CompanyId = QStringLiteral("0b7e4c7e-9c1f-4d2a-8a47-2f8f6f1d2c33");
const QString StoreId = QStringLiteral("5a0d2f3e-7b8c-4d9e-a1f2-b3c4d5e6f708");
const char* const Code = "k7qf-m2xd-9pla-zr4t"; // typed in lower case, with dashes

// The company's PIN pepper as the server hands it out (docs/sync.md "POST /v1/enrol").
QByteArray companyPepper()
{
    return QByteArray(32, '\x5a');
}

SecretBytes secret(const char* text)
{
    QByteArray bytes(text);
    return SecretBytes::takeFrom(bytes);
}

SecretBytes code(const char* text = Code)
{
    QByteArray bytes(text);
    return SecretBytes::takeFrom(bytes);
}

} // namespace

class TestEnrolment : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ownerEnrolsWithTheSheetsPin();
    void onlyAnOwnerEnrolsAndNothingIsSentOtherwise();
    void refusedCodeStoresNothingAndTheKeyIsKeptForTheNextTry();
    void certificateMustBeAmongTheServersPins();
    void pinsWorkAcrossTheCompanyAfterEnrolment();
    void typedInputIsCheckedFirst();

private:
    Result<EnrolmentOutcome> enrol(const Session& session, const QString& url, const QString& pin,
                                   SecretBytes typed = code());
    FakeResponse answer(const FakeRequest& r, const QStringList& pins);
    qint64 count(const char* sql) { return m_store->db().scalar(sql).value_or(-1); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<pos::test::CertFactory> m_certs;
    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<test::TestStaff> m_staff;
    std::unique_ptr<AccessControl> m_access;
    ManualClock m_clock{QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC)};
    SequentialIdSource m_ids;
    std::unique_ptr<AuthService> m_auth;
    QByteArray m_witnessKey;
};

void TestEnrolment::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_certs = std::make_unique<pos::test::CertFactory>(m_dir->filePath(QStringLiteral("certs")));
    QVERIFY2(m_certs->ok(), qPrintable(m_certs->error()));
    auto key = Ed25519::generatePrivateKey();
    QVERIFY(key);
    m_witnessKey = *Ed25519::publicKeyFor(*key);
}

void TestEnrolment::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_staff = std::make_unique<test::TestStaff>(m_store->db(), m_store->keys());
    m_access = std::make_unique<AccessControl>(m_store->db());
    AuthService::Options cheap;
    cheap.hashParams = test::TestStaff::CheapHash;
    m_auth = std::make_unique<AuthService>(m_store->db(), m_store->keys(),
                                           test::TestStaff::pepperKeyName(), m_clock, m_ids,
                                           m_staff->registerId(), cheap);
    RegisterSettings settings{QStringLiteral("Test Store"), QStringLiteral("Till 1"),
                              m_staff->registerId(), QStringLiteral("EUR")};
    QVERIFY(settings.save(m_store->db()));
}

void TestEnrolment::cleanup()
{
    m_auth.reset();
    m_access.reset();
    m_staff.reset();
    m_store.reset();
}

Result<EnrolmentOutcome> TestEnrolment::enrol(const Session& session, const QString& url,
                                              const QString& pin, SecretBytes typed)
{
    Enrolment enrolment(m_store->db(), m_store->keys(), *m_access, *m_auth, m_clock);
    std::optional<Result<EnrolmentOutcome>> result;
    enrolment.start(session,
                    EnrolmentRequest{url, std::move(typed), pin, QStringLiteral("Front till")},
                    [&](Result<EnrolmentOutcome> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        qFatal("enrolment did not end within 30 s");
    return *result;
}

// pos-syncd's answer to a good request.
FakeResponse TestEnrolment::answer(const FakeRequest& r, const QStringList& pins)
{
    const QJsonObject req = QJsonDocument::fromJson(r.body).object();
    QJsonArray p;
    for (const QString& pin : pins)
        p.append(pin);
    return FakeResponse::json(
        200, QJsonObject{
                 {QStringLiteral("company_id"), CompanyId},
                 {QStringLiteral("company_name"), QStringLiteral("Bakery Ltd")},
                 {QStringLiteral("store_id"), StoreId},
                 {QStringLiteral("store_name"), QStringLiteral("Main Street")},
                 {QStringLiteral("register_id"), req.value(u"register_id")},
                 {QStringLiteral("pins"), p},
                 {QStringLiteral("witness_key"), QString::fromLatin1(m_witnessKey.toBase64())},
                 {QStringLiteral("server_time"), m_clock.nowUtc().toSecsSinceEpoch()},
                 {QStringLiteral("pin_pepper"), QString::fromLatin1(companyPepper().toBase64())}});
}

void TestEnrolment::ownerEnrolsWithTheSheetsPin()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    const QStringList pins{m_certs->server().pin, m_certs->next().pin};
    server.setHandler([&](const FakeRequest& r) { return answer(r, pins); });
    const Session owner = m_staff->signIn(Role::Owner);
    const qint64 auditRows = count("SELECT count(*) FROM audit_log");

    auto outcome = enrol(owner, server.url(), m_certs->server().pin.toUpper());
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
    QCOMPARE(outcome->companyName, QStringLiteral("Bakery Ltd"));
    QCOMPARE(outcome->storeId, StoreId);
    QCOMPARE(outcome->pins, pins);
    QCOMPARE(outcome->registerName, QStringLiteral("Front till"));

    // The request: the code as normalised, both public keys, the chain's head; nothing else.
    QCOMPARE(server.requests().size(), 1);
    const FakeRequest& r = server.requests().first();
    QCOMPARE(r.pathAndQuery, QByteArray("/v1/enrol"));
    QVERIFY(!r.headers.contains("x-pos-signature"));
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    const QStringList fields = body.keys();
    QCOMPARE(QSet<QString>(fields.begin(), fields.end()),
             (QSet<QString>{u"code"_qs, u"register_id"_qs, u"name"_qs, u"signing_key"_qs,
                            u"device_key"_qs, u"audit_head"_qs}));
    QCOMPARE(body.value(u"code").toString(), QStringLiteral("K7QFM2XD9P1AZR4T"));
    QCOMPARE(body.value(u"register_id").toString(), m_staff->registerId());
    QCOMPARE(QByteArray::fromBase64(body.value(u"signing_key").toString().toLatin1()),
             m_store->db().auditLog()->publicKey());
    auto device = DeviceIdentity::load(m_store->keys(), m_staff->registerId());
    QVERIFY(device);
    QCOMPARE(QByteArray::fromBase64(body.value(u"device_key").toString().toLatin1()),
             device->publicKey());
    QCOMPARE(outcome->deviceKeyFingerprint, AuditVerifier::fingerprint(device->publicKey()));
    QCOMPARE(body.value(u"audit_head").toObject().value(u"row_count").toInteger(), auditRows);

    // Stored: where, who, pins, witness key.
    auto stored = SyncStateStore(m_store->db()).enrolment();
    QVERIFY(stored && *stored);
    QCOMPARE((*stored)->serverUrl, server.url());
    QCOMPARE((*stored)->companyId, CompanyId);
    QCOMPARE((*stored)->storeName, QStringLiteral("Main Street"));
    QCOMPARE((*stored)->pins, pins);
    QCOMPARE((*stored)->witnessKey, m_witnessKey);
    QCOMPARE((*stored)->enrolledAt, m_clock.nowUtc());
    // The register's own company and store now carry the server's ids; names stay.
    auto q = m_store->db().query(
        "SELECT c.uuid, s.uuid, s.name FROM registers r JOIN stores s ON s.id = r.store_id "
        "JOIN companies c ON c.id = s.company_id WHERE r.uuid = ?1");
    q->bind(1, m_staff->registerId());
    QVERIFY(q->next().value_or(false));
    QCOMPARE(q->text(0), CompanyId);
    QCOMPARE(q->text(1), StoreId);
    QCOMPARE(q->text(2), QStringLiteral("Test Store"));

    // The audit row, without the code in any form.
    auto a = m_store->db().query("SELECT actor, entity, after_json FROM audit_log "
                                 "WHERE action = ?1");
    a->bind(1, auditaction::SyncEnrolled);
    QVERIFY(a->next().value_or(false));
    QCOMPARE(a->text(0), QString::number(owner.userId));
    QCOMPARE(a->text(1), QStringLiteral("register:") + m_staff->registerId());
    const QString after = a->text(2);
    QVERIFY(after.contains(StoreId) && after.contains(m_certs->server().pin));
    for (const char* c : {"K7QF", "k7qf", "M2XD", "ZR4T"})
        QVERIFY2(!after.contains(QLatin1String(c), Qt::CaseInsensitive), c);
    QVERIFY(AuditVerifier::verifyOwn(m_store->db())->intact());

    // Once only.
    auto again = enrol(owner, server.url(), m_certs->server().pin);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(server.requests().size(), 1);
}

void TestEnrolment::onlyAnOwnerEnrolsAndNothingIsSentOtherwise()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([&](const FakeRequest& r) { return answer(r, {m_certs->server().pin}); });
    for (Role role : {Role::Manager, Role::Cashier, Role::Auditor}) {
        auto r = enrol(m_staff->signIn(role), server.url(), m_certs->server().pin);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
    }
    const Session ended = m_staff->signIn(Role::Owner);
    m_staff->endSession(ended);
    auto r = enrol(ended, server.url(), m_certs->server().pin);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Unauthenticated);
    QCOMPARE(server.requests().size(), 0);
    QVERIFY(!DeviceIdentity::load(m_store->keys(), m_staff->registerId()));
    QCOMPARE(count("SELECT count(*) FROM sync_state"), 0);
}

void TestEnrolment::refusedCodeStoresNothingAndTheKeyIsKeptForTheNextTry()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    bool refuse = true;
    server.setHandler([&](const FakeRequest& r) {
        if (refuse)
            return FakeResponse::error(401, "unauthenticated", "unknown or used code");
        return answer(r, {m_certs->server().pin});
    });
    const Session owner = m_staff->signIn(Role::Owner);
    const qint64 rows = count("SELECT count(*) FROM audit_log");
    auto r = enrol(owner, server.url(), m_certs->server().pin);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Unauthenticated);
    QVERIFY2(r.error().message.contains(u"did not accept the enrolment code"),
             qPrintable(r.error().message));
    QVERIFY(!r.error().message.contains(u"K7QF", Qt::CaseInsensitive));
    QCOMPARE(count("SELECT count(*) FROM sync_state"), 0);
    QCOMPARE(count("SELECT count(*) FROM audit_log"), rows);

    // The device key made for the first try is the one the next try sends.
    const QByteArray first = QJsonDocument::fromJson(server.requests().first().body)
                                 .object()
                                 .value(u"device_key")
                                 .toString()
                                 .toLatin1();
    refuse = false;
    QVERIFY(enrol(owner, server.url(), m_certs->server().pin));
    QCOMPARE(QJsonDocument::fromJson(server.requests().last().body)
                 .object()
                 .value(u"device_key")
                 .toString()
                 .toLatin1(),
             first);
}

void TestEnrolment::certificateMustBeAmongTheServersPins()
{
    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    // A server configured with pins that are not its certificate's: the register could never
    // reach it again after enrolment, so nothing is kept.
    server.setHandler([&](const FakeRequest& r) { return answer(r, {m_certs->next().pin}); });
    auto r = enrol(m_staff->signIn(Role::Owner), server.url(), m_certs->server().pin);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"not among the pins"), qPrintable(r.error().message));
    QCOMPARE(count("SELECT count(*) FROM sync_state"), 0);

    // An answer without the company's PIN pepper: nothing is kept either.
    server.setHandler([&](const FakeRequest& req) {
        FakeResponse a = answer(req, {m_certs->server().pin});
        QJsonObject o = QJsonDocument::fromJson(a.body).object();
        o.remove(QStringLiteral("pin_pepper"));
        a.body = QJsonDocument(o).toJson();
        return a;
    });
    auto noPepper = enrol(m_staff->signIn(Role::Owner), server.url(), m_certs->server().pin);
    QVERIFY(!noPepper);
    QVERIFY2(noPepper.error().message.contains(u"PIN pepper"),
             qPrintable(noPepper.error().message));
    QCOMPARE(count("SELECT count(*) FROM sync_state"), 0);
    auto unchanged = m_store->keys().read(test::TestStaff::pepperKeyName());
    QVERIFY(unchanged && unchanged->equals(m_staff->pepper()));

    // A pin typed from a sheet of another server: refused before anything is sent.
    server.clearRequests();
    auto wrong = enrol(m_staff->signIn(Role::Owner), server.url(), m_certs->next().pin);
    QVERIFY(!wrong);
    QCOMPARE(server.requests().size(), 0);
    QCOMPARE(count("SELECT count(*) FROM sync_state"), 0);
}

void TestEnrolment::pinsWorkAcrossTheCompanyAfterEnrolment()
{
    // A cashier of this register from before it was enrolled (PIN keyed with the register's own
    // pepper), and one whose PIN was set elsewhere in the company (keyed with the company's
    // pepper, as a pull brings it).
    const qint64 local = m_staff->addUser(Role::Cashier, QStringLiteral("Carla"),
                                          QStringLiteral("31"), QStringLiteral("2468"));
    const qint64 pulled = m_staff->addUser(Role::Cashier, QStringLiteral("Paul"),
                                           QStringLiteral("32"), QStringLiteral("1111"));
    QByteArray companyBytes = companyPepper();
    const SecretBytes company = SecretBytes::takeFrom(companyBytes);
    auto elsewhere = CredentialHash::hashPin(secret("1357"), company, test::TestStaff::CheapHash);
    QVERIFY(elsewhere);
    {
        auto set = m_store->db().query("UPDATE users SET pin_hash = ?1 WHERE id = ?2");
        set->bind(1, *elsewhere).bind(2, pulled);
        QVERIFY(set->run());
    }
    // Before enrolment the company's PIN does not work here.
    QVERIFY(!m_auth->signIn(u"32", secret("1357")));

    FakeSyncServer server(m_certs->server());
    QVERIFY(server.ok());
    server.setHandler([&](const FakeRequest& r) { return answer(r, {m_certs->server().pin}); });
    auto outcome = enrol(m_staff->signIn(Role::Owner), server.url(), m_certs->server().pin);
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));

    // The key store holds the company's pepper now, and the register's own beside it.
    auto now = m_store->keys().read(test::TestStaff::pepperKeyName());
    QVERIFY(now && now->equals(company));
    auto kept = m_store->keys().read(m_auth->previousPepperName());
    QVERIFY(kept && kept->equals(m_staff->pepper()));

    // The PIN set elsewhere in the company works here now, and so does the local one, whose hash
    // is keyed with the company's pepper from its first use on.
    auto paul = m_auth->signIn(u"32", secret("1357"));
    QVERIFY2(paul, paul ? "" : qPrintable(paul.error().message));
    auto carla = m_auth->signIn(u"31", secret("2468"));
    QVERIFY2(carla, carla ? "" : qPrintable(carla.error().message));
    QString rehashed;
    {
        auto hash = m_store->db().query("SELECT pin_hash FROM users WHERE id = ?1");
        hash->bind(1, local);
        QVERIFY(hash->next().value_or(false));
        rehashed = hash->text(0);
    }
    QCOMPARE(CredentialHash::verifyPin(secret("2468"), company, rehashed).value_or(false), true);
    QCOMPARE(CredentialHash::verifyPin(secret("2468"), m_staff->pepper(), rehashed).value_or(true),
             false);
    // Wrong PINs stay wrong under either pepper.
    QVERIFY(!m_auth->signIn(u"31", secret("1357")));
    QVERIFY(!m_auth->signIn(u"32", secret("2468")));

    // Adopting it again (a second enrolment answer) changes nothing; the register's own pepper
    // is never overwritten with the company's.
    QVERIFY(m_auth->adoptCompanyPepper(company));
    kept = m_store->keys().read(m_auth->previousPepperName());
    QVERIFY(kept && kept->equals(m_staff->pepper()));
}

void TestEnrolment::typedInputIsCheckedFirst()
{
    const Session owner = m_staff->signIn(Role::Owner);
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(FakeSyncServer::closedPort());
    const auto refused = [&](const QString& u, const QString& pin, const char* typed) {
        auto r = enrol(owner, u, pin, code(typed));
        return !r && r.error().code == ErrorCode::InvalidInput;
    };
    QVERIFY(refused(QStringLiteral("http://127.0.0.1:1"), {}, Code));
    QVERIFY(refused(url, QStringLiteral("abc"), Code));
    QVERIFY(refused(url, {}, "K7QF-M2XD-9PLA"));
    QVERIFY(refused(url, {}, "K7QF-M2XD-9PLA-ZR4U!"));
    // A server that cannot be reached: a plain message, nothing stored.
    auto r = enrol(owner, url, {});
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"could not be reached"), qPrintable(r.error().message));
    QCOMPARE(count("SELECT count(*) FROM sync_state"), 0);
}

QTEST_GUILESS_MAIN(TestEnrolment)
#include "tst_enrolment.moc"
