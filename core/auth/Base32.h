#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArrayView>

namespace pos {

// RFC 4648 base32 (alphabet A-Z 2-7), for showing and typing TOTP secrets. An encoding, not
// cryptography, so it is written here. Both directions use SecretBytes: the text is as secret as
// the key it spells.
class Base32 {
public:
    // Upper case, without '=' padding.
    static SecretBytes encode(QByteArrayView data);
    static SecretBytes encode(const SecretBytes& data);
    // Case-insensitive; spaces are skipped (people type secrets in groups) and trailing '='
    // padding is accepted. Refused: any other character, an impossible length, non-zero unused
    // bits in the last character (so every byte string has exactly one spelling).
    static Result<SecretBytes> decode(QByteArrayView text);
};

} // namespace pos
