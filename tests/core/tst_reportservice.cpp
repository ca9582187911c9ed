// ReportService: sales by hour, category and cashier, voids and refunds by cashier, over local
// days of a store (or one register), with exact sums on known rows across hour and day
// boundaries (a winter day, the autumn DST change, a +05:45 zone), margins only with
// margins.view, reports.view required of every call, and no customer data in any report.
#include "TestReportRows.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "reports/ReportService.h"

#include <QTest>
#include <QTimeZone>

#include <limits>
#include <memory>

using namespace pos;
using Line = test::TestReportRows::Line;

namespace {

const QString CustomerName = QStringLiteral("Erika Mustermann");
const QString CustomerPhone = QStringLiteral("+49 151 2345678");

QList<std::pair<int, std::pair<qint64, qint64>>> nonEmptyHours(const SalesByHour& r)
{
    QList<std::pair<int, std::pair<qint64, qint64>>> out;
    for (const HourSales& h : r.hours)
        if (h.count != 0 || h.totalMinor != 0)
            out.append({h.hour, {h.count, h.totalMinor}});
    return out;
}

// Whether a call answered, without its answer.
template <class T> Status status(const Result<T>& r)
{
    if (r)
        return {};
    return std::unexpected(r.error());
}

} // namespace

class TestReportService : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void rangesComeFromTheClock();
    void salesByHourAcrossTheDayBoundary();
    void salesByHourAcrossTheDstChange();
    void salesByHourInAQuarterHourZone();
    void oneRegisterOrTheWholeStore();
    void salesByCategoryWithMargins();
    void marginsAbsentWithoutMarginsView();
    void salesByCashier();
    void voidsByCashier();
    void refundsByCashier();
    void onlyReportViewersMayAsk_data();
    void onlyReportViewersMayAsk();
    void endedSessionIsUnauthenticated();
    void badScopesRefused();
    void overflowIsAnError();
    void otherCurrencyIsAConflict();
    void noCustomerDataInAnyReport();

private:
    ReportService& service() { return *m_reports; }
    ReportScope day(QDate d, const QString& reg = {}) { return {{d, d}, reg}; }
    void addKnownRows();

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<test::TestStaff> m_staff;
    std::unique_ptr<test::TestReportRows> m_rows;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ReportService> m_reports;
    QString m_r1, m_r2, m_rx;
    qint64 m_anna = 0, m_ben = 0, m_maria = 0, m_olaf = 0, m_udo = 0;
    qint64 m_milk = 0, m_bread = 0, m_soap = 0, m_s3 = 0;
    Session m_manager, m_owner, m_auditor, m_cashier;
    const QDate m_today{2026, 11, 21}; // a Saturday; Berlin is UTC+1
};

void TestReportService::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_staff = std::make_unique<test::TestStaff>(m_store->db(), m_store->keys());
    m_rows = std::make_unique<test::TestReportRows>(m_store->db());
    m_clock = std::make_unique<ManualClock>(QDateTime(m_today, QTime(10, 0), QTimeZone::utc()));
    m_reports = std::make_unique<ReportService>(m_store->db(), *m_clock, QStringLiteral("EUR"),
                                                QTimeZone("Europe/Berlin"));
    QVERIFY(service().timeZone().isValid());
    m_r1 = m_staff->registerId();
    m_r2 = m_rows->addRegister(m_staff->storeId, QStringLiteral("Till 2"));
    m_rx = m_rows->addRegister(m_staff->addStore(QStringLiteral("Other Store")),
                               QStringLiteral("Other till"));
    m_anna = m_staff->addUser(Role::Cashier, QStringLiteral("Anna Cashier"), QStringLiteral("11"));
    m_ben = m_staff->addUser(Role::Cashier, QStringLiteral("Ben Cashier"), QStringLiteral("12"));
    m_maria =
        m_staff->addUser(Role::Manager, QStringLiteral("Maria Manager"), QStringLiteral("21"));
    m_olaf = m_staff->addUser(Role::Owner, QStringLiteral("Olaf Owner"), QStringLiteral("31"));
    m_udo = m_staff->addUser(Role::Auditor, QStringLiteral("Udo Auditor"), QStringLiteral("41"));
    m_manager = m_staff->sessionFor(m_maria);
    m_owner = m_staff->sessionFor(m_olaf);
    m_auditor = m_staff->sessionFor(m_udo);
    m_cashier = m_staff->sessionFor(m_anna);

    const TaxClass std19 = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    m_milk = m_store->addProduct(QStringLiteral("MILK"), QStringLiteral("Milk"), 119, std19).id;
    m_bread = m_store->addProduct(QStringLiteral("BREAD"), QStringLiteral("Bread"), 349, std19).id;
    m_soap = m_store->addProduct(QStringLiteral("SOAP"), QStringLiteral("Soap"), 279, std19).id;
    m_rows->setCategoryAndCost(m_milk, m_rows->addCategory(QStringLiteral("Dairy")), 60);
    m_rows->setCategoryAndCost(m_bread, m_rows->addCategory(QStringLiteral("Bakery")), 200);
    m_rows->setCategoryAndCost(m_soap, 0, 100);
}

