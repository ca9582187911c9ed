// planTenders: the one rule for what tenders apply, what is still due and the change, used both by
// SaleService::complete (must cover the total) and by the tender dialog's preview (may fall short).
#include "sales/TenderPlan.h"

#include <QTest>

using namespace pos;

Q_DECLARE_METATYPE(pos::TenderRequest)

namespace {
TenderRequest cash(qint64 handed)
{
    return {TenderKind::Cash, handed, handed};
}
TenderRequest card(qint64 amount)
{
    return {TenderKind::Card, amount, amount};
}
} // namespace

class TestTenderPlan : public QObject {
    Q_OBJECT
private slots:
    void preview_data();
    void preview();
    void completeNeedsTheWholeTotal();
};

void TestTenderPlan::preview_data()
{
    QTest::addColumn<QList<TenderRequest>>("requests");
    QTest::addColumn<qint64>("due");
    QTest::addColumn<qint64>("change");
    QTest::addColumn<QList<qint64>>("applied");
    QTest::addColumn<QString>("error"); // empty: accepted
    // Total 7.47 throughout.
    QTest::newRow("nothing yet") << QList<TenderRequest>{} << qint64(747) << qint64(0)
                                 << QList<qint64>{} << QString();
    QTest::newRow("cash short") << QList<TenderRequest>{cash(500)} << qint64(247) << qint64(0)
                                << QList<qint64>{500} << QString();
    QTest::newRow("cash over") << QList<TenderRequest>{cash(1000)} << qint64(0) << qint64(253)
                               << QList<qint64>{747} << QString();
    QTest::newRow("cash then card") << QList<TenderRequest>{cash(200), card(547)} << qint64(0)
                                    << qint64(0) << QList<qint64>{200, 547} << QString();
    QTest::newRow("two cash, change from the second")
        << QList<TenderRequest>{cash(400), cash(2000)} << qint64(0) << qint64(1653)
        << QList<qint64>{400, 347} << QString();
    QTest::newRow("card above due")
        << QList<TenderRequest>{card(800)} << qint64(0) << qint64(0) << QList<qint64>{}
        << QStringLiteral("more than the 7.47 still due");
    QTest::newRow("tender after paid")
        << QList<TenderRequest>{cash(747), card(1)} << qint64(0) << qint64(0) << QList<qint64>{}
        << QStringLiteral("already paid in full");
    QTest::newRow("zero cash") << QList<TenderRequest>{cash(0)} << qint64(0) << qint64(0)
                               << QList<qint64>{} << QStringLiteral("more than zero");
    QTest::newRow("negative cash") << QList<TenderRequest>{cash(-100)} << qint64(0) << qint64(0)
                                   << QList<qint64>{} << QStringLiteral("more than zero");
}

void TestTenderPlan::preview()
{
    QFETCH(QList<TenderRequest>, requests);
    QFETCH(qint64, due);
    QFETCH(qint64, change);
    QFETCH(QList<qint64>, applied);
    QFETCH(QString, error);
    auto plan = planTenders(747, requests, QStringLiteral("EUR"), true);
    if (!error.isEmpty()) {
        QVERIFY(!plan);
        QVERIFY2(plan.error().message.contains(error), qPrintable(plan.error().message));
        return;
    }
    QVERIFY2(plan, plan ? "" : qPrintable(plan.error().message));
    QCOMPARE(plan->stillDueMinor, due);
    QCOMPARE(plan->changeMinor, change);
    QList<qint64> got;
    for (const Tender& t : plan->tenders)
        got << t.amountMinor;
    QCOMPARE(got, applied);
}

void TestTenderPlan::completeNeedsTheWholeTotal()
{
    auto shortPlan = planTenders(747, {cash(500)}, QStringLiteral("EUR"));
    QVERIFY(!shortPlan);
    QCOMPARE(shortPlan.error().code, ErrorCode::InvalidInput);
    QVERIFY(shortPlan.error().message.contains(QStringLiteral("EUR 2.47 is still due")));
    auto full = planTenders(747, {cash(500), cash(500)}, QStringLiteral("EUR"));
    QVERIFY(full);
    QCOMPARE(full->changeMinor, 253);
    QCOMPARE(full->stillDueMinor, 0);
}

QTEST_GUILESS_MAIN(TestTenderPlan)
#include "tst_tenderplan.moc"
