#include "shifts/ShiftService.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "money/Checked.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "store/Settings.h"

#include <QLoggingCategory>

#include <algorithm>
#include <functional>

Q_LOGGING_CATEGORY(lcShifts, "pos.shifts")

namespace pos {

namespace {

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseIsoUtc(const QString& text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

constexpr const char* ShiftColumns = "id, uuid, register_id, currency, opened_at, opened_by, "
                                     "float_minor, closed_at, closed_by, counted_minor, "
                                     "expected_minor";

struct ShiftRow {
    Shift shift;
    qint64 storedExpected = 0;
};

ShiftRow readShift(const Query& q)
{
    ShiftRow r;
    Shift& s = r.shift;
    s.id = q.int64(0);
    s.uuid = QUuid::fromString(q.text(1));
    s.registerId = q.text(2);
    s.currency = q.text(3);
    s.openedAt = parseIsoUtc(q.text(4));
    s.openedBy = q.text(5);
    s.floatMinor = q.int64(6);
    if (!q.isNull(7))
        s.closedAt = parseIsoUtc(q.text(7));
    s.closedBy = q.isNull(8) ? QString() : q.text(8);
    s.countedMinor = q.isNull(9) ? 0 : q.int64(9);
    r.storedExpected = q.isNull(10) ? 0 : q.int64(10);
    return r;
}

Result<ShiftRow> oneShift(Database& db, const QByteArray& where,
                          const std::function<void(Query&)>& bind, const QString& notFound)
{
    const QByteArray sql = QByteArray("SELECT ") + ShiftColumns + " FROM shifts " + where;
    auto q = db.query(sql.constData());
    if (!q)
        return std::unexpected(q.error());
    bind(*q);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, notFound);
    return readShift(*q);
}

// Sums one query's single integer column over its rows, checked.
Result<qint64> sumRows(Database& db, const char* sql, qint64 shiftId)
{
    auto q = db.query(sql);
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, shiftId);
    qint64 sum = 0;
    for (;;) {
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return sum;
        if (auto s = checked::addTo(sum, q->int64(0)); !s)
            return std::unexpected(s.error());
    }
}

// Every figure of a report except counted and over/short.
Result<ShiftReport> buildReport(Database& db, const Shift& shift)
{
    ShiftReport r;
    r.shift = shift;
    {
        auto q = db.query("SELECT total_minor, discount_minor, tax_minor FROM sales "
                          "WHERE shift_id = ?1 ORDER BY id");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, shift.id);
        for (;;) {
            auto row = q->next();
            if (!row)
                return std::unexpected(row.error());
            if (!*row)
                break;
            ++r.salesCount;
            for (auto s : {checked::addTo(r.grossMinor, q->int64(0)),
                           checked::addTo(r.discountMinor, q->int64(1)),
                           checked::addTo(r.taxMinor, q->int64(2))}) {
                if (!s)
                    return std::unexpected(s.error());
            }
        }
    }
    {
        auto q = db.query("SELECT l.tax_code, l.tax_rate_ppm, l.net_minor, l.tax_minor "
                          "FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
                          "WHERE s.shift_id = ?1 ORDER BY s.id, l.line_no");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, shift.id);
        for (;;) {
            auto row = q->next();
            if (!row)
                return std::unexpected(row.error());
            if (!*row)
                break;
            const QString code = q->text(0);
            const qint64 rate = q->int64(1);
            auto it = std::find_if(r.taxes.begin(), r.taxes.end(), [&](const TaxLine& t) {
                return t.code == code && t.ratePpm == rate;
            });
            if (it == r.taxes.end()) {
                r.taxes.append(TaxLine{code, rate, 0, 0});
                it = r.taxes.end() - 1;
            }
            if (auto s = checked::addTo(it->netMinor, q->int64(2)); !s)
                return std::unexpected(s.error());
            if (auto s = checked::addTo(it->taxMinor, q->int64(3)); !s)
                return std::unexpected(s.error());
        }
    }
    // Tender amounts are what was applied to the sale: cash after change.
    auto cash = sumRows(db,
                        "SELECT t.amount_minor FROM sale_tenders t JOIN sales s ON s.id = "
                        "t.sale_id WHERE s.shift_id = ?1 AND t.kind = 'cash'",
                        shift.id);
    auto card = sumRows(db,
                        "SELECT t.amount_minor FROM sale_tenders t JOIN sales s ON s.id = "
                        "t.sale_id WHERE s.shift_id = ?1 AND t.kind = 'card'",
                        shift.id);
    auto in = sumRows(db,
                      "SELECT amount_minor FROM cash_movements WHERE shift_id = ?1 AND kind = "
                      "'in'",
                      shift.id);
    auto out = sumRows(db,
                       "SELECT amount_minor FROM cash_movements WHERE shift_id = ?1 AND kind = "
                       "'out'",
                       shift.id);
    // Refunds and returns made on this shift (RefundService): cash ones left the drawer.
    auto refunds = sumRows(db, "SELECT total_minor FROM refunds WHERE shift_id = ?1", shift.id);
    auto refundCount = sumRows(db, "SELECT 1 FROM refunds WHERE shift_id = ?1", shift.id);
    auto cashRefunds = sumRows(db,
                               "SELECT t.amount_minor FROM refund_tenders t JOIN refunds r ON "
                               "r.id = t.refund_id WHERE r.shift_id = ?1 AND t.kind = 'cash'",
                               shift.id);
    auto cardRefunds = sumRows(db,
                               "SELECT t.amount_minor FROM refund_tenders t JOIN refunds r ON "
                               "r.id = t.refund_id WHERE r.shift_id = ?1 AND t.kind = 'card'",
                               shift.id);
    auto noSales = sumRows(db,
                           "SELECT 1 FROM counter_events WHERE shift_id = ?1 AND kind = "
                           "'no_sale'",
                           shift.id);
    for (const auto* s :
         {&cash, &card, &in, &out, &refunds, &refundCount, &cashRefunds, &cardRefunds, &noSales}) {
        if (!*s)
            return std::unexpected(s->error());
    }
    r.cashSalesMinor = *cash;
    r.cardSalesMinor = *card;
    r.cashInMinor = *in;
    r.cashOutMinor = *out;
    r.refundsMinor = *refunds;
    r.refundsCount = *refundCount;
    r.cashRefundsMinor = *cashRefunds;
    r.cardRefundsMinor = *cardRefunds;
    r.noSaleCount = *noSales;
    qint64 expected = shift.floatMinor;
    if (auto s = checked::addTo(expected, *cash); !s)
        return std::unexpected(s.error());
    if (auto s = checked::addTo(expected, *in); !s)
        return std::unexpected(s.error());
    auto e = checked::sub(expected, *out);
    if (!e)
        return std::unexpected(e.error());
    auto afterRefunds = checked::sub(*e, *cashRefunds);
    if (!afterRefunds)
        return std::unexpected(afterRefunds.error());
    r.expectedCashMinor = *afterRefunds;
    return r;
}

} // namespace

