// PullApplier's writes: one pulled change at a time, inside the pull's transaction.

#include "auth/TotpSeal.h"
#include "catalog/Barcode.h"
#include "catalog/CatalogText.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "sync/PullApplierDetail.h"
#include "vault/FieldKey.h"

#include <QJsonArray>
#include <QSet>

namespace pos::pulldetail {

namespace {

template <class T> std::unexpected<Error> err(const Result<T>& r)
{
    return std::unexpected(r.error());
}

QString textOf(const QJsonObject& d, const char* key)
{
    return d.value(QLatin1String(key)).toString().trimmed();
}

qint64 intOf(const QJsonObject& d, const char* key)
{
    return d.value(QLatin1String(key)).toInteger();
}

bool boolOf(const QJsonObject& d, const char* key)
{
    return d.value(QLatin1String(key)).toBool();
}

} // namespace

QString Writer::now() const
{
    return m_clock.nowUtc().toUTC().toString(Qt::ISODateWithMs);
}

Status Writer::apply(const Change& c)
{
    if (c.kind == u"tax_class")
        return taxClass(c);
    if (c.kind == u"category")
        return category(c);
    if (c.kind == u"product")
        return product(c);
    if (c.kind == u"user")
        return user(c);
    if (c.kind == u"role_override")
        return roleOverride(c);
    if (c.kind == u"setting")
        return setting(c);
    return {};
}

Result<Writer::Match> Writer::match(const char* table, const char* keyColumn, const QString& uuid,
                                    const QString& key)
{
    Match m;
    const QByteArray byUuid = QByteArray("SELECT id FROM ") + table + " WHERE uuid = ?1";
    auto q = m_db.query(byUuid.constData());
    if (!q)
        return err(q);
    q->bind(1, uuid);
    auto row = q->next();
    if (!row)
        return err(row);
    if (*row)
        m.id = q->int64(0);
    const QByteArray byKey =
        QByteArray("SELECT id, version, uuid FROM ") + table + " WHERE " + keyColumn + " = ?1";
    auto k = m_db.query(byKey.constData());
    if (!k)
        return err(k);
    k->bind(1, key);
    auto keyed = k->next();
    if (!keyed)
        return err(keyed);
    if (!*keyed || k->int64(0) == m.id)
        return m;
    const qint64 holder = k->int64(0);
    if (m.id == 0 && k->int64(1) == 0) {
        // Made here before the first pull: it is the server's row from now on.
        m.id = holder;
        m.previousUuid = k->text(2);
        const QByteArray adopt = QByteArray("UPDATE ") + table + " SET uuid = ?1 WHERE id = ?2";
        auto a = m_db.query(adopt.constData());
        if (!a)
            return err(a);
        a->bind(1, uuid).bind(2, holder);
        if (auto ok = a->run(); !ok)
            return std::unexpected(ok.error());
        ++m_summary.adopted;
        return m;
    }
    // Another row holds the key the server gives this one (the server swapped or reused it, and
    // that row's own change comes later in the log, or it exists only here): it gives the key up.
    const QByteArray park = QByteArray("UPDATE ") + table + " SET " + keyColumn + " = " +
                            keyColumn + " || '#' || coalesce(uuid, id) WHERE id = ?1";
    auto p = m_db.query(park.constData());
    if (!p)
        return err(p);
    p->bind(1, holder);
    if (auto ok = p->run(); !ok)
        return std::unexpected(ok.error());
    return m;
}

Result<qint64> Writer::localId(const char* table, const QString& uuid, const char* what)
{
    const QByteArray sql = QByteArray("SELECT id FROM ") + table + " WHERE uuid = ?1";
    auto q = m_db.query(sql.constData());
    if (!q)
        return err(q);
    q->bind(1, uuid);
    auto row = q->next();
    if (!row)
        return err(row);
    if (!*row)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The server's answer to a pull names a %1 this register has "
                                   "not received. Nothing was applied.")
                        .arg(QLatin1String(what)));
    return q->int64(0);
}

