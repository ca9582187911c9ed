// AUTH-1/2/3 on screen: the lock screen. A cashier signs in with their user code and the PIN pad,
// from the keyboard alone or by touch; five wrong PINs lock the account and the screen says for
// how long, and then even the right PIN is refused until the wait is over; an owner needs the
// password and the authenticator app's code. Everything is judged by the real AuthService on a
// temporary encrypted store (cheap hashes so the test is quick).
#include "LockScreen.h"
#include "PinPad.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "auth/Totp.h"
#include "staff/AuthService.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace pos;
using pos::ui::LockScreen;

namespace {

struct World {
    test::TestStore store;
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC)};
    SequentialIdSource ids;
    test::TestStaff staff{store.db(), store.keys()};
    std::unique_ptr<AuthService> auth;
    QByteArray ownerTotp;
    qint64 cashierId = 0;
    qint64 ownerId = 0;

    World()
    {
        AuthService::Options options;
        options.hashParams = test::TestStaff::CheapHash;
        auth = std::make_unique<AuthService>(store.db(), store.keys(),
                                             test::TestStaff::pepperKeyName(), clock, ids,
                                             staff.registerId(), options);
        cashierId = staff.addUser(Role::Cashier, QStringLiteral("Cara Cashier"),
                                  QStringLiteral("201"), QStringLiteral("2468"));
        auto secret = Totp::generateSecret();
        ownerTotp = QByteArray(reinterpret_cast<const char*>(secret->data()),
                               static_cast<qsizetype>(secret->size()));
        ownerId = staff.addUser(Role::Owner, QStringLiteral("Olivia Owner"), QStringLiteral("900"),
                                {}, QStringLiteral("correct horse battery staple"), ownerTotp);
    }

    QString totpNow() const
    {
        QByteArray copy = ownerTotp;
        auto code = Totp::codeAt(SecretBytes::takeFrom(copy), clock.nowUtc());
        return QString::fromLatin1(reinterpret_cast<const char*>(code->data()),
                                   static_cast<qsizetype>(code->size()));
    }
};

} // namespace

class tst_LockScreen : public QObject {
    Q_OBJECT

    std::unique_ptr<World> m_w;
    std::unique_ptr<LockScreen> m_screen;

