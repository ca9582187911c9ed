// The sync screen (Back office > Sync…, Ctrl+Shift+S): what waits to be sent by kind, where the
// register is connected, when it last synced and what the run did, the server's countersignature
// of this register's audit log, a progress bar while a run is under way, errors in plain words,
// and Sync now (F5). A real SyncEngine talks to a TLS stand-in for pos-syncd (SyncFixture).
#include "EnrolDialog.h"
#include "SyncFixture.h"
#include "SyncWindow.h"
#include "UiResources.h"

#include <QProgressBar>

using namespace pos;
using test::SyncFixture;
using test::whenModal;

namespace {

// A key as the person presses it on a screen: shortcuts reach the active window only, and the
// offscreen platform may hand the activation back to the counter a moment after a dialog opened.
void key(QWidget* w, Qt::Key k, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    if (QApplication::activeWindow() != w)
        w->activateWindow();
    QTRY_COMPARE(QApplication::activeWindow(), w);
    QTest::keyClick(w, k, mods);
}

} // namespace

class tst_SyncWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::UiResources::applyCounterStyle(*qApp); } // as the app looks
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void notConnectedShowsWhatWaits();
    void syncNowSendsTheSaleAndShowsTheWitness();
    void progressWhileARunIsUnderWayThenOffline();
    void refusalInPlainWordsAndSyncNowTriesAgain();
    void ownerConnectsFromHere();

private:
    // Opens the sync screen with its key and runs check on it; Esc closes it.
    void withSyncScreen(const std::function<void(ui::SyncWindow*)>& check);

    test::SyncFixtureSlot m_f;
};

