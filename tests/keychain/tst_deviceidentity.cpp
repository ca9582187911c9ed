// The register's sync device key in the real keychain (NET-3), inside the throw-away
// gnome-keyring of tests/support/with-keyring.sh: made once at enrolment and read back by a
// fresh key store; a missing or damaged entry is a clear error; and SyncEngine, which reads the
// key in its own thread (QtKeychain answers there) and signs in its worker thread, pushes a
// batch whose every request verifies with the public key from the keychain.
#include "../core/FakeSyncServer.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "crypto/Ed25519.h"
#include "store/KeychainKeyStore.h"
#include "store/StoreFile.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncEngine.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pos;
using pos::test::FakeRequest;
using pos::test::FakeResponse;
using pos::test::FakeSyncServer;

namespace {

QString newRegister()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestDeviceIdentity : public QObject {
    Q_OBJECT

private slots:
    void madeOnceAndReadBackFromTheKeychain();
    void missingOrDamagedKeyIsAClearError();
    void engineSignsWithTheKeychainsKeyFromItsWorker();
};

void TestDeviceIdentity::madeOnceAndReadBackFromTheKeychain()
{
    const QString reg = newRegister();
    QByteArray publicKey;
    {
        KeychainKeyStore keys(QStringLiteral("pos-register-test"));
        auto made = DeviceIdentity::loadOrCreate(keys, reg);
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        publicKey = made->publicKey();
        QCOMPARE(publicKey.size(), 32);
    }
    // Another key store object (as after a restart): the same key, not a new one.
    KeychainKeyStore again(QStringLiteral("pos-register-test"));
    auto loaded = DeviceIdentity::load(again, reg);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->publicKey(), publicKey);
    auto reused = DeviceIdentity::loadOrCreate(again, reg);
    QVERIFY(reused);
    QCOMPARE(reused->publicKey(), publicKey);
    auto headers = loaded->sign("GET", "/v1/pull?cursor=0", newRegister(), {}, 1795000000);
    QVERIFY(headers);
    // The entry is the contract's name; the signature verifies with the public key.
    auto raw = again.read(syncprotocol::deviceKeyName(reg));
    QVERIFY(raw);
    QCOMPARE(*Ed25519::publicKeyFor(*raw), publicKey);
    QVERIFY(again.remove(syncprotocol::deviceKeyName(reg)));
}

void TestDeviceIdentity::missingOrDamagedKeyIsAClearError()
{
    KeychainKeyStore keys(QStringLiteral("pos-register-test"));
    const QString reg = newRegister();
    auto missing = DeviceIdentity::load(keys, reg);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY2(missing.error().message.contains(u"enrol the register"),
             qPrintable(missing.error().message));

    QByteArray shortKey("not an ed25519 key");
    QVERIFY(keys.write(syncprotocol::deviceKeyName(reg), SecretBytes::takeFrom(shortKey)));
    auto damaged = DeviceIdentity::loadOrCreate(keys, reg);
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().code, ErrorCode::WrongKeyOrDamaged);
    // Never replaced silently: the register would be a stranger to the server.
    QCOMPARE(keys.read(syncprotocol::deviceKeyName(reg))->size(), std::size_t(18));
    QVERIFY(keys.remove(syncprotocol::deviceKeyName(reg)));
}

void TestDeviceIdentity::engineSignsWithTheKeychainsKeyFromItsWorker()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    pos::test::CertFactory certs(dir.filePath(QStringLiteral("certs")));
    QVERIFY2(certs.ok(), qPrintable(certs.error()));
    KeychainKeyStore keys(QStringLiteral("pos-register-test"));
    const QString reg = newRegister();
    const QString company = newRegister();
    auto db = StoreFile::openOrCreate(dir.filePath(QStringLiteral("register.db")), keys);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    SystemClock clock;
    auto log = AuditLog::open(**db, keys, reg, clock);
    QVERIFY2(log, log ? "" : qPrintable(log.error().message));
    (*db)->attachAuditLog(std::move(*log));

    auto identity = DeviceIdentity::loadOrCreate(keys, reg);
    QVERIFY(identity);
    const QByteArray publicKey = identity->publicKey();
    FakeSyncServer server(certs.server());
    QVERIFY(server.ok());
    server.setHandler([](const FakeRequest& r) {
        const QJsonObject batch = QJsonDocument::fromJson(r.body).object();
        return FakeResponse::json(
            200, QJsonObject{{QStringLiteral("batch_id"), batch.value(u"batch_id")},
                             {QStringLiteral("stored"), batch.value(u"records").toArray().size()},
                             {QStringLiteral("duplicates"), 0},
                             {QStringLiteral("witness"), QJsonArray()}});
    });
    SyncEnrolment e;
    e.serverUrl = server.url();
    e.companyId = company;
    e.companyName = QStringLiteral("Keychain Co");
    e.storeId = newRegister();
    e.storeName = QStringLiteral("Keychain Store");
    e.registerName = QStringLiteral("Till");
    e.pins = {certs.server().pin};
    e.witnessKey = QByteArray(32, '\x01');
    e.enrolledAt = clock.nowUtc();
    QVERIFY(SyncStateStore(**db).writeEnrolment(e));

    auto opener = SyncEngine::openerFor(**db, keys);
    QVERIFY2(opener, opener ? "" : qPrintable(opener.error().message));
    SyncEngineOptions o;
    o.registerId = reg;
    o.openDatabase = *opener;
    o.keys = &keys;
    o.timer = std::make_unique<ManualSyncTimer>();
    SyncEngine engine(std::move(o));
    std::optional<SyncRunReport> report;
    connect(&engine, &SyncEngine::runFinished, this, [&](const SyncRunReport& r) { report = r; });
    engine.start();
    QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 30000);
    QCOMPARE(report->outcome, SyncRunReport::Outcome::Done);
    QVERIFY(report->recordsSent >= 2); // the genesis row and its checkpoint at least
    QVERIFY(!server.requests().isEmpty());
    for (const FakeRequest& r : server.requests()) {
        syncprotocol::SignedRequest s{r.method,
                                      r.pathAndQuery,
                                      company,
                                      reg,
                                      r.headers.value("x-pos-time").toLongLong(),
                                      r.headers.value("x-pos-nonce"),
                                      {},
                                      r.body};
        QVERIFY(Ed25519::verify(publicKey, syncprotocol::requestSigningBytes(s),
                                QByteArray::fromBase64(r.headers.value("x-pos-signature"))));
    }
    QVERIFY(keys.remove(syncprotocol::deviceKeyName(reg)));
    QVERIFY(keys.remove(AuditLog::keyNameFor(reg)));
    QVERIFY(keys.remove(AuditLog::checkpointNameFor(reg)));
}

QTEST_GUILESS_MAIN(TestDeviceIdentity)
#include "tst_deviceidentity.moc"