    QWidget* focused() const { return QApplication::focusWidget(); }
    template <class T> T* child(const char* name) const
    {
        return m_screen->findChild<T*>(QString::fromLatin1(name));
    }
    QString error() const
    {
        auto* label = child<QLabel>("lockError");
        return label->isVisible() ? label->text() : QString();
    }
    QString endReason(const Session& s) const
    {
        auto q = m_w->store.db().query("SELECT end_reason FROM sessions WHERE uuid = ?1");
        q->bind(1, s.id.toString(QUuid::WithoutBraces));
        auto row = q->next();
        return row && *row ? q->text(0) : QStringLiteral("<no session>");
    }
    void type(const QString& text)
    {
        QTest::keyClicks(focused(), text);
        QTest::keyClick(focused(), Qt::Key_Return);
    }

private slots:
    void init()
    {
        m_w = std::make_unique<World>();
        m_screen = std::make_unique<LockScreen>(*m_w->auth);
        m_screen->resize(1366, 768);
        m_screen->showSignIn();
        m_screen->show();
        m_screen->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_screen.get()));
    }
    void cleanup()
    {
        m_screen.reset();
        m_w.reset();
    }

    void showsATilePerPersonAndNoSecretFieldFilledIn()
    {
        QStringList tiles;
        for (auto* b : m_screen->findChildren<QPushButton*>(QStringLiteral("userTile")))
            tiles << b->text().section(u'\n', 0, 0);
        tiles.sort();
        QCOMPARE(tiles,
                 (QStringList{QStringLiteral("Cara Cashier"), QStringLiteral("Olivia Owner")}));
        QCOMPARE(focused(), child<QLineEdit>("userCodeField"));
        QVERIFY(child<QLineEdit>("pinField")->text().isEmpty());
        QCOMPARE(child<QLineEdit>("pinField")->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QLineEdit>("passwordField")->echoMode(), QLineEdit::Password);
    }

    void cashierSignsInOnThePinPadByKeyboard()
    {
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        type(QStringLiteral("201"));
        auto* pin = child<QLineEdit>("pinField");
        QVERIFY(pin->isVisible());
        QVERIFY(!child<QLineEdit>("passwordField")->isVisible());
        QCOMPARE(focused(), pin);
        QCOMPARE(child<QLabel>("proveTitle")->text(), QStringLiteral("Cara Cashier"));
        // Backspace works like the pad's back key.
        QTest::keyClicks(pin, QStringLiteral("24699"));
        QTest::keyClick(pin, Qt::Key_Backspace);
        QTest::keyClick(pin, Qt::Key_Backspace);
        type(QStringLiteral("8"));
        QCOMPARE(signedIn.count(), 1);
        const auto session = signedIn.at(0).at(0).value<Session>();
        QCOMPARE(session.userId, m_w->cashierId);
        QCOMPARE(session.userName, QStringLiteral("Cara Cashier"));
        QCOMPARE(session.role, Role::Cashier);
        QVERIFY(session.isValid());
        QVERIFY(pin->text().isEmpty());
    }

    void cashierSignsInByTouch()
    {
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        QPushButton* tile = nullptr;
        for (auto* b : m_screen->findChildren<QPushButton*>(QStringLiteral("userTile")))
            if (b->property("userCode").toString() == u"201")
                tile = b;
        QVERIFY(tile);
        QTest::mouseClick(tile, Qt::LeftButton);
        auto* ok = child<QPushButton>("pinOk");
        QVERIFY(!ok->isEnabled()); // fewer than 4 digits
        for (const char* key : {"pinKey2", "pinKey4", "pinKey9", "pinBack", "pinKey6", "pinKey8"})
            QTest::mouseClick(child<QPushButton>(key), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>("pinField")->text().size(), 4);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(signedIn.count(), 1);
        QCOMPARE(signedIn.at(0).at(0).value<Session>().userId, m_w->cashierId);
    }

    void fiveWrongPinsLockWithTheWaitShownAndTheRightPinIsThenRefused()
    {
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        type(QStringLiteral("201"));
        for (int i = 0; i < 4; ++i) {
            type(QStringLiteral("1357"));
            QCOMPARE(error(), QStringLiteral("The user code or PIN is not right."));
            QVERIFY(child<QLineEdit>("pinField")->text().isEmpty());
        }
        type(QStringLiteral("1357"));
        QVERIFY2(error().contains(QStringLiteral("30 seconds")), qPrintable(error()));
        type(QStringLiteral("2468"));
        QVERIFY2(error().contains(QStringLiteral("seconds")), qPrintable(error()));
        QCOMPARE(signedIn.count(), 0);

        m_w->clock.advanceSecs(31);
        type(QStringLiteral("2468"));
        QCOMPARE(signedIn.count(), 1);
    }

    void unknownCodeIsRefusedLikeAWrongPin()
    {
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        type(QStringLiteral("777"));
        QVERIFY(child<QLineEdit>("pinField")->isVisible());
        QCOMPARE(child<QLabel>("proveTitle")->text(), QStringLiteral("User 777"));
        type(QStringLiteral("2468"));
        QCOMPARE(error(), QStringLiteral("The user code or PIN is not right."));
        QCOMPARE(signedIn.count(), 0);
    }

    void ownerNeedsPasswordAndAuthenticatorCode()
    {
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        type(QStringLiteral("900"));
        auto* password = child<QLineEdit>("passwordField");
        auto* totp = child<QLineEdit>("totpField");
        QVERIFY(!child<QLineEdit>("pinField")->isVisible());
        QVERIFY(password->isVisible() && totp->isVisible());
        QCOMPARE(focused(), password);

        // Enter in the password goes on to the code; the code alone is not enough.
        type(QStringLiteral("correct horse battery staple"));
        QCOMPARE(focused(), totp);
        QCOMPARE(signedIn.count(), 0);
        QTest::keyClick(totp, Qt::Key_Return);
        QVERIFY2(error().contains(QStringLiteral("authenticator")), qPrintable(error()));

        // The right password with a wrong code is refused.
        QTest::keyClicks(password, QStringLiteral("correct horse battery staple"));
        const QString right = m_w->totpNow();
        const QString wrong =
            right == u"123456" ? QStringLiteral("654321") : QStringLiteral("123456");
        QTest::keyClicks(totp, wrong);
        QTest::keyClick(totp, Qt::Key_Return);
        QVERIFY2(!error().isEmpty(), "a wrong code must be refused");
        QCOMPARE(signedIn.count(), 0);
        QVERIFY(password->text().isEmpty() && totp->text().isEmpty());

        QTest::keyClicks(password, QStringLiteral("correct horse battery staple"));
        QTest::keyClicks(totp, right);
        QTest::keyClick(totp, Qt::Key_Return);
        QCOMPARE(signedIn.count(), 1);
        const auto session = signedIn.at(0).at(0).value<Session>();
        QCOMPARE(session.userId, m_w->ownerId);
        QCOMPARE(session.role, Role::Owner);
    }

    void theLockedCashierUnlocksWithTheirPin()
    {
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        type(QStringLiteral("201"));
        type(QStringLiteral("2468"));
        QCOMPARE(signedIn.count(), 1);
        const auto session = signedIn.at(0).at(0).value<Session>();

        QSignalSpy unlocked(m_screen.get(), &LockScreen::unlocked);
        m_screen->showLocked(session);
        QCOMPARE(child<QLabel>("proveTitle")->text(), QStringLiteral("Locked"));
        QCOMPARE(focused(), child<QLineEdit>("pinField"));
        type(QStringLiteral("1357"));
        QCOMPARE(error(), QStringLiteral("The user code or PIN is not right."));
        QCOMPARE(unlocked.count(), 0);
        type(QStringLiteral("2468"));
        QCOMPARE(unlocked.count(), 1);
        QCOMPARE(signedIn.count(), 1); // the same session carries on
        QCOMPARE(endReason(session), QString());
    }

    void switchUserEndsTheLockedSessionAsSwitchedAway()
    {
        const qint64 other = m_w->staff.addUser(Role::Cashier, QStringLiteral("Bob Baker"),
                                                QStringLiteral("202"), QStringLiteral("8642"));
        QSignalSpy signedIn(m_screen.get(), &LockScreen::signedIn);
        type(QStringLiteral("201"));
        type(QStringLiteral("2468"));
        const auto first = signedIn.at(0).at(0).value<Session>();

        m_screen->showLocked(first);
        QTest::mouseClick(child<QPushButton>("switchUserButton"), Qt::LeftButton);
        QCOMPARE(focused(), child<QLineEdit>("userCodeField"));
        QVERIFY(child<QPushButton>("backToLocked")->isVisible());
        type(QStringLiteral("202"));
        type(QStringLiteral("8642"));
        QCOMPARE(signedIn.count(), 2);
        const auto second = signedIn.at(1).at(0).value<Session>();
        QCOMPARE(second.userId, other);
        QCOMPARE(endReason(first), QStringLiteral("switched user"));
        QCOMPARE(endReason(second), QString());
    }

    void someoneElseGoesBackToTheTiles()
    {
        type(QStringLiteral("201"));
        QTest::keyClicks(focused(), QStringLiteral("24"));
        QTest::mouseClick(child<QPushButton>("switchUserButton"), Qt::LeftButton);
        QCOMPARE(focused(), child<QLineEdit>("userCodeField"));
        QVERIFY(child<QLineEdit>("pinField")->text().isEmpty()); // half a PIN does not linger
    }
};

QTEST_MAIN(tst_LockScreen)
#include "tst_lockscreen.moc"
