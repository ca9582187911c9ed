// AUTH-1 building block: password and PIN hashes (scrypt with the parameters stored per hash, a
// random salt per hash, a pepper for PINs, constant-time comparison). Most tests use N = 2^10 so
// they run in milliseconds; defaultPolicyIsOwaspMinimum runs the real N = 2^17 once.

#include "auth/CredentialHash.h"
#include "auth/Hmac.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>

using namespace pos;

namespace {

constexpr Scrypt::Params Fast{std::uint64_t{1} << 10, 8, 1};

QStringList g_log;

void capture(QtMsgType, const QMessageLogContext& ctx, const QString& msg)
{
    g_log << QString::fromUtf8(ctx.category ? ctx.category : "") + u' ' + msg;
}

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

SecretBytes pepper(char fill)
{
    return secret(QByteArray(32, fill));
}

QString hashOf(const QByteArray& password, const Scrypt::Params& params = Fast)
{
    auto h = CredentialHash::hashPassword(secret(password), params);
    return h ? *h : QString();
}

} // namespace

class TestCredentialHash : public QObject {
    Q_OBJECT

private slots:
    void defaultPolicyIsOwaspMinimum();
    void passwordRoundTrip_data();
    void passwordRoundTrip();
    void saltDiffersPerHash();
    void parametersParsedBack_data();
    void parametersParsedBack();
    void malformedRefused_data();
    void malformedRefused();
    void kindsNeverCross();
    void pinNeedsThePepper();
    void pinHashIsScryptOfHmacOfPin();
    void pinFormat_data();
    void pinFormat();
    void passwordPolicy_data();
    void passwordPolicy();
    void constantTimeComparisonIsUsed();
    void needsRehash_data();
    void needsRehash();
    void messagesHoldNoSecret();
};

void TestCredentialHash::defaultPolicyIsOwaspMinimum()
{
    QCOMPARE(CredentialHash::DefaultPolicy.n, std::uint64_t{1} << 17);
    QCOMPARE(CredentialHash::DefaultPolicy.r, 8u);
    QCOMPARE(CredentialHash::DefaultPolicy.p, 1u);
    QCOMPARE(CredentialHash::SaltSize, std::size_t{16});

    QElapsedTimer timer;
    timer.start();
    auto stored = CredentialHash::hashPassword(secret("correct horse battery"));
    QVERIFY(stored);
    const qint64 hashMs = timer.restart();
    QVERIFY2(stored->startsWith(QStringLiteral("$scrypt$ln=17,r=8,p=1$")), qPrintable(*stored));
    auto ok = CredentialHash::verifyPassword(secret("correct horse battery"), *stored);
    QVERIFY(ok);
    QVERIFY(*ok);
    qInfo("scrypt N=2^17 r=8 p=1: hash %lld ms, verify %lld ms", hashMs, timer.elapsed());
    QVERIFY(!CredentialHash::needsRehash(*stored));
}

void TestCredentialHash::passwordRoundTrip_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("wrong");
    QTest::newRow("ascii") << QByteArray("correct horse battery")
                           << QByteArray("correct horse batterY");
    QTest::newRow("one more char") << QByteArray("twelve chars") << QByteArray("twelve chars!");
    QTest::newRow("prefix") << QByteArray("a long pass phrase") << QByteArray("a long pass phras");
    QTest::newRow("utf-8") << QByteArray("Grüße aus Köln 2026")
                           << QByteArray("Grüsse aus Köln 2026");
    QTest::newRow("1024 bytes") << QByteArray(1024, 'x') << QByteArray(1023, 'x');
}

void TestCredentialHash::passwordRoundTrip()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, wrong);
    const QString stored = hashOf(password);
    QVERIFY(!stored.isEmpty());
    auto right = CredentialHash::verifyPassword(secret(password), stored);
    QVERIFY(right);
    QCOMPARE(*right, true);
    auto refused = CredentialHash::verifyPassword(secret(wrong), stored);
    QVERIFY(refused);
    QCOMPARE(*refused, false);
}

