#include "sync/PullApplier.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "catalog/Barcode.h"
#include "staff/Role.h"
#include "store/Database.h"
#include "store/RegisterSettings.h"
#include "sync/PullApplierDetail.h"
#include "sync/SyncStateStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

#include <cmath>

// Counts and cursors only: never a name, code or hash.
Q_LOGGING_CATEGORY(lcPullApplier, "pos.sync.pull")

namespace pos {

using pulldetail::Change;
using pulldetail::Parsed;

namespace {

std::unexpected<Error> malformed(const QString& what, qsizetype index = -1)
{
    const QString where = index < 0 ? QString() : QStringLiteral(" (change %1)").arg(index + 1);
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("The server's answer to a pull is not what this register "
                               "understands: %1%2. Nothing was applied.")
                    .arg(what, where));
}

bool wholeNumber(const QJsonValue& v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::floor(d) == d && d >= static_cast<double>(min) &&
           d <= static_cast<double>(max);
}

bool isUuid(const QJsonValue& v)
{
    return v.isString() && v.toString().size() == 36 && !QUuid::fromString(v.toString()).isNull();
}

bool text(const QJsonValue& v, qsizetype max = 200)
{
    return v.isString() && !v.toString().trimmed().isEmpty() && v.toString().size() <= max;
}

constexpr qint64 MaxMinor = qint64{1} << 53;

// What each kind must carry (when it is not a removal without data). Empty: fine.
QString checkData(const Change& c)
{
    const QJsonObject& d = c.data;
    const auto has = [&](const char* key) {
        return d.value(QLatin1String(key));
    };
    if (c.kind == u"tax_class") {
        if (!isUuid(c.id) || !text(has("code"), 64) || !text(has("name")) ||
            !wholeNumber(has("rate_ppm"), 0, 1000000) || !has("inclusive").isBool())
            return QStringLiteral("a tax class without its id, code, name, rate or inclusive");
    } else if (c.kind == u"category") {
        if (!isUuid(c.id) || !text(has("name")))
            return QStringLiteral("a category without its id or name");
    } else if (c.kind == u"product") {
        if (!isUuid(c.id) || !text(has("sku"), 64) || !text(has("name")) ||
            !wholeNumber(has("price_minor"), 0, MaxMinor) ||
            !wholeNumber(has("cost_minor"), 0, MaxMinor) || !isUuid(has("tax_class_id")) ||
            !(has("category_id").isNull() || isUuid(has("category_id"))) ||
            !has("barcodes").isArray() || !has("active").isBool() ||
            !has("sold_by_weight").isBool())
            return QStringLiteral("a product without all of its fields");
        for (const QJsonValue& b : has("barcodes").toArray())
            if (!b.isString() || !validateBarcode(b.toString()))
                return QStringLiteral("a product with a barcode that is not valid");
    } else if (c.kind == u"user") {
        if (!isUuid(c.id))
            return QStringLiteral("a staff member without an id");
        if (c.deleted && d.isEmpty())
            return {};
        static const QRegularExpression code(QStringLiteral("^[0-9]{2,8}$"));
        const QJsonValue pin = has("pin_hash");
        const QJsonValue password = has("password_hash");
        if (!code.match(has("code").toString()).hasMatch() || !text(has("name")) ||
            !roleFromName(has("role").toString()) || !has("active").isBool() ||
            !wholeNumber(has("discount_limit_ppm"), 0, 1000000) ||
            !(pin.isNull() || pin.isString()) || !(password.isNull() || password.isString()) ||
            (pin.isNull() && password.isNull()))
            return QStringLiteral("a staff member without all of their fields");
    } else if (c.kind == u"role_override") {
        static const QRegularExpression id(
            QStringLiteral("^(manager|cashier|auditor):[a-z_.]{1,64}$"));
        if (!id.match(c.id).hasMatch())
            return QStringLiteral("a role override whose id is not <role>:<permission>");
        if (!c.deleted && !has("allowed").isBool())
            return QStringLiteral("a role override without allowed");
    } else if (c.kind == u"setting") {
        if (!text(QJsonValue(c.id), 64))
            return QStringLiteral("a setting without its key");
        if (!c.deleted && PullApplier::syncedSettingKeys().contains(c.id)) {
            if (!has("value").isString())
                return QStringLiteral("a setting without its value");
            if (auto ok = PullApplier::checkSyncedSetting(c.id, has("value").toString()); !ok)
                return ok.error().message;
        }
    }
    return {};
}

int order(const QString& kind)
{
    static const QStringList kinds{QStringLiteral("tax_class"),     QStringLiteral("category"),
                                   QStringLiteral("product"),       QStringLiteral("user"),
                                   QStringLiteral("role_override"), QStringLiteral("setting")};
    const auto i = kinds.indexOf(kind);
    return i < 0 ? static_cast<int>(kinds.size()) : static_cast<int>(i);
}

} // namespace

