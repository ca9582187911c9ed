#include "catalog/Barcode.h"
#include "catalog/CatalogService.h"
#include "customers/CustomerService.h"
#include "demo/DemoSeeder.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include "TestStaff.h"
#include "TestStore.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <algorithm>

using namespace pos;
using namespace Qt::StringLiterals;

class TestDemoSeeder : public QObject {
    Q_OBJECT
private slots:
    void seedsProducts();
    void deterministic();
    void appends();
    void seedsCustomers();
    void large(); // POS_DEMO_BENCH=N: seed N products and time lookups (skipped otherwise)
};

void TestDemoSeeder::seedsProducts()
{
    test::TestStore store;
    AccessControl access(store.db());
    const Session manager = test::TestStaff(store.db(), store.keys()).signIn(Role::Manager);
    const auto schema = [&] {
        QStringList out;
        auto q = store.db().query("SELECT type, name, sql FROM sqlite_master ORDER BY name");
        while (q->next().value_or(false))
            out << q->text(0) + u' ' + q->text(1) + u' ' + q->text(2);
        return out;
    };
    const QStringList schemaBefore = schema();
    DemoSeeder seeder(store.db(), access, u"EUR"_s);
    QList<qint64> ticks;
    auto n = seeder.seedProducts(manager, 25'000, [&](qint64 done, qint64 total) {
        QCOMPARE(total, qint64(25'000));
        ticks << done;
    });
    QVERIFY2(n.has_value(), n ? "" : qPrintable(n.error().message));
    QCOMPARE(*n, qint64(25'000));
    QCOMPARE(ticks, (QList<qint64>{10'000, 20'000, 25'000}));
    // The search triggers are suspended during seeding and restored verbatim.
    QCOMPARE(schema(), schemaBefore);
    QCOMPARE(*store.db().scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                                "name LIKE 'products_search_%'"),
             qint64(4));

    Database& db = store.db();
    QCOMPARE(*db.scalar("SELECT count(*) FROM products"), qint64(25'000));
    QCOMPARE(*db.scalar("SELECT count(DISTINCT sku) FROM products"), qint64(25'000));
    QCOMPARE(*db.scalar("SELECT count(*) FROM tax_classes"), qint64(3));
    const qint64 categories = *db.scalar("SELECT count(*) FROM categories");
    QVERIFY2(categories >= 18 && categories <= 25, qPrintable(QString::number(categories)));
    // 25,000 primary codes plus an in-store code on every 20th product.
    QCOMPARE(*db.scalar("SELECT count(*) FROM barcodes"), qint64(25'000 + 1'250));
    QCOMPARE(*db.scalar("SELECT count(*) FROM products p WHERE NOT EXISTS "
                        "(SELECT 1 FROM barcodes b WHERE b.product_id = p.id)"),
             qint64(0));
    const qint64 byWeight = *db.scalar("SELECT count(*) FROM products WHERE sold_by_weight = 1");
    QVERIFY2(byWeight > 250 && byWeight < 5000, qPrintable(QString::number(byWeight)));
    QVERIFY(*db.scalar("SELECT count(*) FROM products WHERE cost_minor >= price_minor") == 0);
    QVERIFY(*db.scalar("SELECT min(price_minor) FROM products") > 0);

    // Every barcode is valid (EAN-13 with the right check digit).
    auto codes = db.query("SELECT code FROM barcodes");
    int checked = 0;
    while (codes->next().value_or(false)) {
        auto b = validateBarcode(codes->text(0));
        QVERIFY2(b.has_value(), qPrintable(codes->text(0)));
        QCOMPARE(b->kind, BarcodeKind::Ean13);
        ++checked;
    }
    QCOMPARE(checked, 26'250);

    // The catalog sees them: barcode, SKU and name search.
    CatalogService catalog(db, access, u"EUR"_s);
    const NewProduct expected = seeder.demoProduct(4242);
    auto p = catalog.findById(manager, 4242);
    QVERIFY(p.has_value());
    QCOMPARE(p->sku, DemoSeeder::demoSku(4242));
    QCOMPARE(p->name, expected.name);
    QCOMPARE(p->price.minor(), expected.priceMinor);
    QVERIFY(p->barcodes.contains(DemoSeeder::demoBarcode(4242)));
    auto found = catalog.search(manager, expected.name, 500);
    QVERIFY(found.has_value());
    if (expected.active) {
        QVERIFY2(std::any_of(found->begin(), found->end(),
                             [](const Product& x) { return x.id == 4242; }),
                 qPrintable(expected.name));
    }
    auto coffee = catalog.search(manager, u"dark roast cof"_s);
    QVERIFY(coffee.has_value());
    QVERIFY(!coffee->isEmpty());
    for (const Product& x : *coffee)
        QVERIFY2(x.name.contains(u"Dark Roast Coffee"_s), qPrintable(x.name));
    QCOMPARE(*db.scalar("SELECT count(*) FROM product_search WHERE product_search MATCH 'milk'"),
             *db.scalar("SELECT count(*) FROM products WHERE name LIKE '%milk%'"));
}

void TestDemoSeeder::deterministic()
{
    test::TestStore store;
    AccessControl access(store.db());
    DemoSeeder a(store.db(), access, u"EUR"_s, 7);
    DemoSeeder b(store.db(), access, u"EUR"_s, 7);
    DemoSeeder c(store.db(), access, u"EUR"_s, 8);
    int differs = 0;
    for (qint64 i = 1; i <= 50; ++i) {
        const NewProduct pa = a.demoProduct(i);
        const NewProduct pb = b.demoProduct(i);
        QCOMPARE(pa.name, pb.name);
        QCOMPARE(pa.priceMinor, pb.priceMinor);
        QCOMPARE(pa.barcodes, pb.barcodes);
        if (c.demoProduct(i).name != pa.name)
            ++differs;
    }
    QVERIFY(differs > 25);
    QCOMPARE(DemoSeeder::demoSku(12), u"D0000012"_s);
    QVERIFY(validateBarcode(DemoSeeder::demoBarcode(1)).has_value());
}

void TestDemoSeeder::appends()
{
    test::TestStore store;
    AccessControl access(store.db());
    const Session manager = test::TestStaff(store.db(), store.keys()).signIn(Role::Manager);
    DemoSeeder seeder(store.db(), access, u"EUR"_s);
    QVERIFY(seeder.seedProducts(manager, 100).has_value());
    QVERIFY(seeder.seedProducts(manager, 50).has_value());
    QCOMPARE(*store.db().scalar("SELECT count(*) FROM products"), qint64(150));
    CatalogService catalog(store.db(), access, u"EUR"_s);
    auto last = catalog.findByBarcode(manager, DemoSeeder::demoBarcode(150));
    if (seeder.demoProduct(150).active) {
        QVERIFY2(last.has_value(), last ? "" : qPrintable(last.error().message));
        QCOMPARE(last->sku, u"D0000150"_s);
    }
    QCOMPARE(*store.db().scalar("SELECT count(*) FROM tax_classes"), qint64(3));
    // Products added after seeding are still indexed by the restored triggers.
    CatalogService more(store.db(), access, u"EUR"_s);
    NewProduct p;
    p.sku = u"AFTER-1"_s;
    p.name = u"Zanzibar Clove Tea"_s;
    p.taxCode = u"RED"_s;
    QVERIFY(more.addProduct(manager, p).has_value());
    QCOMPARE(more.search(manager, u"zanzib"_s)->size(), 1);
    QCOMPARE(*store.db().scalar("SELECT count(*) FROM product_search WHERE product_search "
                                "MATCH 'd0000*'"),
             qint64(150));
}

void TestDemoSeeder::seedsCustomers()
{
    test::TestStore store;
    AccessControl access(store.db());
    const Session manager = test::TestStaff(store.db(), store.keys()).signIn(Role::Manager);
    DemoSeeder seeder(store.db(), access, u"EUR"_s);
    auto n = seeder.seedCustomers(manager, 300);
    QVERIFY2(n.has_value(), n ? "" : qPrintable(n.error().message));
    QCOMPARE(*store.db().scalar("SELECT count(*) FROM customers"), qint64(300));
    QCOMPARE(*store.db().scalar("SELECT count(DISTINCT uuid) FROM customers"), qint64(300));
    QCOMPARE(*store.db().scalar("SELECT count(*) FROM customers WHERE email NOT LIKE "
                                "'%@example.com' OR phone NOT LIKE '+49 1%'"),
             qint64(0));
    SequentialIdSource ids;
    SystemClock clock;
    CustomerService customers(store.db(), access, clock, ids);
    auto first = customers.find(manager, 1);
    QVERIFY(first.has_value());
    const QString lastName = first->name.section(u' ', 1);
    auto found = customers.search(manager, lastName, 500);
    QVERIFY(found.has_value());
    QVERIFY(!found->isEmpty());
    for (const Customer& c : *found)
        QVERIFY(c.name.contains(lastName));
}

void TestDemoSeeder::large()
{
    const qint64 n = qEnvironmentVariableIntValue("POS_DEMO_BENCH");
    if (n <= 0)
        QSKIP("set POS_DEMO_BENCH=1000000 to seed a large catalog and time it");
    test::TestStore store;
    AccessControl access(store.db());
    const Session manager = test::TestStaff(store.db(), store.keys()).signIn(Role::Manager);
    DemoSeeder seeder(store.db(), access, u"EUR"_s);
    QElapsedTimer t;
    t.start();
    auto seeded = seeder.seedProducts(manager, n);
    QVERIFY(seeded.has_value());
    qInfo("seeded %lld products in %.2f s", n, double(t.elapsed()) / 1000.0);

    CatalogService catalog(store.db(), access, u"EUR"_s);
    QList<qint64> lookups;
    for (qint64 i = 1; i <= 10'000; ++i) {
        const qint64 index = 1 + (i * 7919) % n;
        QElapsedTimer one;
        one.start();
        auto p = catalog.lookupScan(manager, DemoSeeder::demoBarcode(index));
        lookups << one.nsecsElapsed();
        QVERIFY(p.has_value() || p.error().code == ErrorCode::NotFound);
    }
    std::sort(lookups.begin(), lookups.end());
    qInfo("barcode lookup: median %.3f ms, p99 %.3f ms", double(lookups[5000]) / 1e6,
          double(lookups[9900]) / 1e6);
    QVERIFY(lookups[9900] < 1'000'000);

    const QStringList queries = {u"a"_s,      u"m"_s,       u"s"_s,         u"or"_s,
                                 u"milk"_s,   u"dark ro"_s, u"organic w"_s, u"p"_s,
                                 u"d00001"_s, u"d0005"_s,   u"zzz"_s,       u"sunny vale c"_s};
    for (const QString& q : queries) {
        QList<qint64> times;
        qsizetype hits = 0;
        for (int k = 0; k < 50; ++k) {
            QElapsedTimer one;
            one.start();
            auto r = catalog.search(manager, q);
            times << one.nsecsElapsed();
            QVERIFY(r.has_value());
            hits = r->size();
        }
        std::sort(times.begin(), times.end());
        qInfo("search '%s': %lld hits, median %.3f ms, max %.3f ms", qPrintable(q), qint64(hits),
              double(times[25]) / 1e6, double(times.last()) / 1e6);
    }
}

QTEST_GUILESS_MAIN(TestDemoSeeder)
#include "tst_demoseeder.moc"
