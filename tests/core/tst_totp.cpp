// AUTH-2 building block: TOTP (RFC 6238) over HOTP (RFC 4226) with HMAC from OpenSSL. Published
// vectors: RFC 6238 Appendix B (all 18), RFC 4226 Appendix D, RFC 2202 / RFC 4231 for HMAC and
// RFC 4648 section 10 for base32; then single use, window edges and the enrolment URI.

#include "auth/Base32.h"
#include "auth/Hmac.h"
#include "auth/Totp.h"

#include <QTest>

using namespace pos;

Q_DECLARE_METATYPE(pos::HmacAlgorithm)

namespace {

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

QByteArray bytes(const SecretBytes& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<qsizetype>(s.size()));
}

// RFC 6238 Appendix A: the seed is "1234567890" repeated to the hash's length.
SecretBytes rfcSeed(HmacAlgorithm algorithm)
{
    const int size = algorithm == HmacAlgorithm::Sha1     ? 20
                     : algorithm == HmacAlgorithm::Sha256 ? 32
                                                          : 64;
    return secret(QByteArray("1234567890").repeated(7).left(size));
}

QDateTime at(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC);
}

// 1111111111 is one second into step 37037037.
constexpr qint64 T0 = 1111111111;

} // namespace

class TestTotp : public QObject {
    Q_OBJECT

private slots:
    void hmacVectors_data();
    void hmacVectors();
    void rfc4226Hotp_data();
    void rfc4226Hotp();
    void rfc6238Vectors_data();
    void rfc6238Vectors();
    void sixDigitsAreTheLowSix();
    void base32Rfc4648_data();
    void base32Rfc4648();
    void base32RoundTrip();
    void base32Refuses_data();
    void base32Refuses();
    void replayRefused();
    void windowEdges_data();
    void windowEdges();
    void malformedCodeIsAnErrorWithoutTheCode();
    void generatedSecrets();
    void provisioningUri();
    void badParameters();
};