ShiftService::ShiftService(Database& db, AccessControl& access, const Clock& clock, IdSource& ids,
                           QString registerId, QString currency)
    : m_db(db), m_access(access), m_clock(clock), m_ids(ids), m_registerId(std::move(registerId)),
      m_currency(std::move(currency))
{}

Result<Shift> ShiftService::current(const Session& session)
{
    if (auto s = m_access.require(session, Permission::ShiftOwn); !s)
        return std::unexpected(s.error());
    return openShift();
}

Result<Shift> ShiftService::openShift()
{
    auto r = oneShift(
        m_db, "WHERE register_id = ?1 AND closed_at IS NULL",
        [&](Query& q) { q.bind(1, m_registerId); },
        QStringLiteral("no shift is open on this register: open a shift first"));
    if (!r)
        return std::unexpected(r.error());
    return r->shift;
}

Result<Shift> ShiftService::open(const Session& session, qint64 floatMinor)
{
    if (auto s = m_access.require(session, Permission::ShiftOwn); !s)
        return std::unexpected(s.error());
    if (floatMinor < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the float cannot be negative"));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto existing = openShift(); existing)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("a shift is already open on this register (opened by %1): "
                                   "close it first")
                        .arg(existing->openedBy));
    else if (existing.error().code != ErrorCode::NotFound)
        return std::unexpected(existing.error());

    Shift s;
    s.uuid = m_ids.newId();
    s.registerId = m_registerId;
    s.currency = m_currency;
    s.openedAt = m_clock.nowUtc().toUTC();
    s.openedBy = session.userName;
    s.floatMinor = floatMinor;
    auto q = m_db.query("INSERT INTO shifts (uuid, register_id, currency, opened_at, opened_by, "
                        "float_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, s.uuid.toString(QUuid::WithoutBraces))
        .bind(2, s.registerId)
        .bind(3, s.currency)
        .bind(4, isoUtc(s.openedAt))
        .bind(5, s.openedBy)
        .bind(6, floatMinor);
    if (auto r = q->run(); !r)
        return std::unexpected(r.error());
    s.id = m_db.lastInsertRowId();
    if (auto r = audit::record(
            m_db, AuditEntry{session.userId,
                             0,
                             auditaction::ShiftOpened,
                             audit::entity("shift", s.id),
                             {},
                             {{QStringLiteral("uuid"), s.uuid.toString(QUuid::WithoutBraces)},
                              {QStringLiteral("register_id"), s.registerId},
                              {QStringLiteral("float_minor"), floatMinor},
                              {QStringLiteral("currency"), s.currency}}});
        !r)
        return std::unexpected(r.error());
    if (auto r = tx->commit(); !r)
        return std::unexpected(r.error());
    // Re-read so that the times are exactly what is stored (milliseconds).
    s.openedAt = parseIsoUtc(isoUtc(s.openedAt));
    qCInfo(lcShifts) << "shift opened" << s.id;
    return s;
}

