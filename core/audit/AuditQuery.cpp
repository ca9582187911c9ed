#include "audit/AuditQuery.h"

#include "audit/AuditLog.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/StoreFile.h"

#include <QCoreApplication>
#include <algorithm>

namespace pos {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuditQuery", text);
}

// Parameters of the row queries, bound by number; a filter that is not set leaves its
// condition out of the SQL (the statement cache keeps one statement per combination).
enum Param : int {
    From = 1,
    To,
    Actor,
    Action,
    EntityLow,
    EntityHigh,
    Register,
    KeyAt,
    KeyRegister,
    KeySeq,
    Limit,
    Offset,
};

// Above every character a prefix can be followed by (U+10FFFF, a noncharacter no entity holds):
// entity >= prefix AND entity < prefix + this is the prefix's range in the (entity, at) index.
const QString PrefixEnd = QString::fromUcs4(U"\U0010FFFF");

// The page query walks an index in time order and stops after the page; the count walks the
// narrowest index that holds every match. Two conditions would otherwise lead the page query to
// an index that is not in time order and so to sorting every match before the first row:
//   - a register: most rows of a register's own store are its own, so walking the time index and
//     skipping the other registers' rows is cheaper than sorting all of them (unary + keeps the
//     primary key index out of it);
//   - an entity prefix naming a whole kind ("sale:", "user") matches a large part of the log, the
//     same reasoning; a longer prefix ("user:12", "sale:1f2e") uses the (entity, at) index.
enum class For { Page, Count };

bool broadPrefix(const QString& prefix)
{
    const qsizetype colon = prefix.indexOf(u':');
    return colon < 0 || colon == prefix.size() - 1;
}

QByteArray whereClause(const AuditFilter& f, AuditOrder order, bool keyed, For use)
{
    const bool page = use == For::Page;
    QList<QByteArray> terms;
    if (f.from.isValid())
        terms << "a.at >= ?1";
    if (f.to.isValid())
        terms << "a.at < ?2";
    if (f.actorId)
        terms << "a.actor = ?3";
    if (!f.action.isEmpty())
        terms << "a.action = ?4";
    if (!f.entity.isEmpty()) {
        if (f.entityMatch == AuditFilter::EntityMatch::Exact)
            terms << "a.entity = ?5";
        else if (page && broadPrefix(f.entity))
            terms << "+a.entity >= ?5 AND +a.entity < ?6";
        else
            terms << "a.entity >= ?5 AND a.entity < ?6";
    }
    if (!f.registerId.isEmpty())
        terms << (page ? "+a.register_id = ?7" : "a.register_id = ?7");
    if (keyed) {
        if (order == AuditOrder::NewestFirst)
            terms << "a.at <= ?8 AND (a.at < ?8 OR a.register_id < ?9 OR "
                     "(a.register_id = ?9 AND a.seq < ?10))";
        else
            terms << "a.at >= ?8 AND (a.at > ?8 OR a.register_id > ?9 OR "
                     "(a.register_id = ?9 AND a.seq > ?10))";
    }
    if (terms.isEmpty())
        return {};
    return " WHERE " + terms.join(" AND ");
}

void bindFilter(Query& q, const AuditFilter& f)
{
    if (f.from.isValid())
        q.bind(From, auditformat::timestamp(f.from.toUTC()));
    if (f.to.isValid())
        q.bind(To, auditformat::timestamp(f.to.toUTC()));
    if (f.actorId)
        q.bind(Actor, *f.actorId > 0 ? QString::number(*f.actorId) : QStringLiteral(""));
    if (!f.action.isEmpty())
        q.bind(Action, f.action);
    if (!f.entity.isEmpty()) {
        q.bind(EntityLow, f.entity);
        if (f.entityMatch == AuditFilter::EntityMatch::Prefix)
            q.bind(EntityHigh, f.entity + PrefixEnd);
    }
    if (!f.registerId.isEmpty())
        q.bind(Register, f.registerId);
}

Status checkFilter(const AuditFilter& f)
{
    if (f.from.isValid() && f.to.isValid() && f.to < f.from)
        return fail(ErrorCode::InvalidInput,
                    tr("The end of the time range is before its start. Choose a later end or an "
                       "earlier start."));
    if (f.actorId && *f.actorId < 0)
        return fail(ErrorCode::InvalidInput, tr("That is not a user of this store."));
    return {};
}

Status checkLimit(int limit)
{
    if (limit < 1 || limit > AuditQuery::MaxPage)
        return fail(ErrorCode::InvalidInput,
                    tr("A page of the audit log holds 1 to %1 rows.").arg(AuditQuery::MaxPage));
    return {};
}

