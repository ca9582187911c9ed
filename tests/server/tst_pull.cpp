// GET /v1/pull against the real pos-syncd over TLS 1.3 on loopback and a throw-away PostgreSQL
// (SyncdFixture): what each register's store sees of the catalog, store prices, staff, role
// overrides and settings an owner edits through commands, page by page from a cursor, and what a
// register's store holds after PullApplier has applied it; and a cashier's PIN set on the owner's
// desktop works on a till of another store once it has pulled her (the company's PIN pepper).

#include "SyncdFixture.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "audit/AuditLog.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/RegisterSettings.h"
#include "sync/Enrolment.h"
#include "sync/PullApplier.h"
#include "sync/SyncEngine.h"
#include "sync/SyncTimer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QByteArray Password = QByteArrayLiteral("correct horse battery 7");

struct Pulled {
    int status = 0;
    qint64 cursor = 0;
    bool more = false;
    QMap<QString, QJsonObject> changes; // "<kind>/<id>" -> the change
    QList<QString> order;
    QJsonObject body;
};

} // namespace

class tst_pull : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void eachStoreSeesItsOwnView();
    void pagesFollowTheCursor();
    void onlyWhatChangedAfterTheCursor();
    void removalsComeAsDeleted();
    void anotherCompanySeesNothing();
    void badCursorOrLimitIsRefused_data();
    void badCursorOrLimitIsRefused();
    void aRegisterAppliesWhatItPulls();
    void aPinSetOnOneRegisterWorksOnAnother();

private:
    Pulled pull(TestDevice& device, qint64 cursor = 0, int limit = 0);
    ApiReply command(const QString& kind, const QString& id, qint64 base, const QJsonObject& data);

    std::unique_ptr<SyncdFixture> m_f;
    QString m_company, m_s1, m_s2, m_owner, m_manager, m_cashier;
    std::unique_ptr<TestDevice> m_d1, m_d2, m_other;
    QByteArray m_token;
    QString m_tax, m_dairy, m_milk, m_bread;
};

void tst_pull::initTestCase()
{
    m_f = std::make_unique<SyncdFixture>();
    QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
    QVERIFY2(m_f->start(), qPrintable(m_f->error()));
    m_company = m_f->createCompany(QStringLiteral("Corner Shops"));
    m_s1 = m_f->createStore(m_company, QStringLiteral("High Street"));
    m_s2 = m_f->createStore(m_company, QStringLiteral("Station"));
    m_owner = m_f->createUser(m_company, QStringLiteral("10"), QStringLiteral("owner"), Password);
    m_manager = m_f->createUser(m_company, QStringLiteral("20"), QStringLiteral("manager"),
                                Password, {m_s1});
    m_cashier = m_f->createUser(m_company, QStringLiteral("30"), QStringLiteral("cashier"),
                                Password, {m_s2});
    const QString other = m_f->createCompany(QStringLiteral("Other Co"));
    const QString otherStore = m_f->createStore(other, QStringLiteral("Elsewhere"));
    QVERIFY2(!m_cashier.isEmpty() && !otherStore.isEmpty(), qPrintable(m_f->error()));
    QVERIFY(
        !m_f->createUser(other, QStringLiteral("10"), QStringLiteral("owner"), Password).isEmpty());
    m_d1 = m_f->enrolDevice(m_company, m_s1, QStringLiteral("Till 1"));
    m_d2 = m_f->enrolDevice(m_company, m_s2, QStringLiteral("Till 2"));
    m_other = m_f->enrolDevice(other, otherStore, QStringLiteral("Their till"));
    QVERIFY2(m_d1 && m_d2 && m_other, qPrintable(m_f->error()));
    const ApiReply in = m_d1->signIn(QStringLiteral("10"), QString::fromLatin1(Password));
    m_d1->signOut();
    QVERIFY2(in.status == 200, qPrintable(in.describe()));
    m_token = in.body.value(QStringLiteral("token")).toString().toLatin1();

    // The owner's catalog: a tax class, a category, milk (with a High Street price) and bread;
    // the idle lock for the company and for the Station; cashiers may void sales at High Street.
    m_tax = newUuid();
    m_dairy = newUuid();
    m_milk = newUuid();
    m_bread = newUuid();
    const QList<std::tuple<QString, QString, QJsonObject>> steps{
        {QStringLiteral("tax_class.create"), m_tax,
         QJsonObject{{QStringLiteral("code"), QStringLiteral("STD")},
                     {QStringLiteral("name"), QStringLiteral("Standard")},
                     {QStringLiteral("rate_ppm"), 190000},
                     {QStringLiteral("inclusive"), true}}},
        {QStringLiteral("category.create"), m_dairy,
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Dairy")}}},
        {QStringLiteral("product.create"), m_milk,
         QJsonObject{{QStringLiteral("sku"), QStringLiteral("MILK-1")},
                     {QStringLiteral("name"), QStringLiteral("Milk 1l")},
                     {QStringLiteral("price_minor"), 99},
                     {QStringLiteral("cost_minor"), 60},
                     {QStringLiteral("tax_class_id"), m_tax},
                     {QStringLiteral("category_id"), m_dairy},
                     {QStringLiteral("barcodes"), QJsonArray{QStringLiteral("4006381333931")}}}},
        {QStringLiteral("product.create"), m_bread,
         QJsonObject{{QStringLiteral("sku"), QStringLiteral("BREAD")},
                     {QStringLiteral("name"), QStringLiteral("Bread")},
                     {QStringLiteral("price_minor"), 250},
                     {QStringLiteral("tax_class_id"), m_tax}}},
    };
    for (const auto& [kind, id, data] : steps) {
        const ApiReply r = command(kind, id, 0, data);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
    }
    const QList<std::tuple<QString, QString, QJsonObject>> scoped{
        {QStringLiteral("store_price.set"), m_milk,
         QJsonObject{{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), 150}}},
        {QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"),
         QJsonObject{{QStringLiteral("value"), 600}}},
        {QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"),
         QJsonObject{{QStringLiteral("store_id"), m_s2}, {QStringLiteral("value"), 900}}},
        {QStringLiteral("role_override.set"), QStringLiteral("cashier:sale.void"),
         QJsonObject{{QStringLiteral("store_id"), m_s1},
                     {QStringLiteral("state"), QStringLiteral("allow")}}},
    };
    for (const auto& [kind, id, data] : scoped) {
        const ApiReply r = command(kind, id, 0, data);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
    }
}

