#include "catalog/CatalogService.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include "TestStaff.h"
#include "TestStore.h"

#include <QTest>

using namespace pos;
using namespace Qt::StringLiterals;

namespace {

NewProduct product(const QString& sku, const QString& name, QList<QString> barcodes = {},
                   qint64 price = 199)
{
    NewProduct p;
    p.sku = sku;
    p.name = name;
    p.priceMinor = price;
    p.costMinor = price / 2;
    p.taxCode = u"STD"_s;
    p.category = u"Dairy"_s;
    p.barcodes = std::move(barcodes);
    return p;
}

QStringList skus(const QList<Product>& products)
{
    QStringList out;
    for (const Product& p : products)
        out << p.sku;
    out.sort();
    return out;
}

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void addAndLookup();
    void lookupScan();
    void search_data();
    void search();
    void searchSurvivesFtsSyntax_data();
    void searchSurvivesFtsSyntax();
    void searchLimit();
    void inactiveHidden();
    void duplicatesRefusedAndNothingChanged();
    void validation_data();
    void validation();
    void unknownLookups();
    void updateProduct();
    void taxClasses();

private:
    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<AccessControl> m_access;
    Session m_manager; // catalog.edit and margins.view
    std::unique_ptr<CatalogService> m_catalog;
};

void TestCatalog::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_access = std::make_unique<AccessControl>(m_store->db());
    m_manager = test::TestStaff(m_store->db(), m_store->keys()).signIn(Role::Manager);
    m_catalog = std::make_unique<CatalogService>(m_store->db(), *m_access, u"EUR"_s);
    QVERIFY(
        m_catalog->addTaxClass(m_manager, {0, u"STD"_s, u"Standard"_s, 190000, true}).has_value());
    QVERIFY(
        m_catalog->addTaxClass(m_manager, {0, u"RED"_s, u"Reduced"_s, 70000, true}).has_value());
    const QList<NewProduct> items = {
        product(u"MILK-1"_s, u"Organic Whole Milk 1L"_s, {u"4006381333931"_s}, 129),
        product(u"MILK-2"_s, u"Semi Skimmed Milk 1L"_s, {u"73513537"_s}),
        product(u"COF-500"_s, u"Dark Roast Coffee Beans 500g"_s, {u"036000291452"_s}, 899),
        product(u"CHOC-1"_s, u"Milk Chocolate Bar"_s, {u"ABC-123"_s, u"9780306406157"_s}),
        product(u"OR-1"_s, u"Oranges OR Lemons"_s),
        product(u"NEAR-1"_s, u"Near Beer 0.5L"_s),
    };
    for (const NewProduct& p : items) {
        auto id = m_catalog->addProduct(m_manager, p);
        QVERIFY2(id.has_value(), id ? "" : qPrintable(id.error().message));
    }
}

void TestCatalog::cleanup()
{
    m_catalog.reset();
    m_access.reset();
    m_store.reset();
}

void TestCatalog::addAndLookup()
{
    auto p = m_catalog->findByBarcode(m_manager, u"4006381333931");
    QVERIFY2(p.has_value(), p ? "" : qPrintable(p.error().message));
    QCOMPARE(p->sku, u"MILK-1"_s);
    QCOMPARE(p->name, u"Organic Whole Milk 1L"_s);
    QCOMPARE(p->price, Money(129, u"EUR"_s));
    QCOMPARE(p->costMinor, qint64(64));
    QCOMPARE(p->tax.code, u"STD"_s);
    QCOMPARE(p->tax.ratePpm, qint64(190000));
    QCOMPARE(p->category, u"Dairy"_s);
    QCOMPARE(p->barcodes, QList<QString>{u"4006381333931"_s});

    auto bySku = m_catalog->findBySku(m_manager, u" CHOC-1 ");
    QVERIFY(bySku.has_value());
    QCOMPARE(bySku->barcodes, (QList<QString>{u"9780306406157"_s, u"ABC-123"_s}));
    auto byId = m_catalog->findById(m_manager, bySku->id);
    QVERIFY(byId.has_value());
    QCOMPARE(byId->name, u"Milk Chocolate Bar"_s);
    auto second = m_catalog->findByBarcode(m_manager, u"ABC-123");
    QVERIFY(second.has_value());
    QCOMPARE(second->id, bySku->id);
    QCOMPARE(*m_catalog->productCount(m_manager), qint64(6));
    QCOMPARE(*m_catalog->categories(m_manager), QList<QString>{u"Dairy"_s});
}

