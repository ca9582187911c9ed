#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"

#include <QString>

namespace pos {

class AuthService;
class Database;
class Clock;
class IdSource;

// What the first-run wizard collects. No defaults for any secret (AUTH-1: no default passwords).
struct SetupRequest {
    QString companyName;
    QString storeName;
    QString registerName;
    QString currency; // ISO 4217
    QString ownerName;
    QString ownerCode;         // the owner's user code at the lock screen (2-8 digits)
    SecretBytes ownerPassword; // checked against CredentialHash::checkPasswordPolicy
    SecretBytes totpSecret;    // from SetupService::newTotpSecret, shown to the owner as QR/text
    SecretBytes totpCode;      // the code the owner's app shows now: proves the enrolment
};

// First run: company, store, this register and the owner account, in one transaction, then the
// owner is signed in. A store from before staff existed (settings but no users) keeps its
// register id and names as defaults. Refused (Conflict) once any user exists.
class SetupService {
public:
    SetupService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids);

    // true when the store has at least one user (then the lock screen, not the wizard, starts).
    Result<bool> isSetUp();
    static Result<SecretBytes> newTotpSecret();
    // otpauth:// URI for the QR code and the base32 text shown beside it.
    static QString provisioningUri(const SecretBytes& secret, const QString& companyName,
                                   const QString& ownerCode);
    static QString secretText(const SecretBytes& secret);

    // What the wizard can show before anyone types: the store and register names and currency of
    // a store from before staff existed (empty fields for a new store). Never any secret.
    Result<SetupRequest> defaults();

    // Validates everything first (InvalidInput and nothing written), then writes company, store,
    // this register (its RegisterSettings too), the owner and the owner's session in one
    // transaction. Conflict when any user exists.
    Result<Session> run(const SetupRequest& request);

private:
    Database& m_db;
    AuthService& m_auth;
    const Clock& m_clock;
    IdSource& m_ids;
};

} // namespace pos
