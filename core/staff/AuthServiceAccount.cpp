// AuthService, the rest: its records (register, assignment, auth_events), signing out, changing
// one's own password or PIN (AUTH-4), the idle lock setting and the lock screen's tiles. Sign-in
// and verification are in AuthService.cpp.
#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "auth/CredentialHash.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/Database.h"
#include "store/Settings.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <string_view>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

constexpr int DefaultIdleLockSeconds = 300;
constexpr int MinIdleLockSeconds = 30;
constexpr int MaxIdleLockSeconds = 3600;
const QString IdleLockKey = QStringLiteral("idle_lock_seconds");

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuthService", text);
}

const char* purposeName(int purpose)
{
    static constexpr const char* Names[] = {"session", "approval", "unlock", "change"};
    return Names[purpose];
}

std::unexpected<Error> notSignedIn()
{
    return fail(ErrorCode::Unauthenticated,
                tr("You are not signed in any more. Please sign in again."));
}

} // namespace

// ---- records ------------------------------------------------------------------------------

Result<AuthService::Place> AuthService::place()
{
    auto q = m_db.query("SELECT r.store_id, s.company_id FROM registers r "
                        "JOIN stores s ON s.id = r.store_id WHERE r.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, m_registerId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(
            ErrorCode::NotFound,
            tr("This register is not set up in the store yet (store file %1).").arg(m_db.path()));
    return Place{q->int64(0), q->int64(1)};
}

Result<bool> AuthService::assigned(const Account& account, const Place& where)
{
    if (account.role == Role::Owner)
        return account.companyId == where.companyId;
    auto q = m_db.query("SELECT 1 FROM user_stores WHERE user_id = ?1 AND store_id = ?2");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, account.id).bind(2, where.storeId);
    return q->next();
}

// Every auth_events row has its audit row beside it, in the same transaction (AUD-1). The row
// names the user when the typed code was one (user:<id>), otherwise user:unknown: what was typed
// is never written (a user code typed into the wrong field may be a PIN). detail is one of this
// file's fixed texts ("wrong PIN", "for 30 seconds", a sign-out reason), never a secret.
Status AuthService::recordEvent(qint64 userId, const char* kind, Purpose purpose,
                                const QString& detail)
{
    auto q = m_db.query("INSERT INTO auth_events (at, user_id, register_id, kind, purpose, detail) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, COALESCE(?6, ''))");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, now());
    if (userId > 0)
        q->bind(2, userId);
    else
        q->bindNull(2);
    const QString purposeText = QString::fromLatin1(purposeName(static_cast<int>(purpose)));
    q->bind(3, m_registerId).bind(4, QString::fromLatin1(kind));
    q->bind(5, purposeText).bind(6, detail);
    if (auto s = q->run(); !s)
        return s;

    const std::string_view k(kind);
    AuditEntry entry;
    entry.entity = userId > 0 ? audit::entity("user", userId) : QStringLiteral("user:unknown");
    entry.after = {{QStringLiteral("purpose"), purposeText}};
    if (!detail.isEmpty())
        entry.after.insert(QStringLiteral("detail"), detail);
    // Who acted: the user, once they proved it; nobody for a failed or refused attempt.
    const bool proved = k != "failure" && k != "locked" && k != "refused";
    entry.actorId = proved ? userId : 0;
    if (k == "sign_in")
        // A step-up before an export is stored as an unlock in auth_events (its purposes are
        // fixed by the schema) but is its own action in the audit log.
        entry.action =
            purpose == Purpose::Unlock
                ? (detail == StepUpDetail ? auditaction::SecondFactor : auditaction::Unlock)
            : purpose == Purpose::Approval ? auditaction::ApproverVerified
                                           : auditaction::SignIn;
    else if (k == "failure")
        entry.action = auditaction::SignInFailed;
    else if (k == "locked")
        entry.action = auditaction::LockedOut;
    else if (k == "refused")
        entry.action = auditaction::SignInRefused;
    else if (k == "sign_out")
        entry.action = auditaction::SignOut;
    else if (k == "pin_changed")
        entry.action = auditaction::PinChanged;
    else if (k == "password_changed")
        entry.action = auditaction::PasswordChanged;
    else
        return fail(
            ErrorCode::Internal,
            QStringLiteral("no audit action for the sign-in event %1").arg(QLatin1String(kind)));
    return audit::record(m_db, entry);
}

