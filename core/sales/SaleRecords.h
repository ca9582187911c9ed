#pragma once

// Internal to the sale engine: the rows of a completed sale, written and read back. Not part of
// the contract the UI codes against; use SaleService.

#include "Error.h"
#include "sales/SaleService.h"

#include <QLoggingCategory>

namespace pos {

class Database;

namespace salerecords {

Q_DECLARE_LOGGING_CATEGORY(lcSales)

// ISO 8601 UTC with milliseconds: "2026-03-01T09:30:00.000Z".
QString isoUtc(const QDateTime& t);
QDateTime parseIsoUtc(const QString& text); // invalid when the text is not such a time

struct OpenShift {
    qint64 id = 0;
    QString currency;
};
// The open shift of this register; NotFound when none is open.
Result<OpenShift> findOpenShift(Database& db, const QString& registerId);

// Inside the caller's transaction: takes the next gap-free receipt number for the register and
// inserts sales, sale_lines and sale_tenders. Returns the receipt number.
Result<qint64> insertSale(Database& db, const CompletedSale& sale, qint64 shiftId);

// Rebuilds a sale from its rows; totals are summed from the stored lines and checked against
// the sale's stored totals (Corrupt when they differ). NotFound when there is no such sale.
Result<CompletedSale> loadSaleByUuid(Database& db, const QUuid& id);
Result<CompletedSale> loadSaleByReceipt(Database& db, const QString& registerId, qint64 receiptNo);

} // namespace salerecords
} // namespace pos
