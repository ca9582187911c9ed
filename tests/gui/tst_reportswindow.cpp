// The reports window, driven like a manager or auditor would: it opens on today's figures, the
// by-hour chart's bars and the table beside it show exactly core's numbers, the period and the
// tabs work from the keyboard, the margin column follows margins.view, voids and refunds name
// who did and who approved them, Print or PDF shows the same figures as text, a cashier sees
// core's refusal and no figures, and no customer's name reaches any screen of it. Core is real
// (a temporary encrypted store; rows inserted with plain SQL).
#include "Banner.h"
#include "DocumentDialog.h"
#include "MoneyText.h"
#include "ReportChart.h"
#include "ReportsWindow.h"
#include "TestReportRows.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "UiResources.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include <memory>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString CustomerName = QStringLiteral("Erika Mustermann");

QString eur(qint64 minor)
{
    return ui::MoneyText::format(minor, QStringLiteral("EUR"));
}

QStringList row(const QTableWidget* t, int r)
{
    QStringList out;
    for (int c = 0; c < t->columnCount(); ++c)
        out << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return out;
}

QStringList headers(const QTableWidget* t)
{
    QStringList out;
    for (int c = 0; c < t->columnCount(); ++c)
        out << t->horizontalHeaderItem(c)->text();
    return out;
}

// Every text the window shows: labels, tables, chart labels and titles.
QString everythingShown(const ui::ReportsWindow& w)
{
    QStringList out;
    for (const QLabel* l : w.findChildren<QLabel*>())
        out << l->text();
    for (const QTableWidget* t : w.findChildren<QTableWidget*>())
        for (int r = 0; r < t->rowCount(); ++r)
            out << row(t, r);
    for (const ui::ReportChart* c : w.findChildren<ui::ReportChart*>())
        out << c->labels() << c->chart()->title();
    return out.join(u'\n');
}

} // namespace

class TestReportsWindow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void opensOnTodayWithTheHourChart();
    void periodAndTabsFromTheKeyboard();
    void marginColumnFollowsMarginsView();
    void voidsAndRefunds();
    void printShowsTheSameFigures();
    void cashierSeesCoreRefusal();
    void noCustomerData();

private:
    std::unique_ptr<ui::ReportsWindow> open(const Session& s)
    {
        auto w = std::make_unique<ui::ReportsWindow>(*m_reports, s, QStringLiteral("Test Store"));
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get()))
            qWarning("the reports window did not become active");
        return w;
    }

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<test::TestStaff> m_staff;
    std::unique_ptr<test::TestReportRows> m_rows;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ReportService> m_reports;
    Session m_manager, m_auditor, m_cashier;
};

// Today is Saturday 21 November 2026 in Berlin (UTC+1). Sales at 09:15, 09:59, 10:00 and 12:30
// local today; one at 23:59:59 yesterday and one at 00:00 tomorrow.
void TestReportsWindow::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_staff = std::make_unique<test::TestStaff>(m_store->db(), m_store->keys());
    m_rows = std::make_unique<test::TestReportRows>(m_store->db());
    m_clock = std::make_unique<ManualClock>(
        QDateTime(QDate(2026, 11, 21), QTime(13, 0), QTimeZone::utc()));
    m_reports = std::make_unique<ReportService>(m_store->db(), *m_clock, QStringLiteral("EUR"),
                                                QTimeZone("Europe/Berlin"));
    const qint64 anna =
        m_staff->addUser(Role::Cashier, QStringLiteral("Anna Cashier"), QStringLiteral("11"));
    const qint64 maria =
        m_staff->addUser(Role::Manager, QStringLiteral("Maria Manager"), QStringLiteral("21"));
    const qint64 udo =
        m_staff->addUser(Role::Auditor, QStringLiteral("Udo Auditor"), QStringLiteral("41"));
    m_manager = m_staff->sessionFor(maria);
    m_auditor = m_staff->sessionFor(udo);
    m_cashier = m_staff->sessionFor(anna);

    const TaxClass std19 = m_store->addTaxClass(QStringLiteral("STD"), 190000, true);
    const qint64 milk =
        m_store->addProduct(QStringLiteral("MILK"), QStringLiteral("Milk"), 119, std19).id;
    const qint64 bread =
        m_store->addProduct(QStringLiteral("BREAD"), QStringLiteral("Bread"), 349, std19).id;
    m_rows->setCategoryAndCost(milk, m_rows->addCategory(QStringLiteral("Dairy")), 60);
    m_rows->setCategoryAndCost(bread, m_rows->addCategory(QStringLiteral("Bakery")), 200);
    const qint64 customer = m_rows->addCustomer(CustomerName, QStringLiteral("+49 151 2345678"));

    const QString reg = m_staff->registerId();
    test::TestReportRows& r = *m_rows;
    r.addSale(reg, anna, {}, QStringLiteral("2026-11-20T22:59:59.000Z"), {{milk, 1000, 100, 119}});
    const qint64 s1 = r.addSale(reg, anna, {}, QStringLiteral("2026-11-21T08:15:00.000Z"),
                                {{milk, 3000, 300, 357}, {bread, 1000, 293, 349}}, customer);
    r.addSale(reg, maria, {}, QStringLiteral("2026-11-21T08:59:59.999Z"), {{milk, 1000, 100, 119}});
    r.addSale(reg, anna, {}, QStringLiteral("2026-11-21T09:00:00.000Z"), {{bread, 1000, 293, 349}});
    r.addSale(reg, anna, {}, QStringLiteral("2026-11-21T11:30:00.000Z"),
              {{bread, 2000, 586, 698}, {milk, 1000, 100, 119}});
    r.addSale(reg, anna, {}, QStringLiteral("2026-11-21T23:00:00.000Z"), {{milk, 1000, 100, 119}});

    r.addCounterEvent(QStringLiteral("line_void"), m_staff->storeId, reg, anna, 119,
                      QStringLiteral("2026-11-21T08:20:00.000Z"), maria);
    r.addCounterEvent(QStringLiteral("sale_void"), m_staff->storeId, reg, maria, 698,
                      QStringLiteral("2026-11-21T10:00:00.000Z"));
    r.addRefund(reg, anna, 357, QStringLiteral("2026-11-21T12:00:00.000Z"), s1,
                QStringLiteral("returned by ") + CustomerName);
}

