#include "staff/Permission.h"

#include <QCoreApplication>

#include <array>

namespace pos {

namespace {

struct Entry {
    Permission permission;
    const char* name;
    const char* description;
};

constexpr std::array<Entry, PermissionCount> Entries{{
    {Permission::SaleCreate, "sale.create", "ring up and complete sales"},
    {Permission::LineVoid, "line.void", "void a line after it was added"},
    {Permission::SaleVoid, "sale.void", "void a whole sale"},
    {Permission::RefundCreate, "refund.create", "refund or take back goods with a receipt"},
    {Permission::ReturnNoReceipt, "return.no_receipt", "take back goods without a receipt"},
    {Permission::DiscountOverLimit, "discount.over_limit", "give a discount above their limit"},
    {Permission::PriceOverride, "price.override", "override a price"},
    {Permission::DrawerNoSale, "drawer.no_sale", "open the drawer without a sale"},
    {Permission::CashMove, "cash.move", "put cash in or take it out of the drawer"},
    {Permission::CashOutOverLimit, "cash.out_over_limit", "take out cash above the limit"},
    {Permission::ShiftOwn, "shift.own", "open, report on and close the register's shift"},
    {Permission::ShiftManage, "shift.manage", "see the Z reports of past shifts"},
    {Permission::HeldAll, "held.all", "resume sales held by others"},
    {Permission::ApprovalsGrant, "approvals.grant", "approve other people's requests"},
    {Permission::ReportsView, "reports.view", "see reports"},
    {Permission::MarginsView, "margins.view", "see cost prices and margins"},
    {Permission::CustomersView, "customers.view", "see customers' details"},
    {Permission::CustomersEdit, "customers.edit", "add and change customers"},
    {Permission::CatalogView, "catalog.view", "look products up"},
    {Permission::CatalogEdit, "catalog.edit", "change products, prices and tax classes"},
    {Permission::AuditView, "audit.view", "see the audit log"},
    {Permission::AuditExport, "audit.export", "export the audit log"},
    {Permission::UsersManage, "users.manage", "manage staff"},
    {Permission::StoresAssign, "stores.assign", "assign staff to stores"},
    {Permission::RolesManage, "roles.manage", "change what each role may do"},
    {Permission::SettingsManage, "settings.manage", "change company and store settings"},
    {Permission::IntegrationsManage, "integrations.manage", "manage integrations"},
    {Permission::BackupRestore, "backup.restore", "restore a backup"},
    {Permission::DataExport, "data.export", "export data"},
}};

constexpr bool entriesInOrder()
{
    for (int i = 0; i < PermissionCount; ++i)
        if (static_cast<int>(Entries[static_cast<std::size_t>(i)].permission) != i)
            return false;
    return true;
}
static_assert(entriesInOrder(), "Entries must list every permission in enum order");

const Entry& entry(Permission p)
{
    return Entries[static_cast<std::size_t>(p)];
}

} // namespace

QList<Permission> PermissionSet::toList() const
{
    QList<Permission> out;
    for (const Entry& e : Entries)
        if (contains(e.permission))
            out.append(e.permission);
    return out;
}

QString permissionName(Permission p)
{
    return QString::fromLatin1(entry(p).name);
}

std::optional<Permission> permissionFromName(QStringView name)
{
    for (const Entry& e : Entries)
        if (name == QLatin1StringView(e.name))
            return e.permission;
    return std::nullopt;
}

QString permissionDescription(Permission p)
{
    return QCoreApplication::translate("pos::Permission", entry(p).description);
}

QList<Permission> allPermissions()
{
    return PermissionSet::all().toList();
}

} // namespace pos
