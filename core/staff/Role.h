#pragma once

#include "staff/Permission.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace pos {

// RBAC-1. Owner: everything. Manager: the counter plus approvals, voids, refunds, shift close,
// reports and the staff of their stores. Cashier: the counter and their own shift. Auditor:
// reports (and the audit log), read only, no customer PII (RBAC-3).
enum class Role { Owner, Manager, Cashier, Auditor };

QString roleName(Role role);                        // "owner"
std::optional<Role> roleFromName(QStringView name); // refuses unknown names
QString roleTitle(Role role);                       // "Owner" (for people)
QList<Role> allRoles();

// Least-privilege defaults (before per-store overrides). The owner's set is every permission and
// cannot be overridden.
PermissionSet defaultPermissions(Role role);

// Rank for "may not grant more than one holds": owner 3, manager 2, cashier and auditor 1.
int roleRank(Role role);

} // namespace pos
