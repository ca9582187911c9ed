#include "staff/AuthService.h"

#include "auth/CredentialHash.h"
#include "store/Database.h"
#include "store/KeyStore.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

constexpr std::size_t PepperSize = 32;

SecretBytes copyOf(const SecretBytes& s)
{
    return SecretBytes(s.data(), s.size());
}

std::unexpected<Error> notYet()
{
    return fail(ErrorCode::Internal, QStringLiteral("not implemented yet"));
}

} // namespace

AuthService::AuthService(Database& db, KeyStore& keys, QString pepperKeyName, const Clock& clock,
                         IdSource& ids, QString registerId, Options options)
    : m_db(db), m_keys(keys), m_pepperKeyName(std::move(pepperKeyName)), m_clock(clock), m_ids(ids),
      m_registerId(std::move(registerId)), m_options(std::move(options)),
      m_lockout(clock, m_options.lockout), m_signInLimiter(clock, m_options.signInLimit),
      m_approvalLimiter(clock, m_options.approvalLimit)
{}

AuthService::AuthService(Database& db, KeyStore& keys, QString pepperKeyName, const Clock& clock,
                         IdSource& ids, QString registerId)
    : AuthService(db, keys, std::move(pepperKeyName), clock, ids, std::move(registerId), Options{})
{}

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
            return fail(ErrorCode::Keychain,
                        QStringLiteral("%1 did not keep the PIN pepper that was just stored")
                            .arg(m_keys.describe()));
        qCInfo(lcAuth) << "made a new PIN pepper in" << m_keys.describe();
    }
    if (!stored)
        return std::unexpected(stored.error());
    if (stored->size() < CredentialHash::MinPepperSize)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("the PIN pepper in %1 is too short").arg(m_keys.describe()));
    m_pepper = copyOf(*stored);
    return std::move(*stored);
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

// ---- not implemented yet (next commits) ----

Result<QList<StaffTile>> AuthService::tiles()
{
    return notYet();
}

Result<Session> AuthService::signIn(QStringView, const SecretBytes&, const SecretBytes&)
{
    return notYet();
}

Status AuthService::unlock(const Session&, const SecretBytes&, const SecretBytes&)
{
    return notYet();
}

Result<VerifiedUser> AuthService::verifyApprover(QStringView, const SecretBytes&,
                                                 const SecretBytes&)
{
    return notYet();
}

Status AuthService::signOut(const Session&, const QString&)
{
    return notYet();
}

Status AuthService::switchedAway(const Session&)
{
    return notYet();
}

Status AuthService::changePassword(const Session&, const SecretBytes&, const SecretBytes&)
{
    return notYet();
}

Status AuthService::changePin(const Session&, const SecretBytes&, const SecretBytes&)
{
    return notYet();
}

Result<int> AuthService::idleLockSeconds()
{
    return notYet();
}

Status AuthService::setIdleLockSeconds(const Session&, int)
{
    return notYet();
}

} // namespace pos
