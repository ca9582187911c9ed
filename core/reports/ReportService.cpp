#include "reports/ReportService.h"

#include "money/Checked.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace pos {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::ReportService", text);
}

// Runs onRow (returning Status) for every row; the first error, from the store or from onRow,
// stops it.
template <class OnRow> Status eachRow(Query& q, OnRow&& onRow)
{
    for (;;) {
        auto row = q.next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return {};
        if (auto s = onRow(); !s)
            return s;
    }
}

// Adds each value to its sum, checked; the first overflow stops it (the report is then an error).
Status addAll(std::initializer_list<std::pair<qint64*, qint64>> sums)
{
    for (const auto& [sum, value] : sums)
        if (auto s = checked::addTo(*sum, value); !s)
            return s;
    return {};
}

StaffName staffFrom(const Query& q, int idColumn)
{
    if (q.isNull(idColumn))
        return {};
    return StaffName{q.int64(idColumn), q.text(idColumn + 1), q.text(idColumn + 2)};
}

QString staffKey(const StaffName& s)
{
    return s.userId > 0 ? QString::number(s.userId) : QStringLiteral("name:") + s.name;
}

bool byName(const StaffName& a, const StaffName& b)
{
    const int c = QString::localeAwareCompare(a.name, b.name);
    return c != 0 ? c < 0 : a.code < b.code;
}

// Per-person rows in the order they were first seen, then sorted by name.
template <class Row> class PerPerson {
public:
    Row& at(const StaffName& who)
    {
        const QString key = staffKey(who);
        auto it = m_index.constFind(key);
        if (it != m_index.constEnd())
            return m_rows[*it];
        m_index.insert(key, m_rows.size());
        m_rows.append(Row{});
        m_rows.last().cashier = who;
        return m_rows.last();
    }
    QList<Row> sorted()
    {
        std::sort(m_rows.begin(), m_rows.end(),
                  [](const Row& a, const Row& b) { return byName(a.cashier, b.cashier); });
        return m_rows;
    }

private:
    QHash<QString, qsizetype> m_index;
    QList<Row> m_rows;
};

// Every report's rows are limited to [from, to) in UTC, the session's store, and maybe one of
// its registers: ?1 from, ?2 to, ?3 store id, ?4 register id or NULL. The unary + keeps SQLite
// from searching by register (the index on (register_id, receipt_no) reads every sale of the
// register): the time range is the narrow part.
#define POS_REPORT_SCOPE(table, column)                                                            \
    " " table "." column " >= ?1 AND " table "." column " < ?2 AND +" table                        \
    ".register_id IN (SELECT uuid FROM registers WHERE store_id = ?3) AND (?4 IS NULL OR +" table  \
    ".register_id = ?4)"

// The currency column as "NULL when it is ours" (?5): rows in the store's currency, nearly all of
// them, cost no string.
#define POS_OTHER_CURRENCY(table) " NULLIF(" table ".currency, ?5)"

} // namespace

struct ReportService::Window {
    QString fromUtc; // ISO 8601 UTC text, as the store records times
    QString toUtc;
    qint64 storeId = 0;
    QString registerId; // null: every register of the store
    // Offset from UTC in seconds from each instant on (seconds since the epoch), in order; the
    // first entry covers the start of the range.
    QList<std::pair<qint64, int>> offsets;

    void bind(Query& q) const
    {
        q.bind(1, fromUtc).bind(2, toUtc).bind(3, storeId).bind(4, registerId);
    }
    // The local hour of day of an instant in seconds since the epoch.
    int localHour(qint64 epochSecs) const
    {
        auto it = std::upper_bound(offsets.begin(), offsets.end(), epochSecs,
                                   [](qint64 t, const auto& o) { return t < o.first; });
        const int offset = it == offsets.begin() ? offsets.first().second : std::prev(it)->second;
        constexpr qint64 Day = 24 * 3600;
        const qint64 secondOfDay = ((epochSecs + offset) % Day + Day) % Day;
        return static_cast<int>(secondOfDay / 3600);
    }
};

ReportService::ReportService(Database& db, const Clock& clock, QString currency, QTimeZone zone)
    : m_db(db), m_clock(clock), m_currency(std::move(currency)), m_zone(std::move(zone)),
      m_access(db)
{}

QDateTime ReportService::localNow() const
{
    return m_clock.nowUtc().toTimeZone(m_zone);
}

QDate ReportService::localToday() const
{
    return localNow().date();
}

