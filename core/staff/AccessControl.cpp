#include "staff/AccessControl.h"

#include "store/Database.h"

#include <QCoreApplication>

namespace pos {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AccessControl", text);
}

std::unexpected<Error> notSignedIn()
{
    return fail(ErrorCode::Unauthenticated,
                tr("You are not signed in any more. Please sign in again."));
}

} // namespace

Result<Role> AccessControl::liveRole(const Session& session)
{
    if (!session.isValid())
        return notSignedIn();
    auto q = m_db.query("SELECT s.user_id, s.store_id, s.ended_at IS NULL, u.active, u.role, "
                        "u.role = 'owner' OR EXISTS (SELECT 1 FROM user_stores us "
                        "  WHERE us.user_id = u.id AND us.store_id = s.store_id), s.register_id "
                        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.uuid = ?");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, session.id.toString(QUuid::WithoutBraces));
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return notSignedIn();
    if (q->int64(0) != session.userId || q->int64(1) != session.storeId || q->int64(2) == 0 ||
        q->int64(3) == 0 || q->int64(5) == 0 || q->text(6) != session.registerId)
        return notSignedIn();
    auto role = roleFromName(q->text(4));
    if (!role)
        return fail(ErrorCode::Corrupt, tr("A user's role in the store is not one this program "
                                           "knows."));
    return *role;
}

Result<PermissionSet> AccessControl::effective(Role role, qint64 storeId)
{
    PermissionSet set = defaultPermissions(role);
    if (role == Role::Owner)
        return set;
    auto q = m_db.query("SELECT permission, allowed FROM role_overrides "
                        "WHERE store_id = ? AND role = ?");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, storeId).bind(2, roleName(role));
    auto ok = q->forEach([&] {
        // Unknown names (from a newer version) are ignored: they grant nothing here.
        if (auto p = permissionFromName(q->text(0))) {
            if (q->int64(1) != 0)
                set.insert(*p);
            else
                set.remove(*p);
        }
    });
    if (!ok)
        return std::unexpected(ok.error());
    return set;
}

Result<PermissionSet> AccessControl::permissions(const Session& session)
{
    auto role = liveRole(session);
    if (!role)
        return std::unexpected(role.error());
    return effective(*role, session.storeId);
}

Status AccessControl::require(const Session& session, Permission permission)
{
    auto role = liveRole(session);
    if (!role)
        return std::unexpected(role.error());
    auto set = effective(*role, session.storeId);
    if (!set)
        return std::unexpected(set.error());
    if (!set->contains(permission))
        return fail(ErrorCode::PermissionDenied,
                    tr("Your role (%1) may not %2.")
                        .arg(roleTitle(*role), permissionDescription(permission)));
    return {};
}

} // namespace pos