void TestTotp::hmacVectors_data()
{
    QTest::addColumn<HmacAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("mac");
    // RFC 2202 test case 2 and RFC 4231 test case 2: key "Jefe".
    QTest::newRow("SHA1") << HmacAlgorithm::Sha1
                          << QByteArray::fromHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    QTest::newRow("SHA256")
        << HmacAlgorithm::Sha256
        << QByteArray::fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("SHA512")
        << HmacAlgorithm::Sha512
        << QByteArray::fromHex("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                               "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

void TestTotp::hmacVectors()
{
    QFETCH(HmacAlgorithm, algorithm);
    QFETCH(QByteArray, mac);
    auto out = Hmac::compute(algorithm, secret("Jefe"), "what do ya want for nothing?");
    QVERIFY(out);
    QCOMPARE(bytes(*out), mac);
    QVERIFY(!Hmac::compute(algorithm, SecretBytes(), "x"));
}

void TestTotp::rfc4226Hotp_data()
{
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QByteArray>("code");
    const char* codes[] = {"755224", "287082", "359152", "969429", "338314",
                           "254676", "287922", "162583", "399871", "520489"};
    for (quint64 c = 0; c < 10; ++c)
        QTest::addRow("count %llu", c) << c << QByteArray(codes[c]);
}

void TestTotp::rfc4226Hotp()
{
    QFETCH(quint64, counter);
    QFETCH(QByteArray, code);
    auto out = Totp::hotp(rfcSeed(HmacAlgorithm::Sha1), counter, HmacAlgorithm::Sha1, 6);
    QVERIFY(out);
    QCOMPARE(bytes(*out), code);
}

void TestTotp::rfc6238Vectors_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<HmacAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("code");
    struct Row {
        qint64 time;
        const char* sha1;
        const char* sha256;
        const char* sha512;
    };
    const Row rows[] = {
        {59, "94287082", "46119246", "90693936"},
        {1111111109, "07081804", "68084774", "25091201"},
        {1111111111, "14050471", "67062674", "99943326"},
        {1234567890, "89005924", "91819424", "93441116"},
        {2000000000, "69279037", "90698825", "38618901"},
        {20000000000, "65353130", "77737706", "47863826"},
    };
    for (const Row& r : rows) {
        QTest::addRow("%lld SHA1", r.time) << r.time << HmacAlgorithm::Sha1 << QByteArray(r.sha1);
        QTest::addRow("%lld SHA256", r.time)
            << r.time << HmacAlgorithm::Sha256 << QByteArray(r.sha256);
        QTest::addRow("%lld SHA512", r.time)
            << r.time << HmacAlgorithm::Sha512 << QByteArray(r.sha512);
    }
}

void TestTotp::rfc6238Vectors()
{
    QFETCH(qint64, time);
    QFETCH(HmacAlgorithm, algorithm);
    QFETCH(QByteArray, code);
    const TotpParams params{algorithm, 8, 30, 0};
    auto out = Totp::codeAt(rfcSeed(algorithm), at(time), params);
    QVERIFY(out);
    QCOMPARE(bytes(*out), code);

    auto verdict = Totp::verify(rfcSeed(algorithm), secret(code), at(time), std::nullopt, params);
    QVERIFY(verdict);
    QCOMPARE(verdict->outcome, TotpOutcome::Accepted);
    QCOMPARE(verdict->step, static_cast<std::uint64_t>(time / 30));
}

void TestTotp::sixDigitsAreTheLowSix()
{
    auto out = Totp::codeAt(rfcSeed(HmacAlgorithm::Sha1), at(59));
    QVERIFY(out);
    QCOMPARE(bytes(*out), QByteArray("287082"));
}

void TestTotp::base32Rfc4648_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << QByteArray("f") << QByteArray("MY");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("MZXQ");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("MZXW6");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("MZXW6YQ");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("MZXW6YTB");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("MZXW6YTBOI");
    QTest::newRow("rfc 6238 seed")
        << QByteArray("12345678901234567890") << QByteArray("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

void TestTotp::base32Rfc4648()
{
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, encoded);
    QCOMPARE(bytes(Base32::encode(plain)), encoded);
    // RFC 4648 spells these with '=' padding; lower case and groups of four are what people type.
    QByteArray padded = encoded;
    while (padded.size() % 8 != 0)
        padded += '=';
    QByteArray grouped;
    for (qsizetype i = 0; i < encoded.size(); ++i)
        grouped += (i > 0 && i % 4 == 0 ? " " : "") + QByteArray(1, encoded[i]);
    for (const QByteArray& text : {encoded, padded, encoded.toLower(), grouped}) {
        auto decoded = Base32::decode(text);
        QVERIFY2(decoded, text.constData());
        QCOMPARE(bytes(*decoded), plain);
    }
}

void TestTotp::base32RoundTrip()
{
    for (std::size_t size = 0; size <= 70; ++size) {
        auto data = SecretBytes::random(size);
        QVERIFY(data);
        auto decoded = Base32::decode(bytes(Base32::encode(*data)));
        QVERIFY(decoded);
        QVERIFY(decoded->equals(*data));
    }
}

void TestTotp::base32Refuses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("digit 1") << QByteArray("MZXW6YT1");
    QTest::newRow("digit 0") << QByteArray("MZXW0");
    QTest::newRow("1 symbol") << QByteArray("M");
    QTest::newRow("3 symbols") << QByteArray("MZX");
    QTest::newRow("6 symbols") << QByteArray("MZXW6Y");
    QTest::newRow("padding inside") << QByteArray("MZ=XQ");
    QTest::newRow("non-zero unused bits") << QByteArray("MZ");
    QTest::newRow("hyphen") << QByteArray("MZXW-6YTB");
}

void TestTotp::base32Refuses()
{
    QFETCH(QByteArray, text);
    auto decoded = Base32::decode(text);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::InvalidInput);
    QVERIFY(!decoded.error().message.contains(QString::fromLatin1(text)));
}

void TestTotp::replayRefused()
{
    const auto key = rfcSeed(HmacAlgorithm::Sha1);
    const std::uint64_t step = T0 / 30;
    auto code = Totp::codeAt(key, at(T0));
    QVERIFY(code);
    auto first = Totp::verify(key, secret(bytes(*code)), at(T0), std::nullopt);
    QVERIFY(first);
    QCOMPARE(first->outcome, TotpOutcome::Accepted);
    QCOMPARE(first->step, step);

    // The same code again, a second later: the caller stored the step, so it is refused.
    auto again = Totp::verify(key, secret(bytes(*code)), at(T0 + 1), first->step);
    QVERIFY(again);
    QCOMPARE(again->outcome, TotpOutcome::Replayed);
    // An earlier step's code, still inside the window, is refused as well.
    auto earlier = Totp::codeAt(key, at(T0 - 30));
    auto old = Totp::verify(key, secret(bytes(*earlier)), at(T0), first->step);
    QCOMPARE(old->outcome, TotpOutcome::Replayed);
    // The next step's code is fine, once.
    auto next = Totp::codeAt(key, at(T0 + 30));
    auto later = Totp::verify(key, secret(bytes(*next)), at(T0 + 30), first->step);
    QCOMPARE(later->outcome, TotpOutcome::Accepted);
    QCOMPARE(later->step, step + 1);
    auto wrong = Totp::verify(key, secret("000000"), at(T0 + 30), later->step);
    QCOMPARE(wrong->outcome, TotpOutcome::Rejected);
}