Status Writer::taxClass(const Change& c)
{
    if (c.deleted)
        return {}; // tax classes are never deleted on the server; old sales keep their copy
    const QString code = textOf(c.data, "code");
    auto found = match("tax_classes", "code", c.id, code);
    if (!found)
        return std::unexpected(found.error());
    const qint64* id = &found->id;
    const QString name = textOf(c.data, "name");
    const qint64 rate = intOf(c.data, "rate_ppm");
    const bool inclusive = boolOf(c.data, "inclusive");
    if (*id != 0) {
        auto same = m_db.query("SELECT 1 FROM tax_classes WHERE id = ?1 AND code = ?2 AND "
                               "name = ?3 AND rate_ppm = ?4 AND inclusive = ?5 AND version = ?6");
        if (!same)
            return std::unexpected(same.error());
        same->bind(1, *id).bind(2, code).bind(3, name).bind(4, rate).bind(5, inclusive);
        same->bind(6, c.version);
        auto row = same->next();
        if (!row)
            return std::unexpected(row.error());
        if (*row)
            return {};
    }
    auto q = m_db.query(*id != 0 ? "UPDATE tax_classes SET code = ?2, name = ?3, rate_ppm = ?4, "
                                   "inclusive = ?5, version = ?6, uuid = ?7 WHERE id = ?1"
                                 : "INSERT INTO tax_classes (code, name, rate_ppm, inclusive, "
                                   "version, uuid) VALUES (?2, ?3, ?4, ?5, ?6, ?7)");
    if (!q)
        return std::unexpected(q.error());
    if (*id != 0)
        q->bind(1, *id);
    q->bind(2, code).bind(3, name).bind(4, rate).bind(5, inclusive).bind(6, c.version);
    q->bind(7, c.id);
    if (auto ok = q->run(); !ok)
        return ok;
    ++m_summary.taxClasses;
    return {};
}

Status Writer::category(const Change& c)
{
    if (c.deleted)
        return {};
    const QString name = textOf(c.data, "name");
    auto found = match("categories", "name", c.id, name);
    if (!found)
        return std::unexpected(found.error());
    const qint64* id = &found->id;
    if (*id != 0) {
        auto same =
            m_db.query("SELECT 1 FROM categories WHERE id = ?1 AND name = ?2 AND version = ?3");
        if (!same)
            return std::unexpected(same.error());
        same->bind(1, *id).bind(2, name).bind(3, c.version);
        auto row = same->next();
        if (!row)
            return std::unexpected(row.error());
        if (*row)
            return {};
    }
    auto q = m_db.query(
        *id != 0 ? "UPDATE categories SET name = ?2, version = ?3, uuid = ?4 WHERE id = ?1"
                 : "INSERT INTO categories (name, version, uuid) VALUES (?2, ?3, ?4)");
    if (!q)
        return std::unexpected(q.error());
    if (*id != 0)
        q->bind(1, *id);
    q->bind(2, name).bind(3, c.version).bind(4, c.id);
    if (auto ok = q->run(); !ok)
        return ok;
    ++m_summary.categories;
    return {};
}