// ---- sessions -----------------------------------------------------------------------------

Status AuthService::endSession(const Session& session, const QString& reason)
{
    if (!session.isValid())
        return notSignedIn();
    const QString uuid = session.id.toString(QUuid::WithoutBraces);
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto q = m_db.query("SELECT user_id, ended_at IS NULL FROM sessions WHERE uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row || q->int64(0) != session.userId)
        return notSignedIn();
    if (q->int64(1) == 0)
        return {}; // ended already (elsewhere, or twice): nothing left to do
    auto u = m_db.query("UPDATE sessions SET ended_at = ?1, end_reason = ?2 WHERE uuid = ?3");
    if (!u)
        return std::unexpected(u.error());
    u->bind(1, now()).bind(2, reason.left(200)).bind(3, uuid);
    if (auto s = u->run(); !s)
        return s;
    if (auto s = recordEvent(session.userId, "sign_out", Purpose::Session, reason.left(200)); !s)
        return s;
    return tx->commit();
}

Status AuthService::signOut(const Session& session, const QString& reason)
{
    return endSession(session, reason);
}

Status AuthService::switchedAway(const Session& session)
{
    return endSession(session, QStringLiteral("switched user"));
}

Status AuthService::endOtherSessions(qint64 userId, const Session& keep, const QString& reason,
                                     int& ended)
{
    auto q = m_db.query("UPDATE sessions SET ended_at = ?1, end_reason = ?2 "
                        "WHERE user_id = ?3 AND ended_at IS NULL AND uuid <> ?4");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, now()).bind(2, reason).bind(3, userId);
    q->bind(4, keep.id.toString(QUuid::WithoutBraces));
    if (auto s = q->run(); !s)
        return s;
    ended = m_db.changes();
    return {};
}

Status AuthService::changeCredential(const Session& session, const SecretBytes& current,
                                     const SecretBytes& next, bool pin)
{
    AccessControl access(m_db);
    if (auto role = access.liveRole(session); !role)
        return std::unexpected(role.error());
    // The new one first: a typo in it costs no attempt.
    const Status policy =
        pin ? CredentialHash::checkPinFormat(next) : CredentialHash::checkPasswordPolicy(next);
    if (!policy)
        return fail(ErrorCode::InvalidInput, (pin ? tr("The new PIN is not accepted: %1.")
                                                  : tr("The new password is not accepted: %1."))
                                                 .arg(policy.error().message));
    if (next.equals(current))
        return fail(ErrorCode::InvalidInput,
                    pin ? tr("The new PIN must be different from the current one.")
                        : tr("The new password must be different from the current one."));
    auto account = loadAccount(QStringView(), session.userId);
    if (!account)
        return std::unexpected(account.error());
    if (!*account)
        return notSignedIn();
    if ((pin ? (*account)->pinHash : (*account)->passwordHash).isEmpty())
        return fail(ErrorCode::InvalidInput,
                    pin ? tr("You have no PIN yet. A manager or owner can set one for you.")
                        : tr("You have no password yet. A manager or owner can set one for "
                             "you."));

    auto proof = verify(Purpose::Change, m_signInLimiter, QStringView(), session.userId, current,
                        SecretBytes(), pin ? Use::CurrentPin : Use::CurrentPassword,
                        pin ? tr("The current PIN is not right.")
                            : tr("The current password is not right."));
    if (!proof)
        return std::unexpected(proof.error());
    proof->rehash.clear(); // replaced below anyway
    auto fresh = pin ? hashPin(next) : hashPassword(next);
    if (!fresh)
        return std::unexpected(fresh.error());

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = applySuccess(*proof); !s)
        return s;
    auto q = pin ? m_db.query("UPDATE users SET pin_hash = ?1, credentials_at = ?2 WHERE id = ?3")
                 : m_db.query("UPDATE users SET password_hash = ?1, credentials_at = ?2 "
                              "WHERE id = ?3");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, *fresh).bind(2, now()).bind(3, session.userId);
    if (auto s = q->run(); !s)
        return s;
    // AUTH-4: every other session of this user ends (a session on a register left signed in
    // with the old credential stops working at its next operation).
    int ended = 0;
    if (auto s = endOtherSessions(
            session.userId, session,
            pin ? QStringLiteral("PIN changed") : QStringLiteral("password changed"), ended);
        !s)
        return s;
    if (auto s =
            recordEvent(session.userId, pin ? "pin_changed" : "password_changed", Purpose::Change,
                        QStringLiteral("ended %1 other session(s)").arg(ended));
        !s)
        return s;
    if (auto s = tx->commit(); !s)
        return s;
    qCInfo(lcAuth) << "user" << session.userId
                   << (pin ? "changed their PIN"
                           : "changed their "
                             "password")
                   << "; ended" << ended << "other sessions";
    return {};
}

