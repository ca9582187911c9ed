#pragma once

#include "Clock.h"
#include "Error.h"
#include "crypto/SecretBytes.h"
#include "staff/AccessChangeLog.h"
#include "staff/AccessControl.h"
#include "staff/Permission.h"
#include "staff/Session.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace pos {

class AuthService;
class Database;

// A staff member as the staff screen shows them: no hash, no secret, only whether each kind of
// credential is set.
struct StaffMember {
    qint64 id = 0;
    QString code;
    QString name;
    Role role = Role::Cashier;
    bool active = true;
    QList<qint64> storeIds; // sorted; empty for owners (they work in every store)
    QStringList storeNames; // same order
    qint64 discountLimitPpm = 0;
    bool hasPin = false;
    bool hasPassword = false;
    bool hasTotp = false;
    // The acting session may change this account (role rank, stores, not oneself). For the UI
    // to enable its buttons; every change checks again.
    bool manageable = false;
};

struct StoreRef {
    qint64 id = 0;
    QString name;
};

// What the acting session may do on the staff screens, for the UI to hide what core refuses.
struct StaffScope {
    qint64 actorId = 0;
    Role actorRole = Role::Cashier;
    PermissionSet permissions;  // effective in the session's store
    QList<Role> grantableRoles; // roles the session may create or give (empty: none)
    QList<StoreRef> stores;     // stores the session may assign (owners: every store)
    qint64 maxDiscountLimitPpm = 0;
    QString companyName; // for an owner's authenticator enrolment
};

// A new account. Credentials by role (AUTH-1/2): cashiers need a PIN; managers and auditors a
// password; owners a password and TOTP enrolment (the secret shown to them and the code their
// app shows now). A PIN is optional for everyone else (managers approve at the counter with it);
// a password is optional for cashiers (it lets them be given another role later).
struct NewStaff {
    QString name;
    QString code; // the user code at the lock screen: 2 to 8 digits, unique
    Role role = Role::Cashier;
    QList<qint64> storeIds; // at least one, except for owners (none: they work in every store)
    qint64 discountLimitPpm = 100000;
    SecretBytes pin;
    SecretBytes password;
    SecretBytes totpSecret;
    SecretBytes totpCode;
};

enum class OverrideState { Inherit, Allow, Deny };

struct RoleOverride {
    Role role = Role::Cashier;
    Permission permission = Permission::SaleCreate;
    bool allowed = false;
};

// RBAC-4: the one guarded path for every change to staff accounts, their roles, stores, discount
// limits and credentials, and to the per-store role overrides.
//
// Rules (checked in core, inside the change's transaction, before anything is written):
// - users.manage is needed for staff changes (assignStores also needs stores.assign;
//   setRoleOverride needs roles.manage).
// - Owners manage everyone in their company. Anyone else manages only accounts ranked below
//   their own role (a manager: cashiers and auditors) whose every store is one of their own, and
//   gives only roles ranked below their own, stores they hold and a discount limit up to theirs.
// - Nobody changes their own account here (role, stores, activity, limit, credentials: their
//   own PIN and password they change through AuthService, which asks for the current one).
// - The last active owner of the company can be neither deactivated nor given another role.
// - A role can only be given to someone who has its sign-in credential (a cashier needs a PIN,
//   everyone else a password, an owner TOTP too).
//
// Every change writes, in the same transaction, an access_changes row with the actor, the target,
// the store, the kind and before/after JSON that never holds a hash or secret (a credential reset
// records only that it happened). undo() applies a change's before-state back through the same
// checks and records a new row naming the undone one; each change can be undone once. A credential
// reset cannot be undone: the old hash is not kept.
//
// Errors: PermissionDenied (a rule above, in plain words), Unauthenticated, NotFound, Conflict
// (code taken, already undone, changed again since), InvalidInput (bad name, code, PIN, password,
// TOTP code, limit or store list). A refused change writes nothing.
class StaffService {
public:
    StaffService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids);

    // Needs only a live session: a cashier gets a scope with nothing in it.
    Result<StaffScope> scope(const Session& session);
    // Owners: every account of the company; others with users.manage: the accounts that share a
    // store with them. Sorted by name.
    Result<QList<StaffMember>> list(const Session& session);

    // Each returns the new access_changes row's id (create: the new user's id).
    Result<qint64> create(const Session& session, const NewStaff& staff);
    Result<qint64> deactivate(const Session& session, qint64 userId);
    Result<qint64> reactivate(const Session& session, qint64 userId);
    // A new PIN or password; ends every live session of that user (AUTH-4).
    Result<qint64> resetPin(const Session& session, qint64 userId, const SecretBytes& pin);
    Result<qint64> resetPassword(const Session& session, qint64 userId,
                                 const SecretBytes& password);
    Result<qint64> changeRole(const Session& session, qint64 userId, Role role);
    Result<qint64> assignStores(const Session& session, qint64 userId, QList<qint64> storeIds);
    Result<qint64> setDiscountLimit(const Session& session, qint64 userId, qint64 ppm);

    // roles.manage: the overrides of a store (the owner role has none).
    Result<QList<RoleOverride>> roleOverrides(const Session& session, qint64 storeId);
    Result<qint64> setRoleOverride(const Session& session, qint64 storeId, Role role,
                                   Permission permission, OverrideState state);

    // The changes to one account, newest first (users.manage; the account must be visible in
    // list()).
    Result<QList<AccessChange>> history(const Session& session, qint64 userId);
    // The role-override changes of a store, newest first (roles.manage).
    Result<QList<AccessChange>> overrideHistory(const Session& session, qint64 storeId);
    // Returns the new row's id.
    Result<qint64> undo(const Session& session, qint64 changeId);

