// PullApplier on a register's store that was set up the way a shop sets one up (SetupService: a
// company, a store, this register and an owner with an authenticator): answers of GET /v1/pull
// built here as docs/sync.md describes them are applied, applied again, refused when stale or
// malformed (with nothing changed), and the first pull takes the register's own rows over by
// natural key. Staff who came by pull then sign in through AuthService, offline.

#include "TestStore.h"
#include "audit/AuditActions.h"
#include "auth/CredentialHash.h"
#include "auth/Totp.h"
#include "auth/TotpSeal.h"
#include "staff/AuthService.h"
#include "staff/SetupService.h"
#include "store/Database.h"
#include "sync/PullApplier.h"
#include "vault/FieldKey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pos;

namespace {

SecretBytes secret(const QByteArray& text)
{
    QByteArray copy = text;
    return SecretBytes::takeFrom(copy);
}

SecretBytes copyOf(const SecretBytes& s)
{
    return SecretBytes(s.data(), s.size());
}

const QDateTime Start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
const QString RegisterId = QStringLiteral("0b9d3c55-2f7a-4a8e-9c61-7d2e4f1a8b30");
const QByteArray Password = "correct horse battery staple";
constexpr Scrypt::Params Cheap{1u << 10, 8, 1};

// Server ids.
const QString Tax = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString Dairy = QStringLiteral("22222222-2222-4222-8222-222222222222");
const QString Milk = QStringLiteral("33333333-3333-4333-8333-333333333333");
const QString Owner = QStringLiteral("44444444-4444-4444-8444-444444444444");
const QString Cashier = QStringLiteral("55555555-5555-4555-8555-555555555555");
const QString Bread = QStringLiteral("66666666-6666-4666-8666-666666666666");

QJsonObject change(const QString& kind, const QString& id, qint64 version, const QJsonObject& data,
                   bool deleted = false)
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("id"), id},
            {QStringLiteral("version"), version},
            {QStringLiteral("deleted"), deleted},
            {QStringLiteral("data"), data}};
}

QJsonObject answer(qint64 cursor, const QJsonArray& changes, bool more = false)
{
    return {{QStringLiteral("cursor"), cursor},
            {QStringLiteral("more"), more},
            {QStringLiteral("changes"), changes}};
}

QJsonObject taxClass(const QString& code = QStringLiteral("STD"), qint64 rate = 190000)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("name"), QStringLiteral("Standard")},
            {QStringLiteral("rate_ppm"), rate},
            {QStringLiteral("inclusive"), true}};
}

QJsonObject product(const QString& sku, const QString& name, qint64 price,
                    const QJsonArray& barcodes = {}, const QJsonValue& category = QJsonValue())
{
    return {{QStringLiteral("sku"), sku},
            {QStringLiteral("name"), name},
            {QStringLiteral("price_minor"), price},
            {QStringLiteral("company_price_minor"), price},
            {QStringLiteral("store_price_version"), 0},
            {QStringLiteral("cost_minor"), 40},
            {QStringLiteral("tax_class_id"), Tax},
            {QStringLiteral("category_id"), category},
            {QStringLiteral("barcodes"), barcodes},
            {QStringLiteral("active"), true},
            {QStringLiteral("sold_by_weight"), false}};
}

QJsonObject user(const QString& code, const QString& role, const QJsonValue& pinHash,
                 const QJsonValue& passwordHash, bool active = true)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("name"), QString(QStringLiteral("Person ") + code)},
            {QStringLiteral("role"), role},
            {QStringLiteral("active"), active},
            {QStringLiteral("discount_limit_ppm"), 100000},
            {QStringLiteral("pin_hash"), pinHash},
            {QStringLiteral("password_hash"), passwordHash}};
}

