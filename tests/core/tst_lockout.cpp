// AUTH-3 building block: lockout after 5 consecutive failures with growing back-off and at most
// 100 failures in any sliding hour, driven by a ManualClock; the state survives JSON.

#include "auth/Lockout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pos;

namespace {

QDateTime start()
{
    return QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
}

} // namespace

class TestLockout : public QObject {
    Q_OBJECT

private slots:
    void fourFailuresDoNotLock();
    void fifthFailureLocksFor30Seconds();
    void backOffGrows_data();
    void backOffGrows();
    void backOffGrowsOverTime();
    void successResetsTheCount();
    void hundredPerHourEvenWithSpacedFailures();
    void memoryStaysBounded();
    void waitWording_data();
    void waitWording();
    void jsonRoundTrip();
    void jsonRefusesDamage_data();
    void jsonRefusesDamage();
};

void TestLockout::fourFailuresDoNotLock()
{
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(lockout.check(state).allowed);
        QVERIFY(lockout.recordFailure(state).allowed);
        clock.advanceSecs(1);
    }
    QCOMPARE(state.consecutiveFailures, 4);
    QVERIFY(lockout.check(state).allowed);
}

void TestLockout::fifthFailureLocksFor30Seconds()
{
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int i = 0; i < 4; ++i)
        lockout.recordFailure(state);
    const Admission after = lockout.recordFailure(state);
    QVERIFY(!after.allowed);
    QCOMPARE(after.retryAt, start().addSecs(30));
    QCOMPARE(after.message,
             QStringLiteral("Too many failed attempts: locked for another 30 seconds."));

    clock.advanceSecs(10);
    Admission during = lockout.check(state);
    QVERIFY(!during.allowed);
    QCOMPARE(during.retryAt, start().addSecs(30));
    QCOMPARE(during.message,
             QStringLiteral("Too many failed attempts: locked for another 20 seconds."));
    clock.advanceSecs(19);
    QVERIFY(!lockout.check(state).allowed);
    QCOMPARE(lockout.check(state).message,
             QStringLiteral("Too many failed attempts: locked for another 1 second."));
    clock.advanceSecs(1);
    QVERIFY(lockout.check(state).allowed);
}

void TestLockout::backOffGrows_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("lockSecs");
    QTest::newRow("4") << 4 << qint64{0};
    QTest::newRow("5") << 5 << qint64{30};
    QTest::newRow("6") << 6 << qint64{60};
    QTest::newRow("7") << 7 << qint64{120};
    QTest::newRow("8") << 8 << qint64{240};
    QTest::newRow("11") << 11 << qint64{1920};
    QTest::newRow("12 (capped)") << 12 << qint64{3600};
    QTest::newRow("40") << 40 << qint64{3600};
    QTest::newRow("1000000") << 1000000 << qint64{3600};
}

void TestLockout::backOffGrows()
{
    QFETCH(int, failures);
    QFETCH(qint64, lockSecs);
    ManualClock clock(start());
    QCOMPARE(Lockout(clock).lockSecondsAfter(failures), lockSecs);
}

void TestLockout::backOffGrowsOverTime()
{
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int i = 0; i < 4; ++i)
        lockout.recordFailure(state);
    // Wait out each lock, fail again: 30 s, 1 min, 2 min, 4 min, ... 1 h, 1 h.
    const qint64 expected[] = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600};
    const QString minutes[] = {
        QStringLiteral("30 seconds"), QStringLiteral("1 minute"),  QStringLiteral("2 minutes"),
        QStringLiteral("4 minutes"),  QStringLiteral("8 minutes"), QStringLiteral("16 minutes"),
        QStringLiteral("32 minutes"), QStringLiteral("1 hour"),    QStringLiteral("1 hour")};
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        QVERIFY(lockout.check(state).allowed);
        const Admission locked = lockout.recordFailure(state);
        QVERIFY(!locked.allowed);
        QCOMPARE(clock.nowUtc().secsTo(locked.retryAt), expected[i]);
        QVERIFY2(locked.message.endsWith(minutes[i] + u'.'), qPrintable(locked.message));
        clock.advanceSecs(expected[i] - 1);
        QVERIFY(!lockout.check(state).allowed);
        clock.advanceSecs(1);
    }
}

void TestLockout::successResetsTheCount()
{
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int i = 0; i < 4; ++i)
        lockout.recordFailure(state);
    lockout.recordSuccess(state);
    QCOMPARE(state.consecutiveFailures, 0);
    for (int i = 0; i < 4; ++i)
        QVERIFY(lockout.recordFailure(state).allowed);
    QVERIFY(!lockout.recordFailure(state).allowed);
    QCOMPARE(clock.nowUtc().secsTo(lockout.check(state).retryAt), 30);

    // After a lock, a success starts the back-off from the beginning again.
    clock.advanceSecs(30);
    lockout.recordSuccess(state);
    for (int i = 0; i < 5; ++i)
        lockout.recordFailure(state);
    QCOMPARE(clock.nowUtc().secsTo(lockout.check(state).retryAt), 30);
}