// Every distinct value of an indexed column, one index seek per value (SQLite 3.15 has no skip
// scan for this): the first value, then the first one greater than it, and so on.
#define POS_AUDIT_DISTINCT(column)                                                                 \
    "WITH RECURSIVE d(v) AS (SELECT (SELECT " column " FROM audit_log ORDER BY " column            \
    " LIMIT 1) UNION ALL SELECT (SELECT " column " FROM audit_log WHERE " column " > d.v "         \
    "ORDER BY " column " LIMIT 1) FROM d WHERE d.v IS NOT NULL) "

} // namespace

Result<QList<AuditListRow>> AuditQuery::select(const AuditFilter& filter, AuditOrder order,
                                               const std::optional<AuditKey>& after, qint64 offset,
                                               int limit)
{
    const QByteArray direction = order == AuditOrder::NewestFirst ? " DESC" : " ASC";
    const QByteArray sql =
        "SELECT a.seq, a.at, a.register_id, a.actor, a.approver, a.action, a.entity, "
        "a.before_json, a.after_json, a.app_version, a.host, a.prev_hash, a.hash, a.signature, "
        "ua.name, up.name FROM audit_log a "
        "LEFT JOIN users ua ON ua.id = a.actor LEFT JOIN users up ON up.id = a.approver" +
        whereClause(filter, order, after.has_value(), For::Page) + " ORDER BY a.at" + direction +
        ", a.register_id" + direction + ", a.seq" + direction + " LIMIT ?11 OFFSET ?12";
    auto q = m_db.query(sql.constData());
    if (!q)
        return std::unexpected(q.error());
    bindFilter(*q, filter);
    if (after)
        q->bind(KeyAt, after->at).bind(KeyRegister, after->registerId).bind(KeySeq, after->seq);
    q->bind(Limit, limit).bind(Offset, offset);
    QList<AuditListRow> rows;
    rows.reserve(limit);
    auto done = q->forEach([&] {
        AuditListRow r;
        r.row.seq = q->int64(0);
        r.row.at = q->text(1);
        r.row.registerId = q->text(2);
        r.row.actor = q->text(3);
        r.row.approver = q->text(4);
        r.row.action = q->text(5);
        r.row.entity = q->text(6);
        r.row.before = q->text(7);
        r.row.after = q->text(8);
        r.row.appVersion = q->text(9);
        r.row.host = q->text(10);
        r.row.prevHash = q->blob(11);
        r.row.hash = q->blob(12);
        r.row.signature = q->blob(13);
        r.actorName = q->text(14);
        r.approverName = q->text(15);
        rows.append(std::move(r));
    });
    if (!done)
        return std::unexpected(done.error());
    return rows;
}

Result<QList<AuditListRow>> AuditQuery::page(const Session& session, const AuditFilter& filter,
                                             const AuditPageRequest& request)
{
    if (auto s = m_access.require(session, Permission::AuditView); !s)
        return std::unexpected(s.error());
    if (auto s = checkFilter(filter); !s)
        return std::unexpected(s.error());
    if (auto s = checkLimit(request.limit); !s)
        return std::unexpected(s.error());
    return select(filter, request.order, request.after, 0, request.limit);
}

Result<QList<AuditListRow>> AuditQuery::window(const Session& session, const AuditFilter& filter,
                                               AuditOrder order, qint64 offset, int limit)
{
    if (auto s = m_access.require(session, Permission::AuditView); !s)
        return std::unexpected(s.error());
    if (auto s = checkFilter(filter); !s)
        return std::unexpected(s.error());
    if (auto s = checkLimit(limit); !s)
        return std::unexpected(s.error());
    if (offset < 0)
        return fail(ErrorCode::InvalidInput, tr("A page of the audit log cannot start before "
                                                "its first row."));
    return select(filter, order, std::nullopt, offset, limit);
}

Result<qint64> AuditQuery::count(const Session& session, const AuditFilter& filter)
{
    if (auto s = m_access.require(session, Permission::AuditView); !s)
        return std::unexpected(s.error());
    if (auto s = checkFilter(filter); !s)
        return std::unexpected(s.error());
    const QByteArray sql = "SELECT count(*) FROM audit_log a" +
                           whereClause(filter, AuditOrder::NewestFirst, false, For::Count);
    auto q = m_db.query(sql.constData());
    if (!q)
        return std::unexpected(q.error());
    bindFilter(*q, filter);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    return *row ? q->int64(0) : 0;
}

Result<QStringList> AuditQuery::actions(const Session& session)
{
    if (auto s = m_access.require(session, Permission::AuditView); !s)
        return std::unexpected(s.error());
    auto q = m_db.query(POS_AUDIT_DISTINCT("action") "SELECT v FROM d WHERE v IS NOT NULL");
    if (!q)
        return std::unexpected(q.error());
    QStringList out;
    auto done = q->forEach([&] { out << q->text(0); });
    if (!done)
        return std::unexpected(done.error());
    return out;
}

