#pragma once

#include "staff/Session.h"
#include "staff/StaffService.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace pos::ui {

class WrappedLabel;

// The changes to one staff account (or, with a store id, to that store's role overrides), newest
// first: when, who, what. Undo (Ctrl+Z) undoes the selected change through StaffService::undo;
// a change that was undone, an undo itself, and a PIN or password reset cannot be undone (the
// old secret is not kept), and the button says why.
class StaffHistoryDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Subject { User, StoreOverrides };

    StaffHistoryDialog(StaffService& staff, Session session, Subject subject, qint64 id,
                       const QString& title, QWidget* parent = nullptr);

    // true when an undo was done (the caller refreshes its own view).
    bool changed() const { return m_changed; }

private:
    void refresh();
    void updateButton();
    void undoSelected();

    StaffService& m_staff;
    Session m_session;
    Subject m_subject;
    qint64 m_id = 0;
    bool m_changed = false;
    QList<AccessChange> m_changes;
    QTableWidget* m_table = nullptr;
    QPushButton* m_undo = nullptr;
    QLabel* m_status = nullptr;
    WrappedLabel* m_error = nullptr;
};

} // namespace pos::ui
