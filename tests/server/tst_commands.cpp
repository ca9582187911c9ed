// POST /v1/commands against the real pos-syncd over TLS 1.3 on loopback and a throw-away
// PostgreSQL (CommandWorld): users signed in at an enrolled register (tst_sessions tests the
// sign-in itself) edit the server-authoritative catalog, store prices, staff, settings and role
// overrides the way an owner's or manager's desktop does. What the server stored is read back as
// the superuser.

#include "CommandWorld.h"
#include "crypto/Ed25519.h"
#include "store/KeyStore.h"
#include "sync/CommandClient.h"
#include "sync/DeviceIdentity.h"

#include <QDeadlineTimer>
#include <QEventLoop>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QByteArray& Password = WorldPassword;

} // namespace

class tst_commands : public QObject, private CommandWorld {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void aCommandNeedsASignedInUser();
    void catalogCommandsAndAResentCommandId();
    void staleEditIsRefusedNamingWhatChanged();
    void managerCannotSetAnotherStoresPrice();
    void auditorCannotEditTheCatalog();
    void staffFollowTheStaffRules();
    void settingsAndRoleOverrides();
    void malformedCommandsWriteNothing_data();
    void malformedCommandsWriteNothing();
    void anotherCompanyFindsNothing();
    void aDesktopsCommandClientHearsTheStaleMessage();
    void theServerLogHoldsNoSecret();

private:
    QString m_tax, m_category, m_product;
};