void TestCredentialHash::saltDiffersPerHash()
{
    const QString a = hashOf("the same password");
    const QString b = hashOf("the same password");
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    QVERIFY(a != b);
    auto pa = CredentialHash::parse(a);
    auto pb = CredentialHash::parse(b);
    QVERIFY(pa && pb);
    QVERIFY(pa->salt != pb->salt);
    QVERIFY(pa->hash != pb->hash);
    QVERIFY(*CredentialHash::verifyPassword(secret("the same password"), a));
    QVERIFY(*CredentialHash::verifyPassword(secret("the same password"), b));
}

void TestCredentialHash::parametersParsedBack_data()
{
    QTest::addColumn<int>("logN");
    QTest::addColumn<uint>("r");
    QTest::addColumn<uint>("p");
    QTest::newRow("2^10,8,1") << 10 << 8u << 1u;
    QTest::newRow("2^11,4,2") << 11 << 4u << 2u;
    QTest::newRow("2^4,1,3") << 4 << 1u << 3u;
}

void TestCredentialHash::parametersParsedBack()
{
    QFETCH(int, logN);
    QFETCH(uint, r);
    QFETCH(uint, p);
    const Scrypt::Params params{std::uint64_t{1} << logN, r, p};
    const QString stored = hashOf("parameters travel along", params);
    const QRegularExpression format(
        QStringLiteral("^\\$scrypt\\$ln=%1,r=%2,p=%3\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$")
            .arg(logN)
            .arg(r)
            .arg(p));
    QVERIFY2(format.match(stored).hasMatch(), qPrintable(stored));
    auto parsed = CredentialHash::parse(stored);
    QVERIFY(parsed);
    QCOMPARE(parsed->kind, CredentialHash::Kind::Password);
    QCOMPARE(parsed->params.n, std::uint64_t{1} << logN);
    QCOMPARE(parsed->params.r, r);
    QCOMPARE(parsed->params.p, p);
    QCOMPARE(parsed->salt.size(), 16);
    QCOMPARE(parsed->hash.size(), 32);
    // The stored parameters, not the defaults, are what verification uses.
    QVERIFY(*CredentialHash::verifyPassword(secret("parameters travel along"), stored));
}

