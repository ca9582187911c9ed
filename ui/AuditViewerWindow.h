#pragma once

#include "AuditViewerContext.h"

#include <QDialog>
#include <QTimeZone>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace pos::ui {

class AuditDetailPane;
class AuditRowModel;
class AuditVerifyBadge;
class Banner;

// The owner's and auditor's audit log (audit.view; issue 4): a filter bar (time, who, action,
// what, register, order), the rows a page at a time (AuditRowModel), the selected row's detail
// with before and after side by side (AuditDetailPane), whether the chains are intact
// (AuditVerifyBadge, checked in the background when the window opens) and, for audit.export,
// Export…. Every row, count and list is AuditQuery's; a refusal of core shows in the banner and
// the table stays empty.
//
// Keys: Tab walks the filters, then the table, the detail and the buttons; Ctrl+F goes to What
// (the entity search); Enter on a row opens its detail (Esc there goes back to the table);
// Alt+underlined letters reach each filter; Ctrl+E Export…; Esc closes.
class AuditViewerWindow final : public QDialog {
    Q_OBJECT
public:
    enum Period { AnyTime, Today, Last7Days, Last30Days, ChosenRange };

    AuditViewerWindow(AuditViewerContext context, Session session, QWidget* parent = nullptr);
    ~AuditViewerWindow() override;

    // The zone times are shown and chosen in (default: the system's).
    void setTimeZone(const QTimeZone& zone);
    AuditFilter filter() const;

    AuditRowModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    AuditDetailPane* detail() const { return m_detail; }
    AuditVerifyBadge* badge() const { return m_badge; }
    Banner* banner() const { return m_banner; }
    QLabel* countLabel() const { return m_count; }
    QPushButton* exportButton() const { return m_export; } // null without audit.export
    QPushButton* remoteButton() const { return m_remote; } // null without a sync server

public slots:
    void reload();
    void reject() override;

private:
    void buildUi();
    void buildFilterBar();
    void loadFilterLists();
    void periodChanged();
    void showDetail(int row);
    void openDetail();
    void exportLog();
    void openRemote();
    void showCount();

    AuditViewerContext m_ctx;
    Session m_session;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    AuditRowModel* m_model = nullptr;
    QComboBox* m_period = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QComboBox* m_actor = nullptr;
    QComboBox* m_action = nullptr;
    QLineEdit* m_entity = nullptr;
    QCheckBox* m_exact = nullptr;
    QComboBox* m_register = nullptr;
    QComboBox* m_order = nullptr;
    AuditVerifyBadge* m_badge = nullptr;
    Banner* m_banner = nullptr;
    QLabel* m_count = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_table = nullptr;
    AuditDetailPane* m_detail = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_remote = nullptr;
    QTimer* m_typingTimer = nullptr;
    bool m_loading = false;
};

} // namespace pos::ui