void tst_commands::initTestCase()
{
    const QString problem = setUpWorld();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // The catalog the tests edit, made by the owner.
    m_tax = newUuid();
    m_category = newUuid();
    m_product = newUuid();
    ApiReply r = command(m_owner, QStringLiteral("tax_class.create"), m_tax, 0,
                         {{QStringLiteral("code"), QStringLiteral("STD")},
                          {QStringLiteral("name"), QStringLiteral("Standard")},
                          {QStringLiteral("rate_ppm"), 190000},
                          {QStringLiteral("inclusive"), true}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(m_owner, QStringLiteral("category.create"), m_category, 0,
                {{QStringLiteral("name"), QStringLiteral("Dairy")}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
}

void tst_commands::cleanupTestCase()
{
    tearDownWorld();
}

void tst_commands::aCommandNeedsASignedInUser()
{
    const ApiReply r = m_d1->post(
        "/v1/commands",
        {{QStringLiteral("command_id"), newUuid()},
         {QStringLiteral("kind"), QStringLiteral("category.create")},
         {QStringLiteral("id"), newUuid()},
         {QStringLiteral("base_version"), 0},
         {QStringLiteral("data"), QJsonObject{{QStringLiteral("name"), QStringLiteral("X")}}}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
}

void tst_commands::catalogCommandsAndAResentCommandId()
{
    const QString commandId = newUuid();
    const QJsonObject milk{
        {QStringLiteral("sku"), QStringLiteral("MILK-1")},
        {QStringLiteral("name"), QStringLiteral("Milk 1l")},
        {QStringLiteral("price_minor"), 99},
        {QStringLiteral("cost_minor"), 60},
        {QStringLiteral("tax_class_id"), m_tax},
        {QStringLiteral("category_id"), m_category},
        {QStringLiteral("barcodes"), QJsonArray{QStringLiteral("4006381333931")}}};
    ApiReply r = command(m_owner, QStringLiteral("product.create"), m_product, 0, milk, commandId);
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(r.body.value(QStringLiteral("id")).toString(), m_product);
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 1);
    const qint64 logRows = m_f->countRows(QStringLiteral("change_log"));
    QCOMPARE(scalar("SELECT count(*) FROM pos.change_log WHERE kind = 'product' AND entity_id = $1 "
                    "AND store_id IS NULL AND version = 1",
                    {m_product.toUtf8()}),
             1);

    // The desktop did not hear the answer and sends the same command again: same answer, applied
    // once.
    const ApiReply again =
        command(m_owner, QStringLiteral("product.create"), m_product, 0, milk, commandId);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body, r.body);
    QCOMPARE(m_f->countRows(QStringLiteral("products")), 1);
    QCOMPARE(m_f->countRows(QStringLiteral("change_log")), logRows);

    // The same command id for something else is a conflict; a second product under the SKU too.
    r = command(m_owner, QStringLiteral("category.create"), newUuid(), 0,
                {{QStringLiteral("name"), QStringLiteral("Bakery")}}, commandId);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("conflict"));
    QJsonObject copy = milk;
    copy.insert(QStringLiteral("barcodes"), QJsonArray());
    r = command(m_owner, QStringLiteral("product.create"), newUuid(), 0, copy);
    QCOMPARE(r.status, 409);
    QVERIFY2(r.raw.contains("MILK-1"), qPrintable(r.describe()));
    // ... and a barcode another product has.
    copy = milk;
    copy.insert(QStringLiteral("sku"), QStringLiteral("MILK-2"));
    r = command(m_owner, QStringLiteral("product.create"), newUuid(), 0, copy);
    QCOMPARE(r.status, 409);
    QVERIFY2(r.raw.contains("4006381333931"), qPrintable(r.describe()));
    QCOMPARE(m_f->countRows(QStringLiteral("products")), 1);
}

void tst_commands::staleEditIsRefusedNamingWhatChanged()
{
    // The owner changes the price (version 1 -> 2).
    ApiReply r = command(m_owner, QStringLiteral("product.update"), m_product, 1,
                         {{QStringLiteral("price_minor"), 129}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 2);

    // The district manager's desktop still shows version 1.
    const auto before = m_f->rowCounts();
    r = command(m_district, QStringLiteral("product.update"), m_product, 1,
                {{QStringLiteral("price_minor"), 149}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("stale"));
    QCOMPARE(r.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString(),
             QStringLiteral("Price of 'Milk 1l' was changed to 1.29 by someone else (version 2); "
                            "your edit was based on version 1. Reload and try again."));
    QCOMPARE(changedBesideNonces(before), QStringList());
    QCOMPARE(
        scalar("SELECT price_minor FROM pos.products WHERE id = $1::uuid", {m_product.toUtf8()}),
        129);
    QCOMPARE(scalar("SELECT version FROM pos.products WHERE id = $1::uuid", {m_product.toUtf8()}),
             2);

    // Two fields changed since: both named with their values.
    r = command(
        m_owner, QStringLiteral("product.update"), m_product, 2,
        {{QStringLiteral("name"), QStringLiteral("Milk 1 l")}, {QStringLiteral("cost_minor"), 65}});
    QCOMPARE(r.status, 200);
    r = command(m_district, QStringLiteral("product.update"), m_product, 1,
                {{QStringLiteral("active"), false}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString(),
             QStringLiteral("Price, name and cost of 'Milk 1 l' were changed by someone else (now "
                            "1.29, 'Milk 1 l' and 0.65; version 3); your edit was based on "
                            "version 1. Reload and try again."));

    // Reloaded: the edit goes through on the current version.
    r = command(m_district, QStringLiteral("product.update"), m_product, 3,
                {{QStringLiteral("price_minor"), 149}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 4);
    QCOMPARE(
        scalar("SELECT price_minor FROM pos.products WHERE id = $1::uuid", {m_product.toUtf8()}),
        149);
}

void tst_commands::managerCannotSetAnotherStoresPrice()
{
    const auto before = m_f->rowCounts();
    ApiReply r =
        command(m_manager, QStringLiteral("store_price.set"), m_product, 0,
                {{QStringLiteral("store_id"), m_s2}, {QStringLiteral("price_minor"), 199}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(changedBesideNonces(before), QStringList());

    // Their own store: fine, logged for that store only.
    r = command(m_manager, QStringLiteral("store_price.set"), m_product, 0,
                {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), 199}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(scalar("SELECT count(*) FROM pos.change_log WHERE kind = 'store_price' AND "
                    "entity_id = $1 AND store_id = $2::uuid",
                    {m_product.toUtf8(), m_s1.toUtf8()}),
             1);
    // The district manager, whose desktop had no store price yet (version 0), is stale.
    r = command(m_district, QStringLiteral("store_price.set"), m_product, 0,
                {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), 189}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString(),
             QStringLiteral("Price of 'Milk 1 l' in 'High Street' was changed to 1.99 by someone "
                            "else (version 1); your edit was based on version 0. Reload and try "
                            "again."));
    // Back to the company's price: the row goes, its version continues in the log.
    r = command(
        m_district, QStringLiteral("store_price.set"), m_product, 1,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), QJsonValue()}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(m_f->countRows(QStringLiteral("store_prices")), 0);
    r = command(m_manager, QStringLiteral("store_price.set"), m_product, 1,
                {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), 179}});
    QCOMPARE(r.status, 409);
    r = command(m_manager, QStringLiteral("store_price.set"), m_product, 2,
                {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), 179}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 3);
}

void tst_commands::auditorCannotEditTheCatalog()
{
    const auto before = m_f->rowCounts();
    const ApiReply r = command(m_auditor, QStringLiteral("product.update"), m_product, 4,
                               {{QStringLiteral("name"), QStringLiteral("Free milk")}});
    QCOMPARE(r.status, 403);
    QVERIFY2(r.raw.contains("Auditor"), qPrintable(r.describe()));
    QCOMPARE(changedBesideNonces(before), QStringList());
}

void tst_commands::staffFollowTheStaffRules()
{
    auto pepper = SecretBytes::random(32);
    QVERIFY(pepper.has_value());
    QByteArray pinText("2468");
    auto pinHash = CredentialHash::hashPin(SecretBytes::takeFrom(pinText), *pepper,
                                           Scrypt::Params{1u << 10, 8, 1});
    QVERIFY(pinHash.has_value());
    const auto cashier = [&](const QString& code, const QString& store) {
        return QJsonObject{{QStringLiteral("code"), code},
                           {QStringLiteral("name"), QString(QStringLiteral("Cashier ") + code)},
                           {QStringLiteral("role"), QStringLiteral("cashier")},
                           {QStringLiteral("store_ids"), QJsonArray{store}},
                           {QStringLiteral("pin_hash"), *pinHash}};
    };
    const QString cashierId = newUuid();
    ApiReply r = command(m_manager, QStringLiteral("user.create"), cashierId, 0,
                         cashier(QStringLiteral("61"), m_s1));
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(scalar("SELECT count(*) FROM pos.change_log WHERE kind = 'user' AND entity_id = $1 "
                    "AND store_id = $2::uuid",
                    {cashierId.toUtf8(), m_s1.toUtf8()}),
             1);

    const auto before = m_f->rowCounts();
    // Not in a store they do not work in; not a role as high as their own.
    r = command(m_manager, QStringLiteral("user.create"), newUuid(), 0,
                cashier(QStringLiteral("62"), m_s2));
    QCOMPARE(r.status, 403);
    QJsonObject boss = cashier(QStringLiteral("63"), m_s1);
    boss.insert(QStringLiteral("role"), QStringLiteral("manager"));
    r = command(m_manager, QStringLiteral("user.create"), newUuid(), 0, boss);
    QCOMPARE(r.status, 403);
    QVERIFY2(r.raw.contains("may not give anyone the role Manager"), qPrintable(r.describe()));
    // A cashier without a PIN cannot sign in: refused.
    QJsonObject noPin = cashier(QStringLiteral("64"), m_s1);
    noPin.remove(QStringLiteral("pin_hash"));
    r = command(m_manager, QStringLiteral("user.create"), newUuid(), 0, noPin);
    QCOMPARE(r.status, 400);
    // A PIN in plain text is no credential hash.
    QJsonObject plain = cashier(QStringLiteral("65"), m_s1);
    plain.insert(QStringLiteral("pin_hash"), QStringLiteral("2468"));
    r = command(m_manager, QStringLiteral("user.create"), newUuid(), 0, plain);
    QCOMPARE(r.status, 400);
    QVERIFY(!r.raw.contains("2468"));
    // The code is taken.
    r = command(m_manager, QStringLiteral("user.create"), newUuid(), 0,
                cashier(QStringLiteral("61"), m_s1));
    QCOMPARE(r.status, 409);
    // Not the owner's account; not one's own.
    r = command(m_manager, QStringLiteral("user.update"), m_users.owner, 1,
                {{QStringLiteral("active"), false}});
    QCOMPARE(r.status, 403);
    r = command(m_owner, QStringLiteral("user.update"), m_users.owner, 1,
                {{QStringLiteral("name"), QStringLiteral("Me")}});
    QCOMPARE(r.status, 403);
    // Moving the cashier needs stores.assign, which managers do not have by default.
    r = command(m_district, QStringLiteral("user.update"), cashierId, 1,
                {{QStringLiteral("store_ids"), QJsonArray{m_s2}}});
    QCOMPARE(r.status, 403);
    QCOMPARE(changedBesideNonces(before), QStringList());

    // The manager renames their cashier; the owner moves them to the other store.
    r = command(m_manager, QStringLiteral("user.update"), cashierId, 1,
                {{QStringLiteral("name"), QStringLiteral("Casey")}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(m_owner, QStringLiteral("user.update"), cashierId, 2,
                {{QStringLiteral("store_ids"), QJsonArray{m_s2}}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    // Both stores hear of it: the old one to drop them, the new one to add them.
    QCOMPARE(scalar("SELECT count(DISTINCT store_id) FROM pos.change_log WHERE kind = 'user' AND "
                    "entity_id = $1 AND version = 3",
                    {cashierId.toUtf8()}),
             2);
    // Now in a store that is not the manager's: theirs no more.
    r = command(m_manager, QStringLiteral("user.update"), cashierId, 3,
                {{QStringLiteral("name"), QStringLiteral("Casey B")}});
    QCOMPARE(r.status, 403);
}

void tst_commands::settingsAndRoleOverrides()
{
    const auto before = m_f->rowCounts();
    ApiReply r =
        command(m_manager, QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"), 0,
                {{QStringLiteral("value"), QStringLiteral("600")}});
    QCOMPARE(r.status, 403);
    r = command(m_owner, QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"), 0,
                {{QStringLiteral("value"), QStringLiteral("5")}});
    QCOMPARE(r.status, 400);
    r = command(m_owner, QStringLiteral("setting.set"), QStringLiteral("register_id"), 0,
                {{QStringLiteral("value"), newUuid()}});
    QCOMPARE(r.status, 400);
    QCOMPARE(changedBesideNonces(before), QStringList());

    r = command(m_owner, QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"), 0,
                {{QStringLiteral("value"), 600}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    QCOMPARE(scalar("SELECT count(*) FROM pos.change_log WHERE kind = 'setting' AND "
                    "entity_id = 'idle_lock_seconds' AND store_id IS NULL"),
             1);
    r = command(m_owner, QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"), 0,
                {{QStringLiteral("store_id"), m_s2}, {QStringLiteral("value"), 900}});
    QCOMPARE(r.status, 200);

    const QString sv = QStringLiteral("cashier:sale.void");
    r = command(
        m_owner, QStringLiteral("role_override.set"), sv, 0,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("state"), QStringLiteral("allow")}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(
        m_owner, QStringLiteral("role_override.set"), sv, 1,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("state"), QStringLiteral("inherit")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(m_f->countRows(QStringLiteral("role_overrides")), 0);
    // An edit based on the override before it went is stale; on the deletion, fine.
    r = command(
        m_owner, QStringLiteral("role_override.set"), sv, 1,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("state"), QStringLiteral("deny")}});
    QCOMPARE(r.status, 409);
    r = command(
        m_owner, QStringLiteral("role_override.set"), sv, 2,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("state"), QStringLiteral("deny")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("version")).toInteger(), 3);
    // The owner role has no overrides.
    r = command(
        m_owner, QStringLiteral("role_override.set"), QStringLiteral("owner:sale.void"), 0,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("state"), QStringLiteral("deny")}});
    QCOMPARE(r.status, 400);
}

void tst_commands::malformedCommandsWriteNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    const auto cmd = [](const QJsonObject& o) {
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    const QJsonObject good{
        {QStringLiteral("command_id"), newUuid()},
        {QStringLiteral("kind"), QStringLiteral("category.create")},
        {QStringLiteral("id"), newUuid()},
        {QStringLiteral("base_version"), 0},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Frozen")}}}};
    const auto with = [&](const char* key, const QJsonValue& v) {
        QJsonObject o = good;
        o.insert(QLatin1String(key), v);
        return cmd(o);
    };
    QTest::newRow("not JSON") << QByteArrayLiteral("{\"kind\": ");
    QTest::newRow("an array") << QByteArrayLiteral("[]");
    QTest::newRow("no command id") << with("command_id", QJsonValue());
    QTest::newRow("unknown kind") << with("kind", QStringLiteral("product.delete"));
    QTest::newRow("negative base") << with("base_version", -1);
    QTest::newRow("fractional base") << with("base_version", 1.5);
    QTest::newRow("data not an object") << with("data", QStringLiteral("Frozen"));
    QTest::newRow("unknown field")
        << with("data", QJsonObject{{QStringLiteral("name"), QStringLiteral("Frozen")},
                                    {QStringLiteral("colour"), QStringLiteral("blue")}});
    QTest::newRow("empty name") << with("data", QJsonObject{{QStringLiteral("name"), QString()}});
    QTest::newRow("control character")
        << with("data", QJsonObject{{QStringLiteral("name"), QStringLiteral("Fro\x1bzen")}});
}

void tst_commands::malformedCommandsWriteNothing()
{
    QFETCH(QByteArray, body);
    const auto before = m_f->rowCounts();
    const ApiReply r =
        m_d1->send("POST", "/v1/commands", body, RequestTamper().withSession(m_owner));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("bad_request"));
    QCOMPARE(changedBesideNonces(before), QStringList());
}

void tst_commands::anotherCompanyFindsNothing()
{
    const QByteArray theirs = signIn(*m_other, QStringLiteral("10"));
    QVERIFY(!theirs.isEmpty());
    const auto before = m_f->rowCounts();
    ApiReply r = command(theirs, QStringLiteral("product.update"), m_product, 4,
                         {{QStringLiteral("price_minor"), 1}}, newUuid(), m_other.get());
    QCOMPARE(r.status, 404);
    r = command(theirs, QStringLiteral("store_price.set"), m_product, 0,
                {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), 1}}, newUuid(),
                m_other.get());
    QCOMPARE(r.status, 403);
    QCOMPARE(changedBesideNonces(before), QStringList());
    QCOMPARE(
        scalar("SELECT price_minor FROM pos.products WHERE id = $1::uuid", {m_product.toUtf8()}),
        149);
}

void tst_commands::aDesktopsCommandClientHearsTheStaleMessage()
{
    // A desktop enrolled with its own device key (DeviceIdentity in its key store), talking
    // through the register's SyncTransport (pinned TLS 1.3, signed requests, the user's token).
    MemoryKeyStore keys;
    const QString registerId = newUuid();
    auto identity = DeviceIdentity::loadOrCreate(keys, registerId);
    QVERIFY(identity.has_value());
    TestDevice auditKeys(m_f->baseUrl(), m_f->caCertificates(), QStringLiteral("Desktop"));
    const QJsonObject enrol{
        {QStringLiteral("code"), m_f->enrolCode(m_company, m_s1)},
        {QStringLiteral("register_id"), registerId},
        {QStringLiteral("name"), QStringLiteral("Back office")},
        {QStringLiteral("signing_key"), QString::fromLatin1(auditKeys.auditPublicKey().toBase64())},
        {QStringLiteral("device_key"), QString::fromLatin1(identity->publicKey().toBase64())},
        {QStringLiteral("audit_head"),
         QJsonObject{
             {QStringLiteral("row_count"), 0},
             {QStringLiteral("head_hash"), QString::fromLatin1(QByteArray(32, '\0').toBase64())}}}};
    QNetworkAccessManager nam;
    const ApiReply enrolled = sendHttps(nam, m_f->caCertificates(), "POST", m_f->url("/v1/enrol"),
                                        {}, QJsonDocument(enrol).toJson(QJsonDocument::Compact));
    QVERIFY2(enrolled.status == 200, qPrintable(enrolled.describe()));

    SystemClock clock;
    SyncTransport transport(m_f->baseUrl(), SyncTrust{{m_f->certs().server().pin}, {}});
    transport.setIdentity(std::make_shared<const DeviceIdentity>(std::move(*identity)), m_company,
                          &clock);
    // Waits for an asynchronous answer, processing events (the transport runs in this thread).
    const auto wait = [](const bool& done) {
        QDeadlineTimer deadline(20000);
        while (!done && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    };
    bool signedIn = false;
    SyncReply session;
    transport.post(
        "/v1/session",
        QJsonDocument(QJsonObject{{QStringLiteral("user_code"), QStringLiteral("30")},
                                  {QStringLiteral("password"), QString::fromLatin1(Password)}})
            .toJson(QJsonDocument::Compact),
        [&](const SyncReply& r) {
            session = r;
            signedIn = true;
        });
    wait(signedIn);
    QVERIFY2(session.ok(), qPrintable(session.message));
    transport.setSessionToken(session.body.value(QStringLiteral("token")).toString().toLatin1());

    SequentialIdSource ids;
    CommandClient client(transport, ids);
    const auto send = [&](SyncCommand& c) {
        bool done = false;
        Result<CommandAccepted> result = fail(ErrorCode::Internal, QString());
        client.send(c, [&](Result<CommandAccepted> r) {
            result = std::move(r);
            done = true;
        });
        wait(done);
        return result;
    };
    const qint64 version =
        scalar("SELECT version FROM pos.products WHERE id = $1::uuid", {m_product.toUtf8()});
    SyncCommand rename{{},
                       QStringLiteral("product.update"),
                       m_product,
                       version,
                       {{QStringLiteral("name"), QStringLiteral("Whole milk 1l")}}};
    auto accepted = send(rename);
    QVERIFY2(accepted.has_value(), qPrintable(accepted ? QString() : accepted.error().message));
    QCOMPARE(accepted->version, version + 1);
    QVERIFY(!rename.commandId.isEmpty());
    // The answer was lost: the same command again is answered the same, not applied twice.
    auto resent = send(rename);
    QVERIFY(resent.has_value());
    QCOMPARE(resent->version, version + 1);

    SyncCommand stale{{},
                      QStringLiteral("product.update"),
                      m_product,
                      version,
                      {{QStringLiteral("price_minor"), 1}}};
    auto refused = send(stale);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY2(refused.error().message.contains(
                 QStringLiteral("Name of 'Whole milk 1l' was changed to 'Whole milk 1l' by you, in "
                                "an earlier edit (version %1); your edit was based on version %2.")
                     .arg(version + 1)
                     .arg(version)),
             qPrintable(refused.error().message));
    QCOMPARE(scalar("SELECT version FROM pos.products WHERE id = $1::uuid", {m_product.toUtf8()}),
             version + 1);
}

void tst_commands::theServerLogHoldsNoSecret()
{
    // Every request above is in the server's log by ids only: no password (right or wrong), no
    // token, no credential hash, no name or price of a command.
    const QString log = m_f->serverLog();
    QVERIFY(log.contains(QStringLiteral("pos.syncd.commands")));
    QVERIFY(log.contains(QStringLiteral("pos.syncd.session")));
    for (const QString& secret :
         {QString::fromLatin1(Password), QStringLiteral("not the password"),
          QStringLiteral("wrong guess"), QString::fromLatin1(m_owner),
          QString::fromLatin1(m_district), QString::fromLatin1(m_auditor),
          QStringLiteral("$scrypt"), QStringLiteral("Milk 1l"), QStringLiteral("MILK-1")})
        QVERIFY2(!log.contains(secret), qPrintable(secret.left(12)));
}

QTEST_GUILESS_MAIN(tst_commands)
#include "tst_commands.moc"