void TestCatalog::lookupScan()
{
    auto byCode = m_catalog->lookupScan(m_manager, u" 036000291452 ");
    QVERIFY(byCode.has_value());
    QCOMPARE(byCode->sku, u"COF-500"_s);
    auto bySku = m_catalog->lookupScan(m_manager, u"MILK-2");
    QVERIFY(bySku.has_value());
    QCOMPARE(bySku->sku, u"MILK-2"_s);
    auto wrongCheck = m_catalog->lookupScan(m_manager, u"4006381333932");
    QVERIFY(!wrongCheck);
    QCOMPARE(wrongCheck.error().code, ErrorCode::InvalidInput);
    QVERIFY2(wrongCheck.error().message.contains(u"check digit should be 1"_s),
             qPrintable(wrongCheck.error().message));
    auto none = m_catalog->lookupScan(m_manager, u"NOPE-9");
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::NotFound);
    QCOMPARE(none.error().message, u"no product has barcode or SKU 'NOPE-9'"_s);
}

void TestCatalog::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("one prefix") << u"mil"_s << QStringList{u"CHOC-1"_s, u"MILK-1"_s, u"MILK-2"_s};
    QTest::newRow("upper case") << u"MILK"_s << QStringList{u"CHOC-1"_s, u"MILK-1"_s, u"MILK-2"_s};
    QTest::newRow("two words") << u"mi who"_s << QStringList{u"MILK-1"_s};
    QTest::newRow("words any order") << u"choc milk"_s << QStringList{u"CHOC-1"_s};
    QTest::newRow("one letter") << u"d"_s << QStringList{u"COF-500"_s};
    QTest::newRow("sku prefix") << u"cof-5"_s << QStringList{u"COF-500"_s};
    QTest::newRow("no match") << u"tofu"_s << QStringList{};
    QTest::newRow("blank") << u"   "_s << QStringList{};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("number") << u"500"_s << QStringList{u"COF-500"_s};
}

void TestCatalog::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    auto r = m_catalog->search(m_manager, text);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QCOMPARE(skus(*r), expected);
}

void TestCatalog::searchSurvivesFtsSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    const QStringList milks{u"CHOC-1"_s, u"MILK-1"_s, u"MILK-2"_s};
    QTest::newRow("quote") << u"\"milk"_s << milks;
    QTest::newRow("two quotes") << u"\"milk\" \""_s << milks;
    QTest::newRow("minus") << u"-milk"_s << milks;
    QTest::newRow("star") << u"mil*"_s << milks;
    QTest::newRow("stars only") << u"***"_s << QStringList{};
    QTest::newRow("OR is a word") << u"OR"_s << QStringList{u"MILK-1"_s, u"OR-1"_s};
    QTest::newRow("OR between") << u"milk OR coffee"_s << QStringList{};
    QTest::newRow("AND NOT") << u"milk AND NOT whole"_s << QStringList{};
    QTest::newRow("NEAR") << u"NEAR"_s << QStringList{u"NEAR-1"_s};
    QTest::newRow("NEAR/3") << u"milk NEAR/3 whole"_s << QStringList{};
    QTest::newRow("parens") << u"(milk"_s << milks;
    QTest::newRow("column filter") << u"name:milk"_s << QStringList{};
    QTest::newRow("caret") << u"^milk"_s << milks;
    QTest::newRow("sql quote") << u"milk'; DROP TABLE products; --"_s << QStringList{};
    QTest::newRow("control chars") << u"mi\x01lk\n"_s << QStringList{};
    QTest::newRow("many words") << u"a b c d e f g h i j k l m n o p"_s << QStringList{};
}

void TestCatalog::searchSurvivesFtsSyntax()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    auto r = m_catalog->search(m_manager, text);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QCOMPARE(skus(*r), expected);
    QCOMPARE(*m_catalog->productCount(m_manager), qint64(6));
}