void TestReportService::cleanup()
{
    m_reports.reset();
    m_rows.reset();
    m_staff.reset();
    m_store.reset();
}

// The rows every report test reads (times UTC; Berlin local = UTC+1 in November).
void TestReportService::addKnownRows()
{
    test::TestReportRows& r = *m_rows;
    const qint64 customer = r.addCustomer(CustomerName, CustomerPhone);
    // Yesterday 23:59:59 local.
    r.addSale(m_r1, m_anna, {}, QStringLiteral("2026-11-20T22:59:59.000Z"),
              {{m_milk, 1000, 100, 119}});
    // Today 00:00:00 local, hour 0.
    r.addSale(m_r1, m_anna, {}, QStringLiteral("2026-11-20T23:00:00.000Z"),
              {{m_bread, 2000, 586, 698}});
    // Hour 9: two sales, one with a customer, one with a line that has no product.
    m_s3 = r.addSale(m_r1, m_ben, {}, QStringLiteral("2026-11-21T08:15:00.000Z"),
                     {{m_milk, 3000, 300, 357}, {m_soap, 1000, 234, 279}}, customer);
    r.addSale(m_r1, m_ben, {}, QStringLiteral("2026-11-21T08:59:59.999Z"), {{0, 1000, 84, 100}});
    // Hour 10, recorded before staff accounts existed (a cashier name only); 1.333 of milk.
    r.addSale(m_r1, 0, QStringLiteral("Demo Cashier"), QStringLiteral("2026-11-21T09:00:00.000Z"),
              {{m_milk, 1333, 100, 119}});
    // Hour 23 on the second register.
    r.addSale(m_r2, m_anna, {}, QStringLiteral("2026-11-21T22:59:59.999Z"),
              {{m_bread, 1000, 293, 349}});
    // Tomorrow 00:00 local, and another store's register: in no report of today.
    r.addSale(m_r1, m_anna, {}, QStringLiteral("2026-11-21T23:00:00.000Z"),
              {{m_milk, 1000, 100, 119}});
    r.addSale(m_rx, m_anna, {}, QStringLiteral("2026-11-21T08:30:00.000Z"),
              {{m_milk, 5000, 500, 595}});

    const qint64 store = m_staff->storeId;
    r.addCounterEvent(QStringLiteral("line_void"), store, m_r1, m_anna, 119,
                      QStringLiteral("2026-11-21T09:10:00.000Z"), m_maria);
    r.addCounterEvent(QStringLiteral("sale_void"), store, m_r2, m_anna, 500,
                      QStringLiteral("2026-11-21T12:00:00.000Z"), m_maria);
    r.addCounterEvent(QStringLiteral("line_void"), store, m_r1, m_anna, 50,
                      QStringLiteral("2026-11-21T13:00:00.000Z"), m_olaf);
    r.addCounterEvent(QStringLiteral("line_void"), store, m_r1, m_maria, 30,
                      QStringLiteral("2026-11-21T14:00:00.000Z"));
    r.addCounterEvent(QStringLiteral("discount"), store, m_r1, m_anna, 20,
                      QStringLiteral("2026-11-21T14:30:00.000Z"), m_maria);
    r.addCounterEvent(QStringLiteral("line_void"), store, m_r1, m_ben, 99,
                      QStringLiteral("2026-11-20T22:00:00.000Z"));
    r.addCounterEvent(QStringLiteral("line_void"), store, m_rx, m_anna, 77,
                      QStringLiteral("2026-11-21T09:00:00.000Z"));

    r.addRefund(m_r1, m_ben, 357, QStringLiteral("2026-11-21T10:00:00.000Z"), m_s3);
    r.addRefund(m_r1, m_ben, 200, QStringLiteral("2026-11-21T11:00:00.000Z"), 0,
                QStringLiteral("customer ") + CustomerPhone + QStringLiteral(" had no receipt"));
    r.addRefund(m_r2, m_anna, 100, QStringLiteral("2026-11-21T15:00:00.000Z"));
    r.addRefund(m_r1, m_anna, 999, QStringLiteral("2026-11-20T12:00:00.000Z"));
    r.addRefund(m_rx, m_anna, 555, QStringLiteral("2026-11-21T12:00:00.000Z"));
}

