#include "PullHandler.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <cstring>
#include <limits>
#include <optional>

// Ids and counts only.
Q_LOGGING_CATEGORY(lcPullHandler, "pos.syncd.pull")

namespace pos::server {

namespace {

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

ApiResponse unavailable()
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("The server's database did not answer. Try again later."));
}

// A query parameter that must be a whole number in [min, max] when given.
std::optional<qint64> number(const QUrlQuery& query, const QString& key, qint64 fallback,
                             qint64 min, qint64 max)
{
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const qint64 n = query.queryItemValue(key).toLongLong(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

QJsonObject parseObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

// The entity's current state as the register's store sees it, built by PostgreSQL as JSON (one
// statement per kind; every table is behind row-level security for this company and store).
// $1 = entity id, $2 = the register's store.
struct KindQuery {
    const char* kind; // what the register receives
    const char* sql;  // one row: data json, version, deleted; no row: gone
};

// Products carry this store's price (price_minor: the store price when set, else the company's)
// and the company's price and the store price's version for editors.
constexpr char ProductSql[] =
    "SELECT json_build_object('sku', p.sku, 'name', p.name, "
    "'price_minor', coalesce(sp.price_minor, p.price_minor), "
    "'company_price_minor', p.price_minor, 'store_price_version', coalesce(sp.version, ("
    "SELECT max(l.version) FROM pos.change_log l WHERE l.kind = 'store_price' AND "
    "l.entity_id = p.id::text AND l.store_id = $2::uuid), 0), "
    "'cost_minor', p.cost_minor, 'tax_class_id', p.tax_class_id, 'category_id', p.category_id, "
    "'barcodes', to_json(p.barcodes), 'active', p.active, 'sold_by_weight', p.sold_by_weight)"
    "::text, p.version, NOT p.active "
    "FROM pos.products p LEFT JOIN pos.store_prices sp "
    "ON sp.product_id = p.id AND sp.store_id = $2::uuid WHERE p.id = $1::uuid";

// Staff who work in this store (owners work in every store), with their credential hashes so
// they can sign in at the register while it is offline. Authenticator secrets are not here.
constexpr char UserSql[] =
    "SELECT json_build_object('code', u.code, 'name', u.name, 'role', u.role, "
    "'active', u.active, 'discount_limit_ppm', u.discount_limit_ppm, 'pin_hash', u.pin_hash, "
    "'password_hash', u.password_hash)::text, u.version, NOT u.active "
    "FROM pos.users u WHERE u.id = $1::uuid AND (u.role = 'owner' OR EXISTS ("
    "SELECT 1 FROM pos.user_stores us WHERE us.user_id = u.id AND us.store_id = $2::uuid))";

constexpr char TaxClassSql[] =
    "SELECT json_build_object('code', code, 'name', name, 'rate_ppm', rate_ppm, "
    "'inclusive', inclusive)::text, version, false FROM pos.tax_classes WHERE id = $1::uuid";

constexpr char CategorySql[] = "SELECT json_build_object('name', name)::text, version, false "
                               "FROM pos.categories WHERE id = $1::uuid";

// id "<role>:<permission>".
constexpr char RoleOverrideSql[] =
    "SELECT json_build_object('role', role, 'permission', permission, 'allowed', allowed)::text, "
    "version, false FROM pos.role_overrides WHERE store_id = $2::uuid "
    "AND role = split_part($1, ':', 1) AND permission = split_part($1, ':', 2)";

// The value this store uses: its own, else the company's; and the version of each scope's row
// (of its deletion when there is none) for editors' base_version, also when neither is left
// (deleted, with those versions in data).
constexpr char SettingSql[] =
    "WITH c AS (SELECT value, version FROM pos.settings WHERE key = $1 AND store_id IS NULL), "
    "s AS (SELECT value, version FROM pos.settings WHERE key = $1 AND store_id = $2::uuid), "
    "v AS (SELECT coalesce((SELECT version FROM c), (SELECT max(version) FROM pos.change_log "
    "WHERE kind = 'setting' AND entity_id = $1 AND store_id IS NULL), 0) AS company, "
    "coalesce((SELECT version FROM s), (SELECT max(version) FROM pos.change_log "
    "WHERE kind = 'setting' AND entity_id = $1 AND store_id = $2::uuid), 0) AS store) "
    "SELECT json_build_object('key', $1::text, "
    "'value', coalesce((SELECT value FROM s), (SELECT value FROM c)), "
    "'scope', CASE WHEN EXISTS (SELECT 1 FROM s) THEN 'store' ELSE 'company' END, "
    "'company_version', v.company, 'store_version', v.store)::text, "
    "coalesce((SELECT version FROM s), (SELECT version FROM c), greatest(v.company, v.store)), "
    "NOT EXISTS (SELECT 1 FROM s) AND NOT EXISTS (SELECT 1 FROM c) FROM v";

constexpr char StoreSql[] = "SELECT json_build_object('name', name)::text, 1, false "
                            "FROM pos.stores WHERE id = $1::uuid AND id = $2::uuid";

// change_log kinds -> what the register gets. A store price and a store assignment are sent as
// the product and the user they belong to.
const KindQuery* kindFor(const QString& logKind)
{
    static const QHash<QString, KindQuery> kinds{
        {QStringLiteral("product"), {"product", ProductSql}},
        {QStringLiteral("store_price"), {"product", ProductSql}},
        {QStringLiteral("user"), {"user", UserSql}},
        {QStringLiteral("user_stores"), {"user", UserSql}},
        {QStringLiteral("tax_class"), {"tax_class", TaxClassSql}},
        {QStringLiteral("category"), {"category", CategorySql}},
        {QStringLiteral("role_override"), {"role_override", RoleOverrideSql}},
        {QStringLiteral("setting"), {"setting", SettingSql}},
        {QStringLiteral("store"), {"store", StoreSql}},
    };
    const auto it = kinds.constFind(logKind);
    return it == kinds.constEnd() ? nullptr : &*it;
}

} // namespace

PullHandler::PullHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse PullHandler::handle(const RequestContext& who, const QByteArray& body,
                                const QUrlQuery& query)
{
    Q_UNUSED(body);
    if (who.companyId.isEmpty() || who.registerStoreId.isEmpty())
        return apiError(401, QStringLiteral("unauthenticated"),
                        QStringLiteral("Only an enrolled register can pull."));
    const auto cursor =
        number(query, QStringLiteral("cursor"), 0, 0, std::numeric_limits<qint64>::max());
    if (!cursor)
        return badRequest(QStringLiteral("The cursor must be a whole number of 0 or more."));
    const auto limit = number(query, QStringLiteral("limit"), DefaultLimit, 1, MaxLimit);
    if (!limit)
        return badRequest(
            QStringLiteral("The limit must be a whole number from 1 to %1.").arg(MaxLimit));

    PgConnection& pg = m_ctx.pg;
    // One snapshot for the change-log page and every row joined to it.
    if (auto ok = pg.execScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !ok)
        return unavailable();
    const auto refuse = [&](const Error& e) {
        pg.rollback();
        qCWarning(lcPullHandler) << "pull by register" << who.registerId << "failed:" << e.message;
        return unavailable();
    };
    // ISO-3: the register's own store, whatever a user session would allow.
    if (auto ok = setTenant(pg, who.companyId, {who.registerStoreId}); !ok)
        return refuse(ok.error());
    auto log = pg.exec("SELECT seq, kind, entity_id FROM pos.change_log WHERE seq > $1::bigint "
                       "ORDER BY seq LIMIT $2::int",
                       {QByteArray::number(*cursor), QByteArray::number(*limit + 1)});
    if (!log)
        return refuse(log.error());
    const int rows = log->rows();
    const bool more = rows > *limit;
    const int used = more ? static_cast<int>(*limit) : rows;
    qint64 next = *cursor;
    QJsonArray changes;
    QSet<QString> seen; // each entity once per page, at its first place (its state is current)
    for (int r = 0; r < used; ++r) {
        next = log->integer(r, 0);
        const QString logKind = log->text(r, 1);
        const QByteArray entity = log->value(r, 2);
        const KindQuery* kind = kindFor(logKind);
        if (!kind) {
            qCWarning(lcPullHandler) << "change_log row" << next << "has an unknown kind; skipped";
            continue;
        }
        const QString key = QLatin1String(kind->kind) + u'/' + QString::fromUtf8(entity);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        QList<QByteArray> params{entity};
        if (std::strstr(kind->sql, "$2")) // the store, for what depends on it
            params.append(who.registerStoreId.toUtf8());
        auto state = pg.exec(kind->sql, params);
        if (!state)
            return refuse(state.error());
        QJsonObject change{{QStringLiteral("kind"), QLatin1String(kind->kind)},
                           {QStringLiteral("id"), QString::fromUtf8(entity)}};
        if (state->rows() == 0) {
            // Gone for this store: deleted, unassigned, back to the default. The version is the
            // deletion's, the base_version of an edit that makes it again.
            auto logged = pg.exec("SELECT coalesce(max(version), 0) FROM pos.change_log "
                                  "WHERE kind = $1 AND entity_id = $2",
                                  {logKind.toUtf8(), entity});
            if (!logged)
                return refuse(logged.error());
            change.insert(QStringLiteral("version"), logged->integer(0, 0));
            change.insert(QStringLiteral("deleted"), true);
            change.insert(QStringLiteral("data"), QJsonObject());
        } else {
            change.insert(QStringLiteral("version"), state->integer(0, 1));
            change.insert(QStringLiteral("deleted"), state->boolean(0, 2));
            change.insert(QStringLiteral("data"), parseObject(state->value(0, 0)));
        }
        changes.append(change);
    }
    if (auto ok = pg.commit(); !ok)
        return refuse(ok.error());
    qCInfo(lcPullHandler) << "register" << who.registerId << "pulled" << changes.size()
                          << "changes after" << *cursor << "up to" << next
                          << (more ? "(more)" : "");
    return {200, QJsonObject{{QStringLiteral("cursor"), next},
                             {QStringLiteral("more"), more},
                             {QStringLiteral("changes"), changes}}};
}

} // namespace pos::server
