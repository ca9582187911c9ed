#pragma once

#include "Error.h"
#include "auth/Hmac.h"
#include "crypto/SecretBytes.h"

#include <QDateTime>
#include <QString>
#include <QStringView>
#include <cstdint>
#include <optional>

namespace pos {

struct TotpParams {
    HmacAlgorithm algorithm = HmacAlgorithm::Sha1; // what authenticator apps expect by default
    int digits = 6;                                // 6 or 8
    int periodSecs = 30;                           // the time step X of RFC 6238
    int window = 1;                                // steps accepted either side of now, 0..3
};

enum class TotpOutcome {
    Accepted, // step says which; store it as the new lastAcceptedStep
    Rejected, // no step in the window has this code
    Replayed, // the code is that of a step already used (at or before lastAcceptedStep)
};

struct TotpVerdict {
    TotpOutcome outcome = TotpOutcome::Rejected;
    std::uint64_t step = 0; // valid when Accepted
};

// AUTH-2 building block: TOTP (RFC 6238) over HOTP (RFC 4226), HMAC through OpenSSL's EVP_MAC.
// Codes are compared in constant time and every step in the window is computed and compared, so
// the time taken does not depend on which step (if any) matched. Single use is the caller's half:
// store the accepted step and pass it back as lastAcceptedStep; that step and every earlier one
// are then refused as Replayed. Nothing here logs or puts a secret or a code in a message.
class Totp {
public:
    static constexpr int MaxWindow = 3;

    // HOTP (RFC 4226 section 5.3): the code for one counter value, zero-padded to digits.
    static Result<SecretBytes> hotp(const SecretBytes& key, std::uint64_t counter,
                                    HmacAlgorithm algorithm, int digits);
    // T = floor(unix seconds / period); times before 1970 are an error.
    static Result<std::uint64_t> stepAt(const QDateTime& time, int periodSecs);
    static Result<SecretBytes> codeAt(const SecretBytes& key, const QDateTime& time,
                                      const TotpParams& params = {});

    // code must be exactly params.digits ASCII digits (an error otherwise, without the code).
    static Result<TotpVerdict> verify(const SecretBytes& key, const SecretBytes& code,
                                      const QDateTime& now,
                                      std::optional<std::uint64_t> lastAcceptedStep,
                                      const TotpParams& params = {});

    // A new random secret of the size RFC 6238 uses for the algorithm: 20, 32 or 64 bytes.
    static Result<SecretBytes> generateSecret(HmacAlgorithm algorithm = HmacAlgorithm::Sha1);

    // otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=...&digits=...&period=...
    // (the Key Uri Format understood by authenticator apps), for a QR code at enrolment. Issuer
    // and account are percent-encoded; the secret is unpadded base32. The URI holds the secret,
    // so it is a SecretBytes too.
    static Result<SecretBytes> provisioningUri(const SecretBytes& key, const QString& issuer,
                                               const QString& account,
                                               const TotpParams& params = {});

private:
    static Status checkParams(const TotpParams& params);
};

} // namespace pos
