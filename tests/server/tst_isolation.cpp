// ISO-4: no row crosses companies or stores, through the API with forged ids and with direct SQL
// as the server's own role. Real PostgreSQL (PgCluster), real pos-syncd over TLS 1.3 on loopback,
// tenants made with `pos-syncd admin` (TenantWorld).

#include "PgCatalog.h"
#include "SyncdFixture.h"
#include "TenantWorld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

QSet<QString> stringSet(const QJsonArray& array)
{
    QSet<QString> out;
    for (const QJsonValue& v : array)
        out.insert(v.toString());
    return out;
}

} // namespace

class tst_isolation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    // The schema (ISO-1): every table forced under RLS, the server's role owns nothing, no
    // policy calls a VOLATILE function.
    void everyTableForcesRowLevelSecurity();
    void serverRoleOwnsNothingAndCannotBypass();
    void policiesCallNoVolatileFunction();

    // Direct SQL as the server's role.
    void withoutTenantSettingEveryTableIsEmpty();
    void tenantSettingSeesOnlyItsCompany();
    void storeSettingSeesOnlyItsStores();
    void anotherCompanysStoreIdSeesNothing();

    // The API with forged ids.
    void forgedCompanyIsRefused();
    void forgedRegisterIsRefused();
    void pushForAnotherRegisterIsRefused();
    void pullSeesOnlyTheRegistersStore();
    void sessionOfAnotherCompanysUserIsRefused();
    void districtManagerSeesExactlyTheirStores();
    void auditReadStaysInTheUsersStores();
    void commandsStayInTheUsersStores();

private:
    server::PgConnection& superuser() { return *m_f->cluster().superuser(); }
    QStringList storeScopedTables() { return pgcatalog::storeScopedTables(superuser()); }
    // Leaves out request_nonces: a request that passed device authentication has its nonce
    // stored by then (docs/sync.md).
    static QStringList changedBesideNonces(const QMap<QString, qint64>& before,
                                           const QMap<QString, qint64>& after)
    {
        return SyncdFixture::changedTables(before, after, {QStringLiteral("request_nonces")});
    }

    std::unique_ptr<SyncdFixture> m_f;
    TenantWorld m_w;
};

void tst_isolation::initTestCase()
{
    m_f = std::make_unique<SyncdFixture>();
    QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
    QVERIFY2(m_f->start(), qPrintable(m_f->error()));
    QVERIFY2(m_w.build(*m_f), qPrintable(m_w.error));
    qInfo("cluster %lld ms, roles and schema %lld ms, %s", m_f->cluster().startMilliseconds(),
          m_f->setUpMilliseconds(), qPrintable(m_w.timings));
}

void tst_isolation::cleanupTestCase()
{
    m_f.reset();
}

void tst_isolation::everyTableForcesRowLevelSecurity()
{
    auto r = m_f->cluster().superuser()->exec(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
        "(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'pos' AND c.relkind IN ('r', 'p') "
        "AND c.relname <> 'schema_migrations' ORDER BY 1");
    QVERIFY(r.has_value());
    QVERIFY2(r->rows() >= 28, "the schema lost tables?");
    for (int i = 0; i < r->rows(); ++i) {
        const QString table = r->text(i, 0);
        QVERIFY2(r->boolean(i, 1), qPrintable(table + QStringLiteral(": RLS not enabled")));
        QVERIFY2(r->boolean(i, 2), qPrintable(table + QStringLiteral(": RLS not forced")));
        QVERIFY2(r->integer(i, 3) > 0, qPrintable(table + QStringLiteral(": no policy")));
    }
    // Every table carries the tenant id (ISO-1: child tables too, so no join leaks).
    const QStringList tables = m_f->posTables();
    const QStringList withCompany =
        pgcatalog::tablesWithColumn(superuser(), QStringLiteral("company_id"));
    for (const QString& table : tables) {
        if (table == u"companies")
            continue; // its own id is the tenant id
        QVERIFY2(withCompany.contains(table),
                 qPrintable(table + QStringLiteral(": no company_id")));
    }
}