namespace {

Status recordMovement(Database& db, const QString& uuid, const Clock& clock, qint64 shiftId,
                      const char* kind, qint64 amountMinor, const QString& reason,
                      const QString& actor, qint64 approvalRow)
{
    auto q = db.query("INSERT INTO cash_movements (uuid, shift_id, kind, amount_minor, reason, "
                      "actor, at, approval_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid)
        .bind(2, shiftId)
        .bind(3, QString::fromLatin1(kind))
        .bind(4, amountMinor)
        .bind(5, reason)
        .bind(6, actor)
        .bind(7, isoUtc(clock.nowUtc()));
    if (approvalRow > 0)
        q->bind(8, approvalRow);
    else
        q->bindNull(8);
    return q->run();
}

Status checkMovement(qint64 amountMinor, const QString& reason)
{
    if (amountMinor <= 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the amount must be more than zero"));
    if (reason.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("say why the cash moves"));
    return {};
}

} // namespace

Status ShiftService::cashIn(const Session& session, qint64 amountMinor, const QString& reason)
{
    return moveCash(session, CashDirection::In, amountMinor, reason);
}

Status ShiftService::cashOut(const Session& session, qint64 amountMinor, const QString& reason,
                             const QUuid& approvalId)
{
    return moveCash(session, CashDirection::Out, amountMinor, reason, approvalId);
}

namespace {
constexpr qint64 DefaultCashOutLimit = 10000; // 100.00
}

Result<qint64> ShiftService::readCashOutLimit()
{
    auto limit = settings::readInt(m_db, QStringLiteral("cash_out_limit_minor"));
    if (!limit)
        return std::unexpected(limit.error());
    if (!*limit)
        return DefaultCashOutLimit;
    if (**limit < 0)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("the store's cash-out limit setting is not an amount"));
    return **limit;
}

Result<qint64> ShiftService::cashOutLimit(const Session& session)
{
    if (auto s = m_access.require(session, Permission::CashMove); !s)
        return std::unexpected(s.error());
    return readCashOutLimit();
}

ApprovalAsk ShiftService::askCashOut(qint64 amountMinor) const
{
    return ApprovalAsk{ApprovalKind::CashOut, amountMinor,
                       QStringLiteral("register %1 cash out").arg(m_registerId),
                       QStringLiteral("Cash out %1 (above the limit)")
                           .arg(Money(amountMinor, m_currency).toPlainString())};
}

// One transaction: the open shift's drawer figures, the check for this direction, the movement.
Status ShiftService::moveCash(const Session& session, CashDirection direction, qint64 amountMinor,
                              const QString& reason, const QUuid& approvalId)
{
    if (auto s = m_access.require(session, Permission::CashMove); !s)
        return s;
    const bool out = direction == CashDirection::Out;
    if (auto s = checkMovement(amountMinor, reason); !s)
        return s;
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto shift = openShift();
    if (!shift)
        return std::unexpected(shift.error());
    auto report = buildReport(m_db, *shift);
    if (!report)
        return std::unexpected(report.error());
    if (out && amountMinor > report->expectedCashMinor)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("only %1 is expected in the drawer: %2 cannot be taken out")
                        .arg(Money(report->expectedCashMinor, shift->currency).toString(),
                             Money(amountMinor, shift->currency).toString()));
    // Cash in: the drawer's expected cash must stay representable.
    if (auto sum = checked::add(report->expectedCashMinor, amountMinor); !out && !sum)
        return std::unexpected(sum.error());
    // RBAC-5: above the limit, cash.out_over_limit or an approval used in this transaction.
    qint64 approvalRow = 0;
    qint64 approverId = 0;
    if (out) {
        auto limit = readCashOutLimit();
        if (!limit)
            return std::unexpected(limit.error());
        auto set = amountMinor > *limit ? m_access.permissions(session) : Result<PermissionSet>{};
        if (!set)
            return std::unexpected(set.error());
        if (amountMinor > *limit && !set->contains(Permission::CashOutOverLimit)) {
            if (!m_approvals)
                return fail(ErrorCode::ApprovalRequired,
                            QStringLiteral("taking out more than %1 needs a manager's approval")
                                .arg(Money(*limit, shift->currency).toString()));
            auto used = m_approvals->consume(session, approvalId, askCashOut(amountMinor));
            if (!used)
                return std::unexpected(used.error());
            approvalRow = used->rowId;
            approverId = used->approverId;
        }
    }
    const QString uuid = m_ids.newId().toString(QUuid::WithoutBraces);
    if (auto s = recordMovement(m_db, uuid, m_clock, shift->id, out ? "out" : "in", amountMinor,
                                reason.trimmed(), session.userName, approvalRow);
        !s)
        return s;
    const QString expected = QStringLiteral("expected_cash_minor");
    if (auto s = audit::record(
            m_db, AuditEntry{session.userId,
                             approverId,
                             out ? auditaction::CashOut : auditaction::CashIn,
                             audit::entity("cash_movement", uuid),
                             {{expected, report->expectedCashMinor}},
                             {{QStringLiteral("shift_id"), shift->id},
                              {QStringLiteral("amount_minor"), amountMinor},
                              {QStringLiteral("currency"), shift->currency},
                              {QStringLiteral("reason"), reason.trimmed()},
                              {expected, out ? report->expectedCashMinor - amountMinor
                                             : report->expectedCashMinor + amountMinor}}});
        !s)
        return s;
    if (auto s = tx->commit(); !s)
        return s;
    qCInfo(lcShifts) << (out ? "cash out" : "cash in") << amountMinor << "on shift" << shift->id;
    return {};
}

