#pragma once

#include "AuditViewerContext.h"
#include "Clock.h"
#include "approvals/ApprovalService.h"
#include "catalog/CatalogService.h"
#include "customers/CustomerService.h"
#include "reports/ReportService.h"
#include "sales/CounterActions.h"
#include "sales/RefundService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "staff/Session.h"
#include "staff/StaffService.h"
#include "store/RegisterSettings.h"
#include "vault/CredentialVault.h"

#include <QString>

namespace pos::ui {

struct SyncContext;

// What the counter screen works with: core services owned by the app (or a test) and who is
// at the till (the signed-in session every service call acts as). The UI only calls these; it
// never talks to the database itself.
struct CounterContext {
    CatalogService& catalog;
    SaleService& sales;
    ShiftService& shifts;
    CustomerService& customers;
    AccessControl& access;
    const Clock& clock;
    RegisterSettings settings;
    Session session;
    // Sign-in and the manager's side of the counter (issue 3).
    AuthService& auth;
    ApprovalService& approvals;
    CounterActions& actions; // voids, discounts, price overrides, no sale (RBAC-5)
    RefundService& refunds;
    StaffService& staff;
    ReportService& reports;
    // The integration credentials vault (ENC-5), for owners' Settings > Integrations. Set after
    // construction; without one the menu entry says the vault is not available here.
    CredentialVault* vault = nullptr;
    // The audit viewer's services (issue 4), for owners' and auditors' Back office > Audit log.
    // Set after construction; without them the menu entry says the log cannot be shown here.
    AuditViewerContext* audit = nullptr;
    // Sync with the central server (issue 5): the status bar's sync word, Back office > Sync…
    // and owners' Settings > Connect to sync server…. Set after construction; without it the
    // status bar says the register works on its own.
    SyncContext* sync = nullptr;
};

} // namespace pos::ui
