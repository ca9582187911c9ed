#include "staff/StaffService.h"

#include "staff/StaffServiceDetail.h"
#include "store/Database.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStaff)

namespace pos {

using namespace staffdetail;
// ---- undo -------------------------------------------------------------------------------------

Result<qint64> StaffService::undoInside(const Actor& actor, const StoredChange& change)
{
    // Someone else's company's change is "not found" before anything else is said about it.
    const bool isOverride = change.kind == ChangeKind::OverrideChange;
    if (isOverride) {
        if (auto ok = storeCompanyCheck(actor, change.storeId); !ok)
            return err(ok);
    } else if (auto t = target(actor, change.targetUserId); !t) {
        return err(t);
    }
    if (change.undoes > 0)
        return fail(ErrorCode::Conflict, tr("This change undid an earlier one; it cannot be "
                                            "undone itself. Make the change again instead."));
    if (change.undoneBy > 0)
        return fail(ErrorCode::Conflict,
                    tr("This change was undone already (change %1).").arg(change.undoneBy));
    if (change.kind == ChangeKind::PinReset)
        return fail(ErrorCode::Conflict, tr("A PIN reset cannot be undone: the old PIN is not "
                                            "kept anywhere. Reset the PIN again instead."));
    if (change.kind == ChangeKind::PasswordReset)
        return fail(ErrorCode::Conflict,
                    tr("A password reset cannot be undone: the old password is not kept "
                       "anywhere. Reset the password again instead."));
    if (isOverride) {
        const auto role = roleFromName(change.after.value(QStringLiteral("role")).toString());
        const auto permission =
            permissionFromName(change.after.value(QStringLiteral("permission")).toString());
        const auto before = stateFromName(change.before.value(QStringLiteral("state")).toString());
        const auto after = stateFromName(change.after.value(QStringLiteral("state")).toString());
        if (!role || !permission || !before || !after)
            return fail(ErrorCode::Corrupt, tr("This staff change cannot be read."));
        auto current = overrideState(change.storeId, *role, *permission);
        if (!current)
            return err(current);
        if (*current != *after)
            return fail(ErrorCode::Conflict, tr("This permission was changed again after this "
                                                "change: undo the later change first."));
        return applyOverride(actor, change.storeId, *role, *permission, *before, change.id);
    }
    auto t = target(actor, change.targetUserId);
    if (!t)
        return err(t);
    if (change.kind == ChangeKind::Create || change.kind == ChangeKind::Reactivate) {
        // Undoing a new account deactivates it (its rows stay: sales and changes name it).
        if (!t->active)
            return changedSince(t->name);
        return applyActive(actor, *t, false, change.id, ChangeKind::Deactivate);
    }
    if (change.kind == ChangeKind::Deactivate) {
        if (t->active)
            return changedSince(t->name);
        return applyActive(actor, *t, true, change.id, ChangeKind::Reactivate);
    }
    if (change.kind == ChangeKind::RoleChange) {
        const auto before = roleFromName(change.before.value(QStringLiteral("role")).toString());
        const auto after = roleFromName(change.after.value(QStringLiteral("role")).toString());
        if (!before || !after)
            return fail(ErrorCode::Corrupt, tr("This staff change cannot be read."));
        if (t->role != *after)
            return changedSince(t->name);
        return applyRole(actor, *t, *before, change.id);
    }
    if (change.kind == ChangeKind::StoresChange) {
        if (t->stores != idList(change.after.value(QStringLiteral("stores"))))
            return changedSince(t->name);
        return applyStores(actor, *t, idList(change.before.value(QStringLiteral("stores"))),
                           change.id);
    }
    if (change.kind == ChangeKind::LimitChange) {
        const QString key = QStringLiteral("discount_limit_ppm");
        if (t->discountLimitPpm != change.after.value(key).toInteger(-1))
            return changedSince(t->name);
        return applyLimit(actor, *t, change.before.value(key).toInteger(-1), change.id);
    }
    return fail(ErrorCode::InvalidInput, tr("This kind of staff change cannot be undone."));
}

Result<qint64> StaffService::undo(const Session& session, qint64 changeId)
{
    // Staff managers undo account changes, role managers override changes: check the session
    // holds one of the two before reading the change.
    auto perms = m_access.permissions(session);
    if (!perms)
        return err(perms);
    if (!perms->contains(Permission::UsersManage) && !perms->contains(Permission::RolesManage))
        if (auto ok = m_access.require(session, Permission::UsersManage); !ok)
            return std::unexpected(ok.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return err(tx);
    auto change = m_log.find(changeId);
    if (!change)
        return err(change);
    auto a = actor(session, change->kind == ChangeKind::OverrideChange ? Permission::RolesManage
                                                                       : Permission::UsersManage);
    if (!a)
        return err(a);
    auto id = undoInside(*a, *change);
    if (!id)
        return id;
    if (auto ok = tx->commit(); !ok)
        return std::unexpected(ok.error());
    qCInfo(lcStaff) << "staff change" << changeId << "undone by change" << *id << "of user"
                    << a->id;
    return id;
}

} // namespace pos
