#include "catalog/CatalogService.h"
#include "catalog/CsvImporter.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include "TestStaff.h"
#include "TestStore.h"

#include <QFile>
#include <QTest>

using namespace pos;
using namespace Qt::StringLiterals;

class TestCsvImport : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void goodFileImports();
    void quotedFields();
    void brokenRowsReportedAndNothingImported();
    void duplicatesAgainstCatalog();
    void badFiles_data();
    void badFiles();
    void progressAndFile();

private:
    Result<ImportReport> run(const QByteArray& csv)
    {
        return CsvImporter(m_store->db(), *m_access, u"EUR"_s)
            .importData(m_manager, csv, u"test.csv"_s);
    }
    qint64 productCount() { return *m_store->db().scalar("SELECT count(*) FROM products"); }

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<AccessControl> m_access;
    Session m_manager; // catalog.edit and margins.view
    std::unique_ptr<CatalogService> m_catalog;
};

void TestCsvImport::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_access = std::make_unique<AccessControl>(m_store->db());
    m_manager = test::TestStaff(m_store->db(), m_store->keys()).signIn(Role::Manager);
    m_catalog = std::make_unique<CatalogService>(m_store->db(), *m_access, u"EUR"_s);
    QVERIFY(
        m_catalog->addTaxClass(m_manager, {0, u"STD"_s, u"Standard"_s, 190000, true}).has_value());
    QVERIFY(
        m_catalog->addTaxClass(m_manager, {0, u"RED"_s, u"Reduced"_s, 70000, true}).has_value());
    NewProduct existing;
    existing.sku = u"OLD-1"_s;
    existing.name = u"Existing Tea"_s;
    existing.priceMinor = 250;
    existing.taxCode = u"RED"_s;
    existing.barcodes = {u"96385074"_s};
    QVERIFY(m_catalog->addProduct(m_manager, existing).has_value());
}

void TestCsvImport::cleanup()
{
    m_catalog.reset();
    m_access.reset();
    m_store.reset();
}

void TestCsvImport::goodFileImports()
{
    const QByteArray csv = "\xEF\xBB\xBFSKU,Name,price,cost,tax_code,category,barcodes,active,"
                           "sold_by_weight\r\n"
                           "MILK-1,Organic Whole Milk 1L,1.29,0.80,RED,Dairy,4006381333931,1,0\r\n"
                           "BAN-1,Bananas,1.99,,RED,Produce,,yes,true\r\n"
                           "COF-1,Dark Roast Coffee Beans 500g,8.99,5,STD,,036000291452|ABC-7,"
                           "false,no\r\n"
                           "\r\n"
                           "M\xC3\x9CSLI-1,M\xC3\xBCsli Crunchy,3,,RED,Breakfast,,,\r\n";
    auto r = run(csv);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QVERIFY2(r->issues.isEmpty(), r->issues.isEmpty() ? "" : qPrintable(r->issues[0].message));
    QCOMPARE(r->imported, qint64(4));
    QCOMPARE(productCount(), qint64(5));

    auto milk = m_catalog->findByBarcode(m_manager, u"4006381333931");
    QVERIFY(milk.has_value());
    QCOMPARE(milk->name, u"Organic Whole Milk 1L"_s);
    QCOMPARE(milk->price.minor(), qint64(129));
    QCOMPARE(milk->costMinor, qint64(80));
    QCOMPARE(milk->tax.code, u"RED"_s);
    QCOMPARE(milk->category, u"Dairy"_s);
    auto banana = m_catalog->findBySku(m_manager, u"BAN-1");
    QVERIFY(banana.has_value());
    QVERIFY(banana->soldByWeight);
    QCOMPARE(banana->costMinor, qint64(0));
    QVERIFY(banana->barcodes.isEmpty());
    auto coffee = m_catalog->findById(
        m_manager, m_catalog->lookupScan(m_manager, u"ABC-7").has_value() ? 0 : 4);
    QVERIFY(coffee.has_value());
    QCOMPARE(coffee->sku, u"COF-1"_s);
    QVERIFY(!coffee->active);
    QCOMPARE(coffee->barcodes, (QList<QString>{u"036000291452"_s, u"ABC-7"_s}));
    QCOMPARE(coffee->price.minor(), qint64(899));
    QCOMPARE(coffee->costMinor, qint64(500));
    auto muesli = m_catalog->findBySku(m_manager, u"MÜSLI-1");
    QVERIFY(muesli.has_value());
    QCOMPARE(muesli->name, u"Müsli Crunchy"_s);
    QCOMPARE(m_catalog->search(m_manager, u"müsli")->size(), 1);
}

