#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QString>

namespace pos {

class Database;
class KeyStore;

// ENC-5: the field key, a 256-bit key of its own in the key store (never the database key), one
// per store file ("vault-field-key-<hash of path>", like the store key and the PIN pepper). It
// seals, field by field with AES-256-GCM, the integration credentials (CredentialVault) and the
// owners' authenticator secrets (TotpSeal). Only the entry's name and the key store's description
// ever reach a message or the log, never key bytes.
class FieldKey {
public:
    static QString nameFor(const QString& storePath);

    // The key as stored. ErrorCode::NotFound when the key store holds no entry of that name,
    // WrongKeyOrDamaged when the entry is not a 256-bit key; other key store errors as they are.
    static Result<SecretBytes> read(KeyStore& keys, const QString& name);

    // read(), or on first use a new random key, written and read back before it is returned (so
    // nothing is ever sealed with a key the key store did not keep). A missing key is made only
    // while nothing in db is sealed yet: with sealed values stored, a new key would leave them
    // sealed under a key nobody has, so that is refused (NotFound) instead.
    static Result<SecretBytes> readOrCreate(KeyStore& keys, const QString& name, Database& db);

    // How many values in db are sealed with the field key: integration credentials and sealed
    // authenticator secrets.
    static Result<qint64> sealedCount(Database& db);
};

} // namespace pos