ReportRange ReportService::today() const
{
    const QDate d = localToday();
    return {d, d};
}

ReportRange ReportService::yesterday() const
{
    const QDate d = localToday().addDays(-1);
    return {d, d};
}

ReportRange ReportService::thisWeek() const
{
    const QDate d = localToday();
    return {d.addDays(1 - d.dayOfWeek()), d};
}

Result<bool> ReportService::marginsVisible(const Session& session)
{
    if (auto s = m_access.require(session, Permission::ReportsView); !s)
        return std::unexpected(s.error());
    auto set = m_access.permissions(session);
    if (!set)
        return std::unexpected(set.error());
    return set->contains(Permission::MarginsView);
}

Result<QList<StoreRegister>> ReportService::registers(const Session& session)
{
    if (auto s = m_access.require(session, Permission::ReportsView); !s)
        return std::unexpected(s.error());
    auto q = m_db.query("SELECT uuid, name FROM registers WHERE store_id = ?1 ORDER BY name, uuid");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, session.storeId);
    QList<StoreRegister> out;
    auto ok = q->forEach([&] { out.append({q->text(0), q->text(1)}); });
    if (!ok)
        return std::unexpected(ok.error());
    return out;
}

Result<ReportService::Window> ReportService::open(const Session& session, const ReportScope& scope)
{
    // The permission first: a refused caller learns nothing, not even whether a register exists.
    if (auto s = m_access.require(session, Permission::ReportsView); !s)
        return std::unexpected(s.error());
    const ReportRange& r = scope.range;
    if (!r.from.isValid() || !r.to.isValid())
        return fail(ErrorCode::InvalidInput,
                    tr("Choose the first and the last day of the report."));
    if (r.to < r.from)
        return fail(ErrorCode::InvalidInput,
                    tr("The report's last day is before its first day. Choose the days again."));
    Window w;
    w.storeId = session.storeId;
    if (!scope.registerId.isEmpty()) {
        auto q = m_db.query("SELECT 1 FROM registers WHERE uuid = ?1 AND store_id = ?2");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, scope.registerId).bind(2, session.storeId);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::NotFound, tr("That register is not one of this store's."));
        w.registerId = scope.registerId;
    }
    // startOfDay, not midnight: in a zone whose clocks jump at midnight a day starts later.
    const QDateTime start = r.from.startOfDay(m_zone).toUTC();
    const QDateTime end = r.to.addDays(1).startOfDay(m_zone).toUTC();
    if (!start.isValid() || !end.isValid())
        return fail(ErrorCode::InvalidInput,
                    tr("Choose the first and the last day of the report."));
    w.fromUtc = start.toString(Qt::ISODateWithMs);
    w.toUtc = end.toString(Qt::ISODateWithMs);
    w.offsets.append({start.toSecsSinceEpoch(), m_zone.offsetFromUtc(start)});
    if (m_zone.hasTransitions())
        for (const QTimeZone::OffsetData& t : m_zone.transitions(start, end))
            w.offsets.append({t.atUtc.toSecsSinceEpoch(), t.offsetFromUtc});
    return w;
}

namespace {

// A POS_OTHER_CURRENCY column: NULL, or an amount in another currency that cannot be added in.
Status otherCurrency(const Query& q, int column, const QString& expected)
{
    if (q.isNull(column))
        return {};
    const QString found = q.text(column);
    return fail(ErrorCode::Conflict, tr("These days include amounts in %1; reports add up amounts "
                                        "in %2 only.")
                                         .arg(found, expected));
}

} // namespace

Result<SalesByHour> ReportService::salesByHour(const Session& session, const ReportScope& scope)
{
    auto w = open(session, scope);
    if (!w)
        return std::unexpected(w.error());
    auto q = m_db.query("SELECT CAST(strftime('%s', s.completed_at) AS INTEGER), "
                        "s.total_minor, " POS_OTHER_CURRENCY(
                            "s") " FROM sales s WHERE" POS_REPORT_SCOPE("s", "completed_at"));
    if (!q)
        return std::unexpected(q.error());
    w->bind(*q);
    q->bind(5, m_currency);
    SalesByHour out;
    for (int h = 0; h < 24; ++h)
        out.hours.append(HourSales{h, 0, 0});
    auto ok = eachRow(*q, [&]() -> Status {
        if (auto s = otherCurrency(*q, 2, m_currency); !s)
            return s;
        HourSales& hour = out.hours[w->localHour(q->int64(0))];
        const qint64 total = q->int64(1);
        ++hour.count;
        ++out.count;
        return addAll({{&hour.totalMinor, total}, {&out.totalMinor, total}});
    });
    if (!ok)
        return std::unexpected(ok.error());
    return out;
}

