// Known-answer tests for Ed25519 and SHA-256 through OpenSSL EVP (core/crypto/Ed25519): the five
// Ed25519 test vectors of RFC 8032 section 7.1 (TEST 1, 2, 3, 1024 and SHA(abc)), and the SHA-256
// examples of FIPS 180-2 ("abc", the empty message, the 448-bit message). The vectors were taken
// from the RFC text, not from our own output; the audit log (docs/audit-format.md) relies on both.

#include "crypto/Ed25519.h"
#include "crypto/SecretBytes.h"

#include <QTest>

using namespace pos;

namespace {

SecretBytes secretFromHex(const QByteArray& hex)
{
    QByteArray raw = QByteArray::fromHex(hex);
    return SecretBytes::takeFrom(raw);
}

QByteArray flipBit(QByteArray bytes, qsizetype index, int bit)
{
    bytes[index] = static_cast<char>(bytes[index] ^ (1 << bit));
    return bytes;
}

// RFC 8032 section 7.1, -----TEST 1024: the 1023-byte message.
const char* const Message1024 = "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98"
                                "fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8"
                                "79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
                                "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc"
                                "1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe"
                                "ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
                                "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef"
                                "efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7"
                                "aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
                                "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2"
                                "d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24"
                                "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
                                "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc"
                                "2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07"
                                "07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
                                "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a"
                                "ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e"
                                "c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
                                "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c"
                                "42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8"
                                "ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
                                "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08"
                                "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649"
                                "de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
                                "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3"
                                "2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e"
                                "6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
                                "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5"
                                "0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1"
                                "369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
                                "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c"
                                "0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0";

} // namespace

class TestEd25519 : public QObject {
    Q_OBJECT

private slots:
    void rfc8032_data();
    void rfc8032();
    void signerAndVerifierObjectsGiveTheSameAnswers_data() { rfc8032_data(); }
    void signerAndVerifierObjectsGiveTheSameAnswers();
    void nonCanonicalSignatureIsRefused();
    void badSizesAreRefusedNotCrashed();
    void freshKeysSignAndVerify();
    void sha256Vectors_data();
    void sha256Vectors();
};

void TestEd25519::rfc8032_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("signature");

    QTest::newRow("TEST 1")
        << QByteArray("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        << QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        << QByteArray()
        << QByteArray::fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                               "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QTest::newRow("TEST 2")
        << QByteArray("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
        << QByteArray::fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
        << QByteArray::fromHex("72")
        << QByteArray::fromHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                               "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    QTest::newRow("TEST 3")
        << QByteArray("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")
        << QByteArray::fromHex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")
        << QByteArray::fromHex("af82")
        << QByteArray::fromHex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                               "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    QTest::newRow("TEST 1024")
        << QByteArray("f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5")
        << QByteArray::fromHex("278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e")
        << QByteArray::fromHex(Message1024)
        << QByteArray::fromHex("0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
                               "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03");
    QTest::newRow("TEST SHA(abc)")
        << QByteArray("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42")
        << QByteArray::fromHex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf")
        << QByteArray::fromHex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                               "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        << QByteArray::fromHex("dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                               "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704");
}

void TestEd25519::rfc8032()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);
    QCOMPARE(publicKey.size(), 32);
    QCOMPARE(signature.size(), 64);

    const SecretBytes seed = secretFromHex(secret);
    auto pub = Ed25519::publicKeyFor(seed);
    QVERIFY(pub.has_value());
    QCOMPARE(pub->toHex(), publicKey.toHex());

    auto sig = Ed25519::sign(seed, message);
    QVERIFY(sig.has_value());
    QCOMPARE(sig->toHex(), signature.toHex());

    QVERIFY(Ed25519::verify(publicKey, message, signature));

    // A changed message: one bit flipped (or, for the empty message, one byte added).
    const QByteArray changed =
        message.isEmpty() ? QByteArray(1, '\0') : flipBit(message, message.size() / 2, 0);
    QVERIFY(!Ed25519::verify(publicKey, changed, signature));
    // A changed signature: in R (the first half) and in S (the second half).
    QVERIFY(!Ed25519::verify(publicKey, message, flipBit(signature, 3, 5)));
    QVERIFY(!Ed25519::verify(publicKey, message, flipBit(signature, 40, 1)));
    // Another key: TEST 1's signature is not TEST 2's key's, and vice versa.
    const QByteArray otherKey =
        publicKey == QByteArray::fromHex(
                         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
            ? QByteArray::fromHex(
                  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
            : QByteArray::fromHex(
                  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    QVERIFY(!Ed25519::verify(otherKey, message, signature));
    // A key that differs in one bit.
    QVERIFY(!Ed25519::verify(flipBit(publicKey, 0, 0), message, signature));
}

void TestEd25519::signerAndVerifierObjectsGiveTheSameAnswers()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);

    auto signer = Ed25519Signer::fromPrivateKey(secretFromHex(secret));
    QVERIFY(signer.has_value());
    QCOMPARE(signer->publicKey().toHex(), publicKey.toHex());
    auto sig = signer->sign(message);
    QVERIFY(sig.has_value());
    QCOMPARE(sig->toHex(), signature.toHex());
    // The same object signs again (the EVP key is kept, not used up).
    auto again = signer->sign(message);
    QVERIFY(again.has_value());
    QCOMPARE(again->toHex(), signature.toHex());

    auto verifier = Ed25519Verifier::fromPublicKey(publicKey);
    QVERIFY(verifier.has_value());
    QVERIFY(verifier->verify(message, signature));
    QVERIFY(!verifier->verify(QByteArray(message).append('x'), signature));
    QVERIFY(!verifier->verify(message, flipBit(signature, 63, 0)));
    QVERIFY(verifier->verify(message, signature)); // still usable after a refusal

    // Moved-from objects refuse instead of crashing.
    Ed25519Verifier moved = std::move(*verifier);
    QVERIFY(moved.verify(message, signature));
    QVERIFY(!verifier->verify(message, signature)); // NOLINT(bugprone-use-after-move)
}

