// RBAC-2: every operation of the catalog, the CSV import, the demo seeders, sales, shifts and
// customers, called as an owner, a manager, a cashier and an auditor with the default
// permissions, and with a session that has ended: allowed or refused as the roles say, and a
// refused call leaves the store exactly as it was. RBAC-3: cashiers never see a cost price, and
// someone who cannot see costs cannot overwrite them. Held sales: one's own, or everyone's with
// held.all.
#include "RoleTable.h"
#include "TestStaff.h"
#include "TestStore.h"

#include "catalog/CatalogService.h"
#include "catalog/CsvImporter.h"
#include "customers/CustomerService.h"
#include "demo/DemoSalesSeeder.h"
#include "demo/DemoSeeder.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "store/RegisterSettings.h"

#include <QFile>
#include <QTest>

using namespace pos;

namespace {

const QString Eur = QStringLiteral("EUR");
const QString MilkCode = QStringLiteral("4006381333931");

const QByteArray Csv = "sku,name,price,cost,tax_code,barcodes\n"
                       "TEA-1,Green Tea,3.49,1.20,STD,96385074\n";

// A fresh store with staff, the catalog, a customer, two closed shifts (a sale in the first)
// and register settings, all set up by an owner. No shift is open.
struct Fixture {
    test::TestStore store;
    test::TestStaff staff{store.db(), store.keys()};
    AccessControl access{store.db()};
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC)};
    RandomIdSource ids;
    SimulatedProcessor processor;
    const QString reg = test::TestStaff::DefaultRegisterId;
    CatalogService catalog{store.db(), access, Eur};
    SaleService sales{store.db(), access, clock, ids, processor, reg};
    ShiftService shifts{store.db(), access, clock, ids, reg, Eur};
    CustomerService customers{store.db(), access, clock, ids};
    Session owner = staff.signIn(Role::Owner, QStringLiteral("Set-up Owner"));
    Product milk;
    qint64 customerId = 0;
    QUuid saleId;
    qint64 firstShift = 0;
    qint64 lastShift = 0;
    QUuid heldId;
    QString csvPath;

    Fixture()
    {
        QVERIFY(catalog.addTaxClass(
            owner, {0, QStringLiteral("STD"), QStringLiteral("Standard"), 190000, true}));
        NewProduct p;
        p.sku = QStringLiteral("MILK-1");
        p.name = QStringLiteral("Whole Milk 1L");
        p.priceMinor = 129;
        p.costMinor = 80;
        p.taxCode = QStringLiteral("STD");
        p.category = QStringLiteral("Dairy");
        p.barcodes = {MilkCode};
        auto id = catalog.addProduct(owner, p);
        QVERIFY(id);
        milk = *catalog.findById(owner, *id);
        auto c = customers.add(
            owner,
            {0, {}, QStringLiteral("Anna Schmidt"), QStringLiteral("+49 170 1234567"), {}, {}});
        QVERIFY(c);
        customerId = *c;
        const RegisterSettings settings{QStringLiteral("Test Store"), QStringLiteral("Till 1"), reg,
                                        Eur};
        QVERIFY(settings.save(store.db()));

        QVERIFY(shifts.open(owner, 10000));
        auto sale = sales.complete(owner, milkCart(), {{TenderKind::Cash, 129, 200}});
        QVERIFY(sale);
        saleId = sale->id;
        auto z = shifts.close(owner, 10129);
        QVERIFY(z);
        firstShift = z->shift.id;
        clock.advanceSecs(3600);
        QVERIFY(shifts.open(owner, 5000));
        auto z2 = shifts.close(owner, 5000);
        QVERIFY(z2);
        lastShift = z2->shift.id;

        csvPath = store.dir() + QStringLiteral("/import.csv");
        QFile f(csvPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(Csv);
    }

    // For RoleTable.
    Database& db() { return store.db(); }
    Session signIn(Role role) { return staff.signIn(role); }
    void endSession(const Session& s) { staff.endSession(s); }

    Cart milkCart()
    {
        Cart cart(Eur, ids.newId());
        (void)cart.addProduct(milk);
        return cart;
    }
    void openShift() { QVERIFY(shifts.open(owner, 10000)); }
    // A cart held by the set-up owner; then, when for is given, handed to that user as if they
    // had held it.
    void holdFor(const Session* forUser)
    {
        auto id = sales.hold(owner, milkCart(), QStringLiteral("Table 4"));
        QVERIFY(id);
        heldId = *id;
        if (!forUser)
            return;
        auto q =
            store.db().query("UPDATE held_sales SET cashier_id = ?1, cashier = ?2 WHERE uuid = ?3");
        q->bind(1, forUser->userId).bind(2, forUser->userName);
        q->bind(3, heldId.toString(QUuid::WithoutBraces));
        QVERIFY(q->run());
    }
    NewProduct edited() const
    {
        NewProduct p;
        p.sku = milk.sku;
        p.name = milk.name;
        p.priceMinor = 149;
        p.costMinor = milk.costMinor;
        p.taxCode = milk.tax.code;
        p.category = milk.category;
        p.barcodes = milk.barcodes;
        return p;
    }
};