Result<ShiftReport> ShiftService::xReport(const Session& session)
{
    if (auto s = m_access.require(session, Permission::ShiftOwn); !s)
        return std::unexpected(s.error());
    auto shift = openShift();
    if (!shift)
        return std::unexpected(shift.error());
    return buildReport(m_db, *shift);
}

Result<ShiftReport> ShiftService::close(const Session& session, qint64 countedMinor)
{
    if (auto s = m_access.require(session, Permission::ShiftOwn); !s)
        return std::unexpected(s.error());
    if (countedMinor < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("counted cash cannot be negative"));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto shift = openShift();
    if (!shift)
        return std::unexpected(shift.error());
    auto report = buildReport(m_db, *shift);
    if (!report)
        return std::unexpected(report.error());
    auto overShort = checked::sub(countedMinor, report->expectedCashMinor);
    if (!overShort)
        return std::unexpected(overShort.error());

    const QDateTime closedAt = parseIsoUtc(isoUtc(m_clock.nowUtc()));
    auto q = m_db.query("UPDATE shifts SET closed_at = ?2, closed_by = ?3, counted_minor = ?4, "
                        "expected_minor = ?5 WHERE id = ?1 AND closed_at IS NULL");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, shift->id)
        .bind(2, isoUtc(closedAt))
        .bind(3, session.userName)
        .bind(4, countedMinor)
        .bind(5, report->expectedCashMinor);
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    if (m_db.changes() != 1)
        return fail(ErrorCode::Conflict, QStringLiteral("the shift was closed meanwhile"));
    if (auto s = audit::record(
            m_db, AuditEntry{session.userId,
                             0,
                             auditaction::ShiftClosed,
                             audit::entity("shift", shift->id),
                             {{QStringLiteral("open"), true}},
                             {{QStringLiteral("open"), false},
                              {QStringLiteral("float_minor"), shift->floatMinor},
                              {QStringLiteral("expected_cash_minor"), report->expectedCashMinor},
                              {QStringLiteral("counted_cash_minor"), countedMinor},
                              {QStringLiteral("over_short_minor"), *overShort},
                              {QStringLiteral("sales_count"), report->salesCount},
                              {QStringLiteral("gross_minor"), report->grossMinor},
                              {QStringLiteral("refunds_minor"), report->refundsMinor},
                              {QStringLiteral("currency"), shift->currency}}});
        !s)
        return std::unexpected(s.error());
    // AUD-3: a signed checkpoint of the chain at every shift close, in the same transaction.
    if (auto s = m_db.auditLog()->checkpoint(QStringLiteral("shift_close")); !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());

    report->isFinal = true;
    report->shift.closedAt = closedAt;
    report->shift.closedBy = session.userName;
    report->shift.countedMinor = countedMinor;
    report->countedCashMinor = countedMinor;
    report->overShortMinor = *overShort;
    qCInfo(lcShifts) << "shift closed" << shift->id << "over/short" << *overShort;
    return report;
}

