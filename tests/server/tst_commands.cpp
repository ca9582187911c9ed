// POST /v1/session and POST /v1/commands against the real pos-syncd over TLS 1.3 on loopback and
// a throw-away PostgreSQL (SyncdFixture): users sign in at an enrolled register and edit the
// server-authoritative catalog, store prices, staff, settings and role overrides the way an
// owner's or manager's desktop does. What the server stored is read back as the superuser.

#include "SyncdFixture.h"
#include "auth/CredentialHash.h"
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

const QByteArray Password = QByteArrayLiteral("correct horse battery 7");

struct Users {
    QString owner, manager, district, auditor, locked;
};

} // namespace

class tst_commands : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void signInGivesATokenForTheUsersStores();
    void wrongSecretsAreRefusedAlikeAndWriteNothing();
    void repeatedFailuresLockTheUserCode();
    void aUserCodeIsCheckedOneSignInAtATime();
    void aCommandNeedsASignedInUser();
    void catalogCommandsAndAResentCommandId();
    void staleEditIsRefusedNamingWhatChanged();
    void managerCannotSetAnotherStoresPrice();
    void auditorCannotEditTheCatalog();
    void staffFollowTheStaffRules();
    void deactivatedUserLosesTheSession();
    void settingsAndRoleOverrides();
    void malformedCommandsWriteNothing_data();
    void malformedCommandsWriteNothing();
    void anotherCompanyFindsNothing();
    void aDesktopsCommandClientHearsTheStaleMessage();
    void theServerLogHoldsNoSecret();

private:
    ApiReply command(const QByteArray& token, const QString& kind, const QString& id, qint64 base,
                     const QJsonObject& data, const QString& commandId = newUuid(),
                     TestDevice* device = nullptr);
    QByteArray signIn(TestDevice& device, const QString& code);
    qint64 scalar(const QByteArray& sql, const QList<QByteArray>& params = {});
    QStringList changedBesideNonces(const QMap<QString, qint64>& before);

    std::unique_ptr<SyncdFixture> m_f;
    QString m_company, m_s1, m_s2, m_otherCompany;
    Users m_users;
    std::unique_ptr<TestDevice> m_d1, m_d2, m_other;
    QByteArray m_owner, m_manager, m_district, m_auditor;
    QString m_tax, m_category, m_product;
};

void tst_commands::initTestCase()
{
    m_f = std::make_unique<SyncdFixture>();
    QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
    QVERIFY2(m_f->start(), qPrintable(m_f->error()));
    m_company = m_f->createCompany(QStringLiteral("Corner Shops"));
    m_s1 = m_f->createStore(m_company, QStringLiteral("High Street"));
    m_s2 = m_f->createStore(m_company, QStringLiteral("Station"));
    m_otherCompany = m_f->createCompany(QStringLiteral("Other Co"));
    const QString otherStore = m_f->createStore(m_otherCompany, QStringLiteral("Elsewhere"));
    QVERIFY2(!m_s2.isEmpty() && !otherStore.isEmpty(), qPrintable(m_f->error()));
    // The owners by the admin command (its password hash costs what the policy says).
    m_users.owner =
        m_f->createUser(m_company, QStringLiteral("10"), QStringLiteral("owner"), Password);
    QVERIFY2(!m_users.owner.isEmpty(), qPrintable(m_f->error()));
    QVERIFY(
        !m_f->createUser(m_otherCompany, QStringLiteral("10"), QStringLiteral("owner"), Password)
             .isEmpty());
    m_d1 = m_f->enrolDevice(m_company, m_s1, QStringLiteral("Till 1"));
    m_d2 = m_f->enrolDevice(m_company, m_s2, QStringLiteral("Till 2"));
    m_other = m_f->enrolDevice(m_otherCompany, otherStore, QStringLiteral("Their till"));
    QVERIFY2(m_d1 && m_d2 && m_other, qPrintable(m_f->error()));
    m_owner = signIn(*m_d1, QStringLiteral("10"));
    QVERIFY(!m_owner.isEmpty());
    // Everyone else by the owner's user.create, with password hashes made on the desktop (cheap
    // parameters here, so the many sign-ins below stay quick).
    auto hash = CredentialHash::hashPassword(
        [] {
            QByteArray copy = Password;
            return SecretBytes::takeFrom(copy);
        }(),
        Scrypt::Params{1u << 10, 8, 1});
    QVERIFY(hash.has_value());
    const auto user = [&](const char* code, const char* role, const QStringList& stores) {
        const QString id = newUuid();
        QJsonArray storeIds;
        for (const QString& st : stores)
            storeIds.append(st);
        const ApiReply r = command(m_owner, QStringLiteral("user.create"), id, 0,
                                   {{QStringLiteral("code"), QString::fromLatin1(code)},
                                    {QStringLiteral("name"), QString::fromLatin1(code)},
                                    {QStringLiteral("role"), QString::fromLatin1(role)},
                                    {QStringLiteral("store_ids"), storeIds},
                                    {QStringLiteral("password_hash"), *hash}});
        if (r.status != 200)
            qWarning("user.create: %s", qPrintable(r.describe()));
        return r.status == 200 ? id : QString();
    };
    m_users.manager = user("20", "manager", {m_s1});
    m_users.district = user("30", "manager", {m_s1, m_s2});
    m_users.auditor = user("40", "auditor", {m_s1});
    m_users.locked = user("50", "manager", {m_s1});
    QVERIFY(!m_users.locked.isEmpty());
    m_manager = signIn(*m_d1, QStringLiteral("20"));
    m_district = signIn(*m_d2, QStringLiteral("30"));
    m_auditor = signIn(*m_d1, QStringLiteral("40"));
    QVERIFY(!m_manager.isEmpty() && !m_district.isEmpty() && !m_auditor.isEmpty());

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
    m_d1.reset();
    m_d2.reset();
    m_other.reset();
    m_f.reset();
}