Status AuthService::changePassword(const Session& session, const SecretBytes& current,
                                   const SecretBytes& next)
{
    return changeCredential(session, current, next, false);
}

Status AuthService::changePin(const Session& session, const SecretBytes& current,
                              const SecretBytes& next)
{
    return changeCredential(session, current, next, true);
}

Result<int> AuthService::idleLockSeconds()
{
    auto value = settings::readInt(m_db, IdleLockKey);
    if (!value && value.error().code != ErrorCode::Corrupt)
        return std::unexpected(value.error());
    if (!value || !*value)
        return DefaultIdleLockSeconds;
    if (**value < MinIdleLockSeconds || **value > MaxIdleLockSeconds) {
        qCWarning(lcAuth) << "the stored idle lock time is not valid; using the default";
        return DefaultIdleLockSeconds;
    }
    return static_cast<int>(**value);
}

Status AuthService::setIdleLockSeconds(const Session& session, int seconds)
{
    AccessControl access(m_db);
    if (auto ok = access.require(session, Permission::SettingsManage); !ok)
        return ok;
    if (seconds < MinIdleLockSeconds || seconds > MaxIdleLockSeconds)
        return fail(ErrorCode::InvalidInput,
                    tr("The idle lock time must be between %1 seconds and %2 minutes.")
                        .arg(MinIdleLockSeconds)
                        .arg(MaxIdleLockSeconds / 60));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    // What was in effect before: the stored value, or the default when none (or an unreadable
    // one) was stored.
    auto before = idleLockSeconds();
    if (!before)
        return std::unexpected(before.error());
    if (auto s = settings::write(m_db, IdleLockKey, QString::number(seconds)); !s)
        return s;
    const QString key = QStringLiteral("key");
    const QString value = QStringLiteral("value");
    AuditEntry entry{session.userId,
                     0,
                     auditaction::SettingsChanged,
                     audit::entity("setting", IdleLockKey),
                     {{key, IdleLockKey}, {value, *before}},
                     {{key, IdleLockKey}, {value, seconds}}};
    if (auto s = audit::record(m_db, entry); !s)
        return s;
    return tx->commit();
}

Result<QList<StaffTile>> AuthService::tiles()
{
    auto where = place();
    if (!where)
        return std::unexpected(where.error());
    auto q =
        m_db.query("SELECT u.id, u.code, u.name, u.role, u.pin_hash IS NOT NULL, "
                   "u.password_hash IS NOT NULL, u.totp_secret IS NOT NULL FROM users u "
                   "WHERE u.active = 1 AND ((u.role = 'owner' AND u.company_id = ?1) OR EXISTS "
                   "(SELECT 1 FROM user_stores us WHERE us.user_id = u.id AND us.store_id = ?2))");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, where->companyId).bind(2, where->storeId);
    QList<StaffTile> tiles;
    auto ok = q->forEach([&] {
        auto role = roleFromName(q->text(3));
        if (!role)
            return; // a role from a newer version: not shown, cannot sign in here either
        StaffTile t;
        t.userId = q->int64(0);
        t.code = q->text(1);
        t.name = q->text(2);
        t.role = *role;
        t.hasPin = q->int64(4) != 0;
        const bool hasPassword = q->int64(5) != 0;
        t.signsInWithPin = *role == Role::Cashier ? t.hasPin || !hasPassword : !hasPassword;
        t.needsTotp = *role == Role::Owner || q->int64(6) != 0;
        tiles.append(t);
    });
    if (!ok)
        return std::unexpected(ok.error());
    std::stable_sort(tiles.begin(), tiles.end(), [](const StaffTile& a, const StaffTile& b) {
        const int c = a.name.localeAwareCompare(b.name);
        return c != 0 ? c < 0 : a.userId < b.userId;
    });
    return tiles;
}

} // namespace pos
