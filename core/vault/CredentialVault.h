#pragma once

#include "Clock.h"
#include "Error.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace pos {

class AccessControl;
class Database;
class KeyStore;

// What the owner's screen shows of one field: whether it is set, when and by whom, and a masked
// form. Never the value: a secret field shows only bullets; a non-secret one (a host name, a shop
// URL) at most its last 4 characters and never more than half of it.
struct CredentialFieldState {
    QString field; // "api_key"
    QString label; // "API key"
    bool secret = true;
    bool isSet = false;
    QDateTime setAt; // UTC
    qint64 setById = 0;
    QString setBy;  // the staff member's name
    QString masked; // "••••••••", "••••.com"; empty when not set
    // A non-secret field whose stored value did not open for its masked tail (wrong field key or
    // a damaged value). Secret fields are not opened to show the list, so this stays false.
    bool unreadable = false;
};

struct IntegrationState {
    QString name;  // "payment"
    QString label; // "Payment processor"
    QList<CredentialFieldState> fields;
};

// ENC-5: the integration credentials (Integrations::all()), each field sealed on its own with
// AES-256-GCM under the vault's field key: a 256-bit key of its own in the key store (never the
// database key), made on the first set() and written and read back before it seals anything.
// Each sealed value is bound (AAD) to its company, integration and field, so a sealed value
// moved to another field or another company does not open. Values are decrypted only inside
// use(), for its callback, and wiped when it returns.
//
// Every operation needs integrations.manage (owners), checked through AccessControl before
// anything is read. Every change writes its audit row ("vault.set", "vault.cleared", entity
// "integration:<name>/<field>", before/after saying only whether it is set and by whom) in the
// transaction of the change; a use() by a person writes "vault.used" before the value is handed
// over (no audit row, no value). A wrong field key or a damaged sealed value is refused with a
// clear error (ErrorCode::WrongKeyOrDamaged, NotFound for a missing key) and nothing is changed.
class CredentialVault {
public:
    using UseFn = std::function<Status(const SecretBytes& value)>;

    CredentialVault(Database& db, AccessControl& access, KeyStore& keys, QString fieldKeyName,
                    const Clock& clock);

    // The key store entry of the field key for a store file: "vault-field-key-<hash of path>",
    // one per store file like the store key and the PIN pepper.
    static QString fieldKeyNameFor(const QString& storePath);
    // "integration:payment/api_key"
    static QString entityFor(const QString& integration, const QString& field);
    // The additional authenticated data a field's value is sealed with.
    static QByteArray aadFor(const QString& companyId, const QString& integration,
                             const QString& field);

    Result<QList<IntegrationState>> list(const Session& session);
    Status set(const Session& session, const QString& integration, const QString& field,
               const SecretBytes& value);
    Status clear(const Session& session, const QString& integration, const QString& field);
    // Opens the value and hands it to fn; the plaintext is wiped when fn returns. fn's own
    // failure is returned as it is (the audit row is written before fn runs).
    Status use(const Session& session, const QString& integration, const QString& field,
               const UseFn& fn);

private:
    struct Sealed {
        QByteArray sealed;
        qint64 setById = 0;
    };
    Result<SecretBytes> fieldKey(bool createIfMissing);
    Result<QString> companyOf(const Session& session);
    Result<std::optional<Sealed>> stored(const QString& integration, const QString& field);
    Result<bool> keyOpensAnyStored(const SecretBytes& key, const QString& company);
    Error notOpened(const SecretBytes& key, const QString& company, const QString& what);

    Database& m_db;
    AccessControl& m_access;
    KeyStore& m_keys;
    QString m_keyName;
    const Clock& m_clock;
};

} // namespace pos
