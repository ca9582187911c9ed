#include "staff/StaffService.h"

#include "staff/StaffServiceDetail.h"
#include "store/Database.h"

#include <QLoggingCategory>

// Ids only: never a name, code, PIN, password or hash.
Q_LOGGING_CATEGORY(lcStaff, "pos.staff")

namespace pos {

using namespace staffdetail;

StaffService::StaffService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids)
    : m_db(db), m_auth(auth), m_clock(clock), m_ids(ids), m_access(db), m_log(db, clock, ids)
{}

// ---- who is acting, on whom -------------------------------------------------------------------

Result<QList<qint64>> StaffService::storesOf(qint64 userId)
{
    auto q = m_db.query("SELECT store_id FROM user_stores WHERE user_id = ?1 ORDER BY store_id");
    if (!q)
        return err(q);
    q->bind(1, userId);
    QList<qint64> out;
    if (auto ok = q->forEach([&] { out.append(q->int64(0)); }); !ok)
        return std::unexpected(ok.error());
    return out;
}

Result<StaffService::Actor> StaffService::actor(const Session& session, Permission needed)
{
    if (auto ok = m_access.require(session, needed); !ok)
        return std::unexpected(ok.error());
    auto role = m_access.liveRole(session);
    if (!role)
        return err(role);
    auto perms = m_access.effective(*role, session.storeId);
    if (!perms)
        return err(perms);
    auto q = m_db.query("SELECT company_id, discount_limit_ppm FROM users WHERE id = ?1");
    if (!q)
        return err(q);
    q->bind(1, session.userId);
    auto row = q->next();
    if (!row)
        return err(row);
    if (!*row)
        return fail(ErrorCode::Unauthenticated, tr("You are not signed in any more."));
    Actor a;
    a.session = session;
    a.id = session.userId;
    a.role = *role;
    a.companyId = q->int64(0);
    a.discountLimitPpm = q->int64(1);
    a.permissions = *perms;
    auto stores = storesOf(a.id);
    if (!stores)
        return err(stores);
    a.stores = QSet<qint64>(stores->begin(), stores->end());
    return a;
}

Result<StaffService::Target> StaffService::target(const Actor& actor, qint64 userId)
{
    auto q = m_db.query("SELECT company_id, code, name, role, active, discount_limit_ppm, "
                        "pin_hash IS NOT NULL, password_hash IS NOT NULL, "
                        "totp_secret IS NOT NULL FROM users WHERE id = ?1");
    if (!q)
        return err(q);
    q->bind(1, userId);
    auto row = q->next();
    if (!row)
        return err(row);
    if (!*row || q->int64(0) != actor.companyId)
        return fail(ErrorCode::NotFound, tr("There is no such staff member."));
    Target t;
    t.id = userId;
    t.companyId = q->int64(0);
    t.code = q->text(1);
    t.name = q->text(2);
    const auto role = roleFromName(q->text(3));
    if (!role)
        return fail(ErrorCode::Corrupt, tr("A user's role in the store is not one this program "
                                           "knows."));
    t.role = *role;
    t.active = q->int64(4) != 0;
    t.discountLimitPpm = q->int64(5);
    t.hasPin = q->int64(6) != 0;
    t.hasPassword = q->int64(7) != 0;
    t.hasTotp = q->int64(8) != 0;
    auto stores = storesOf(userId);
    if (!stores)
        return err(stores);
    t.stores = *stores;
    return t;
}

bool StaffService::visible(const Actor& actor, const Target& target) const
{
    if (actor.role == Role::Owner || target.id == actor.id)
        return true;
    return std::any_of(target.stores.begin(), target.stores.end(),
                       [&](qint64 s) { return actor.stores.contains(s); });
}