void TestLockout::hundredPerHourEvenWithSpacedFailures()
{
    // 25 rounds of 4 failures and a success, a failure every 20 s: never 5 in a row, but 100 in
    // 2000 s. The 101st attempt waits until the first failure is an hour old.
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int round = 0; round < 25; ++round) {
        for (int i = 0; i < 4; ++i) {
            QVERIFY(lockout.check(state).allowed);
            lockout.recordFailure(state);
            clock.advanceSecs(20);
        }
        lockout.recordSuccess(state);
    }
    QCOMPARE(state.recentFailures.size(), 100);
    const Admission capped = lockout.check(state);
    QVERIFY(!capped.allowed);
    QCOMPARE(capped.retryAt, start().addSecs(3600));
    QCOMPARE(capped.message,
             QStringLiteral("Too many failed attempts in the last hour: try again in 27 minutes."));

    clock.set(start().addSecs(3599));
    QVERIFY(!lockout.check(state).allowed);
    clock.set(start().addSecs(3600));
    QVERIFY(lockout.check(state).allowed);
    // One more failure fills the hour again, until the second failure is an hour old.
    const Admission again = lockout.recordFailure(state);
    QVERIFY(!again.allowed);
    QCOMPARE(again.retryAt, start().addSecs(3620));
}

void TestLockout::memoryStaysBounded()
{
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int i = 0; i < 1000; ++i) {
        lockout.recordFailure(state);
        lockout.recordSuccess(state);
        clock.advanceSecs(1);
    }
    QCOMPARE(state.recentFailures.size(), 100);
    // Failures older than an hour are dropped with the next failure.
    clock.advanceSecs(3600);
    lockout.recordFailure(state);
    QCOMPARE(state.recentFailures.size(), 1);
}

void TestLockout::waitWording_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("wording");
    QTest::newRow("0") << qint64{0} << QStringLiteral("1 second");
    QTest::newRow("1") << qint64{1} << QStringLiteral("1 second");
    QTest::newRow("45") << qint64{45} << QStringLiteral("45 seconds");
    QTest::newRow("60") << qint64{60} << QStringLiteral("1 minute");
    QTest::newRow("61") << qint64{61} << QStringLiteral("2 minutes");
    QTest::newRow("120") << qint64{120} << QStringLiteral("2 minutes");
    QTest::newRow("3599") << qint64{3599} << QStringLiteral("1 hour");
    QTest::newRow("3600") << qint64{3600} << QStringLiteral("1 hour");
    QTest::newRow("3601") << qint64{3601} << QStringLiteral("2 hours");
}

void TestLockout::waitWording()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, wording);
    QCOMPARE(Admission::describeWait(seconds), wording);
}

void TestLockout::jsonRoundTrip()
{
    ManualClock clock(start());
    Lockout lockout(clock);
    LockoutState state;
    for (int i = 0; i < 6; ++i) {
        lockout.recordFailure(state);
        clock.advanceSecs(7);
    }
    const QByteArray text = QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact);
    auto back = LockoutState::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY(back);
    QCOMPARE(back->consecutiveFailures, 6);
    QCOMPARE(back->lockedUntil, state.lockedUntil);
    QCOMPARE(back->recentFailures, state.recentFailures);
    QCOMPARE(lockout.check(*back).retryAt, lockout.check(state).retryAt);

    auto fresh = LockoutState::fromJson(LockoutState().toJson());
    QVERIFY(fresh);
    QCOMPARE(fresh->consecutiveFailures, 0);
    QVERIFY(!fresh->lockedUntil.isValid());
    QVERIFY(fresh->recentFailures.isEmpty());
}

void TestLockout::jsonRefusesDamage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("version 2") << QByteArray(
        R"({"v":2,"failures":0,"lockedUntil":null,"recent":[]})");
    QTest::newRow("negative") << QByteArray(
        R"({"v":1,"failures":-1,"lockedUntil":null,"recent":[]})");
    QTest::newRow("fraction") << QByteArray(
        R"({"v":1,"failures":1.5,"lockedUntil":null,"recent":[]})");
    QTest::newRow("string") << QByteArray(
        R"({"v":1,"failures":"3","lockedUntil":null,"recent":[]})");
    QTest::newRow("lock as text") << QByteArray(
        R"({"v":1,"failures":0,"lockedUntil":"soon","recent":[]})");
    QTest::newRow("recent not array")
        << QByteArray(R"({"v":1,"failures":0,"lockedUntil":null,"recent":5})");
    QTest::newRow("recent text") << QByteArray(
        R"({"v":1,"failures":0,"lockedUntil":null,"recent":["x"]})");
    QTest::newRow("missing recent") << QByteArray(R"({"v":1,"failures":0,"lockedUntil":null})");
    QTest::newRow("extra key") << QByteArray(
        R"({"v":1,"failures":0,"lockedUntil":null,"recent":[],"x":1})");
}

void TestLockout::jsonRefusesDamage()
{
    QFETCH(QByteArray, json);
    auto state = LockoutState::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!state);
    QCOMPARE(state.error().code, ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestLockout)
#include "tst_lockout.moc"
