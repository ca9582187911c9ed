// The counter's menu commands (CounterMenus) and what changes with the signed-in session: the
// menus and command keys are rebuilt from the session's permissions; the back-office windows
// (approvals queue, staff, reports, roles, settings) and returns open from here. Kept apart from
// CounterWindow.cpp (layout, scanning) and CounterWindowCommands.cpp (the sale's F-keys).
#include "CounterWindow.h"

#include "AmountDialog.h"
#include "ApprovalsQueueDialog.h"
#include "AuditViewerWindow.h"
#include "Banner.h"
#include "CounterMenus.h"
#include "CounterStatusBar.h"
#include "EnrolDialog.h"
#include "IdleLock.h"
#include "IntegrationsDialog.h"
#include "MoneyText.h"
#include "RefundDialog.h"
#include "ReportsWindow.h"
#include "RoleEditorDialog.h"
#include "StaffDialog.h"
#include "SyncContext.h"
#include "SyncStatusWidget.h"
#include "SyncWindow.h"

#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>

namespace pos::ui {

void CounterWindow::setSession(const Session& session)
{
    m_ctx.session = session;
    m_status->setCashier(session.userName);
    m_shownCustomerId = -1; // the customer's name is read again, with this session's rights
    applyPermissions();
    refresh(selectedLine());
    refreshShift();
    backToScan();
}

void CounterWindow::applyPermissions()
{
    auto permissions = m_ctx.access.permissions(m_ctx.session);
    if (!permissions)
        m_banner->showError(permissions.error().message);
    const PermissionSet set = permissions.value_or(PermissionSet{});
    m_menus->apply(set); // a new menu bar: the lock's User menu goes on it again
    m_status->syncStatus()->setOpensScreen(m_ctx.sync &&
                                           CounterMenus::shows(CounterMenus::Command::Sync, set));
    addLockMenu();
    const bool sells = CounterMenus::sells(set);
    m_scan->setEnabled(sells);
    m_emptyHint->setText(sells ? tr("Scan an item or type its name to start a sale.")
                               : tr("Your role does not sell at the counter. Reports are in the "
                                    "Back office menu."));
}

bool CounterWindow::withApproval(const ApprovalFlow::Action& action, const ApprovalFlow::Ask& ask,
                                 const QString& reason, QString* approver)
{
    ApprovalFlow flow(m_ctx.approvals, m_ctx.session, m_ctx.settings.currency, this);
    const ApprovalFlow::Outcome outcome = flow.run(action, ask, reason);
    if (!outcome.done()) {
        m_banner->showError(outcome.error);
        return false;
    }
    if (approver)
        *approver = outcome.approverName;
    refresh(selectedLine());
    return true;
}

Status CounterWindow::approvedStatus(const ApprovalFlow::Action& action,
                                     const ApprovalFlow::Ask& ask)
{
    ApprovalFlow flow(m_ctx.approvals, m_ctx.session, m_ctx.settings.currency, this);
    return ApprovalFlow::asStatus(flow.run(action, ask));
}

// A reason for a void or a no-sale. Core judges it (not blank, at most 200 characters).
std::optional<QString> CounterWindow::askReason(const QString& title, const QString& prompt,
                                                const QString& name)
{
    QInputDialog dialog(this);
    dialog.setObjectName(name);
    dialog.setWindowTitle(title);
    dialog.setLabelText(prompt);
    dialog.setInputMode(QInputDialog::TextInput);
    dialog.setOkButtonText(tr("OK (Enter)"));
    dialog.setCancelButtonText(tr("Cancel (Esc)"));
    if (auto* edit = dialog.findChild<QLineEdit*>())
        edit->setMaxLength(200);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}

void CounterWindow::runMenuCommand(CounterMenus::Command command)
{
    hideResults();
    switch (command) {
    case CounterMenus::Command::Refund:
        refund();
        break;
    case CounterMenus::Command::PriceOverride:
        overridePrice();
        break;
    case CounterMenus::Command::NoSale:
        noSale();
        break;
    case CounterMenus::Command::ApprovalsQueue: {
        ApprovalsQueueDialog dialog(m_ctx.approvals, m_ctx.session, m_ctx.clock,
                                    m_ctx.settings.currency, this);
        dialog.exec();
        break;
    }
    case CounterMenus::Command::Staff: {
        StaffDialog dialog(m_ctx.staff, m_ctx.session, this);
        dialog.exec();
        break;
    }
    case CounterMenus::Command::Reports: {
        ReportsWindow window(m_ctx.reports, m_ctx.session, m_ctx.settings.storeName, this);
        window.exec();
        break;
    }
    case CounterMenus::Command::Roles: {
        RoleEditorDialog dialog(m_ctx.staff, m_ctx.session, this);
        dialog.exec();
        applyPermissions(); // the owner may have changed what roles see
        break;
    }
    case CounterMenus::Command::Settings:
        registerSettings();
        break;
    case CounterMenus::Command::Integrations: {
        if (!m_ctx.vault) {
            m_banner->showError(tr("The integration credentials are not available here."));
            break;
        }
        IntegrationsDialog dialog(*m_ctx.vault, m_ctx.session, this);
        dialog.exec();
        break;
    }
    case CounterMenus::Command::AuditLog: {
        if (!m_ctx.audit) {
            m_banner->showError(tr("The audit log cannot be shown on this register."));
            break;
        }
        AuditViewerWindow window(*m_ctx.audit, m_ctx.session, this);
        window.exec();
        break;
    }
    case CounterMenus::Command::Sync:
        showSync();
        break;
    case CounterMenus::Command::Enrol:
        enrolRegister();
        break;
    }
    backToScan();
}

void CounterWindow::showSync()
{
    if (!m_ctx.sync) {
        m_banner->showError(tr("Sync is not available on this register."));
        return;
    }
    SyncWindow window(*m_ctx.sync, m_ctx.session, this);
    window.exec();
    // An owner may have connected the register from there.
    if (m_status->syncStatus()->engine() != m_ctx.sync->engine)
        m_status->syncStatus()->setEngine(m_ctx.sync->engine);
}

void CounterWindow::enrolRegister()
{
    if (!m_ctx.sync) {
        m_banner->showError(tr("Sync is not available on this register."));
        return;
    }
    if (m_ctx.sync->engine) {
        m_banner->showInfo(tr("This register is already connected to %1.")
                               .arg(m_ctx.sync->engine->status().serverUrl));
        return;
    }
    EnrolDialog dialog(m_ctx.sync->enrolment, m_ctx.session, this);
    dialog.setRegisterName(m_ctx.settings.registerName);
    if (dialog.exec() != QDialog::Accepted || !dialog.outcome())
        return;
    if (m_ctx.sync->startEngine)
        m_ctx.sync->engine = m_ctx.sync->startEngine();
    m_status->syncStatus()->setEngine(m_ctx.sync->engine);
    m_banner->showInfo(tr("Connected to %1 — %2. Sync runs in the background.")
                           .arg(dialog.outcome()->companyName, dialog.outcome()->storeName));
}

void CounterWindow::refund()
{
    RefundDialog dialog({m_ctx.refunds, m_ctx.catalog, m_ctx.approvals}, m_ctx.session,
                        m_ctx.settings, this);
    if (dialog.exec() == QDialog::Accepted && dialog.refund()) {
        const Refund& r = *dialog.refund();
        m_banner->showInfo(tr("%1 given back.").arg(MoneyText::format(r.totalMinor, r.currency)));
        refreshShift();
    }
}

// For now the idle lock (AUTH-4); core checks settings.manage and the range.
void CounterWindow::registerSettings()
{
    auto seconds = m_ctx.auth.idleLockSeconds();
    if (!seconds) {
        m_banner->showError(seconds.error().message);
        return;
    }
    int chosen = *seconds;
    AmountDialog dialog(
        tr("Register settings"),
        tr("Lock the counter after how many minutes without use (1 to 60)?"),
        QString::number(*seconds / 60),
        [this, &chosen](const QString& text) -> Status {
            bool ok = false;
            const int minutes = text.toInt(&ok);
            if (!ok)
                return fail(ErrorCode::InvalidInput, tr("Type a whole number of minutes."));
            if (auto s = m_ctx.auth.setIdleLockSeconds(m_ctx.session, minutes * 60); !s)
                return s;
            chosen = minutes * 60;
            return {};
        },
        this);
    dialog.setObjectName(QStringLiteral("idleLockDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        m_banner->showInfo(
            tr("The counter now locks after %1 minutes without use.").arg(chosen / 60));
        if (m_idle)
            m_idle->setInterval(std::chrono::seconds(chosen));
    }
}

} // namespace pos::ui
