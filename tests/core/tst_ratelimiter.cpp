// AUTH-5 building block: an exact sliding-window rate limiter per key with an injectable clock,
// bounded memory and a refusal that says when to retry.

#include "auth/RateLimiter.h"

#include <QTest>

using namespace pos;

namespace {

QDateTime start()
{
    return QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
}

} // namespace

class TestRateLimiter : public QObject {
    Q_OBJECT

private slots:
    void slidingWindow_data();
    void slidingWindow();
    void refusalSaysWhenToRetry();
    void refusedAttemptsDoNotExtendTheWait();
    void keysAreIndependent();
    void remainingAndReset();
    void keysAreBoundedAndFailClosed();
};

void TestRateLimiter::slidingWindow_data()
{
    QTest::addColumn<int>("maxEvents");
    QTest::addColumn<qint64>("windowSecs");
    QTest::addColumn<QList<qint64>>("times"); // seconds after start, in order
    QTest::addColumn<QList<bool>>("allowed");
    QTest::newRow("3 per minute, burst")
        << 3 << qint64{60} << QList<qint64>{0, 0, 0, 0} << QList<bool>{true, true, true, false};
    // A fixed one-minute bucket would allow 3 more at 60 s; the sliding window frees one slot
    // per old event as it leaves.
    QTest::newRow("3 per minute, spread")
        << 3 << qint64{60} << QList<qint64>{0, 20, 40, 59, 60, 61, 79, 80}
        << QList<bool>{true, true, true, false, true, false, false, true};
    QTest::newRow("no bucket-edge burst")
        << 2 << qint64{60} << QList<qint64>{59, 59, 60, 61, 118, 119}
        << QList<bool>{true, true, false, false, false, true};
    QTest::newRow("1 per second") << 1 << qint64{1} << QList<qint64>{0, 0, 1, 1, 2}
                                  << QList<bool>{true, false, true, false, true};
}

void TestRateLimiter::slidingWindow()
{
    QFETCH(int, maxEvents);
    QFETCH(qint64, windowSecs);
    QFETCH(QList<qint64>, times);
    QFETCH(QList<bool>, allowed);
    ManualClock clock(start());
    RateLimiter limiter(clock, {maxEvents, windowSecs, QStringLiteral("sign-ins"), 100});
    for (qsizetype i = 0; i < times.size(); ++i) {
        clock.set(start().addSecs(times[i]));
        QVERIFY2(limiter.tryAcquire(QStringLiteral("user 7/sign-in")).allowed == allowed[i],
                 qPrintable(QStringLiteral("event %1 at %2 s").arg(i).arg(times[i])));
    }
}

void TestRateLimiter::refusalSaysWhenToRetry()
{
    ManualClock clock(start());
    RateLimiter limiter(clock, {3, 600, QStringLiteral("refunds"), 100});
    const QString key = QStringLiteral("user 7/refund");
    for (int i = 0; i < 3; ++i) {
        QVERIFY(limiter.tryAcquire(key).allowed);
        clock.advanceSecs(60);
    }
    const Admission refused = limiter.tryAcquire(key);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAt, start().addSecs(600));
    QCOMPARE(refused.message, QStringLiteral("Too many refunds: try again in 7 minutes."));
    clock.set(start().addSecs(599));
    QCOMPARE(limiter.check(key).message,
             QStringLiteral("Too many refunds: try again in 1 second."));
    clock.set(start().addSecs(600));
    QVERIFY(limiter.tryAcquire(key).allowed);

    RateLimiter unnamed(clock, {1, 60, QString(), 100});
    QVERIFY(unnamed.tryAcquire(key).allowed);
    QCOMPARE(unnamed.tryAcquire(key).message,
             QStringLiteral("Too many attempts: try again in 1 minute."));
}

void TestRateLimiter::refusedAttemptsDoNotExtendTheWait()
{
    ManualClock clock(start());
    RateLimiter limiter(clock, {2, 60, QStringLiteral("approvals"), 100});
    const QString key = QStringLiteral("user 3/approve");
    QVERIFY(limiter.tryAcquire(key).allowed);
    QVERIFY(limiter.tryAcquire(key).allowed);
    for (int i = 0; i < 50; ++i) {
        clock.advanceSecs(1);
        const Admission refused = limiter.tryAcquire(key);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAt, start().addSecs(60));
    }
    clock.set(start().addSecs(60));
    QVERIFY(limiter.tryAcquire(key).allowed);
    QVERIFY(limiter.tryAcquire(key).allowed);
    QVERIFY(!limiter.tryAcquire(key).allowed);
}

void TestRateLimiter::keysAreIndependent()
{
    ManualClock clock(start());
    RateLimiter limiter(clock, {1, 60, QStringLiteral("exports"), 100});
    QVERIFY(limiter.tryAcquire(QStringLiteral("user 1/export")).allowed);
    QVERIFY(!limiter.tryAcquire(QStringLiteral("user 1/export")).allowed);
    QVERIFY(limiter.tryAcquire(QStringLiteral("user 2/export")).allowed);
    QVERIFY(limiter.tryAcquire(QStringLiteral("user 1/refund")).allowed);
    QCOMPARE(limiter.keyCount(), std::size_t{3});
}

void TestRateLimiter::remainingAndReset()
{
    ManualClock clock(start());
    RateLimiter limiter(clock, {5, 60, QStringLiteral("sign-ins"), 100});
    const QString key = QStringLiteral("register 2/sign-in");
    QCOMPARE(limiter.remaining(key), 5);
    for (int i = 0; i < 5; ++i)
        limiter.tryAcquire(key);
    QCOMPARE(limiter.remaining(key), 0);
    QVERIFY(!limiter.check(key).allowed);
    QCOMPARE(limiter.remaining(key), 0); // check() records nothing
    clock.advanceSecs(60);
    QCOMPARE(limiter.remaining(key), 5);
    limiter.tryAcquire(key);
    limiter.reset(key);
    QCOMPARE(limiter.remaining(key), 5);
    QCOMPARE(limiter.keyCount(), std::size_t{0});
}

void TestRateLimiter::keysAreBoundedAndFailClosed()
{
    ManualClock clock(start());
    RateLimiter limiter(clock, {2, 60, QStringLiteral("sign-ins"), 3});
    for (const char* key : {"a", "b", "c"})
        QVERIFY(limiter.tryAcquire(QString::fromLatin1(key)).allowed);
    // A fourth key while three are live: refused rather than forgetting a live key's history.
    clock.advanceSecs(10);
    const Admission full = limiter.tryAcquire(QStringLiteral("d"));
    QVERIFY(!full.allowed);
    QCOMPARE(full.retryAt, start().addSecs(60));
    QCOMPARE(full.message, QStringLiteral("Too many requests at once: try again in 50 seconds."));
    QCOMPARE(limiter.keyCount(), std::size_t{3});
    // Once the others' events have left the window, their keys are dropped to make room.
    clock.set(start().addSecs(60));
    QVERIFY(limiter.tryAcquire(QStringLiteral("d")).allowed);
    QCOMPARE(limiter.keyCount(), std::size_t{1});

    // Many events on one key keep only what the window needs.
    for (int i = 0; i < 10000; ++i) {
        limiter.tryAcquire(QStringLiteral("d"));
        clock.advanceSecs(1);
    }
    QCOMPARE(limiter.remaining(QStringLiteral("d")), 0);
    QVERIFY(limiter.keyCount() <= 3u);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