void TestCatalog::searchLimit()
{
    auto two = m_catalog->search(m_manager, u"m", 2);
    QVERIFY(two.has_value());
    QCOMPARE(two->size(), 2);
    auto zero = m_catalog->search(m_manager, u"m", 0);
    QVERIFY(zero.has_value());
    QVERIFY(zero->isEmpty());
}

void TestCatalog::inactiveHidden()
{
    auto p = m_catalog->findBySku(m_manager, u"MILK-1");
    QVERIFY(p.has_value());
    QVERIFY(m_catalog->setActive(m_manager, p->id, false).has_value());
    QCOMPARE(skus(*m_catalog->search(m_manager, u"milk")), (QStringList{u"CHOC-1"_s, u"MILK-2"_s}));
    auto byCode = m_catalog->findByBarcode(m_manager, u"4006381333931");
    QVERIFY(!byCode);
    QCOMPARE(byCode.error().code, ErrorCode::NotFound);
    QVERIFY2(byCode.error().message.contains(u"inactive"_s), qPrintable(byCode.error().message));
    QCOMPARE(m_catalog->findBySku(m_manager, u"MILK-1").error().code, ErrorCode::NotFound);
    QCOMPARE(m_catalog->lookupScan(m_manager, u"MILK-1").error().code, ErrorCode::NotFound);
    auto byId = m_catalog->findById(m_manager, p->id);
    QVERIFY(byId.has_value());
    QVERIFY(!byId->active);
    QVERIFY(m_catalog->setActive(m_manager, p->id, true).has_value());
    QCOMPARE(skus(*m_catalog->search(m_manager, u"milk")).size(), 3);
    QCOMPARE(m_catalog->setActive(m_manager, 999999, true).error().code, ErrorCode::NotFound);
}

void TestCatalog::duplicatesRefusedAndNothingChanged()
{
    const qint64 before = *m_catalog->productCount(m_manager);
    const qint64 categoriesBefore = *m_store->db().scalar("SELECT count(*) FROM categories");
    auto dupSku = product(u"MILK-1"_s, u"Another Milk"_s, {u"96385074"_s});
    dupSku.category = u"New Category"_s;
    auto r = m_catalog->addProduct(m_manager, dupSku);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Conflict);
    QVERIFY2(r.error().message.contains(u"SKU 'MILK-1' is already used by product"_s),
             qPrintable(r.error().message));

    auto dupCode = product(u"NEW-1"_s, u"New Thing"_s, {u"96385074"_s, u"73513537"_s});
    dupCode.category = u"New Category"_s;
    r = m_catalog->addProduct(m_manager, dupCode);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Conflict);
    QVERIFY2(r.error().message.contains(u"barcode '73513537' is already on product"_s),
             qPrintable(r.error().message));

    QCOMPARE(*m_catalog->productCount(m_manager), before);
    QCOMPARE(*m_store->db().scalar("SELECT count(*) FROM categories"), categoriesBefore);
    QCOMPARE(m_catalog->findByBarcode(m_manager, u"96385074").error().code, ErrorCode::NotFound);
    QCOMPARE(m_catalog->findBySku(m_manager, u"MILK-1")->name, u"Organic Whole Milk 1L"_s);
    QVERIFY(m_catalog->search(m_manager, u"new thing")->isEmpty());
}