void tst_pull::cleanupTestCase()
{
    m_d1.reset();
    m_d2.reset();
    m_other.reset();
    m_f.reset();
}

ApiReply tst_pull::command(const QString& kind, const QString& id, qint64 base,
                           const QJsonObject& data)
{
    return m_d1->post("/v1/commands",
                      {{QStringLiteral("command_id"), newUuid()},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("base_version"), base},
                       {QStringLiteral("data"), data}},
                      RequestTamper().withSession(m_token));
}

Pulled tst_pull::pull(TestDevice& device, qint64 cursor, int limit)
{
    QByteArray path = "/v1/pull?cursor=" + QByteArray::number(cursor);
    if (limit > 0)
        path += "&limit=" + QByteArray::number(limit);
    const ApiReply r = device.get(path);
    Pulled p;
    p.status = r.status;
    p.body = r.body;
    p.cursor = r.body.value(QStringLiteral("cursor")).toInteger();
    p.more = r.body.value(QStringLiteral("more")).toBool();
    for (const QJsonValue& v : r.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject c = v.toObject();
        const QString key = c.value(QStringLiteral("kind")).toString() + u'/' +
                            c.value(QStringLiteral("id")).toString();
        p.changes.insert(key, c);
        p.order.append(key);
    }
    return p;
}

