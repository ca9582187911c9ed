#pragma once

#include "Clock.h"
#include "Error.h"
#include "approvals/ApprovalService.h"
#include "auth/RateLimiter.h"
#include "money/Quantity.h"
#include "sales/Tender.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

namespace pos {

class Database;
class PaymentProcessor;
class Transaction;

// One line of a completed sale as a refund sees it.
struct RefundableLine {
    int lineNo = 0; // the sale's line, 1-based
    qint64 productId = 0;
    QString sku;
    QString name;
    bool soldByWeight = false;
    Quantity sold;
    Quantity refunded;          // by earlier refunds; Quantity::fromMilli(0) when none
    Quantity refundable;        // sold - refunded
    qint64 totalMinor = 0;      // what the customer paid for the line
    qint64 refundedMinor = 0;   // already given back for it
    qint64 refundableMinor = 0; // total - refunded
};

struct RefundableSale {
    QUuid saleId;
    qint64 receiptNo = 0;
    QString registerId;
    QString currency;
    QDateTime completedAt;
    qint64 paidMinor = 0;
    qint64 refundedMinor = 0;
    qint64 cardPaidMinor = 0; // card tenders of the sale, and what went back to them
    qint64 cardRefundedMinor = 0;
    qint64 cashPaidMinor = 0;
    qint64 cashRefundedMinor = 0;
    QList<RefundableLine> lines;
};

struct RefundLineRequest {
    int lineNo = 0; // the original sale's line, 1-based
    Quantity quantity;
};

// With the receipt. id: made once by the caller (a null id gets a new one); retrying a refund
// that failed with the same id never refunds a card twice (the processor keys are derived from
// it), and an id already stored is refused (Conflict).
struct RefundRequest {
    QUuid id;
    QUuid saleId;
    QList<RefundLineRequest> lines; // each line at most once
    QString reason;
    QUuid approvalId; // needed without refund.create
};

struct ReturnLineRequest {
    qint64 productId = 0;
    Quantity quantity;
};

// Without a receipt: products at their current price, cash only.
struct ReturnRequest {
    QUuid id;
    QList<ReturnLineRequest> lines;
    QString reason;
    QUuid approvalId; // needed without return.no_receipt
};

struct RefundLine {
    int lineNo = 0;         // in the refund, 1-based
    int originalLineNo = 0; // 0 for a return without receipt
    qint64 productId = 0;
    QString sku;
    QString name;
    Quantity quantity;
    qint64 amountMinor = 0; // given back, tax included
    qint64 taxMinor = 0;
};

struct RefundTender {
    TenderKind kind = TenderKind::Cash;
    qint64 amountMinor = 0;
    int originalSeq = 0;    // the sale's tender it goes back to; 0 without receipt
    QString reference;      // the processor's refund reference (card); empty for cash
    QString idempotencyKey; // "<refund id>/<seq>"
};

struct Refund {
    QUuid id;
    QString registerId;
    qint64 shiftId = 0;   // 0 when no shift was open (card-only refund)
    QUuid originalSaleId; // null without receipt
    qint64 originalReceiptNo = 0;
    qint64 actorId = 0;
    QString actorName;
    QString approverName; // empty when the actor had the permission
    QString reason;
    QString currency;
    qint64 totalMinor = 0;
    qint64 taxMinor = 0;
    QList<RefundLine> lines;
    QList<RefundTender> tenders;
    QDateTime createdAt;
    ApprovalAsk ask; // what an approval for it has to cover (kind refund / return_no_receipt)
};

// Refunds and returns (RBAC-5, AUTH-5). Records are immutable (schema triggers).
//
// With the receipt (refund.create, or an approval of kind refund for the refund's total and the
// sale): lines picked from the original sale; per line never more than sold minus already
// refunded. The amount for a part of a line is cumulative: after refunding r of q sold units of a
// line whose total is T, the line has given back round(T * r / q) (half away from zero), so
// refunding every unit over any number of refunds gives back exactly T, and all refunds of a sale
// together never exceed what was paid. Tax is split the same way.
//
// Money goes back to the original tenders, card first: each card tender of the sale (in order)
// up to what was charged on it minus what was already refunded to it, through the processor
// (PaymentProcessor::refund, idempotency key "<refund id>/<seq>"); the rest in cash from the
// drawer, which needs an open shift.
//
// Without a receipt (return.no_receipt, so a cashier always needs an approval of kind
// return_no_receipt): products and quantities at the current catalog price, cash only, open shift.
//
// One transaction: the approval is used, the refund is stored and the card refunds are made; if
// the processor refuses, nothing is stored and the approval stays unused. Refunds are
// rate-limited per register. Reason required (1..200 characters).
class RefundService {
public:
    struct Options {
        RateLimit refundLimit = {20, 600, QStringLiteral("refunds")}; // per register
    };

    RefundService(Database& db, const Clock& clock, IdSource& ids, PaymentProcessor& processor,
                  ApprovalService& approvals, QString registerId, Options options);
    RefundService(Database& db, const Clock& clock, IdSource& ids, PaymentProcessor& processor,
                  ApprovalService& approvals, QString registerId);

    // For the returns screen (sale.create or refund.create).
    Result<RefundableSale> refundable(const Session& session, const QUuid& saleId);
    Result<RefundableSale> refundableByReceipt(const Session& session, qint64 receiptNo);

    // What refund() would do (lines, amounts, tenders, ask) without doing it (sale.create or
    // refund.create).
    Result<Refund> preview(const Session& session, const RefundRequest& request);
    Result<Refund> previewReturn(const Session& session, const ReturnRequest& request);

    Result<Refund> refund(const Session& session, const RefundRequest& request);
    Result<Refund> returnWithoutReceipt(const Session& session, const ReturnRequest& request);

    // A stored refund, for a reprint (sale.create, refund.create or reports.view).
    Result<Refund> load(const Session& session, const QUuid& refundId);

private:
    struct Planned;
    Result<Planned> plan(const Session& session, const RefundRequest& request);
    Result<Planned> planReturn(const Session& session, const ReturnRequest& request);
    Result<Refund> execute(const Session& session, Transaction& tx, Planned& planned, bool allowed,
                           const QUuid& approvalId);
    Result<PermissionSet> canView(const Session& session);

    Database& m_db;
    const Clock& m_clock;
    IdSource& m_ids;
    PaymentProcessor& m_processor;
    ApprovalService& m_approvals;
    QString m_registerId;
    AccessControl m_access;
    RateLimiter m_limiter;
};

} // namespace pos