Result<QList<AuditActor>> AuditQuery::actors(const Session& session)
{
    if (auto s = m_access.require(session, Permission::AuditView); !s)
        return std::unexpected(s.error());
    auto q = m_db.query(POS_AUDIT_DISTINCT("actor") "SELECT d.v, u.name, u.code FROM d "
                                                    "LEFT JOIN users u ON u.id = d.v "
                                                    "WHERE d.v IS NOT NULL");
    if (!q)
        return std::unexpected(q.error());
    QList<AuditActor> out;
    auto done = q->forEach([&] {
        AuditActor a;
        a.userId = q->text(0).toLongLong(); // "" (the register itself) is 0
        a.name = q->text(1);
        a.code = q->text(2);
        out.append(a);
    });
    if (!done)
        return std::unexpected(done.error());
    // The register itself first, then people by name.
    std::stable_sort(out.begin(), out.end(), [](const AuditActor& a, const AuditActor& b) {
        if ((a.userId == 0) != (b.userId == 0))
            return a.userId == 0;
        const int byName = QString::localeAwareCompare(a.name, b.name);
        return byName != 0 ? byName < 0 : a.userId < b.userId;
    });
    return out;
}

Result<QList<AuditRegister>> AuditQuery::registers(const Session& session)
{
    if (auto s = m_access.require(session, Permission::AuditView); !s)
        return std::unexpected(s.error());
    auto q = m_db.query(POS_AUDIT_DISTINCT("register_id") "SELECT d.v, r.name FROM d "
                                                          "LEFT JOIN registers r ON r.uuid = d.v "
                                                          "WHERE d.v IS NOT NULL");
    if (!q)
        return std::unexpected(q.error());
    QList<AuditRegister> out;
    auto done = q->forEach([&] { out.append({q->text(0), q->text(1)}); });
    if (!done)
        return std::unexpected(done.error());
    return out;
}

Result<AuditVerificationPlan> AuditQuery::verificationPlan(const Session& session, KeyStore& keys)
{
    auto registerList = registers(session); // checks audit.view
    if (!registerList)
        return std::unexpected(registerList.error());
    AuditVerificationPlan plan;
    plan.storePath = m_db.path();
    auto key = keys.read(StoreFile::keyNameFor(plan.storePath));
    if (!key)
        return std::unexpected(key.error());
    plan.storeKey = std::move(*key);
    const AuditLog* own = m_db.auditLog();
    for (const AuditRegister& r : *registerList) {
        AuditVerificationPlan::Chain chain;
        chain.registerId = r.id;
        auto q = m_db.query("SELECT max(seq) FROM audit_log WHERE register_id = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, r.id);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        chain.rows = *row ? q->int64(0) + 1 : 0;
        if (own && own->registerId() == r.id) {
            auto acknowledged = own->acknowledgedCheckpoint();
            if (!acknowledged)
                return std::unexpected(acknowledged.error());
            chain.own = true;
            chain.expect.publicKey = own->publicKey();
            chain.expect.acknowledged = *acknowledged;
        }
        plan.chains.append(chain);
    }
    // This register's chain first.
    std::stable_sort(plan.chains.begin(), plan.chains.end(),
                     [](const auto& a, const auto& b) { return a.own && !b.own; });
    return plan;
}

Result<QList<AuditVerdict>> AuditQuery::verify(const AuditVerificationPlan& plan,
                                               const AuditProgress& progress)
{
    // The store key for this connection only (StoreFile reads it from a key store).
    MemoryKeyStore keys;
    if (auto s = keys.write(StoreFile::keyNameFor(plan.storePath), plan.storeKey); !s)
        return std::unexpected(s.error());
    auto db = StoreFile::openExisting(plan.storePath, keys);
    if (!db)
        return std::unexpected(db.error());
    qint64 total = 0;
    for (const auto& chain : plan.chains)
        total += chain.rows;
    QList<AuditVerdict> verdicts;
    qint64 before = 0; // rows of the chains already done
    for (const auto& chain : plan.chains) {
        AuditProgress step;
        if (progress)
            step = [&progress, before, total](qint64 done, qint64 chainTotal) {
                return progress(before + done, std::max(total, before + chainTotal));
            };
        auto verdict = AuditVerifier::verifyStore(**db, chain.registerId, chain.expect, step);
        if (!verdict)
            return std::unexpected(verdict.error());
        verdicts.append(*verdict);
        before += chain.rows;
    }
    if (progress)
        progress(total, total);
    return verdicts;
}

} // namespace pos
