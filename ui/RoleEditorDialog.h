#pragma once

#include "staff/Session.h"
#include "staff/StaffService.h"

#include <QDialog>
#include <QHash>
#include <QSet>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace pos::ui {

class WrappedLabel;

// Roles and permissions (owners; roles.manage): for one store at a time, a table of every
// permission (rows) by role (columns) with a check box per cell. A cell shows what the role may
// do in that store; a cell that differs from the role's default is bold and says so in its tool
// tip. The owner column is shown for reference and cannot be changed. Save (Ctrl+S) writes each
// changed cell through StaffService::setRoleOverride (ticking a cell back to its default removes
// the override); History (Ctrl+H) lists the store's override changes with Undo.
class RoleEditorDialog final : public QDialog {
    Q_OBJECT
public:
    RoleEditorDialog(StaffService& staff, Session session, QWidget* parent = nullptr);

    // Row and column of a cell, for tests and for keyboard users' screen readers.
    static int columnOf(Role role);
    static int rowOf(Permission permission);

private:
    void load();
    void save();
    void showHistory();
    void cellChanged(QTableWidgetItem* item);
    void style(QTableWidgetItem* item, Role role, Permission permission);
    qint64 storeId() const;

    StaffService& m_staff;
    Session m_session;
    StaffScope m_scope;
    QHash<int, OverrideState> m_stored; // key: role * 64 + permission
    QSet<int> m_touched;
    bool m_loading = false;
    QComboBox* m_store = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_history = nullptr;
    QLabel* m_status = nullptr;
    WrappedLabel* m_error = nullptr;
};

} // namespace pos::ui
