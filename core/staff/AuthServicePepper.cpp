#include "staff/AuthService.h"

#include "auth/CredentialHash.h"
#include "store/KeyStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

// AuthService's PIN pepper and hashing (AUTH-1): the pepper made on first use, the company's
// pepper adopted at enrolment with the register's own kept beside it, and new hashes.

namespace pos {

namespace {

constexpr std::size_t PepperSize = 32;

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuthService", text);
}

SecretBytes copyOf(const SecretBytes& s)
{
    return SecretBytes(s.data(), s.size());
}

} // namespace

Result<SecretBytes> AuthService::pepper()
{
    if (!m_pepper.isEmpty())
        return copyOf(m_pepper);
    auto stored = m_keys.read(m_pepperKeyName);
    if (!stored && stored.error().code == ErrorCode::NotFound) {
        // First use on this register: make one, store it, and read it back so that a key store
        // that silently drops writes is found now rather than after PINs were hashed with it.
        auto fresh = SecretBytes::random(PepperSize);
        if (!fresh)
            return std::unexpected(fresh.error());
        if (auto w = m_keys.write(m_pepperKeyName, *fresh); !w)
            return std::unexpected(w.error());
        stored = m_keys.read(m_pepperKeyName);
        if (stored && !stored->equals(*fresh))
            return fail(
                ErrorCode::Keychain,
                tr("%1 did not keep the PIN pepper that was just stored.").arg(m_keys.describe()));
        qCInfo(lcAuth) << "made a new PIN pepper in" << m_keys.describe();
    }
    if (!stored)
        return std::unexpected(stored.error());
    if (stored->size() < CredentialHash::MinPepperSize)
        return fail(ErrorCode::Corrupt,
                    tr("The PIN pepper in %1 is too short.").arg(m_keys.describe()));
    m_pepper = copyOf(*stored);
    return std::move(*stored);
}

Status AuthService::adoptCompanyPepper(const SecretBytes& companyPepper)
{
    if (companyPepper.size() < CredentialHash::MinPepperSize)
        return fail(ErrorCode::InvalidInput, tr("The company's PIN pepper is too short."));
    auto current = m_keys.read(m_pepperKeyName);
    if (!current && current.error().code != ErrorCode::NotFound)
        return std::unexpected(current.error());
    if (current && current->equals(companyPepper))
        return {};
    if (current) {
        auto kept = m_keys.read(previousPepperName());
        if (!kept && kept.error().code != ErrorCode::NotFound)
            return std::unexpected(kept.error());
        if (!kept) {
            // Kept first and read back, so no PIN hashed with it is ever left without it.
            if (auto w = m_keys.write(previousPepperName(), *current); !w)
                return std::unexpected(w.error());
            auto back = m_keys.read(previousPepperName());
            if (!back || !back->equals(*current))
                return fail(ErrorCode::Keychain, tr("%1 did not keep this register's own PIN "
                                                    "pepper.")
                                                     .arg(m_keys.describe()));
        }
    }
    if (auto w = m_keys.write(m_pepperKeyName, companyPepper); !w)
        return std::unexpected(w.error());
    auto back = m_keys.read(m_pepperKeyName);
    if (!back || !back->equals(companyPepper))
        return fail(ErrorCode::Keychain,
                    tr("%1 did not keep the company's PIN pepper.").arg(m_keys.describe()));
    m_pepper = copyOf(companyPepper);
    qCInfo(lcAuth) << "PIN hashes are keyed with the company's pepper from now on";
    return {};
}

Result<bool> AuthService::verifyPin(const SecretBytes& pin, const QString& stored,
                                    bool& underPreviousPepper)
{
    underPreviousPepper = false;
    auto pep = pepper();
    if (!pep)
        return std::unexpected(pep.error());
    // An error (a malformed PIN, say) cannot be a match.
    if (CredentialHash::verifyPin(pin, *pep, stored).value_or(false))
        return true;
    // A PIN hashed before this register adopted its company's pepper.
    auto previous = m_keys.read(previousPepperName());
    if (!previous && previous.error().code != ErrorCode::NotFound)
        return std::unexpected(previous.error());
    if (!previous)
        return false;
    underPreviousPepper = CredentialHash::verifyPin(pin, *previous, stored).value_or(false);
    return underPreviousPepper;
}

Result<QString> AuthService::hashPin(const SecretBytes& pin)
{
    if (auto ok = CredentialHash::checkPinFormat(pin); !ok)
        return std::unexpected(ok.error());
    auto pep = pepper();
    if (!pep)
        return std::unexpected(pep.error());
    return CredentialHash::hashPin(pin, *pep, m_options.hashParams);
}

Result<QString> AuthService::hashPassword(const SecretBytes& password)
{
    return CredentialHash::hashPassword(password, m_options.hashParams);
}

} // namespace pos
