#include "AuditActionText.h"

#include <QCoreApplication>
#include <QHash>

namespace pos::ui {

namespace {

// Marked for translation here, translated when shown.
struct ActionText {
    const char* action;
    const char* text;
};

constexpr ActionText Texts[] = {
    {"audit.genesis", QT_TRANSLATE_NOOP("AuditActionText", "Audit log started")},
    {"audit.export", QT_TRANSLATE_NOOP("AuditActionText", "Audit log exported")},
    {"audit.export_cancelled", QT_TRANSLATE_NOOP("AuditActionText", "Audit export cancelled")},
    {"audit.export_failed", QT_TRANSLATE_NOOP("AuditActionText", "Audit export failed")},
    {"vault.set", QT_TRANSLATE_NOOP("AuditActionText", "Integration credential set")},
    {"vault.cleared", QT_TRANSLATE_NOOP("AuditActionText", "Integration credential cleared")},
    {"vault.used", QT_TRANSLATE_NOOP("AuditActionText", "Integration credential used")},
    {"setup.completed", QT_TRANSLATE_NOOP("AuditActionText", "Store set up")},
    {"auth.sign_in", QT_TRANSLATE_NOOP("AuditActionText", "Signed in")},
    {"auth.unlock", QT_TRANSLATE_NOOP("AuditActionText", "Unlocked")},
    {"auth.approver_verified", QT_TRANSLATE_NOOP("AuditActionText", "Approver identified")},
    {"auth.sign_in_failed", QT_TRANSLATE_NOOP("AuditActionText", "Sign-in failed")},
    {"auth.locked_out", QT_TRANSLATE_NOOP("AuditActionText", "Account locked")},
    {"auth.sign_in_refused", QT_TRANSLATE_NOOP("AuditActionText", "Sign-in refused")},
    {"auth.sign_out", QT_TRANSLATE_NOOP("AuditActionText", "Signed out")},
    {"auth.password_changed", QT_TRANSLATE_NOOP("AuditActionText", "Password changed")},
    {"auth.pin_changed", QT_TRANSLATE_NOOP("AuditActionText", "PIN changed")},
    {"staff.created", QT_TRANSLATE_NOOP("AuditActionText", "Staff member created")},
    {"staff.deactivated", QT_TRANSLATE_NOOP("AuditActionText", "Staff member deactivated")},
    {"staff.reactivated", QT_TRANSLATE_NOOP("AuditActionText", "Staff member reactivated")},
    {"staff.credential_reset", QT_TRANSLATE_NOOP("AuditActionText", "PIN or password reset")},
    {"staff.role_changed", QT_TRANSLATE_NOOP("AuditActionText", "Role changed")},
    {"staff.stores_changed", QT_TRANSLATE_NOOP("AuditActionText", "Stores changed")},
    {"staff.discount_limit_changed",
     QT_TRANSLATE_NOOP("AuditActionText", "Discount limit changed")},
    {"roles.override_changed", QT_TRANSLATE_NOOP("AuditActionText", "Role permissions changed")},
    {"staff.undo", QT_TRANSLATE_NOOP("AuditActionText", "Staff change undone")},
    {"approval.requested", QT_TRANSLATE_NOOP("AuditActionText", "Approval requested")},
    {"approval.granted", QT_TRANSLATE_NOOP("AuditActionText", "Approval granted")},
    {"approval.refused", QT_TRANSLATE_NOOP("AuditActionText", "Approval refused")},
    {"approval.cancelled", QT_TRANSLATE_NOOP("AuditActionText", "Approval cancelled")},
    {"approval.used", QT_TRANSLATE_NOOP("AuditActionText", "Approval used")},
    {"sale.line_void", QT_TRANSLATE_NOOP("AuditActionText", "Line voided")},
    {"sale.void", QT_TRANSLATE_NOOP("AuditActionText", "Sale voided")},
    {"sale.discount_over_limit", QT_TRANSLATE_NOOP("AuditActionText", "Discount over the limit")},
    {"sale.price_override", QT_TRANSLATE_NOOP("AuditActionText", "Price overridden")},
    {"drawer.no_sale", QT_TRANSLATE_NOOP("AuditActionText", "Drawer opened (no sale)")},
    {"cash.in", QT_TRANSLATE_NOOP("AuditActionText", "Cash in")},
    {"cash.out", QT_TRANSLATE_NOOP("AuditActionText", "Cash out")},
    {"shift.opened", QT_TRANSLATE_NOOP("AuditActionText", "Shift opened")},
    {"shift.closed", QT_TRANSLATE_NOOP("AuditActionText", "Shift closed")},
    {"refund.created", QT_TRANSLATE_NOOP("AuditActionText", "Refund")},
    {"settings.changed", QT_TRANSLATE_NOOP("AuditActionText", "Setting changed")},
    {"customer.viewed", QT_TRANSLATE_NOOP("AuditActionText", "Customer viewed")},
    {"customer.searched", QT_TRANSLATE_NOOP("AuditActionText", "Customers searched")},
    {"product.created", QT_TRANSLATE_NOOP("AuditActionText", "Product created")},
    {"product.price_changed", QT_TRANSLATE_NOOP("AuditActionText", "Price or cost changed")},
    {"auth.second_factor", QT_TRANSLATE_NOOP("AuditActionText", "Authenticator code confirmed")},
    {"sync.enrolled",
     QT_TRANSLATE_NOOP("AuditActionText", "Register connected to the sync server")},
    {"sync.pulled", QT_TRANSLATE_NOOP("AuditActionText", "Changes taken from the sync server")},
};

} // namespace

QString auditActionText(const QString& action)
{
    static const QHash<QString, const char*> byAction = [] {
        QHash<QString, const char*> h;
        for (const ActionText& t : Texts)
            h.insert(QString::fromLatin1(t.action), t.text);
        return h;
    }();
    const char* text = byAction.value(action, nullptr);
    return text ? QCoreApplication::translate("AuditActionText", text) : action;
}

} // namespace pos::ui