using test::asStatus;
using Table = test::RoleTable<Fixture>;

const Table& table()
{
    using R = Role;
    const QList<Role> everyone = {R::Owner, R::Manager, R::Cashier, R::Auditor};
    const QList<Role> counter = {R::Owner, R::Manager, R::Cashier};
    const QList<Role> backOffice = {R::Owner, R::Manager};
    const auto openShift = [](Fixture& f, const Session&) {
        f.openShift();
    };
    static const Table t =
        Table()
            // Catalog: look-ups are catalog.view (everyone), changes catalog.edit.
            .add(QStringLiteral("catalog.findByBarcode"), everyone,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.catalog.findByBarcode(s, MilkCode));
                 })
            .add(QStringLiteral("catalog.findBySku"), everyone,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.catalog.findBySku(s, QStringLiteral("MILK-1")));
                 })
            .add(QStringLiteral("catalog.findById"), everyone,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.catalog.findById(s, f.milk.id));
                 })
            .add(QStringLiteral("catalog.search"), everyone,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.catalog.search(s, QStringLiteral("milk")));
                 })
            .add(QStringLiteral("catalog.lookupScan"), everyone,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.catalog.lookupScan(s, QStringLiteral("MILK-1")));
                 })
            .add(QStringLiteral("catalog.taxClasses"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.catalog.taxClasses(s)); })
            .add(QStringLiteral("catalog.productCount"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.catalog.productCount(s)); })
            .add(QStringLiteral("catalog.categories"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.catalog.categories(s)); })
            .add(QStringLiteral("catalog.addProduct"), backOffice,
                 [](Fixture& f, const Session& s) {
                     NewProduct p = f.edited();
                     p.sku = QStringLiteral("MILK-2");
                     p.barcodes.clear();
                     return asStatus(f.catalog.addProduct(s, p));
                 })
            .add(QStringLiteral("catalog.addTaxClass"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.catalog.addTaxClass(
                         s, {0, QStringLiteral("RED"), QStringLiteral("Reduced"), 70000, true}));
                 })
            .add(QStringLiteral("catalog.updateProduct"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return f.catalog.updateProduct(s, f.milk.id, f.edited());
                 })
            .add(QStringLiteral("catalog.setActive"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return f.catalog.setActive(s, f.milk.id, false);
                 })
            // CSV import: catalog.edit.
            .add(QStringLiteral("csv.importData"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(CsvImporter(f.db(), f.access, Eur)
                                         .importData(s, Csv, QStringLiteral("tea.csv")));
                 })
            .add(QStringLiteral("csv.importFile"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(CsvImporter(f.db(), f.access, Eur).importFile(s, f.csvPath));
                 })
            .add(QStringLiteral("csv.importCsv"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(importCsv(f.db(), f.access, s, f.csvPath, Eur));
                 })
            // Demo data: catalog.edit; demo sales also settings.manage (owners).
            .add(QStringLiteral("demo.seedTaxClasses"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return DemoSeeder(f.db(), f.access, Eur).seedTaxClasses(s);
                 })
            .add(QStringLiteral("demo.seedProducts"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(DemoSeeder(f.db(), f.access, Eur).seedProducts(s, 3));
                 })
            .add(QStringLiteral("demo.seedCustomers"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(DemoSeeder(f.db(), f.access, Eur).seedCustomers(s, 2));
                 })
            .add(QStringLiteral("demo.seedDemoSales"), {R::Owner},
                 [](Fixture& f, const Session& s) {
                     return asStatus(seedDemoSales(f.db(), f.access, s, 2));
                 })
            // Sales: sale.create; reading sales back also with reports.view; held.all.
            .add(
                QStringLiteral("sales.complete"), counter,
                [](Fixture& f, const Session& s) {
                    return asStatus(
                        f.sales.complete(s, f.milkCart(), {{TenderKind::Cash, 129, 200}}));
                },
                openShift)
            .add(QStringLiteral("sales.hold"), counter,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.sales.hold(s, f.milkCart(), QStringLiteral("Table 1")));
                 })
            .add(QStringLiteral("sales.heldSales"), counter,
                 [](Fixture& f, const Session& s) { return asStatus(f.sales.heldSales(s)); })
            .add(
                QStringLiteral("sales.resume own"), counter,
                [](Fixture& f, const Session& s) { return asStatus(f.sales.resume(s, f.heldId)); },
                [](Fixture& f, const Session& s) { f.holdFor(&s); })
            .add(
                QStringLiteral("sales.resume someone else's"), backOffice,
                [](Fixture& f, const Session& s) { return asStatus(f.sales.resume(s, f.heldId)); },
                [](Fixture& f, const Session&) { f.holdFor(nullptr); })
            .add(QStringLiteral("sales.load"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.sales.load(s, f.saleId)); })
            .add(QStringLiteral("sales.loadByReceipt"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.sales.loadByReceipt(s, 1)); })
            .add(QStringLiteral("sales.completedCount"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.sales.completedCount(s)); })
            // Shifts: shift.own; cash.move; shift.manage for older Z reports.
            .add(QStringLiteral("shifts.open"), counter,
                 [](Fixture& f, const Session& s) { return asStatus(f.shifts.open(s, 1000)); })
            .add(
                QStringLiteral("shifts.current"), counter,
                [](Fixture& f, const Session& s) { return asStatus(f.shifts.current(s)); },
                openShift)
            .add(
                QStringLiteral("shifts.xReport"), counter,
                [](Fixture& f, const Session& s) { return asStatus(f.shifts.xReport(s)); },
                openShift)
            .add(
                QStringLiteral("shifts.close"), counter,
                [](Fixture& f, const Session& s) { return asStatus(f.shifts.close(s, 10000)); },
                openShift)
            .add(
                QStringLiteral("shifts.cashIn"), counter,
                [](Fixture& f, const Session& s) {
                    return f.shifts.cashIn(s, 500, QStringLiteral("change from the bank"));
                },
                openShift)
            .add(
                QStringLiteral("shifts.cashOut"), counter,
                [](Fixture& f, const Session& s) {
                    return f.shifts.cashOut(s, 500, QStringLiteral("safe drop"));
                },
                openShift)
            .add(QStringLiteral("shifts.lastZReport"), counter,
                 [](Fixture& f, const Session& s) { return asStatus(f.shifts.lastZReport(s)); })
            .add(QStringLiteral("shifts.zReport of the latest shift"), counter,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.shifts.zReport(s, f.lastShift));
                 })
            .add(QStringLiteral("shifts.zReport of an earlier shift"), backOffice,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.shifts.zReport(s, f.firstShift));
                 })
            // Customers: customers.edit / customers.view (not auditors: RBAC-3).
            .add(QStringLiteral("customers.add"), counter,
                 [](Fixture& f, const Session& s) {
                     return asStatus(
                         f.customers.add(s, {0, {}, QStringLiteral("Bea Bauer"), {}, {}, {}}));
                 })
            .add(QStringLiteral("customers.find"), counter,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.customers.find(s, f.customerId));
                 })
            .add(QStringLiteral("customers.search"), counter,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.customers.search(s, QStringLiteral("Anna")));
                 })
            .add(QStringLiteral("customers.count"), counter,
                 [](Fixture& f, const Session& s) { return asStatus(f.customers.count(s)); });
    return t;
}