struct Fixture {
    Fixture()
        : clock(Start), auth(store.db(), store.keys(), QStringLiteral("pin-pepper"), clock, ids,
                             RegisterId, cheap()),
          setup(store.db(), auth, clock, ids), applier(store.db(), store.keys(), clock)
    {
        SetupRequest r;
        r.companyName = QStringLiteral("Corner Shop Ltd");
        r.storeName = QStringLiteral("Main Street");
        r.registerName = QStringLiteral("Till 1");
        r.currency = QStringLiteral("EUR");
        r.ownerName = QStringLiteral("Olivia Owner");
        r.ownerCode = QStringLiteral("1001");
        r.ownerPassword = secret(Password);
        ownerKey = std::move(*SetupService::newTotpSecret());
        r.totpSecret = copyOf(ownerKey);
        r.totpCode = *Totp::codeAt(ownerKey, clock.nowUtc());
        auto session = setup.run(r);
        if (!session)
            qFatal("set-up failed: %s", qPrintable(session.error().message));
        ownerSession = *session;
        auto h = CredentialHash::hashPassword(secret(Password), Cheap);
        passwordHash = *h;
        auto pepper = auth.pepper();
        auto pin = CredentialHash::hashPin(secret("2468"), *pepper, Cheap);
        pinHash = *pin;
    }
    static AuthService::Options cheap()
    {
        AuthService::Options o;
        o.hashParams = Cheap;
        return o;
    }

    // What the server sends a register on its first pull: a tax class, a category, milk with a
    // barcode, the owner (who exists here already) and a cashier, an override and a setting.
    QJsonObject firstAnswer() const
    {
        return answer(
            17,
            {change(QStringLiteral("product"), Milk, 1,
                    product(QStringLiteral("MILK-1"), QStringLiteral("Milk 1l"), 99,
                            {QStringLiteral("4006381333931")}, Dairy)),
             change(QStringLiteral("tax_class"), Tax, 1, taxClass()),
             change(QStringLiteral("category"), Dairy, 1,
                    {{QStringLiteral("name"), QStringLiteral("Dairy")}}),
             change(
                 QStringLiteral("user"), Owner, 1,
                 user(QStringLiteral("1001"), QStringLiteral("owner"), QJsonValue(), passwordHash)),
             change(QStringLiteral("user"), Cashier, 1,
                    user(QStringLiteral("2001"), QStringLiteral("cashier"), pinHash, QJsonValue())),
             change(QStringLiteral("role_override"), QStringLiteral("cashier:sale.void"), 1,
                    {{QStringLiteral("role"), QStringLiteral("cashier")},
                     {QStringLiteral("permission"), QStringLiteral("sale.void")},
                     {QStringLiteral("allowed"), true}}),
             change(QStringLiteral("setting"), QStringLiteral("idle_lock_seconds"), 1,
                    {{QStringLiteral("key"), QStringLiteral("idle_lock_seconds")},
                     {QStringLiteral("value"), QStringLiteral("600")},
                     {QStringLiteral("scope"), QStringLiteral("company")}}),
             change(QStringLiteral("store"), QStringLiteral("77777777-7777-4777-8777-777777777777"),
                    1, {{QStringLiteral("name"), QStringLiteral("Main Street")}})});
    }

