// The audit viewer on a large log: 1,000,000 audit rows (by default) inserted with plain SQL
// (they need not verify: the viewer's queries do not look at hashes), then AuditQuery's first
// page, a page deep in the log, counts and filtered pages as the owner asks for them, each timed
// over several rounds. Prints its own table (there is no bare-SQL floor to set beside a keyset
// page: the bare query is the same SQL).
#include "Benches.h"
#include "Stats.h"

#include "audit/AuditQuery.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QLocale>
#include <QTimeZone>
#include <cstdio>
#include <functional>

namespace pos::bench {

namespace {

const QString MainRegister = QStringLiteral("6f1c9b2e-0000-4000-8000-000000000001");
const QString OtherRegister = QStringLiteral("6f1c9b2e-0000-4000-8000-0000000000f2");
const QDateTime Base(QDate(2026, 10, 1), QTime(7, 0), QTimeZone::utc());
constexpr qint64 SpacingMs = 2592; // 1,000,000 rows over 30 days

// Actions with the share of rows they get (per 10,000), the common ones first.
struct ActionShare {
    const char* action;
    int per10k;
};
constexpr ActionShare Actions[] = {
    {"sale.complete", 6000},      {"line.void", 1000},       {"auth.sign_in", 900},
    {"auth.sign_out", 800},       {"refund.create", 400},    {"auth.sign_in_failed", 300},
    {"drawer.no_sale", 200},      {"shift.open", 150},       {"shift.close", 150},
    {"catalog.price_change", 80}, {"staff.role_change", 10}, {"audit.export", 10},
};

QString actionFor(qint64 i)
{
    const int slot = static_cast<int>((i * 7919) % 10000);
    int upTo = 0;
    for (const ActionShare& a : Actions) {
        upTo += a.per10k;
        if (slot < upTo)
            return QString::fromLatin1(a.action);
    }
    return QStringLiteral("sale.complete");
}

Status insertRows(Database& db, qint64 rows)
{
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    // The register's chain already has its genesis row (and the bench's own rows).
    auto next = db.scalar("SELECT coalesce(max(seq), -1) + 1 FROM audit_log WHERE "
                          "register_id = '6f1c9b2e-0000-4000-8000-000000000001'");
    qint64 seqMain = next ? *next : 0;
    qint64 seqOther = 0;
    const QByteArray signature(64, '\0');
    QByteArray prev(32, '\0');
    for (qint64 i = 0; i < rows; ++i) {
        // A Query is reset when it goes: one per row (the statement itself is cached).
        auto q = db.query("INSERT INTO audit_log (register_id, seq, at, actor, approver, action, "
                          "entity, before_json, after_json, app_version, host, prev_hash, hash, "
                          "signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '0.1.0', "
                          "'bench-host', ?10, ?11, ?12)");
        if (!q)
            return std::unexpected(q.error());
        const bool other = i % 20 == 19; // 5% from a second register
        const QString action = actionFor(i);
        const qint64 actor = 1 + (i * 31) % 30;
        QString entity;
        if (action.startsWith(u"sale.") || action == u"line.void" || action == u"refund.create")
            entity = QStringLiteral("sale:%1").arg(i / 3);
        else if (action.startsWith(u"catalog."))
            entity = QStringLiteral("product:%1").arg((i * 13) % 5000);
        else if (action.startsWith(u"shift.") || action == u"drawer.no_sale")
            entity = QStringLiteral("shift:%1").arg(i / 500);
        else
            entity = QStringLiteral("user:%1").arg(actor);
        const QByteArray hash = QCryptographicHash::hash(
            QByteArray(QByteArray::number(i) + "audit-bench"), QCryptographicHash::Sha256);
        q->bind(1, other ? OtherRegister : MainRegister);
        q->bind(2, other ? seqOther++ : seqMain++);
        q->bind(3, Base.addMSecs(i * SpacingMs).toString(Qt::ISODateWithMs));
        q->bind(4, i % 50 == 0 ? QStringLiteral("") : QString::number(actor));
        q->bind(5, action == u"line.void" ? QString::number(1 + (i * 7) % 5) : QStringLiteral(""));
        q->bind(6, action).bind(7, entity);
        q->bind(8, QStringLiteral("{\"lines\":%1,\"total\":%2}").arg(i % 7).arg(i % 10007));
        q->bind(9, QStringLiteral("{\"lines\":%1,\"total\":%2}").arg(i % 7 + 1).arg(i % 9973));
        q->bind(10, prev).bind(11, hash).bind(12, signature);
        if (auto s = q->run(); !s)
            return s;
        prev = hash;
        if (i % 50000 == 0)
            std::fprintf(stderr, "\rinserting audit rows %lld / %lld", static_cast<long long>(i),
                         static_cast<long long>(rows));
    }
    std::fprintf(stderr, "\n");
    return tx->commit();
}

struct Timed {
    Stats stats;
    qint64 answer = 0; // rows on the page, or the count
};

Timed timed(int rounds, const std::function<qint64()>& run)
{
    std::vector<qint64> ns;
    qint64 answer = 0;
    QElapsedTimer t;
    for (int i = 0; i < rounds; ++i) {
        t.start();
        answer = run();
        ns.push_back(t.nsecsElapsed());
    }
    return {summarize(ns), answer};
}

QString line(const QString& what, const Timed& t)
{
    const auto ms = [](double us) {
        return QString::number(us / 1000.0, 'f', 2);
    };
    return QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
        .arg(what)
        .arg(QLocale(QLocale::English).toString(t.answer))
        .arg(ms(t.stats.p50Us), ms(t.stats.p99Us))
        .arg(t.stats.n);
}

} // namespace

void benchAuditView(BenchStore& store, qint64 rows, QStringList& out)
{
    QElapsedTimer insertTimer;
    insertTimer.start();
    if (auto s = insertRows(*store.db, rows); !s)
        qFatal("inserting audit rows: %s", qPrintable(s.error().message));
    const double insertSecs = static_cast<double>(insertTimer.elapsed()) / 1000.0;
    store.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");

    AuditQuery query(*store.db, *store.access);
    const Session& owner = store.owner;
    const auto page = [&](const AuditFilter& f, AuditPageRequest r = {}) -> qint64 {
        auto p = query.page(owner, f, r);
        if (!p)
            qFatal("page: %s", qPrintable(p.error().message));
        return p->size();
    };
    const auto count = [&](const AuditFilter& f) -> qint64 {
        auto c = query.count(owner, f);
        if (!c)
            qFatal("count: %s", qPrintable(c.error().message));
        return *c;
    };
    const auto filter = [](auto&& set) {
        AuditFilter f;
        set(f);
        return f;
    };

    struct Case {
        QString name;
        AuditFilter filter;
    };
    const QDate day = Base.date().addDays(14);
    const QList<Case> cases = {
        {QStringLiteral("no filter"), {}},
        {QStringLiteral("action line.void (10%)"),
         filter([](AuditFilter& f) { f.action = QStringLiteral("line.void"); })},
        {QStringLiteral("action staff.role_change (0.1%)"),
         filter([](AuditFilter& f) { f.action = QStringLiteral("staff.role_change"); })},
        {QStringLiteral("actor 7 (3%)"), filter([](AuditFilter& f) { f.actorId = 7; })},
        {QStringLiteral("entity user:12 exactly"), filter([](AuditFilter& f) {
             f.entity = QStringLiteral("user:12");
             f.entityMatch = AuditFilter::EntityMatch::Exact;
         })},
        {QStringLiteral("entity prefix product:12"),
         filter([](AuditFilter& f) { f.entity = QStringLiteral("product:12"); })},
        {QStringLiteral("entity prefix sale: (whole kind)"),
         filter([](AuditFilter& f) { f.entity = QStringLiteral("sale:"); })},
        {QStringLiteral("one day"), filter([&](AuditFilter& f) {
             f.from = QDateTime(day, QTime(0, 0), QTimeZone::utc());
             f.to = f.from.addDays(1);
         })},
        {QStringLiteral("second register (5%)"),
         filter([](AuditFilter& f) { f.registerId = OtherRegister; })},
        {QStringLiteral("one day + line.void + actor 7"), filter([&](AuditFilter& f) {
             f.from = QDateTime(day, QTime(0, 0), QTimeZone::utc());
             f.to = f.from.addDays(1);
             f.action = QStringLiteral("line.void");
             f.actorId = 7;
         })},
    };

    out << QStringLiteral("Audit viewer: %1 audit rows inserted in %2 s")
               .arg(QLocale(QLocale::English).toString(rows))
               .arg(QString::number(insertSecs, 'f', 1));
    out << QString();
    out << QStringLiteral("| AuditQuery call | rows / count | p50 (ms) | p99 (ms) | n |");
    out << QStringLiteral("|---|---|---|---|---|");
    for (const Case& c : cases) {
        out << line(QStringLiteral("first page (200), ") + c.name,
                    timed(20, [&] { return page(c.filter); }));
    }
    for (const Case& c : cases)
        out << line(QStringLiteral("count, ") + c.name, timed(5, [&] { return count(c.filter); }));

    // The page after a row deep in the log (what scrolling far down asks for).
    auto deep = query.window(owner, {}, AuditOrder::NewestFirst, rows / 2, 1);
    if (!deep || deep->isEmpty())
        qFatal("no row half way down");
    const AuditKey middle = deep->first().key();
    out << line(QStringLiteral("next page (200) after a row half way down"), timed(20, [&] {
                    return page({}, {AuditOrder::NewestFirst, middle, 200});
                }));
    out << line(QStringLiteral("oldest first, first page (200)"), timed(20, [&] {
                    return page({}, {AuditOrder::OldestFirst, std::nullopt, 200});
                }));
    out << line(QStringLiteral("window by OFFSET half way down (200), for comparison"),
                timed(3, [&] {
                    auto w = query.window(owner, {}, AuditOrder::NewestFirst, rows / 2, 200);
                    return w ? w->size() : -1;
                }));
    out << line(QStringLiteral("filter list: actions"), timed(20, [&] {
                    auto a = query.actions(owner);
                    return a ? a->size() : -1;
                }));
    out << line(QStringLiteral("filter list: actors"), timed(20, [&] {
                    auto a = query.actors(owner);
                    return a ? a->size() : -1;
                }));
    out << line(QStringLiteral("filter list: registers"), timed(20, [&] {
                    auto a = query.registers(owner);
                    return a ? a->size() : -1;
                }));
}

} // namespace pos::bench