Result<SalesByCategory> ReportService::salesByCategory(const Session& session,
                                                       const ReportScope& scope)
{
    auto w = open(session, scope);
    if (!w)
        return std::unexpected(w.error());
    auto perms = m_access.permissions(session);
    if (!perms)
        return std::unexpected(perms.error());
    const bool margins = perms->contains(Permission::MarginsView);
    // Cost leaves the store only for a session that may see it (?6).
    auto q =
        m_db.query("SELECT p.category_id, c.name, l.qty_milli, l.net_minor, l.total_minor, "
                   "CASE WHEN ?6 THEN p.cost_minor END," POS_OTHER_CURRENCY(
                       "s") " "
                            "FROM sales s JOIN sale_lines l ON l.sale_id = s.id "
                            "LEFT JOIN products p ON p.id = l.product_id "
                            "LEFT JOIN categories c ON c.id = p.category_id WHERE" POS_REPORT_SCOPE(
                                "s", "completed_at"));
    if (!q)
        return std::unexpected(q.error());
    w->bind(*q);
    q->bind(5, m_currency);
    q->bind(6, margins);
    SalesByCategory out;
    out.marginsIncluded = margins;
    if (margins)
        out.marginMinor = 0;
    QHash<qint64, qsizetype> index;
    auto ok = eachRow(*q, [&]() -> Status {
        if (auto s = otherCurrency(*q, 6, m_currency); !s)
            return s;
        const qint64 id = q->isNull(0) ? 0 : q->int64(0);
        auto it = index.constFind(id);
        if (it == index.constEnd()) {
            it = index.insert(id, out.categories.size());
            CategorySales c;
            c.categoryId = id;
            c.name = id == 0 ? QString() : q->text(1);
            if (margins)
                c.marginMinor = 0;
            out.categories.append(c);
        }
        CategorySales& c = out.categories[*it];
        const qint64 qty = q->int64(2);
        const qint64 net = q->int64(3);
        const qint64 total = q->int64(4);
        if (auto s = addAll({{&c.quantityMilli, qty},
                             {&c.netMinor, net},
                             {&c.totalMinor, total},
                             {&out.netMinor, net},
                             {&out.totalMinor, total}});
            !s)
            return s;
        if (!margins)
            return {};
        const qint64 unitCost = q->isNull(5) ? 0 : q->int64(5);
        auto cost = checked::mulDivRound(unitCost, qty, 1000);
        if (!cost)
            return std::unexpected(cost.error());
        auto margin = checked::sub(net, *cost);
        if (!margin)
            return std::unexpected(margin.error());
        return addAll({{&*c.marginMinor, *margin}, {&*out.marginMinor, *margin}});
    });
    if (!ok)
        return std::unexpected(ok.error());
    std::sort(out.categories.begin(), out.categories.end(),
              [](const CategorySales& a, const CategorySales& b) {
                  if (a.totalMinor != b.totalMinor)
                      return a.totalMinor > b.totalMinor;
                  return QString::localeAwareCompare(a.name, b.name) < 0;
              });
    return out;
}

Result<SalesByCashier> ReportService::salesByCashier(const Session& session,
                                                     const ReportScope& scope)
{
    auto w = open(session, scope);
    if (!w)
        return std::unexpected(w.error());
    auto q = m_db.query(
        "SELECT s.cashier_id, u.name, u.code, s.cashier, s.total_minor, " POS_OTHER_CURRENCY(
            "s") " FROM sales s LEFT JOIN users u ON u.id = s.cashier_id "
                 "WHERE" POS_REPORT_SCOPE("s", "completed_at"));
    if (!q)
        return std::unexpected(q.error());
    w->bind(*q);
    q->bind(5, m_currency);
    SalesByCashier out;
    PerPerson<CashierSales> people;
    auto ok = eachRow(*q, [&]() -> Status {
        if (auto s = otherCurrency(*q, 5, m_currency); !s)
            return s;
        StaffName who = staffFrom(*q, 0);
        if (who.userId == 0)
            who.name = q->text(3); // recorded before staff accounts existed
        CashierSales& c = people.at(who);
        const qint64 total = q->int64(4);
        ++c.count;
        ++out.count;
        return addAll({{&c.totalMinor, total}, {&out.totalMinor, total}});
    });
    if (!ok)
        return std::unexpected(ok.error());
    out.cashiers = people.sorted();
    for (CashierSales& c : out.cashiers) {
        auto avg = checked::mulDivRound(c.totalMinor, 1, c.count);
        if (!avg)
            return std::unexpected(avg.error());
        c.averageMinor = *avg;
    }
    return out;
}

