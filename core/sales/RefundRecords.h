#pragma once

// Internal to RefundService: a completed sale as refunds see it (with what earlier refunds took
// from each line and tender), and the rows of a refund, written and read back. Not part of the
// contract the UI codes against; use RefundService.

#include "Error.h"
#include "catalog/Product.h"
#include "sales/RefundService.h"

#include <QLoggingCategory>

namespace pos {

class Database;

namespace refundrecords {

Q_DECLARE_LOGGING_CATEGORY(lcRefunds)

struct SaleLine {
    int lineNo = 0;
    qint64 productId = 0;
    QString sku;
    QString name;
    bool soldByWeight = false;
    qint64 qtyMilli = 0;
    qint64 totalMinor = 0;
    qint64 taxMinor = 0;
    qint64 refundedQtyMilli = 0; // by earlier refunds
    qint64 refundedMinor = 0;
    qint64 refundedTaxMinor = 0;
};

struct SaleTender {
    int seq = 0;
    TenderKind kind = TenderKind::Cash;
    qint64 amountMinor = 0; // applied to the sale (cash after change)
    QString reference;      // card: the charge's reference
    qint64 refundedMinor = 0;
};

struct Sale {
    qint64 rowId = 0;
    QUuid id;
    QString registerId;
    qint64 receiptNo = 0;
    QString currency;
    qint64 totalMinor = 0;
    qint64 paidMinor = 0;
    qint64 refundedMinor = 0;
    QDateTime completedAt;
    QList<SaleLine> lines;
    QList<SaleTender> tenders;
};

// NotFound when there is no such sale (on this register, for a receipt number).
Result<Sale> loadSale(Database& db, const QUuid& id);
Result<Sale> loadSaleByReceipt(Database& db, const QString& registerId, qint64 receiptNo);
// Whether a refund with this id is already stored.
Result<bool> refundExists(Database& db, const QUuid& refundId);

struct CatalogItem {
    qint64 id = 0;
    QString sku;
    QString name;
    qint64 priceMinor = 0;
    bool soldByWeight = false;
    TaxClass tax;
};
Result<CatalogItem> loadProduct(Database& db, qint64 productId);

// Inside the caller's transaction: refunds, refund_lines, refund_tenders.
Status insertRefund(Database& db, const Refund& refund, qint64 originalSaleRow, qint64 approvalRow);
// A stored refund with its lines, tenders and the names of actor and approver.
Result<Refund> loadRefund(Database& db, const QUuid& refundId);

} // namespace refundrecords
} // namespace pos
