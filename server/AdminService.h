#pragma once

#include "Error.h"
#include "PgConnection.h"
#include "crypto/Scrypt.h"
#include "crypto/SecretBytes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pos::server {

// The operator's work on the sync server's database (`pos-syncd admin`, AdminCommands.h), callable
// from tests. Tenant work runs under the same row-level security as the server: every
// transaction does `SET LOCAL ROLE pos_owner` (never BYPASSRLS) and setTenant() for the company
// (and the stores it writes) first, so the admin sees one company at a time and a company or
// store id of another company finds nothing. Every refusal is checked before anything is
// written, or rolls the whole transaction back: a refused call writes nothing.
//
// What registers pull later is appended to pos.change_log in the same transaction
// (docs/sync.md, "What the admin writes to change_log"): `store` for a new store, `user` and
// `user_stores` for a new user, one row per store the user works in (so a register only sees the
// staff of its own store), and the same for every owner when a store is added (owners work in
// every store of their company).
//
// Errors carry ids and names only, never a password or an enrolment code.
class AdminService {
public:
    explicit AdminService(PgConnection& pg);

    // Tests lower the scrypt parameters; the command uses CredentialHash's policy.
    void setHashParams(const Scrypt::Params& params) { m_hashParams = params; }

    // --- roles (a superuser connection; AdminServiceRoles.cpp) ---
    struct RoleReport {
        QStringList lines; // "role pos_owner created" / "role pos_app exists" / ...
    };
    // Creates the NOLOGIN roles pos_owner (may create the schema in this database) and pos_app
    // when missing, and the server's LOGIN role `login` granted pos_app with this password (sent
    // as a SCRAM verifier computed here, never as text). An existing `login` gets the new
    // password; it is refused when it is a superuser, has BYPASSRLS or CREATEROLE, may act as
    // pos_owner or owns any object. pos_owner and pos_app are refused when they can log in, are
    // superusers or have BYPASSRLS. One transaction.
    Result<RoleReport> initRoles(const QString& login, const SecretBytes& password);

    // --- tenants ---
    Result<QString> createCompany(const QString& name);
    Result<QString> createStore(const QString& companyId, const QString& name);

    struct NewUser {
        QString companyId;
        QString code; // 2 to 8 digits, unique in the company (as on the register)
        QString name;
        QString role;         // owner, manager, cashier, auditor
        QStringList storeIds; // required except for owners (who get every store; none allowed)
    };
    struct CreatedUser {
        QString id;
        QStringList storeIds; // the stores the user now works in
    };
    // The password is hashed with core/auth/CredentialHash (scrypt, the register's format) and
    // must meet its policy (12 characters or more). Only the hash is stored.
    Result<CreatedUser> createUser(const NewUser& user, const SecretBytes& password);

    struct EnrolmentCode {
        QString code;      // shown once, "XXXX-XXXX-XXXX-XXXX"; only its SHA-256 is stored
        QString expiresAt; // ISO 8601 UTC
        QString storeName;
    };
    // hours: 1 to 168.
    Result<EnrolmentCode> createEnrolmentCode(const QString& companyId, const QString& storeId,
                                              int hours);

    struct Device {
        QString id;
        QString storeId;
        QString name;
        QString enrolledAt; // ISO 8601 UTC
        QString revokedAt;  // empty when not revoked
        QString revokedReason;
    };
    // storeId empty: every store of the company.
    Result<QList<Device>> devices(const QString& companyId, const QString& storeId = {});
    // Sets revoked_at (and the reason) and drops the register's user tokens. Refused when the
    // device is unknown in this company or already revoked. Returns revoked_at.
    Result<QString> revokeDevice(const QString& companyId, const QString& deviceId,
                                 const QString& reason);

    static constexpr int MaxNameChars = 200;
    static constexpr int MaxReasonChars = 500;
    static constexpr int MaxCodeHours = 168;

private:
    // BEGIN; SET LOCAL ROLE pos_owner; setTenant(). Rolls back on failure.
    Status beginTenant(const QString& companyId, const QStringList& storeIds);
    // The company's name, NotFound when this company id finds none. Inside beginTenant.
    Result<QString> companyName(const QString& companyId);
    Status appendChange(const QString& storeId, const QString& kind, const QString& entityId,
                        qint64 version);

    PgConnection& m_pg;
    Scrypt::Params m_hashParams{};
};

} // namespace pos::server
