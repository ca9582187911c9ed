// AuthService and ENC-5: the owners' authenticator secrets sealed in users.totp_secret with the
// field key (TotpSeal, FieldKey), and opened only when a sign-in code is checked.
#include "auth/TotpSeal.h"
#include "staff/AuthService.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "vault/FieldKey.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuthService", text);
}

// Whether key opens the sealed authenticator secret of any user but exceptId: a key that opens
// none of them is not the key they were sealed with.
Result<bool> keyOpensAnyTotp(Database& db, const SecretBytes& key, qint64 exceptId)
{
    auto q = db.query("SELECT uuid, totp_secret FROM users WHERE id <> ?1 AND "
                      "substr(totp_secret, 1, ?2) = ?3");
    if (!q)
        return std::unexpected(q.error());
    const QByteArray marker = TotpSeal::marker();
    q->bind(1, exceptId).bind(2, static_cast<qint64>(marker.size())).bind(3, marker);
    bool opens = false;
    auto s = q->forEach([&] {
        if (!opens)
            opens = TotpSeal::open(key, q->text(0), q->blob(1)).has_value(); // wiped at once
    });
    if (!s)
        return std::unexpected(s.error());
    return opens;
}

Result<bool> anySealedTotp(Database& db, qint64 exceptId)
{
    auto q = db.query("SELECT EXISTS (SELECT 1 FROM users WHERE id <> ?1 AND "
                      "substr(totp_secret, 1, ?2) = ?3)");
    if (!q)
        return std::unexpected(q.error());
    const QByteArray marker = TotpSeal::marker();
    q->bind(1, exceptId).bind(2, static_cast<qint64>(marker.size())).bind(3, marker);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    return *row && q->int64(0) != 0;
}

} // namespace

Result<QByteArray> AuthService::sealTotpSecret(const QString& userUuid, const SecretBytes& secret)
{
    auto key = FieldKey::readOrCreate(m_keys, FieldKey::nameFor(m_db.path()), m_db);
    if (!key)
        return std::unexpected(key.error());
    // A key that opens none of the secrets already sealed is not their key: sealing with it
    // would leave secrets no single key opens.
    auto others = anySealedTotp(m_db, 0);
    if (!others)
        return std::unexpected(others.error());
    if (*others) {
        auto opens = keyOpensAnyTotp(m_db, *key, 0);
        if (!opens)
            return std::unexpected(opens.error());
        if (!*opens)
            return fail(ErrorCode::WrongKeyOrDamaged,
                        tr("The field key in %1 does not open the authenticator secrets already "
                           "stored: it is not the key they were sealed with. Nothing was "
                           "changed.")
                            .arg(m_keys.describe()));
    }
    return TotpSeal::seal(*key, userUuid, secret);
}

Result<SecretBytes> AuthService::openTotpSecret(const Account& account)
{
    const QByteArray& stored = account.totpSecret;
    if (!TotpSeal::isSealed(stored)) // from before ENC-5: sealed after its next accepted code
        return SecretBytes(reinterpret_cast<const unsigned char*>(stored.constData()),
                           static_cast<std::size_t>(stored.size()));
    auto key = FieldKey::read(m_keys, FieldKey::nameFor(m_db.path()));
    if (!key)
        return std::unexpected(
            Error{key.error().code,
                  tr("The sign-in code cannot be checked. %1").arg(key.error().message)});
    auto secret = TotpSeal::open(*key, account.uuid, stored);
    if (secret)
        return secret;
    auto others = keyOpensAnyTotp(m_db, *key, account.id);
    if (!others)
        return std::unexpected(others.error());
    if (*others)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    tr("The authenticator secret stored for %1 does not open: it is damaged or "
                       "was not sealed for this account, so the sign-in code cannot be checked. "
                       "Nothing was changed; the authenticator app has to be enrolled again for "
                       "this account.")
                        .arg(account.name));
    return fail(ErrorCode::WrongKeyOrDamaged,
                tr("The field key in %1 does not open the authenticator secret of %2: it is not "
                   "the key the secret was sealed with (or the secret is damaged), so the "
                   "sign-in code cannot be checked. Put the right key back into %1. Nothing was "
                   "changed.")
                    .arg(m_keys.describe(), account.name));
}

// After an accepted code: a raw secret from before sealing is sealed now. Without the field key at
// hand it stays as it is (the code was right) and is sealed at a later success.
Status AuthService::sealLegacyTotpSecret(const Account& account)
{
    const QByteArray& raw = account.totpSecret;
    if (raw.isEmpty() || TotpSeal::isSealed(raw))
        return {};
    const SecretBytes secret(reinterpret_cast<const unsigned char*>(raw.constData()),
                             static_cast<std::size_t>(raw.size()));
    auto sealed = sealTotpSecret(account.uuid, secret);
    if (!sealed) {
        qCWarning(lcAuth) << "could not seal user" << account.id
                          << "authenticator secret now; it stays as it is:"
                          << sealed.error().message;
        return {};
    }
    auto q = m_db.query("UPDATE users SET totp_secret = ?1 WHERE id = ?2 AND totp_secret = ?3");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, *sealed).bind(2, account.id).bind(3, raw);
    if (auto s = q->run(); !s)
        return s;
    qCInfo(lcAuth) << "sealed user" << account.id << "authenticator secret with the field key";
    return {};
}

} // namespace pos
