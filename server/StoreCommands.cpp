// Commands on store-scoped data (and settings, which may also be company-wide): a store's price
// of a product, a setting, a role override (docs/sync.md, "Commands"). The row may not exist
// (no store price, the default setting, "inherit"): its version is then the one change_log holds
// for it (its deletion's), so a row made again continues the count and an edit based on the
// deleted one is still stale.

#include "CommandContext.h"
#include "catalog/CatalogText.h"
#include "sync/PullApplier.h"

namespace pos::server::commands {

using catalogtext::quoted;

namespace {

// One optional row of a store-scoped table, locked for the command.
struct Current {
    bool exists = false;
    QString value; // price_minor, value or allowed as text
    qint64 version = 0;
};

ApiResult<Current> lockRow(CommandContext& ctx, const QByteArray& sql,
                           const QList<QByteArray>& params, const QString& storeId,
                           const QString& kind, const QString& entityId)
{
    auto row = ctx.pg().exec(sql, params);
    if (!row)
        return std::unexpected(ctx.databaseError(row.error()));
    Current c;
    if (row->rows() > 0) {
        c.exists = true;
        c.value = row->text(0, 0);
        c.version = row->integer(0, 1);
        return c;
    }
    auto logged = ctx.loggedVersion(storeId, kind, entityId);
    if (!logged)
        return std::unexpected(logged.error());
    c.version = *logged;
    return c;
}

ApiResult<QString> storeName(CommandContext& ctx, const QString& storeId)
{
    auto r = ctx.pg().exec("SELECT name FROM pos.stores WHERE id = $1::uuid", {storeId.toUtf8()});
    if (!r)
        return std::unexpected(ctx.databaseError(r.error()));
    if (r->rows() == 0)
        return std::unexpected(notFound(QStringLiteral("There is no such store.")));
    return r->text(0, 0);
}

// data.store_id: a UUID (required) or, when optional, absent/null for company-wide.
ApiResult<QString> storeOf(const QJsonObject& data, bool optional)
{
    const QJsonValue v = data.value(QStringLiteral("store_id"));
    if (optional && (v.isUndefined() || v.isNull()))
        return QString();
    if (!v.isString() || !validUuid(v.toString()))
        return std::unexpected(badRequest(QStringLiteral("store_id must be a store's UUID.")));
    return v.toString().toLower();
}

std::optional<ApiResponse> onlyKeys(const QJsonObject& data, const QStringList& keys)
{
    for (const QString& k : data.keys())
        if (!keys.contains(k))
            return badRequest(QStringLiteral("This command has no field %1.").arg(quoted(k)));
    return std::nullopt;
}

} // namespace

ApiResult<Applied> storePriceSet(CommandContext& ctx, const Command& command)
{
    if (!validUuid(command.id))
        return std::unexpected(badRequest(QStringLiteral("A store price's id is its product's "
                                                         "UUID.")));
    const QString productId = command.id.toLower();
    if (auto no =
            onlyKeys(command.data, {QStringLiteral("store_id"), QStringLiteral("price_minor")}))
        return std::unexpected(*no);
    auto store = storeOf(command.data, false);
    if (!store)
        return std::unexpected(store.error());
    if (auto no = ctx.requireIn(Permission::CatalogEdit, *store))
        return std::unexpected(*no);
    const QJsonValue price = command.data.value(QStringLiteral("price_minor"));
    const double p = price.toDouble(-1);
    if (!price.isNull() &&
        (!price.isDouble() || p < 0 || p > 9.0e15 || p != static_cast<double>(price.toInteger())))
        return std::unexpected(badRequest(QStringLiteral(
            "price_minor must be a whole number of minor units (or null for the company's "
            "price).")));
    auto product = ctx.pg().exec("SELECT name, price_minor FROM pos.products WHERE id = $1::uuid",
                                 {productId.toUtf8()});
    if (!product)
        return std::unexpected(ctx.databaseError(product.error()));
    if (product->rows() == 0)
        return std::unexpected(notFound(QStringLiteral("There is no such product.")));
    const QString productName = product->text(0, 0);
    const qint64 companyPrice = product->integer(0, 1);
    auto name = storeName(ctx, *store);
    if (!name)
        return std::unexpected(name.error());
    auto current = lockRow(ctx,
                           "SELECT price_minor, version FROM pos.store_prices "
                           "WHERE store_id = $1::uuid AND product_id = $2::uuid FOR UPDATE",
                           {store->toUtf8(), productId.toUtf8()}, *store,
                           QStringLiteral("store_price"), productId);
    if (!current)
        return std::unexpected(current.error());
    const QString entity = QStringLiteral("store_price:%1:%2").arg(*store, productId);
    if (current->version != command.baseVersion)
        return std::unexpected(
            ctx.stale(entity, quoted(productName) + QStringLiteral(" in ") + quoted(*name),
                      command.baseVersion, current->version,
                      [&](const QString&) {
                          return current->exists ? moneyText(current->value.toLongLong())
                                                 : QStringLiteral("the company's price (%1)")
                                                       .arg(moneyText(companyPrice));
                      },
                      {{QStringLiteral("price_minor"), QStringLiteral("price")}}));
    const bool remove = price.isNull();
    if ((remove && !current->exists) ||
        (!remove && current->exists && current->value.toLongLong() == price.toInteger()))
        return Applied{productId, current->version, entity, {}};
    const qint64 next = current->version + 1;
    const QList<QByteArray> params{ctx.who().companyId.toUtf8(), store->toUtf8(),
                                   productId.toUtf8(), QByteArray::number(price.toInteger()),
                                   QByteArray::number(next)};
    auto written =
        remove ? ctx.pg().exec("DELETE FROM pos.store_prices WHERE store_id = $1::uuid AND "
                               "product_id = $2::uuid",
                               {store->toUtf8(), productId.toUtf8()})
        : current->exists
            ? ctx.pg().exec("UPDATE pos.store_prices SET price_minor = $4::bigint, version = "
                            "$5::bigint WHERE company_id = $1::uuid AND store_id = $2::uuid AND "
                            "product_id = $3::uuid",
                            params)
            : ctx.pg().exec("INSERT INTO pos.store_prices (company_id, store_id, product_id, "
                            "price_minor, version) VALUES ($1::uuid, $2::uuid, $3::uuid, "
                            "$4::bigint, $5::bigint)",
                            params);
    if (!written)
        return std::unexpected(ctx.databaseError(
            written.error(), QStringLiteral("Someone else set this price at the same moment: "
                                            "reload and try again.")));
    if (auto no = ctx.appendChange(*store, QStringLiteral("store_price"), productId, next, remove))
        return std::unexpected(*no);
    return Applied{productId, next, entity, {QStringLiteral("price_minor")}};
}

ApiResult<Applied> settingSet(CommandContext& ctx, const Command& command)
{
    const QString key = command.id;
    if (!PullApplier::syncedSettingKeys().contains(key))
        return std::unexpected(
            badRequest(QStringLiteral("%1 is not a setting registers take from the server (those "
                                      "are: %2).")
                           .arg(quoted(key), PullApplier::syncedSettingKeys().join(u", "))));
    if (auto no = onlyKeys(command.data, {QStringLiteral("store_id"), QStringLiteral("value")}))
        return std::unexpected(*no);
    auto store = storeOf(command.data, true);
    if (!store)
        return std::unexpected(store.error());
    if (auto no = store->isEmpty() ? ctx.requireEverywhere(Permission::SettingsManage)
                                   : ctx.requireIn(Permission::SettingsManage, *store))
        return std::unexpected(*no);
    const QJsonValue v = command.data.value(QStringLiteral("value"));
    const bool remove = v.isNull();
    QString value;
    if (v.isString())
        value = v.toString().trimmed();
    else if (v.isDouble() && v.toDouble() == static_cast<double>(v.toInteger()))
        value = QString::number(v.toInteger());
    else if (!remove)
        return std::unexpected(badRequest(QStringLiteral("value must be text, a whole number or "
                                                         "null (back to the default).")));
    if (!remove)
        if (auto ok = PullApplier::checkSyncedSetting(key, value); !ok)
            return std::unexpected(badRequest(ok.error().message));
    QString where = QStringLiteral("for the company");
    if (!store->isEmpty()) {
        auto name = storeName(ctx, *store);
        if (!name)
            return std::unexpected(name.error());
        where = QStringLiteral("in ") + quoted(*name);
    }
    const QByteArray storeParam = store->isEmpty() ? QByteArray() : store->toUtf8();
    auto current = lockRow(ctx,
                           "SELECT value, version FROM pos.settings WHERE key = $1 AND "
                           "store_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE",
                           {key.toUtf8(), storeParam}, *store, QStringLiteral("setting"), key);
    if (!current)
        return std::unexpected(current.error());
    const QString entity = QStringLiteral("setting:%1:%2")
                               .arg(store->isEmpty() ? QStringLiteral("company") : *store, key);
    if (current->version != command.baseVersion)
        return std::unexpected(ctx.stale(
            entity, QStringLiteral("the setting %1 %2").arg(quoted(key), where),
            command.baseVersion, current->version,
            [&](const QString&) {
                return current->exists ? quoted(current->value) : QStringLiteral("the default");
            },
            {{QStringLiteral("value"), QStringLiteral("value")}}));
    if ((remove && !current->exists) || (!remove && current->exists && current->value == value))
        return Applied{key, current->version, entity, {}};
    const qint64 next = current->version + 1;
    const QList<QByteArray> params{ctx.who().companyId.toUtf8(), storeParam, key.toUtf8(),
                                   value.toUtf8(), QByteArray::number(next)};
    auto written =
        remove ? ctx.pg().exec("DELETE FROM pos.settings WHERE key = $1 AND "
                               "store_id IS NOT DISTINCT FROM $2::uuid",
                               {key.toUtf8(), storeParam})
        : current->exists
            ? ctx.pg().exec("UPDATE pos.settings SET value = $4, version = $5::bigint "
                            "WHERE company_id = $1::uuid AND key = $3 AND "
                            "store_id IS NOT DISTINCT FROM $2::uuid",
                            params)
            : ctx.pg().exec("INSERT INTO pos.settings (company_id, store_id, key, value, "
                            "version) VALUES ($1::uuid, $2::uuid, $3, $4, $5::bigint)",
                            params);
    if (!written)
        return std::unexpected(ctx.databaseError(
            written.error(), QStringLiteral("Someone else set this at the same moment: reload "
                                            "and try again.")));
    if (auto no = ctx.appendChange(*store, QStringLiteral("setting"), key, next, remove))
        return std::unexpected(*no);
    return Applied{key, next, entity, {QStringLiteral("value")}};
}

ApiResult<Applied> roleOverrideSet(CommandContext& ctx, const Command& command)
{
    const QString roleText = command.id.section(u':', 0, 0);
    const QString permissionText = command.id.section(u':', 1);
    const auto role = roleFromName(roleText);
    const auto permission = permissionFromName(permissionText);
    if (!role || *role == Role::Owner || !permission)
        return std::unexpected(badRequest(
            QStringLiteral("A role override's id is <role>:<permission> for the role manager, "
                           "cashier or auditor and a permission such as sale.void.")));
    if (auto no = onlyKeys(command.data, {QStringLiteral("store_id"), QStringLiteral("state")}))
        return std::unexpected(*no);
    auto store = storeOf(command.data, false);
    if (!store)
        return std::unexpected(store.error());
    if (auto no = ctx.requireIn(Permission::RolesManage, *store))
        return std::unexpected(*no);
    const QString state = command.data.value(QStringLiteral("state")).toString();
    if (state != u"allow" && state != u"deny" && state != u"inherit")
        return std::unexpected(badRequest(QStringLiteral("state must be allow, deny or inherit.")));
    auto name = storeName(ctx, *store);
    if (!name)
        return std::unexpected(name.error());
    const QString id = roleText + u':' + permissionText;
    auto current = lockRow(ctx,
                           "SELECT CASE WHEN allowed THEN 'allow' ELSE 'deny' END, version "
                           "FROM pos.role_overrides WHERE store_id = $1::uuid AND role = $2 AND "
                           "permission = $3 FOR UPDATE",
                           {store->toUtf8(), roleText.toUtf8(), permissionText.toUtf8()}, *store,
                           QStringLiteral("role_override"), id);
    if (!current)
        return std::unexpected(current.error());
    const QString entity = QStringLiteral("role_override:%1:%2").arg(*store, id);
    if (current->version != command.baseVersion)
        return std::unexpected(ctx.stale(
            entity,
            QStringLiteral("the permission to %1 for %2s in %3")
                .arg(permissionDescription(*permission), roleText, quoted(*name)),
            command.baseVersion, current->version,
            [&](const QString&) {
                return current->exists ? current->value : QStringLiteral("the role's default");
            },
            {{QStringLiteral("state"), QStringLiteral("setting")}}));
    const bool remove = state == u"inherit";
    if ((remove && !current->exists) || (!remove && current->exists && current->value == state))
        return Applied{id, current->version, entity, {}};
    const qint64 next = current->version + 1;
    const QList<QByteArray> params{ctx.who().companyId.toUtf8(),
                                   store->toUtf8(),
                                   roleText.toUtf8(),
                                   permissionText.toUtf8(),
                                   state == u"allow" ? "true" : "false",
                                   QByteArray::number(next)};
    auto written =
        remove ? ctx.pg().exec("DELETE FROM pos.role_overrides WHERE store_id = $1::uuid AND "
                               "role = $2 AND permission = $3",
                               {store->toUtf8(), roleText.toUtf8(), permissionText.toUtf8()})
        : current->exists
            ? ctx.pg().exec("UPDATE pos.role_overrides SET allowed = $5::boolean, version = "
                            "$6::bigint WHERE company_id = $1::uuid AND store_id = $2::uuid AND "
                            "role = $3 AND permission = $4",
                            params)
            : ctx.pg().exec("INSERT INTO pos.role_overrides (company_id, store_id, role, "
                            "permission, allowed, version) VALUES ($1::uuid, $2::uuid, $3, $4, "
                            "$5::boolean, $6::bigint)",
                            params);
    if (!written)
        return std::unexpected(ctx.databaseError(
            written.error(), QStringLiteral("Someone else set this at the same moment: reload "
                                            "and try again.")));
    if (auto no = ctx.appendChange(*store, QStringLiteral("role_override"), id, next, remove))
        return std::unexpected(*no);
    return Applied{id, next, entity, {QStringLiteral("state")}};
}

} // namespace pos::server::commands