void TestCredentialHash::malformedRefused_data()
{
    const QString salt = QStringLiteral("c2FsdHNhbHRzYWx0c2FsdA");                      // 16 bytes
    const QString hash = QStringLiteral("aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"); // 32 bytes
    const auto make = [&](const QString& scheme, const QString& params) {
        return QStringLiteral("$%1$%2$%3$%4").arg(scheme, params, salt, hash);
    };
    QTest::addColumn<QString>("stored");
    // The good one parses, so every row below fails for its own reason.
    QVERIFY(CredentialHash::parse(make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=8,p=1"))));
    QTest::newRow("empty") << QString();
    QTest::newRow("only dollars") << QStringLiteral("$$$$");
    QTest::newRow("unknown scheme")
        << make(QStringLiteral("argon2id"), QStringLiteral("ln=10,r=8,p=1"));
    QTest::newRow("unknown parameter")
        << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=8,p=1,x=1"));
    QTest::newRow("repeated parameter")
        << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,ln=10,r=8"));
    QTest::newRow("missing p") << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=8"));
    QTest::newRow("no value") << make(QStringLiteral("scrypt"), QStringLiteral("ln,r=8,p=1"));
    QTest::newRow("ln=0") << make(QStringLiteral("scrypt"), QStringLiteral("ln=0,r=8,p=1"));
    QTest::newRow("ln=21") << make(QStringLiteral("scrypt"), QStringLiteral("ln=21,r=8,p=1"));
    QTest::newRow("r=0") << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=0,p=1"));
    QTest::newRow("r=33") << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=33,p=1"));
    QTest::newRow("p=17") << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=8,p=17"));
    QTest::newRow("leading zero") << make(QStringLiteral("scrypt"),
                                          QStringLiteral("ln=010,r=8,p=1"));
    QTest::newRow("plus sign") << make(QStringLiteral("scrypt"), QStringLiteral("ln=+10,r=8,p=1"));
    QTest::newRow("huge number") << make(QStringLiteral("scrypt"),
                                         QStringLiteral("ln=99999999999,r=8,p=1"));
    QTest::newRow("short salt") << QStringLiteral("$scrypt$ln=10,r=8,p=1$c2FsdA$") + hash;
    QTest::newRow("long hash") << QStringLiteral("$scrypt$ln=10,r=8,p=1$") + salt + u'$' + hash +
                                      QStringLiteral("AAAA");
    QTest::newRow("padded salt") << QStringLiteral("$scrypt$ln=10,r=8,p=1$") + salt +
                                        QStringLiteral("==$") + hash;
    QTest::newRow("bad base64") << QStringLiteral("$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2Fsd*$") +
                                       hash;
    QTest::newRow("non-canonical base64")
        << QStringLiteral("$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdB$") + hash;
    QTest::newRow("extra part") << make(QStringLiteral("scrypt"), QStringLiteral("ln=10,r=8,p=1")) +
                                       QStringLiteral("$x");
    QTest::newRow("text before") << QStringLiteral("x") + make(QStringLiteral("scrypt"),
                                                               QStringLiteral("ln=10,r=8,p=1"));
}

void TestCredentialHash::malformedRefused()
{
    QFETCH(QString, stored);
    auto parsed = CredentialHash::parse(stored);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    QVERIFY(parsed.error().message.startsWith(QStringLiteral("the stored credential hash")));
    QVERIFY(!parsed.error().message.contains(QStringLiteral("c2Fsd")));
    auto verified = CredentialHash::verifyPassword(secret("correct horse battery"), stored);
    QVERIFY(!verified); // an error, never "false" and never "true"
    QCOMPARE(verified.error().code, ErrorCode::InvalidInput);
    QVERIFY(CredentialHash::needsRehash(stored));
}

void TestCredentialHash::kindsNeverCross()
{
    const QString password = hashOf("123456789012");
    auto pin = CredentialHash::hashPin(secret("4711"), pepper('p'), Fast);
    QVERIFY(pin);
    QVERIFY(pin->startsWith(QStringLiteral("$scrypt-pin$ln=10,r=8,p=1$")));
    QCOMPARE(CredentialHash::parse(*pin)->kind, CredentialHash::Kind::Pin);
    auto asPassword = CredentialHash::verifyPassword(secret("4711"), *pin);
    QVERIFY(!asPassword);
    auto asPin = CredentialHash::verifyPin(secret("12345678"), pepper('p'), password);
    QVERIFY(!asPin);
}

void TestCredentialHash::pinNeedsThePepper()
{
    auto stored = CredentialHash::hashPin(secret("4711"), pepper('p'), Fast);
    QVERIFY(stored);
    QCOMPARE(*CredentialHash::verifyPin(secret("4711"), pepper('p'), *stored), true);
    QCOMPARE(*CredentialHash::verifyPin(secret("4712"), pepper('p'), *stored), false);
    QCOMPARE(*CredentialHash::verifyPin(secret("47110"), pepper('p'), *stored), false);
    QCOMPARE(*CredentialHash::verifyPin(secret("4711"), pepper('q'), *stored), false);
    QCOMPARE(*CredentialHash::verifyPin(secret("47x1"), pepper('p'), *stored), false);

    auto noPepper = CredentialHash::verifyPin(secret("4711"), SecretBytes(), *stored);
    QVERIFY(!noPepper);
    auto shortPepper = CredentialHash::hashPin(secret("4711"), secret(QByteArray(31, 'p')), Fast);
    QVERIFY(!shortPepper);
    QCOMPARE(shortPepper.error().code, ErrorCode::InvalidInput);
}

void TestCredentialHash::pinHashIsScryptOfHmacOfPin()
{
    // The documented construction, recomputed from its parts: scrypt(HMAC-SHA256(pepper, PIN)).
    auto stored = CredentialHash::hashPin(secret("90210"), pepper('k'), Fast);
    QVERIFY(stored);
    auto parsed = CredentialHash::parse(*stored);
    QVERIFY(parsed);
    auto keyed = Hmac::compute(HmacAlgorithm::Sha256, pepper('k'), "90210");
    QVERIFY(keyed);
    const QByteArray keyedBytes(reinterpret_cast<const char*>(keyed->data()), 32);
    auto expected = Scrypt::derive(keyedBytes, parsed->salt, Fast, 32);
    QVERIFY(expected);
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(expected->data()), 32), parsed->hash);
    auto unpeppered = Scrypt::derive("90210", parsed->salt, Fast, 32);
    QVERIFY(QByteArray(reinterpret_cast<const char*>(unpeppered->data()), 32) != parsed->hash);
}

