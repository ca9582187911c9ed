// AUTH-4 at the counter: after the idle time (here a fraction of a second instead of 5 minutes)
// the counter locks itself. Its content is then hidden, not just covered, and its keys do
// nothing; the open sale stays. The same cashier's PIN brings back the same cart; "Switch user"
// lets another cashier sign in, whose name the status bar then shows, with the same cart, and the
// first cashier's session ends as switched away. Ctrl+L locks at once, and a dialog left open is
// cancelled by the lock.
#include "CounterFixture.h"
#include "IdleLock.h"
#include "LockScreen.h"
#include "staff/AuthService.h"

#include <QMenu>
#include <QMenuBar>

using namespace pos;
using namespace pos::test;

class tst_IdleLock : public QObject {
    Q_OBJECT

    FixtureSlot f;
    std::unique_ptr<AuthService> m_auth;

    QWidget* focused() const { return QApplication::focusWidget(); }
    template <class T> T* child(const char* name)
    {
        return f->window->findChild<T*>(QString::fromLatin1(name));
    }
    void type(const QString& text)
    {
        QTest::keyClicks(focused(), text);
        QTest::keyClick(focused(), Qt::Key_Return);
    }
    QString cartNames()
    {
        QStringList names;
        for (const CartLine& line : f->window->cart().lines())
            names << line.name;
        return names.join(u',');
    }
    void checkCounterHidden()
    {
        QVERIFY(f->window->isLocked());
        for (const char* name : {"scanField", "cartView", "payButton", "commandBar", "sidePanel"})
            QVERIFY2(!child<QWidget>(name)->isVisible(), name);
        QVERIFY(child<ui::LockScreen>("lockScreen")->isVisible());
        QVERIFY(f->labelText("cashierLabel").contains(QStringLiteral("locked")));
    }
    void waitForLock() { QTRY_VERIFY_WITH_TIMEOUT(f->window->isLocked(), 5000); }
    void ringUpTwo()
    {
        f->scanCode(f->milk);
        f->scanCode(f->bread);
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread"));
    }

private slots:
    void init()
    {
        QVERIFY(f.start());
        AuthService::Options options;
        options.hashParams = TestStaff::CheapHash;
        m_auth = std::make_unique<AuthService>(f->store.db(), f->store.keys(),
                                               TestStaff::pepperKeyName(), f->clock, f->ids,
                                               f->settings.registerId, options);
        f->window->enableLocking(*m_auth);
        QCOMPARE(f->window->idleLock()->interval(), std::chrono::milliseconds(300'000));
        f->window->idleLock()->setInterval(std::chrono::milliseconds(400));
    }
    void cleanup()
    {
        QCOMPARE(f.stop(), 0);
        m_auth.reset();
    }

    void idleLocksHidesTheCounterAndTheSameCashierUnlocksToTheSameCart()
    {
        ringUpTwo();
        const QUuid sessionId = f->window->session().id;
        waitForLock();
        checkCounterHidden();
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread"));

        // The counter's keys do nothing while locked: no payment opens, nothing is scanned.
        QTRY_COMPARE(focused(), child<QLineEdit>("pinField"));
        QTest::keyClick(focused(), Qt::Key_F4);
        QTest::keyClick(focused(), Qt::Key_F8);
        QTest::qWait(50);
        QVERIFY(!QApplication::activeModalWidget());
        QVERIFY(child<QLineEdit>("pinField")->text().isEmpty()); // F-keys typed nothing

        type(QStringLiteral("1357"));
        QVERIFY(f->window->isLocked());
        QVERIFY(child<QLabel>("lockError")->text().contains(QStringLiteral("not right")));
        type(QStringLiteral("2468"));
        QVERIFY(!f->window->isLocked());
        f->waitForCounter();
        QCOMPARE(f->window->session().id, sessionId);
        QCOMPARE(f->labelText("cashierLabel"), QStringLiteral("Cashier: Test Cashier"));
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread"));
        f->scanCode(f->soap); // and the sale goes on
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread,Olive soap"));
        // The idle clock runs again.
        waitForLock();
    }

    void inputKeepsTheCounterUnlocked()
    {
        for (int i = 0; i < 10; ++i) {
            QTest::keyClick(f->scan(), Qt::Key_Shift);
            QTest::qWait(100);
        }
        QVERIFY(!f->window->isLocked());
    }

    void switchUserHandsTheSaleToAnotherCashier()
    {
        f->window->idleLock()->setInterval(std::chrono::minutes(5));
        const qint64 bob = f->staff.addUser(Role::Cashier, QStringLiteral("Bob Baker"),
                                            QStringLiteral("202"), QStringLiteral("8642"));
        const Session first = f->window->session();
        ringUpTwo();

        f->press(Qt::Key_L, Qt::ControlModifier);
        QVERIFY(f->window->isLocked());
        checkCounterHidden();
        QTest::mouseClick(child<QPushButton>("switchUserButton"), Qt::LeftButton);
        QCOMPARE(focused(), child<QLineEdit>("userCodeField"));
        type(QStringLiteral("202"));
        type(QStringLiteral("8642"));
        QVERIFY(!f->window->isLocked());
        f->waitForCounter();
        QCOMPARE(f->labelText("cashierLabel"), QStringLiteral("Cashier: Bob Baker"));
        QCOMPARE(f->window->session().userId, bob);
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread"));

        auto q = f->store.db().query("SELECT end_reason FROM sessions WHERE uuid = ?1");
        q->bind(1, first.id.toString(QUuid::WithoutBraces));
        QVERIFY(q->next().value_or(false));
        QCOMPARE(q->text(0), QStringLiteral("switched user"));
    }

    void lockIsInTheMenuAndCancelsAnOpenDialog()
    {
        f->window->idleLock()->setInterval(std::chrono::minutes(5));
        auto* menu = f->window->menuBar()->findChild<QMenu*>(QStringLiteral("userMenu"));
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(child<QAction>("lockAction")));
        QVERIFY(menu->actions().contains(child<QAction>("switchUserAction")));

        ringUpTwo();
        bool sawPayment = false;
        whenModal<ui::TenderDialog>([this, &sawPayment](ui::TenderDialog*) {
            sawPayment = true;
            f->window->lock(); // as the idle timer would, with the payment dialog open
        });
        f->press(Qt::Key_F4);
        QVERIFY(sawPayment);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        checkCounterHidden();
        QVERIFY(!f->window->menuBar()->isVisible());
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread"));
        QTRY_COMPARE(focused(), child<QLineEdit>("pinField"));
        type(QStringLiteral("2468"));
        QVERIFY(!f->window->isLocked());
        QVERIFY(f->window->menuBar()->isVisible());
        QCOMPARE(cartNames(), QStringLiteral("Milk 1 l,Rye bread"));
    }
};

QTEST_MAIN(tst_IdleLock)
#include "tst_idlelock.moc"