void TestReportService::rangesComeFromTheClock()
{
    QCOMPARE(service().today(), (ReportRange{m_today, m_today}));
    QCOMPARE(service().yesterday(), (ReportRange{m_today.addDays(-1), m_today.addDays(-1)}));
    QCOMPARE(service().thisWeek(), (ReportRange{QDate(2026, 11, 16), m_today}));
    // 23:30 UTC is already tomorrow in Berlin: a Sunday, the week still began on Monday 16th.
    m_clock->set(QDateTime(m_today, QTime(23, 30), QTimeZone::utc()));
    QCOMPARE(service().today(), (ReportRange{m_today.addDays(1), m_today.addDays(1)}));
    QCOMPARE(service().thisWeek(), (ReportRange{QDate(2026, 11, 16), m_today.addDays(1)}));
}

void TestReportService::salesByHourAcrossTheDayBoundary()
{
    addKnownRows();
    auto today = service().salesByHour(m_manager, day(m_today));
    QVERIFY2(today, today ? "" : qPrintable(today.error().message));
    QCOMPARE(today->hours.size(), 24);
    using H = decltype(nonEmptyHours(*today));
    QCOMPARE(nonEmptyHours(*today),
             (H{{0, {1, 698}}, {9, {2, 736}}, {10, {1, 119}}, {23, {1, 349}}}));
    QCOMPARE(today->count, 5);
    QCOMPARE(today->totalMinor, 1902);

    auto yesterday = service().salesByHour(m_manager, day(m_today.addDays(-1)));
    QVERIFY(yesterday);
    QCOMPARE(nonEmptyHours(*yesterday), (H{{23, {1, 119}}}));

    auto both = service().salesByHour(m_manager, {{m_today.addDays(-1), m_today}, {}});
    QVERIFY(both);
    QCOMPARE(nonEmptyHours(*both),
             (H{{0, {1, 698}}, {9, {2, 736}}, {10, {1, 119}}, {23, {2, 468}}}));
    QCOMPARE(both->count, 6);
    QCOMPARE(both->totalMinor, 2021);
}

// Berlin leaves summer time on Sunday 25 October 2026 at 01:00 UTC (03:00 CEST -> 02:00 CET):
// 02:30 happens twice that night, and both belong to hour 2.
void TestReportService::salesByHourAcrossTheDstChange()
{
    test::TestReportRows& r = *m_rows;
    auto sale = [&](const char* at, qint64 total) {
        r.addSale(m_r1, m_anna, {}, QString::fromLatin1(at), {{m_milk, 1000, total, total}});
    };
    sale("2026-10-23T21:59:59.999Z", 1);   // Fri 23:59:59 CEST: before the range
    sale("2026-10-23T22:00:00.000Z", 2);   // Sat 00:00 CEST: hour 0
    sale("2026-10-24T00:30:00.000Z", 4);   // Sat 02:30 CEST
    sale("2026-10-25T00:30:00.000Z", 8);   // Sun 02:30 CEST
    sale("2026-10-25T01:30:00.000Z", 16);  // Sun 02:30 CET, an hour later
    sale("2026-10-25T12:00:00.000Z", 32);  // Sun 13:00 CET
    sale("2026-10-25T22:59:59.999Z", 64);  // Sun 23:59:59 CET: hour 23
    sale("2026-10-25T23:00:00.000Z", 128); // Mon 00:00 CET: after the range
    auto weekend =
        service().salesByHour(m_auditor, {{QDate(2026, 10, 24), QDate(2026, 10, 25)}, {}});
    QVERIFY2(weekend, weekend ? "" : qPrintable(weekend.error().message));
    using H = decltype(nonEmptyHours(*weekend));
    QCOMPARE(nonEmptyHours(*weekend), (H{{0, {1, 2}}, {2, {3, 28}}, {13, {1, 32}}, {23, {1, 64}}}));
    QCOMPARE(weekend->totalMinor, 126);
}

