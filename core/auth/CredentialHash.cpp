#include "auth/CredentialHash.h"

#include "auth/Hmac.h"

#include <QLoggingCategory>
#include <QStringList>
#include <atomic>
#include <bit>
#include <openssl/crypto.h>

Q_LOGGING_CATEGORY(lcAuth, "pos.auth")

namespace pos {

namespace {

std::atomic<std::uint64_t> g_comparisons{0};

QByteArrayView viewOf(const SecretBytes& s)
{
    return QByteArrayView(reinterpret_cast<const char*>(s.data()),
                          static_cast<qsizetype>(s.size()));
}

QString schemeOf(CredentialHash::Kind kind)
{
    return kind == CredentialHash::Kind::Pin ? QStringLiteral("scrypt-pin")
                                             : QStringLiteral("scrypt");
}

constexpr auto Base64Options = QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals;

// Number of code points in well-formed UTF-8, or -1 when it is not well-formed (overlong forms,
// surrogates and values above U+10FFFF included).
qsizetype utf8Length(const unsigned char* s, std::size_t size)
{
    qsizetype count = 0;
    std::size_t i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1;
            cp = c & 0x1fu;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            cp = c & 0x0fu;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            cp = c & 0x07u;
        } else {
            return -1;
        }
        if (size - i <= extra)
            return -1;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                return -1;
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        static constexpr std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return -1;
        i += extra + 1;
        ++count;
    }
    return count;
}

Result<std::uint64_t> parseNumber(QStringView text, std::uint64_t max)
{
    if (text.isEmpty() || text.size() > 6 || (text.size() > 1 && text.front() == u'0'))
        return fail(ErrorCode::InvalidInput, QString());
    std::uint64_t value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return fail(ErrorCode::InvalidInput, QString());
        value = value * 10 + static_cast<std::uint64_t>(c.unicode() - u'0');
    }
    if (value == 0 || value > max)
        return fail(ErrorCode::InvalidInput, QString());
    return value;
}

Result<QByteArray> parseBase64(QStringView text, std::size_t expectedSize)
{
    const QByteArray ascii = text.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(
        ascii, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || static_cast<std::size_t>(decoded.decoded.size()) != expectedSize ||
        decoded.decoded.toBase64(Base64Options) != ascii)
        return fail(ErrorCode::InvalidInput, QString());
    return decoded.decoded;
}

} // namespace

Status CredentialHash::checkPasswordPolicy(const SecretBytes& password)
{
    if (password.size() > static_cast<std::size_t>(MaxPasswordBytes))
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("a password may be at most %1 bytes long").arg(MaxPasswordBytes));
    const qsizetype chars = utf8Length(password.data(), password.size());
    if (chars < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a password must be valid UTF-8 text"));
    if (chars < MinPasswordChars)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("a password needs at least %1 characters").arg(MinPasswordChars));
    return {};
}

Status CredentialHash::checkPinFormat(const SecretBytes& pin)
{
    const bool lengthOk = pin.size() >= static_cast<std::size_t>(MinPinDigits) &&
                          pin.size() <= static_cast<std::size_t>(MaxPinDigits);
    bool digitsOnly = true;
    for (std::size_t i = 0; i < pin.size(); ++i)
        digitsOnly = digitsOnly && pin.data()[i] >= '0' && pin.data()[i] <= '9';
    if (!lengthOk || !digitsOnly)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a PIN is %1 to %2 digits").arg(MinPinDigits).arg(MaxPinDigits));
    return {};
}

Result<SecretBytes> CredentialHash::pepperPin(const SecretBytes& pin, const SecretBytes& pepper)
{
    if (pepper.size() < MinPepperSize)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the PIN pepper must be at least %1 bytes").arg(MinPepperSize));
    return Hmac::compute(HmacAlgorithm::Sha256, pepper, viewOf(pin));
}

Result<QString> CredentialHash::hashPassword(const SecretBytes& password,
                                             const Scrypt::Params& params)
{
    if (auto ok = checkPasswordPolicy(password); !ok)
        return std::unexpected(ok.error());
    return hashWith(Kind::Password, viewOf(password), params);
}

Result<QString> CredentialHash::hashPin(const SecretBytes& pin, const SecretBytes& pepper,
                                        const Scrypt::Params& params)
{
    if (auto ok = checkPinFormat(pin); !ok)
        return std::unexpected(ok.error());
    auto keyed = pepperPin(pin, pepper);
    if (!keyed)
        return std::unexpected(keyed.error());
    return hashWith(Kind::Pin, viewOf(*keyed), params);
}

Result<QString> CredentialHash::hashWith(Kind kind, QByteArrayView input,
                                         const Scrypt::Params& params)
{
    const std::uint64_t n = params.n;
    const bool powerOfTwo = n >= 2 && (n & (n - 1)) == 0;
    const int logN = powerOfTwo ? std::countr_zero(n) : 0;
    if (!powerOfTwo || logN > MaxLogN || params.r == 0 || params.r > MaxR || params.p == 0 ||
        params.p > MaxP)
        return fail(ErrorCode::InvalidInput, QStringLiteral("invalid scrypt parameters"));
    auto salt = SecretBytes::random(SaltSize);
    if (!salt)
        return std::unexpected(salt.error());
    auto hash = Scrypt::derive(input, viewOf(*salt), params, HashSize);
    if (!hash)
        return std::unexpected(hash.error());
    const QByteArray saltText = viewOf(*salt).toByteArray().toBase64(Base64Options);
    const QByteArray hashText = viewOf(*hash).toByteArray().toBase64(Base64Options);
    return QStringLiteral("$%1$ln=%2,r=%3,p=%4$%5$%6")
        .arg(schemeOf(kind))
        .arg(logN)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(saltText), QString::fromLatin1(hashText));
}

