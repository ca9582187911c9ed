#pragma once

#include "Error.h"
#include "staff/Permission.h"
#include "staff/Session.h"

namespace pos {

class Database;

// RBAC-2: the one place that says whether a session may do something. Every core service
// operation calls require() before it reads or writes. The session is looked up in the store
// each time (so a session ended elsewhere — sign-out, a password change, a deactivated user —
// stops working at once), the role is read from the user's record, and the role's defaults are
// adjusted by the store's overrides (role_overrides).
//
// Errors: ErrorCode::Unauthenticated when the session is unknown, ended, or its user inactive or
// no longer assigned to the store; ErrorCode::PermissionDenied (message names the permission in
// plain words, e.g. "Your role (Cashier) may not void a whole sale.") when the role lacks it.
class AccessControl {
public:
    explicit AccessControl(Database& db) : m_db(db) {}

    Status require(const Session& session, Permission permission);
    // For the UI to hide what core would refuse: the session's effective permissions. An ended
    // session has none (and the error says so).
    Result<PermissionSet> permissions(const Session& session);
    // A role's effective permissions in a store: defaults with the store's overrides applied.
    Result<PermissionSet> effective(Role role, qint64 storeId);

    // The role as stored for the session's user, after checking the session is live.
    Result<Role> liveRole(const Session& session);

private:
    Database& m_db;
};

} // namespace pos
