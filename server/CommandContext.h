#pragma once

// Shared by CommandHandler's source files only (CommandHandler.cpp, CommandContext.cpp,
// CatalogCommands.cpp, StaffCommands.cpp, StoreCommands.cpp): the parsed command, the acting
// user, field parsing, the stale message and the change_log append.

#include "ApiResponse.h"
#include "PgConnection.h"
#include "staff/Permission.h"
#include "staff/Role.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace pos::server::commands {

struct Command {
    QString commandId;
    QString kind;
    QString id;
    qint64 baseVersion = 0;
    QJsonObject data;
};

// What a command did: the answer (and what pos.commands keeps for resends and stale messages).
struct Applied {
    QString id;
    qint64 version = 0;
    QString entity;      // "product:<uuid>", "store_price:<store>:<product>", ...
    QStringList changed; // the fields whose values changed
    QJsonObject toJson() const;
};

// The signed-in user, read again inside the command's transaction.
struct Actor {
    QString id;
    QString name;
    Role role = Role::Cashier;
    qint64 discountLimitPpm = 0;
    QStringList stores;                    // the session's stores (an owner: every store)
    QHash<QString, PermissionSet> inStore; // effective permissions per store
};

// A typed field of a command's data and how it reaches SQL and messages.
enum class FieldType {
    Text,
    Money,
    Ppm,
    Bool,
    Uuid,
    OptionalUuid,
    Barcodes,
    Role,
    PinHash,
    PasswordHash,
    Code,
    Limit
};

struct FieldSpec {
    const char* name; // the JSON key and the column
    FieldType type;
    const char* label; // "price", for messages
};

struct FieldValue {
    const FieldSpec* spec = nullptr;
    QJsonValue json;  // as sent, normalised (trimmed text, validated barcodes)
    QByteArray param; // the SQL parameter in text form; null for SQL NULL
    QString sqlExpression(int index) const; // "$3::bigint", "ARRAY(...)"
};

ApiResponse badRequest(const QString& message);
ApiResponse forbidden(const QString& message);
ApiResponse notFound(const QString& message);
ApiResponse conflict(const QString& message);
ApiResponse unavailable();

// "1.29" for 129 minor units; "19%" for 190000 ppm.
QString moneyText(qint64 minor);
QString ppmText(qint64 ppm);
bool validUuid(const QString& text);

class CommandContext {
public:
    CommandContext(PgConnection& pg, const RequestContext& who, Actor actor)
        : m_pg(pg), m_who(who), m_actor(std::move(actor))
    {}

    PgConnection& pg() { return m_pg; }
    const RequestContext& who() const { return m_who; }
    const Actor& actor() const { return m_actor; }
    bool isOwner() const { return m_actor.role == Role::Owner; }

    // The user's permission in one of their stores (forbidden otherwise), or in every one of
    // their stores for company-wide data (owners always).
    std::optional<ApiResponse> requireIn(Permission permission, const QString& storeId) const;
    std::optional<ApiResponse> requireEverywhere(Permission permission) const;

    // The fields of data named in specs (unknown keys are refused), checked by type.
    ApiResult<QList<FieldValue>> fields(const QJsonObject& data,
                                        const QList<const FieldSpec*>& specs) const;

    // A database failure as an answer: unique -> conflict (uniqueMessage), a foreign key or a
    // check -> bad_request, row-level security -> forbidden, anything else -> unavailable.
    ApiResponse databaseError(const Error& error, const QString& uniqueMessage = {});

    // Appends to pos.change_log (storeId empty: company-wide). Call after the command's other
    // writes: the first append takes the company's change-log lock until the commit.
    std::optional<ApiResponse> appendChange(const QString& storeId, const QString& kind,
                                            const QString& entityId, qint64 version,
                                            bool deleted = false);
    // The highest version change_log holds for an entity (0 when none): the version of a row that
    // was deleted, so a row made again continues from it.
    ApiResult<qint64> loggedVersion(const QString& storeId, const QString& kind,
                                    const QString& entityId);

    // 409 stale naming what changed since `base` (from the answers kept in pos.commands), the
    // current values (valueText per field), the current version and who changed it.
    ApiResponse stale(const QString& entity, const QString& subject, qint64 base, qint64 current,
                      const std::function<QString(const QString& field)>& valueText,
                      const QHash<QString, QString>& labels);

private:
    PgConnection& m_pg;
    const RequestContext& m_who;
    Actor m_actor;
};

using Handler = ApiResult<Applied> (*)(CommandContext&, const Command&);

// CatalogCommands.cpp
ApiResult<Applied> productCreate(CommandContext& ctx, const Command& command);
ApiResult<Applied> productUpdate(CommandContext& ctx, const Command& command);
ApiResult<Applied> taxClassCreate(CommandContext& ctx, const Command& command);
ApiResult<Applied> taxClassUpdate(CommandContext& ctx, const Command& command);
ApiResult<Applied> categoryCreate(CommandContext& ctx, const Command& command);
// StoreCommands.cpp
ApiResult<Applied> storePriceSet(CommandContext& ctx, const Command& command);
ApiResult<Applied> settingSet(CommandContext& ctx, const Command& command);
ApiResult<Applied> roleOverrideSet(CommandContext& ctx, const Command& command);
// StaffCommands.cpp
ApiResult<Applied> userCreate(CommandContext& ctx, const Command& command);
ApiResult<Applied> userUpdate(CommandContext& ctx, const Command& command);

} // namespace pos::server::commands
