#include "crypto/Scrypt.h"

#include <QLoggingCategory>
#include <memory>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

Q_DECLARE_LOGGING_CATEGORY(lcCrypto)

namespace pos {

namespace {

struct KdfFree {
    void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxFree {
    void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

} // namespace

std::uint64_t Scrypt::memoryNeeded(const Params& params)
{
    const std::uint64_t n = params.n;
    if (n < 2 || (n & (n - 1)) != 0 || params.r == 0 || params.p == 0)
        return 0;
    // Keep every product far from overflow: N <= 2^40, r and p <= 2^16.
    if (n > (std::uint64_t{1} << 40) || params.r > 0xffff || params.p > 0xffff)
        return 0;
    const std::uint64_t r = params.r;
    const std::uint64_t p = params.p;
    return 128 * r * (n + 2) + 128 * r * p;
}

Result<SecretBytes> Scrypt::derive(QByteArrayView passphrase, QByteArrayView salt,
                                   const Params& params, std::size_t length)
{
    const std::uint64_t memory = memoryNeeded(params);
    if (memory == 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("invalid scrypt parameters"));
    if (length == 0 || length > 1024)
        return fail(ErrorCode::InvalidInput, QStringLiteral("invalid scrypt output length"));

    std::unique_ptr<EVP_KDF, KdfFree> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_SCRYPT, nullptr));
    if (!kdf)
        return fail(ErrorCode::Crypto, QStringLiteral("the encryption library has no scrypt"));
    std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(kdf.get()));
    if (!ctx)
        return fail(ErrorCode::Crypto, QStringLiteral("the encryption library failed (scrypt)"));

    // OSSL_PARAM wants non-const pointers; OpenSSL copies these inputs and never writes them. An
    // empty passphrase or salt still needs a valid pointer.
    static char empty = 0;
    auto* pass = passphrase.isEmpty() ? &empty : const_cast<char*>(passphrase.data());
    auto* saltData = salt.isEmpty() ? &empty : const_cast<char*>(salt.data());
    std::uint64_t n = params.n;
    std::uint32_t r = params.r;
    std::uint32_t p = params.p;
    std::uint64_t maxmem = memory + (1u << 20);
    const OSSL_PARAM settings[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, pass,
                                          static_cast<std::size_t>(passphrase.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, saltData,
                                          static_cast<std::size_t>(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end(),
    };
    SecretBytes out(length);
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), settings) != 1) {
        qCWarning(lcCrypto) << "scrypt derivation failed, N =" << n << "r =" << r << "p =" << p;
        return fail(ErrorCode::Crypto,
                    QStringLiteral("the encryption library could not derive a key with scrypt "
                                   "(not enough memory?)"));
    }
    return out;
}

} // namespace pos