void tst_isolation::serverRoleOwnsNothingAndCannotBypass()
{
    server::PgConnection* pg = m_f->cluster().superuser();
    const QByteArray login = m_f->appLogin().toUtf8();
    for (const QByteArray& role : {login, QByteArray("pos_app")}) {
        auto owned = pg->exec("SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) + "
                              "(SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) + "
                              "(SELECT count(*) FROM pg_proc WHERE proowner = r.oid) + "
                              "(SELECT count(*) FROM pg_type WHERE typowner = r.oid), "
                              "r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = $1",
                              {role});
        QVERIFY(owned.has_value());
        QCOMPARE(owned->rows(), 1);
        QVERIFY2(owned->integer(0, 0) == 0, role.constData());
        QVERIFY(!owned->boolean(0, 1));
        QVERIFY(!owned->boolean(0, 2));
    }
    // Neither it nor any role it can become bypasses RLS or owns the tables.
    auto reach = pg->exec("SELECT count(*) FROM pg_roles r WHERE pg_has_role($1, r.oid, 'MEMBER') "
                          "AND (r.rolsuper OR r.rolbypassrls OR r.rolname = 'pos_owner')",
                          {login});
    QVERIFY(reach.has_value());
    QCOMPARE(reach->integer(0, 0), 0);
    // The tables are owned by pos_owner, which the server cannot SET ROLE to.
    auto sql = m_f->directSql();
    QVERIFY2(sql.has_value(), sql ? "" : qPrintable(sql.error().message));
    QVERIFY(!sql->exec("SET ROLE pos_owner").has_value());
}

void tst_isolation::policiesCallNoVolatileFunction()
{
    QStringList seen;
    for (const QString& called : pgcatalog::policyFunctions(superuser())) {
        const QString name = called.section(u'|', 0, 0);
        seen.append(name);
        QVERIFY2(called.section(u'|', 1) != u"v",
                 qPrintable(name + QStringLiteral(" is VOLATILE")));
    }
    // The check reads the trees right: the tenant functions are among what policies call.
    QVERIFY2(seen.contains(QStringLiteral("pos.company()")), qPrintable(seen.join(u' ')));
    QVERIFY2(seen.contains(QStringLiteral("pos.stores()")), qPrintable(seen.join(u' ')));
    // And those functions only read settings (STABLE), they do not change them.
    auto tenantFns = m_f->cluster().superuser()->exec(
        "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'pos' AND p.proname IN ('company', 'stores', 'enrol_hash') "
        "AND (p.provolatile <> 's' OR p.prosrc ILIKE '%set_config%')");
    QVERIFY(tenantFns.has_value());
    QCOMPARE(tenantFns->integer(0, 0), 0);
}

void tst_isolation::withoutTenantSettingEveryTableIsEmpty()
{
    auto sql = m_f->directSql();
    QVERIFY2(sql.has_value(), sql ? "" : qPrintable(sql.error().message));
    // Once in a transaction that set a tenant: the setting is transaction-local and gone after.
    QVERIFY(sql->begin());
    QVERIFY(server::setTenant(*sql, m_w.a.id, {m_w.store(QStringLiteral("A1"))->id}));
    QVERIFY(sql->commit());

    const QStringList mustHaveRows{
        QStringLiteral("companies"),    QStringLiteral("stores"),
        QStringLiteral("users"),        QStringLiteral("user_stores"),
        QStringLiteral("devices"),      QStringLiteral("enrol_codes"),
        QStringLiteral("sales"),        QStringLiteral("sale_lines"),
        QStringLiteral("sale_tenders"), QStringLiteral("audit_rows"),
        QStringLiteral("audit_heads"),  QStringLiteral("push_batches"),
        QStringLiteral("products"),     QStringLiteral("store_prices"),
        QStringLiteral("settings"),     QStringLiteral("tax_classes"),
        QStringLiteral("change_log"),   QStringLiteral("request_nonces")};
    const QStringList tables = m_f->posTables();
    QVERIFY(tables.size() >= 28);
    for (const QString& table : tables) {
        const qint64 real = m_f->countRows(table);
        if (mustHaveRows.contains(table))
            QVERIFY2(real > 0, qPrintable(table + QStringLiteral(" has no rows to hide")));
        for (const bool inTransaction : {false, true}) {
            if (inTransaction)
                QVERIFY(sql->begin());
            auto r = sql->exec("SELECT count(*) FROM pos." + table.toUtf8());
            QVERIFY2(r.has_value(), qPrintable(table));
            QVERIFY2(r->integer(0, 0) == 0,
                     qPrintable(table + QStringLiteral(": %1 rows visible").arg(r->integer(0, 0))));
            if (inTransaction)
                QVERIFY(sql->rollback());
        }
    }
    // Empty settings are no tenant either.
    QVERIFY(sql->begin());
    QVERIFY(sql->exec("SELECT set_config('pos.company_id', '', true), "
                      "set_config('pos.store_ids', '', true)"));
    for (const QString& table : tables) {
        auto r = sql->exec("SELECT count(*) FROM pos." + table.toUtf8());
        QVERIFY2(r && r->integer(0, 0) == 0, qPrintable(table));
    }
    QVERIFY(sql->rollback());
}