private:
    struct Actor {
        Session session;
        qint64 id = 0;
        Role role = Role::Cashier;
        qint64 companyId = 0;
        qint64 discountLimitPpm = 0;
        QSet<qint64> stores;
        PermissionSet permissions;
    };
    struct Target {
        qint64 id = 0;
        qint64 companyId = 0;
        QString code;
        QString name;
        Role role = Role::Cashier;
        bool active = true;
        qint64 discountLimitPpm = 0;
        QList<qint64> stores;
        bool hasPin = false;
        bool hasPassword = false;
        bool hasTotp = false;
    };

    Result<Actor> actor(const Session& session, Permission needed);
    Result<Target> target(const Actor& actor, qint64 userId);
    Result<QList<qint64>> storesOf(qint64 userId);
    Status mayManage(const Actor& actor, const Target& target, bool removesOwner);
    Status mayGrantRole(const Actor& actor, Role role);
    Status mayGrantStores(const Actor& actor, const QList<qint64>& stores);
    Status mayGrantLimit(const Actor& actor, qint64 ppm);
    bool visible(const Actor& actor, const Target& target) const;

    // One user change inside an open transaction: check, write, record.
    Result<qint64> applyActive(const Actor& actor, const Target& target, bool active, qint64 undoes,
                               const QString& kind);
    Result<qint64> applyRole(const Actor& actor, const Target& target, Role role, qint64 undoes);
    Result<qint64> applyStores(const Actor& actor, const Target& target, QList<qint64> stores,
                               qint64 undoes);
    Result<qint64> applyLimit(const Actor& actor, const Target& target, qint64 ppm, qint64 undoes);
    Result<qint64> applyOverride(const Actor& actor, qint64 storeId, Role role,
                                 Permission permission, OverrideState state, qint64 undoes);
    Result<qint64> applyCredential(const Actor& actor, const Target& target, bool pin,
                                   const SecretBytes& secret);
    Result<qint64> undoInside(const Actor& actor, const StoredChange& change);

    // A user change that loads the actor and target in one transaction and commits.
    template <class Apply>
    Result<qint64> userChange(const Session& session, Permission needed, qint64 userId,
                              Apply&& apply);

    Result<OverrideState> overrideState(qint64 storeId, Role role, Permission permission);
    Result<int> endSessions(qint64 userId, const QString& reason);
    Result<QString> storeCompanyCheck(const Actor& actor, qint64 storeId);

    Database& m_db;
    AuthService& m_auth;
    const Clock& m_clock;
    IdSource& m_ids;
    AccessControl m_access;
    AccessChangeLog m_log;
};

} // namespace pos
