#pragma once

#include "Error.h"
#include "crypto/Scrypt.h"
#include "crypto/SecretBytes.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <cstddef>
#include <cstdint>

namespace pos {

// AUTH-1 building block: password and PIN hashes with scrypt (RFC 7914, through core/crypto/Scrypt
// and so OpenSSL's EVP_KDF), a fresh 16-byte random salt per hash and the parameters stored with
// the hash, in one line of text:
//
//   $scrypt$ln=17,r=8,p=1$<salt>$<hash>        a password
//   $scrypt-pin$ln=17,r=8,p=1$<salt>$<hash>    a PIN, keyed with a pepper (below)
//
// ln is log2(N); salt (16 bytes) and hash (32 bytes) are standard base64 without '=' padding
// (as in the PHC string format). Nothing else is accepted: an unknown scheme or parameter name,
// a repeated or missing parameter, parameters out of range, a salt or hash of another length or
// non-canonical base64 are all ErrorCode::InvalidInput with a message that quotes nothing of the
// stored string.
//
// PINs. A 4 to 8 digit PIN has at most 10^8 values, so a stolen database alone would let anyone
// try them all offline (10^4 four-digit PINs x 0.4 s is about an hour on one core). A PIN hash is
// therefore keyed with a secret "pepper" (at least 32 random bytes) kept outside the database (in
// the OS keychain): scrypt's input is HMAC-SHA256(pepper, PIN), not the PIN. HMAC first rather
// than HMAC over scrypt's output because then (a) without the pepper nobody can even start a
// guess, since every scrypt input is an unknown 256-bit value; (b) if the pepper leaks too, each
// guess still costs a full scrypt run; (c) the stored value is a plain scrypt output, so PINs and
// passwords share one parsing, comparison and rehash path; and (d) the PIN itself is wiped
// before the long scrypt run starts. The "scrypt-pin" scheme name keeps a PIN hash from ever
// being checked as a password (and the other way round).
//
// Comparison is constant time (CRYPTO_memcmp). Inputs are SecretBytes; no message or log line
// contains a password, PIN, pepper, salt or hash.
class CredentialHash {
public:
    enum class Kind { Password, Pin };

    struct Parsed {
        Kind kind = Kind::Password;
        Scrypt::Params params;
        QByteArray salt;
        QByteArray hash;
    };

    // The policy: OWASP's scrypt minimum, N = 2^17, r = 8, p = 1.
    static constexpr Scrypt::Params DefaultPolicy{};
    static constexpr std::size_t SaltSize = 16;
    static constexpr std::size_t HashSize = 32;
    static constexpr std::size_t MinPepperSize = 32;
    static constexpr int MinPasswordChars = 12;   // Unicode code points
    static constexpr int MaxPasswordBytes = 1024; // UTF-8 bytes
    static constexpr int MinPinDigits = 4;
    static constexpr int MaxPinDigits = 8;
    // What a stored string may ask for, so a planted hash cannot make verification take gigabytes.
    static constexpr int MaxLogN = 20;
    static constexpr std::uint32_t MaxR = 32;
    static constexpr std::uint32_t MaxP = 16;

    // A new password: valid UTF-8, at least 12 characters, at most 1024 bytes.
    static Status checkPasswordPolicy(const SecretBytes& password);
    // A PIN: 4 to 8 ASCII digits and nothing else.
    static Status checkPinFormat(const SecretBytes& pin);

    // Hash a new credential. The policy or format is checked first. Tests pass lower parameters;
    // production code uses the default.
    static Result<QString> hashPassword(const SecretBytes& password,
                                        const Scrypt::Params& params = DefaultPolicy);
    static Result<QString> hashPin(const SecretBytes& pin, const SecretBytes& pepper,
                                   const Scrypt::Params& params = DefaultPolicy);

    // true: it matches; false: it does not. An error means the stored string is malformed or of
    // the other kind, the input is out of bounds, or the library failed: never treat an error
    // as a match. A PIN that is not 4-8 digits is simply false (it cannot match).
    static Result<bool> verifyPassword(const SecretBytes& password, QStringView stored);
    static Result<bool> verifyPin(const SecretBytes& pin, const SecretBytes& pepper,
                                  QStringView stored);

    static Result<Parsed> parse(QStringView stored);
    // true when the stored parameters are below the policy in any of N, r or p, or when the
    // string does not parse (a hash we cannot read should be replaced at the next sign-in).
    static bool needsRehash(QStringView stored, const Scrypt::Params& policy = DefaultPolicy);

    // CRYPTO_memcmp over equal lengths; different lengths are unequal. Every verify goes through
    // here, and comparisonCount() counts the calls so a test can prove it.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
    static std::uint64_t comparisonCount();

private:
    static Result<QString> hashWith(Kind kind, QByteArrayView input, const Scrypt::Params& params);
    static Result<bool> verifyWith(Kind kind, QByteArrayView input, QStringView stored);
    static Result<SecretBytes> pepperPin(const SecretBytes& pin, const SecretBytes& pepper);
};

} // namespace pos
