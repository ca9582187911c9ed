#include "auth/Totp.h"

#include "auth/Base32.h"

#include <QUrl>

namespace pos {

namespace {

QByteArrayView viewOf(const SecretBytes& s)
{
    return QByteArrayView(reinterpret_cast<const char*>(s.data()),
                          static_cast<qsizetype>(s.size()));
}

QByteArray algorithmName(HmacAlgorithm algorithm)
{
    switch (algorithm) {
    case HmacAlgorithm::Sha1:
        return QByteArrayLiteral("SHA1");
    case HmacAlgorithm::Sha256:
        return QByteArrayLiteral("SHA256");
    case HmacAlgorithm::Sha512:
        return QByteArrayLiteral("SHA512");
    }
    return QByteArrayLiteral("SHA1");
}

} // namespace

Status Totp::checkParams(const TotpParams& params)
{
    if (params.digits != 6 && params.digits != 8)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a TOTP code has 6 or 8 digits"));
    if (params.periodSecs < 1 || params.periodSecs > 300)
        return fail(ErrorCode::InvalidInput, QStringLiteral("invalid TOTP time step"));
    if (params.window < 0 || params.window > MaxWindow)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a TOTP window is 0 to %1 steps").arg(MaxWindow));
    return {};
}

Result<SecretBytes> Totp::hotp(const SecretBytes& key, std::uint64_t counter,
                               HmacAlgorithm algorithm, int digits)
{
    if (digits != 6 && digits != 8)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a TOTP code has 6 or 8 digits"));
    char message[8];
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<char>(counter & 0xffu);
        counter >>= 8;
    }
    auto mac = Hmac::compute(algorithm, key, QByteArrayView(message, 8));
    if (!mac)
        return std::unexpected(mac.error());
    // Dynamic truncation (RFC 4226 section 5.3).
    const unsigned char* h = mac->data();
    const std::size_t offset = h[mac->size() - 1] & 0x0fu;
    std::uint32_t binary = (std::uint32_t{h[offset]} & 0x7fu) << 24 |
                           std::uint32_t{h[offset + 1]} << 16 | std::uint32_t{h[offset + 2]} << 8 |
                           std::uint32_t{h[offset + 3]};
    SecretBytes code(static_cast<std::size_t>(digits));
    for (int i = digits - 1; i >= 0; --i) {
        code.data()[i] = static_cast<unsigned char>('0' + binary % 10);
        binary /= 10;
    }
    return code;
}

Result<std::uint64_t> Totp::stepAt(const QDateTime& time, int periodSecs)
{
    if (!time.isValid() || periodSecs < 1)
        return fail(ErrorCode::InvalidInput, QStringLiteral("invalid time for a TOTP code"));
    const qint64 seconds = time.toSecsSinceEpoch();
    if (seconds < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a TOTP time is after 1970"));
    return static_cast<std::uint64_t>(seconds) / static_cast<std::uint64_t>(periodSecs);
}

Result<SecretBytes> Totp::codeAt(const SecretBytes& key, const QDateTime& time,
                                 const TotpParams& params)
{
    if (auto ok = checkParams(params); !ok)
        return std::unexpected(ok.error());
    auto step = stepAt(time, params.periodSecs);
    if (!step)
        return std::unexpected(step.error());
    return hotp(key, *step, params.algorithm, params.digits);
}

Result<TotpVerdict> Totp::verify(const SecretBytes& key, const SecretBytes& code,
                                 const QDateTime& now,
                                 std::optional<std::uint64_t> lastAcceptedStep,
                                 const TotpParams& params)
{
    if (auto ok = checkParams(params); !ok)
        return std::unexpected(ok.error());
    bool wellFormed = code.size() == static_cast<std::size_t>(params.digits);
    for (std::size_t i = 0; i < code.size(); ++i)
        wellFormed = wellFormed && code.data()[i] >= '0' && code.data()[i] <= '9';
    if (!wellFormed)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a sign-in code is %1 digits").arg(params.digits));
    auto current = stepAt(now, params.periodSecs);
    if (!current)
        return std::unexpected(current.error());

    const auto window = static_cast<std::uint64_t>(params.window);
    const std::uint64_t first = *current >= window ? *current - window : 0;
    const std::uint64_t last = *current + window;
    std::optional<std::uint64_t> accepted;
    bool replayed = false;
    // Every step is computed and compared; no early exit on a match.
    for (std::uint64_t step = first; step <= last; ++step) {
        auto candidate = hotp(key, step, params.algorithm, params.digits);
        if (!candidate)
            return std::unexpected(candidate.error());
        const bool match = candidate->equals(code); // CRYPTO_memcmp; same length by now
        const bool used = lastAcceptedStep && step <= *lastAcceptedStep;
        if (match && used)
            replayed = true;
        else if (match)
            accepted = step;
    }
    if (accepted)
        return TotpVerdict{TotpOutcome::Accepted, *accepted};
    return TotpVerdict{replayed ? TotpOutcome::Replayed : TotpOutcome::Rejected, 0};
}

Result<SecretBytes> Totp::generateSecret(HmacAlgorithm algorithm)
{
    return SecretBytes::random(Hmac::outputSize(algorithm));
}

Result<SecretBytes> Totp::provisioningUri(const SecretBytes& key, const QString& issuer,
                                          const QString& account, const TotpParams& params)
{
    if (auto ok = checkParams(params); !ok)
        return std::unexpected(ok.error());
    if (key.isEmpty() || issuer.trimmed().isEmpty() || account.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a TOTP enrolment needs a secret, an issuer and an account"));
    const QByteArray issuerEncoded = QUrl::toPercentEncoding(issuer);
    const QByteArray accountEncoded = QUrl::toPercentEncoding(account);
    const SecretBytes secret = Base32::encode(key);
    QByteArray uri;
    uri.reserve(256 + static_cast<qsizetype>(secret.size()));
    uri += "otpauth://totp/" + issuerEncoded + ':' + accountEncoded + "?secret=";
    uri += viewOf(secret);
    uri += "&issuer=" + issuerEncoded + "&algorithm=" + algorithmName(params.algorithm) +
           "&digits=" + QByteArray::number(params.digits) +
           "&period=" + QByteArray::number(params.periodSecs);
    return SecretBytes::takeFrom(uri);
}

} // namespace pos