namespace pulldetail {

Result<Parsed> parse(const QJsonObject& response)
{
    Parsed p;
    const QJsonValue cursor = response.value(QStringLiteral("cursor"));
    if (!wholeNumber(cursor, 0, MaxMinor))
        return malformed(QStringLiteral("no cursor"));
    p.cursor = cursor.toInteger();
    const QJsonValue more = response.value(QStringLiteral("more"));
    if (!more.isBool())
        return malformed(QStringLiteral("no 'more'"));
    p.more = more.toBool();
    const QJsonValue changes = response.value(QStringLiteral("changes"));
    if (!changes.isArray())
        return malformed(QStringLiteral("no list of changes"));
    const QJsonArray list = changes.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        Change c;
        c.kind = o.value(QStringLiteral("kind")).toString();
        c.id = o.value(QStringLiteral("id")).toString();
        const QJsonValue version = o.value(QStringLiteral("version"));
        const QJsonValue deleted = o.value(QStringLiteral("deleted"));
        const QJsonValue data = o.value(QStringLiteral("data"));
        if (!list.at(i).isObject() || c.kind.isEmpty() || c.id.isEmpty() ||
            !wholeNumber(version, 0, MaxMinor) || !deleted.isBool() || !data.isObject())
            return malformed(QStringLiteral("an entry without kind, id, version, deleted and data"),
                             i);
        c.version = version.toInteger();
        c.deleted = deleted.toBool();
        c.data = data.toObject();
        if (order(c.kind) == order(QString()))
            continue; // a kind this register does not keep (a newer server, a store's name)
        if (const QString problem = checkData(c); !problem.isEmpty())
            return malformed(problem, i);
        p.changes.append(std::move(c));
    }
    // Whatever the log's order, what is referred to goes first (a product's tax class).
    std::stable_sort(p.changes.begin(), p.changes.end(), [](const Change& a, const Change& b) {
        return order(a.kind) < order(b.kind);
    });
    return p;
}

} // namespace pulldetail

PullApplier::PullApplier(Database& db, KeyStore& keys, const Clock& clock)
    : m_db(db), m_keys(keys), m_clock(clock)
{}

Result<qint64> PullApplier::cursor()
{
    auto stored = SyncStateStore(m_db).value(syncstate::PullCursor);
    if (!stored)
        return std::unexpected(stored.error());
    if (!*stored)
        return 0;
    bool ok = false;
    const qint64 n = (*stored)->toLongLong(&ok);
    if (!ok || n < 0)
        return fail(ErrorCode::Corrupt, QStringLiteral("The stored pull cursor in %1 is not a "
                                                       "number: enrol the register again.")
                                            .arg(m_db.path()));
    return n;
}

Result<PullSummary> PullApplier::apply(const QByteArray& responseBody, qint64 requestedCursor)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(responseBody, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return malformed(QStringLiteral("not a JSON object"));
    return apply(doc.object(), requestedCursor);
}