void tst_isolation::tenantSettingSeesOnlyItsCompany()
{
    auto sql = m_f->directSql();
    QVERIFY(sql.has_value());
    const QStringList tables = m_f->posTables();
    for (const auto* pair : {&m_w.a, &m_w.b}) {
        const TenantWorld::Company& self = *pair;
        const TenantWorld::Company& other = pair == &m_w.a ? m_w.b : m_w.a;
        QStringList stores;
        for (const auto& s : self.stores)
            stores.append(s->id);
        // Every id of the other company: none may appear in any column of any visible row.
        QStringList foreign{other.id, other.productId, other.taxClassId};
        for (const auto& s : other.stores)
            foreign << s->id << s->device->registerId();
        foreign.append(other.users.values());

        QVERIFY(sql->begin());
        QVERIFY(server::setTenant(*sql, self.id, stores));
        qint64 visible = 0;
        for (const QString& table : tables) {
            const QByteArray t = "pos." + table.toUtf8();
            auto all = sql->exec("SELECT count(*) FROM " + t);
            QVERIFY2(all.has_value(), qPrintable(table));
            visible += all->integer(0, 0);
            const QByteArray column = table == u"companies" ? "id" : "company_id";
            auto others = sql->exec("SELECT count(*) FROM " + t + " WHERE " + column +
                                        " IS DISTINCT FROM $1::uuid",
                                    {self.id.toUtf8()});
            QVERIFY2(others && others->integer(0, 0) == 0, qPrintable(table));
            auto leaked = sql->exec("SELECT count(*) FROM " + t + " x WHERE x::text ~* $1",
                                    {foreign.join(u'|').toUtf8()});
            QVERIFY2(leaked && leaked->integer(0, 0) == 0,
                     qPrintable(table + QStringLiteral(" shows an id of ") + other.name));
        }
        QVERIFY2(visible > 50, "the tenant sees its own rows");
        QVERIFY(sql->rollback());
    }
}

void tst_isolation::storeSettingSeesOnlyItsStores()
{
    auto sql = m_f->directSql();
    QVERIFY(sql.has_value());
    const QStringList scoped = storeScopedTables();
    for (const char* table : {"sales", "sale_lines", "sale_tenders", "audit_rows", "audit_heads",
                              "push_batches", "store_prices", "settings", "change_log"})
        QVERIFY2(scoped.contains(QString::fromLatin1(table)), table);
    // A register of A1 (one store), the district manager (A1 + A2).
    const QString a1 = m_w.store(QStringLiteral("A1"))->id;
    const QString a2 = m_w.store(QStringLiteral("A2"))->id;
    for (const QStringList& stores : {QStringList{a1}, QStringList{a1, a2}}) {
        QVERIFY(sql->begin());
        QVERIFY(server::setTenant(*sql, m_w.a.id, stores));
        for (const QString& table : scoped) {
            const QByteArray t = "pos." + table.toUtf8();
            auto outside = sql->exec("SELECT count(*) FROM " + t +
                                         " WHERE store_id IS NOT NULL AND "
                                         "NOT (store_id = ANY (string_to_array($1, ',')::uuid[]))",
                                     {stores.join(u',').toUtf8()});
            QVERIFY2(outside && outside->integer(0, 0) == 0, qPrintable(table));
        }
        for (const QString& store : stores) {
            auto own = sql->exec("SELECT count(*) FROM pos.sales WHERE store_id = $1::uuid",
                                 {store.toUtf8()});
            QVERIFY(own.has_value());
            QCOMPARE(own->integer(0, 0), 2);
        }
        QVERIFY(sql->rollback());
    }
}

