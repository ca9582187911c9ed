#pragma once

#include "staff/Session.h"
#include "staff/StaffService.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace pos::ui {

class WrappedLabel;

// Staff management (RBAC-4): owners see every account of the company, managers the staff of
// their stores. The list shows name, user code, role, stores, discount limit and whether the
// account is active; never a hash or a secret. Actions, each with its key:
//   New (Ctrl+N), Deactivate/Reactivate (Ctrl+D), Reset PIN (Ctrl+P), Reset password
//   (Ctrl+Shift+P), Change role (Ctrl+R), Stores (Ctrl+S), Discount limit (Ctrl+L),
//   History with Undo (Ctrl+H), Close (Esc).
// Only what the session may do is enabled (StaffService::scope and each member's manageable
// flag); StaffService checks every change again and its refusal is shown as it says it. New
// PINs and passwords are typed into masked fields and not shown again.
class StaffDialog final : public QDialog {
    Q_OBJECT
public:
    StaffDialog(StaffService& staff, Session session, QWidget* parent = nullptr);

    // Reads the list again (after a change made elsewhere).
    void refresh();

private:
    const StaffMember* selected() const;
    void updateButtons();
    void createNew();
    void toggleActive();
    void resetPin();
    void resetPassword();
    void resetCredential(bool pin);
    void changeRole();
    void changeStores();
    void changeLimit();
    void showHistory();
    // A small modal form named objectName: fields, an error label, OK and Cancel. apply runs on
    // OK; when it fails its message is shown and the form stays open.
    bool runForm(const QString& objectName, const QString& title, QWidget* fields,
                 const std::function<Result<qint64>()>& apply);
    void reportDone(const QString& message);
    void regainFocus();
    QPushButton* addAction(const QString& text, const QString& objectName, const QKeySequence& key,
                           void (StaffDialog::*slot)());

    StaffService& m_staff;
    Session m_session;
    StaffScope m_scope;
    QList<StaffMember> m_members;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
    WrappedLabel* m_error = nullptr;
    QList<QPushButton*> m_actions;
    QPushButton* m_new = nullptr;
    QPushButton* m_active = nullptr;
    QPushButton* m_pin = nullptr;
    QPushButton* m_password = nullptr;
    QPushButton* m_role = nullptr;
    QPushButton* m_stores = nullptr;
    QPushButton* m_limit = nullptr;
    QPushButton* m_history = nullptr;
};

} // namespace pos::ui