void TestCatalog::validation_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("price");
    QTest::addColumn<QString>("tax");
    QTest::addColumn<QString>("barcode");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty sku") << u" "_s << u"X"_s << qint64(1) << u"STD"_s << QString()
                               << u"the SKU is empty"_s;
    QTest::newRow("long sku") << QString(65, u'S') << u"X"_s << qint64(1) << u"STD"_s << QString()
                              << u"65 characters long (at most 64)"_s;
    QTest::newRow("empty name") << u"A1"_s << u""_s << qint64(1) << u"STD"_s << QString()
                                << u"the name is empty"_s;
    QTest::newRow("long name") << u"A1"_s << QString(201, u'n') << qint64(1) << u"STD"_s
                               << QString() << u"201 characters long (at most 200)"_s;
    QTest::newRow("negative price")
        << u"A1"_s << u"X"_s << qint64(-1) << u"STD"_s << QString() << u"the price is negative"_s;
    QTest::newRow("unknown tax") << u"A1"_s << u"X"_s << qint64(1) << u"VAT99"_s << QString()
                                 << u"unknown tax code 'VAT99' (known: RED, STD)"_s;
    QTest::newRow("bad check digit") << u"A1"_s << u"X"_s << qint64(1) << u"STD"_s
                                     << u"4006381333932"_s << u"check digit should be 1"_s;
    QTest::newRow("bad chars") << u"A1"_s << u"X"_s << qint64(1) << u"STD"_s << u"AB CD"_s
                               << u"space at position 3"_s;
}

void TestCatalog::validation()
{
    QFETCH(QString, sku);
    QFETCH(QString, name);
    QFETCH(qint64, price);
    QFETCH(QString, tax);
    QFETCH(QString, barcode);
    QFETCH(QString, messagePart);
    NewProduct p = product(sku, name, {}, price);
    p.taxCode = tax;
    if (!barcode.isEmpty())
        p.barcodes << barcode;
    auto r = m_catalog->addProduct(m_manager, p);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QCOMPARE(*m_catalog->productCount(m_manager), qint64(6));
}

void TestCatalog::unknownLookups()
{
    auto sku = m_catalog->findBySku(m_manager, u"NOPE");
    QVERIFY(!sku);
    QCOMPARE(sku.error().code, ErrorCode::NotFound);
    QCOMPARE(sku.error().message, u"no product has SKU 'NOPE'"_s);
    auto code = m_catalog->findByBarcode(m_manager, u"96385074");
    QVERIFY(!code);
    QCOMPARE(code.error().code, ErrorCode::NotFound);
    QCOMPARE(code.error().message, u"no product has barcode '96385074'"_s);
    auto bad = m_catalog->findByBarcode(m_manager, u"12 34");
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InvalidInput);
    QCOMPARE(m_catalog->findById(m_manager, 424242).error().code, ErrorCode::NotFound);
}

void TestCatalog::updateProduct()
{
    auto p = m_catalog->findBySku(m_manager, u"MILK-2");
    QVERIFY(p.has_value());
    NewProduct changed = product(u"MILK-2"_s, u"Semi Skimmed Milk 1.5L"_s, {u"96385074"_s}, 149);
    changed.category = u"Milk"_s;
    QVERIFY(m_catalog->updateProduct(m_manager, p->id, changed).has_value());
    auto after = m_catalog->findByBarcode(m_manager, u"96385074");
    QVERIFY(after.has_value());
    QCOMPARE(after->name, u"Semi Skimmed Milk 1.5L"_s);
    QCOMPARE(after->price.minor(), qint64(149));
    QCOMPARE(after->category, u"Milk"_s);
    QCOMPARE(m_catalog->findByBarcode(m_manager, u"73513537").error().code, ErrorCode::NotFound);
    QCOMPARE(skus(*m_catalog->search(m_manager, u"skimmed 1.5")), QStringList{u"MILK-2"_s});
    // Taking another product's barcode is refused.
    changed.barcodes = {u"4006381333931"_s};
    QCOMPARE(m_catalog->updateProduct(m_manager, p->id, changed).error().code, ErrorCode::Conflict);
    QCOMPARE(m_catalog->updateProduct(m_manager, 999999, changed).error().code,
             ErrorCode::NotFound);
}

void TestCatalog::taxClasses()
{
    auto all = m_catalog->taxClasses(m_manager);
    QVERIFY(all.has_value());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).code, u"RED"_s);
    QCOMPARE(all->at(0).ratePpm, qint64(70000));
    QCOMPARE(m_catalog->addTaxClass(m_manager, {0, u"STD"_s, u"Again"_s, 1, true}).error().code,
             ErrorCode::Conflict);
    QCOMPARE(
        m_catalog->addTaxClass(m_manager, {0, u"BIG"_s, u"Too big"_s, 1000001, true}).error().code,
        ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