Result<PullSummary> PullApplier::apply(const QJsonObject& response, qint64 requestedCursor)
{
    auto parsed = pulldetail::parse(response);
    if (!parsed)
        return std::unexpected(parsed.error());
    if (parsed->cursor < requestedCursor)
        return malformed(QStringLiteral("its cursor (%1) is before the one asked for (%2)")
                             .arg(parsed->cursor)
                             .arg(requestedCursor));

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto stored = cursor();
    if (!stored)
        return std::unexpected(stored.error());
    if (*stored != requestedCursor)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("This pull was asked for from position %1, but the register "
                                   "is at %2 now (another pull got there first). Nothing was "
                                   "applied; the next pull carries on.")
                        .arg(requestedCursor)
                        .arg(*stored));
    // This register's store and company (the first pull takes the local rows over).
    auto where = m_db.query("SELECT s.id, s.company_id FROM stores s JOIN registers r "
                            "ON r.store_id = s.id WHERE r.uuid = ?1");
    if (!where)
        return std::unexpected(where.error());
    auto identity = RegisterSettings::load(m_db);
    where->bind(1, identity ? identity->registerId : QString());
    auto found = where->next();
    if (!found)
        return std::unexpected(found.error());
    qint64 storeId = 0, companyId = 0;
    if (*found) {
        storeId = where->int64(0);
        companyId = where->int64(1);
    } else {
        auto only = m_db.query("SELECT id, company_id, (SELECT count(*) FROM stores) FROM stores");
        if (!only)
            return std::unexpected(only.error());
        auto row = only->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row || only->int64(2) != 1)
            return fail(ErrorCode::NotFound, QStringLiteral("This register's store is not set up "
                                                            "yet: finish the set-up first."));
        storeId = only->int64(0);
        companyId = only->int64(1);
    }

    PullSummary summary;
    summary.fromCursor = requestedCursor;
    summary.cursor = parsed->cursor;
    summary.more = parsed->more;
    pulldetail::Writer writer(m_db, m_keys, m_clock, storeId, companyId, summary);
    for (const Change& c : parsed->changes)
        if (auto ok = writer.apply(c); !ok)
            return std::unexpected(ok.error()); // rolled back: nothing applied
    if (auto ok = SyncStateStore(m_db).set(syncstate::PullCursor, QString::number(summary.cursor));
        !ok)
        return std::unexpected(ok.error());
    if (summary.total() > 0) {
        const QJsonObject after{{QStringLiteral("cursor"), summary.cursor},
                                {QStringLiteral("more"), summary.more},
                                {QStringLiteral("tax_classes"), summary.taxClasses},
                                {QStringLiteral("categories"), summary.categories},
                                {QStringLiteral("products"), summary.products},
                                {QStringLiteral("users"), summary.users},
                                {QStringLiteral("role_overrides"), summary.roleOverrides},
                                {QStringLiteral("settings"), summary.settings},
                                {QStringLiteral("removed"), summary.removed},
                                {QStringLiteral("adopted"), summary.adopted}};
        if (auto ok =
                audit::record(m_db, AuditEntry{0,
                                               0,
                                               auditaction::SyncPulled,
                                               audit::entity("pull", summary.cursor),
                                               {{QStringLiteral("cursor"), summary.fromCursor}},
                                               after});
            !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = tx->commit(); !ok)
        return std::unexpected(ok.error());
    qCInfo(lcPullApplier) << "pulled from" << summary.fromCursor << "to" << summary.cursor << ":"
                          << summary.total() << "changed," << summary.adopted << "adopted"
                          << (summary.more ? "(more)" : "");
    return summary;
}

const QStringList& PullApplier::syncedSettingKeys()
{
    static const QStringList keys{QStringLiteral("cash_out_limit_minor"),
                                  QStringLiteral("idle_lock_seconds")};
    return keys;
}

Status PullApplier::checkSyncedSetting(const QString& key, const QString& value)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (key == u"idle_lock_seconds" && (!ok || n < 30 || n > 3600))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("idle_lock_seconds must be a whole number from 30 to 3600."));
    if (key == u"cash_out_limit_minor" && (!ok || n < 0))
        return fail(ErrorCode::InvalidInput, QStringLiteral("cash_out_limit_minor must be a whole "
                                                            "number of minor units, 0 or more."));
    if (!syncedSettingKeys().contains(key))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is not a setting the server sets.").arg(key.left(64)));
    return {};
}

} // namespace pos