void TestReportsWindow::cleanup()
{
    m_reports.reset();
    m_rows.reset();
    m_staff.reset();
    m_store.reset();
}

void TestReportsWindow::opensOnTodayWithTheHourChart()
{
    auto w = open(m_manager);
    QVERIFY(!w->banner()->isError());
    QCOMPARE(w->scope().range, m_reports->today());
    QCOMPARE(w->tabs()->currentIndex(), int(ui::ReportsWindow::HourTab));

    // Hours 09 to 12 local: 09 has two sales (3.57 + 3.49 + 1.19), 11 none.
    const ui::ReportChart* chart = w->chart(ui::ReportsWindow::HourTab);
    QCOMPARE(chart->labels(), (QStringList{u"09"_s, u"10"_s, u"11"_s, u"12"_s}));
    QCOMPARE(chart->values(), (QList<double>{8.25, 3.49, 0.0, 8.17}));

    const QTableWidget* table = w->table(ui::ReportsWindow::HourTab);
    QCOMPARE(headers(table), (QStringList{u"Hour"_s, u"Sales"_s, u"Total"_s}));
    QCOMPARE(table->rowCount(), 5);
    QCOMPARE(row(table, 0), (QStringList{u"09:00"_s, u"2"_s, eur(825)}));
    QCOMPARE(row(table, 1), (QStringList{u"10:00"_s, u"1"_s, eur(349)}));
    QCOMPARE(row(table, 2), (QStringList{u"11:00"_s, u"0"_s, eur(0)}));
    QCOMPARE(row(table, 3), (QStringList{u"12:00"_s, u"1"_s, eur(817)}));
    QCOMPARE(row(table, 4), (QStringList{u"Total"_s, u"4"_s, eur(1991)}));
    QVERIFY(table->item(4, 0)->font().bold());

    const QString summary = w->findChild<QLabel*>(QStringLiteral("reportSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("4 sales")), qPrintable(summary));
    QVERIFY2(summary.contains(eur(1991)), qPrintable(summary));

    // Sales by cashier, by name: Anna three sales, Maria one.
    const QTableWidget* cashiers = w->table(ui::ReportsWindow::CashierTab);
    QCOMPARE(row(cashiers, 0), (QStringList{u"Anna Cashier (11)"_s, u"3"_s, eur(1872), eur(624)}));
    QCOMPARE(row(cashiers, 1), (QStringList{u"Maria Manager (21)"_s, u"1"_s, eur(119), eur(119)}));
    QCOMPARE(w->chart(ui::ReportsWindow::CashierTab)->values(), (QList<double>{18.72, 1.19}));
}

void TestReportsWindow::periodAndTabsFromTheKeyboard()
{
    auto w = open(m_auditor);
    QTRY_COMPARE(QApplication::focusWidget(), w->findChild<QComboBox*>(u"periodBox"_s));
    // Down in the period box: yesterday, with its one sale at 23:59:59.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    QCOMPARE(w->scope().range, m_reports->yesterday());
    QCOMPARE(w->chart(ui::ReportsWindow::HourTab)->labels(), QStringList{u"23"_s});
    QCOMPARE(w->chart(ui::ReportsWindow::HourTab)->values(), QList<double>{1.19});
    // Alt+C: the category tab.
    QTest::keyClick(w.get(), Qt::Key_C, Qt::AltModifier);
    QCOMPARE(w->tabs()->currentIndex(), int(ui::ReportsWindow::CategoryTab));
    QCOMPARE(row(w->table(ui::ReportsWindow::CategoryTab), 0).first(), QStringLiteral("Dairy"));
    // Chosen days: yesterday and today together.
    w->setCustomRange({QDate(2026, 11, 20), QDate(2026, 11, 21)});
    QVERIFY(w->findChild<QDateEdit*>(u"fromEdit"_s)->isEnabled());
    QCOMPARE(w->chart(ui::ReportsWindow::HourTab)->labels().first(), QStringLiteral("09"));
    QCOMPARE(w->chart(ui::ReportsWindow::HourTab)->labels().last(), QStringLiteral("23"));
    // A first day changed in its field (as the calendar does): loaded once the typing pauses.
    w->findChild<QDateEdit*>(u"fromEdit"_s)->setDate(QDate(2026, 11, 21));
    QTRY_COMPARE(w->chart(ui::ReportsWindow::HourTab)->labels().last(), QStringLiteral("12"));
    // A last day before the first: core's message, no figures.
    w->setCustomRange({QDate(2026, 11, 21), QDate(2026, 11, 20)});
    QVERIFY(w->banner()->isError());
    QVERIFY(w->tables().isEmpty());
    // Esc closes.
    QTest::keyClick(w.get(), Qt::Key_Escape);
    QVERIFY(!w->isVisible());
}

// RBAC-3: the margin column is there exactly when core includes margins.
void TestReportsWindow::marginColumnFollowsMarginsView()
{
    {
        auto w = open(m_manager);
        const QTableWidget* t = w->table(ui::ReportsWindow::CategoryTab);
        QCOMPARE(headers(t),
                 (QStringList{u"Category"_s, u"Quantity"_s, u"Net"_s, u"Total"_s, u"Margin"_s}));
        // Dairy: 5 x 1.19 = 5.95 gross, net 5.00, cost 5 x 0.60: margin 2.00.
        QCOMPARE(row(t, 1), (QStringList{u"Dairy"_s, u"5"_s, eur(500), eur(595), eur(200)}));
        QCOMPARE(row(t, 0), (QStringList{u"Bakery"_s, u"4"_s, eur(1172), eur(1396), eur(372)}));
        QCOMPARE(w->chart(ui::ReportsWindow::CategoryTab)->values(), (QList<double>{13.96, 5.95}));
    }
    QVERIFY(m_store->db()
                .exec("INSERT INTO role_overrides (store_id, role, permission, allowed) "
                      "SELECT id, 'auditor', 'margins.view', 0 FROM stores")
                .has_value());
    auto w = open(m_auditor);
    const QTableWidget* t = w->table(ui::ReportsWindow::CategoryTab);
    QCOMPARE(headers(t), (QStringList{u"Category"_s, u"Quantity"_s, u"Net"_s, u"Total"_s}));
    QCOMPARE(row(t, 1), (QStringList{u"Dairy"_s, u"5"_s, eur(500), eur(595)}));
    QVERIFY(!everythingShown(*w).contains(QStringLiteral("Margin")));
}

void TestReportsWindow::voidsAndRefunds()
{
    auto w = open(m_manager);
    QTest::keyClick(w.get(), Qt::Key_V, Qt::AltModifier);
    QCOMPARE(w->tabs()->currentIndex(), int(ui::ReportsWindow::VoidsTab));
    const QTableWidget* voids = w->table(ui::ReportsWindow::VoidsTab);
    QCOMPARE(headers(voids), (QStringList{u"Voided by"_s, u"Lines"_s, u"Sales"_s, u"Amount"_s,
                                          u"Approved by"_s, u"Without approval"_s}));
    QCOMPARE(row(voids, 0), (QStringList{u"Anna Cashier (11)"_s, u"1"_s, u"0"_s, eur(119),
                                         u"Maria Manager (21) ×1"_s, u"0"_s}));
    QCOMPARE(row(voids, 1),
             (QStringList{u"Maria Manager (21)"_s, u"0"_s, u"1"_s, eur(698), u""_s, u"1"_s}));
    QCOMPARE(row(voids, 2), (QStringList{u"Total"_s, u"1"_s, u"1"_s, eur(817), u""_s, u"1"_s}));
    const QTableWidget* refunds = w->refundsTable();
    QCOMPARE(row(refunds, 0), (QStringList{u"Anna Cashier (11)"_s, u"1"_s, eur(357),
                                           eur(357) + u" (1)"_s, eur(0) + u" (0)"_s}));
}

void TestReportsWindow::printShowsTheSameFigures()
{
    auto w = open(m_manager);
    QString printed;
    bool buttons = false;
    // Polls for the dialog (the button's shortcut clicks it a moment later), reads it, closes it.
    auto* poll = new QTimer(w.get());
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [&printed, &buttons, poll] {
        auto* d = qobject_cast<ui::DocumentDialog*>(QApplication::activeModalWidget());
        if (!d || !d->isVisible())
            return;
        poll->stop();
        printed = d->text();
        buttons = d->findChild<QPushButton*>(u"printButton"_s) &&
                  d->findChild<QPushButton*>(u"pdfButton"_s);
        QTest::keyClick(d, Qt::Key_Enter);
    });
    poll->start();
    QTest::keyClick(w.get(), Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(!printed.isEmpty());
    QVERIFY(buttons);
    QVERIFY(printed.startsWith(QStringLiteral("SALES REPORT\nTest Store, all registers\n")));
    QVERIFY(printed.contains(QStringLiteral("Printed ")));
    QVERIFY(printed.contains(QStringLiteral(" by Maria Manager")));
    for (const char* title : {"SALES BY HOUR", "SALES BY CATEGORY", "SALES BY CASHIER",
                              "VOIDS BY STAFF", "REFUNDS BY STAFF"})
        QVERIFY2(printed.contains(QLatin1StringView(title)), title);
    const QRegularExpression hourNine(QStringLiteral("\\n09:00 +2 +") +
                                      QRegularExpression::escape(eur(825)) + u'\n');
    QVERIFY2(printed.contains(hourNine), qPrintable(printed));
}

// RBAC-2: the window shows what core says; core refuses a cashier, so no figure appears.
void TestReportsWindow::cashierSeesCoreRefusal()
{
    auto w = open(m_cashier);
    QVERIFY(w->banner()->isError());
    QVERIFY2(w->banner()->text().contains(QStringLiteral("may not see reports")),
             qPrintable(w->banner()->text()));
    QVERIFY(w->tables().isEmpty());
    QCOMPARE(w->table(ui::ReportsWindow::HourTab)->rowCount(), 0);
    QVERIFY(w->chart(ui::ReportsWindow::HourTab)->values().isEmpty());
    QVERIFY(!w->findChild<QPushButton*>(u"printButton"_s)->isEnabled());
    QVERIFY(!everythingShown(*w).contains(eur(1991)));

    // A manager whose session ended meanwhile: the next load says so.
    auto m = open(m_manager);
    QVERIFY(!m->banner()->isError());
    m_staff->endSession(m_manager);
    m->reload();
    QVERIFY(m->banner()->isError());
    QVERIFY(m->banner()->text().contains(QStringLiteral("not signed in")));
    QVERIFY(m->tables().isEmpty());
}

// RBAC-3: auditors see no customer data. A sale had a customer and a refund's reason names her.
void TestReportsWindow::noCustomerData()
{
    auto w = open(m_auditor);
    w->setPeriod(ui::ReportsWindow::ThisWeek);
    QVERIFY(!w->banner()->isError());
    const QString shown = everythingShown(*w);
    QVERIFY(shown.contains(QStringLiteral("Anna Cashier")));
    QVERIFY(!shown.contains(QStringLiteral("Erika")));
    QVERIFY(!shown.contains(QStringLiteral("Mustermann")));
    QVERIFY(!shown.contains(QStringLiteral("2345678")));

    // The picture the lead and the README describe (set POS_REPORTS_SCREENSHOT=/path.png).
    const QString shot = qEnvironmentVariable("POS_REPORTS_SCREENSHOT");
    if (!shot.isEmpty()) {
        ui::UiResources::applyCounterStyle(*qApp);
        auto m = open(m_manager);
        m->resize(1280, 800);
        for (int tab : {1, 3, 0}) {
            m->tabs()->setCurrentIndex(tab);
            QTest::qWait(200);
            const QString path =
                tab == 0 ? shot : QString(shot).replace(u".png"_s, u"-%1.png"_s.arg(tab));
            QVERIFY(m->grab().save(path));
        }
    }
}

QTEST_MAIN(TestReportsWindow)
#include "tst_reportswindow.moc"
