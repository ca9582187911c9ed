// CanonicalJson, the form of audit rows' before/after (docs/audit-format.md, "Canonical JSON"):
// RFC 8785's own examples for key order (UTF-16 code units) and string escapes, nesting, whole
// numbers up to 2^53 and the refusal of anything else.

#include "audit/CanonicalJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace pos;

namespace {

QString canon(const QString& json)
{
    auto c = canonicaljson::canonicalize(json);
    return c ? *c : QStringLiteral("<error: %1>").arg(c.error().message);
}

} // namespace

class TestCanonicalJson : public QObject {
    Q_OBJECT

private slots:
    void keyOrderIsByUtf16CodeUnits();
    void stringEscapes();
    void nestingAndNumbers();
    void serializeRefusesFractions();
};

void TestCanonicalJson::keyOrderIsByUtf16CodeUnits()
{
    // RFC 8785 section 3.2.3's example: U+1F600 (the surrogates D83D DE00) sorts before U+FB33,
    // which is the UTF-16 order and not the code point order.
    const QString input = QStringLiteral(
        R"({"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh",)"
        R"("1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control",)"
        R"("\u00f6":"Latin Small Letter O With Diaeresis"})");
    const QList<std::pair<QString, const char*>> order = {
        {QStringLiteral("\\r"), "Carriage Return"},
        {QStringLiteral("1"), "One"},
        {QString(QChar(0x80)), "Control"},
        {QString(QChar(0xf6)), "Latin Small Letter O With Diaeresis"},
        {QString(QChar(0x20ac)), "Euro Sign"},
        {QString(QChar(0xd83d)) + QChar(0xde00), "Emoji: Grinning Face"},
        {QString(QChar(0xfb33)), "Hebrew Letter Dalet With Dagesh"},
    };
    QStringList members;
    for (const auto& [key, value] : order)
        members << QStringLiteral("\"%1\":\"%2\"").arg(key, QLatin1String(value));
    QCOMPARE(canon(input), QStringLiteral("{") + members.join(u',') + QStringLiteral("}"));
}

void TestCanonicalJson::stringEscapes()
{
    // RFC 8785 section 3.2.2.2: "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/" is written as
    // "€$\u000f\nA'B\"\\\\\"/" (lower-case hex, named escapes, '/' and 'B' as themselves).
    const QString input =
        QStringLiteral(R"({"s":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"})");
    const QString expected =
        QStringLiteral("{\"s\":\"") + QChar(0x20ac) + QStringLiteral(R"($\u000f\nA'B\"\\\\\"/"})");
    QCOMPARE(canon(input), expected);
    // Every named escape, and a control without a name.
    QCOMPARE(canon(QStringLiteral(R"({"c":"\b\f\n\r\t\u0001\u001f "})")),
             QStringLiteral(R"({"c":"\b\f\n\r\t\u0001\u001f "})"));
    // UTF-8 stays UTF-8 (no \u escapes for non-ASCII), also in keys.
    QCOMPARE(canon(QStringLiteral(R"({"gr\u00fc\u00dfe":"M\u00fcller"})")),
             QStringLiteral("{\"gr") + QChar(0xfc) + QChar(0xdf) + QStringLiteral("e\":\"M") +
                 QChar(0xfc) + QStringLiteral("ller\"}"));
}

void TestCanonicalJson::nestingAndNumbers()
{
    QCOMPARE(canon(QStringLiteral(" { \"b\" : [ 1 , { \"z\":null, \"a\":false } ], \"a\" : {} } ")),
             QStringLiteral(R"({"a":{},"b":[1,{"a":false,"z":null}]})"));
    QCOMPARE(canon(QStringLiteral(R"([[],[[]],{"k":[true]}])")),
             QStringLiteral(R"([[],[[]],{"k":[true]}])"));
    QCOMPARE(canon(QStringLiteral(R"({"n":[0,-0,-5,100,1e3,9007199254740992,-9007199254740992]})")),
             QStringLiteral(R"({"n":[0,0,-5,100,1000,9007199254740992,-9007199254740992]})"));
    // Beyond 2^53 whole numbers are no longer exact: refused.
    QVERIFY(!canonicaljson::canonicalize(QStringLiteral(R"({"n":9007199254740994})")));
    QVERIFY(!canonicaljson::canonicalize(QStringLiteral(R"({"n":1e300})")));
    // Not JSON at all.
    auto bad = canonicaljson::canonicalize(QStringLiteral(R"({"a":)"));
    QVERIFY(!bad.has_value());
    QCOMPARE(bad.error().code, ErrorCode::InvalidInput);
    // Deep nesting is refused rather than recursing without end.
    QString deep;
    for (int i = 0; i < 40; ++i)
        deep += QStringLiteral("[");
    for (int i = 0; i < 40; ++i)
        deep += QStringLiteral("]");
    QVERIFY(!canonicaljson::canonicalize(deep).has_value());
}

void TestCanonicalJson::serializeRefusesFractions()
{
    QCOMPARE(*canonicaljson::serialize(QJsonObject{{QStringLiteral("b"), 2},
                                                   {QStringLiteral("a"), QJsonArray{-1, true}}}),
             QStringLiteral(R"({"a":[-1,true],"b":2})"));
    auto half = canonicaljson::serialize(QJsonObject{{QStringLiteral("amount"), 0.5}});
    QVERIFY(!half.has_value());
    QCOMPARE(half.error().code, ErrorCode::InvalidInput);
    QVERIFY(!canonicaljson::serialize(QJsonValue(1e20)).has_value());
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