void TestCredentialHash::pinFormat_data()
{
    QTest::addColumn<QByteArray>("pin");
    QTest::addColumn<bool>("valid");
    QTest::newRow("4 digits") << QByteArray("0000") << true;
    QTest::newRow("8 digits") << QByteArray("12345678") << true;
    QTest::newRow("3 digits") << QByteArray("123") << false;
    QTest::newRow("9 digits") << QByteArray("123456789") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("letter") << QByteArray("12a4") << false;
    QTest::newRow("space") << QByteArray("12 34") << false;
    QTest::newRow("leading space") << QByteArray(" 1234") << false;
    QTest::newRow("arabic-indic digits") << QByteArray("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4") << false;
    QTest::newRow("nul") << QByteArray("12\0"
                                       "34",
                                       5)
                         << false;
}

void TestCredentialHash::pinFormat()
{
    QFETCH(QByteArray, pin);
    QFETCH(bool, valid);
    auto format = CredentialHash::checkPinFormat(secret(pin));
    QCOMPARE(bool(format), valid);
    auto stored = CredentialHash::hashPin(secret(pin), pepper('p'), Fast);
    QCOMPARE(bool(stored), valid);
    if (!valid)
        QCOMPARE(format.error().message, QStringLiteral("a PIN is 4 to 8 digits"));
}

void TestCredentialHash::passwordPolicy_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<bool>("valid");
    QTest::newRow("11 chars") << QByteArray("elevenchars") << false;
    QTest::newRow("12 chars") << QByteArray("twelve chars") << true;
    QTest::newRow("12 umlauts (24 bytes)") << QByteArray("äöüäöüäöüäöü") << true;
    QTest::newRow("11 umlauts (22 bytes)") << QByteArray("äöüäöüäöüäö") << false;
    QTest::newRow("1024 bytes") << QByteArray(1024, 'a') << true;
    QTest::newRow("1025 bytes") << QByteArray(1025, 'a') << false;
    QTest::newRow("invalid utf-8") << QByteArray("twelve chars\xff") << false;
    QTest::newRow("overlong slash") << QByteArray("twelve chars\xc0\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("twelve chars\xed\xa0\x80") << false;
    QTest::newRow("truncated sequence") << QByteArray("twelve chars\xe2\x82") << false;
}

void TestCredentialHash::passwordPolicy()
{
    QFETCH(QByteArray, password);
    QFETCH(bool, valid);
    auto policy = CredentialHash::checkPasswordPolicy(secret(password));
    QCOMPARE(bool(policy), valid);
    if (!valid)
        QVERIFY(!CredentialHash::hashPassword(secret(password), Fast));
}