Result<CredentialHash::Parsed> CredentialHash::parse(QStringView stored)
{
    const auto malformed = [](const QString& why) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the stored credential hash is not usable: %1").arg(why));
    };
    if (stored.size() > 200)
        return malformed(QStringLiteral("it is too long"));
    const QList<QStringView> parts = stored.split(u'$');
    if (parts.size() != 5 || !parts[0].isEmpty())
        return malformed(QStringLiteral("expected $scheme$parameters$salt$hash"));

    Parsed out;
    if (parts[1] == u"scrypt")
        out.kind = Kind::Password;
    else if (parts[1] == u"scrypt-pin")
        out.kind = Kind::Pin;
    else
        return malformed(QStringLiteral("unknown scheme"));

    bool seenLogN = false, seenR = false, seenP = false;
    for (const QStringView item : parts[2].split(u',')) {
        const qsizetype eq = item.indexOf(u'=');
        const QStringView name = eq < 0 ? item : item.left(eq);
        const QStringView value = eq < 0 ? QStringView() : item.mid(eq + 1);
        bool* seen = name == u"ln"  ? &seenLogN
                     : name == u"r" ? &seenR
                     : name == u"p" ? &seenP
                                    : nullptr;
        if (seen == nullptr)
            return malformed(QStringLiteral("unknown parameter"));
        if (*seen)
            return malformed(QStringLiteral("repeated parameter"));
        *seen = true;
        const std::uint64_t max = seen == &seenLogN ? std::uint64_t{MaxLogN}
                                  : seen == &seenR  ? std::uint64_t{MaxR}
                                                    : std::uint64_t{MaxP};
        auto number = parseNumber(value, max);
        if (!number)
            return malformed(QStringLiteral("parameter out of range"));
        if (seen == &seenLogN)
            out.params.n = std::uint64_t{1} << *number;
        else if (seen == &seenR)
            out.params.r = static_cast<std::uint32_t>(*number);
        else
            out.params.p = static_cast<std::uint32_t>(*number);
    }
    if (!seenLogN || !seenR || !seenP)
        return malformed(QStringLiteral("missing parameter"));

    auto salt = parseBase64(parts[3], SaltSize);
    auto hash = parseBase64(parts[4], HashSize);
    if (!salt || !hash)
        return malformed(QStringLiteral("bad salt or hash encoding"));
    out.salt = *salt;
    out.hash = *hash;
    return out;
}

bool CredentialHash::needsRehash(QStringView stored, const Scrypt::Params& policy)
{
    auto parsed = parse(stored);
    if (!parsed)
        return true;
    const Scrypt::Params& p = parsed->params;
    return p.n < policy.n || p.r < policy.r || p.p < policy.p;
}

bool CredentialHash::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    g_comparisons.fetch_add(1, std::memory_order_relaxed);
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size())) == 0;
}

std::uint64_t CredentialHash::comparisonCount()
{
    return g_comparisons.load(std::memory_order_relaxed);
}

Result<bool> CredentialHash::verifyWith(Kind kind, QByteArrayView input, QStringView stored)
{
    auto parsed = parse(stored);
    if (!parsed) {
        qCWarning(lcAuth) << "refused a malformed stored credential hash";
        return std::unexpected(parsed.error());
    }
    if (parsed->kind != kind)
        return fail(ErrorCode::InvalidInput,
                    kind == Kind::Pin
                        ? QStringLiteral("the stored credential is a password hash, not a PIN")
                        : QStringLiteral("the stored credential is a PIN hash, not a password"));
    auto hash = Scrypt::derive(input, parsed->salt, parsed->params, HashSize);
    if (!hash)
        return std::unexpected(hash.error());
    return constantTimeEquals(viewOf(*hash), parsed->hash);
}

Result<bool> CredentialHash::verifyPassword(const SecretBytes& password, QStringView stored)
{
    if (password.size() > static_cast<std::size_t>(MaxPasswordBytes))
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("a password may be at most %1 bytes long").arg(MaxPasswordBytes));
    return verifyWith(Kind::Password, viewOf(password), stored);
}

Result<bool> CredentialHash::verifyPin(const SecretBytes& pin, const SecretBytes& pepper,
                                       QStringView stored)
{
    auto keyed = pepperPin(pin, pepper);
    if (!keyed)
        return std::unexpected(keyed.error());
    if (!checkPinFormat(pin)) {
        // Cannot match any stored PIN; still parse so a broken record is reported.
        auto parsed = parse(stored);
        if (!parsed)
            return std::unexpected(parsed.error());
        return false;
    }
    return verifyWith(Kind::Pin, viewOf(*keyed), stored);
}

} // namespace pos
