// posctl driven as an operator would: real processes, the real system keychain (this test runs
// inside tests/support/with-keyring.sh), then the store opened through core to check what the
// commands really did.
#include "store/KeychainKeyStore.h"
#include "store/StoreFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pos;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run posctl(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(POSCTL), args);
    if (!p.waitForStarted())
        return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QByteArray sha(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestPosctl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void initMakesAnEncryptedStore();
    void badCsvImportsNothingAndNamesEveryLine();
    void goodCsvImports();
    void seedAndReports();
    void sealedKeyFileInsteadOfKeychain();
    void wrongUsage_data();
    void wrongUsage();

private:
    QStringList dir() const { return {QStringLiteral("--data-dir"), m_dir.path()}; }
    qint64 productCount();
    QTemporaryDir m_dir;
    QString m_db;
};

void TestPosctl::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("register.db"));
}

qint64 TestPosctl::productCount()
{
    KeychainKeyStore keys;
    auto db = StoreFile::openExisting(m_db, keys);
    if (!db)
        return -1;
    auto n = (*db)->scalar("SELECT count(*) FROM products");
    return n ? *n : -1;
}

void TestPosctl::initMakesAnEncryptedStore()
{
    auto r = posctl(dir() + QStringList{QStringLiteral("init"), QStringLiteral("--store"),
                                        QStringLiteral("Corner Shop")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Created the encrypted store")), qPrintable(r.out));
    QFile f(m_db);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.read(16).startsWith("SQLite format 3"));
    // Running init again changes nothing.
    r = posctl(dir() + QStringList{QStringLiteral("init")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("already set up for Corner Shop")));
    r = posctl(dir() + QStringList{QStringLiteral("tax-class"), QStringLiteral("STD"),
                                   QStringLiteral("19"), QStringLiteral("--name"),
                                   QStringLiteral("Standard")});
    QCOMPARE(r.code, 0);
    r = posctl(dir() + QStringList{QStringLiteral("tax-class"), QStringLiteral("BAD"),
                                   QStringLiteral("120")});
    QCOMPARE(r.code, 2);
    QCOMPARE(productCount(), 0);
}

void TestPosctl::badCsvImportsNothingAndNamesEveryLine()
{
    const QString csv = m_dir.filePath(QStringLiteral("bad.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("sku,name,price,tax_code,barcodes\n"
            "A1,Apples,1.99,STD,4006381333931\n" // line 2: good
            "A2,Pears,-3.00,STD,\n"              // line 3: negative price
            "A3,Plums,0.99,STD,4006381333932\n"  // line 4: wrong check digit
            "A4,,0.99,STD,\n"                    // line 5: no name
            "A5,Figs,0.99,NOPE,\n"               // line 6: unknown tax class
            "A1,Apples again,1.00,STD,\n");      // line 7: duplicate SKU
    f.close();
    auto r = posctl(dir() + QStringList{QStringLiteral("import-catalog"), csv});
    QCOMPARE(r.code, 1);
    for (int line : {3, 4, 5, 6, 7})
        QVERIFY2(r.err.contains(csv + u':' + QString::number(line) + u':'), qPrintable(r.err));
    QVERIFY(!r.err.contains(csv + QStringLiteral(":2:")));
    QVERIFY(r.err.contains(QStringLiteral("nothing was imported")));
    QCOMPARE(productCount(), 0);
}

void TestPosctl::goodCsvImports()
{
    const QString csv = m_dir.filePath(QStringLiteral("good.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("sku,name,price,tax_code,barcodes,sold_by_weight\n"
            "A1,Apples,1.99,STD,4006381333931,0\n"
            "C1,\"Cheese, aged\",24.90,STD,,1\n"
            "B1,Bread,3.20,STD,73513537|036000291452,0\n");
    f.close();
    auto r = posctl(dir() + QStringList{QStringLiteral("import-catalog"), csv});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("Imported 3 products")));
    QCOMPARE(productCount(), 3);
}

void TestPosctl::seedAndReports()
{
    auto r = posctl(dir() + QStringList{QStringLiteral("seed-demo"), QStringLiteral("--products"),
                                        QStringLiteral("200"), QStringLiteral("--customers"),
                                        QStringLiteral("20"), QStringLiteral("--sales"),
                                        QStringLiteral("12")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(productCount(), 203);
    r = posctl(dir() + QStringList{QStringLiteral("report"), QStringLiteral("x")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("X REPORT")));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\nSales +12\\n"))),
             qPrintable(r.out));
    r = posctl(dir() + QStringList{QStringLiteral("report"), QStringLiteral("z"),
                                   QStringLiteral("--counted"), QStringLiteral("abc")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("'abc' is not an amount")));
    r = posctl(dir() + QStringList{QStringLiteral("report"), QStringLiteral("z"),
                                   QStringLiteral("--counted"), QStringLiteral("200.00")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("Z REPORT")));
    QVERIFY(r.out.contains(QStringLiteral("Counted")));
    // The shift is closed now: no X report, but the Z report can be printed again.
    r = posctl(dir() + QStringList{QStringLiteral("report"), QStringLiteral("x")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("open a shift first")));
    r = posctl(dir() + QStringList{QStringLiteral("report"), QStringLiteral("z")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("Z REPORT")));
}

void TestPosctl::sealedKeyFileInsteadOfKeychain()
{
    QTemporaryDir other;
    const QString keyFile = other.filePath(QStringLiteral("register.keys"));
    const QStringList base = {QStringLiteral("--data-dir"), other.path(),
                              QStringLiteral("--key-file"), keyFile};
    const QByteArray pass = "correct horse battery staple\n";
    auto r = posctl(base + QStringList{QStringLiteral("init")}, "too short\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("at least 12 characters")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(keyFile));
    QVERIFY(!QFileInfo::exists(other.filePath(QStringLiteral("register.db"))));
    r = posctl(base + QStringList{QStringLiteral("init")}, pass);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("sealed key file")));
    QVERIFY(!r.out.contains(QStringLiteral("correct horse")));
    const QString store = other.filePath(QStringLiteral("register.db"));
    const QByteArray storeBefore = sha(store);
    const QByteArray keysBefore = sha(keyFile);
    r = posctl(base + QStringList{QStringLiteral("report"), QStringLiteral("x")},
               "wrong passphrase\n");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("passphrase is wrong")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("wrong passphrase")));
    QCOMPARE(sha(store), storeBefore);
    QCOMPARE(sha(keyFile), keysBefore);
    r = posctl(base + QStringList{QStringLiteral("report"), QStringLiteral("x")}, pass);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("open a shift first")), qPrintable(r.err));
}

void TestPosctl::wrongUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("nothing") << QStringList{} << 2;
    QTest::newRow("unknown") << QStringList{QStringLiteral("frobnicate")} << 2;
    QTest::newRow("negative count")
        << QStringList{QStringLiteral("seed-demo"), QStringLiteral("--products"),
                       QStringLiteral("-5")}
        << 2;
    QTest::newRow("report y") << QStringList{QStringLiteral("report"), QStringLiteral("y")} << 2;
    QTest::newRow("missing file") << QStringList{QStringLiteral("import-catalog"),
                                                 QStringLiteral("/nonexistent/file.csv")}
                                  << 1;
}

void TestPosctl::wrongUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    auto r = posctl(dir() + args);
    QCOMPARE(r.code, code);
    QVERIFY(!r.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestPosctl)
#include "tst_posctl.moc"