    QString one(const char* sql, const QString& bind = {})
    {
        auto q = store.db().query(sql);
        if (!bind.isNull())
            q->bind(1, bind);
        auto row = q->next();
        return row && *row ? q->text(0) : QString();
    }
    // Every row a pull may touch, the cursor, the audit log and the sessions: what a refused
    // pull must leave as it was.
    QString snapshot()
    {
        QString out;
        for (const char* sql :
             {"SELECT id, uuid, code, name, rate_ppm, inclusive, version FROM tax_classes",
              "SELECT id, uuid, name, version FROM categories",
              "SELECT id, uuid, sku, name, price_minor, cost_minor, tax_class_id, category_id, "
              "active, version FROM products",
              "SELECT code, product_id FROM barcodes",
              "SELECT id, uuid, code, name, role, pin_hash, password_hash, hex(totp_secret), "
              "active, lockout, version FROM users",
              "SELECT user_id, store_id FROM user_stores", "SELECT * FROM role_overrides",
              "SELECT * FROM settings", "SELECT * FROM sync_state",
              "SELECT register_id, seq, action FROM audit_log",
              "SELECT id, ended_at FROM sessions"}) {
            auto q = store.db().query(sql);
            if (!q)
                return q.error().message;
            (void)q->forEach([&] {
                for (int i = 0; i < 11; ++i)
                    out += q->text(i) + u'|';
                out += u'\n';
            });
            out += QStringLiteral("--\n");
        }
        return out;
    }
    qint64 pulledRows()
    {
        return one("SELECT count(*) FROM audit_log WHERE action = ?1", auditaction::SyncPulled)
            .toLongLong();
    }
    Result<Session> ownerSignIn()
    {
        clock.advanceSecs(30);
        return auth.signIn(QStringLiteral("1001"), secret(Password),
                           *Totp::codeAt(ownerKey, clock.nowUtc()));
    }

    test::TestStore store;
    ManualClock clock;
    SequentialIdSource ids;
    AuthService auth;
    SetupService setup;
    PullApplier applier;
    SecretBytes ownerKey;
    Session ownerSession;
    QString passwordHash;
    QString pinHash;
};

} // namespace

class tst_pullapplier : public QObject {
    Q_OBJECT

private slots:
    void appliesAnAnswerInOneGo();
    void reapplyingChangesNothing();
    void staleCursorIsRefused();
    void malformedAnswerAppliesNothing_data();
    void malformedAnswerAppliesNothing();
    void firstPullTakesOverLocalRowsByNaturalKey();
    void pulledStaffSignInHere();
    void serverChangesEndSessionsAndRemovalsApply();
    void swappedKeysEndUpRight();
    void onlySyncedSettingsAreTaken();
};

void tst_pullapplier::appliesAnAnswerInOneGo()
{
    Fixture f;
    QCOMPARE(*f.applier.cursor(), 0);
    const qint64 before = f.pulledRows();
    auto s = f.applier.apply(f.firstAnswer(), 0);
    QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->cursor, 17);
    QCOMPARE(s->taxClasses, 1);
    QCOMPARE(s->categories, 1);
    QCOMPARE(s->products, 1);
    QCOMPARE(s->users, 2);
    QCOMPARE(s->roleOverrides, 1);
    QCOMPARE(s->settings, 1);
    QCOMPARE(s->adopted, 1); // the owner made at set-up
    QCOMPARE(*f.applier.cursor(), 17);
    QCOMPARE(f.one("SELECT p.name || '/' || t.uuid || '/' || c.name FROM products p "
                   "JOIN tax_classes t ON t.id = p.tax_class_id "
                   "JOIN categories c ON c.id = p.category_id WHERE p.uuid = ?1",
                   Milk),
             QStringLiteral("Milk 1l/") + Tax + QStringLiteral("/Dairy"));
    QCOMPARE(f.one("SELECT p.uuid FROM barcodes b JOIN products p ON p.id = b.product_id "
                   "WHERE b.code = ?1",
                   QStringLiteral("4006381333931")),
             Milk);
    QCOMPARE(f.one("SELECT role FROM users WHERE uuid = ?1", Cashier), QStringLiteral("cashier"));
    QCOMPARE(f.one("SELECT count(*) FROM user_stores us JOIN users u ON u.id = us.user_id "
                   "WHERE u.uuid = ?1",
                   Cashier),
             QStringLiteral("1"));
    QCOMPARE(f.one("SELECT allowed FROM role_overrides WHERE role = 'cashier' AND permission = ?1",
                   QStringLiteral("sale.void")),
             QStringLiteral("1"));
    QCOMPARE(*f.auth.idleLockSeconds(), 600);
    // One audit row counts it all (never a name, code or hash).
    QCOMPARE(f.pulledRows(), before + 1);
    const QJsonObject after =
        QJsonDocument::fromJson(
            f.one("SELECT after_json FROM audit_log WHERE action = ?1", auditaction::SyncPulled)
                .toUtf8())
            .object();
    QCOMPARE(after.value(QStringLiteral("cursor")).toInteger(), 17);
    QCOMPARE(after.value(QStringLiteral("users")).toInteger(), 2);
    QCOMPARE(after.value(QStringLiteral("adopted")).toInteger(), 1);
    QVERIFY(!QJsonDocument(after).toJson().contains("scrypt"));
    QVERIFY(!QJsonDocument(after).toJson().contains("2001"));
}