void tst_pull::eachStoreSeesItsOwnView()
{
    const Pulled high = pull(*m_d1);
    QVERIFY2(high.status == 200, qPrintable(m_f->serverLog().right(3000)));
    QVERIFY(!high.more);
    const auto data = [](const Pulled& p, const QString& key) {
        return p.changes.value(key).value(QStringLiteral("data")).toObject();
    };
    // Catalog: the same for both stores, except High Street's own price of milk.
    QCOMPARE(data(high, QStringLiteral("tax_class/") + m_tax).value(QStringLiteral("rate_ppm")),
             QJsonValue(190000));
    QCOMPARE(data(high, QStringLiteral("category/") + m_dairy).value(QStringLiteral("name")),
             QJsonValue(QStringLiteral("Dairy")));
    const QJsonObject milk = data(high, QStringLiteral("product/") + m_milk);
    QCOMPARE(milk.value(QStringLiteral("price_minor")).toInteger(), 150);
    QCOMPARE(milk.value(QStringLiteral("company_price_minor")).toInteger(), 99);
    QCOMPARE(milk.value(QStringLiteral("store_price_version")).toInteger(), 1);
    QCOMPARE(milk.value(QStringLiteral("tax_class_id")).toString(), m_tax);
    QCOMPARE(milk.value(QStringLiteral("barcodes")).toArray(),
             QJsonArray{QStringLiteral("4006381333931")});
    QCOMPARE(high.changes.value(QStringLiteral("product/") + m_milk)
                 .value(QStringLiteral("version"))
                 .toInteger(),
             1);
    // The products come after their tax class and category (cursor order).
    QVERIFY(high.order.indexOf(QStringLiteral("tax_class/") + m_tax) <
            high.order.indexOf(QStringLiteral("product/") + m_milk));
    // Staff of this store (owners are in every store), with what they sign in with here.
    QVERIFY(high.changes.contains(QStringLiteral("user/") + m_owner));
    QVERIFY(high.changes.contains(QStringLiteral("user/") + m_manager));
    QVERIFY(!high.changes.contains(QStringLiteral("user/") + m_cashier));
    const QJsonObject manager = data(high, QStringLiteral("user/") + m_manager);
    QCOMPARE(manager.value(QStringLiteral("code")).toString(), QStringLiteral("20"));
    QCOMPARE(manager.value(QStringLiteral("role")).toString(), QStringLiteral("manager"));
    QVERIFY(manager.value(QStringLiteral("password_hash")).toString().startsWith(u"$scrypt$"));
    QVERIFY(!high.body.contains(QStringLiteral("totp")));
    QVERIFY(!QJsonDocument(high.body).toJson().contains(Password));
    // This store's override and the company's idle lock.
    QCOMPARE(data(high, QStringLiteral("role_override/cashier:sale.void"))
                 .value(QStringLiteral("allowed")),
             QJsonValue(true));
    const QJsonObject idle = data(high, QStringLiteral("setting/idle_lock_seconds"));
    QCOMPARE(idle.value(QStringLiteral("value")).toString(), QStringLiteral("600"));
    QCOMPARE(idle.value(QStringLiteral("scope")).toString(), QStringLiteral("company"));

    const Pulled station = pull(*m_d2);
    QCOMPARE(station.status, 200);
    QCOMPARE(data(station, QStringLiteral("product/") + m_milk)
                 .value(QStringLiteral("price_minor"))
                 .toInteger(),
             99);
    QVERIFY(station.changes.contains(QStringLiteral("user/") + m_owner));
    QVERIFY(station.changes.contains(QStringLiteral("user/") + m_cashier));
    QVERIFY(!station.changes.contains(QStringLiteral("user/") + m_manager));
    QVERIFY(!station.changes.contains(QStringLiteral("role_override/cashier:sale.void")));
    const QJsonObject stationIdle = data(station, QStringLiteral("setting/idle_lock_seconds"));
    QCOMPARE(stationIdle.value(QStringLiteral("value")).toString(), QStringLiteral("900"));
    QCOMPARE(stationIdle.value(QStringLiteral("scope")).toString(), QStringLiteral("store"));
    QCOMPARE(stationIdle.value(QStringLiteral("company_version")).toInteger(), 1);
    QCOMPARE(stationIdle.value(QStringLiteral("store_version")).toInteger(), 1);
}

void tst_pull::pagesFollowTheCursor()
{
    const Pulled all = pull(*m_d1);
    QSet<QString> seen;
    qint64 cursor = 0;
    int pages = 0;
    for (bool more = true; more && pages < 100; ++pages) {
        const Pulled page = pull(*m_d1, cursor, 2);
        QCOMPARE(page.status, 200);
        QVERIFY(page.changes.size() <= 2);
        QVERIFY(page.cursor > cursor);
        cursor = page.cursor;
        more = page.more;
        for (const QString& key : page.order)
            seen.insert(key);
    }
    QVERIFY(pages > 3);
    QCOMPARE(cursor, all.cursor);
    QCOMPARE(seen, QSet<QString>(all.order.begin(), all.order.end()));
    // At the end: nothing more, the cursor stays.
    const Pulled end = pull(*m_d1, cursor);
    QCOMPARE(end.changes.size(), 0);
    QCOMPARE(end.cursor, cursor);
    QVERIFY(!end.more);
}

