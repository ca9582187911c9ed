#include "staff/AccessChangeLog.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "staff/Permission.h"
#include "staff/Role.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace pos {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AccessChangeLog", text);
}

QString json(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parse(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString roleText(const QJsonValue& v)
{
    const auto role = roleFromName(v.toString());
    return role ? roleTitle(*role) : tr("(unknown role)");
}

QString storesText(const QJsonValue& v, const QHash<qint64, QString>& names)
{
    QStringList out;
    for (const QJsonValue& id : v.toArray()) {
        const qint64 store = id.toInteger();
        out.append(names.value(store, QStringLiteral("#%1").arg(store)));
    }
    return out.isEmpty() ? tr("none") : out.join(QStringLiteral(", "));
}

QString percentText(const QJsonValue& v)
{
    return QStringLiteral("%1%").arg(
        QString::number(static_cast<double>(v.toInteger()) / 10000.0, 'g', 6));
}

QString stateText(const QString& state)
{
    if (state == u"allow")
        return tr("allowed");
    if (state == u"deny")
        return tr("not allowed");
    return tr("the role's default");
}

} // namespace

bool AccessChangeLog::isCredentialReset(const QString& kind)
{
    return kind == ChangeKind::PinReset || kind == ChangeKind::PasswordReset;
}

Result<qint64> AccessChangeLog::record(qint64 actorId, qint64 targetUserId, qint64 storeId,
                                       const QString& kind, const QJsonObject& before,
                                       const QJsonObject& after, qint64 undoes)
{
    auto q = m_db.query("INSERT INTO access_changes (uuid, at, actor_id, target_user_id, "
                        "store_id, kind, before_json, after_json, undoes) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, m_ids.newId().toString(QUuid::WithoutBraces));
    q->bind(2, m_clock.nowUtc().toUTC().toString(Qt::ISODateWithMs));
    q->bind(3, actorId);
    if (targetUserId > 0)
        q->bind(4, targetUserId);
    else
        q->bindNull(4);
    if (storeId > 0)
        q->bind(5, storeId);
    else
        q->bindNull(5);
    q->bind(6, kind).bind(7, json(before)).bind(8, json(after));
    if (undoes > 0)
        q->bind(9, undoes);
    else
        q->bindNull(9);
    if (auto ok = q->run(); !ok)
        return std::unexpected(ok.error());
    const qint64 changeId = m_db.lastInsertRowId();
    if (auto ok = audit::record(m_db, auditEntry(changeId, actorId, targetUserId, storeId, kind,
                                                 before, after, undoes));
        !ok)
        return std::unexpected(ok.error());
    return changeId;
}

QString AccessChangeLog::auditAction(const QString& kind)
{
    if (kind == ChangeKind::Create)
        return auditaction::StaffCreated;
    if (kind == ChangeKind::Deactivate)
        return auditaction::StaffDeactivated;
    if (kind == ChangeKind::Reactivate)
        return auditaction::StaffReactivated;
    if (isCredentialReset(kind))
        return auditaction::StaffCredentialReset;
    if (kind == ChangeKind::RoleChange)
        return auditaction::StaffRoleChanged;
    if (kind == ChangeKind::StoresChange)
        return auditaction::StaffStoresChanged;
    if (kind == ChangeKind::LimitChange)
        return auditaction::StaffDiscountLimitChanged;
    if (kind == ChangeKind::OverrideChange)
        return auditaction::RoleOverrideChanged;
    return {};
}

AuditEntry AccessChangeLog::auditEntry(qint64 changeId, qint64 actorId, qint64 targetUserId,
                                       qint64 storeId, const QString& kind,
                                       const QJsonObject& before, const QJsonObject& after,
                                       qint64 undoes)
{
    // The audit row holds what the access_changes row holds (no hash, no secret: see the class
    // comment) and names that row; an undo says which change it undid.
    AuditEntry entry;
    entry.actorId = actorId;
    entry.action = undoes > 0 ? auditaction::StaffUndo : auditAction(kind);
    entry.entity =
        targetUserId > 0 ? audit::entity("user", targetUserId) : audit::entity("store", storeId);
    entry.before = before;
    entry.after = after;
    entry.after.insert(QStringLiteral("change_id"), changeId);
    entry.after.insert(QStringLiteral("change"), kind);
    if (storeId > 0)
        entry.after.insert(QStringLiteral("store_id"), storeId);
    if (undoes > 0)
        entry.after.insert(QStringLiteral("undoes"), undoes);
    return entry;
}

Result<StoredChange> AccessChangeLog::find(qint64 changeId)
{
    auto q = m_db.query("SELECT c.id, c.actor_id, c.target_user_id, c.store_id, c.kind, "
                        "c.before_json, c.after_json, c.undoes, "
                        "(SELECT d.id FROM access_changes d WHERE d.undoes = c.id) "
                        "FROM access_changes c WHERE c.id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, changeId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, tr("There is no such staff change."));
    StoredChange c;
    c.id = q->int64(0);
    c.actorId = q->int64(1);
    c.targetUserId = q->isNull(2) ? 0 : q->int64(2);
    c.storeId = q->isNull(3) ? 0 : q->int64(3);
    c.kind = q->text(4);
    c.before = parse(q->text(5));
    c.after = parse(q->text(6));
    c.undoes = q->isNull(7) ? 0 : q->int64(7);
    c.undoneBy = q->isNull(8) ? 0 : q->int64(8);
    return c;
}

Result<QList<AccessChange>> AccessChangeLog::forUser(qint64 userId)
{
    return read("c.target_user_id = ?1", userId);
}

Result<QList<AccessChange>> AccessChangeLog::overridesOf(qint64 storeId)
{
    return read("c.kind = 'role_override' AND c.store_id = ?1", storeId);
}

Result<QList<AccessChange>> AccessChangeLog::read(const char* where, qint64 id)
{
    QHash<qint64, QString> storeNames;
    {
        auto s = m_db.query("SELECT id, name FROM stores");
        if (!s)
            return std::unexpected(s.error());
        if (auto ok = s->forEach([&] { storeNames.insert(s->int64(0), s->text(1)); }); !ok)
            return std::unexpected(ok.error());
    }
    const QByteArray sql =
        QByteArray("SELECT c.id, c.at, c.actor_id, u.name, c.target_user_id, c.store_id, c.kind, "
                   "c.before_json, c.after_json, c.undoes, "
                   "(SELECT d.id FROM access_changes d WHERE d.undoes = c.id) "
                   "FROM access_changes c JOIN users u ON u.id = c.actor_id WHERE ") +
        where + " ORDER BY c.id DESC";
    auto q = m_db.query(sql.constData());
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, id);
    QList<AccessChange> out;
    auto ok = q->forEach([&] {
        AccessChange c;
        c.id = q->int64(0);
        c.at = QDateTime::fromString(q->text(1), Qt::ISODateWithMs).toUTC();
        c.actorId = q->int64(2);
        c.actorName = q->text(3);
        c.targetUserId = q->isNull(4) ? 0 : q->int64(4);
        c.storeId = q->isNull(5) ? 0 : q->int64(5);
        c.kind = q->text(6);
        c.beforeJson = q->text(7);
        c.afterJson = q->text(8);
        c.undoes = q->isNull(9) ? 0 : q->int64(9);
        c.undoneBy = q->isNull(10) ? 0 : q->int64(10);
        c.summary = summary(c.kind, parse(c.beforeJson), parse(c.afterJson), storeNames);
        if (c.undoes > 0)
            c.summary = tr("Undo of change %1: %2").arg(c.undoes).arg(c.summary);
        c.undoable = c.undoes == 0 && c.undoneBy == 0 && !isCredentialReset(c.kind);
        out.append(c);
    });
    if (!ok)
        return std::unexpected(ok.error());
    return out;
}

QString AccessChangeLog::summary(const QString& kind, const QJsonObject& before,
                                 const QJsonObject& after,
                                 const QHash<qint64, QString>& storeNames) const
{
    if (kind == ChangeKind::Create) {
        const QString stores = after.value(QStringLiteral("role")).toString() == u"owner"
                                   ? tr("every store")
                                   : storesText(after.value(QStringLiteral("stores")), storeNames);
        return tr("Account created: %1, stores: %2")
            .arg(roleText(after.value(QStringLiteral("role"))), stores);
    }
    if (kind == ChangeKind::Deactivate)
        return tr("Deactivated (%1 session(s) ended)")
            .arg(after.value(QStringLiteral("sessions_ended")).toInteger());
    if (kind == ChangeKind::Reactivate)
        return tr("Reactivated");
    if (kind == ChangeKind::PinReset)
        return tr("PIN reset (%1 session(s) ended)")
            .arg(after.value(QStringLiteral("sessions_ended")).toInteger());
    if (kind == ChangeKind::PasswordReset)
        return tr("Password reset (%1 session(s) ended)")
            .arg(after.value(QStringLiteral("sessions_ended")).toInteger());
    if (kind == ChangeKind::RoleChange)
        return tr("Role: %1 → %2")
            .arg(roleText(before.value(QStringLiteral("role"))),
                 roleText(after.value(QStringLiteral("role"))));
    if (kind == ChangeKind::StoresChange)
        return tr("Stores: %1 → %2")
            .arg(storesText(before.value(QStringLiteral("stores")), storeNames),
                 storesText(after.value(QStringLiteral("stores")), storeNames));
    if (kind == ChangeKind::LimitChange)
        return tr("Discount limit: %1 → %2")
            .arg(percentText(before.value(QStringLiteral("discount_limit_ppm"))),
                 percentText(after.value(QStringLiteral("discount_limit_ppm"))));
    if (kind == ChangeKind::OverrideChange) {
        const auto p = permissionFromName(after.value(QStringLiteral("permission")).toString());
        return tr("%1 may %2: %3 → %4")
            .arg(roleText(after.value(QStringLiteral("role"))),
                 p ? permissionDescription(*p) : tr("(unknown permission)"),
                 stateText(before.value(QStringLiteral("state")).toString()),
                 stateText(after.value(QStringLiteral("state")).toString()));
    }
    return kind;
}

} // namespace pos