void tst_pullapplier::reapplyingChangesNothing()
{
    Fixture f;
    QVERIFY(f.applier.apply(f.firstAnswer(), 0).has_value());
    const QString before = f.snapshot();
    // The same answer again (as after a crash between commit and the next request): harmless.
    auto s = f.applier.apply(f.firstAnswer(), 17);
    QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->total(), 0);
    QCOMPARE(f.snapshot(), before); // not even an audit row
    // An empty page moves the cursor and nothing else.
    s = f.applier.apply(answer(20, {}), 17);
    QVERIFY(s.has_value());
    QCOMPARE(*f.applier.cursor(), 20);
}

void tst_pullapplier::staleCursorIsRefused()
{
    Fixture f;
    QVERIFY(f.applier.apply(f.firstAnswer(), 0).has_value());
    const QString before = f.snapshot();
    // An answer to a request made from cursor 0 arrives after the register moved to 17.
    QJsonObject late = f.firstAnswer();
    late.insert(QStringLiteral("cursor"), 12);
    auto s = f.applier.apply(late, 0);
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().code, ErrorCode::Conflict);
    QVERIFY2(s.error().message.contains(QStringLiteral("at 17")), qPrintable(s.error().message));
    // An answer whose cursor is behind the one asked for.
    s = f.applier.apply(answer(10, {}), 17);
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().code, ErrorCode::InvalidInput);
    QCOMPARE(f.snapshot(), before);
}