Status StaffService::mayManage(const Actor& actor, const Target& target, bool removesOwner)
{
    const bool self = target.id == actor.id;
    if (actor.role != Role::Owner && !self) {
        if (roleRank(target.role) >= roleRank(actor.role))
            return fail(ErrorCode::PermissionDenied,
                        tr("Your role (%1) may not change the account of someone whose role is %2.")
                            .arg(roleTitle(actor.role), roleTitle(target.role)));
        const bool mine = !target.stores.isEmpty() &&
                          std::all_of(target.stores.begin(), target.stores.end(),
                                      [&](qint64 s) { return actor.stores.contains(s); });
        if (!mine)
            return fail(
                ErrorCode::PermissionDenied,
                tr("%1 also works in a store that is not yours: ask an owner.").arg(target.name));
    }
    if (removesOwner && target.role == Role::Owner && target.active) {
        auto q = m_db.query("SELECT COUNT(*) FROM users WHERE company_id = ?1 AND role = 'owner' "
                            "AND active = 1 AND id <> ?2");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, target.companyId).bind(2, target.id);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (q->int64(0) == 0)
            return fail(ErrorCode::Conflict, tr("%1 is the last active owner: make someone else "
                                                "an owner first.")
                                                 .arg(target.name));
    }
    if (self)
        return fail(ErrorCode::PermissionDenied,
                    tr("Nobody changes their own account here: ask another manager or an owner."));
    return {};
}

Status StaffService::mayGrantRole(const Actor& actor, Role role)
{
    if (actor.role == Role::Owner || roleRank(role) < roleRank(actor.role))
        return {};
    return fail(ErrorCode::PermissionDenied, tr("Your role (%1) may not give anyone the role %2.")
                                                 .arg(roleTitle(actor.role), roleTitle(role)));
}

Status StaffService::mayGrantStores(const Actor& actor, const QList<qint64>& stores)
{
    for (qint64 id : stores) {
        auto name = storeCompanyCheck(actor, id);
        if (!name)
            return std::unexpected(name.error());
        if (actor.role != Role::Owner && !actor.stores.contains(id))
            return fail(ErrorCode::PermissionDenied,
                        tr("You may only assign stores you work in yourself, and %1 is not one "
                           "of them.")
                            .arg(*name));
    }
    return {};
}

Result<QString> StaffService::storeCompanyCheck(const Actor& actor, qint64 storeId)
{
    auto q = m_db.query("SELECT company_id, name FROM stores WHERE id = ?1");
    if (!q)
        return err(q);
    q->bind(1, storeId);
    auto row = q->next();
    if (!row)
        return err(row);
    if (!*row || q->int64(0) != actor.companyId)
        return fail(ErrorCode::NotFound, tr("There is no such store."));
    return q->text(1);
}

Status StaffService::mayGrantLimit(const Actor& actor, qint64 ppm)
{
    if (ppm < 0 || ppm > MaxLimitPpm)
        return fail(ErrorCode::InvalidInput, tr("A discount limit must be between 0% and 100%."));
    if (actor.role != Role::Owner && ppm > actor.discountLimitPpm)
        return fail(
            ErrorCode::PermissionDenied,
            tr("You may not give a discount limit above your own (%1%).")
                .arg(QString::number(static_cast<double>(actor.discountLimitPpm) / 1e4, 'g', 6)));
    return {};
}

Result<int> StaffService::endSessions(qint64 userId, const QString& reason)
{
    auto q = m_db.query("UPDATE sessions SET ended_at = ?1, end_reason = ?2 "
                        "WHERE user_id = ?3 AND ended_at IS NULL");
    if (!q)
        return err(q);
    q->bind(1, nowText(m_clock)).bind(2, reason).bind(3, userId);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    return m_db.changes();
}

// ---- reading ----------------------------------------------------------------------------------

Result<StaffScope> StaffService::scope(const Session& session)
{
    auto role = m_access.liveRole(session);
    if (!role)
        return err(role);
    auto perms = m_access.effective(*role, session.storeId);
    if (!perms)
        return err(perms);
    StaffScope s;
    s.actorId = session.userId;
    s.actorRole = *role;
    s.permissions = *perms;
    if (!perms->contains(Permission::UsersManage))
        return s;
    auto a = actor(session, Permission::UsersManage);
    if (!a)
        return err(a);
    for (Role r : allRoles())
        if (mayGrantRole(*a, r))
            s.grantableRoles.append(r);
    s.maxDiscountLimitPpm = a->role == Role::Owner ? MaxLimitPpm : a->discountLimitPpm;
    {
        auto c = m_db.query("SELECT name FROM companies WHERE id = ?1");
        if (!c)
            return err(c);
        c->bind(1, a->companyId);
        auto row = c->next();
        if (!row)
            return err(row);
        if (*row)
            s.companyName = c->text(0);
    }
    auto q = m_db.query("SELECT id, name FROM stores WHERE company_id = ?1 ORDER BY name, id");
    if (!q)
        return err(q);
    q->bind(1, a->companyId);
    auto ok = q->forEach([&] {
        if (a->role == Role::Owner || a->stores.contains(q->int64(0)))
            s.stores.append(StoreRef{q->int64(0), q->text(1)});
    });
    if (!ok)
        return std::unexpected(ok.error());
    return s;
}

