#pragma once

#include <QString>
#include <QStringList>

namespace pos {

// Every action name an audit row can carry (AUD-1), in one place. docs/audit-format.md
// ("## Actions") says for each when it is written, what its entity is and what before/after hold.
// Names are part of the audit format: a name, once written to a chain, never changes meaning.
namespace auditaction {

// ---- the log itself (AuditLog, the export) ----
inline const QString Genesis = QStringLiteral("audit.genesis");
inline const QString Export = QStringLiteral("audit.export");
inline const QString ExportCancelled = QStringLiteral("audit.export_cancelled");
inline const QString ExportFailed = QStringLiteral("audit.export_failed");

// ---- the integration credentials vault (CredentialVault) ----
inline const QString VaultSet = QStringLiteral("vault.set");
inline const QString VaultCleared = QStringLiteral("vault.cleared");
inline const QString VaultUsed = QStringLiteral("vault.used");

// ---- first-run set-up (SetupService) ----
inline const QString SetupCompleted = QStringLiteral("setup.completed");

// ---- signing in and out (AuthService) ----
inline const QString SignIn = QStringLiteral("auth.sign_in");
inline const QString Unlock = QStringLiteral("auth.unlock");
inline const QString SecondFactor = QStringLiteral("auth.second_factor");
inline const QString ApproverVerified = QStringLiteral("auth.approver_verified");
inline const QString SignInFailed = QStringLiteral("auth.sign_in_failed");
inline const QString LockedOut = QStringLiteral("auth.locked_out");
inline const QString SignInRefused = QStringLiteral("auth.sign_in_refused");
inline const QString SignOut = QStringLiteral("auth.sign_out");
inline const QString PasswordChanged = QStringLiteral("auth.password_changed");
inline const QString PinChanged = QStringLiteral("auth.pin_changed");

// ---- staff accounts and role overrides (StaffService through AccessChangeLog) ----
inline const QString StaffCreated = QStringLiteral("staff.created");
inline const QString StaffDeactivated = QStringLiteral("staff.deactivated");
inline const QString StaffReactivated = QStringLiteral("staff.reactivated");
inline const QString StaffCredentialReset = QStringLiteral("staff.credential_reset");
inline const QString StaffRoleChanged = QStringLiteral("staff.role_changed");
inline const QString StaffStoresChanged = QStringLiteral("staff.stores_changed");
inline const QString StaffDiscountLimitChanged = QStringLiteral("staff.discount_limit_changed");
inline const QString RoleOverrideChanged = QStringLiteral("roles.override_changed");
inline const QString StaffUndo = QStringLiteral("staff.undo");

// ---- manager approvals (ApprovalService) ----
inline const QString ApprovalRequested = QStringLiteral("approval.requested");
inline const QString ApprovalGranted = QStringLiteral("approval.granted");
inline const QString ApprovalRefused = QStringLiteral("approval.refused");
inline const QString ApprovalCancelled = QStringLiteral("approval.cancelled");
inline const QString ApprovalUsed = QStringLiteral("approval.used");

// ---- at the counter (CounterActions) ----
inline const QString SaleLineVoid = QStringLiteral("sale.line_void");
inline const QString SaleVoid = QStringLiteral("sale.void");
inline const QString SaleDiscountOverLimit = QStringLiteral("sale.discount_over_limit");
inline const QString SalePriceOverride = QStringLiteral("sale.price_override");
inline const QString DrawerNoSale = QStringLiteral("drawer.no_sale");

// ---- the drawer and shifts (ShiftService) ----
inline const QString CashIn = QStringLiteral("cash.in");
inline const QString CashOut = QStringLiteral("cash.out");
inline const QString ShiftOpened = QStringLiteral("shift.opened");
inline const QString ShiftClosed = QStringLiteral("shift.closed");

// ---- refunds and returns (RefundService) ----
inline const QString RefundCreated = QStringLiteral("refund.created");

// ---- settings (AuthService's idle lock) ----
inline const QString SettingsChanged = QStringLiteral("settings.changed");

// ---- customers' personal data (CustomerService, PRIV-3) ----
inline const QString CustomerViewed = QStringLiteral("customer.viewed");
inline const QString CustomerSearched = QStringLiteral("customer.searched");

// ---- the catalog (CatalogService) ----
inline const QString ProductCreated = QStringLiteral("product.created");
inline const QString ProductPriceChanged = QStringLiteral("product.price_changed");

// ---- sync (Enrolment) ----
inline const QString SyncEnrolled = QStringLiteral("sync.enrolled");
// ---- sync (PullApplier) ----
inline const QString SyncPulled = QStringLiteral("sync.pulled");

// Every name above, for the docs check and the viewer's action filter.
inline const QStringList& all()
{
    static const QStringList names{Genesis,
                                   Export,
                                   ExportCancelled,
                                   ExportFailed,
                                   VaultSet,
                                   VaultCleared,
                                   VaultUsed,
                                   SetupCompleted,
                                   SignIn,
                                   Unlock,
                                   SecondFactor,
                                   ApproverVerified,
                                   SignInFailed,
                                   LockedOut,
                                   SignInRefused,
                                   SignOut,
                                   PasswordChanged,
                                   PinChanged,
                                   StaffCreated,
                                   StaffDeactivated,
                                   StaffReactivated,
                                   StaffCredentialReset,
                                   StaffRoleChanged,
                                   StaffStoresChanged,
                                   StaffDiscountLimitChanged,
                                   RoleOverrideChanged,
                                   StaffUndo,
                                   ApprovalRequested,
                                   ApprovalGranted,
                                   ApprovalRefused,
                                   ApprovalCancelled,
                                   ApprovalUsed,
                                   SaleLineVoid,
                                   SaleVoid,
                                   SaleDiscountOverLimit,
                                   SalePriceOverride,
                                   DrawerNoSale,
                                   CashIn,
                                   CashOut,
                                   ShiftOpened,
                                   ShiftClosed,
                                   RefundCreated,
                                   SettingsChanged,
                                   CustomerViewed,
                                   CustomerSearched,
                                   ProductCreated,
                                   ProductPriceChanged,
                                   SyncEnrolled,
                                   SyncPulled};
    return names;
}

} // namespace auditaction

} // namespace pos