void tst_pullapplier::malformedAnswerAppliesNothing_data()
{
    QTest::addColumn<QJsonObject>("response");
    const QJsonObject goodTax = change(QStringLiteral("tax_class"), Tax, 1, taxClass());
    const auto withBad = [&](const QJsonObject& bad) {
        return answer(5, {goodTax, bad});
    };
    QJsonObject noPrice = product(QStringLiteral("B"), QStringLiteral("Bread"), 1);
    noPrice.remove(QStringLiteral("price_minor"));
    QJsonObject negative = product(QStringLiteral("B"), QStringLiteral("Bread"), -5);
    QJsonObject badBarcode =
        product(QStringLiteral("B"), QStringLiteral("Bread"), 5, {QStringLiteral("12 34")});
    QJsonObject otherTax = product(QStringLiteral("B"), QStringLiteral("Bread"), 5);
    otherTax.insert(QStringLiteral("tax_class_id"),
                    QStringLiteral("99999999-9999-4999-8999-999999999999"));
    QJsonObject unknownCategory = product(QStringLiteral("B"), QStringLiteral("Bread"), 5, {},
                                          QStringLiteral("88888888-8888-4888-8888-888888888888"));

    QTest::newRow("no cursor") << QJsonObject{{QStringLiteral("more"), false},
                                              {QStringLiteral("changes"), QJsonArray{goodTax}}};
    QTest::newRow("changes not a list")
        << QJsonObject{{QStringLiteral("cursor"), 5},
                       {QStringLiteral("more"), false},
                       {QStringLiteral("changes"), QStringLiteral("all of them")}};
    QTest::newRow("entry without data")
        << withBad({{QStringLiteral("kind"), QStringLiteral("product")},
                    {QStringLiteral("id"), Bread},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("deleted"), false}});
    QTest::newRow("product without price")
        << withBad(change(QStringLiteral("product"), Bread, 1, noPrice));
    QTest::newRow("negative price")
        << withBad(change(QStringLiteral("product"), Bread, 1, negative));
    QTest::newRow("bad barcode") << withBad(
        change(QStringLiteral("product"), Bread, 1, badBarcode));
    QTest::newRow("unknown tax class")
        << withBad(change(QStringLiteral("product"), Bread, 1, otherTax));
    QTest::newRow("unknown category")
        << withBad(change(QStringLiteral("product"), Bread, 1, unknownCategory));
    QTest::newRow("user without credentials") << withBad(change(
        QStringLiteral("user"), Cashier, 1,
        user(QStringLiteral("2001"), QStringLiteral("cashier"), QJsonValue(), QJsonValue())));
    QTest::newRow("user with a bad role") << withBad(change(
        QStringLiteral("user"), Cashier, 1,
        user(QStringLiteral("2001"), QStringLiteral("boss"), QStringLiteral("x"), QJsonValue())));
    QTest::newRow("override for owners")
        << withBad(change(QStringLiteral("role_override"), QStringLiteral("owner:sale.void"), 1,
                          {{QStringLiteral("allowed"), false}}));
    QTest::newRow("idle lock of 5 seconds")
        << withBad(change(QStringLiteral("setting"), QStringLiteral("idle_lock_seconds"), 1,
                          {{QStringLiteral("value"), QStringLiteral("5")}}));
    QTest::newRow("fractional version") << answer(
        5,
        {goodTax, QJsonObject{{QStringLiteral("kind"), QStringLiteral("category")},
                              {QStringLiteral("id"), Dairy},
                              {QStringLiteral("version"), 1.5},
                              {QStringLiteral("deleted"), false},
                              {QStringLiteral("data"),
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("Dairy")}}}}});
}

void tst_pullapplier::malformedAnswerAppliesNothing()
{
    QFETCH(QJsonObject, response);
    Fixture f;
    const QString before = f.snapshot();
    auto s = f.applier.apply(response, 0);
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().code, ErrorCode::InvalidInput);
    QVERIFY2(s.error().message.contains(QStringLiteral("Nothing was applied")),
             qPrintable(s.error().message));
    QCOMPARE(f.snapshot(), before); // not even the good tax class before it
    // Bytes that are not JSON at all.
    s = f.applier.apply(QByteArrayLiteral("{\"cursor\": 5, "), 0);
    QVERIFY(!s.has_value());
    QCOMPARE(f.snapshot(), before);
}