void TestReportService::salesByHourInAQuarterHourZone()
{
    ReportService kathmandu(m_store->db(), *m_clock, QStringLiteral("EUR"), QTimeZone(20700));
    test::TestReportRows& r = *m_rows;
    auto sale = [&](const char* at, qint64 total) {
        r.addSale(m_r1, m_anna, {}, QString::fromLatin1(at), {{m_milk, 1000, total, total}});
    };
    sale("2026-11-20T18:14:59.999Z", 1); // 20th 23:59:59.999 +05:45
    sale("2026-11-20T18:15:00.000Z", 2); // 21st 00:00
    sale("2026-11-21T03:14:59.000Z", 4); // 08:59:59
    sale("2026-11-21T03:15:00.000Z", 8); // 09:00
    auto today = kathmandu.salesByHour(m_manager, day(m_today));
    QVERIFY(today);
    using H = decltype(nonEmptyHours(*today));
    QCOMPARE(nonEmptyHours(*today), (H{{0, {1, 2}}, {8, {1, 4}}, {9, {1, 8}}}));
}

void TestReportService::oneRegisterOrTheWholeStore()
{
    addKnownRows();
    auto second = service().salesByHour(m_manager, day(m_today, m_r2));
    QVERIFY(second);
    QCOMPARE(second->count, 1);
    QCOMPARE(second->totalMinor, 349);
    auto first = service().salesByHour(m_manager, day(m_today, m_r1));
    QVERIFY(first);
    QCOMPARE(first->count, 4);
    QCOMPARE(first->totalMinor, 1553);

    auto regs = service().registers(m_manager);
    QVERIFY(regs);
    QCOMPARE(regs->size(), 2); // not the other store's
    QCOMPARE(regs->at(0).name, QStringLiteral("Till 1"));
    QCOMPARE(regs->at(0).id, m_r1);
    QCOMPARE(regs->at(1).id, m_r2);
}

void TestReportService::salesByCategoryWithMargins()
{
    addKnownRows();
    auto r = service().salesByCategory(m_manager, day(m_today));
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QVERIFY(r->marginsIncluded);
    QCOMPARE(r->categories.size(), 3);
    // Largest total first. Bakery: 3 x cost 200.
    const CategorySales& bakery = r->categories.at(0);
    QCOMPARE(bakery.name, QStringLiteral("Bakery"));
    QCOMPARE(bakery.quantityMilli, 3000);
    QCOMPARE(bakery.netMinor, 879);
    QCOMPARE(bakery.totalMinor, 1047);
    QCOMPARE(bakery.marginMinor, std::optional<qint64>(879 - 600));
    // Dairy: 3 x 60 = 180, and 1.333 x 60 = 79.98 -> 80.
    const CategorySales& dairy = r->categories.at(1);
    QCOMPARE(dairy.name, QStringLiteral("Dairy"));
    QCOMPARE(dairy.quantityMilli, 4333);
    QCOMPARE(dairy.netMinor, 400);
    QCOMPARE(dairy.totalMinor, 476);
    QCOMPARE(dairy.marginMinor, std::optional<qint64>(400 - 260));
    // No category: soap (cost 100) and a line with no product (no cost).
    const CategorySales& none = r->categories.at(2);
    QCOMPARE(none.categoryId, 0);
    QVERIFY(none.name.isEmpty());
    QCOMPARE(none.netMinor, 318);
    QCOMPARE(none.totalMinor, 379);
    QCOMPARE(none.marginMinor, std::optional<qint64>(318 - 100));
    QCOMPARE(r->netMinor, 1597);
    QCOMPARE(r->totalMinor, 1902); // the same as by hour
    QCOMPARE(r->marginMinor, std::optional<qint64>(279 + 140 + 218));
    QCOMPARE(service().marginsVisible(m_manager).value_or(false), true);
}