void TestEd25519::nonCanonicalSignatureIsRefused()
{
    // RFC 8032 section 5.1.7: S must be below the group order L. TEST 1's signature with L added
    // to S (little-endian) verifies the same equation but must be refused (no malleability).
    const QByteArray pub =
        QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    QByteArray sig =
        QByteArray::fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QVERIFY(Ed25519::verify(pub, QByteArray(), sig));
    // L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    const QByteArray order =
        QByteArray::fromHex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    int carry = 0;
    for (qsizetype i = 0; i < 32; ++i) {
        const int sum =
            static_cast<unsigned char>(sig[32 + i]) + static_cast<unsigned char>(order[i]) + carry;
        sig[32 + i] = static_cast<char>(sum & 0xff);
        carry = sum >> 8;
    }
    QCOMPARE(carry, 0);
    QVERIFY(!Ed25519::verify(pub, QByteArray(), sig));
}

void TestEd25519::badSizesAreRefusedNotCrashed()
{
    const QByteArray pub =
        QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const QByteArray sig =
        QByteArray::fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QVERIFY(!Ed25519::verify(pub.left(31), QByteArray(), sig));
    QVERIFY(!Ed25519::verify(QByteArray(pub).append('\0'), QByteArray(), sig));
    QVERIFY(!Ed25519::verify(pub, QByteArray(), sig.left(63)));
    QVERIFY(!Ed25519::verify(pub, QByteArray(), QByteArray(sig).append('\0')));
    QVERIFY(!Ed25519::verify(QByteArray(), QByteArray(), QByteArray()));

    auto v = Ed25519Verifier::fromPublicKey(pub.left(16));
    QVERIFY(!v.has_value());
    QCOMPARE(v.error().code, ErrorCode::InvalidInput);

    QByteArray shortSeed(31, 'k');
    auto s = Ed25519Signer::fromPrivateKey(SecretBytes::takeFrom(shortSeed));
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().code, ErrorCode::InvalidInput);
    QByteArray longSeed(33, 'k');
    QVERIFY(!Ed25519::sign(SecretBytes::takeFrom(longSeed), "m").has_value());
}

void TestEd25519::freshKeysSignAndVerify()
{
    auto a = Ed25519::generatePrivateKey();
    auto b = Ed25519::generatePrivateKey();
    QVERIFY(a.has_value() && b.has_value());
    QCOMPARE(a->size(), Ed25519::PrivateKeySize);
    QVERIFY(!a->equals(*b));
    auto pubA = Ed25519::publicKeyFor(*a);
    auto pubB = Ed25519::publicKeyFor(*b);
    QVERIFY(pubA.has_value() && pubB.has_value());
    QVERIFY(*pubA != *pubB);
    auto sig = Ed25519::sign(*a, "audit row");
    QVERIFY(sig.has_value());
    QVERIFY(Ed25519::verify(*pubA, "audit row", *sig));
    QVERIFY(!Ed25519::verify(*pubB, "audit row", *sig));
}

void TestEd25519::sha256Vectors_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    // FIPS 180-2, appendix B.1 and B.2; the empty message's digest is the well-known one.
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223"
                                       "b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb924"
                                         "27ae41e4649b934ca495991b7852b855");
    QTest::newRow("448 bits")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void TestEd25519::sha256Vectors()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    const QByteArray got = sha256(message);
    QCOMPARE(got.size(), 32);
    QCOMPARE(got.toHex(), digest);
}

QTEST_GUILESS_MAIN(TestEd25519)
#include "tst_ed25519.moc"
