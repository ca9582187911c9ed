#pragma once

#include "Error.h"

#include <functional>

namespace pos {

class Database;

// Rings up demo sales through the real SaleService (the same path as the counter), so they carry
// gap-free receipt numbers, taxes and tenders like any other sale: 1-5 random catalog products per
// sale, paid in cash (with change) or by the simulated card processor. Opens a shift with a
// float of 200.00 when none is open and leaves it open. Times are spread over the hours before
// now. Deterministic for a given seed.
Result<qint64> seedDemoSales(Database& db, qint64 count, quint32 seed = 42,
                             const std::function<void(qint64 done, qint64 total)>& progress = {});

} // namespace pos
