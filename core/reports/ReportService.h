#pragma once

#include "Clock.h"
#include "Error.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace pos {

class Database;

// Whole local days, from and to inclusive ("today" is from == to).
struct ReportRange {
    QDate from;
    QDate to;
    friend bool operator==(const ReportRange&, const ReportRange&) = default;
};

// What a report covers: a range of days and every register of the session's store, or one of
// them (registerId, the register's UUID text; empty for all).
struct ReportScope {
    ReportRange range;
    QString registerId;
};

struct StoreRegister {
    QString id; // UUID text
    QString name;
};

// A member of staff as reports name them: name and user code, never anything else about them.
// userId 0: a sale from before sign-in existed, named by the cashier text it was recorded with.
struct StaffName {
    qint64 userId = 0;
    QString name;
    QString code;
};

struct HourSales {
    int hour = 0; // local hour of day, 0..23
    qint64 count = 0;
    qint64 totalMinor = 0;
};

// Sales by the local hour they were completed, every day of the range added together.
struct SalesByHour {
    QList<HourSales> hours; // always 24, hour 0 first
    qint64 count = 0;
    qint64 totalMinor = 0;
};

struct CategorySales {
    qint64 categoryId = 0; // 0: products without a category, and lines with no product
    QString name;          // empty for categoryId 0 (the UI names it)
    qint64 quantityMilli = 0;
    qint64 netMinor = 0;               // without tax, after discounts
    qint64 totalMinor = 0;             // with tax
    std::optional<qint64> marginMinor; // net - cost x quantity; only with margins.view
};

// Sale lines by their product's category, largest total first.
struct SalesByCategory {
    bool marginsIncluded = false; // the session may see margins (margins.view)
    QList<CategorySales> categories;
    qint64 netMinor = 0;
    qint64 totalMinor = 0;
    std::optional<qint64> marginMinor;
};

struct CashierSales {
    StaffName cashier;
    qint64 count = 0;
    qint64 totalMinor = 0;
    qint64 averageMinor = 0; // total / count, rounded half away from zero
};

// By the cashier who completed the sale, by name.
struct SalesByCashier {
    QList<CashierSales> cashiers;
    qint64 count = 0;
    qint64 totalMinor = 0;
};

struct ApproverCount {
    StaffName approver;
    qint64 count = 0;
};

struct CashierVoids {
    StaffName cashier;
    qint64 lineVoids = 0;
    qint64 saleVoids = 0;
    qint64 amountMinor = 0;
    QList<ApproverCount> approvedBy; // by name
    qint64 withoutApproval = 0;      // voided on the actor's own permission
    qint64 count() const { return lineVoids + saleVoids; }
};

// Line and sale voids (counter_events) by the member of staff who voided, by name.
struct VoidsByCashier {
    QList<CashierVoids> cashiers;
    qint64 count = 0;
    qint64 lineVoids = 0;
    qint64 saleVoids = 0;
    qint64 withoutApproval = 0;
    qint64 amountMinor = 0;
};

struct CashierRefunds {
    StaffName cashier;
    qint64 count = 0;
    qint64 amountMinor = 0;
    qint64 withReceiptCount = 0;
    qint64 withReceiptMinor = 0;
    qint64 withoutReceiptCount = 0;
    qint64 withoutReceiptMinor = 0;
};

// Refunds and returns by the member of staff who made them, by name.
struct RefundsByCashier {
    QList<CashierRefunds> cashiers;
    qint64 count = 0;
    qint64 amountMinor = 0;
    qint64 withReceiptCount = 0;
    qint64 withReceiptMinor = 0;
    qint64 withoutReceiptCount = 0;
    qint64 withoutReceiptMinor = 0;
};

// Managers' and auditors' reports over a store's (or one register's) completed sales, voids and
// refunds. Read only. Every operation first checks that the session may see reports
// (reports.view, through AccessControl: Unauthenticated for an ended session, PermissionDenied
// for a role without it), then answers for the session's own store only.
//
// No report holds anything about customers (RBAC-3: auditors see no customer data): the structs
// above have no field for it and the queries read no customer column. Staff appear by name and
// user code. Cost and margin are read from the store only for a session with margins.view; for
// others marginMinor is absent (not zero).
//
// Days are local days in the given time zone (the system's by default); "today" comes from the
// clock. Amounts are minor units of the store's currency; sums are checked (Overflow, never a
// wrap). Errors: InvalidInput for a range that is not valid or ends before it starts, NotFound for
// a register that is not one of the store's, Conflict when the range holds an amount in another
// currency. The category is the product's category now (sale lines do not record it), and the
// margin uses the product's cost now (lines without a product count no cost).
class ReportService {
public:
    ReportService(Database& db, const Clock& clock, QString currency,
                  QTimeZone zone = QTimeZone::systemTimeZone());

    const QString& currency() const { return m_currency; }
    const QTimeZone& timeZone() const { return m_zone; }

    // The clock's time in the report's zone (for "printed at").
    QDateTime localNow() const;
    // Ranges the window offers, from the clock: today, yesterday, this week (Monday to today).
    ReportRange today() const;
    ReportRange yesterday() const;
    ReportRange thisWeek() const;

    // Whether the session's reports include margins (needs reports.view as well).
    Result<bool> marginsVisible(const Session& session);
    // The registers of the session's store, by name.
    Result<QList<StoreRegister>> registers(const Session& session);

    Result<SalesByHour> salesByHour(const Session& session, const ReportScope& scope);
    Result<SalesByCategory> salesByCategory(const Session& session, const ReportScope& scope);
    Result<SalesByCashier> salesByCashier(const Session& session, const ReportScope& scope);
    Result<VoidsByCashier> voidsByCashier(const Session& session, const ReportScope& scope);
    Result<RefundsByCashier> refundsByCashier(const Session& session, const ReportScope& scope);

private:
    struct Window; // the scope as UTC bounds and offsets, after the checks
    Result<Window> open(const Session& session, const ReportScope& scope);
    QDate localToday() const;

    Database& m_db;
    const Clock& m_clock;
    QString m_currency;
    QTimeZone m_zone;
    AccessControl m_access;
};

} // namespace pos