void TestCsvImport::quotedFields()
{
    const QByteArray csv = "sku,name,price,tax_code,category\n"
                           "\"Q-1\",\"Cheese, Aged \"\"Extra\"\" 200g\",4.50,STD,\"Deli, Fine\"\n"
                           "Q-3,Plain,\"1.00\",STD,\"\"\n"
                           "Q-4,\"Crlf\r\nInside\",\"2,50\",STD,x\r\n";
    auto r = run(csv);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    // The record on line 4 spans two lines; a line break is not allowed in a product name.
    QCOMPARE(r->issues.size(), 1);
    QCOMPARE(r->issues[0].line, qint64(4));
    QVERIFY2(r->issues[0].message.contains(u"the name contains a control character"_s),
             qPrintable(r->issues[0].message));
    QCOMPARE(productCount(), qint64(1));

    r = run("sku,name,price,tax_code,category\n"
            "\"Q-1\",\"Cheese, Aged \"\"Extra\"\" 200g\",4.50,STD,\"Deli, Fine\"\n"
            "Q-3,Plain,\"1.00\",STD,\"\"\n"
            "Q-4,\"Comma, Decimal\",\"2,50\",STD,x");
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QVERIFY2(r->issues.isEmpty(), r->issues.isEmpty() ? "" : qPrintable(r->issues[0].message));
    QCOMPARE(r->imported, qint64(3));
    auto q1 = m_catalog->findBySku(m_manager, u"Q-1");
    QVERIFY(q1.has_value());
    QCOMPARE(q1->name, u"Cheese, Aged \"Extra\" 200g"_s);
    QCOMPARE(q1->category, u"Deli, Fine"_s);
    QCOMPARE(q1->price.minor(), qint64(450));
    QCOMPARE(m_catalog->findBySku(m_manager, u"Q-3")->category, QString());
    QCOMPARE(m_catalog->findBySku(m_manager, u"Q-4")->price.minor(), qint64(250));
}

void TestCsvImport::brokenRowsReportedAndNothingImported()
{
    const QByteArray csv =
        "sku,name,price,cost,tax_code,category,barcodes,active,sold_by_weight\n" // 1
        "OK-1,Fine Product,1.00,,STD,,4006381333931,,\n"                         // 2 good
        "BAD-1,Unknown Tax,1.00,,VAT99,,,,\n"                                    // 3
        "BAD-2,Bad Barcode,1.00,,STD,,4006381333932,,\n"                         // 4
        "BAD-3,Negative,-1.00,,STD,,,,\n"                                        // 5
        "BAD-4,,1.00,,STD,,,,\n"                                                 // 6
        "OK-1,Duplicate SKU,1.00,,STD,,,,\n"                                     // 7
        "BAD-6,Duplicate Barcode,1.00,,STD,,4006381333931,,\n"                   // 8
        "BAD-7,Too Few Fields,1.00\n"                                            // 9
        "BAD-8,Huge,99999999999999999999,,STD,,,,\n"                             // 10
        "BAD-9,\"Name\nWith Break\",1.00,,STD,,,,\n"                             // 11-12
        "BAD-10,Flag,1.00,,STD,,,maybe,\n"                                       // 13
        "BAD-11,Three Decimals,1.005,,STD,,,,\n"                                 // 14
        "BAD-12,Stray \"quote,1.00,,STD,,,,\n"                                   // 15
        "BAD-13,Existing Barcode,1.00,,STD,,96385074,,\n"                        // 16
        "OLD-1,Existing SKU,1.00,,STD,,,,\n"                                     // 17
        "BAD-15,Empty barcode entry,1.00,,STD,,73513537||036000291452,,\n"       // 18
        "BAD-16,\"Unterminated,1.00,,STD,,,,\n"                                  // 19
        "NEVER,Read,1.00,,STD,,,,\n";
    const qint64 before = productCount();
    auto r = run(csv);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->imported, qint64(0));
    QCOMPARE(productCount(), before);
    QCOMPARE(*m_store->db().scalar("SELECT count(*) FROM categories"), qint64(0));

    QList<qint64> lines;
    for (const ImportIssue& i : r->issues)
        lines << i.line;
    QCOMPARE(lines, (QList<qint64>{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19}));
    const auto message = [&](qint64 line) {
        for (const ImportIssue& i : r->issues) {
            if (i.line == line)
                return i.message;
        }
        return QString();
    };
    const auto expect = [&](qint64 line, const QString& part) {
        QVERIFY2(message(line).contains(part),
                 qPrintable(u"line %1: %2"_s.arg(line).arg(message(line))));
    };
    expect(3, u"unknown tax code 'VAT99' (known: RED, STD)"_s);
    expect(4, u"check digit should be 1"_s);
    expect(5, u"negative"_s);
    expect(6, u"the name is empty"_s);
    expect(7, u"SKU 'OK-1' is also on line 2"_s);
    expect(8, u"barcode '4006381333931' is also on line 2"_s);
    expect(9, u"has 3 field(s) but the header has 9"_s);
    expect(10, u"too large"_s);
    expect(11, u"the name contains a control character"_s);
    expect(13, u"active must be 1/0, yes/no or true/false, not 'maybe'"_s);
    expect(14, u"at most 2 decimals"_s);
    expect(15, u"a quote inside an unquoted field"_s);
    expect(16, u"barcode '96385074' is already on product 1"_s);
    expect(17, u"SKU 'OLD-1' is already used by product 1"_s);
    expect(18, u"empty entry"_s);
    expect(19, u"never closed"_s);
}

