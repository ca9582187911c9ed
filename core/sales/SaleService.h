#pragma once

#include "Clock.h"
#include "Error.h"
#include "sales/Cart.h"
#include "sales/Tender.h"

#include <QDateTime>
#include <QList>
#include <QUuid>

namespace pos {

class Database;
class PaymentProcessor;

struct CompletedSale {
    QUuid id;
    QString registerId;
    qint64 receiptNo = 0;
    QString cashier;
    qint64 customerId = 0;
    QList<CartLine> lines;
    CartTotals totals;
    QList<Tender> tenders;
    qint64 paidMinor = 0;   // sum of tender amounts applied = total
    qint64 changeMinor = 0; // cash handed back
    QDateTime startedAt;
    QDateTime completedAt;
};

struct HeldSale {
    QUuid id;
    QString label;
    QString cashier;
    QDateTime heldAt;
    qint64 totalMinor = 0;
    int lineCount = 0;
};

// Completes, holds and resumes sales on this register. A completed sale is written in one
// transaction together with its gap-free receipt number and is immutable afterwards.
class SaleService {
public:
    SaleService(Database& db, const Clock& clock, IdSource& ids, PaymentProcessor& processor,
                QString registerId);

    // Checks the cart is not empty, an open shift exists, the tenders are positive and add up to
    // at least the total, change comes only from cash, and card tenders do not exceed what is
    // still due. Then charges card tenders (idempotently), stores everything, and returns the
    // sale. On any failure nothing is stored and card charges already made are voided.
    Result<CompletedSale> complete(const Cart& cart, const QList<TenderRequest>& tenders,
                                   const QString& cashier);

    Result<CompletedSale> load(const QUuid& id);
    Result<CompletedSale> loadByReceipt(qint64 receiptNo);
    Result<qint64> completedCount();

    // Parks the cart (label: "Table 4", or empty for an automatic "Held 14:32").
    Result<QUuid> hold(const Cart& cart, const QString& label, const QString& cashier);
    Result<QList<HeldSale>> heldSales();
    // Returns the cart and removes it from the held list in one step.
    Result<Cart> resume(const QUuid& heldId);

private:
    Database& m_db;
    const Clock& m_clock;
    IdSource& m_ids;
    PaymentProcessor& m_processor;
    QString m_registerId;
};

} // namespace pos