QByteArray tst_commands::signIn(TestDevice& device, const QString& code)
{
    const ApiReply r = device.signIn(code, QString::fromLatin1(Password));
    device.signOut(); // tokens are passed per request below
    if (r.status != 200) {
        qWarning("sign-in of %s: %s", qPrintable(code), qPrintable(r.describe()));
        return {};
    }
    return r.body.value(QStringLiteral("token")).toString().toLatin1();
}

ApiReply tst_commands::command(const QByteArray& token, const QString& kind, const QString& id,
                               qint64 base, const QJsonObject& data, const QString& commandId,
                               TestDevice* device)
{
    const QJsonObject body{{QStringLiteral("command_id"), commandId},
                           {QStringLiteral("kind"), kind},
                           {QStringLiteral("id"), id},
                           {QStringLiteral("base_version"), base},
                           {QStringLiteral("data"), data}};
    TestDevice& d = device ? *device : (token == m_district ? *m_d2 : *m_d1);
    return d.post("/v1/commands", body, RequestTamper().withSession(token));
}

qint64 tst_commands::scalar(const QByteArray& sql, const QList<QByteArray>& params)
{
    auto r = m_f->cluster().superuser()->exec(sql, params);
    return r && r->rows() == 1 && !r->isNull(0, 0) ? r->integer(0, 0) : -1;
}

QStringList tst_commands::changedBesideNonces(const QMap<QString, qint64>& before)
{
    QStringList out = SyncdFixture::changedTables(before, m_f->rowCounts());
    out.removeIf([](const QString& line) { return line.startsWith(u"request_nonces:"); });
    return out;
}

void tst_commands::signInGivesATokenForTheUsersStores()
{
    ApiReply r = m_d2->signIn(QStringLiteral("10"), QString::fromLatin1(Password));
    m_d2->signOut();
    QCOMPARE(r.status, 200);
    const QString token = r.body.value(QStringLiteral("token")).toString();
    QCOMPARE(token.size(), 43); // 32 bytes, base64url without padding
    QCOMPARE(r.body.value(QStringLiteral("role")).toString(), QStringLiteral("owner"));
    QCOMPARE(r.body.value(QStringLiteral("user_id")).toString(), m_users.owner);
    QStringList stores;
    for (const QJsonValue& s : r.body.value(QStringLiteral("store_ids")).toArray())
        stores.append(s.toString());
    stores.sort();
    QStringList expected{m_s1, m_s2};
    expected.sort();
    QCOMPARE(stores, expected); // an owner: every store of the company
    const QDateTime expires =
        QDateTime::fromString(r.body.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 12 * 3600) < 120);
    // Only the token's hash is stored, bound to this register.
    QCOMPARE(scalar("SELECT count(*) FROM pos.user_tokens WHERE token_hash = $1::bytea AND "
                    "device_id = $2::uuid",
                    {"\\x" + sha256(token.toLatin1()).toHex(), m_d2->registerId().toUtf8()}),
             1);

    // A manager of the High Street store only may not start a session at the Station's till.
    r = m_d2->signIn(QStringLiteral("20"), QString::fromLatin1(Password));
    m_d2->signOut();
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
}

