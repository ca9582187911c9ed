// The tender dialog's preview of still-due and change, against docs/money.md "Tenders and
// change": tenders apply in order, cash applies min(amount, still due), change is what cash
// handed over beyond that, card charges what is still due.
#include "TenderTally.h"

#include <QTest>

using pos::TenderKind;
using pos::ui::TenderTally;

class tst_TenderTally : public QObject {
    Q_OBJECT

private slots:
    void cashAboveTotalGivesChange()
    {
        TenderTally t(747, QStringLiteral("EUR"));
        QVERIFY(!t.isCovered());
        QVERIFY(t.addCash(1000));
        QVERIFY(t.isCovered());
        QCOMPARE(t.remainingMinor(), 0);
        QCOMPARE(t.changeMinor(), 253);
        QCOMPARE(t.requests().size(), 1);
        QCOMPARE(t.requests().first().amountMinor, 747);
        QCOMPARE(t.requests().first().tenderedMinor, 1000);
    }

    void splitCashThenCard()
    {
        TenderTally t(5135, QStringLiteral("EUR"));
        QVERIFY(t.addCash(2000));
        QCOMPARE(t.remainingMinor(), 3135);
        QCOMPARE(t.changeMinor(), 0);
        QVERIFY(t.addCard());
        QVERIFY(t.isCovered());
        QCOMPARE(t.requests().at(1).kind, TenderKind::Card);
        QCOMPARE(t.requests().at(1).amountMinor, 3135);
        QVERIFY(!t.addCash(500)); // already paid in full
        QVERIFY(!t.addCard());
    }

    void belowTotalIsNotCovered()
    {
        TenderTally t(349, QStringLiteral("EUR"));
        QVERIFY(t.addCash(300));
        QVERIFY(!t.isCovered());
        QCOMPARE(t.remainingMinor(), 49);
        QVERIFY(!t.addCash(0));
        QVERIFY(!t.addCash(-5));
    }

    void removingATenderTalliesTheRestAgain()
    {
        TenderTally t(1000, QStringLiteral("EUR"));
        QVERIFY(t.addCash(400));
        QVERIFY(t.addCash(2000)); // applies 600, change 1400
        QCOMPARE(t.changeMinor(), 1400);
        t.remove(0);
        QCOMPARE(t.requests().size(), 1);
        QCOMPARE(t.requests().first().amountMinor, 1000);
        QCOMPARE(t.changeMinor(), 1000);
    }
};

QTEST_MAIN(tst_TenderTally)
#include "tst_tendertally.moc"
