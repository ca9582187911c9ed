// ENC-1/ENC-4 end to end: the register's store opened the way the app opens it (StoreFile at
// StoreFile::defaultPath() with the real system keychain), a product and a customer added through
// the services, a sale of it to that customer completed, and then every byte of every file the run
// could have written is searched for the distinctive product name and phone number, in UTF-8 and
// UTF-16, while the store is open (data in the -wal) and again after it is closed. A control file
// with the same strings proves the search finds them when they are there.

#include "Clock.h"
#include "TestStaff.h"
#include "audit/AuditLog.h"
#include "catalog/CatalogService.h"
#include "customers/CustomerService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "store/KeychainKeyStore.h"
#include "store/StoreFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

using namespace pos;

namespace {

const QString ProductName = QStringLiteral("Quokka Saffron Marmalade 7731");
const QString Phone = QStringLiteral("015173592864");

QByteArray utf16(const QString& s, bool bigEndian)
{
    QByteArray out;
    for (QChar c : s) {
        const auto u = c.unicode();
        const char hi = static_cast<char>(u >> 8);
        const char lo = static_cast<char>(u & 0xff);
        out.append(bigEndian ? hi : lo);
        out.append(bigEndian ? lo : hi);
    }
    return out;
}

// Needle name -> bytes. Lower case too: the FTS4 index keeps lower-cased words of the name.
QMap<QString, QByteArray> needles()
{
    QMap<QString, QByteArray> n;
    const QString word = QStringLiteral("quokka");
    for (const auto& [label, text] :
         {std::pair{QStringLiteral("name"), ProductName},
          std::pair{QStringLiteral("name lower"), ProductName.toLower()},
          std::pair{QStringLiteral("name word"), word},
          std::pair{QStringLiteral("phone"), Phone}}) {
        n.insert(label + QStringLiteral(" utf-8"), text.toUtf8());
        n.insert(label + QStringLiteral(" utf-16le"), utf16(text, false));
        n.insert(label + QStringLiteral(" utf-16be"), utf16(text, true));
    }
    return n;
}

// Every regular file under the roots -> the needles found in it (files without hits left out).
QMap<QString, QStringList> scan(const QStringList& roots, int* filesScanned)
{
    const auto n = needles();
    QMap<QString, QStringList> hits;
    *filesScanned = 0;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!QFileInfo(path).isFile() || !f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            ++*filesScanned;
            for (auto i = n.cbegin(); i != n.cend(); ++i) {
                if (bytes.contains(i.value()))
                    hits[path].append(i.key());
            }
        }
    }
    return hits;
}

QString describe(const QMap<QString, QStringList>& hits)
{
    QStringList parts;
    for (auto it = hits.cbegin(); it != hits.cend(); ++it)
        parts << it.key() + QStringLiteral(": ") + it.value().join(QStringLiteral(", "));
    return parts.join(QStringLiteral("; "));
}

} // namespace

class TestEncryptionAtRest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void nothingReadableOnDisk();

private:
    void expectOnlyControlHits(const QString& when);

    QTemporaryDir m_home;
    QStringList m_roots;
    QString m_control;
    QString m_controlUtf16;
};

void TestEncryptionAtRest::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("run this test through tests/support/with-keyring.sh (ctest does)");
    QVERIFY(m_home.isValid());
    // The keyring daemon's files live under the folders with-keyring.sh made; scan them as well,
    // but only when they are temporary folders (never a real home directory).
    const QString tmp = QDir::tempPath();
    for (const char* var : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
        const QString dir = qEnvironmentVariable(var);
        if (!dir.isEmpty() && dir.startsWith(tmp + QLatin1Char('/')) && QFileInfo(dir).isDir())
            m_roots << dir;
    }
    for (const char* sub : {"home", "data", "config", "cache"})
        QVERIFY(QDir(m_home.path()).mkpath(QLatin1String(sub)));
    qputenv("HOME", QFile::encodeName(m_home.filePath(QStringLiteral("home"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("cache"))));
    m_roots.prepend(m_home.path());

    // Controls: the same strings in plain files, found by the same scan.
    m_control = m_home.filePath(QStringLiteral("control-plaintext.txt"));
    m_controlUtf16 = m_home.filePath(QStringLiteral("control-utf16.txt"));
    QFile c(m_control);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(QStringLiteral("product: %1\nphone: %2\n").arg(ProductName, Phone).toUtf8());
    c.close();
    QFile u(m_controlUtf16);
    QVERIFY(u.open(QIODevice::WriteOnly));
    u.write(utf16(ProductName + QStringLiteral(" / ") + Phone, false));
    u.close();
}