void tst_commands::wrongSecretsAreRefusedAlikeAndWriteNothing()
{
    const auto before = m_f->rowCounts();
    const ApiReply wrong = m_d1->signIn(QStringLiteral("30"), QStringLiteral("not the password"));
    const ApiReply unknown = m_d1->signIn(QStringLiteral("99"), QString::fromLatin1(Password));
    m_d1->signOut();
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("unauthenticated"));
    QCOMPARE(wrong.raw, unknown.raw); // nothing tells an unknown code from a wrong password
    QVERIFY(!wrong.raw.contains("not the password"));
    const ApiReply malformed =
        m_d1->post("/v1/session", {{QStringLiteral("user_code"), QStringLiteral("x")}});
    QCOMPARE(malformed.status, 400);
    QCOMPARE(changedBesideNonces(before), QStringList());
}

void tst_commands::repeatedFailuresLockTheUserCode()
{
    // AUTH-3 on the server: the fifth failure in a row locks the code for a while, and then
    // even the right password waits.
    QList<int> statuses;
    for (int i = 0; i < 5; ++i)
        statuses.append(
            m_d1->signIn(QStringLiteral("50"), QStringLiteral("wrong guess %1").arg(i)).status);
    QCOMPARE(statuses, (QList<int>{401, 401, 401, 401, 429}));
    const ApiReply right = m_d1->signIn(QStringLiteral("50"), QString::fromLatin1(Password));
    m_d1->signOut();
    QCOMPARE(right.status, 429);
    QCOMPARE(right.errorCode(), QStringLiteral("locked"));
    QVERIFY2(right.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QStringLiteral("seconds")),
             qPrintable(right.describe()));
    // Another user code is not held up by it.
    QVERIFY(!signIn(*m_d1, QStringLiteral("40")).isEmpty());
}

void tst_commands::aUserCodeIsCheckedOneSignInAtATime()
{
    // pos-syncd carries requests out on several threads. Guesses sent all at once must not all be
    // checked before the first failure counts: while one sign-in for a user code is being
    // checked, another for the same code is refused without being checked.
    auto lock = m_f->directSql();
    QVERIFY2(lock, qPrintable(lock ? QString() : lock.error().message));
    QVERIFY(lock->begin());
    QVERIFY(lock->exec("LOCK TABLE pos.users IN ACCESS EXCLUSIVE MODE"));
    const auto waiting = [&] {
        // pos-syncd's backends only (autovacuum never waits for a lock).
        auto n = lock->exec("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                            "WHERE NOT l.granted AND l.relation = 'pos.users'::regclass AND "
                            "a.usename = $1",
                            {m_f->appLogin().toUtf8()});
        return n ? n->integer(0, 0) : -1;
    };
    const QByteArray rightOne =
        QJsonDocument(QJsonObject{{QStringLiteral("user_code"), QStringLiteral("40")},
                                  {QStringLiteral("password"), QString::fromLatin1(Password)}})
            .toJson(QJsonDocument::Compact);
    QNetworkReply* first = m_d1->start("POST", "/v1/session", rightOne);
    QTRY_COMPARE_WITH_TIMEOUT(waiting(), qint64(1), 15000); // held up reading pos.users

    const ApiReply guess = m_d1->signIn(QStringLiteral("40"), QStringLiteral("a parallel guess"));
    QCOMPARE(guess.status, 429);
    QCOMPARE(guess.errorCode(), QStringLiteral("locked"));
    QVERIFY2(guess.raw.contains("already being checked"), qPrintable(guess.describe()));
    QVERIFY(!first->isFinished());

    QVERIFY(lock->rollback());
    const ApiReply signedIn = finishHttps(first);
    QVERIFY2(signedIn.status == 200, qPrintable(signedIn.describe()));
    // The refused guess was not counted as a failure: the right password still works.
    QVERIFY(!signIn(*m_d1, QStringLiteral("40")).isEmpty());
    m_d1->signOut();
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

void tst_commands::deactivatedUserLosesTheSession()
{
    const QByteArray token = signIn(*m_d1, QStringLiteral("20"));
    QVERIFY(!token.isEmpty());
    ApiReply r = command(m_owner, QStringLiteral("user.update"), m_users.manager, 1,
                         {{QStringLiteral("active"), false}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(token, QStringLiteral("category.create"), newUuid(), 0,
                {{QStringLiteral("name"), QStringLiteral("Snacks")}});
    QCOMPARE(r.status, 401);
    QCOMPARE(scalar("SELECT count(*) FROM pos.user_tokens WHERE user_id = $1::uuid",
                    {m_users.manager.toUtf8()}),
             0);
    r = m_d1->signIn(QStringLiteral("20"), QString::fromLatin1(Password));
    m_d1->signOut();
    QCOMPARE(r.status, 403);
    r = command(m_owner, QStringLiteral("user.update"), m_users.manager, 2,
                {{QStringLiteral("active"), true}});
    QCOMPARE(r.status, 200);
    m_manager = signIn(*m_d1, QStringLiteral("20"));
    QVERIFY(!m_manager.isEmpty());
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