Result<QList<StaffMember>> StaffService::list(const Session& session)
{
    auto a = actor(session, Permission::UsersManage);
    if (!a)
        return err(a);
    QHash<qint64, QList<StoreRef>> stores;
    {
        auto q = m_db.query("SELECT us.user_id, s.id, s.name FROM user_stores us "
                            "JOIN stores s ON s.id = us.store_id ORDER BY s.id");
        if (!q)
            return err(q);
        auto ok = q->forEach([&] {
            stores[q->int64(0)].append(StoreRef{q->int64(1), q->text(2)});
        });
        if (!ok)
            return std::unexpected(ok.error());
    }
    auto q = m_db.query("SELECT id, code, name, role, active, discount_limit_ppm, "
                        "pin_hash IS NOT NULL, password_hash IS NOT NULL, "
                        "totp_secret IS NOT NULL FROM users WHERE company_id = ?1 "
                        "ORDER BY name COLLATE NOCASE, id");
    if (!q)
        return err(q);
    q->bind(1, a->companyId);
    QList<StaffMember> out;
    auto ok = q->forEach([&] {
        const auto role = roleFromName(q->text(3));
        if (!role)
            return; // a role from a newer version: not shown, not manageable
        Target t;
        t.id = q->int64(0);
        t.companyId = a->companyId;
        t.name = q->text(2);
        t.role = *role;
        t.active = q->int64(4) != 0;
        for (const StoreRef& s : stores.value(t.id))
            t.stores.append(s.id);
        if (!visible(*a, t))
            return;
        StaffMember m;
        m.id = t.id;
        m.code = q->text(1);
        m.name = t.name;
        m.role = t.role;
        m.active = t.active;
        for (const StoreRef& s : stores.value(t.id)) {
            m.storeIds.append(s.id);
            m.storeNames.append(s.name);
        }
        m.discountLimitPpm = q->int64(5);
        m.hasPin = q->int64(6) != 0;
        m.hasPassword = q->int64(7) != 0;
        m.hasTotp = q->int64(8) != 0;
        m.manageable = mayManage(*a, t, false).has_value();
        out.append(m);
    });
    if (!ok)
        return std::unexpected(ok.error());
    return out;
}

Result<QList<RoleOverride>> StaffService::roleOverrides(const Session& session, qint64 storeId)
{
    auto a = actor(session, Permission::RolesManage);
    if (!a)
        return err(a);
    if (auto name = storeCompanyCheck(*a, storeId); !name)
        return err(name);
    auto q = m_db.query("SELECT role, permission, allowed FROM role_overrides WHERE store_id = ?1 "
                        "ORDER BY role, permission");
    if (!q)
        return err(q);
    q->bind(1, storeId);
    QList<RoleOverride> out;
    auto ok = q->forEach([&] {
        const auto role = roleFromName(q->text(0));
        const auto permission = permissionFromName(q->text(1));
        if (role && permission)
            out.append(RoleOverride{*role, *permission, q->int64(2) != 0});
    });
    if (!ok)
        return std::unexpected(ok.error());
    return out;
}

Result<QList<AccessChange>> StaffService::history(const Session& session, qint64 userId)
{
    auto a = actor(session, Permission::UsersManage);
    if (!a)
        return err(a);
    auto t = target(*a, userId);
    if (!t)
        return err(t);
    if (!visible(*a, *t))
        return fail(ErrorCode::PermissionDenied,
                    tr("%1 does not work in any of your stores.").arg(t->name));
    return m_log.forUser(userId);
}

Result<QList<AccessChange>> StaffService::overrideHistory(const Session& session, qint64 storeId)
{
    auto a = actor(session, Permission::RolesManage);
    if (!a)
        return err(a);
    if (auto name = storeCompanyCheck(*a, storeId); !name)
        return err(name);
    return m_log.overridesOf(storeId);
}

} // namespace pos