void TestCredentialHash::constantTimeComparisonIsUsed()
{
    QVERIFY(CredentialHash::constantTimeEquals("abcd", "abcd"));
    QVERIFY(!CredentialHash::constantTimeEquals("abcd", "xbcd"));
    QVERIFY(!CredentialHash::constantTimeEquals("abcd", "abcx"));
    QVERIFY(!CredentialHash::constantTimeEquals("abcd", "abc"));
    QVERIFY(CredentialHash::constantTimeEquals({}, {}));

    // Every verification, right or wrong, password or PIN, goes through exactly one such
    // comparison (and so CRYPTO_memcmp), never through operator==.
    const QString stored = hashOf("compared in constant time");
    auto pin = CredentialHash::hashPin(secret("2468"), pepper('p'), Fast);
    QVERIFY(pin);
    std::uint64_t before = CredentialHash::comparisonCount();
    QVERIFY(*CredentialHash::verifyPassword(secret("compared in constant time"), stored));
    QCOMPARE(CredentialHash::comparisonCount(), before + 1);
    QVERIFY(!*CredentialHash::verifyPassword(secret("compared in constant tim3"), stored));
    QCOMPARE(CredentialHash::comparisonCount(), before + 2);
    QVERIFY(!*CredentialHash::verifyPin(secret("2469"), pepper('p'), *pin));
    QCOMPARE(CredentialHash::comparisonCount(), before + 3);
}

void TestCredentialHash::needsRehash_data()
{
    QTest::addColumn<int>("storedLogN");
    QTest::addColumn<uint>("storedR");
    QTest::addColumn<uint>("storedP");
    QTest::addColumn<int>("policyLogN");
    QTest::addColumn<uint>("policyR");
    QTest::addColumn<bool>("rehash");
    QTest::newRow("below default N") << 10 << 8u << 1u << 17 << 8u << true;
    QTest::newRow("equal") << 10 << 8u << 1u << 10 << 8u << false;
    QTest::newRow("above") << 11 << 8u << 1u << 10 << 8u << false;
    QTest::newRow("r below") << 10 << 4u << 1u << 10 << 8u << true;
    QTest::newRow("N below, r above") << 9 << 16u << 1u << 10 << 8u << true;
}

void TestCredentialHash::needsRehash()
{
    QFETCH(int, storedLogN);
    QFETCH(uint, storedR);
    QFETCH(uint, storedP);
    QFETCH(int, policyLogN);
    QFETCH(uint, policyR);
    QFETCH(bool, rehash);
    const QString stored =
        hashOf("rehash me when policy rises", {std::uint64_t{1} << storedLogN, storedR, storedP});
    QVERIFY(!stored.isEmpty());
    const Scrypt::Params policy{std::uint64_t{1} << policyLogN, policyR, 1};
    QCOMPARE(CredentialHash::needsRehash(stored, policy), rehash);
}

void TestCredentialHash::messagesHoldNoSecret()
{
    const QByteArray password = "hunter2hunter2";
    QLoggingCategory::setFilterRules(QStringLiteral("pos.auth.debug=true"));
    g_log.clear();
    const auto previous = qInstallMessageHandler(capture);
    QStringList messages;
    const auto note = [&](const auto& result) {
        if (!result)
            messages << result.error().message;
    };
    note(CredentialHash::checkPasswordPolicy(secret("hunter2")));
    note(CredentialHash::hashPassword(secret(password + QByteArray(1024, 'z'))));
    note(CredentialHash::hashPin(secret("98765x"), pepper('p'), Fast));
    note(CredentialHash::hashPin(secret("987654"), secret("short pepper 98765"), Fast));
    note(CredentialHash::verifyPassword(secret(password), QStringLiteral("$scrypt$hunter2$$")));
    note(CredentialHash::verifyPin(secret("987654"), pepper('p'), hashOf(password)));
    qInstallMessageHandler(previous);
    QCOMPARE(messages.size(), 6);
    QVERIFY(g_log.join(u'\n').contains(QStringLiteral("pos.auth refused a malformed")));
    messages += g_log;
    for (const QString& m : messages) {
        QVERIFY2(!m.contains(QStringLiteral("hunter")), qPrintable(m));
        QVERIFY2(!m.contains(QStringLiteral("98765")), qPrintable(m));
        QVERIFY2(!m.contains(QStringLiteral("pepper 9")), qPrintable(m));
    }
}

QTEST_GUILESS_MAIN(TestCredentialHash)
#include "tst_credentialhash.moc"