// RBAC-3: an auditor whose store turned margins.view off gets no margin at all: absent, not 0.
void TestReportService::marginsAbsentWithoutMarginsView()
{
    addKnownRows();
    QCOMPARE(service().marginsVisible(m_auditor).value_or(false), true); // the default
    QVERIFY(m_store->db()
                .exec("INSERT INTO role_overrides (store_id, role, permission, allowed) "
                      "SELECT id, 'auditor', 'margins.view', 0 FROM stores")
                .has_value());
    QCOMPARE(service().marginsVisible(m_auditor).value_or(true), false);
    auto r = service().salesByCategory(m_auditor, day(m_today));
    QVERIFY(r);
    QVERIFY(!r->marginsIncluded);
    QVERIFY(!r->marginMinor.has_value());
    QCOMPARE(r->categories.size(), 3);
    for (const CategorySales& c : r->categories)
        QVERIFY(!c.marginMinor.has_value());
    QCOMPARE(r->totalMinor, 1902); // everything else as before
    // The manager still sees them.
    auto m = service().salesByCategory(m_manager, day(m_today));
    QVERIFY(m && m->marginsIncluded && m->marginMinor == 637);
}

void TestReportService::salesByCashier()
{
    addKnownRows();
    auto r = service().salesByCashier(m_owner, day(m_today));
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->cashiers.size(), 3);
    const CashierSales& anna = r->cashiers.at(0);
    QCOMPARE(anna.cashier.userId, m_anna);
    QCOMPARE(anna.cashier.name, QStringLiteral("Anna Cashier"));
    QCOMPARE(anna.cashier.code, QStringLiteral("11"));
    QCOMPARE(anna.count, 2);
    QCOMPARE(anna.totalMinor, 1047);
    QCOMPARE(anna.averageMinor, 524); // 523.5, half away from zero
    const CashierSales& ben = r->cashiers.at(1);
    QCOMPARE(ben.cashier.name, QStringLiteral("Ben Cashier"));
    QCOMPARE(ben.count, 2);
    QCOMPARE(ben.totalMinor, 736);
    QCOMPARE(ben.averageMinor, 368);
    const CashierSales& demo = r->cashiers.at(2);
    QCOMPARE(demo.cashier.userId, 0);
    QCOMPARE(demo.cashier.name, QStringLiteral("Demo Cashier"));
    QCOMPARE(demo.count, 1);
    QCOMPARE(demo.totalMinor, 119);
    QCOMPARE(r->count, 5);
    QCOMPARE(r->totalMinor, 1902);
}

void TestReportService::voidsByCashier()
{
    addKnownRows();
    auto r = service().voidsByCashier(m_auditor, day(m_today));
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->cashiers.size(), 2);
    const CashierVoids& anna = r->cashiers.at(0);
    QCOMPARE(anna.cashier.userId, m_anna);
    QCOMPARE(anna.lineVoids, 2);
    QCOMPARE(anna.saleVoids, 1);
    QCOMPARE(anna.count(), 3);
    QCOMPARE(anna.amountMinor, 669);
    QCOMPARE(anna.withoutApproval, 0);
    QCOMPARE(anna.approvedBy.size(), 2);
    QCOMPARE(anna.approvedBy.at(0).approver.name, QStringLiteral("Maria Manager"));
    QCOMPARE(anna.approvedBy.at(0).count, 2);
    QCOMPARE(anna.approvedBy.at(1).approver.name, QStringLiteral("Olaf Owner"));
    QCOMPARE(anna.approvedBy.at(1).count, 1);
    const CashierVoids& maria = r->cashiers.at(1);
    QCOMPARE(maria.cashier.userId, m_maria);
    QCOMPARE(maria.lineVoids, 1);
    QCOMPARE(maria.amountMinor, 30);
    QCOMPARE(maria.withoutApproval, 1);
    QVERIFY(maria.approvedBy.isEmpty());
    QCOMPARE(r->count, 4);
    QCOMPARE(r->lineVoids, 3);
    QCOMPARE(r->saleVoids, 1);
    QCOMPARE(r->withoutApproval, 1);
    QCOMPARE(r->amountMinor, 699);
}

