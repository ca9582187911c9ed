// Known-answer tests for the OpenSSL wrappers: AES-256-GCM against the GCM specification's
// AES-256 test cases 13-16 (McGrew & Viega, also NIST SP 800-38D examples), scrypt against
// RFC 7914 section 12.

#include "crypto/Aead.h"
#include "crypto/Scrypt.h"
#include "crypto/SecretBytes.h"

#include <QElapsedTimer>
#include <QTest>

using namespace pos;

namespace {

SecretBytes secretFromHex(const char* hex)
{
    QByteArray raw = QByteArray::fromHex(hex);
    return SecretBytes::takeFrom(raw);
}

QByteArray hex(const char* h)
{
    return QByteArray::fromHex(h);
}

QByteArray toArray(const SecretBytes& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<qsizetype>(s.size()));
}

SecretBytes key32(char fill)
{
    QByteArray raw(32, fill);
    return SecretBytes::takeFrom(raw);
}

} // namespace

class TestCrypto : public QObject {
    Q_OBJECT

private slots:
    void gcmVectors_data();
    void gcmVectors();
    void gcmRoundTripWithRandomNonce();
    void gcmRefusesAnyChange();
    void gcmRefusesWrongKeyAndBadSizes();
    void scryptVectors_data();
    void scryptVectors();
    void scryptRecommendedParametersWork();
    void scryptRefusesBadParameters();
};

void TestCrypto::gcmVectors_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");

    const QByteArray zeroKey(32, '\0');
    const QByteArray zeroNonce(12, '\0');
    const QByteArray k = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const QByteArray n = hex("cafebabefacedbaddecaf888");
    const QByteArray p64 =
        hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e"
            "2449a6b525b16aedf5aa0de657ba637b391aafd255");
    const QByteArray c64 =
        hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b"
            "1056828838c5f61e6393ba7a0abcc9f662898015ad");

    QTest::newRow("test case 13") << zeroKey << zeroNonce << QByteArray() << QByteArray()
                                  << QByteArray() << hex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::newRow("test case 14") << zeroKey << zeroNonce << QByteArray(16, '\0') << QByteArray()
                                  << hex("cea7403d4d606b6e074ec5d3baf39d18")
                                  << hex("d0d1c8a799996bf0265b98b5d48ab919");
    QTest::newRow("test case 15") << k << n << p64 << QByteArray() << c64
                                  << hex("b094dac5d93471bdec1a502270e3cc6c");
    QTest::newRow("test case 16") << k << n << p64.first(60)
                                  << hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
                                  << c64.first(60) << hex("76fc6ece0f4e1768cddf8853bb2d551b");
}

void TestCrypto::gcmVectors()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, nonce);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);

    const SecretBytes k = SecretBytes::takeFrom(key);
    auto sealed = Aead::sealWithNonce(k, nonce, plaintext, aad);
    QVERIFY2(sealed.has_value(), sealed ? "" : qPrintable(sealed.error().message));
    QCOMPARE(sealed->toHex(), QByteArray(ciphertext + tag).toHex());

    auto opened = Aead::openWithNonce(k, nonce, *sealed, aad);
    QVERIFY2(opened.has_value(), opened ? "" : qPrintable(opened.error().message));
    QCOMPARE(toArray(*opened), plaintext);

    // The same through the nonce-prefixed form.
    auto prefixed = Aead::open(k, QByteArray(nonce + *sealed), aad);
    QVERIFY(prefixed.has_value());
    QCOMPARE(toArray(*prefixed), plaintext);
}

void TestCrypto::gcmRoundTripWithRandomNonce()
{
    const SecretBytes key = key32('k');
    const QByteArray text("the till float is 150.00");
    auto a = Aead::seal(key, text, "header");
    auto b = Aead::seal(key, text, "header");
    QVERIFY(a && b);
    QCOMPARE(a->size(), text.size() + qsizetype(Aead::Overhead));
    QVERIFY(*a != *b); // a fresh nonce each time
    QVERIFY(!a->contains(text));
    auto opened = Aead::open(key, *a, "header");
    QVERIFY(opened.has_value());
    QCOMPARE(toArray(*opened), text);
}

