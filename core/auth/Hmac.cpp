#include "auth/Hmac.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace pos {

namespace {

struct MacFree {
    void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};
struct MacCtxFree {
    void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

const char* digestName(HmacAlgorithm algorithm)
{
    switch (algorithm) {
    case HmacAlgorithm::Sha1:
        return "SHA1";
    case HmacAlgorithm::Sha256:
        return "SHA256";
    case HmacAlgorithm::Sha512:
        return "SHA512";
    }
    return "SHA256";
}

} // namespace

std::size_t Hmac::outputSize(HmacAlgorithm algorithm)
{
    switch (algorithm) {
    case HmacAlgorithm::Sha1:
        return 20;
    case HmacAlgorithm::Sha256:
        return 32;
    case HmacAlgorithm::Sha512:
        return 64;
    }
    return 32;
}

Result<SecretBytes> Hmac::compute(HmacAlgorithm algorithm, const SecretBytes& key,
                                  QByteArrayView message)
{
    if (key.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("an HMAC key must not be empty"));
    std::unique_ptr<EVP_MAC, MacFree> mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
    if (!mac)
        return fail(ErrorCode::Crypto, QStringLiteral("the encryption library has no HMAC"));
    std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(mac.get()));
    if (!ctx)
        return fail(ErrorCode::Crypto, QStringLiteral("the encryption library failed (HMAC)"));

    // OSSL_PARAM wants a non-const pointer; OpenSSL only reads the digest name.
    char* digest = const_cast<char*>(digestName(algorithm));
    const OSSL_PARAM settings[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    static const unsigned char empty = 0;
    const auto* data =
        message.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(message.data());
    SecretBytes out(outputSize(algorithm));
    std::size_t written = 0;
    if (EVP_MAC_init(ctx.get(), key.data(), key.size(), settings) != 1 ||
        EVP_MAC_update(ctx.get(), data, static_cast<std::size_t>(message.size())) != 1 ||
        EVP_MAC_final(ctx.get(), out.data(), &written, out.size()) != 1 || written != out.size())
        return fail(ErrorCode::Crypto, QStringLiteral("the encryption library failed (HMAC)"));
    return out;
}

} // namespace pos
