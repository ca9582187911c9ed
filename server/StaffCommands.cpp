// Commands on staff accounts and their stores (docs/sync.md, "Commands"), with the rules of
// core/staff/StaffService: users.manage in every store the account works in (or will),
// stores.assign to change an existing account's stores; owners manage everyone in their company;
// anyone else only accounts ranked below their own role whose every store is theirs, gives only
// roles ranked below their own, stores they work in and a discount limit up to their own; nobody
// changes their own account here; the last active owner stays an active owner. Credentials arrive
// as hashes made on the desktop (core/auth/CredentialHash); authenticator secrets never reach the
// server.

#include "CommandContext.h"
#include "catalog/CatalogText.h"

#include <QJsonDocument>

namespace pos::server::commands {

using catalogtext::quoted;

namespace {

const FieldSpec Code{"code", FieldType::Code, "user code"};
const FieldSpec Name{"name", FieldType::Text, "name"};
const FieldSpec RoleField{"role", FieldType::Role, "role"};
const FieldSpec ActiveField{"active", FieldType::Bool, "active"};
const FieldSpec Limit{"discount_limit_ppm", FieldType::Limit, "discount limit"};
const FieldSpec Pin{"pin_hash", FieldType::PinHash, "PIN"};
const FieldSpec Password{"password_hash", FieldType::PasswordHash, "password"};
const QList<const FieldSpec*> UserFields{&Code,  &Name, &RoleField, &ActiveField,
                                         &Limit, &Pin,  &Password};
const QString StoreIds = QStringLiteral("store_ids");

const FieldValue* find(const QList<FieldValue>& fields, const FieldSpec& spec)
{
    for (const FieldValue& f : fields)
        if (f.spec == &spec)
            return &f;
    return nullptr;
}

struct Target {
    QString id;
    QString name;
    Role role = Role::Cashier;
    bool active = true;
    qint64 limit = 0;
    bool hasPin = false;
    bool hasPassword = false;
    qint64 version = 0;
    QStringList stores;
};

// data.store_ids as sorted, distinct store UUIDs; nullopt when absent.
ApiResult<std::optional<QStringList>> storeList(const QJsonObject& data)
{
    if (!data.contains(StoreIds))
        return std::optional<QStringList>();
    const QJsonValue v = data.value(StoreIds);
    if (!v.isArray())
        return std::unexpected(badRequest(QStringLiteral("store_ids must be a list of UUIDs.")));
    QStringList stores;
    for (const QJsonValue& s : v.toArray()) {
        if (!s.isString() || !validUuid(s.toString()))
            return std::unexpected(
                badRequest(QStringLiteral("store_ids must be a list of UUIDs.")));
        stores.append(s.toString().toLower());
    }
    stores.sort();
    stores.removeDuplicates();
    return std::optional<QStringList>(stores);
}

ApiResult<QStringList> companyStores(CommandContext& ctx)
{
    auto r = ctx.pg().exec("SELECT id FROM pos.stores ORDER BY id");
    if (!r)
        return std::unexpected(ctx.databaseError(r.error()));
    QStringList out;
    for (int i = 0; i < r->rows(); ++i)
        out.append(r->text(i, 0));
    return out;
}

// users.manage (and, when stores change, stores.assign) in every store concerned; an owner's
// account concerns every store.
std::optional<ApiResponse> requireFor(CommandContext& ctx, Permission permission,
                                      const QStringList& stores)
{
    if (stores.isEmpty())
        return ctx.requireEverywhere(permission);
    for (const QString& s : stores)
        if (auto no = ctx.requireIn(permission, s))
            return no;
    return std::nullopt;
}

std::optional<ApiResponse> mayGrantRole(const CommandContext& ctx, Role role)
{
    if (ctx.isOwner() || roleRank(role) < roleRank(ctx.actor().role))
        return std::nullopt;
    return forbidden(QStringLiteral("Your role (%1) may not give anyone the role %2.")
                         .arg(roleTitle(ctx.actor().role), roleTitle(role)));
}

std::optional<ApiResponse> mayGrantStores(CommandContext& ctx, const QStringList& stores)
{
    auto known = companyStores(ctx);
    if (!known)
        return known.error();
    for (const QString& s : stores) {
        if (!known->contains(s))
            return notFound(QStringLiteral("There is no such store."));
        if (!ctx.isOwner() && !ctx.actor().stores.contains(s))
            return forbidden(QStringLiteral("You may only assign stores you work in yourself."));
    }
    return std::nullopt;
}

std::optional<ApiResponse> mayGrantLimit(const CommandContext& ctx, qint64 ppm)
{
    if (ctx.isOwner() || ppm <= ctx.actor().discountLimitPpm)
        return std::nullopt;
    return forbidden(QStringLiteral("You may not give a discount limit above your own (%1).")
                         .arg(ppmText(ctx.actor().discountLimitPpm)));
}

std::optional<ApiResponse> credentialsFor(Role role, bool hasPin, bool hasPassword,
                                          const QString& name)
{
    if (role == Role::Cashier && !hasPin)
        return badRequest(QStringLiteral("Cashiers sign in with a PIN, and %1 has none: set a "
                                         "PIN first.")
                              .arg(name));
    if (role != Role::Cashier && !hasPassword)
        return badRequest(QStringLiteral("Managers, auditors and owners sign in with a password, "
                                         "and %1 has none: set a password first.")
                              .arg(name));
    return std::nullopt;
}

std::optional<ApiResponse> mayManage(CommandContext& ctx, const Target& target, bool removesOwner)
{
    const Actor& a = ctx.actor();
    if (target.id == a.id)
        return forbidden(QStringLiteral("Nobody changes their own account here: ask another "
                                        "manager or an owner."));
    if (!ctx.isOwner()) {
        if (roleRank(target.role) >= roleRank(a.role))
            return forbidden(QStringLiteral("Your role (%1) may not change the account of "
                                            "someone whose role is %2.")
                                 .arg(roleTitle(a.role), roleTitle(target.role)));
        bool mine = !target.stores.isEmpty();
        for (const QString& s : target.stores)
            mine = mine && a.stores.contains(s);
        if (!mine)
            return forbidden(QStringLiteral("%1 also works in a store that is not yours: ask an "
                                            "owner.")
                                 .arg(quoted(target.name)));
    }
    if (removesOwner && target.role == Role::Owner && target.active) {
        auto r = ctx.pg().exec("SELECT count(*) FROM pos.users WHERE role = 'owner' AND active "
                               "AND id <> $1::uuid",
                               {target.id.toUtf8()});
        if (!r)
            return ctx.databaseError(r.error());
        if (r->integer(0, 0) == 0)
            return conflict(QStringLiteral("%1 is the last active owner: make someone else an "
                                           "owner first.")
                                .arg(quoted(target.name)));
    }
    return std::nullopt;
}

ApiResult<Target> loadTarget(CommandContext& ctx, const QString& id)
{
    auto r = ctx.pg().exec("SELECT name, role, active, discount_limit_ppm, pin_hash IS NOT NULL, "
                           "password_hash IS NOT NULL, version FROM pos.users "
                           "WHERE id = $1::uuid FOR UPDATE",
                           {id.toUtf8()});
    if (!r)
        return std::unexpected(ctx.databaseError(r.error()));
    if (r->rows() == 0)
        return std::unexpected(notFound(QStringLiteral("There is no such staff member.")));
    Target t;
    t.id = id;
    t.name = r->text(0, 0);
    t.role = roleFromName(r->text(0, 1)).value_or(Role::Cashier);
    t.active = r->boolean(0, 2);
    t.limit = r->integer(0, 3);
    t.hasPin = r->boolean(0, 4);
    t.hasPassword = r->boolean(0, 5);
    t.version = r->integer(0, 6);
    auto s = ctx.pg().exec("SELECT store_id FROM pos.user_stores WHERE user_id = $1::uuid "
                           "ORDER BY store_id",
                           {id.toUtf8()});
    if (!s)
        return std::unexpected(ctx.databaseError(s.error()));
    for (int i = 0; i < s->rows(); ++i)
        t.stores.append(s->text(i, 0));
    return t;
}

std::optional<ApiResponse> writeStores(CommandContext& ctx, const QString& userId,
                                       const QStringList& stores)
{
    if (auto r = ctx.pg().exec("DELETE FROM pos.user_stores WHERE user_id = $1::uuid",
                               {userId.toUtf8()});
        !r)
        return ctx.databaseError(r.error());
    for (const QString& s : stores)
        if (auto r = ctx.pg().exec("INSERT INTO pos.user_stores (company_id, user_id, store_id) "
                                   "VALUES ($1::uuid, $2::uuid, $3::uuid)",
                                   {ctx.who().companyId.toUtf8(), userId.toUtf8(), s.toUtf8()});
            !r)
            return ctx.databaseError(r.error());
    return std::nullopt;
}

// One change_log row per store the account concerns (before or after): a register pulls the
// staff of its own store only, and learns that someone no longer works there.
std::optional<ApiResponse> logUser(CommandContext& ctx, const QString& userId, qint64 version,
                                   const QStringList& stores)
{
    for (const QString& s : stores)
        if (auto no = ctx.appendChange(s, QStringLiteral("user"), userId, version))
            return no;
    return std::nullopt;
}

// What a data object holds besides store_ids.
QJsonObject withoutStores(QJsonObject data)
{
    data.remove(StoreIds);
    return data;
}

} // namespace

ApiResult<Applied> userCreate(CommandContext& ctx, const Command& command)
{
    if (!validUuid(command.id) || command.baseVersion != 0)
        return std::unexpected(
            badRequest(QStringLiteral("A new account needs a UUID as its id and base_version 0.")));
    const QString id = command.id.toLower();
    auto fields = ctx.fields(withoutStores(command.data), UserFields);
    if (!fields)
        return std::unexpected(fields.error());
    auto stores = storeList(command.data);
    if (!stores)
        return std::unexpected(stores.error());
    for (const FieldSpec* required : {&Code, &Name, &RoleField})
        if (!find(*fields, *required))
            return std::unexpected(badRequest(
                QStringLiteral("A new account needs its %1.").arg(QLatin1String(required->label))));
    const Role role = *roleFromName(find(*fields, RoleField)->json.toString());
    const QString name = find(*fields, Name)->json.toString();
    const QStringList storeIds = stores->value_or(QStringList());
    if (role == Role::Owner && !storeIds.isEmpty())
        return std::unexpected(badRequest(QStringLiteral("Owners work in every store: give an "
                                                         "owner no store_ids.")));
    if (role != Role::Owner && storeIds.isEmpty())
        return std::unexpected(
            badRequest(QStringLiteral("Choose at least one store for %1.").arg(quoted(name))));
    if (auto no = requireFor(ctx, Permission::UsersManage, storeIds))
        return std::unexpected(*no);
    if (auto no = mayGrantRole(ctx, role))
        return std::unexpected(*no);
    if (auto no = mayGrantStores(ctx, storeIds))
        return std::unexpected(*no);
    const FieldValue* limit = find(*fields, Limit);
    const qint64 ppm = limit ? limit->json.toInteger() : 100000;
    if (auto no = mayGrantLimit(ctx, ppm))
        return std::unexpected(*no);
    if (find(*fields, ActiveField) && !find(*fields, ActiveField)->json.toBool())
        return std::unexpected(badRequest(QStringLiteral("A new account starts active.")));
    const FieldValue* pin = find(*fields, Pin);
    const FieldValue* password = find(*fields, Password);
    if (auto no = credentialsFor(role, pin, password, quoted(name)))
        return std::unexpected(*no);
    const QString code = find(*fields, Code)->json.toString();
    auto taken = ctx.pg().exec("SELECT 1 FROM pos.users WHERE code = $1", {code.toUtf8()});
    if (!taken)
        return std::unexpected(ctx.databaseError(taken.error()));
    if (taken->rows() > 0)
        return std::unexpected(
            conflict(QStringLiteral("The user code %1 is taken: choose another.").arg(code)));
    auto r = ctx.pg().exec(
        "INSERT INTO pos.users (company_id, id, code, name, role, pin_hash, password_hash, "
        "discount_limit_ppm) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::integer)",
        {ctx.who().companyId.toUtf8(), id.toUtf8(), code.toUtf8(), name.toUtf8(),
         roleName(role).toUtf8(), pin ? pin->param : QByteArray(),
         password ? password->param : QByteArray(), QByteArray::number(ppm)});
    if (!r)
        return std::unexpected(ctx.databaseError(
            r.error(), QStringLiteral("An account with this id exists already.")));
    if (auto no = writeStores(ctx, id, storeIds))
        return std::unexpected(*no);
    QStringList concerned = storeIds;
    if (role == Role::Owner) {
        auto all = companyStores(ctx);
        if (!all)
            return std::unexpected(all.error());
        concerned = *all;
    }
    if (auto no = logUser(ctx, id, 1, concerned))
        return std::unexpected(*no);
    QStringList changed = withoutStores(command.data).keys();
    if (!storeIds.isEmpty())
        changed.append(StoreIds);
    return Applied{id, 1, QStringLiteral("user:") + id, changed};
}

ApiResult<Applied> userUpdate(CommandContext& ctx, const Command& command)
{
    if (!validUuid(command.id))
        return std::unexpected(badRequest(QStringLiteral("An account's id is a UUID.")));
    const QString id = command.id.toLower();
    auto fields = ctx.fields(withoutStores(command.data), UserFields);
    if (!fields)
        return std::unexpected(fields.error());
    auto stores = storeList(command.data);
    if (!stores)
        return std::unexpected(stores.error());
    if (fields->isEmpty() && !*stores)
        return std::unexpected(badRequest(QStringLiteral("The edit changes nothing.")));
    auto target = loadTarget(ctx, id);
    if (!target)
        return std::unexpected(target.error());
    const QStringList newStores = stores->value_or(target->stores);
    QStringList concerned = target->stores + newStores;
    concerned.sort();
    concerned.removeDuplicates();
    const FieldValue* roleValue = find(*fields, RoleField);
    const Role newRole = roleValue ? *roleFromName(roleValue->json.toString()) : target->role;
    if (target->role == Role::Owner || newRole == Role::Owner)
        concerned.clear(); // an owner's account concerns every store
    if (auto no = requireFor(ctx, Permission::UsersManage, concerned))
        return std::unexpected(*no);
    if (target->version != command.baseVersion)
        return std::unexpected(ctx.stale(
            QStringLiteral("user:") + id, quoted(target->name), command.baseVersion,
            target->version,
            [&](const QString& f) -> QString {
                if (f == u"role")
                    return roleTitle(target->role);
                if (f == u"active")
                    return target->active ? QStringLiteral("active") : QStringLiteral("inactive");
                if (f == u"discount_limit_ppm")
                    return ppmText(target->limit);
                if (f == u"name")
                    return quoted(target->name);
                if (f == StoreIds)
                    return QStringLiteral("%1 store(s)").arg(target->stores.size());
                return QStringLiteral("a new one");
            },
            {{QStringLiteral("name"), QStringLiteral("name")},
             {QStringLiteral("code"), QStringLiteral("user code")},
             {QStringLiteral("role"), QStringLiteral("role")},
             {QStringLiteral("active"), QStringLiteral("state")},
             {QStringLiteral("discount_limit_ppm"), QStringLiteral("discount limit")},
             {QStringLiteral("pin_hash"), QStringLiteral("PIN")},
             {QStringLiteral("password_hash"), QStringLiteral("password")},
             {StoreIds, QStringLiteral("stores")}}));

    // What actually changes.
    QStringList changed;
    const auto differs = [&](const FieldSpec& spec, const QJsonValue& now) {
        const FieldValue* f = find(*fields, spec);
        return f && f->json != now;
    };
    if (differs(Name, target->name))
        changed.append(QStringLiteral("name"));
    if (const FieldValue* c = find(*fields, Code); c)
        changed.append(QStringLiteral("code")); // compared below with the stored code
    if (newRole != target->role)
        changed.append(QStringLiteral("role"));
    if (differs(ActiveField, target->active))
        changed.append(QStringLiteral("active"));
    if (const FieldValue* l = find(*fields, Limit); l && l->json.toInteger() != target->limit)
        changed.append(QStringLiteral("discount_limit_ppm"));
    if (find(*fields, Pin))
        changed.append(QStringLiteral("pin_hash"));
    if (find(*fields, Password))
        changed.append(QStringLiteral("password_hash"));
    const bool storesChange = *stores && newStores != target->stores;
    if (storesChange)
        changed.append(StoreIds);

    const bool active =
        find(*fields, ActiveField) ? find(*fields, ActiveField)->json.toBool() : target->active;
    const bool removesOwner = target->role == Role::Owner && (newRole != Role::Owner || !active);
    if (auto no = mayManage(ctx, *target, removesOwner))
        return std::unexpected(*no);
    if (newRole != target->role)
        if (auto no = mayGrantRole(ctx, newRole))
            return std::unexpected(*no);
    if (storesChange) {
        if (auto no = requireFor(ctx, Permission::StoresAssign, concerned))
            return std::unexpected(*no);
        if (auto no = mayGrantStores(ctx, newStores))
            return std::unexpected(*no);
    }
    if (newRole == Role::Owner && !newStores.isEmpty() && *stores)
        return std::unexpected(badRequest(QStringLiteral("Owners work in every store: give an "
                                                         "owner no store_ids.")));
    if (newRole != Role::Owner && newStores.isEmpty())
        return std::unexpected(
            badRequest(QStringLiteral("%1 needs at least one store.").arg(quoted(target->name))));
    if (const FieldValue* l = find(*fields, Limit))
        if (auto no = mayGrantLimit(ctx, l->json.toInteger()))
            return std::unexpected(*no);
    if (active)
        if (auto no = credentialsFor(newRole, target->hasPin || find(*fields, Pin),
                                     target->hasPassword || find(*fields, Password),
                                     quoted(target->name)))
            return std::unexpected(*no);
    if (const FieldValue* c = find(*fields, Code)) {
        auto taken = ctx.pg().exec("SELECT id FROM pos.users WHERE code = $1", {c->param});
        if (!taken)
            return std::unexpected(ctx.databaseError(taken.error()));
        if (taken->rows() > 0 && taken->text(0, 0) == id)
            changed.removeAll(QStringLiteral("code"));
        else if (taken->rows() > 0)
            return std::unexpected(
                conflict(QStringLiteral("The user code %1 is taken: choose another.")
                             .arg(c->json.toString())));
    }
    if (changed.isEmpty())
        return Applied{id, target->version, QStringLiteral("user:") + id, {}};

    QString sql = QStringLiteral("UPDATE pos.users SET ");
    QList<QByteArray> params{id.toUtf8()};
    for (const FieldValue& f : *fields) {
        if (!changed.contains(QLatin1String(f.spec->name)))
            continue;
        params.append(f.param);
        sql += QLatin1String(f.spec->name) + u" = " +
               f.sqlExpression(static_cast<int>(params.size())) + u", ";
    }
    sql += QStringLiteral("version = version + 1, updated_at = now() WHERE id = $1::uuid "
                          "RETURNING version");
    auto next = ctx.pg().exec(sql.toUtf8(), params);
    if (!next)
        return std::unexpected(ctx.databaseError(next.error()));
    const qint64 version = next->integer(0, 0);
    if (storesChange || (newRole == Role::Owner && target->role != Role::Owner))
        if (auto no = writeStores(ctx, id, newRole == Role::Owner ? QStringList() : newStores))
            return std::unexpected(*no);
    // AUTH-4: a new role, stores, credential or a deactivation ends the account's server
    // sessions (its registers end their local ones when the pull arrives).
    const bool endsSessions = changed.contains(QStringLiteral("role")) ||
                              changed.contains(QStringLiteral("active")) ||
                              changed.contains(QStringLiteral("pin_hash")) ||
                              changed.contains(QStringLiteral("password_hash")) || storesChange;
    if (endsSessions)
        if (auto r = ctx.pg().exec("DELETE FROM pos.user_tokens WHERE user_id = $1::uuid",
                                   {id.toUtf8()});
            !r)
            return std::unexpected(ctx.databaseError(r.error()));
    if (concerned.isEmpty()) {
        auto all = companyStores(ctx);
        if (!all)
            return std::unexpected(all.error());
        concerned = *all;
    }
    if (auto no = logUser(ctx, id, version, concerned))
        return std::unexpected(*no);
    return Applied{id, version, QStringLiteral("user:") + id, changed};
}

} // namespace pos::server::commands