QList<qint64> costs(const QList<Product>& products)
{
    QList<qint64> out;
    for (const Product& p : products)
        out << p.costMinor;
    return out;
}

} // namespace

class TestRbac : public QObject {
    Q_OBJECT
private slots:
    void roles_data();
    void roles();
    void everyOperationIsInTheTable();
    void cashiersSeeNoCost();
    void costKeptWhenTheEditorCannotSeeIt();
    void heldSalesOwnOrAll();
    void saleRecordsWhoRangItUp();
};

void TestRbac::roles_data()
{
    table().addRows();
}

void TestRbac::roles()
{
    Fixture f;
    if (QTest::currentTestFailed())
        return;
    table().verifyRow(f);
}

void TestRbac::everyOperationIsInTheTable()
{
    // 8 + 4 catalog, 3 import, 4 demo, 8 sales (resume twice), 9 shifts (zReport twice),
    // 4 customers. A new operation needs its row here and in the table.
    QCOMPARE(table().operations().size(), 12 + 3 + 4 + 8 + 9 + 4);
}

// RBAC-3: every way a cashier reads a product gives no cost; managers and auditors
// (margins.view) see it.
void TestRbac::cashiersSeeNoCost()
{
    Fixture f;
    const Session cashier = f.signIn(Role::Cashier);
    const auto reads = [&](const Session& s) {
        QList<Product> got;
        for (const Result<Product>& r :
             {f.catalog.findByBarcode(s, MilkCode), f.catalog.findBySku(s, f.milk.sku),
              f.catalog.findById(s, f.milk.id), f.catalog.lookupScan(s, MilkCode)}) {
            if (r)
                got << *r;
        }
        got << f.catalog.search(s, QStringLiteral("whole milk")).value_or(QList<Product>{});
        return got;
    };
    const QList<Product> seen = reads(cashier);
    QCOMPARE(seen.size(), 5);
    QCOMPARE(costs(seen), QList<qint64>(5, 0));
    for (const Product& p : seen)
        QCOMPARE(p.price.minor(), qint64(129)); // the price is there, only the cost is not
    for (Role role : {Role::Manager, Role::Auditor, Role::Owner}) {
        const QList<Product> full = reads(f.signIn(role));
        QCOMPARE(costs(full), QList<qint64>(5, 80));
    }
}

