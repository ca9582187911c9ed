#pragma once

#include "Clock.h"
#include "Error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pos {

class Database;
struct AuditEntry;

// The kinds of rows in access_changes (RBAC-4).
namespace ChangeKind {
inline const QString Create = QStringLiteral("create");
inline const QString Deactivate = QStringLiteral("deactivate");
inline const QString Reactivate = QStringLiteral("reactivate");
inline const QString PinReset = QStringLiteral("pin_reset");
inline const QString PasswordReset = QStringLiteral("password_reset");
inline const QString RoleChange = QStringLiteral("role");
inline const QString StoresChange = QStringLiteral("stores");
inline const QString LimitChange = QStringLiteral("discount_limit");
inline const QString OverrideChange = QStringLiteral("role_override");
} // namespace ChangeKind

// One row of access_changes as the history screen shows it.
struct AccessChange {
    qint64 id = 0;
    QDateTime at;
    qint64 actorId = 0;
    QString actorName;
    qint64 targetUserId = 0; // 0 for role overrides
    qint64 storeId = 0;
    QString kind;
    QString beforeJson;
    QString afterJson;
    qint64 undoes = 0;     // this row undoes that one
    qint64 undoneBy = 0;   // a later row undid this one
    QString summary;       // "Role: Cashier → Auditor", for people
    bool undoable = false; // not an undo, not undone, not a credential reset
};

// A change as undo() needs it.
struct StoredChange {
    qint64 id = 0;
    qint64 actorId = 0;
    qint64 targetUserId = 0;
    qint64 storeId = 0;
    QString kind;
    QJsonObject before;
    QJsonObject after;
    qint64 undoes = 0;
    qint64 undoneBy = 0;
};

// Writes and reads access_changes. The caller holds the transaction and has done the checks; the
// JSON it passes must not hold a hash or a secret (StaffService builds it from plain fields).
// record() also writes the change's audit row (AUD-1) in that transaction: the same before and
// after, the access_changes id, and for an undo the action staff.undo naming the undone change.
class AccessChangeLog {
public:
    AccessChangeLog(Database& db, const Clock& clock, IdSource& ids)
        : m_db(db), m_clock(clock), m_ids(ids)
    {}

    // targetUserId / storeId 0 are stored as NULL; undoes 0 as NULL.
    Result<qint64> record(qint64 actorId, qint64 targetUserId, qint64 storeId, const QString& kind,
                          const QJsonObject& before, const QJsonObject& after, qint64 undoes = 0);
    Result<StoredChange> find(qint64 changeId);
    Result<QList<AccessChange>> forUser(qint64 userId);
    Result<QList<AccessChange>> overridesOf(qint64 storeId);

    static bool isCredentialReset(const QString& kind);
    // The audit action of a change kind (docs/audit-format.md); empty for an unknown kind.
    static QString auditAction(const QString& kind);

private:
    static AuditEntry auditEntry(qint64 changeId, qint64 actorId, qint64 targetUserId,
                                 qint64 storeId, const QString& kind, const QJsonObject& before,
                                 const QJsonObject& after, qint64 undoes);
    Result<QList<AccessChange>> read(const char* where, qint64 id);
    QString summary(const QString& kind, const QJsonObject& before, const QJsonObject& after,
                    const QHash<qint64, QString>& storeNames) const;

    Database& m_db;
    const Clock& m_clock;
    IdSource& m_ids;
};

} // namespace pos
