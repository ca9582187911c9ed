#include "catalog/Barcode.h"

#include <QTest>

using namespace pos;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(pos::BarcodeKind)

class TestBarcode : public QObject {
    Q_OBJECT
private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void checkDigit_data();
    void checkDigit();
    void messagesAreShortAndClean();
};

void TestBarcode::valid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<BarcodeKind>("kind");
    QTest::addColumn<QString>("code");
    // Published examples: Wikipedia's EAN-13 (4006381333931), EAN-8 (73513537) and UPC-A
    // (036000291452) articles; GS1's 4012345678901 style samples.
    QTest::newRow("ean13 wiki") << "4006381333931" << BarcodeKind::Ean13 << "4006381333931";
    QTest::newRow("ean13 isbn") << "9780306406157" << BarcodeKind::Ean13 << "9780306406157";
    QTest::newRow("ean13 check 0") << "5901234123457" << BarcodeKind::Ean13 << "5901234123457";
    QTest::newRow("ean8 wiki") << "73513537" << BarcodeKind::Ean8 << "73513537";
    QTest::newRow("ean8 other") << "96385074" << BarcodeKind::Ean8 << "96385074";
    QTest::newRow("upca wiki") << "036000291452" << BarcodeKind::UpcA << "036000291452";
    QTest::newRow("upca other") << "012345678905" << BarcodeKind::UpcA << "012345678905";
    QTest::newRow("trimmed") << "  4006381333931\t" << BarcodeKind::Ean13 << "4006381333931";
    QTest::newRow("internal letters") << "ABC-123_x.9" << BarcodeKind::Internal << "ABC-123_x.9";
    QTest::newRow("internal 1 char") << "7" << BarcodeKind::Internal << "7";
    QTest::newRow("internal 9 digits") << "123456789" << BarcodeKind::Internal << "123456789";
    QTest::newRow("internal 14 digits")
        << "12345678901234" << BarcodeKind::Internal << "12345678901234";
    QTest::newRow("internal 32 chars")
        << QString(32, u'a') << BarcodeKind::Internal << QString(32, u'a');
    // A letter in a 13-character code makes it an internal code (Barcode.h), not an EAN.
    QTest::newRow("13 chars with letter")
        << "400638133393A" << BarcodeKind::Internal << "400638133393A";
}

void TestBarcode::valid()
{
    QFETCH(QString, text);
    QFETCH(BarcodeKind, kind);
    QFETCH(QString, code);
    auto b = validateBarcode(text);
    QVERIFY2(b.has_value(), b ? "" : qPrintable(b.error().message));
    QCOMPARE(b->kind, kind);
    QCOMPARE(b->code, code);
}

void TestBarcode::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("ean13 wrong check") << "4006381333932"
                                       << "EAN-13 check digit should be 1";
    QTest::newRow("ean13 swapped digits") << "4006381339331"
                                          << "check digit should be";
    QTest::newRow("ean8 wrong check") << "73513530"
                                      << "EAN-8 check digit should be 7";
    QTest::newRow("upca wrong check") << "036000291453"
                                      << "UPC-A check digit should be 2";
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("blank") << "   "
                           << "empty";
    QTest::newRow("too long") << QString(33, u'1') << "33 characters long";
    QTest::newRow("too long letters") << QString(40, u'x') << "40 characters long";
    QTest::newRow("space inside") << "4006 381333931"
                                  << "space at position 5";
    QTest::newRow("tab inside") << "ABC\tDEF"
                                << "control character at position 4";
    QTest::newRow("newline") << "ABC\nDEF"
                             << "control character";
    QTest::newRow("escape") << QStringLiteral("12\x1b[2J") << "control character at position 3";
    QTest::newRow("nul") << QString::fromUtf16(u"12\u00003", 4) << "control character";
    QTest::newRow("slash") << "ABC/1"
                           << "'/' at position 4 is not allowed";
    QTest::newRow("unicode digits") << QStringLiteral("٤٠٠٦٣٨١٣٣٣٩٣١") << "not allowed";
    QTest::newRow("fullwidth digits")
        << QStringLiteral("４００６３８１３３３９３１") << "not allowed";
    QTest::newRow("umlaut") << QStringLiteral("MÜSLI") << "'Ü'";
    QTest::newRow("quote") << "AB'1"
                           << "not allowed";
}

void TestBarcode::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, messagePart);
    auto b = validateBarcode(text);
    QVERIFY2(!b.has_value(), qPrintable(u"accepted: "_s + text));
    QCOMPARE(b.error().code, ErrorCode::InvalidInput);
    QVERIFY2(b.error().message.contains(messagePart), qPrintable(b.error().message));
}

void TestBarcode::checkDigit_data()
{
    QTest::addColumn<QString>("digits");
    QTest::addColumn<int>("check");
    QTest::newRow("ean13") << "400638133393" << 1;
    QTest::newRow("ean8") << "7351353" << 7;
    QTest::newRow("upca") << "03600029145" << 2;
    QTest::newRow("zero") << "590123412345" << 7;
    QTest::newRow("all zero") << "000000000000" << 0;
}

void TestBarcode::checkDigit()
{
    QFETCH(QString, digits);
    QFETCH(int, check);
    QCOMPARE(gs1CheckDigit(digits), check);
}

void TestBarcode::messagesAreShortAndClean()
{
    // Input goes into a message only up to 32 characters and never with control characters.
    const QString longInput = QString(20, u'A') + QStringLiteral("\x1b") + QString(500, u'B');
    auto b = validateBarcode(longInput);
    QVERIFY(!b);
    QVERIFY2(!b.error().message.contains(QChar(0x1b)), qPrintable(b.error().message));
    QVERIFY2(!b.error().message.contains(QString(33, u'B')), qPrintable(b.error().message));
    QVERIFY2(b.error().message.size() < 200, qPrintable(b.error().message));
}

QTEST_GUILESS_MAIN(TestBarcode)
#include "tst_barcode.moc"