// A store may let managers edit the catalog without seeing margins: their update keeps the cost
// they were never shown instead of writing the 0 they were given.
void TestRbac::costKeptWhenTheEditorCannotSeeIt()
{
    Fixture f;
    auto q = f.db().query("INSERT INTO role_overrides (store_id, role, permission, allowed) "
                          "VALUES (?1, 'manager', 'margins.view', 0)");
    q->bind(1, f.staff.storeId);
    QVERIFY(q->run());
    const Session manager = f.signIn(Role::Manager);
    auto shown = f.catalog.findById(manager, f.milk.id);
    QVERIFY(shown);
    QCOMPARE(shown->costMinor, qint64(0));
    NewProduct p = f.edited();
    p.costMinor = shown->costMinor;
    QVERIFY(f.catalog.updateProduct(manager, f.milk.id, p));
    auto stored = f.catalog.findById(f.owner, f.milk.id);
    QCOMPARE(stored->price.minor(), qint64(149));
    QCOMPARE(stored->costMinor, qint64(80));
}

void TestRbac::heldSalesOwnOrAll()
{
    Fixture f;
    const Session ann = f.signIn(Role::Cashier);
    const Session bob = f.signIn(Role::Cashier);
    const Session maria = f.signIn(Role::Manager);
    auto annHeld = f.sales.hold(ann, f.milkCart(), QStringLiteral("Ann's"));
    auto bobHeld = f.sales.hold(bob, f.milkCart(), QStringLiteral("Bob's"));
    auto mariaHeld = f.sales.hold(maria, f.milkCart(), QStringLiteral("Maria's"));
    QVERIFY(annHeld && bobHeld && mariaHeld);
    // A sale held before staff accounts existed belongs to nobody.
    const QUuid legacy = QUuid::createUuid();
    auto q = f.db().query("INSERT INTO held_sales (uuid, label, cashier, held_at, cart) "
                          "SELECT ?1, 'Old', 'Demo Cashier', held_at, cart FROM held_sales "
                          "WHERE uuid = ?2");
    q->bind(1, legacy.toString(QUuid::WithoutBraces));
    q->bind(2, annHeld->toString(QUuid::WithoutBraces));
    QVERIFY(q->run());

    const auto ids = [&](const Session& s) {
        QList<QUuid> out;
        for (const HeldSale& h : f.sales.heldSales(s).value_or(QList<HeldSale>{}))
            out << h.id;
        return out;
    };
    QCOMPARE(ids(ann), QList<QUuid>{*annHeld});
    QCOMPARE(ids(bob), QList<QUuid>{*bobHeld});
    QCOMPARE(ids(maria).size(), 4); // held.all
    QVERIFY(ids(maria).contains(legacy));

    for (const QUuid& other : {*bobHeld, legacy}) {
        auto r = f.sales.resume(ann, other);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(r.error().message.contains(QStringLiteral("resume sales held by others")),
                 qPrintable(r.error().message));
    }
    QCOMPARE(ids(bob), QList<QUuid>{*bobHeld}); // still there
    QVERIFY(f.sales.resume(maria, *annHeld));   // a manager takes over Ann's
    QVERIFY(f.sales.resume(bob, *bobHeld));
    QCOMPARE(ids(ann), QList<QUuid>{});
    QCOMPARE(ids(maria).size(), 2);
}

// The sale and the held sale name the session's user, by name and by id.
void TestRbac::saleRecordsWhoRangItUp()
{
    Fixture f;
    f.openShift();
    const Session ann = f.signIn(Role::Cashier);
    auto sale = f.sales.complete(ann, f.milkCart(), {{TenderKind::Card, 129, 129}});
    QVERIFY(sale);
    QCOMPARE(sale->cashierId, ann.userId);
    auto q = f.db().query("SELECT cashier, cashier_id FROM sales WHERE uuid = ?1");
    q->bind(1, sale->id.toString(QUuid::WithoutBraces));
    QVERIFY(q->next().value_or(false));
    QCOMPARE(q->text(0), ann.userName);
    QCOMPARE(q->int64(1), ann.userId);
    auto loaded = f.sales.load(f.signIn(Role::Auditor), sale->id); // reports.view reads it back
    QVERIFY(loaded);
    QCOMPARE(loaded->cashierId, ann.userId);
    auto x = f.shifts.xReport(ann);
    QVERIFY(x);
    QCOMPARE(x->shift.openedBy, f.owner.userName);
}

QTEST_GUILESS_MAIN(TestRbac)
#include "tst_rbac.moc"
