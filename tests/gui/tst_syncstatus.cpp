// The counter's status bar says how sync stands (issue 5): not connected, offline with the
// records waiting, online with the last sync, stopped with why; the counter keeps selling while
// the server cannot be reached; a click opens the sync screen for those who may see it. A real
// SyncEngine talks to a TLS stand-in for pos-syncd on 127.0.0.1 (SyncFixture).
#include "SyncFixture.h"
#include "SyncWindow.h"
#include "UiResources.h"

#include <QLocale>
#include <QStatusBar>

using namespace pos;
using test::SyncFixture;
using test::whenModal;

class tst_SyncStatus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::UiResources::applyCounterStyle(*qApp); } // as the app looks
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void notConnected();
    void offlineTheCounterKeepsSellingAndCounts();
    void onlineSaysWhenItLastSynced();
    void stoppedSaysWhy();
    void clickOpensTheSyncScreenForThoseWhoMaySeeIt();

private:
    test::SyncFixtureSlot m_f;
};

void tst_SyncStatus::notConnected()
{
    SyncFixture& s = *m_f;
    // The counter as the app shows it without a sync set-up at all, and with one not enrolled.
    auto* plain = s.f.window->findChild<ui::SyncStatusWidget*>(QStringLiteral("syncStatus"));
    QVERIFY(plain);
    QCOMPARE(plain->text(), QStringLiteral("Not connected to a sync server"));
    QVERIFY(s.showWindow(s.f.cashier));
    ui::SyncStatusWidget* w = s.statusWidget();
    QVERIFY(w->isVisible());
    QCOMPARE(w->text(), QStringLiteral("Not connected to a sync server"));
    QVERIFY2(w->toolTip().contains(QStringLiteral("Connect to sync server")),
             qPrintable(w->toolTip()));
    QCOMPARE(w->kind(), QStringLiteral("none"));
    QVERIFY(!s.engine);
}

void tst_SyncStatus::offlineTheCounterKeepsSellingAndCounts()
{
    SyncFixture& s = *m_f;
    const quint16 closed = test::FakeSyncServer::closedPort();
    QVERIFY(s.writeEnrolment(QStringLiteral("https://127.0.0.1:%1").arg(closed)));
    s.sync.engine = s.sync.startEngine();
    QVERIFY(s.sync.engine);
    QVERIFY(s.showWindow(s.f.cashier));
    ui::SyncStatusWidget* w = s.statusWidget();

    QVERIFY(s.waitForRun(0));
    QCOMPARE(s.reports.last().outcome, SyncRunReport::Outcome::Offline);
    QTRY_VERIFY2(w->text().startsWith(QStringLiteral("● Offline · ")), qPrintable(w->text()));
    const qint64 before = s.engine->status().pending;
    QVERIFY(before > 0); // the shift, audit rows, ...: nothing has reached a server yet
    QCOMPARE(w->text(), QStringLiteral("● Offline · %1 waiting · last sync never").arg(before));
    QCOMPARE(w->kind(), QStringLiteral("offline"));
    QVERIFY2(w->toolTip().contains(QStringLiteral("cannot be reached")), qPrintable(w->toolTip()));
    QVERIFY2(w->toolTip().contains(QStringLiteral("could not be reached")),
             qPrintable(w->toolTip())); // the engine's own words on why

    // The cashier sells as ever; the sale waits for the server and the count says so.
    s.f.scanCode(s.f.milk);
    QTRY_COMPARE(s.f.cartRows(), 1);
    s.f.payCash(QStringLiteral("2.00"));
    QTRY_COMPARE(s.f.cartRows(), 0);
    QTRY_VERIFY2(s.engine->status().pending > before, qPrintable(w->text()));
    const qint64 after = s.engine->status().pending;
    QTRY_COMPARE(w->text(), QStringLiteral("● Offline · %1 waiting · last sync never").arg(after));
    QCOMPARE(s.requestsTo("/v1/push"), 0); // the stand-in was never asked: nothing listens there
    test::screenshot(s.f.window->statusBar(), "syncstatus-offline");
}