void tst_isolation::anotherCompanysStoreIdSeesNothing()
{
    // Company A with store ids of company B: no store-owned row of B (nor of A) is visible.
    auto sql = m_f->directSql();
    QVERIFY(sql.has_value());
    QVERIFY(sql->begin());
    QVERIFY(server::setTenant(
        *sql, m_w.a.id,
        {m_w.store(QStringLiteral("B1"))->id, m_w.store(QStringLiteral("B2"))->id}));
    for (const QString& table : storeScopedTables()) {
        auto r =
            sql->exec("SELECT count(*) FROM pos." + table.toUtf8() + " WHERE store_id IS NOT NULL");
        QVERIFY2(r && r->integer(0, 0) == 0, qPrintable(table));
    }
    QVERIFY(sql->rollback());
}

void tst_isolation::forgedCompanyIsRefused()
{
    TestDevice& a1 = m_w.device(QStringLiteral("A1"));
    const auto before = m_f->rowCounts();
    const RequestTamper asB = RequestTamper().withCompany(m_w.b.id);
    for (const ApiReply& r :
         {a1.get("/v1/pull?cursor=0", asB), a1.push({a1.saleRecord(90)}, asB),
          a1.post(
              "/v1/session",
              QJsonObject{{QStringLiteral("user_code"), QStringLiteral("2001")},
                          {QStringLiteral("password"), QString::fromLatin1(TenantWorld::Password)}},
              asB),
          a1.get("/v1/audit", asB)}) {
        QVERIFY2(r.status == 401, qPrintable(r.describe()));
        QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
    }
    // Refused at authentication: not even a nonce is kept.
    const QStringList changed = SyncdFixture::changedTables(before, m_f->rowCounts());
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
}

void tst_isolation::forgedRegisterIsRefused()
{
    TestDevice& a1 = m_w.device(QStringLiteral("A1"));
    const QString a2 = m_w.device(QStringLiteral("A2")).registerId();
    const QString b1 = m_w.device(QStringLiteral("B1")).registerId();
    const auto before = m_f->rowCounts();
    // A1's key signing as A2 (same company), as B1 (with B's company), and as B1 under A.
    const QList<RequestTamper> forged{RequestTamper().withRegister(a2),
                                      RequestTamper().withCompany(m_w.b.id).withRegister(b1),
                                      RequestTamper().withRegister(b1)};
    for (const RequestTamper& tamper : forged) {
        for (const ApiReply& r :
             {a1.get("/v1/pull?cursor=0", tamper), a1.push({a1.saleRecord(91)}, tamper)}) {
            QVERIFY2(r.status == 401, qPrintable(r.describe()));
            QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
        }
    }
    const QStringList changed = SyncdFixture::changedTables(before, m_f->rowCounts());
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
}

void tst_isolation::pushForAnotherRegisterIsRefused()
{
    TestDevice& a1 = m_w.device(QStringLiteral("A1"));
    const QString a2 = m_w.device(QStringLiteral("A2")).registerId();
    const QString b1 = m_w.device(QStringLiteral("B1")).registerId();
    for (const QString& other : {a2, b1}) {
        const auto before = m_f->rowCounts();
        // A sale naming another register, alone and next to a good one: the batch is refused
        // whole.
        for (const QJsonArray& records :
             {QJsonArray{a1.saleRecord(100, other)},
              QJsonArray{a1.saleRecord(101), a1.saleRecord(102, other)}}) {
            const ApiReply r = a1.push(records);
            QVERIFY2(r.status == 403, qPrintable(r.describe()));
            QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        }
        // An audit row under another register's id.
        QJsonObject row = TestDevice(m_f->baseUrl(), {}, QStringLiteral("x")).nextAuditRecord();
        QJsonObject data = row.value(QStringLiteral("data")).toObject();
        data.insert(QStringLiteral("register_id"), other);
        row.insert(QStringLiteral("data"), data);
        row.insert(QStringLiteral("id"), QString(other + QStringLiteral(":0")));
        const ApiReply r = a1.push({row});
        QVERIFY2(r.status == 403, qPrintable(r.describe()));
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));

        const QStringList changed = changedBesideNonces(before, m_f->rowCounts());
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
    }
    // The register's own sales still go in (the refusals above were about the ids).
    const ApiReply ok = a1.push({a1.saleRecord(103)});
    QVERIFY2(ok.status == 200, qPrintable(ok.describe()));
}