void TestReportService::refundsByCashier()
{
    addKnownRows();
    auto r = service().refundsByCashier(m_manager, day(m_today));
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->cashiers.size(), 2);
    const CashierRefunds& anna = r->cashiers.at(0);
    QCOMPARE(anna.cashier.userId, m_anna);
    QCOMPARE(anna.count, 1);
    QCOMPARE(anna.amountMinor, 100);
    QCOMPARE(anna.withReceiptCount, 0);
    QCOMPARE(anna.withoutReceiptCount, 1);
    QCOMPARE(anna.withoutReceiptMinor, 100);
    const CashierRefunds& ben = r->cashiers.at(1);
    QCOMPARE(ben.count, 2);
    QCOMPARE(ben.amountMinor, 557);
    QCOMPARE(ben.withReceiptCount, 1);
    QCOMPARE(ben.withReceiptMinor, 357);
    QCOMPARE(ben.withoutReceiptCount, 1);
    QCOMPARE(ben.withoutReceiptMinor, 200);
    QCOMPARE(r->count, 3);
    QCOMPARE(r->amountMinor, 657);
    QCOMPARE(r->withReceiptCount, 1);
    QCOMPARE(r->withReceiptMinor, 357);
    QCOMPARE(r->withoutReceiptCount, 2);
    QCOMPARE(r->withoutReceiptMinor, 300);
}

void TestReportService::onlyReportViewersMayAsk_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("cashier") << int(Role::Cashier) << false;
    QTest::newRow("auditor") << int(Role::Auditor) << true;
    QTest::newRow("manager") << int(Role::Manager) << true;
    QTest::newRow("owner") << int(Role::Owner) << true;
}

// RBAC-2: every operation, every role.
void TestReportService::onlyReportViewersMayAsk()
{
    QFETCH(int, role);
    QFETCH(bool, allowed);
    addKnownRows();
    const Session s = m_staff->signIn(static_cast<Role>(role));
    const ReportScope scope = day(m_today);
    const QList<std::pair<const char*, Status>> calls = {
        {"marginsVisible", status(service().marginsVisible(s))},
        {"registers", status(service().registers(s))},
        {"salesByHour", status(service().salesByHour(s, scope))},
        {"salesByCategory", status(service().salesByCategory(s, scope))},
        {"salesByCashier", status(service().salesByCashier(s, scope))},
        {"voidsByCashier", status(service().voidsByCashier(s, scope))},
        {"refundsByCashier", status(service().refundsByCashier(s, scope))},
    };
    for (const auto& [name, result] : calls) {
        if (allowed) {
            QVERIFY2(result.has_value(), name);
        } else {
            QVERIFY2(!result.has_value(), name);
            QCOMPARE(result.error().code, ErrorCode::PermissionDenied);
            QVERIFY(result.error().message.contains(QStringLiteral("see reports")));
        }
    }
}

