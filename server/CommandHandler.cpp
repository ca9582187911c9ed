#include "CommandHandler.h"

#include "CommandContext.h"

#include <QJsonDocument>
#include <QLoggingCategory>

// Ids and kinds only: never a value of a command (names, hashes, prices are not logged).
Q_LOGGING_CATEGORY(lcCommandHandler, "pos.syncd.commands")

namespace pos::server {

using namespace commands;

namespace {

const QHash<QString, Handler>& handlers()
{
    static const QHash<QString, Handler> all{
        {QStringLiteral("product.create"), &productCreate},
        {QStringLiteral("product.update"), &productUpdate},
        {QStringLiteral("tax_class.create"), &taxClassCreate},
        {QStringLiteral("tax_class.update"), &taxClassUpdate},
        {QStringLiteral("category.create"), &categoryCreate},
        {QStringLiteral("store_price.set"), &storePriceSet},
        {QStringLiteral("setting.set"), &settingSet},
        {QStringLiteral("role_override.set"), &roleOverrideSet},
        {QStringLiteral("user.create"), &userCreate},
        {QStringLiteral("user.update"), &userUpdate},
    };
    return all;
}

ApiResult<Command> parse(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(badRequest(QStringLiteral("The command is not a JSON object.")));
    const QJsonObject o = doc.object();
    Command c;
    c.commandId = o.value(QStringLiteral("command_id")).toString().toLower();
    c.kind = o.value(QStringLiteral("kind")).toString();
    c.id = o.value(QStringLiteral("id")).toString();
    const QJsonValue base = o.value(QStringLiteral("base_version"));
    const QJsonValue data = o.value(QStringLiteral("data"));
    if (!validUuid(c.commandId))
        return std::unexpected(badRequest(QStringLiteral("command_id must be a UUID.")));
    if (!handlers().contains(c.kind))
        return std::unexpected(badRequest(QStringLiteral("This server does not know that kind "
                                                         "of command.")));
    if (c.id.isEmpty() || c.id.size() > 100)
        return std::unexpected(badRequest(QStringLiteral("The command needs an id.")));
    const double b = base.toDouble(-1);
    if (!base.isDouble() || b < 0 || b > 9.0e15 || b != static_cast<double>(base.toInteger()))
        return std::unexpected(
            badRequest(QStringLiteral("base_version must be a whole number, 0 or more.")));
    c.baseVersion = base.toInteger();
    if (!data.isObject())
        return std::unexpected(badRequest(QStringLiteral("data must be a JSON object.")));
    c.data = data.toObject();
    return c;
}

// The signed-in user as stored now, with their permissions in each of the session's stores
// (core/staff/Role.cpp's defaults with the store's role_overrides, as AccessControl does).
ApiResult<Actor> loadActor(PgConnection& pg, const RequestContext& who)
{
    auto user = pg.exec("SELECT name, role, active, discount_limit_ppm FROM pos.users "
                        "WHERE id = $1::uuid",
                        {who.userId.toUtf8()});
    if (!user)
        return std::unexpected(unavailable());
    const auto role = user->rows() == 1 ? roleFromName(user->text(0, 1)) : std::nullopt;
    if (!role || !user->boolean(0, 2))
        return std::unexpected(apiError(401, QStringLiteral("unauthenticated"),
                                        QStringLiteral("Your session is no longer valid: sign "
                                                       "in again.")));
    Actor a;
    a.id = who.userId;
    a.name = user->text(0, 0);
    a.role = *role;
    a.discountLimitPpm = user->integer(0, 3);
    a.stores = who.storeIds;
    for (const QString& store : a.stores)
        a.inStore.insert(store, defaultPermissions(a.role));
    if (a.role != Role::Owner) {
        auto overrides = pg.exec("SELECT store_id, permission, allowed FROM pos.role_overrides "
                                 "WHERE role = $1",
                                 {roleName(a.role).toUtf8()});
        if (!overrides)
            return std::unexpected(unavailable());
        for (int r = 0; r < overrides->rows(); ++r) {
            const QString store = overrides->text(r, 0);
            const auto p = permissionFromName(overrides->text(r, 1));
            if (!p || !a.inStore.contains(store))
                continue;
            if (overrides->boolean(r, 2))
                a.inStore[store].insert(*p);
            else
                a.inStore[store].remove(*p);
        }
    }
    return a;
}

// A command id already answered: the same answer for the same user, a conflict otherwise.
ApiResult<std::optional<ApiResponse>> answered(PgConnection& pg, const RequestContext& who,
                                               const Command& command)
{
    auto known = pg.exec("SELECT result::text, user_id, kind FROM pos.commands "
                         "WHERE id = $1::uuid",
                         {command.commandId.toUtf8()});
    if (!known)
        return std::unexpected(unavailable());
    if (known->rows() == 0)
        return std::optional<ApiResponse>();
    if (known->text(0, 1) != who.userId || known->text(0, 2) != command.kind)
        return std::optional<ApiResponse>(
            conflict(QStringLiteral("This command id was used for another command.")));
    return std::optional<ApiResponse>(
        ApiResponse{200, QJsonDocument::fromJson(known->value(0, 0)).object()});
}

} // namespace

CommandHandler::CommandHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse CommandHandler::handle(const RequestContext& who, const QByteArray& body,
                                   const QUrlQuery& query)
{
    Q_UNUSED(query);
    if (who.companyId.isEmpty() || who.registerId.isEmpty())
        return apiError(401, QStringLiteral("unauthenticated"),
                        QStringLiteral("Only an enrolled register can send commands."));
    if (who.userId.isEmpty())
        return apiError(401, QStringLiteral("unauthenticated"),
                        QStringLiteral("A command needs a signed-in user: sign in first."));
    auto command = parse(body);
    if (!command)
        return command.error();

    PgConnection& pg = m_ctx.pg;
    // A resend racing its first run: the second insert into pos.commands fails; the stored
    // answer is read again once the first has committed.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (auto ok = pg.begin(); !ok)
            return unavailable();
        if (auto ok = setTenant(pg, who.companyId, who.storeIds); !ok) {
            pg.rollback();
            return unavailable();
        }
        auto before = answered(pg, who, *command);
        if (!before || *before) {
            pg.rollback();
            return before ? **before : before.error();
        }
        auto actor = loadActor(pg, who);
        if (!actor) {
            pg.rollback();
            return actor.error();
        }
        CommandContext ctx(pg, who, std::move(*actor));
        auto applied = handlers().value(command->kind)(ctx, *command);
        if (!applied) {
            pg.rollback(); // every refusal writes nothing
            qCInfo(lcCommandHandler)
                << "command" << command->commandId << command->kind << "by user" << who.userId
                << "refused:" << applied.error().status;
            return applied.error();
        }
        const QJsonObject result = applied->toJson();
        auto stored =
            pg.exec("INSERT INTO pos.commands (company_id, id, user_id, device_id, kind, result) "
                    "VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6::jsonb)",
                    {who.companyId.toUtf8(), command->commandId.toUtf8(), who.userId.toUtf8(),
                     who.registerId.toUtf8(), command->kind.toUtf8(),
                     QJsonDocument(result).toJson(QJsonDocument::Compact)});
        if (!stored && pg.sqlState() == "23505" && attempt == 0) {
            pg.rollback();
            continue;
        }
        if (!stored)
            return ctx.databaseError(stored.error());
        if (auto ok = pg.commit(); !ok) {
            pg.rollback();
            return unavailable();
        }
        qCInfo(lcCommandHandler) << "command" << command->commandId << command->kind << "by user"
                                 << who.userId << "applied: version" << applied->version;
        return {200, result};
    }
    return unavailable();
}

} // namespace pos::server
