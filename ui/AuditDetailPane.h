#pragma once

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace pos::ui {

class AuditRowModel;

// The audit viewer's detail of one row: who did what to what, when (local and UTC), on which
// register and at which position of its chain, and the entity before and after side by side
// (AuditJsonDiff: pretty-printed, the changed keys highlighted and listed above).
class AuditDetailPane final : public QWidget {
    Q_OBJECT
public:
    explicit AuditDetailPane(QWidget* parent = nullptr);

    // row: the model's row number; one the model does not have clears the pane.
    void showRow(const AuditRowModel& model, int row);
    void clear();
    void focusBefore();

    QLabel* summary() const { return m_summary; }
    QLabel* damagedNote() const { return m_damaged; } // shown for the row the check found bad
    QLabel* changes() const { return m_changes; }
    QTextBrowser* beforeView() const { return m_before; }
    QTextBrowser* afterView() const { return m_after; }

private:
    QLabel* m_damaged = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_changes = nullptr;
    QTextBrowser* m_before = nullptr;
    QTextBrowser* m_after = nullptr;
};

} // namespace pos::ui