void tst_pullapplier::firstPullTakesOverLocalRowsByNaturalKey()
{
    Fixture f;
    // Before enrolment the shop had its own tax class, category and product, sold once.
    const TaxClass std = f.store.addTaxClass(QStringLiteral("STD"), 200000, true);
    const Product milk = f.store.addProduct(QStringLiteral("MILK-1"), QStringLiteral("Milk"), 95,
                                            std, QStringLiteral("4006381333931"));
    QVERIFY(f.store.db().exec("INSERT INTO categories (name) VALUES ('Dairy')").has_value());
    const QString ownerId = f.one("SELECT id FROM users WHERE code = ?1", QStringLiteral("1001"));
    const QString ownerUuidBefore =
        f.one("SELECT uuid FROM users WHERE code = ?1", QStringLiteral("1001"));
    QVERIFY(ownerUuidBefore != Owner);

    auto s = f.applier.apply(f.firstAnswer(), 0);
    QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->adopted, 4); // tax class, category, product, owner
    // Same local rows (old sales still point at them), now the server's: uuid, version, values.
    QCOMPARE(f.one("SELECT id FROM tax_classes WHERE uuid = ?1", Tax), QString::number(std.id));
    QCOMPARE(f.one("SELECT rate_ppm FROM tax_classes WHERE uuid = ?1", Tax),
             QStringLiteral("190000"));
    QCOMPARE(f.one("SELECT id FROM products WHERE uuid = ?1", Milk), QString::number(milk.id));
    QCOMPARE(f.one("SELECT price_minor || '/' || version FROM products WHERE uuid = ?1", Milk),
             QStringLiteral("99/1"));
    QCOMPARE(f.one("SELECT count(*) FROM products"), QStringLiteral("1"));
    QCOMPARE(f.one("SELECT count(*) FROM categories"), QStringLiteral("1"));
    QCOMPARE(f.one("SELECT id FROM users WHERE uuid = ?1", Owner), ownerId);

    // The owner's authenticator came along: it was sealed for the old uuid and is re-sealed for
    // the server's; the password is now the server's.
    auto key = FieldKey::read(f.store.keys(), FieldKey::nameFor(f.store.path()));
    QVERIFY(key.has_value());
    auto q = f.store.db().query("SELECT totp_secret FROM users WHERE uuid = ?1");
    q->bind(1, Owner);
    QVERIFY(*q->next());
    const QByteArray sealed = q->blob(0);
    QVERIFY(TotpSeal::open(*key, Owner, sealed).has_value());
    QVERIFY(!TotpSeal::open(*key, ownerUuidBefore, sealed).has_value());
    auto session = f.ownerSignIn();
    QVERIFY2(session.has_value(), qPrintable(session ? QString() : session.error().message));
}

void tst_pullapplier::pulledStaffSignInHere()
{
    Fixture f;
    QVERIFY(f.applier.apply(f.firstAnswer(), 0).has_value());
    // The cashier exists only on the server: the PIN hash came with the pull (made with this
    // register's pepper) and works offline.
    auto cashier = f.auth.signIn(QStringLiteral("2001"), secret("2468"));
    QVERIFY2(cashier.has_value(), qPrintable(cashier ? QString() : cashier.error().message));
    QCOMPARE(cashier->role, Role::Cashier);
    // An owner who came by pull has no authenticator here: TOTP secrets never travel, so they
    // cannot sign in at this register (AUTH-2) until they enrol one here.
    QVERIFY(f.applier
                .apply(answer(18, {change(QStringLiteral("user"),
                                          QStringLiteral("abababab-abab-4bab-8bab-abababababab"), 1,
                                          user(QStringLiteral("1002"), QStringLiteral("owner"),
                                               QJsonValue(), f.passwordHash))}),
                       17)
                .has_value());
    f.clock.advanceSecs(30);
    auto second = f.auth.signIn(QStringLiteral("1002"), secret(Password),
                                *Totp::codeAt(f.ownerKey, f.clock.nowUtc()));
    QVERIFY(!second.has_value());
}

