#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArrayView>

namespace pos {

enum class HmacAlgorithm { Sha1, Sha256, Sha512 };

// HMAC (RFC 2104) through OpenSSL's EVP_MAC "HMAC"; nothing hand-written. The result is a
// SecretBytes because a keyed hash of a PIN or a TOTP tag is itself sensitive.
// (Lives beside its only users in core/auth; it can move to core/crypto when others need it.)
class Hmac {
public:
    static Result<SecretBytes> compute(HmacAlgorithm algorithm, const SecretBytes& key,
                                       QByteArrayView message);
    static std::size_t outputSize(HmacAlgorithm algorithm);
};

} // namespace pos