Status Writer::product(const Change& c)
{
    const QJsonObject& d = c.data;
    auto tax = localId("tax_classes", textOf(d, "tax_class_id"), "tax class");
    if (!tax)
        return std::unexpected(tax.error());
    qint64 categoryId = 0;
    if (!d.value(QStringLiteral("category_id")).isNull()) {
        auto cat = localId("categories", textOf(d, "category_id"), "category");
        if (!cat)
            return std::unexpected(cat.error());
        categoryId = *cat;
    }
    const QString sku = textOf(d, "sku");
    auto found = match("products", "sku", c.id, sku);
    if (!found)
        return std::unexpected(found.error());
    const qint64* id = &found->id;
    QStringList barcodes;
    for (const QJsonValue& b : d.value(QStringLiteral("barcodes")).toArray())
        barcodes.append(validateBarcode(b.toString()).value_or(Barcode{}).code);
    barcodes.sort();
    const bool active = boolOf(d, "active") && !c.deleted;

    bool rowSame = false;
    QStringList stored;
    if (*id != 0) {
        auto same = m_db.query(
            "SELECT 1 FROM products WHERE id = ?1 AND sku = ?2 AND name = ?3 AND "
            "price_minor = ?4 AND cost_minor = ?5 AND tax_class_id = ?6 AND "
            "category_id IS ?7 AND active = ?8 AND sold_by_weight = ?9 AND version = ?10");
        if (!same)
            return std::unexpected(same.error());
        same->bind(1, *id).bind(2, sku).bind(3, textOf(d, "name"));
        same->bind(4, intOf(d, "price_minor")).bind(5, intOf(d, "cost_minor")).bind(6, *tax);
        if (categoryId != 0)
            same->bind(7, categoryId);
        else
            same->bindNull(7);
        same->bind(8, active).bind(9, boolOf(d, "sold_by_weight")).bind(10, c.version);
        auto row = same->next();
        if (!row)
            return std::unexpected(row.error());
        rowSame = *row;
        auto codes = m_db.query("SELECT code FROM barcodes WHERE product_id = ?1 ORDER BY code");
        if (!codes)
            return std::unexpected(codes.error());
        codes->bind(1, *id);
        if (auto ok = codes->forEach([&] { stored.append(codes->text(0)); }); !ok)
            return ok;
        stored.sort();
        if (rowSame && stored == barcodes)
            return {};
    }
    qint64 productId = *id;
    if (!rowSame) {
        auto q = m_db.query(
            *id != 0 ? "UPDATE products SET sku = ?2, name = ?3, price_minor = ?4, "
                       "cost_minor = ?5, tax_class_id = ?6, category_id = ?7, active = ?8, "
                       "sold_by_weight = ?9, version = ?10, uuid = ?11 WHERE id = ?1"
                     : "INSERT INTO products (sku, name, price_minor, cost_minor, tax_class_id, "
                       "category_id, active, sold_by_weight, version, uuid) "
                       "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        if (!q)
            return std::unexpected(q.error());
        if (*id != 0)
            q->bind(1, *id);
        q->bind(2, sku).bind(3, textOf(d, "name")).bind(4, intOf(d, "price_minor"));
        q->bind(5, intOf(d, "cost_minor")).bind(6, *tax);
        if (categoryId != 0)
            q->bind(7, categoryId);
        else
            q->bindNull(7);
        q->bind(8, active).bind(9, boolOf(d, "sold_by_weight")).bind(10, c.version);
        q->bind(11, c.id);
        if (auto ok = q->run(); !ok)
            return ok;
        if (*id == 0)
            productId = m_db.lastInsertRowId();
    }
    if (stored != barcodes) {
        auto drop = m_db.query("DELETE FROM barcodes WHERE product_id = ?1");
        if (!drop)
            return std::unexpected(drop.error());
        drop->bind(1, productId);
        if (auto ok = drop->run(); !ok)
            return ok;
        for (const QString& code : barcodes) {
            // The server gives each barcode to one product: a local product holding it lets go.
            auto q = m_db.query("INSERT OR REPLACE INTO barcodes (code, product_id) "
                                "VALUES (?1, ?2)");
            if (!q)
                return std::unexpected(q.error());
            q->bind(1, code).bind(2, productId);
            if (auto ok = q->run(); !ok)
                return ok;
        }
    }
    ++m_summary.products;
    if (c.deleted)
        ++m_summary.removed;
    return {};
}

Status Writer::endSessions(qint64 userId, const QString& reason)
{
    auto q = m_db.query("UPDATE sessions SET ended_at = ?1, end_reason = ?2 "
                        "WHERE user_id = ?3 AND ended_at IS NULL");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, now()).bind(2, reason).bind(3, userId);
    return q->run();
}