namespace {

// The Z report of a closed shift as it was printed: expected and counted are the stored figures.
Result<ShiftReport> finalReport(Database& db, const ShiftRow& row)
{
    if (row.shift.isOpen())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("shift %1 is still open: it has no Z report yet").arg(row.shift.id));
    auto report = buildReport(db, row.shift);
    if (!report)
        return std::unexpected(report.error());
    if (report->expectedCashMinor != row.storedExpected)
        qCWarning(lcShifts) << "shift" << row.shift.id
                            << "expected cash differs from the figure stored at close";
    report->isFinal = true;
    report->expectedCashMinor = row.storedExpected;
    report->countedCashMinor = row.shift.countedMinor;
    auto overShort = checked::sub(row.shift.countedMinor, row.storedExpected);
    if (!overShort)
        return std::unexpected(overShort.error());
    report->overShortMinor = *overShort;
    return report;
}

} // namespace

namespace {

constexpr const char* LastClosed =
    "WHERE register_id = ?1 AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC";

} // namespace

Result<ShiftReport> ShiftService::zReport(const Session& session, qint64 shiftId)
{
    // shift.manage: any shift's Z report; shift.own: only the latest closed one (the reprint of
    // what the register just printed).
    auto set = m_access.permissions(session);
    if (!set)
        return std::unexpected(set.error());
    if (!set->contains(Permission::ShiftManage)) {
        if (auto s = m_access.require(session, Permission::ShiftOwn); !s)
            return std::unexpected(s.error());
        auto last = oneShift(
            m_db, LastClosed, [&](Query& q) { q.bind(1, m_registerId); }, QString());
        if (!last && last.error().code != ErrorCode::NotFound)
            return std::unexpected(last.error());
        if (!last || last->shift.id != shiftId) {
            if (auto s = m_access.require(session, Permission::ShiftManage); !s)
                return std::unexpected(s.error());
        }
    }
    auto row = oneShift(
        m_db, "WHERE id = ?1 AND register_id = ?2",
        [&](Query& q) { q.bind(1, shiftId).bind(2, m_registerId); },
        QStringLiteral("there is no shift %1 on this register").arg(shiftId));
    if (!row)
        return std::unexpected(row.error());
    return finalReport(m_db, *row);
}

Result<ShiftReport> ShiftService::lastZReport(const Session& session)
{
    if (auto s = m_access.require(session, Permission::ShiftOwn); !s)
        return std::unexpected(s.error());
    auto row = oneShift(
        m_db, LastClosed, [&](Query& q) { q.bind(1, m_registerId); },
        QStringLiteral("no shift has been closed on this register yet"));
    if (!row)
        return std::unexpected(row.error());
    return finalReport(m_db, *row);
}

} // namespace pos