void TestTotp::windowEdges_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("offsetSteps"); // the code's step relative to now
    QTest::addColumn<bool>("accepted");
    for (int window = 0; window <= 2; ++window)
        for (int offset = -window - 1; offset <= window + 1; ++offset)
            QTest::addRow("window %d, step %+d", window, offset)
                << window << offset << (offset >= -window && offset <= window);
}

void TestTotp::windowEdges()
{
    QFETCH(int, window);
    QFETCH(int, offsetSteps);
    QFETCH(bool, accepted);
    const auto key = rfcSeed(HmacAlgorithm::Sha256);
    const TotpParams params{HmacAlgorithm::Sha256, 6, 30, window};
    auto code = Totp::codeAt(key, at(T0 + 30 * offsetSteps), params);
    QVERIFY(code);
    auto verdict = Totp::verify(key, secret(bytes(*code)), at(T0), std::nullopt, params);
    QVERIFY(verdict);
    QCOMPARE(verdict->outcome == TotpOutcome::Accepted, accepted);
    if (accepted)
        QCOMPARE(verdict->step, static_cast<std::uint64_t>(T0 / 30 + offsetSteps));

    // Step boundaries: 1111111109 is the last second of the step before T0's.
    auto before = Totp::codeAt(key, at(1111111109), params);
    auto edge = Totp::verify(key, secret(bytes(*before)), at(1111111110), std::nullopt, params);
    QCOMPARE(edge->outcome == TotpOutcome::Accepted, window >= 1);
}

void TestTotp::malformedCodeIsAnErrorWithoutTheCode()
{
    const auto key = rfcSeed(HmacAlgorithm::Sha1);
    for (const QByteArray& code : {QByteArray("28708"), QByteArray("2870821"), QByteArray("28a082"),
                                   QByteArray(" 287082"), QByteArray()}) {
        auto verdict = Totp::verify(key, secret(code), at(59), std::nullopt);
        QVERIFY(!verdict);
        QCOMPARE(verdict.error().code, ErrorCode::InvalidInput);
        QCOMPARE(verdict.error().message, QStringLiteral("a sign-in code is 6 digits"));
    }
}

void TestTotp::generatedSecrets()
{
    for (const auto& [algorithm, size] : {std::pair{HmacAlgorithm::Sha1, 20},
                                          {HmacAlgorithm::Sha256, 32},
                                          {HmacAlgorithm::Sha512, 64}}) {
        auto a = Totp::generateSecret(algorithm);
        auto b = Totp::generateSecret(algorithm);
        QVERIFY(a && b);
        QCOMPARE(a->size(), static_cast<std::size_t>(size));
        QVERIFY(!a->equals(*b));
    }
}

void TestTotp::provisioningUri()
{
    auto uri =
        Totp::provisioningUri(rfcSeed(HmacAlgorithm::Sha1), QStringLiteral("Corner Shop & Co"),
                              QStringLiteral("anna.k@example.org"));
    QVERIFY(uri);
    QCOMPARE(bytes(*uri),
             QByteArray("otpauth://totp/Corner%20Shop%20%26%20Co:anna.k%40example.org"
                        "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Corner%20Shop%20%26%20Co"
                        "&algorithm=SHA1&digits=6&period=30"));
    const TotpParams sha512{HmacAlgorithm::Sha512, 8, 30, 1};
    auto other = Totp::provisioningUri(rfcSeed(HmacAlgorithm::Sha1), QStringLiteral("Bäckerei"),
                                       QStringLiteral("Jürgen: Kasse/1?"), sha512);
    QVERIFY(other);
    QVERIFY(
        bytes(*other).startsWith("otpauth://totp/B%C3%A4ckerei:J%C3%BCrgen%3A%20Kasse%2F1%3F?"));
    QVERIFY(bytes(*other).endsWith("&algorithm=SHA512&digits=8&period=30"));
    QVERIFY(!Totp::provisioningUri(SecretBytes(), QStringLiteral("Shop"), QStringLiteral("anna")));
    QVERIFY(
        !Totp::provisioningUri(rfcSeed(HmacAlgorithm::Sha1), QString(), QStringLiteral("anna")));
}

void TestTotp::badParameters()
{
    const auto key = rfcSeed(HmacAlgorithm::Sha1);
    QVERIFY(!Totp::codeAt(key, at(59), {HmacAlgorithm::Sha1, 7, 30, 1}));
    QVERIFY(!Totp::codeAt(key, at(59), {HmacAlgorithm::Sha1, 6, 0, 1}));
    QVERIFY(!Totp::codeAt(key, at(59), {HmacAlgorithm::Sha1, 6, 30, 4}));
    QVERIFY(!Totp::codeAt(key, at(-1)));
    QVERIFY(!Totp::codeAt(key, QDateTime()));
}

QTEST_GUILESS_MAIN(TestTotp)
#include "tst_totp.moc"