void TestEncryptionAtRest::expectOnlyControlHits(const QString& when)
{
    int files = 0;
    const auto hits = scan(m_roots, &files);
    qInfo("%s: scanned %d files under %s", qPrintable(when), files,
          qPrintable(m_roots.join(QStringLiteral(", "))));
    // The scanner works: each control shows its own encoding.
    QVERIFY2(hits.value(m_control).contains(QStringLiteral("name utf-8")),
             qPrintable(describe(hits)));
    QVERIFY(hits.value(m_control).contains(QStringLiteral("phone utf-8")));
    QVERIFY2(hits.value(m_controlUtf16).contains(QStringLiteral("name utf-16le")),
             qPrintable(describe(hits)));
    QVERIFY(hits.value(m_controlUtf16).contains(QStringLiteral("phone utf-16le")));
    // And nothing else holds either string in any form.
    auto others = hits;
    others.remove(m_control);
    others.remove(m_controlUtf16);
    QVERIFY2(others.isEmpty(),
             qPrintable(when + QStringLiteral(": plaintext found in ") + describe(others)));
}

void TestEncryptionAtRest::nothingReadableOnDisk()
{
    QCoreApplication::setApplicationName(QStringLiteral("pos-register-at-rest-test"));
    auto path = StoreFile::defaultPath();
    QVERIFY2(path.has_value(), path ? "" : qPrintable(path.error().message));
    QVERIFY2(path->startsWith(m_home.path()), qPrintable(*path));

    KeychainKeyStore keys(QStringLiteral("pos-register-at-rest-test"));
    {
        auto db = StoreFile::openOrCreate(*path, keys);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        // The register's audit log as the app opens it: its signing key in the same keychain.
        SystemClock auditClock;
        auto log = AuditLog::open(**db, keys, test::TestStaff::DefaultRegisterId, auditClock);
        QVERIFY2(log.has_value(), log ? "" : qPrintable(log.error().message));
        (*db)->attachAuditLog(std::move(*log));

        // Staff rows with plain SQL (the PIN pepper in memory, not in the keychain).
        MemoryKeyStore pepperStore;
        AccessControl access(**db);
        const Session ann =
            test::TestStaff(**db, pepperStore).signIn(Role::Manager, QStringLiteral("Ann"));
        CatalogService catalog(**db, access, QStringLiteral("EUR"));
        auto tax = catalog.addTaxClass(
            ann, TaxClass{0, QStringLiteral("STD"), QStringLiteral("Standard"), 190000, true});
        QVERIFY2(tax.has_value(), tax ? "" : qPrintable(tax.error().message));
        NewProduct p;
        p.sku = QStringLiteral("QSM-7731");
        p.name = ProductName;
        p.priceMinor = 499;
        p.taxCode = QStringLiteral("STD");
        auto product = catalog.addProduct(ann, p);
        QVERIFY2(product.has_value(), product ? "" : qPrintable(product.error().message));

        ManualClock clock(QDateTime(QDate(2025, 3, 14), QTime(9, 30), Qt::UTC));
        SequentialIdSource ids;
        CustomerService customers(**db, access, clock, ids);
        Customer c;
        c.name = QStringLiteral("Test Customer");
        c.phone = Phone;
        auto customer = customers.add(ann, c);
        QVERIFY2(customer.has_value(), customer ? "" : qPrintable(customer.error().message));

        // Read back through the store, so we know the data really is in there.
        auto found = catalog.search(ann, QStringLiteral("quokka"));
        QVERIFY(found.has_value());
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().name, ProductName);
        auto again = customers.find(ann, *customer);
        QVERIFY(again.has_value());
        QCOMPARE(again->phone, Phone);

        // A completed sale of that product to that customer: its lines copy the product name.
        const QString registerId = QStringLiteral("00000000-0000-4000-8000-00000000beef");
        ShiftService shifts(**db, access, clock, ids, registerId, QStringLiteral("EUR"));
        QVERIFY(shifts.open(ann, 5000).has_value());
        SimulatedProcessor processor;
        SaleService sales(**db, access, clock, ids, processor, registerId);
        Cart cart(QStringLiteral("EUR"), ids.newId());
        QVERIFY(cart.addProduct(found->first(), Quantity::units(2)).has_value());
        cart.setCustomerId(*customer);
        auto sale = sales.complete(ann, cart, {{TenderKind::Cash, 998, 1000}});
        QVERIFY2(sale.has_value(), sale ? "" : qPrintable(sale.error().message));
        QCOMPARE(sale->lines.first().name, ProductName);
        QCOMPARE(sale->changeMinor, 2);

        QVERIFY(QFileInfo::exists(*path + QStringLiteral("-wal")));
        expectOnlyControlHits(QStringLiteral("while open"));
    }
    expectOnlyControlHits(QStringLiteral("after closing"));

    QFile db(*path);
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.read(16).startsWith("SQLite format 3"));
    QVERIFY(keys.remove(StoreFile::keyNameFor(*path)).has_value());
    QVERIFY(keys.remove(AuditLog::keyNameFor(test::TestStaff::DefaultRegisterId)).has_value());
    QVERIFY(
        keys.remove(AuditLog::checkpointNameFor(test::TestStaff::DefaultRegisterId)).has_value());
}

QTEST_GUILESS_MAIN(TestEncryptionAtRest)
#include "tst_encryptionatrest.moc"