void tst_isolation::pullSeesOnlyTheRegistersStore()
{
    for (const char* storeName : {"A1", "A2", "A3", "B1"}) {
        const auto store = m_w.store(QString::fromLatin1(storeName));
        const TenantWorld::Company& self = store->name.startsWith(u'A') ? m_w.a : m_w.b;
        const TenantWorld::Company& other = &self == &m_w.a ? m_w.b : m_w.a;
        TestDevice& device = *store->device;
        QJsonArray changes;
        qint64 cursor = 0;
        for (int page = 0; page < 20; ++page) {
            const ApiReply r = device.get("/v1/pull?cursor=" + QByteArray::number(cursor));
            QVERIFY2(r.status == 200, qPrintable(r.describe()));
            for (const QJsonValue& c : r.body.value(QStringLiteral("changes")).toArray())
                changes.append(c);
            cursor = r.body.value(QStringLiteral("cursor")).toInteger();
            if (!r.body.value(QStringLiteral("more")).toBool())
                break;
        }
        const QString all = QString::fromUtf8(QJsonDocument(changes).toJson());
        // Nothing of the other company...
        QStringList foreign{other.id, other.productId, other.taxClassId};
        for (const auto& s : other.stores)
            foreign << s->id << QStringLiteral("footer ") + s->name;
        foreign.append(other.users.values());
        // ...and nothing of the other stores of its own company.
        for (const auto& s : self.stores)
            if (s != store)
                foreign << s->id << QStringLiteral("footer ") + s->name;
        for (const QString& id : foreign)
            QVERIFY2(!all.contains(id, Qt::CaseInsensitive),
                     qPrintable(store->name + QStringLiteral(" pulled ") + id));
        // What it does see is its own: its price, its footer, its staff.
        bool price = false, footer = false;
        QSet<QString> userIds;
        for (const QJsonValue& v : changes) {
            const QJsonObject c = v.toObject();
            const QJsonObject data = c.value(QStringLiteral("data")).toObject();
            const QString kind = c.value(QStringLiteral("kind")).toString();
            if (kind == u"product" && c.value(QStringLiteral("id")).toString() == self.productId)
                price = data.value(QStringLiteral("price_minor")).toInteger() == store->priceMinor;
            if (kind == u"setting" &&
                data.value(QStringLiteral("key")).toString() == u"receipt.footer")
                footer = data.value(QStringLiteral("value")).toString() ==
                         QStringLiteral("footer ") + store->name;
            if (kind == u"user" && !c.value(QStringLiteral("deleted")).toBool())
                userIds.insert(c.value(QStringLiteral("id")).toString());
        }
        QVERIFY2(price, qPrintable(store->name + u' ' + all.left(2000)));
        QVERIFY2(footer, qPrintable(store->name));
        QSet<QString> expectedUsers;
        if (store->name == u"A1" || store->name == u"A2")
            expectedUsers = {m_w.a.users.value(QStringLiteral("1001")),
                             m_w.a.users.value(QStringLiteral("1002")),
                             m_w.a.users.value(QStringLiteral("1003"))};
        else if (store->name == u"A3")
            expectedUsers = {m_w.a.users.value(QStringLiteral("1001")),
                             m_w.a.users.value(QStringLiteral("1004"))};
        else
            expectedUsers = {m_w.b.users.value(QStringLiteral("2001")),
                             m_w.b.users.value(QStringLiteral("2002"))};
        QCOMPARE(userIds, expectedUsers);
    }
}

void tst_isolation::sessionOfAnotherCompanysUserIsRefused()
{
    TestDevice& a1 = m_w.device(QStringLiteral("A1"));
    const auto before = m_f->rowCounts();
    const ApiReply r =
        a1.signIn(QStringLiteral("2001"), QString::fromLatin1(TenantWorld::Password));
    QVERIFY2(r.status == 401, qPrintable(r.describe()));
    QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
    QVERIFY(a1.sessionToken().isEmpty());
    // B's owner signed in at B1: that token does not work from A1 (bound to its register).
    TestDevice& b1 = m_w.device(QStringLiteral("B1"));
    const ApiReply bSession =
        b1.signIn(QStringLiteral("2001"), QString::fromLatin1(TenantWorld::Password));
    QVERIFY2(bSession.status == 200, qPrintable(bSession.describe()));
    const auto afterB = m_f->rowCounts();
    const RequestTamper withBToken = RequestTamper().withSession(b1.sessionToken());
    const ApiReply stolen = a1.get("/v1/audit", withBToken);
    QVERIFY2(stolen.status == 401, qPrintable(stolen.describe()));
    QVERIFY2(!stolen.raw.contains(m_w.b.id.toUtf8()), stolen.raw.constData());
    QStringList changed = changedBesideNonces(before, afterB);
    QCOMPARE(changed, QStringList{QStringLiteral("user_tokens: %1 -> %2")
                                      .arg(before.value(QStringLiteral("user_tokens")))
                                      .arg(before.value(QStringLiteral("user_tokens")) + 1)});
    changed = changedBesideNonces(afterB, m_f->rowCounts());
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
    b1.signOut();
}