void TestReportService::endedSessionIsUnauthenticated()
{
    addKnownRows();
    QVERIFY(service().salesByHour(m_manager, day(m_today)));
    m_staff->endSession(m_manager);
    const ReportScope scope = day(m_today);
    QCOMPARE(service().salesByHour(m_manager, scope).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(service().salesByCategory(m_manager, scope).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(service().salesByCashier(m_manager, scope).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(service().voidsByCashier(m_manager, scope).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(service().refundsByCashier(m_manager, scope).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(service().marginsVisible(m_manager).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(service().registers(m_manager).error().code, ErrorCode::Unauthenticated);
    // A forged role in the struct changes nothing.
    Session forged = m_cashier;
    forged.role = Role::Owner;
    QCOMPARE(service().salesByHour(forged, scope).error().code, ErrorCode::PermissionDenied);
}

void TestReportService::badScopesRefused()
{
    addKnownRows();
    auto backwards = service().salesByHour(m_manager, {{m_today, m_today.addDays(-1)}, {}});
    QCOMPARE(backwards.error().code, ErrorCode::InvalidInput);
    QCOMPARE(service().salesByHour(m_manager, {{QDate(), m_today}, {}}).error().code,
             ErrorCode::InvalidInput);
    // Another store's register: as if it did not exist.
    QCOMPARE(service().salesByHour(m_manager, day(m_today, m_rx)).error().code,
             ErrorCode::NotFound);
    QCOMPARE(
        service().refundsByCashier(m_manager, day(m_today, QStringLiteral("nope"))).error().code,
        ErrorCode::NotFound);
    // The permission is checked first: a cashier learns nothing about registers.
    QCOMPARE(service().salesByHour(m_cashier, day(m_today, m_rx)).error().code,
             ErrorCode::PermissionDenied);
}

void TestReportService::overflowIsAnError()
{
    const qint64 big = std::numeric_limits<qint64>::max() / 2 + 1;
    m_rows->addSale(m_r1, m_anna, {}, QStringLiteral("2026-11-21T08:00:00.000Z"),
                    {{m_milk, 1000, big, big}});
    m_rows->addSale(m_r1, m_anna, {}, QStringLiteral("2026-11-21T09:00:00.000Z"),
                    {{m_milk, 1000, big, big}});
    QCOMPARE(service().salesByHour(m_manager, day(m_today)).error().code, ErrorCode::Overflow);
    QCOMPARE(service().salesByCategory(m_manager, day(m_today)).error().code, ErrorCode::Overflow);
    QCOMPARE(service().salesByCashier(m_manager, day(m_today)).error().code, ErrorCode::Overflow);
}

void TestReportService::otherCurrencyIsAConflict()
{
    m_rows->addSale(m_r1, m_anna, {}, QStringLiteral("2026-11-21T08:00:00.000Z"),
                    {{m_milk, 1000, 100, 119}}, 0, QStringLiteral("USD"));
    auto r = service().salesByHour(m_manager, day(m_today));
    QCOMPARE(r.error().code, ErrorCode::Conflict);
    QVERIFY(r.error().message.contains(QStringLiteral("USD")));
    QVERIFY(service().salesByHour(m_manager, day(m_today.addDays(-1))));
}

// RBAC-3: auditors see no customer data. The sale at 09:15 had a customer and a refund's reason
// names the customer's phone; no report carries either (nor any field that could).
void TestReportService::noCustomerDataInAnyReport()
{
    addKnownRows();
    const ReportScope scope = day(m_today);
    QStringList texts;
    auto addStaff = [&](const StaffName& s) {
        texts << s.name << s.code;
    };
    auto cat = service().salesByCategory(m_auditor, scope);
    auto cash = service().salesByCashier(m_auditor, scope);
    auto voids = service().voidsByCashier(m_auditor, scope);
    auto refunds = service().refundsByCashier(m_auditor, scope);
    auto regs = service().registers(m_auditor);
    QVERIFY(cat && cash && voids && refunds && regs);
    for (const auto& c : cat->categories)
        texts << c.name;
    for (const auto& c : cash->cashiers)
        addStaff(c.cashier);
    for (const auto& c : voids->cashiers) {
        addStaff(c.cashier);
        for (const auto& a : c.approvedBy)
            addStaff(a.approver);
    }
    for (const auto& c : refunds->cashiers)
        addStaff(c.cashier);
    for (const auto& r : *regs)
        texts << r.id << r.name;
    QCOMPARE(texts.size(), 3 + 3 * 2 + 4 * 2 + 2 * 2 + 2 * 2);
    const QString all = texts.join(u'\n');
    QVERIFY(!all.contains(QStringLiteral("Erika")));
    QVERIFY(!all.contains(QStringLiteral("Mustermann")));
    QVERIFY(!all.contains(QStringLiteral("2345678")));
}

QTEST_GUILESS_MAIN(TestReportService)
#include "tst_reportservice.moc"
