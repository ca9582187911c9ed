#include "vault/FieldKey.h"

#include "auth/TotpSeal.h"
#include "crypto/Aead.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/StoreFile.h"

#include <QLoggingCategory>

// Key names only: never key bytes.
Q_LOGGING_CATEGORY(lcFieldKey, "pos.vault.fieldkey")

namespace pos {

QString FieldKey::nameFor(const QString& storePath)
{
    QString name = StoreFile::keyNameFor(storePath);
    name.replace(QStringLiteral("store-key-"), QStringLiteral("vault-field-key-"));
    return name;
}

Result<SecretBytes> FieldKey::read(KeyStore& keys, const QString& name)
{
    auto key = keys.read(name);
    if (!key) {
        if (key.error().code != ErrorCode::NotFound)
            return key;
        return fail(ErrorCode::NotFound,
                    QStringLiteral("%1 holds no field key (%2), the key that seals the "
                                   "integration credentials and the owners' authenticator "
                                   "secrets, so what it sealed cannot be opened. Put the key back "
                                   "into %1. Nothing was changed.")
                        .arg(keys.describe(), name));
    }
    if (key->size() != Aead::KeySize)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("The field key in %1 (%2) is not a 256-bit key. Nothing was "
                                   "changed.")
                        .arg(keys.describe(), name));
    return key;
}

Result<qint64> FieldKey::sealedCount(Database& db)
{
    auto credentials = db.scalar("SELECT count(*) FROM integration_credentials");
    if (!credentials)
        return std::unexpected(credentials.error());
    auto q = db.query("SELECT count(*) FROM users WHERE substr(totp_secret, 1, ?1) = ?2");
    if (!q)
        return std::unexpected(q.error());
    const QByteArray marker = TotpSeal::marker();
    q->bind(1, static_cast<qint64>(marker.size())).bind(2, marker);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    return *credentials + (*row ? q->int64(0) : 0);
}

Result<SecretBytes> FieldKey::readOrCreate(KeyStore& keys, const QString& name, Database& db)
{
    auto key = read(keys, name);
    if (key || key.error().code != ErrorCode::NotFound)
        return key;
    auto sealed = sealedCount(db);
    if (!sealed)
        return std::unexpected(sealed.error());
    if (*sealed > 0)
        return key; // "holds no field key ... Put the key back": a new one would open nothing

    // First use: a new key, written and read back before anything is sealed with it.
    auto fresh = SecretBytes::random(Aead::KeySize);
    if (!fresh)
        return std::unexpected(fresh.error());
    if (auto s = keys.write(name, *fresh); !s)
        return std::unexpected(s.error());
    auto back = keys.read(name);
    if (!back)
        return std::unexpected(back.error());
    if (!back->equals(*fresh))
        return fail(ErrorCode::Keychain,
                    QStringLiteral("%1 did not keep the new field key (%2); nothing was sealed "
                                   "with it.")
                        .arg(keys.describe(), name));
    qCInfo(lcFieldKey, "made the field key %s in %s", qPrintable(name),
           qPrintable(keys.describe()));
    return back;
}

} // namespace pos