Result<VoidsByCashier> ReportService::voidsByCashier(const Session& session,
                                                     const ReportScope& scope)
{
    auto w = open(session, scope);
    if (!w)
        return std::unexpected(w.error());
    auto q =
        m_db.query("SELECT e.actor_id, u.name, u.code, e.kind, e.amount_minor, "
                   "a.approver_id, ua.name, ua.code FROM counter_events e "
                   "JOIN users u ON u.id = e.actor_id "
                   "LEFT JOIN approvals a ON a.id = e.approval_id "
                   "LEFT JOIN users ua ON ua.id = a.approver_id "
                   "WHERE e.kind IN ('line_void', 'sale_void') AND" POS_REPORT_SCOPE("e", "at"));
    if (!q)
        return std::unexpected(q.error());
    w->bind(*q);
    VoidsByCashier out;
    PerPerson<CashierVoids> people;
    auto ok = eachRow(*q, [&]() -> Status {
        CashierVoids& c = people.at(staffFrom(*q, 0));
        const bool sale = q->text(3) == u"sale_void";
        ++(sale ? c.saleVoids : c.lineVoids);
        ++(sale ? out.saleVoids : out.lineVoids);
        ++out.count;
        const StaffName approver = staffFrom(*q, 5);
        if (approver.userId == 0) {
            ++c.withoutApproval;
            ++out.withoutApproval;
        } else {
            auto it = std::find_if(c.approvedBy.begin(), c.approvedBy.end(), [&](const auto& a) {
                return a.approver.userId == approver.userId;
            });
            if (it == c.approvedBy.end())
                c.approvedBy.append({approver, 1});
            else
                ++it->count;
        }
        const qint64 amount = q->int64(4);
        return addAll({{&c.amountMinor, amount}, {&out.amountMinor, amount}});
    });
    if (!ok)
        return std::unexpected(ok.error());
    out.cashiers = people.sorted();
    for (CashierVoids& c : out.cashiers)
        std::sort(c.approvedBy.begin(), c.approvedBy.end(),
                  [](const ApproverCount& a, const ApproverCount& b) {
                      return byName(a.approver, b.approver);
                  });
    return out;
}

Result<RefundsByCashier> ReportService::refundsByCashier(const Session& session,
                                                         const ReportScope& scope)
{
    auto w = open(session, scope);
    if (!w)
        return std::unexpected(w.error());
    auto q = m_db.query("SELECT r.actor_id, u.name, u.code, r.total_minor, "
                        "r.original_sale_id IS NOT NULL," POS_OTHER_CURRENCY(
                            "r") " FROM refunds r "
                                 "JOIN users u ON u.id = r.actor_id "
                                 "WHERE" POS_REPORT_SCOPE("r", "created_at"));
    if (!q)
        return std::unexpected(q.error());
    w->bind(*q);
    q->bind(5, m_currency);
    RefundsByCashier out;
    PerPerson<CashierRefunds> people;
    auto ok = eachRow(*q, [&]() -> Status {
        if (auto s = otherCurrency(*q, 5, m_currency); !s)
            return s;
        CashierRefunds& c = people.at(staffFrom(*q, 0));
        const qint64 amount = q->int64(3);
        const bool withReceipt = q->int64(4) != 0;
        ++c.count;
        ++out.count;
        ++(withReceipt ? c.withReceiptCount : c.withoutReceiptCount);
        ++(withReceipt ? out.withReceiptCount : out.withoutReceiptCount);
        return addAll({{&c.amountMinor, amount},
                       {withReceipt ? &c.withReceiptMinor : &c.withoutReceiptMinor, amount},
                       {&out.amountMinor, amount},
                       {withReceipt ? &out.withReceiptMinor : &out.withoutReceiptMinor, amount}});
    });
    if (!ok)
        return std::unexpected(ok.error());
    out.cashiers = people.sorted();
    return out;
}

} // namespace pos
