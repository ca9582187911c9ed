#include "crypto/Aead.h"

#include <QLoggingCategory>
#include <climits>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

Q_LOGGING_CATEGORY(lcCrypto, "pos.crypto")

namespace pos {

namespace {

struct CtxFree {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

std::unexpected<Error> opensslFailed(const char* what)
{
    qCWarning(lcCrypto) << "OpenSSL AES-256-GCM call failed:" << what;
    return fail(ErrorCode::Crypto,
                QStringLiteral("the encryption library failed (%1)").arg(QLatin1String(what)));
}

Status checkSizes(const SecretBytes& key, QByteArrayView nonce, QByteArrayView text,
                  QByteArrayView aad)
{
    if (key.size() != Aead::KeySize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an AES-256-GCM key is 32 bytes"));
    if (static_cast<std::size_t>(nonce.size()) != Aead::NonceSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an AES-256-GCM nonce is 12 bytes"));
    if (text.size() > INT_MAX - 64 || aad.size() > INT_MAX)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the data is too large to seal"));
    return {};
}

} // namespace

Result<QByteArray> Aead::sealWithNonce(const SecretBytes& key, QByteArrayView nonce,
                                       QByteArrayView plaintext, QByteArrayView aad)
{
    if (auto s = checkSizes(key, nonce, plaintext, aad); !s)
        return std::unexpected(s.error());
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return opensslFailed("EVP_CIPHER_CTX_new");
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(NonceSize),
                            nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), bytes(nonce)) != 1)
        return opensslFailed("EVP_EncryptInit_ex");
    int len = 0;
    if (!aad.isEmpty() &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1)
        return opensslFailed("EVP_EncryptUpdate (AAD)");

    QByteArray out(plaintext.size() + static_cast<qsizetype>(TagSize), Qt::Uninitialized);
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    int written = 0;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx.get(), o, &len, bytes(plaintext),
                              static_cast<int>(plaintext.size())) != 1)
            return opensslFailed("EVP_EncryptUpdate");
        written = len;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), o + written, &len) != 1)
        return opensslFailed("EVP_EncryptFinal_ex");
    written += len;
    if (written != plaintext.size())
        return opensslFailed("EVP_EncryptFinal_ex (length)");
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(TagSize),
                            o + written) != 1)
        return opensslFailed("EVP_CTRL_GCM_GET_TAG");
    return out;
}

Result<SecretBytes> Aead::openWithNonce(const SecretBytes& key, QByteArrayView nonce,
                                        QByteArrayView ciphertextAndTag, QByteArrayView aad)
{
    if (auto s = checkSizes(key, nonce, ciphertextAndTag, aad); !s)
        return std::unexpected(s.error());
    if (static_cast<std::size_t>(ciphertextAndTag.size()) < TagSize)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("the sealed data is too short to be genuine"));
    const QByteArrayView ciphertext =
        ciphertextAndTag.first(ciphertextAndTag.size() - static_cast<qsizetype>(TagSize));
    const QByteArrayView tag = ciphertextAndTag.last(static_cast<qsizetype>(TagSize));

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return opensslFailed("EVP_CIPHER_CTX_new");
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(NonceSize),
                            nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), bytes(nonce)) != 1)
        return opensslFailed("EVP_DecryptInit_ex");
    int len = 0;
    if (!aad.isEmpty() &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1)
        return opensslFailed("EVP_DecryptUpdate (AAD)");

    SecretBytes plain(static_cast<std::size_t>(ciphertext.size()));
    int written = 0;
    if (!ciphertext.isEmpty()) {
        if (EVP_DecryptUpdate(ctx.get(), plain.data(), &len, bytes(ciphertext),
                              static_cast<int>(ciphertext.size())) != 1)
            return opensslFailed("EVP_DecryptUpdate");
        written = len;
    }
    // OpenSSL only reads the expected tag; the cast drops a const its API lacks.
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(TagSize),
                            const_cast<char*>(tag.data())) != 1)
        return opensslFailed("EVP_CTRL_GCM_SET_TAG");
    unsigned char scratch[16];
    if (EVP_DecryptFinal_ex(ctx.get(), plain.isEmpty() ? scratch : plain.data() + written, &len) !=
        1) {
        // plain goes out of scope here and is wiped: unauthenticated bytes never leave.
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("the sealed data could not be authenticated: the key is wrong "
                                   "or the data was changed"));
    }
    return plain;
}

Result<QByteArray> Aead::seal(const SecretBytes& key, QByteArrayView plaintext, QByteArrayView aad)
{
    QByteArray nonce(static_cast<qsizetype>(NonceSize), Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), static_cast<int>(NonceSize)) !=
        1)
        return fail(ErrorCode::Crypto, QStringLiteral("the system random generator failed"));
    auto sealed = sealWithNonce(key, nonce, plaintext, aad);
    if (!sealed)
        return sealed;
    return nonce + *sealed;
}

Result<SecretBytes> Aead::open(const SecretBytes& key, QByteArrayView sealed, QByteArrayView aad)
{
    if (static_cast<std::size_t>(sealed.size()) < Overhead)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("the sealed data is too short to be genuine"));
    return openWithNonce(key, sealed.first(static_cast<qsizetype>(NonceSize)),
                         sealed.sliced(static_cast<qsizetype>(NonceSize)), aad);
}

} // namespace pos
