#include "staff/Role.h"

#include <QCoreApplication>

namespace pos {

QString roleName(Role role)
{
    switch (role) {
    case Role::Owner:
        return QStringLiteral("owner");
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::Cashier:
        return QStringLiteral("cashier");
    case Role::Auditor:
        return QStringLiteral("auditor");
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (Role r : allRoles())
        if (name == roleName(r))
            return r;
    return std::nullopt;
}

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Owner:
        return QCoreApplication::translate("pos::Role", "Owner");
    case Role::Manager:
        return QCoreApplication::translate("pos::Role", "Manager");
    case Role::Cashier:
        return QCoreApplication::translate("pos::Role", "Cashier");
    case Role::Auditor:
        return QCoreApplication::translate("pos::Role", "Auditor");
    }
    return {};
}

QList<Role> allRoles()
{
    return {Role::Owner, Role::Manager, Role::Cashier, Role::Auditor};
}

PermissionSet defaultPermissions(Role role)
{
    using P = Permission;
    const PermissionSet cashier{P::SaleCreate,    P::CashMove,      P::ShiftOwn,
                                P::CustomersView, P::CustomersEdit, P::CatalogView};
    switch (role) {
    case Role::Owner:
        return PermissionSet::all();
    case Role::Manager:
        return cashier.united({P::LineVoid, P::SaleVoid, P::RefundCreate, P::ReturnNoReceipt,
                               P::DiscountOverLimit, P::PriceOverride, P::DrawerNoSale,
                               P::CashOutOverLimit, P::ShiftManage, P::HeldAll, P::ApprovalsGrant,
                               P::ReportsView, P::MarginsView, P::CatalogEdit, P::UsersManage});
    case Role::Cashier:
        return cashier;
    case Role::Auditor:
        return {P::ReportsView, P::MarginsView, P::CatalogView, P::AuditView};
    }
    return {};
}

int roleRank(Role role)
{
    switch (role) {
    case Role::Owner:
        return 3;
    case Role::Manager:
        return 2;
    case Role::Cashier:
    case Role::Auditor:
        return 1;
    }
    return 0;
}

} // namespace pos
