#pragma once

#include "staff/Permission.h"

#include <QObject>

class QMainWindow;

namespace pos::ui {

// Screens by role: the counter window's menu bar and which of its command keys show, built from
// the signed-in session's effective permissions (AccessControl::permissions) and rebuilt when the
// session changes (switch user). What a role may not use is not created at all (menus) or hidden
// and disabled (the command buttons and their keys). This only hides what core would refuse:
// every service still checks the session itself.
//
//   Cashier: the counter (sale commands, own held sales, customer, own shift), returns (as a
//            request a manager approves).
//   Manager: the above plus the approvals queue, staff of their stores, reports.
//   Owner:   everything, plus roles and permissions, the register's settings, the
//            integration credentials and the audit log (with its export).
//   Auditor: reports and the audit log only: no counter commands, no customer.
class CounterMenus final : public QObject {
    Q_OBJECT
public:
    enum class Command {
        Refund,         // refundAction: returns and refunds
        PriceOverride,  // priceOverrideAction
        NoSale,         // noSaleAction: open the drawer without a sale
        ApprovalsQueue, // approvalsQueueAction
        Staff,          // staffAction
        Reports,        // reportsAction
        Roles,          // rolesAction: roles and permissions
        Settings,       // settingsAction: idle lock and other register settings
        Integrations,   // integrationsAction: the integration credentials vault (ENC-5)
        AuditLog,       // auditLogAction: the audit viewer (owners, auditors)
        Sync,           // syncAction: the sync screen (managers, owners, auditors)
        Enrol,          // enrolAction: connect the register to a sync server (owners)
    };
    Q_ENUM(Command)

    explicit CounterMenus(QMainWindow* window);

    // Rebuilds the menu bar and shows or hides the counter's commands for these permissions.
    void apply(const PermissionSet& permissions);

    static bool shows(Command command, const PermissionSet& permissions);
    // Whether the counter command (its button's object name, "payButton") shows.
    static bool showsCommand(const QString& buttonName, const PermissionSet& permissions);
    // Whether the role may ring up sales at all (the scan field works).
    static bool sells(const PermissionSet& permissions);

signals:
    void triggered(pos::ui::CounterMenus::Command command);

private:
    QMainWindow* m_window;
};

} // namespace pos::ui
