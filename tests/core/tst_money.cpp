#include "money/Checked.h"
#include "money/Money.h"
#include "money/Quantity.h"

#include <QTest>
#include <limits>

using namespace pos;

class TestMoney : public QObject {
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
    void arithmeticIsChecked();
    void currenciesDoNotMix();
    void format_data();
    void format();
    void mulDivRoundsHalfAwayFromZero_data();
    void mulDivRoundsHalfAwayFromZero();
    void quantity_data();
    void quantity();
    void quantityRejects_data();
    void quantityRejects();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("whole") << "12"
                           << "EUR" << qint64(1200);
    QTest::newRow("cents") << "12.34"
                           << "EUR" << qint64(1234);
    QTest::newRow("one decimal") << "0.5"
                                 << "EUR" << qint64(50);
    QTest::newRow("comma") << "3,10"
                           << "EUR" << qint64(310);
    QTest::newRow("spaces") << "  7.00 "
                            << "USD" << qint64(700);
    QTest::newRow("yen") << "1500"
                         << "JPY" << qint64(1500);
    QTest::newRow("dinar") << "1.250"
                           << "KWD" << qint64(1250);
    QTest::newRow("max") << "92233720368547758.07"
                         << "EUR" << std::numeric_limits<qint64>::max();
}

void TestMoney::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(qint64, minor);
    auto m = Money::parse(text, currency);
    QVERIFY2(m.has_value(), m ? "" : qPrintable(m.error().message));
    QCOMPARE(m->minor(), minor);
    QCOMPARE(m->currency(), currency);
}

void TestMoney::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("code");
    const int invalid = int(ErrorCode::InvalidInput);
    const int overflow = int(ErrorCode::Overflow);
    QTest::newRow("empty") << ""
                           << "EUR" << invalid;
    QTest::newRow("letters") << "12a"
                             << "EUR" << invalid;
    QTest::newRow("negative") << "-1.00"
                              << "EUR" << invalid;
    QTest::newRow("three decimals") << "1.234"
                                    << "EUR" << invalid;
    QTest::newRow("two points") << "1.2.3"
                                << "EUR" << invalid;
    QTest::newRow("yen decimals") << "1.5"
                                  << "JPY" << invalid;
    QTest::newRow("exponent") << "1e5"
                              << "EUR" << invalid;
    QTest::newRow("lonely point") << "."
                                  << "EUR" << invalid;
    QTest::newRow("overflow") << "92233720368547758.08"
                              << "EUR" << overflow;
    QTest::newRow("huge") << "99999999999999999999999"
                          << "EUR" << overflow;
}

void TestMoney::parseRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(int, code);
    auto m = Money::parse(text, currency);
    QVERIFY(!m.has_value());
    QCOMPARE(int(m.error().code), code);
    QVERIFY(!m.error().message.isEmpty());
}

void TestMoney::arithmeticIsChecked()
{
    const qint64 max = std::numeric_limits<qint64>::max();
    Money a(max, QStringLiteral("EUR"));
    auto sum = a.plus(Money(1, QStringLiteral("EUR")));
    QVERIFY(!sum);
    QCOMPARE(sum.error().code, ErrorCode::Overflow);
    auto diff = Money(std::numeric_limits<qint64>::min(), QStringLiteral("EUR"))
                    .minus(Money(1, QStringLiteral("EUR")));
    QVERIFY(!diff);
    auto prod = Money(max / 2 + 1, QStringLiteral("EUR")).times(2);
    QVERIFY(!prod);
    auto ok = Money(250, QStringLiteral("EUR")).times(3);
    QVERIFY(ok);
    QCOMPARE(ok->minor(), 750);
}

void TestMoney::currenciesDoNotMix()
{
    auto r = Money(100, QStringLiteral("EUR")).plus(Money(100, QStringLiteral("USD")));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
}

void TestMoney::format_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::newRow("cents") << qint64(1234) << "EUR"
                           << "12.34";
    QTest::newRow("small") << qint64(5) << "EUR"
                           << "0.05";
    QTest::newRow("negative") << qint64(-250) << "EUR"
                              << "-2.50";
    QTest::newRow("yen") << qint64(1500) << "JPY"
                         << "1500";
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << "EUR"
                         << "-92233720368547758.08";
}

void TestMoney::format()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QCOMPARE(Money(minor, currency).toPlainString(), text);
}

void TestMoney::mulDivRoundsHalfAwayFromZero_data()
{
    QTest::addColumn<qint64>("a");
    QTest::addColumn<qint64>("num");
    QTest::addColumn<qint64>("den");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("exact") << qint64(1000) << qint64(3) << qint64(1) << qint64(3000);
    QTest::newRow("half up") << qint64(5) << qint64(1) << qint64(2) << qint64(3);
    QTest::newRow("below half") << qint64(149) << qint64(1) << qint64(100) << qint64(1);
    QTest::newRow("half negative") << qint64(-5) << qint64(1) << qint64(2) << qint64(-3);
    QTest::newRow("weighed 0.250 kg at 3.99")
        << qint64(399) << qint64(250) << qint64(1000) << qint64(100);
    QTest::newRow("19% of 9.99") << qint64(999) << qint64(190000) << qint64(1000000) << qint64(190);
    QTest::newRow("wide intermediate") << std::numeric_limits<qint64>::max() << qint64(1000)
                                       << qint64(1000) << std::numeric_limits<qint64>::max();
}

void TestMoney::mulDivRoundsHalfAwayFromZero()
{
    QFETCH(qint64, a);
    QFETCH(qint64, num);
    QFETCH(qint64, den);
    QFETCH(qint64, expected);
    auto r = checked::mulDivRound(a, num, den);
    QVERIFY(r);
    QCOMPARE(*r, expected);
    QVERIFY(!checked::mulDivRound(std::numeric_limits<qint64>::max(), 2, 1));
    QVERIFY(!checked::mulDivRound(1, 1, 0));
}

void TestMoney::quantity_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milli");
    QTest::addColumn<QString>("formatted");
    QTest::newRow("one") << "1" << qint64(1000) << "1";
    QTest::newRow("weighed") << "0.250" << qint64(250) << "0.25";
    QTest::newRow("comma") << "1,5" << qint64(1500) << "1.5";
    QTest::newRow("max") << "1000000" << qint64(1000000000) << "1000000";
}

void TestMoney::quantity()
{
    QFETCH(QString, text);
    QFETCH(qint64, milli);
    QFETCH(QString, formatted);
    auto q = Quantity::parse(text);
    QVERIFY2(q, q ? "" : qPrintable(q.error().message));
    QCOMPARE(q->milli(), milli);
    QCOMPARE(q->toString(), formatted);
}

void TestMoney::quantityRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << "0";
    QTest::newRow("negative") << "-1";
    QTest::newRow("too precise") << "0.0001";
    QTest::newRow("too many") << "1000000.001";
    QTest::newRow("overflow") << "99999999999999999999";
    QTest::newRow("text") << "two";
}

void TestMoney::quantityRejects()
{
    QFETCH(QString, text);
    auto q = Quantity::parse(text);
    QVERIFY(!q);
    QVERIFY(!q.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
