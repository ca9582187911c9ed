#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

namespace pos {

// RBAC-1: named capabilities. The text names ("sale.void") are what the store, the role editor and
// error messages use; the enum is what code checks. Append new ones at the end (the bit position
// is the enum value).
enum class Permission : std::uint8_t {
    SaleCreate,         // sale.create: ring up, hold, resume own held sales, complete
    LineVoid,           // line.void: take a line off (or lower its quantity) after it was added
    SaleVoid,           // sale.void: void a whole open sale
    RefundCreate,       // refund.create: refund or return with the receipt
    ReturnNoReceipt,    // return.no_receipt
    DiscountOverLimit,  // discount.over_limit: more than the user's own discount limit
    PriceOverride,      // price.override
    DrawerNoSale,       // drawer.no_sale
    CashMove,           // cash.move: cash in, and cash out up to the store's limit
    CashOutOverLimit,   // cash.out_over_limit
    ShiftOwn,           // shift.own: open, X report and close the register's shift
    ShiftManage,        // shift.manage: Z reports of past shifts, any shift's close
    HeldAll,            // held.all: everyone's held sales, not just one's own
    ApprovalsGrant,     // approvals.grant: approve other people's requests
    ReportsView,        // reports.view
    MarginsView,        // margins.view: cost prices and margins
    CustomersView,      // customers.view: names and contact details (PII)
    CustomersEdit,      // customers.edit
    CatalogView,        // catalog.view: look products up
    CatalogEdit,        // catalog.edit: products, prices, tax classes, imports
    AuditView,          // audit.view
    AuditExport,        // audit.export
    UsersManage,        // users.manage: staff of one's stores
    StoresAssign,       // stores.assign
    RolesManage,        // roles.manage: the per-store permission overrides
    SettingsManage,     // settings.manage: company, store and register settings
    IntegrationsManage, // integrations.manage
    BackupRestore,      // backup.restore
    DataExport,         // data.export
};

inline constexpr int PermissionCount = static_cast<int>(Permission::DataExport) + 1;

// A set of permissions as a bit mask.
class PermissionSet {
public:
    constexpr PermissionSet() = default;
    constexpr PermissionSet(std::initializer_list<Permission> list)
    {
        for (Permission p : list)
            insert(p);
    }
    static constexpr PermissionSet all()
    {
        PermissionSet s;
        s.m_bits = (std::uint64_t{1} << PermissionCount) - 1;
        return s;
    }
    constexpr bool contains(Permission p) const { return (m_bits & bit(p)) != 0; }
    constexpr void insert(Permission p) { m_bits |= bit(p); }
    constexpr void remove(Permission p) { m_bits &= ~bit(p); }
    constexpr PermissionSet united(PermissionSet o) const
    {
        PermissionSet s;
        s.m_bits = m_bits | o.m_bits;
        return s;
    }
    constexpr bool operator==(const PermissionSet&) const = default;
    QList<Permission> toList() const;

private:
    static constexpr std::uint64_t bit(Permission p)
    {
        return std::uint64_t{1} << static_cast<int>(p);
    }
    std::uint64_t m_bits = 0;
};

// "sale.void" and back; fromName refuses unknown names.
QString permissionName(Permission p);
std::optional<Permission> permissionFromName(QStringView name);
// Plain words for messages and the role editor: "void a whole sale".
QString permissionDescription(Permission p);
QList<Permission> allPermissions();

} // namespace pos