Status Writer::resealTotp(qint64 userId, const QString& oldUuid, const QString& newUuid)
{
    auto q = m_db.query("SELECT totp_secret FROM users WHERE id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, userId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    const QByteArray blob = *row && !q->isNull(0) ? q->blob(0) : QByteArray();
    if (blob.isEmpty() || !TotpSeal::isSealed(blob) || oldUuid == newUuid)
        return {};
    if (!m_fieldKey) {
        auto key = FieldKey::read(m_keys, FieldKey::nameFor(m_db.path()));
        if (!key)
            return fail(key.error().code,
                        QStringLiteral("An owner's authenticator secret must be moved to their "
                                       "server account, and the field key to do it could not be "
                                       "read: %1 Nothing was applied.")
                            .arg(key.error().message));
        m_fieldKey = std::move(*key);
    }
    auto secret = TotpSeal::open(*m_fieldKey, oldUuid, blob);
    if (!secret)
        return fail(secret.error().code,
                    QStringLiteral("An owner's authenticator secret does not open with this "
                                   "register's field key, so it cannot be moved to their server "
                                   "account. Nothing was applied."));
    auto sealed = TotpSeal::seal(*m_fieldKey, newUuid, *secret);
    if (!sealed)
        return std::unexpected(sealed.error());
    auto w = m_db.query("UPDATE users SET totp_secret = ?1 WHERE id = ?2");
    if (!w)
        return std::unexpected(w.error());
    w->bind(1, *sealed).bind(2, userId);
    return w->run();
}

Status Writer::user(const Change& c)
{
    if (c.deleted && c.data.isEmpty()) {
        // No longer works in this store: no sign-in here, sessions end.
        auto q = m_db.query("SELECT id FROM users WHERE uuid = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, c.id);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return {};
        const qint64 userId = q->int64(0);
        auto drop = m_db.query("DELETE FROM user_stores WHERE user_id = ?1 AND store_id = ?2");
        if (!drop)
            return std::unexpected(drop.error());
        drop->bind(1, userId).bind(2, m_storeId);
        if (auto ok = drop->run(); !ok)
            return ok;
        if (m_db.changes() == 0)
            return {};
        if (auto ok = endSessions(userId, QStringLiteral("no longer assigned (server)")); !ok)
            return ok;
        ++m_summary.users;
        ++m_summary.removed;
        return {};
    }
    const QJsonObject& d = c.data;
    const QString code = textOf(d, "code");
    auto found = match("users", "code", c.id, code);
    if (!found)
        return std::unexpected(found.error());
    const qint64* id = &found->id;
    const bool active = boolOf(d, "active") && !c.deleted;
    const QJsonValue pin = d.value(QStringLiteral("pin_hash"));
    const QJsonValue password = d.value(QStringLiteral("password_hash"));
    const QString pinHash = pin.isNull() ? QString() : pin.toString();
    const QString passwordHash = password.isNull() ? QString() : password.toString();
    const QString role = textOf(d, "role");
    qint64 userId = *id;
    bool changed = true;
    if (*id != 0) {
        if (!found->previousUuid.isEmpty())
            if (auto ok = resealTotp(*id, found->previousUuid, c.id); !ok)
                return ok;
        auto was = m_db.query("SELECT code, name, role, active, discount_limit_ppm, pin_hash, "
                              "password_hash, version FROM users WHERE id = ?1");
        if (!was)
            return std::unexpected(was.error());
        was->bind(1, *id);
        auto row = was->next();
        if (!row)
            return std::unexpected(row.error());
        const bool credentials = was->text(5) != pinHash || was->text(6) != passwordHash;
        const bool ends = credentials || was->text(2) != role || (was->int64(3) != 0 && !active);
        changed = credentials || ends || was->text(0) != code ||
                  was->text(1) != textOf(d, "name") ||
                  was->int64(4) != intOf(d, "discount_limit_ppm") || was->int64(7) != c.version;
        if (changed) {
            // A new PIN or password also clears the lockout, as a reset on the register does.
            auto q = m_db.query(
                "UPDATE users SET code = ?2, name = ?3, role = ?4, active = ?5, "
                "discount_limit_ppm = ?6, pin_hash = ?7, password_hash = ?8, version = ?9, "
                "uuid = ?10, credentials_at = CASE WHEN ?12 THEN ?11 ELSE credentials_at END, "
                "lockout = CASE WHEN ?12 THEN '{}' ELSE lockout END WHERE id = ?1");
            if (!q)
                return std::unexpected(q.error());
            q->bind(1, *id).bind(2, code).bind(3, textOf(d, "name")).bind(4, role);
            q->bind(5, active).bind(6, intOf(d, "discount_limit_ppm"));
            q->bind(7, pinHash).bind(8, passwordHash).bind(9, c.version).bind(10, c.id);
            q->bind(11, now()).bind(12, credentials);
            if (auto ok = q->run(); !ok)
                return ok;
            if (ends)
                if (auto ok = endSessions(*id, QStringLiteral("account changed (server)")); !ok)
                    return ok;
        }
    } else {
        // New here. Authenticator secrets never travel: an owner enrols theirs at this register.
        auto q = m_db.query("INSERT INTO users (uuid, company_id, code, name, role, pin_hash, "
                            "password_hash, active, discount_limit_ppm, credentials_at, "
                            "created_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                            "?10, ?10, ?11)");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, c.id).bind(2, m_companyId).bind(3, code).bind(4, textOf(d, "name"));
        q->bind(5, role).bind(6, pinHash).bind(7, passwordHash).bind(8, active);
        q->bind(9, intOf(d, "discount_limit_ppm")).bind(10, now()).bind(11, c.version);
        if (auto ok = q->run(); !ok)
            return ok;
        userId = m_db.lastInsertRowId();
    }
    // Everyone the server sends works in this store (owners in every store).
    auto assign =
        m_db.query("INSERT OR IGNORE INTO user_stores (user_id, store_id) VALUES (?1, ?2)");
    if (!assign)
        return std::unexpected(assign.error());
    assign->bind(1, userId).bind(2, m_storeId);
    if (auto ok = assign->run(); !ok)
        return ok;
    if (changed || m_db.changes() > 0) {
        ++m_summary.users;
        if (c.deleted)
            ++m_summary.removed;
    }
    return {};
}

Status Writer::roleOverride(const Change& c)
{
    const QString role = c.id.section(u':', 0, 0);
    const QString permission = c.id.section(u':', 1);
    auto was = m_db.query("SELECT allowed FROM role_overrides WHERE store_id = ?1 AND role = ?2 "
                          "AND permission = ?3");
    if (!was)
        return std::unexpected(was.error());
    was->bind(1, m_storeId).bind(2, role).bind(3, permission);
    auto row = was->next();
    if (!row)
        return std::unexpected(row.error());
    const bool exists = *row;
    const bool allowedBefore = exists && was->int64(0) != 0;
    if (c.deleted) {
        if (!exists)
            return {};
        auto q = m_db.query("DELETE FROM role_overrides WHERE store_id = ?1 AND role = ?2 AND "
                            "permission = ?3");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, m_storeId).bind(2, role).bind(3, permission);
        if (auto ok = q->run(); !ok)
            return ok;
        ++m_summary.roleOverrides;
        ++m_summary.removed;
        return {};
    }
    const bool allowed = boolOf(c.data, "allowed");
    if (exists && allowedBefore == allowed)
        return {};
    auto q = m_db.query("INSERT OR REPLACE INTO role_overrides (store_id, role, permission, "
                        "allowed) VALUES (?1, ?2, ?3, ?4)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, m_storeId).bind(2, role).bind(3, permission).bind(4, allowed);
    if (auto ok = q->run(); !ok)
        return ok;
    ++m_summary.roleOverrides;
    return {};
}

Status Writer::setting(const Change& c)
{
    if (!PullApplier::syncedSettingKeys().contains(c.id))
        return {}; // never the register's own identity, whatever the server says
    auto was = settings::read(m_db, c.id);
    if (!was)
        return std::unexpected(was.error());
    if (c.deleted) {
        if (!*was)
            return {};
        auto q = m_db.query("DELETE FROM settings WHERE key = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, c.id);
        if (auto ok = q->run(); !ok)
            return ok;
        ++m_summary.settings;
        ++m_summary.removed;
        return {};
    }
    const QString value = textOf(c.data, "value");
    if (*was && **was == value)
        return {};
    if (auto ok = settings::write(m_db, c.id, value); !ok)
        return ok;
    ++m_summary.settings;
    return {};
}

} // namespace pos::pulldetail
