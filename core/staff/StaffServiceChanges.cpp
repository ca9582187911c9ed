#include "staff/StaffService.h"

#include "auth/CredentialHash.h"
#include "auth/Totp.h"
#include "staff/AuthService.h"
#include "staff/StaffServiceDetail.h"
#include "store/Database.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStaff)

namespace pos {

using namespace staffdetail;
// ---- changes ----------------------------------------------------------------------------------

template <class Apply>
Result<qint64> StaffService::userChange(const Session& session, Permission needed, qint64 userId,
                                        Apply&& apply)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return err(tx);
    auto a = actor(session, needed);
    if (!a)
        return err(a);
    auto t = target(*a, userId);
    if (!t)
        return err(t);
    Result<qint64> id = apply(*a, *t);
    if (!id)
        return id;
    if (auto ok = tx->commit(); !ok)
        return std::unexpected(ok.error());
    qCInfo(lcStaff) << "staff change" << *id << "on user" << userId << "by user" << session.userId;
    return id;
}

Result<qint64> StaffService::create(const Session& session, const NewStaff& staff)
{
    const QString name = staff.name.trimmed();
    const QString code = staff.code.trimmed();
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return err(tx);
    auto a = actor(session, Permission::UsersManage);
    if (!a)
        return err(a);
    if (auto ok = checkName(name); !ok)
        return std::unexpected(ok.error());
    if (auto ok = checkCode(code); !ok)
        return std::unexpected(ok.error());
    if (auto ok = mayGrantRole(*a, staff.role); !ok)
        return std::unexpected(ok.error());
    const QList<qint64> stores = normalized(staff.storeIds);
    if (stores.isEmpty() && staff.role != Role::Owner)
        return fail(ErrorCode::InvalidInput, tr("Choose at least one store for %1.").arg(name));
    if (auto ok = mayGrantStores(*a, stores); !ok)
        return std::unexpected(ok.error());
    if (auto ok = mayGrantLimit(*a, staff.discountLimitPpm); !ok)
        return std::unexpected(ok.error());
    const bool hasPin = !staff.pin.isEmpty();
    const bool hasPassword = !staff.password.isEmpty();
    const bool hasTotp = !staff.totpSecret.isEmpty();
    if (auto ok = credentialsFor(staff.role, hasPin, hasPassword,
                                 hasTotp && !staff.totpCode.isEmpty(), name);
        !ok)
        return std::unexpected(ok.error());
    if (hasTotp && staff.role != Role::Owner)
        return fail(ErrorCode::InvalidInput, tr("Only owners enrol an authenticator here."));
    if (hasTotp && staff.totpSecret.size() < MinTotpSecretBytes)
        return fail(ErrorCode::InvalidInput, tr("The authenticator secret is too short: make a "
                                                "new one."));
    if (hasPin)
        if (auto ok = CredentialHash::checkPinFormat(staff.pin); !ok)
            return std::unexpected(ok.error());
    if (hasPassword)
        if (auto ok = CredentialHash::checkPasswordPolicy(staff.password); !ok)
            return std::unexpected(ok.error());
    {
        auto q = m_db.query("SELECT 1 FROM users WHERE code = ?1");
        if (!q)
            return err(q);
        q->bind(1, code);
        auto row = q->next();
        if (!row)
            return err(row);
        if (*row)
            return fail(ErrorCode::Conflict,
                        tr("The user code %1 is taken: choose another.").arg(code));
    }
    qint64 totpStep = 0;
    if (hasTotp) {
        // AUTH-2: the enrolment is proved by a code from the owner's app; that step is used up.
        auto verdict = Totp::verify(staff.totpSecret, staff.totpCode, m_clock.nowUtc(), {});
        if (!verdict)
            return err(verdict);
        if (verdict->outcome != TotpOutcome::Accepted)
            return fail(ErrorCode::InvalidInput,
                        tr("The authenticator code is not right: check the app's clock and "
                           "enter the code it shows now."));
        totpStep = static_cast<qint64>(verdict->step);
    }
    QString pinHash, passwordHash;
    if (hasPin) {
        auto h = m_auth.hashPin(staff.pin);
        if (!h)
            return err(h);
        pinHash = *h;
    }
    if (hasPassword) {
        auto h = m_auth.hashPassword(staff.password);
        if (!h)
            return err(h);
        passwordHash = *h;
    }
    // ENC-5: an authenticator secret is stored sealed with the field key, bound to the uuid.
    const QString uuid = m_ids.newId().toString(QUuid::WithoutBraces);
    QByteArray totpSealed;
    if (hasTotp) {
        auto sealed = m_auth.sealTotpSecret(uuid, staff.totpSecret);
        if (!sealed)
            return err(sealed);
        totpSealed = *sealed;
    }
    auto q = m_db.query("INSERT INTO users (uuid, company_id, code, name, role, pin_hash, "
                        "password_hash, totp_secret, totp_last_step, discount_limit_ppm, "
                        "credentials_at, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
    if (!q)
        return err(q);
    q->bind(1, uuid).bind(2, a->companyId);
    q->bind(3, code).bind(4, name).bind(5, roleName(staff.role));
    q->bind(6, pinHash).bind(7, passwordHash); // a null QString binds NULL
    if (hasTotp)
        q->bind(8, totpSealed);
    else
        q->bindNull(8);
    q->bind(9, totpStep).bind(10, staff.discountLimitPpm).bind(11, nowText(m_clock));
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    const qint64 userId = m_db.lastInsertRowId();
    for (qint64 store : stores) {
        auto s = m_db.query("INSERT INTO user_stores (user_id, store_id) VALUES (?1, ?2)");
        if (!s)
            return err(s);
        s->bind(1, userId).bind(2, store);
        if (auto ok = s->run(); !ok)
            return std::unexpected(ok.error());
    }
    QJsonArray credentials;
    if (hasPin)
        credentials.append(QStringLiteral("pin"));
    if (hasPassword)
        credentials.append(QStringLiteral("password"));
    if (hasTotp)
        credentials.append(QStringLiteral("totp"));
    const QJsonObject after{{QStringLiteral("code"), code},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("role"), roleName(staff.role)},
                            {QStringLiteral("stores"), idArray(stores)},
                            {QStringLiteral("discount_limit_ppm"), staff.discountLimitPpm},
                            {QStringLiteral("active"), true},
                            {QStringLiteral("credentials"), credentials}};
    auto change = m_log.record(a->id, userId, session.storeId, ChangeKind::Create, {}, after);
    if (!change)
        return err(change);
    if (auto ok = tx->commit(); !ok)
        return std::unexpected(ok.error());
    qCInfo(lcStaff) << "user" << userId << "created by user" << a->id;
    return userId;
}