void TestCsvImport::duplicatesAgainstCatalog()
{
    auto r = run("sku,name,price,tax_code,barcodes\nNEW-1,New,1,STD,96385074|73513537\n");
    QVERIFY(r.has_value());
    QCOMPARE(r->issues.size(), 1);
    QCOMPARE(r->issues[0].line, qint64(2));
    QVERIFY2(r->issues[0].message.contains(u"96385074"_s), qPrintable(r->issues[0].message));
    QVERIFY(!r->issues[0].message.contains(u"73513537"_s));
    QCOMPARE(productCount(), qint64(1));
}

void TestCsvImport::badFiles_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty") << QByteArray() << u"is empty"_s;
    QTest::newRow("only bom") << QByteArray("\xEF\xBB\xBF\r\n") << u"is empty"_s;
    QTest::newRow("unknown column")
        << QByteArray("sku,name,price,tax_code,colour\n") << u"unknown column 'colour'"_s;
    QTest::newRow("missing column")
        << QByteArray("sku,price\nA,1\n") << u"lacks the required column(s) name, tax_code"_s;
    QTest::newRow("twice") << QByteArray("sku,name,price,tax_code,SKU\n")
                           << u"names the column 'sku' twice"_s;
    QTest::newRow("data as header")
        << QByteArray("A-1,Milk,1.00,STD\n") << u"unknown column 'A-1'"_s;
}

void TestCsvImport::badFiles()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, messagePart);
    auto r = run(csv);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QCOMPARE(productCount(), qint64(1));
}

void TestCsvImport::progressAndFile()
{
    QByteArray csv = "sku,name,price,tax_code\n";
    for (int i = 0; i < 12'000; ++i)
        csv += "P-" + QByteArray::number(i) + ",Product " + QByteArray::number(i) + ",1.00,STD\n";
    const QString path = m_store->dir() + u"/catalog.csv"_s;
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(csv);
    f.close();
    QList<QPair<qint64, qint64>> ticks;
    auto r = importCsv(m_store->db(), *m_access, m_manager, path, u"EUR"_s,
                       [&](qint64 done, qint64 total) {
                           ticks.append({done, total});
                       });
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->imported, qint64(12'000));
    QCOMPARE(productCount(), qint64(12'001));
    QVERIFY(!ticks.isEmpty());
    QCOMPARE(ticks.last(), (QPair<qint64, qint64>(24'000, 24'000)));
    for (const auto& t : ticks)
        QVERIFY(t.first <= t.second);
    // A file this big is indexed in one rebuild; search sees it and the triggers are back.
    QCOMPARE(m_catalog->search(m_manager, u"product 11999"_s)->size(), 1);
    QCOMPARE(m_catalog->search(m_manager, u"product"_s, 500)->size(), 500);
    QCOMPARE(*m_store->db().scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                   "AND name LIKE 'products_search_%'"),
             qint64(4));

    auto missing = importCsv(m_store->db(), *m_access, m_manager, path + u".nope"_s, u"EUR"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::Io);
}

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