void tst_pullapplier::serverChangesEndSessionsAndRemovalsApply()
{
    Fixture f;
    QVERIFY(f.applier.apply(f.firstAnswer(), 0).has_value());
    auto cashier = f.auth.signIn(QStringLiteral("2001"), secret("2468"));
    QVERIFY(cashier.has_value());
    // The cashier is made a manager on the server: their session here ends.
    QJsonObject promoted =
        user(QStringLiteral("2001"), QStringLiteral("manager"), f.pinHash, f.passwordHash);
    auto s =
        f.applier.apply(answer(18, {change(QStringLiteral("user"), Cashier, 2, promoted)}), 17);
    QVERIFY(s.has_value());
    QCOMPARE(s->users, 1);
    QCOMPARE(f.one("SELECT count(*) FROM sessions WHERE uuid = ?1 AND ended_at IS NOT NULL",
                   cashier->id.toString(QUuid::WithoutBraces)),
             QStringLiteral("1"));
    QCOMPARE(f.one("SELECT role || '/' || version FROM users WHERE uuid = ?1", Cashier),
             QStringLiteral("manager/2"));

    // They move to another store, the override goes back to the default, the setting is
    // removed, milk is taken off sale.
    QJsonObject milkOff = product(QStringLiteral("MILK-1"), QStringLiteral("Milk 1l"), 99,
                                  {QStringLiteral("4006381333931")}, Dairy);
    milkOff.insert(QStringLiteral("active"), false);
    s = f.applier.apply(answer(25, {change(QStringLiteral("user"), Cashier, 3, {}, true),
                                    change(QStringLiteral("role_override"),
                                           QStringLiteral("cashier:sale.void"), 2, {}, true),
                                    change(QStringLiteral("setting"),
                                           QStringLiteral("idle_lock_seconds"), 2, {}, true),
                                    change(QStringLiteral("product"), Milk, 2, milkOff, true)}),
                        18);
    QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->removed, 4);
    QCOMPARE(f.one("SELECT count(*) FROM user_stores us JOIN users u ON u.id = us.user_id "
                   "WHERE u.uuid = ?1",
                   Cashier),
             QStringLiteral("0"));
    auto refused = f.auth.signIn(QStringLiteral("2001"), secret("2468"));
    QVERIFY(!refused.has_value());
    QCOMPARE(f.one("SELECT count(*) FROM role_overrides"), QStringLiteral("0"));
    QCOMPARE(*f.auth.idleLockSeconds(), 300); // the default again
    QCOMPARE(f.one("SELECT active FROM products WHERE uuid = ?1", Milk), QStringLiteral("0"));
}

void tst_pullapplier::swappedKeysEndUpRight()
{
    Fixture f;
    QVERIFY(f.applier.apply(f.firstAnswer(), 0).has_value());
    QVERIFY(f.applier
                .apply(answer(18, {change(QStringLiteral("product"), Bread, 1,
                                          product(QStringLiteral("BREAD"), QStringLiteral("Bread"),
                                                  250))}),
                       17)
                .has_value());
    // On the server the two SKUs were swapped (through a third name); one page brings both.
    auto s = f.applier.apply(
        answer(30, {change(QStringLiteral("product"), Milk, 2,
                           product(QStringLiteral("BREAD"), QStringLiteral("Milk 1l"), 99)),
                    change(QStringLiteral("product"), Bread, 2,
                           product(QStringLiteral("MILK-1"), QStringLiteral("Bread"), 250))}),
        18);
    QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(f.one("SELECT sku FROM products WHERE uuid = ?1", Milk), QStringLiteral("BREAD"));
    QCOMPARE(f.one("SELECT sku FROM products WHERE uuid = ?1", Bread), QStringLiteral("MILK-1"));
    // Milk's barcode went with its old list: the server's list is empty now.
    QCOMPARE(f.one("SELECT count(*) FROM barcodes"), QStringLiteral("0"));
}

void tst_pullapplier::onlySyncedSettingsAreTaken()
{
    Fixture f;
    const QString registerBefore =
        f.one("SELECT value FROM settings WHERE key = ?1", QStringLiteral("register_id"));
    auto s = f.applier.apply(
        answer(3, {change(QStringLiteral("setting"), QStringLiteral("register_id"), 1,
                          {{QStringLiteral("value"), QStringLiteral("someone-else")}}),
                   change(QStringLiteral("setting"), QStringLiteral("currency"), 1,
                          {{QStringLiteral("value"), QStringLiteral("USD")}})}),
        0);
    QVERIFY(s.has_value());
    QCOMPARE(s->total(), 0);
    QCOMPARE(f.one("SELECT value FROM settings WHERE key = ?1", QStringLiteral("register_id")),
             registerBefore);
    QCOMPARE(f.one("SELECT value FROM settings WHERE key = ?1", QStringLiteral("currency")),
             QStringLiteral("EUR"));
}

QTEST_GUILESS_MAIN(tst_pullapplier)
#include "tst_pullapplier.moc"