Result<qint64> StaffService::applyActive(const Actor& actor, const Target& target, bool active,
                                         qint64 undoes, const QString& kind)
{
    if (auto ok = mayManage(actor, target, !active); !ok)
        return std::unexpected(ok.error());
    if (target.active == active)
        return fail(ErrorCode::Conflict, active ? tr("%1 is active already.").arg(target.name)
                                                : tr("%1 is inactive already.").arg(target.name));
    if (active)
        if (auto ok = credentialsFor(target.role, target.hasPin, target.hasPassword, target.hasTotp,
                                     target.name);
            !ok)
            return std::unexpected(ok.error());
    auto q = m_db.query("UPDATE users SET active = ?1 WHERE id = ?2");
    if (!q)
        return err(q);
    q->bind(1, active).bind(2, target.id);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    QJsonObject after{{QStringLiteral("active"), active}};
    if (!active) {
        auto ended = endSessions(target.id, QStringLiteral("account deactivated"));
        if (!ended)
            return err(ended);
        after.insert(QStringLiteral("sessions_ended"), *ended);
    }
    return m_log.record(actor.id, target.id, actor.session.storeId, kind,
                        {{QStringLiteral("active"), target.active}}, after, undoes);
}

Result<qint64> StaffService::deactivate(const Session& session, qint64 userId)
{
    return userChange(session, Permission::UsersManage, userId,
                      [&](const Actor& a, const Target& t) {
                          return applyActive(a, t, false, 0, ChangeKind::Deactivate);
                      });
}

Result<qint64> StaffService::reactivate(const Session& session, qint64 userId)
{
    return userChange(session, Permission::UsersManage, userId,
                      [&](const Actor& a, const Target& t) {
                          return applyActive(a, t, true, 0, ChangeKind::Reactivate);
                      });
}

Result<qint64> StaffService::applyCredential(const Actor& actor, const Target& target, bool pin,
                                             const SecretBytes& secret)
{
    if (auto ok = mayManage(actor, target, false); !ok)
        return std::unexpected(ok.error());
    auto hash = pin ? m_auth.hashPin(secret) : m_auth.hashPassword(secret);
    if (!hash)
        return err(hash);
    // A reset also clears the lockout (to the schema's initial state), so a locked-out cashier
    // can sign in with the new PIN at once.
    auto q = m_db.query(pin ? "UPDATE users SET pin_hash = ?1, credentials_at = ?2, "
                              "lockout = '{}' WHERE id = ?3"
                            : "UPDATE users SET password_hash = ?1, credentials_at = ?2, "
                              "lockout = '{}' WHERE id = ?3");
    if (!q)
        return err(q);
    q->bind(1, *hash).bind(2, nowText(m_clock)).bind(3, target.id);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    auto ended = endSessions(target.id,
                             pin ? QStringLiteral("PIN reset") : QStringLiteral("password reset"));
    if (!ended)
        return err(ended);
    // Only that it happened: the old and new hashes are not kept anywhere.
    const QJsonObject after{
        {pin ? QStringLiteral("pin") : QStringLiteral("password"), QStringLiteral("reset")},
        {QStringLiteral("sessions_ended"), *ended}};
    return m_log.record(actor.id, target.id, actor.session.storeId,
                        pin ? ChangeKind::PinReset : ChangeKind::PasswordReset, {}, after);
}

