#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QString>

namespace pos::server {

class PgConnection;

// A company's secrets that every register of it shares (schema V2.sql): for now its PIN pepper,
// so that a PIN hash made on one register or desktop verifies on every register that pulls the
// user (core/auth/CredentialHash keys PIN hashes with a pepper). Stored sealed with AES-256-GCM
// (core/crypto/Aead) under the key WitnessKey::secretsKey derives from the witness key file, the
// company id bound as associated data, so the database alone holds no pepper and one company's
// sealed value is useless under another's id. Nothing here logs or returns key bytes in a message.
class CompanySecrets {
public:
    static constexpr std::size_t PepperSize = 32;

    // The company's PIN pepper, made (32 random bytes) and stored the first time it is asked
    // for. Inside the caller's transaction with the tenant set to `companyId` (RLS); two
    // enrolments at once get the same pepper (the second insert does nothing, both read the
    // one stored). A stored value that does not open with `key` is ErrorCode::WrongKeyOrDamaged.
    static Result<SecretBytes> pinPepper(PgConnection& pg, const SecretBytes& key,
                                         const QString& companyId);
};

} // namespace pos::server