void tst_SyncWindow::withSyncScreen(const std::function<void(ui::SyncWindow*)>& check)
{
    bool opened = false;
    whenModal<ui::SyncWindow>([&](ui::SyncWindow* w) {
        opened = true;
        check(w);
        QTest::keyClick(w, Qt::Key_Escape);
    });
    m_f->f.press(Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(opened);
    m_f->f.waitForCounter();
}

void tst_SyncWindow::notConnectedShowsWhatWaits()
{
    SyncFixture& s = *m_f;
    const Session owner = s.f.staff.signIn(Role::Owner, QStringLiteral("Olga Owner"));
    QVERIFY(s.showWindow(owner));
    withSyncScreen([&](ui::SyncWindow* w) {
        QCOMPARE(w->stateLabel()->text(),
                 QStringLiteral("Not connected to a sync server: this register works on its own."));
        QCOMPARE(w->serverLabel()->text(),
                 QStringLiteral("None: this register is not connected to a sync server."));
        QCOMPARE(w->lastSyncLabel()->text(), QStringLiteral("Never"));
        // What the day so far left in the outbox: the open shift and the audit log's rows.
        const QString pending = w->pendingLabel()->text();
        QVERIFY2(pending.contains(QStringLiteral("1 shift opened or closed")), qPrintable(pending));
        QVERIFY2(pending.contains(QStringLiteral(" audit log rows")), qPrintable(pending));
        QVERIFY(!w->syncNowButton()->isEnabled());
        QVERIFY(w->enrolButton()->isVisible()); // an owner may connect it from here
        QVERIFY(w->progressBar()->isHidden());
        test::screenshot(w, "syncwindow-notconnected");
    });

    // A manager sees the same, without Connect.
    QVERIFY(s.showWindow(s.f.manager));
    withSyncScreen([&](ui::SyncWindow* w) { QVERIFY(!w->enrolButton()->isVisible()); });
}

void tst_SyncWindow::syncNowSendsTheSaleAndShowsTheWitness()
{
    SyncFixture& s = *m_f;
    QVERIFY(s.writeEnrolment(s.server.url()));
    s.sync.engine = s.sync.startEngine();
    QVERIFY(s.waitForRun(0));
    QCOMPARE(s.reports.last().outcome, SyncRunReport::Outcome::Done);

    // The cashier sells; the sale waits for the next run.
    QVERIFY(s.showWindow(s.f.cashier));
    s.f.scanCode(s.f.soap);
    QTRY_COMPARE(s.f.cartRows(), 1);
    s.f.payCash(QStringLiteral("3.00"));
    QTRY_COMPARE(s.f.cartRows(), 0);
    QTRY_VERIFY(s.engine->status().pending > 0);

    QVERIFY(s.showWindow(s.f.manager));
    const qsizetype runs = s.reports.size();
    withSyncScreen([&](ui::SyncWindow* w) {
        QCOMPARE(w->serverLabel()->text(), QStringLiteral("%1 (online)").arg(s.server.url()));
        QCOMPARE(w->placeLabel()->text(),
                 QStringLiteral("Bakery Ltd — Main Street (this register: Front till)"));
        QCOMPARE(w->pendingLabel()->text(), QStringLiteral("1 in all: 1 sale"));
        QVERIFY(w->lastSyncLabel()->text() != QStringLiteral("Never"));
        // The first run's checkpoints came back countersigned, and the signature verifies.
        QVERIFY2(w->witnessLabel()->text().contains(
                     QStringLiteral("of this register's audit log (of ")) &&
                     w->witnessLabel()->text().contains(
                         QStringLiteral("were countersigned by the server on")),
                 qPrintable(w->witnessLabel()->text()));
        QVERIFY(w->syncNowButton()->isEnabled());

        key(w, Qt::Key_F5); // Sync now
        QVERIFY(s.waitForRun(runs));
        QTRY_COMPARE(w->pendingLabel()->text(),
                     QStringLiteral("Nothing: everything has reached the server."));
        QTRY_COMPARE(w->stateLabel()->text(), QStringLiteral("Online: everything is up to date."));
        QVERIFY2(w->lastRunLabel()->text().contains(
                     QStringLiteral("records sent: 1 (1 new, 0 already on the server)")),
                 qPrintable(w->lastRunLabel()->text()));
        QCOMPARE(w->errorLabel()->text(), QStringLiteral("None"));
        test::screenshot(w, "syncwindow-online");
    });
    QCOMPARE(s.reports.last().recordsSent, 1);
}

void tst_SyncWindow::progressWhileARunIsUnderWayThenOffline()
{
    SyncFixture& s = *m_f;
    s.requestTimeout = std::chrono::milliseconds(1500);
    QVERIFY(s.writeEnrolment(s.server.url()));
    s.sync.engine = s.sync.startEngine();
    QVERIFY(s.waitForRun(0));
    QVERIFY(s.showWindow(s.f.cashier)); // one sale to send
    s.f.scanCode(s.f.milk);
    QTRY_COMPARE(s.f.cartRows(), 1);
    s.f.payCash(QStringLiteral("2.00"));
    QTRY_COMPARE(s.f.cartRows(), 0);

    // The server takes the request and never answers.
    s.push = SyncFixture::Push::Stall;
    QVERIFY(s.showWindow(s.f.manager));
    const qsizetype runs = s.reports.size();
    withSyncScreen([&](ui::SyncWindow* w) {
        key(w, Qt::Key_F5);
        QTRY_VERIFY(w->progressBar()->isVisible());
        QCOMPARE(w->stateLabel()->text(), QStringLiteral("Syncing…"));
        QVERIFY(!w->syncNowButton()->isEnabled()); // one run at a time
        test::screenshot(w, "syncwindow-syncing");

        // The engine's time limit cuts it off: offline, in plain words, nothing lost.
        QVERIFY(s.waitForRun(runs));
        QTRY_VERIFY(w->progressBar()->isHidden());
        QVERIFY2(w->stateLabel()->text().startsWith(QStringLiteral("Offline: the server cannot "
                                                                   "be reached.")),
                 qPrintable(w->stateLabel()->text()));
        QVERIFY2(w->errorLabel()->text().contains(QStringLiteral("sync server")),
                 qPrintable(w->errorLabel()->text()));
        QVERIFY2(w->lastRunLabel()->text().contains(QStringLiteral("could not be reached")),
                 qPrintable(w->lastRunLabel()->text()));
        QCOMPARE(w->pendingLabel()->text(), QStringLiteral("1 in all: 1 sale"));
        QVERIFY(w->syncNowButton()->isEnabled());
    });
}

void tst_SyncWindow::refusalInPlainWordsAndSyncNowTriesAgain()
{
    SyncFixture& s = *m_f;
    s.push = SyncFixture::Push::Conflict;
    QVERIFY(s.writeEnrolment(s.server.url()));
    s.sync.engine = s.sync.startEngine();
    QVERIFY(s.waitForRun(0));
    QCOMPARE(s.reports.last().outcome, SyncRunReport::Outcome::Blocked);
    QVERIFY(s.showWindow(s.f.manager));
    const qsizetype runs = s.reports.size();
    withSyncScreen([&](ui::SyncWindow* w) {
        QVERIFY2(w->stateLabel()->text().startsWith(QStringLiteral("Sync stopped")),
                 qPrintable(w->stateLabel()->text()));
        QVERIFY2(w->errorLabel()->text().contains(
                     QStringLiteral("already holds a different record under the same id")),
                 qPrintable(w->errorLabel()->text()));
        // Nothing goes up until Sync now; what the server changes still comes down.
        const QString next = w->findChild<QLabel*>(QStringLiteral("nextLabel"))->text();
        QVERIFY2(next.startsWith(QStringLiteral("Fetching changes only, at ")) &&
                     next.endsWith(QStringLiteral("sending waits until Sync now is pressed")),
                 qPrintable(next));
        QVERIFY(!w->pendingLabel()->text().startsWith(QStringLiteral("Nothing")));
        test::screenshot(w, "syncwindow-stopped");

        // Whoever runs the server sorted it out; Sync now tries again.
        s.push = SyncFixture::Push::Accept;
        key(w, Qt::Key_F5);
        QVERIFY(s.waitForRun(runs));
        QTRY_COMPARE(w->stateLabel()->text(), QStringLiteral("Online: everything is up to date."));
        QCOMPARE(w->errorLabel()->text(), QStringLiteral("None"));
        QTRY_COMPARE(w->pendingLabel()->text(),
                     QStringLiteral("Nothing: everything has reached the server."));
    });
}

void tst_SyncWindow::ownerConnectsFromHere()
{
    SyncFixture& s = *m_f;
    QVERIFY(s.showWindow(s.f.staff.signIn(Role::Owner, QStringLiteral("Olga Owner"))));
    bool enrolOpened = false;
    withSyncScreen([&](ui::SyncWindow* w) {
        whenModal<ui::EnrolDialog>([&](ui::EnrolDialog* d) {
            enrolOpened = true;
            QCOMPARE(d->focusWidget(), d->addressEdit());
            QTest::keyClick(d, Qt::Key_Escape);
        });
        key(w, Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(enrolOpened);
        QTRY_COMPARE(QApplication::activeModalWidget(), w);
        QVERIFY(!s.engine); // cancelled: nothing started
    });
}

QTEST_MAIN(tst_SyncWindow)
#include "tst_syncwindow.moc"
