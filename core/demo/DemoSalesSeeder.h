#pragma once

#include "Error.h"
#include "staff/Session.h"

#include <functional>

namespace pos {

class AccessControl;
class Database;

// Rings up demo sales through the real SaleService (the same path as the counter), so they carry
// gap-free receipt numbers, taxes and tenders like any other sale: 1-5 random catalog products per
// sale, paid in cash (with change) or by the simulated card processor. Opens a shift with a
// float of 200.00 when none is open and leaves it open. Times are spread over the hours before
// now. Deterministic for a given seed. The sales are the session's (its user is the cashier).
//
// RBAC-2: needs catalog.edit and settings.manage (owners only by default), checked before anything
// is written: made-up sales get real receipt numbers and change the open shift's expected cash,
// so filling a store's books with them is the owner's decision, not catalog upkeep. Each sale
// then goes through SaleService and ShiftService with the same session, which check sale.create
// and shift.own as at the counter.
Result<qint64> seedDemoSales(Database& db, AccessControl& access, const Session& session,
                             qint64 count, quint32 seed = 42,
                             const std::function<void(qint64 done, qint64 total)>& progress = {});

} // namespace pos
