#pragma once

#include "Clock.h"
#include "Error.h"
#include "approvals/ApprovalService.h"
#include "money/Quantity.h"
#include "sales/Cart.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"

#include <QString>
#include <QUuid>

namespace pos {

class Database;

// RBAC-5 at the counter: what a cashier does to the open cart that needs more than ringing up.
//
// Every operation follows one rule:
//   - the session has the permission (line.void, sale.void, discount.over_limit, price.override,
//     drawer.no_sale) -> the cart changes and a counter_events row records it (actor = the
//     session's user, approval_id NULL);
//   - it does not, and approvalId is null or not a valid approval for exactly this (see
//     ApprovalService::consume) -> ErrorCode::ApprovalRequired and NOTHING changes: not the cart,
//     not the store;
//   - it does not, but approvalId is a valid approval -> the approval is used and the action is
//     recorded in one transaction (counter_events.approval_id names requester and approver), then
//     the cart changes.
// A change the cart would refuse anyway (a bad index, a discount above the line) is refused
// before any approval is used or anything is recorded.
//
// The ask...() functions say what approval an action needs (kind, amount, subject); the UI passes
// that to ApprovalService::request and then calls the action again with the approval's id.
//
// What needs what:
//   - adding lines, raising a quantity, a discount within the user's limit: sale.create only;
//   - voidLine, or lowering a quantity (a line void for the quantity taken off): line.void;
//   - voidSale (a whole open sale with lines; the cart becomes a new, empty one): sale.void;
//   - a line discount above users.discount_limit_ppm of that line's gross, or an order discount
//     that brings all the cart's discounts above that share of the cart's gross:
//     discount.over_limit (otherwise DiscountOverLimit is refused with ApprovalRequired);
//   - overridePrice (any change of a line's unit price): price.override;
//   - noSale (open the drawer without a sale; needs an open shift): drawer.no_sale.
// Reasons are required for voidSale and noSale (1..200 characters).
class CounterActions {
public:
    CounterActions(Database& db, const Clock& clock, IdSource& ids, ApprovalService& approvals,
                   QString registerId);

    Status voidLine(const Session& session, Cart& cart, int line, const QUuid& approvalId = {});
    // Raising needs sale.create; lowering is a line void of the difference.
    Status setQuantity(const Session& session, Cart& cart, int line, Quantity quantity,
                       const QUuid& approvalId = {});
    Status voidSale(const Session& session, Cart& cart, const QString& reason,
                    const QUuid& approvalId = {});
    Status setLineDiscount(const Session& session, Cart& cart, int line, qint64 discountMinor,
                           const QUuid& approvalId = {});
    Status setOrderDiscount(const Session& session, Cart& cart, qint64 discountMinor,
                            const QUuid& approvalId = {});
    Status overridePrice(const Session& session, Cart& cart, int line, qint64 newUnitPriceMinor,
                         const QUuid& approvalId = {});
    Status noSale(const Session& session, const QString& reason, const QUuid& approvalId = {});

    // What approval each action needs. InvalidInput for a change the cart would refuse.
    static Result<ApprovalAsk> askVoidLine(const Cart& cart, int line);
    static Result<ApprovalAsk> askSetQuantity(const Cart& cart, int line, Quantity quantity);
    static Result<ApprovalAsk> askVoidSale(const Cart& cart);
    static Result<ApprovalAsk> askLineDiscount(const Cart& cart, int line, qint64 discountMinor);
    static Result<ApprovalAsk> askOrderDiscount(const Cart& cart, qint64 discountMinor);
    static Result<ApprovalAsk> askOverridePrice(const Cart& cart, int line,
                                                qint64 newUnitPriceMinor);
    ApprovalAsk askNoSale() const;

    // The session user's discount limit: the largest line discount, and the largest order
    // discount (given the cart's line discounts), that need no approval.
    Result<qint64> lineDiscountLimit(const Session& session, const Cart& cart, int line);
    Result<qint64> orderDiscountLimit(const Session& session, const Cart& cart);

private:
    struct Record;
    Status perform(const Session& session, Permission permission, const ApprovalAsk& ask,
                   const QUuid& approvalId, const Record& record);
    Result<qint64> discountLimitPpm(const Session& session);

    Database& m_db;
    const Clock& m_clock;
    IdSource& m_ids;
    ApprovalService& m_approvals;
    QString m_registerId;
    AccessControl m_access;
};

} // namespace pos