void tst_SyncStatus::onlineSaysWhenItLastSynced()
{
    SyncFixture& s = *m_f;
    QVERIFY(s.writeEnrolment(s.server.url()));
    s.sync.engine = s.sync.startEngine();
    QVERIFY(s.showWindow(s.f.cashier));
    ui::SyncStatusWidget* w = s.statusWidget();
    QVERIFY(s.waitForRun(0));
    QCOMPARE(s.reports.last().outcome, SyncRunReport::Outcome::Done);
    QVERIFY(s.requestsTo("/v1/push") > 0);

    // The engine's clock is the fixture's manual clock: the last sync is its time.
    const QDateTime synced = s.f.clock.nowUtc().toLocalTime();
    const QString when = synced.date() == QDate::currentDate()
                             ? QLocale().toString(synced.time(), QLocale::ShortFormat)
                             : QLocale().toString(synced, QLocale::ShortFormat);
    QTRY_COMPARE(w->text(), QStringLiteral("● Online · all sent · synced %1").arg(when));
    QCOMPARE(w->kind(), QStringLiteral("online"));
    QVERIFY2(w->toolTip().contains(s.server.url()), qPrintable(w->toolTip()));

    // A sale waits until the next run, then it is sent too.
    s.f.scanCode(s.f.bread);
    QTRY_COMPARE(s.f.cartRows(), 1);
    s.f.payCash(QStringLiteral("5.00"));
    QTRY_VERIFY2(w->text().startsWith(QStringLiteral("● Online · ")) &&
                     w->text().contains(QStringLiteral(" waiting · ")),
                 qPrintable(w->text()));
    const qsizetype runs = s.reports.size();
    QVERIFY(s.timer->fire()); // the engine's next automatic run
    QVERIFY(s.waitForRun(runs));
    QTRY_COMPARE(w->text(), QStringLiteral("● Online · all sent · synced %1").arg(when));
    test::screenshot(s.f.window->statusBar(), "syncstatus-online");
}

void tst_SyncStatus::stoppedSaysWhy()
{
    SyncFixture& s = *m_f;
    s.push = SyncFixture::Push::Conflict;
    QVERIFY(s.writeEnrolment(s.server.url()));
    s.sync.engine = s.sync.startEngine();
    QVERIFY(s.showWindow(s.f.cashier));
    ui::SyncStatusWidget* w = s.statusWidget();
    QVERIFY(s.waitForRun(0));
    QCOMPARE(s.reports.last().outcome, SyncRunReport::Outcome::Blocked);
    const qint64 pending = s.engine->status().pending;
    QVERIFY(pending > 0); // nothing was dropped
    QTRY_COMPARE(w->text(), QStringLiteral("● Sync stopped · %1 waiting").arg(pending));
    QCOMPARE(w->kind(), QStringLiteral("stopped"));
    QVERIFY2(w->toolTip().contains(QStringLiteral("Nothing was lost")), qPrintable(w->toolTip()));
    QVERIFY2(w->toolTip().contains(QStringLiteral("different record under the same id")),
             qPrintable(w->toolTip()));
    test::screenshot(s.f.window->statusBar(), "syncstatus-stopped");
}

void tst_SyncStatus::clickOpensTheSyncScreenForThoseWhoMaySeeIt()
{
    SyncFixture& s = *m_f;
    QVERIFY(s.writeEnrolment(s.server.url()));
    s.sync.engine = s.sync.startEngine();

    // A cashier's click only shows the tooltip: no screen opens.
    QVERIFY(s.showWindow(s.f.cashier));
    QTest::mouseClick(s.statusWidget(), Qt::LeftButton);
    QTest::qWait(100);
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(!s.statusWidget()->toolTip().contains(QStringLiteral("Click for the sync screen")));

    // A manager's click opens the sync screen.
    QVERIFY(s.showWindow(s.f.manager));
    QVERIFY2(s.statusWidget()->toolTip().contains(QStringLiteral("Click for the sync screen")),
             qPrintable(s.statusWidget()->toolTip()));
    bool opened = false;
    whenModal<ui::SyncWindow>([&](ui::SyncWindow* d) {
        opened = true;
        QTest::keyClick(d, Qt::Key_Escape);
    });
    QTest::mouseClick(s.statusWidget(), Qt::LeftButton);
    QTRY_VERIFY(opened);
    s.f.waitForCounter();
}

QTEST_MAIN(tst_SyncStatus)
#include "tst_syncstatus.moc"