Result<qint64> StaffService::resetPin(const Session& session, qint64 userId, const SecretBytes& pin)
{
    if (auto ok = CredentialHash::checkPinFormat(pin); !ok)
        return std::unexpected(ok.error());
    return userChange(
        session, Permission::UsersManage, userId,
        [&](const Actor& a, const Target& t) { return applyCredential(a, t, true, pin); });
}

Result<qint64> StaffService::resetPassword(const Session& session, qint64 userId,
                                           const SecretBytes& password)
{
    if (auto ok = CredentialHash::checkPasswordPolicy(password); !ok)
        return std::unexpected(ok.error());
    return userChange(
        session, Permission::UsersManage, userId,
        [&](const Actor& a, const Target& t) { return applyCredential(a, t, false, password); });
}

Result<qint64> StaffService::applyRole(const Actor& actor, const Target& target, Role role,
                                       qint64 undoes)
{
    if (auto ok = mayManage(actor, target, role != Role::Owner); !ok)
        return std::unexpected(ok.error());
    if (auto ok = mayGrantRole(actor, role); !ok)
        return std::unexpected(ok.error());
    if (target.role == role)
        return fail(ErrorCode::Conflict,
                    tr("%1 has the role %2 already.").arg(target.name, roleTitle(role)));
    if (auto ok =
            credentialsFor(role, target.hasPin, target.hasPassword, target.hasTotp, target.name);
        !ok)
        return std::unexpected(ok.error());
    if (role != Role::Owner && target.stores.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("%1 has no store: assign a store first.").arg(target.name));
    auto q = m_db.query("UPDATE users SET role = ?1 WHERE id = ?2");
    if (!q)
        return err(q);
    q->bind(1, roleName(role)).bind(2, target.id);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    // Their screens were built for the old role: they sign in again.
    auto ended = endSessions(target.id, QStringLiteral("role changed"));
    if (!ended)
        return err(ended);
    return m_log.record(
        actor.id, target.id, actor.session.storeId, ChangeKind::RoleChange,
        {{QStringLiteral("role"), roleName(target.role)}},
        {{QStringLiteral("role"), roleName(role)}, {QStringLiteral("sessions_ended"), *ended}},
        undoes);
}

Result<qint64> StaffService::changeRole(const Session& session, qint64 userId, Role role)
{
    return userChange(session, Permission::UsersManage, userId,
                      [&](const Actor& a, const Target& t) { return applyRole(a, t, role, 0); });
}

Result<qint64> StaffService::applyStores(const Actor& actor, const Target& target,
                                         QList<qint64> stores, qint64 undoes)
{
    if (auto ok = m_access.require(actor.session, Permission::StoresAssign); !ok)
        return std::unexpected(ok.error());
    if (auto ok = mayManage(actor, target, false); !ok)
        return std::unexpected(ok.error());
    stores = normalized(stores);
    if (stores.isEmpty() && target.role != Role::Owner)
        return fail(ErrorCode::InvalidInput, tr("%1 needs at least one store.").arg(target.name));
    if (stores == target.stores)
        return fail(ErrorCode::Conflict,
                    tr("%1 works in exactly these stores already.").arg(target.name));
    if (auto ok = mayGrantStores(actor, stores); !ok)
        return std::unexpected(ok.error());
    auto del = m_db.query("DELETE FROM user_stores WHERE user_id = ?1");
    if (!del)
        return err(del);
    del->bind(1, target.id);
    if (auto ok = del->run(); !ok)
        return std::unexpected(ok.error());
    for (qint64 store : stores) {
        auto q = m_db.query("INSERT INTO user_stores (user_id, store_id) VALUES (?1, ?2)");
        if (!q)
            return err(q);
        q->bind(1, target.id).bind(2, store);
        if (auto ok = q->run(); !ok)
            return std::unexpected(ok.error());
    }
    return m_log.record(actor.id, target.id, actor.session.storeId, ChangeKind::StoresChange,
                        {{QStringLiteral("stores"), idArray(target.stores)}},
                        {{QStringLiteral("stores"), idArray(stores)}}, undoes);
}

Result<qint64> StaffService::assignStores(const Session& session, qint64 userId,
                                          QList<qint64> storeIds)
{
    return userChange(
        session, Permission::UsersManage, userId,
        [&](const Actor& a, const Target& t) { return applyStores(a, t, storeIds, 0); });
}

