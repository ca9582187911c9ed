#pragma once

#include "staff/Permission.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace pos {

// RBAC-5: what a manager's approval can be asked for. The names are the approvals.kind values in
// the store ("line_void"); each kind maps to the permission that lets someone do the thing
// without asking (line_void -> line.void).
enum class ApprovalKind {
    LineVoid,        // line_void: take a line off, or lower its quantity, after it was added
    SaleVoid,        // sale_void: void a whole open sale
    Refund,          // refund: refund or return with the receipt
    ReturnNoReceipt, // return_no_receipt
    Discount,        // discount: above the cashier's own discount limit
    PriceOverride,   // price_override
    NoSale,          // no_sale: open the drawer without a sale
    CashOut,         // cash_out: take out cash above the store's limit
};

QString approvalKindName(ApprovalKind kind);                        // "line_void"
std::optional<ApprovalKind> approvalKindFromName(QStringView name); // refuses unknown names
QString approvalKindTitle(ApprovalKind kind); // "Void a line" (for people, translated)
Permission approvalKindPermission(ApprovalKind kind);
QList<ApprovalKind> allApprovalKinds();

} // namespace pos
