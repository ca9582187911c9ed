#include "crypto/Ed25519.h"

#include <QLoggingCategory>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcCrypto)

namespace pos {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

std::unexpected<Error> opensslFailed(const char* what)
{
    qCWarning(lcCrypto) << "OpenSSL Ed25519 call failed:" << what;
    return fail(ErrorCode::Crypto,
                QStringLiteral("the signature library failed (%1)").arg(QLatin1String(what)));
}

Result<Pkey> privateKey(const SecretBytes& seed)
{
    if (seed.size() != Ed25519::PrivateKeySize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an Ed25519 private key is 32 bytes"));
    Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
    if (!key)
        return opensslFailed("EVP_PKEY_new_raw_private_key");
    return key;
}

Result<QByteArray> rawPublic(EVP_PKEY* key)
{
    QByteArray out(static_cast<qsizetype>(Ed25519::PublicKeySize), '\0');
    std::size_t len = Ed25519::PublicKeySize;
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
        len != Ed25519::PublicKeySize)
        return opensslFailed("EVP_PKEY_get_raw_public_key");
    return out;
}

Result<QByteArray> signWith(EVP_PKEY* key, QByteArrayView message)
{
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1)
        return opensslFailed("EVP_DigestSignInit");
    QByteArray sig(static_cast<qsizetype>(Ed25519::SignatureSize), '\0');
    std::size_t len = Ed25519::SignatureSize;
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       bytes(message), static_cast<std::size_t>(message.size())) != 1 ||
        len != Ed25519::SignatureSize)
        return opensslFailed("EVP_DigestSign");
    return sig;
}

bool verifyWith(EVP_PKEY* key, QByteArrayView message, QByteArrayView signature)
{
    if (static_cast<std::size_t>(signature.size()) != Ed25519::SignatureSize)
        return false;
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), bytes(signature), Ed25519::SignatureSize, bytes(message),
                            static_cast<std::size_t>(message.size())) == 1;
}

} // namespace

Result<SecretBytes> Ed25519::generatePrivateKey()
{
    return SecretBytes::random(PrivateKeySize);
}

Result<QByteArray> Ed25519::publicKeyFor(const SecretBytes& privateKey)
{
    auto key = pos::privateKey(privateKey);
    if (!key)
        return std::unexpected(key.error());
    return rawPublic(key->get());
}

Result<QByteArray> Ed25519::sign(const SecretBytes& privateKey, QByteArrayView message)
{
    auto key = pos::privateKey(privateKey);
    if (!key)
        return std::unexpected(key.error());
    return signWith(key->get(), message);
}

bool Ed25519::verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    auto v = Ed25519Verifier::fromPublicKey(publicKey);
    return v && v->verify(message, signature);
}

Result<Ed25519Signer> Ed25519Signer::fromPrivateKey(const SecretBytes& privateKey)
{
    auto key = pos::privateKey(privateKey);
    if (!key)
        return std::unexpected(key.error());
    auto pub = rawPublic(key->get());
    if (!pub)
        return std::unexpected(pub.error());
    Ed25519Signer s;
    s.m_key = key->release();
    s.m_publicKey = *pub;
    return s;
}

Ed25519Signer::Ed25519Signer(Ed25519Signer&& other) noexcept
    : m_key(std::exchange(other.m_key, nullptr)), m_publicKey(std::move(other.m_publicKey))
{}

Ed25519Signer& Ed25519Signer::operator=(Ed25519Signer&& other) noexcept
{
    if (this != &other) {
        EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
        m_key = std::exchange(other.m_key, nullptr);
        m_publicKey = std::move(other.m_publicKey);
    }
    return *this;
}

Ed25519Signer::~Ed25519Signer()
{
    EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
}

Result<QByteArray> Ed25519Signer::sign(QByteArrayView message) const
{
    if (!m_key)
        return fail(ErrorCode::Internal, QStringLiteral("no signing key"));
    return signWith(static_cast<EVP_PKEY*>(m_key), message);
}

Result<Ed25519Verifier> Ed25519Verifier::fromPublicKey(QByteArrayView publicKey)
{
    if (static_cast<std::size_t>(publicKey.size()) != Ed25519::PublicKeySize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an Ed25519 public key is 32 bytes"));
    EVP_PKEY* key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(publicKey),
                                                Ed25519::PublicKeySize);
    if (!key)
        return fail(ErrorCode::InvalidInput, QStringLiteral("not a valid Ed25519 public key"));
    Ed25519Verifier v;
    v.m_key = key;
    return v;
}

Ed25519Verifier::Ed25519Verifier(Ed25519Verifier&& other) noexcept
    : m_key(std::exchange(other.m_key, nullptr))
{}

Ed25519Verifier& Ed25519Verifier::operator=(Ed25519Verifier&& other) noexcept
{
    if (this != &other) {
        EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
        m_key = std::exchange(other.m_key, nullptr);
    }
    return *this;
}

Ed25519Verifier::~Ed25519Verifier()
{
    EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
}

bool Ed25519Verifier::verify(QByteArrayView message, QByteArrayView signature) const
{
    return m_key && verifyWith(static_cast<EVP_PKEY*>(m_key), message, signature);
}

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(32, '\0');
    unsigned int len = 0;
    if (EVP_Digest(data.data(), static_cast<std::size_t>(data.size()),
                   reinterpret_cast<unsigned char*>(out.data()), &len, EVP_sha256(),
                   nullptr) != 1 ||
        len != 32)
        qFatal("EVP_Digest(SHA-256) failed"); // only on allocation failure inside OpenSSL
    return out;
}

} // namespace pos