void tst_isolation::districtManagerSeesExactlyTheirStores()
{
    const QString a1 = m_w.store(QStringLiteral("A1"))->id;
    const QString a2 = m_w.store(QStringLiteral("A2"))->id;
    TestDevice& atA1 = m_w.device(QStringLiteral("A1"));
    const ApiReply session =
        atA1.signIn(QStringLiteral("1002"), QString::fromLatin1(TenantWorld::Password));
    QVERIFY2(session.status == 200, qPrintable(session.describe()));
    QCOMPARE(stringSet(session.body.value(QStringLiteral("store_ids")).toArray()),
             (QSet<QString>{a1, a2}));
    QCOMPARE(session.body.value(QStringLiteral("role")).toString(), QStringLiteral("manager"));
    // A manager does not read the audit log at all (owners and auditors do).
    const ApiReply audit = atA1.get("/v1/audit");
    QVERIFY2(audit.status == 403, qPrintable(audit.describe()));
    atA1.signOut();
    // At a register of a store they are not assigned to, no session.
    TestDevice& atA3 = m_w.device(QStringLiteral("A3"));
    const ApiReply elsewhere =
        atA3.signIn(QStringLiteral("1002"), QString::fromLatin1(TenantWorld::Password));
    QVERIFY2(elsewhere.status == 403, qPrintable(elsewhere.describe()));
    QCOMPARE(elsewhere.errorCode(), QStringLiteral("forbidden"));
    QVERIFY(atA3.sessionToken().isEmpty());

    // The auditor with the same two stores: the registers listed are exactly those two stores'.
    const ApiReply auditor =
        atA1.signIn(QStringLiteral("1003"), QString::fromLatin1(TenantWorld::Password));
    QVERIFY2(auditor.status == 200, qPrintable(auditor.describe()));
    const ApiReply list = atA1.get("/v1/audit");
    QVERIFY2(list.status == 200, qPrintable(list.describe()));
    QSet<QString> registers, stores;
    for (const QJsonValue& v : list.body.value(QStringLiteral("registers")).toArray()) {
        registers.insert(v.toObject().value(QStringLiteral("register_id")).toString());
        stores.insert(v.toObject().value(QStringLiteral("store_id")).toString());
    }
    QCOMPARE(registers, (QSet<QString>{m_w.device(QStringLiteral("A1")).registerId(),
                                       m_w.device(QStringLiteral("A2")).registerId()}));
    QCOMPARE(stores, (QSet<QString>{a1, a2}));
    atA1.signOut();
}