void TestCrypto::gcmRefusesAnyChange()
{
    const SecretBytes key = key32('k');
    const QByteArray text("refund approved by manager 7");
    auto sealed = Aead::seal(key, text, "aad");
    QVERIFY(sealed.has_value());
    for (qsizetype i = 0; i < sealed->size(); ++i) {
        QByteArray changed = *sealed;
        changed[i] = static_cast<char>(changed[i] ^ 0x01);
        auto r = Aead::open(key, changed, "aad");
        QVERIFY2(!r.has_value(), qPrintable(QStringLiteral("byte %1 changed unnoticed").arg(i)));
        QCOMPARE(r.error().code, ErrorCode::WrongKeyOrDamaged);
    }
    auto wrongAad = Aead::open(key, *sealed, "aaD");
    QVERIFY(!wrongAad.has_value());
    auto noAad = Aead::open(key, *sealed);
    QVERIFY(!noAad.has_value());
    auto cut = Aead::open(key, sealed->first(sealed->size() - 1), "aad");
    QVERIFY(!cut.has_value());
    auto longer = Aead::open(key, QByteArray(*sealed + QByteArray(1, 'x')), "aad");
    QVERIFY(!longer.has_value());

    // Published vector with one tag bit flipped.
    const SecretBytes zero =
        secretFromHex("0000000000000000000000000000000000000000000000000000000000000000");
    auto bad = Aead::openWithNonce(zero, QByteArray(12, '\0'),
                                   hex("cea7403d4d606b6e074ec5d3baf39d18"
                                       "d0d1c8a799996bf0265b98b5d48ab918"));
    QVERIFY(!bad.has_value());
    QCOMPARE(bad.error().code, ErrorCode::WrongKeyOrDamaged);
}

void TestCrypto::gcmRefusesWrongKeyAndBadSizes()
{
    const SecretBytes key = key32('k');
    auto sealed = Aead::seal(key, "secret", {});
    QVERIFY(sealed.has_value());
    const SecretBytes other = key32('l');
    QVERIFY(!Aead::open(other, *sealed).has_value());

    QByteArray shortRaw(16, 'k');
    const SecretBytes shortKey = SecretBytes::takeFrom(shortRaw);
    auto r = Aead::seal(shortKey, "x");
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    auto n = Aead::sealWithNonce(key, QByteArray(8, '\0'), "x");
    QVERIFY(!n.has_value());
    QCOMPARE(n.error().code, ErrorCode::InvalidInput);
    QVERIFY(!Aead::open(key, QByteArray(27, '\0')).has_value());
}

void TestCrypto::scryptVectors_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("RFC 7914 #1 N=16 r=1 p=1")
        << QByteArray() << QByteArray() << quint64(16) << quint32(1) << quint32(1)
        << hex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326"
               "a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    QTest::newRow("RFC 7914 #2 N=1024 r=8 p=16")
        << QByteArray("password") << QByteArray("NaCl") << quint64(1024) << quint32(8)
        << quint32(16)
        << hex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff"
               "1"
               "09279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    QTest::newRow("RFC 7914 #3 N=16384 r=8 p=1")
        << QByteArray("pleaseletmein") << QByteArray("SodiumChloride") << quint64(16384)
        << quint32(8) << quint32(1)
        << hex("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d"
               "4"
               "9705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

void TestCrypto::scryptVectors()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    QFETCH(QByteArray, expected);

    auto dk = Scrypt::derive(password, salt, Scrypt::Params{n, r, p},
                             static_cast<std::size_t>(expected.size()));
    QVERIFY2(dk.has_value(), dk ? "" : qPrintable(dk.error().message));
    QCOMPARE(toArray(*dk).toHex(), expected.toHex());
}

void TestCrypto::scryptRecommendedParametersWork()
{
    // N=2^17, r=8 needs 128 MiB, four times OpenSSL's default cap.
    QCOMPARE(Scrypt::Recommended.n, quint64(1) << 17);
    QVERIFY(Scrypt::memoryNeeded(Scrypt::Recommended) > (quint64(128) << 20));
    QElapsedTimer t;
    t.start();
    auto a = Scrypt::derive("correct horse", "0123456789abcdef", Scrypt::Recommended, 32);
    QVERIFY2(a.has_value(), a ? "" : qPrintable(a.error().message));
    qInfo("scrypt N=2^17 r=8 p=1 took %lld ms", t.elapsed());
    auto b = Scrypt::derive("correct horse", "0123456789abcdef", Scrypt::Recommended, 32);
    auto c = Scrypt::derive("correct horsf", "0123456789abcdef", Scrypt::Recommended, 32);
    QVERIFY(b && c);
    QVERIFY(a->equals(*b));
    QVERIFY(!a->equals(*c));
}

void TestCrypto::scryptRefusesBadParameters()
{
    QVERIFY(!Scrypt::derive("pw", "salt", Scrypt::Params{1000, 8, 1}, 32).has_value()); // not 2^k
    QVERIFY(!Scrypt::derive("pw", "salt", Scrypt::Params{1, 8, 1}, 32).has_value());
    QVERIFY(!Scrypt::derive("pw", "salt", Scrypt::Params{1024, 0, 1}, 32).has_value());
    QVERIFY(!Scrypt::derive("pw", "salt", Scrypt::Params{1024, 8, 0}, 32).has_value());
    QVERIFY(!Scrypt::derive("pw", "salt", Scrypt::Params{1024, 8, 1}, 0).has_value());
    QCOMPARE(Scrypt::memoryNeeded(Scrypt::Params{3, 1, 1}), quint64(0));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