void tst_pull::onlyWhatChangedAfterTheCursor()
{
    const qint64 cursor = pull(*m_d1).cursor;
    ApiReply r = command(QStringLiteral("product.update"), m_bread, 1,
                         {{QStringLiteral("name"), QStringLiteral("Sourdough")}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(QStringLiteral("product.update"), m_bread, 2,
                {{QStringLiteral("price_minor"), 275}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    const Pulled after = pull(*m_d1, cursor);
    QCOMPARE(after.order, QList<QString>{QStringLiteral("product/") + m_bread}); // once, current
    const QJsonObject bread = after.changes.first();
    QCOMPARE(bread.value(QStringLiteral("version")).toInteger(), 3);
    QCOMPARE(
        bread.value(QStringLiteral("data")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Sourdough"));
    QCOMPARE(bread.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("price_minor"))
                 .toInteger(),
             275);
    QVERIFY(after.cursor > cursor);
}

void tst_pull::removalsComeAsDeleted()
{
    const qint64 c1 = pull(*m_d1).cursor;
    const qint64 c2 = pull(*m_d2).cursor;
    // The manager moves to the Station; High Street's override goes back to the default; milk's
    // High Street price goes; bread is taken off sale.
    ApiReply r = command(QStringLiteral("user.update"), m_manager, 1,
                         {{QStringLiteral("store_ids"), QJsonArray{m_s2}}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(
        QStringLiteral("role_override.set"), QStringLiteral("cashier:sale.void"), 1,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("state"), QStringLiteral("inherit")}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(
        QStringLiteral("store_price.set"), m_milk, 1,
        {{QStringLiteral("store_id"), m_s1}, {QStringLiteral("price_minor"), QJsonValue()}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(QStringLiteral("product.update"), m_bread, 3, {{QStringLiteral("active"), false}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(QStringLiteral("setting.set"), QStringLiteral("idle_lock_seconds"), 1,
                {{QStringLiteral("value"), QJsonValue()}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));

    const Pulled high = pull(*m_d1, c1);
    const QJsonObject gone = high.changes.value(QStringLiteral("user/") + m_manager);
    QCOMPARE(gone.value(QStringLiteral("deleted")).toBool(), true);
    QVERIFY(gone.value(QStringLiteral("data")).toObject().isEmpty()); // no hashes any more
    const QJsonObject override =
        high.changes.value(QStringLiteral("role_override/cashier:sale.void"));
    QCOMPARE(override.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(override.value(QStringLiteral("version")).toInteger(), 2);
    const QJsonObject milk = high.changes.value(QStringLiteral("product/") + m_milk);
    QCOMPARE(milk.value(QStringLiteral("deleted")).toBool(), false);
    QCOMPARE(milk.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("price_minor"))
                 .toInteger(),
             99);
    QCOMPARE(milk.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("store_price_version"))
                 .toInteger(),
             2);
    const QJsonObject bread = high.changes.value(QStringLiteral("product/") + m_bread);
    QCOMPARE(bread.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(bread.value(QStringLiteral("data")).toObject().value(QStringLiteral("active")),
             QJsonValue(false));

    // The company's idle lock is gone: High Street has none left, and its editor learns the
    // version to make it again from.
    const QJsonObject idle = high.changes.value(QStringLiteral("setting/idle_lock_seconds"));
    QCOMPARE(idle.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(idle.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("company_version"))
                 .toInteger(),
             2);

    const Pulled station = pull(*m_d2, c2);
    // The Station keeps its own.
    const QJsonObject stationIdle =
        station.changes.value(QStringLiteral("setting/idle_lock_seconds"));
    QCOMPARE(stationIdle.value(QStringLiteral("deleted")).toBool(), false);
    QCOMPARE(stationIdle.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("900"));
    const QJsonObject arrived = station.changes.value(QStringLiteral("user/") + m_manager);
    QCOMPARE(arrived.value(QStringLiteral("deleted")).toBool(), false);
    QCOMPARE(
        arrived.value(QStringLiteral("data")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("20"));
    // The Station never had High Street's override or price: it hears nothing of them.
    QVERIFY(!station.changes.contains(QStringLiteral("role_override/cashier:sale.void")));
    QVERIFY(!station.changes.contains(QStringLiteral("product/") + m_milk));
}

void tst_pull::anotherCompanySeesNothing()
{
    const Pulled theirs = pull(*m_other);
    QCOMPARE(theirs.status, 200);
    for (const QString& id : {m_tax, m_dairy, m_milk, m_bread, m_owner, m_manager, m_cashier})
        for (const QString& key : theirs.order)
            QVERIFY2(!key.endsWith(id), qPrintable(key));
    QVERIFY(!theirs.changes.contains(QStringLiteral("setting/idle_lock_seconds")));
}

void tst_pull::badCursorOrLimitIsRefused_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("negative cursor") << QByteArrayLiteral("/v1/pull?cursor=-1");
    QTest::newRow("text cursor") << QByteArrayLiteral("/v1/pull?cursor=abc");
    QTest::newRow("zero limit") << QByteArrayLiteral("/v1/pull?cursor=0&limit=0");
    QTest::newRow("huge limit") << QByteArrayLiteral("/v1/pull?cursor=0&limit=100000");
}

void tst_pull::badCursorOrLimitIsRefused()
{
    QFETCH(QByteArray, path);
    const ApiReply r = m_d1->get(path);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("bad_request"));
}

void tst_pull::aRegisterAppliesWhatItPulls()
{
    // A High Street register's store, pulled page by page as the sync engine does.
    TestStore store;
    TestStaff staff(store.db(), store.keys());
    SystemClock clock;
    PullApplier applier(store.db(), store.keys(), clock);
    for (int i = 0; i < 100; ++i) {
        auto from = applier.cursor();
        QVERIFY(from.has_value());
        const ApiReply r = m_d1->get("/v1/pull?cursor=" + QByteArray::number(*from) + "&limit=3");
        QCOMPARE(r.status, 200);
        auto applied = applier.apply(r.body, *from);
        QVERIFY2(applied.has_value(), qPrintable(applied ? QString() : applied.error().message));
        if (!applied->more)
            break;
    }
    const auto one = [&](const char* sql, const QString& bind) {
        auto q = store.db().query(sql);
        q->bind(1, bind);
        auto row = q->next();
        return row && *row ? q->text(0) : QString();
    };
    QCOMPARE(one("SELECT price_minor FROM products WHERE uuid = ?1", m_milk), QStringLiteral("99"));
    QCOMPARE(one("SELECT name FROM products WHERE uuid = ?1", m_bread),
             QStringLiteral("Sourdough"));
    QCOMPARE(one("SELECT active FROM products WHERE uuid = ?1", m_bread), QStringLiteral("0"));
    QCOMPARE(one("SELECT p.sku FROM barcodes b JOIN products p ON p.id = b.product_id "
                 "WHERE b.code = ?1",
                 QStringLiteral("4006381333931")),
             QStringLiteral("MILK-1"));
    QCOMPARE(one("SELECT code FROM users WHERE uuid = ?1", m_owner), QStringLiteral("10"));
    // The manager moved to the Station: no longer assigned here.
    QCOMPARE(one("SELECT count(*) FROM user_stores us JOIN users u ON u.id = us.user_id "
                 "WHERE u.uuid = ?1",
                 m_manager),
             QStringLiteral("0"));
    QCOMPARE(
        one("SELECT count(*) FROM settings WHERE key = ?1", QStringLiteral("idle_lock_seconds")),
        QStringLiteral("0")); // the company's value was removed again
    QCOMPARE(one("SELECT value FROM sync_state WHERE key = ?1", QStringLiteral("pull_cursor")),
             QString::number(pull(*m_d1).cursor));
}

// A register of `storeId` with its own store file, key store and PIN pepper, enrolled through
// core's Enrolment by its owner with a one-time code and the sheet's pin. Its register id is
// TestStore's unless `registerId` is given (then its audit chain is opened anew for that id;
// the default register's genesis row stays in the outbox, so such a register does not push).
struct EnrolledRegister {
    TestStore store;
    TestStaff staff;
    AccessControl access{store.db()};
    SystemClock clock;
    RandomIdSource ids;
    AuthService auth;
    QString error;

    EnrolledRegister(SyncdFixture& f, const QString& companyId, const QString& storeId,
                     const QString& name, const QString& registerId = TestStore::AuditRegisterId)
        : staff(store.db(), store.keys(), registerId),
          auth(store.db(), store.keys(), TestStaff::pepperKeyName(), clock, ids, staff.registerId(),
               cheap())
    {
        if (registerId != TestStore::AuditRegisterId) {
            auto log = AuditLog::open(store.db(), store.keys(), registerId, clock);
            if (!log) {
                error = log.error().message;
                return;
            }
            store.db().attachAuditLog(std::move(*log));
        }
        const RegisterSettings settings{name, name, staff.registerId(), QStringLiteral("EUR")};
        if (!settings.save(store.db())) {
            error = QStringLiteral("register settings not saved");
            return;
        }
        Enrolment enrolment(store.db(), store.keys(), access, auth, clock);
        QByteArray typed = f.enrolCode(companyId, storeId).toLatin1();
        std::optional<Result<EnrolmentOutcome>> done;
        enrolment.start(staff.signIn(Role::Owner),
                        EnrolmentRequest{f.baseUrl().toString(), SecretBytes::takeFrom(typed),
                                         f.certs().server().pin, name},
                        [&](Result<EnrolmentOutcome> r) { done = std::move(r); });
        if (!QTest::qWaitFor([&] { return done.has_value(); }, 30000))
            error = QStringLiteral("enrolment did not end within 30 s");
        else if (!*done)
            error = done->error().message;
    }

    // One run of the real sync engine (push, then pull).
    SyncRunReport syncOnce()
    {
        SyncEngineOptions o;
        o.registerId = staff.registerId();
        o.openDatabase = *SyncEngine::openerFor(store.db(), store.keys());
        o.keys = &store.keys();
        o.database = &store.db(); // pulls are applied here
        o.clock = &clock;
        o.timer = std::make_unique<ManualSyncTimer>();
        o.automatic = false;
        SyncEngine engine(std::move(o));
        std::optional<SyncRunReport> run;
        QObject::connect(&engine, &SyncEngine::runFinished, &engine,
                         [&](const SyncRunReport& r) { run = r; });
        engine.start();
        engine.syncNow();
        if (!QTest::qWaitFor([&] { return run.has_value(); }, 30000))
            return {};
        engine.stop();
        return *run;
    }

    static AuthService::Options cheap()
    {
        AuthService::Options o;
        o.hashParams = TestStaff::CheapHash;
        return o;
    }
};

void tst_pull::aPinSetOnOneRegisterWorksOnAnother()
{
    // The owner's desktop at High Street and a till at the Station, each with its own pepper
    // until enrolment hands both the company's.
    EnrolledRegister desk(*m_f, m_company, m_s1, QStringLiteral("Office"), newUuid());
    QVERIFY2(desk.error.isEmpty(), qPrintable(desk.error));
    EnrolledRegister till(*m_f, m_company, m_s2, QStringLiteral("Station till"));
    QVERIFY2(till.error.isEmpty(), qPrintable(till.error));

    // On the desktop the owner gives a new Station cashier the PIN 4711: the desktop hashes it
    // (as its staff screen does) and sends the hash to the server as a command.
    QByteArray pinBytes("4711");
    auto hash = desk.auth.hashPin(SecretBytes::takeFrom(pinBytes));
    QVERIFY2(hash, hash ? "" : qPrintable(hash.error().message));
    const QString cashier = newUuid();
    const ApiReply made = command(QStringLiteral("user.create"), cashier, 0,
                                  {{QStringLiteral("code"), QStringLiteral("47")},
                                   {QStringLiteral("name"), QStringLiteral("Stella Station")},
                                   {QStringLiteral("role"), QStringLiteral("cashier")},
                                   {QStringLiteral("store_ids"), QJsonArray{m_s2}},
                                   {QStringLiteral("pin_hash"), *hash}});
    QVERIFY2(made.status == 200, qPrintable(made.describe()));

    // The Station till syncs, and she signs in there with that PIN.
    const SyncRunReport run = till.syncOnce();
    QVERIFY2(run.outcome == SyncRunReport::Outcome::Done, qPrintable(run.error));
    QVERIFY(run.pulled);
    QByteArray typed("4711");
    auto session = till.auth.signIn(u"47", SecretBytes::takeFrom(typed));
    QVERIFY2(session, session ? "" : qPrintable(session.error().message));
    QCOMPARE(session->userName, QStringLiteral("Stella Station"));
    QByteArray wrong("4712");
    QVERIFY(!till.auth.signIn(u"47", SecretBytes::takeFrom(wrong)));
}

QTEST_GUILESS_MAIN(tst_pull)
#include "tst_pull.moc"
