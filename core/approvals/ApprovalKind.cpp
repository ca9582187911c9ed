#include "approvals/ApprovalKind.h"

#include <QCoreApplication>

#include <array>

namespace pos {

namespace {

struct Entry {
    ApprovalKind kind;
    const char* name;
    const char* title;
    Permission permission;
};

constexpr std::array<Entry, 8> Entries{{
    {ApprovalKind::LineVoid, "line_void", QT_TRANSLATE_NOOP("pos::ApprovalKind", "Void a line"),
     Permission::LineVoid},
    {ApprovalKind::SaleVoid, "sale_void", QT_TRANSLATE_NOOP("pos::ApprovalKind", "Void the sale"),
     Permission::SaleVoid},
    {ApprovalKind::Refund, "refund", QT_TRANSLATE_NOOP("pos::ApprovalKind", "Refund"),
     Permission::RefundCreate},
    {ApprovalKind::ReturnNoReceipt, "return_no_receipt",
     QT_TRANSLATE_NOOP("pos::ApprovalKind", "Return without receipt"), Permission::ReturnNoReceipt},
    {ApprovalKind::Discount, "discount",
     QT_TRANSLATE_NOOP("pos::ApprovalKind", "Discount above the limit"),
     Permission::DiscountOverLimit},
    {ApprovalKind::PriceOverride, "price_override",
     QT_TRANSLATE_NOOP("pos::ApprovalKind", "Price override"), Permission::PriceOverride},
    {ApprovalKind::NoSale, "no_sale",
     QT_TRANSLATE_NOOP("pos::ApprovalKind", "Open the drawer (no sale)"), Permission::DrawerNoSale},
    {ApprovalKind::CashOut, "cash_out",
     QT_TRANSLATE_NOOP("pos::ApprovalKind", "Cash out above the limit"),
     Permission::CashOutOverLimit},
}};

constexpr bool entriesInOrder()
{
    for (std::size_t i = 0; i < Entries.size(); ++i)
        if (static_cast<std::size_t>(Entries[i].kind) != i)
            return false;
    return true;
}
static_assert(entriesInOrder(), "Entries must list every approval kind in enum order");

const Entry& entry(ApprovalKind kind)
{
    return Entries[static_cast<std::size_t>(kind)];
}

} // namespace

QString approvalKindName(ApprovalKind kind)
{
    return QString::fromLatin1(entry(kind).name);
}

std::optional<ApprovalKind> approvalKindFromName(QStringView name)
{
    for (const Entry& e : Entries)
        if (name == QLatin1StringView(e.name))
            return e.kind;
    return std::nullopt;
}

QString approvalKindTitle(ApprovalKind kind)
{
    return QCoreApplication::translate("pos::ApprovalKind", entry(kind).title);
}

Permission approvalKindPermission(ApprovalKind kind)
{
    return entry(kind).permission;
}

QList<ApprovalKind> allApprovalKinds()
{
    QList<ApprovalKind> out;
    for (const Entry& e : Entries)
        out.append(e.kind);
    return out;
}

} // namespace pos
