#pragma once

#include "Clock.h"
#include "Error.h"
#include "sales/Cart.h"
#include "sales/Tender.h"
#include "staff/Session.h"

#include <QDateTime>
#include <QList>
#include <QUuid>

namespace pos {

class AccessControl;
class Database;
class PaymentProcessor;

struct CompletedSale {
    QUuid id;
    QString registerId;
    qint64 receiptNo = 0;
    QString cashier;      // the name as it was at the time of the sale
    qint64 cashierId = 0; // users.id; 0 for sales from before staff accounts existed
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
    qint64 cashierId = 0; // who held it; 0 for held sales from before staff accounts existed
    QDateTime heldAt;
    qint64 totalMinor = 0;
    int lineCount = 0;
};

// Completes, holds and resumes sales on this register. A completed sale is written in one
// transaction together with its gap-free receipt number and is immutable afterwards.
//
// RBAC-2: every operation first checks the acting session with AccessControl (Unauthenticated,
// PermissionDenied): complete and hold need sale.create; heldSales lists the session's own held
// sales, or everyone's with held.all; resume takes one's own, or anyone's with held.all
// (PermissionDenied for someone else's without it); load, loadByReceipt and
// completedCount (receipt reprints) need sale.create or reports.view. The sale and the held sale
// record the session's user (name and id).
class SaleService {
public:
    SaleService(Database& db, AccessControl& access, const Clock& clock, IdSource& ids,
                PaymentProcessor& processor, QString registerId);

    // Checks the cart is not empty, an open shift exists, the tenders are positive and add up to
    // at least the total, change comes only from cash, and card tenders do not exceed what is
    // still due. Then charges card tenders (idempotently), stores everything, and returns the
    // sale. On any failure nothing is stored and card charges already made are voided.
    // Errors: InvalidInput (empty cart, bad tender, "tender below total: EUR 3.74 is still due"),
    // Conflict (no open shift: "... open a shift first"; the cart's id was already completed),
    // Declined (the processor's reason), Overflow, or a storage error.
    // Tenders apply in order (docs/money.md): a card at most what is still due; cash applies at
    // most what is still due and the rest of tenderedMinor is change. The sale's id is the
    // cart's id, and the sale is linked to the open shift.
    Result<CompletedSale> complete(const Session& session, const Cart& cart,
                                   const QList<TenderRequest>& tenders);

    Result<CompletedSale> load(const Session& session, const QUuid& id);
    Result<CompletedSale> loadByReceipt(const Session& session, qint64 receiptNo);
    Result<qint64> completedCount(const Session& session);

    // Parks the cart (label: "Table 4", or empty for an automatic "Held 14:32" in local time). A
    // cart without startedAt gets the clock's time. InvalidInput for an empty cart.
    Result<QUuid> hold(const Session& session, const Cart& cart, const QString& label);
    // Oldest first.
    Result<QList<HeldSale>> heldSales(const Session& session);
    // Returns the cart and removes it from the held list in one step; NotFound when it is gone.
    Result<Cart> resume(const Session& session, const QUuid& heldId);

private:
    // sale.create or reports.view: reading completed sales back.
    Status requireSaleReading(const Session& session);

    Database& m_db;
    AccessControl& m_access;
    const Clock& m_clock;
    IdSource& m_ids;
    PaymentProcessor& m_processor;
    QString m_registerId;
};

} // namespace pos
