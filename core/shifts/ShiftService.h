#pragma once

#include "Clock.h"
#include "Error.h"
#include "approvals/ApprovalService.h"
#include "money/Money.h"
#include "staff/Session.h"

#include <QDateTime>
#include <QList>
#include <QUuid>

namespace pos {

class AccessControl;
class Database;

struct Shift {
    qint64 id = 0;
    QUuid uuid;
    QString registerId;
    QString currency;
    QDateTime openedAt;
    QString openedBy;
    qint64 floatMinor = 0;
    QDateTime closedAt; // invalid while open
    QString closedBy;
    qint64 countedMinor = 0;
    bool isOpen() const { return !closedAt.isValid(); }
};

struct TaxLine {
    QString code;
    qint64 ratePpm = 0;
    qint64 netMinor = 0;
    qint64 taxMinor = 0;
};

// X report (mid-shift, changes nothing) and Z report (at close) figures.
struct ShiftReport {
    bool isFinal = false; // Z
    Shift shift;
    qint64 salesCount = 0;
    qint64 grossMinor = 0; // sum of sale totals
    qint64 discountMinor = 0;
    qint64 taxMinor = 0;
    QList<TaxLine> taxes;
    qint64 cashSalesMinor = 0; // cash applied to sales (after change)
    qint64 cardSalesMinor = 0;
    qint64 cashInMinor = 0;
    qint64 cashOutMinor = 0;
    qint64 refundsCount = 0;      // refunds and returns made on this shift
    qint64 refundsMinor = 0;      // their total, card and cash
    qint64 cashRefundsMinor = 0;  // paid out of the drawer
    qint64 cardRefundsMinor = 0;  // given back to cards
    qint64 noSaleCount = 0;       // drawer opened without a sale
    qint64 expectedCashMinor = 0; // float + cash sales + cash in - cash out - cash refunds
    qint64 countedCashMinor = 0;  // Z only
    qint64 overShortMinor = 0;    // counted - expected, Z only
};

// Errors: NotFound when no shift is open ("... open a shift first") for current, cashIn,
// cashOut, xReport and close; InvalidInput for a negative float or count, a cash movement that is
// not more than zero or has no reason, a cash out above the expected cash, or zReport of a shift
// that is still open. Sales are linked to the open shift by SaleService (sales.shift_id). Z
// reprints (zReport, lastZReport) show the expected and counted cash stored at close.
//
// RBAC-2: every operation first checks the acting session with AccessControl (Unauthenticated,
// PermissionDenied): open, current, xReport, close and lastZReport need shift.own; cashIn and
// cashOut need cash.move; zReport needs shift.own for the latest closed shift and shift.manage
// for any other. The session's user name is recorded as who opened, closed or moved cash.
//
// RBAC-5: a cash out above the store's limit (settings 'cash_out_limit_minor', default 10000 =
// 100.00) also needs cash.out_over_limit, or a manager's approval (askCashOut; the approval is
// used in the movement's transaction and named in cash_movements.approval_id; ApprovalRequired
// without one, and nothing changes). Approvals need setApprovals().
class ShiftService {
public:
    ShiftService(Database& db, AccessControl& access, const Clock& clock, IdSource& ids,
                 QString registerId, QString currency);

    // Conflict when one is open.
    Result<Shift> open(const Session& session, qint64 floatMinor);
    Result<Shift> current(const Session& session); // NotFound when none is open
    Status cashIn(const Session& session, qint64 amountMinor, const QString& reason);
    // Not more than the expected cash; above the limit see RBAC-5 above.
    Status cashOut(const Session& session, qint64 amountMinor, const QString& reason,
                   const QUuid& approvalId = {});
    // The store's cash-out limit (cash.move) and what an approval above it must cover.
    Result<qint64> cashOutLimit(const Session& session);
    ApprovalAsk askCashOut(qint64 amountMinor) const;
    // Where cash-out approvals are checked and used; without it, only cash.out_over_limit works.
    void setApprovals(ApprovalService& approvals) { m_approvals = &approvals; }
    Result<ShiftReport> xReport(const Session& session);
    // Returns the Z report.
    Result<ShiftReport> close(const Session& session, qint64 countedMinor);
    Result<ShiftReport> zReport(const Session& session, qint64 shiftId); // a closed shift's Z again
    Result<ShiftReport> lastZReport(const Session& session);

private:
    enum class CashDirection { In, Out };
    // Both directions: the permission, the checks and the movement in one transaction. One place
    // for what a cash movement needs (a limit and its approval can go here).
    Status moveCash(const Session& session, CashDirection direction, qint64 amountMinor,
                    const QString& reason, const QUuid& approvalId = {});
    Result<qint64> readCashOutLimit();
    Result<Shift> openShift(); // no permission check: for operations that have checked theirs

    Database& m_db;
    AccessControl& m_access;
    const Clock& m_clock;
    IdSource& m_ids;
    QString m_registerId;
    QString m_currency;
    ApprovalService* m_approvals = nullptr;
};

} // namespace pos