void tst_isolation::auditReadStaysInTheUsersStores()
{
    TestDevice& a1 = m_w.device(QStringLiteral("A1"));
    const ApiReply session =
        a1.signIn(QStringLiteral("1001"), QString::fromLatin1(TenantWorld::Password));
    QVERIFY2(session.status == 200, qPrintable(session.describe()));
    // The owner's list: the company's three registers, none of B.
    const ApiReply list = a1.get("/v1/audit");
    QVERIFY2(list.status == 200, qPrintable(list.describe()));
    QCOMPARE(list.body.value(QStringLiteral("registers")).toArray().size(), 3);
    QVERIFY(!list.raw.contains(m_w.b.id.toUtf8()));
    // Its own register's rows are there (the check below is not about an empty log).
    const ApiReply own =
        a1.get("/v1/audit?register_id=" + m_w.device(QStringLiteral("A3")).registerId().toUtf8());
    QVERIFY2(own.status == 200, qPrintable(own.describe()));
    QCOMPARE(own.body.value(QStringLiteral("rows")).toArray().size(), 2);
    // A register of company B by id: no row, whatever the answer's status.
    for (const char* name : {"B1", "B2"}) {
        const TestDevice& b = m_w.device(QString::fromLatin1(name));
        const ApiReply foreign = a1.get("/v1/audit?register_id=" + b.registerId().toUtf8());
        QVERIFY2(foreign.status == 404 || foreign.status == 403, qPrintable(foreign.describe()));
        QVERIFY(foreign.body.value(QStringLiteral("rows")).toArray().isEmpty());
        QVERIFY2(!foreign.raw.contains(b.storeId().toUtf8()), foreign.raw.constData());
        QVERIFY(!foreign.raw.contains(b.auditPublicKey().toBase64()));
    }
    a1.signOut();
    // The auditor of A1 + A2 asking for A3's register: refused, no row.
    QVERIFY(a1.signIn(QStringLiteral("1003"), QString::fromLatin1(TenantWorld::Password)).status ==
            200);
    const ApiReply other =
        a1.get("/v1/audit?register_id=" + m_w.device(QStringLiteral("A3")).registerId().toUtf8());
    QVERIFY2(other.status == 403, qPrintable(other.describe()));
    QVERIFY(other.body.value(QStringLiteral("rows")).toArray().isEmpty());
    a1.signOut();
}

void tst_isolation::commandsStayInTheUsersStores()
{
    const auto a1 = m_w.store(QStringLiteral("A1"));
    const auto a3 = m_w.store(QStringLiteral("A3"));
    const auto b1 = m_w.store(QStringLiteral("B1"));
    const auto price = [](const QString& productId, const QString& storeId, qint64 minor) {
        return QJsonObject{
            {QStringLiteral("command_id"), newUuid()},
            {QStringLiteral("kind"), QStringLiteral("store_price.set")},
            {QStringLiteral("id"), productId},
            {QStringLiteral("base_version"), 1},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("store_id"), storeId},
                                                 {QStringLiteral("price_minor"), minor}}}};
    };
    TestDevice& atA1 = *a1->device;
    for (const char* code : {"1002", "1001"}) { // the district manager, then A's owner
        const ApiReply session =
            atA1.signIn(QString::fromLatin1(code), QString::fromLatin1(TenantWorld::Password));
        QVERIFY2(session.status == 200, qPrintable(session.describe()));
        const auto before = m_f->rowCounts();
        // Another company's store, another company's product in an own store, and (for the
        // district manager) an own company's store they are not assigned to.
        QList<QJsonObject> refused{price(m_w.a.productId, b1->id, 1),
                                   price(m_w.b.productId, a1->id, 1),
                                   price(m_w.b.productId, b1->id, 1)};
        if (qstrcmp(code, "1002") == 0)
            refused.append(price(m_w.a.productId, a3->id, 1));
        for (const QJsonObject& command : refused) {
            const ApiReply r = atA1.post("/v1/commands", command);
            QVERIFY2(r.status == 403 || r.status == 404, qPrintable(r.describe()));
            QVERIFY2(!r.raw.contains(m_w.b.id.toUtf8()) && !r.raw.contains("footer B"),
                     r.raw.constData());
        }
        // With the company forged in the header: not even authenticated.
        const ApiReply forged = atA1.post("/v1/commands", price(m_w.b.productId, b1->id, 1),
                                          RequestTamper().withCompany(m_w.b.id));
        QVERIFY2(forged.status == 401, qPrintable(forged.describe()));
        const QStringList changed = changedBesideNonces(before, m_f->rowCounts());
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
        auto bPrice = m_f->cluster().superuser()->exec(
            "SELECT price_minor, version FROM pos.store_prices WHERE store_id = $1::uuid",
            {b1->id.toUtf8()});
        QVERIFY(bPrice && bPrice->rows() == 1);
        QCOMPARE(bPrice->integer(0, 0), b1->priceMinor);
        QCOMPARE(bPrice->integer(0, 1), 1);
        if (qstrcmp(code, "1002") == 0) {
            // The control: the district manager may set the price in their own store.
            const ApiReply own = atA1.post("/v1/commands", price(m_w.a.productId, a1->id, 1234));
            QVERIFY2(own.status == 200, qPrintable(own.describe()));
        }
        atA1.signOut();
    }
}

QTEST_GUILESS_MAIN(tst_isolation)
#include "tst_isolation.moc"