Result<qint64> StaffService::applyLimit(const Actor& actor, const Target& target, qint64 ppm,
                                        qint64 undoes)
{
    if (auto ok = mayManage(actor, target, false); !ok)
        return std::unexpected(ok.error());
    if (auto ok = mayGrantLimit(actor, ppm); !ok)
        return std::unexpected(ok.error());
    if (ppm == target.discountLimitPpm)
        return fail(ErrorCode::Conflict,
                    tr("%1 has this discount limit already.").arg(target.name));
    auto q = m_db.query("UPDATE users SET discount_limit_ppm = ?1 WHERE id = ?2");
    if (!q)
        return err(q);
    q->bind(1, ppm).bind(2, target.id);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    return m_log.record(actor.id, target.id, actor.session.storeId, ChangeKind::LimitChange,
                        {{QStringLiteral("discount_limit_ppm"), target.discountLimitPpm}},
                        {{QStringLiteral("discount_limit_ppm"), ppm}}, undoes);
}

Result<qint64> StaffService::setDiscountLimit(const Session& session, qint64 userId, qint64 ppm)
{
    return userChange(session, Permission::UsersManage, userId,
                      [&](const Actor& a, const Target& t) { return applyLimit(a, t, ppm, 0); });
}

Result<OverrideState> StaffService::overrideState(qint64 storeId, Role role, Permission permission)
{
    auto q = m_db.query("SELECT allowed FROM role_overrides WHERE store_id = ?1 AND role = ?2 "
                        "AND permission = ?3");
    if (!q)
        return err(q);
    q->bind(1, storeId).bind(2, roleName(role)).bind(3, permissionName(permission));
    auto row = q->next();
    if (!row)
        return err(row);
    if (!*row)
        return OverrideState::Inherit;
    return q->int64(0) != 0 ? OverrideState::Allow : OverrideState::Deny;
}

Result<qint64> StaffService::applyOverride(const Actor& actor, qint64 storeId, Role role,
                                           Permission permission, OverrideState state,
                                           qint64 undoes)
{
    if (auto ok = m_access.require(actor.session, Permission::RolesManage); !ok)
        return std::unexpected(ok.error());
    if (role == Role::Owner)
        return fail(ErrorCode::InvalidInput,
                    tr("The owner role always has every permission; it cannot be changed."));
    auto storeName = storeCompanyCheck(actor, storeId);
    if (!storeName)
        return err(storeName);
    if (actor.role != Role::Owner) {
        auto mine = m_access.effective(actor.role, storeId);
        if (!mine)
            return err(mine);
        if (!actor.stores.contains(storeId) || roleRank(role) >= roleRank(actor.role) ||
            !mine->contains(permission))
            return fail(ErrorCode::PermissionDenied,
                        tr("You may only change roles ranked below yours, in your own stores, "
                           "and only for permissions you hold there."));
    }
    auto current = overrideState(storeId, role, permission);
    if (!current)
        return err(current);
    if (*current == state)
        return fail(ErrorCode::Conflict, tr("Nothing to change: that is the setting already."));
    auto q = state == OverrideState::Inherit
                 ? m_db.query("DELETE FROM role_overrides WHERE store_id = ?1 AND role = ?2 "
                              "AND permission = ?3")
                 : m_db.query("INSERT OR REPLACE INTO role_overrides (store_id, role, "
                              "permission, allowed) VALUES (?1, ?2, ?3, ?4)");
    if (!q)
        return err(q);
    q->bind(1, storeId).bind(2, roleName(role)).bind(3, permissionName(permission));
    if (state != OverrideState::Inherit)
        q->bind(4, state == OverrideState::Allow);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    const QJsonObject what{{QStringLiteral("role"), roleName(role)},
                           {QStringLiteral("permission"), permissionName(permission)}};
    QJsonObject before = what, after = what;
    before.insert(QStringLiteral("state"), stateName(*current));
    after.insert(QStringLiteral("state"), stateName(state));
    return m_log.record(actor.id, 0, storeId, ChangeKind::OverrideChange, before, after, undoes);
}

Result<qint64> StaffService::setRoleOverride(const Session& session, qint64 storeId, Role role,
                                             Permission permission, OverrideState state)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return err(tx);
    auto a = actor(session, Permission::RolesManage);
    if (!a)
        return err(a);
    auto id = applyOverride(*a, storeId, role, permission, state, 0);
    if (!id)
        return id;
    if (auto ok = tx->commit(); !ok)
        return std::unexpected(ok.error());
    qCInfo(lcStaff) << "role override change" << *id << "in store" << storeId << "by user" << a->id;
    return id;
}

} // namespace pos
