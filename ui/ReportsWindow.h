#pragma once

#include "ReportTables.h"
#include "reports/ReportService.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace pos::ui {

class Banner;
class ReportChart;

// Managers' and auditors' reports (reports.view): sales by hour, by category and by cashier, and
// voids and refunds by cashier, for today, yesterday, this week or chosen days, for the whole
// store or one register. Each chart has a table beside it with the same figures (the tables are
// what the keyboard and screen readers reach, and what Print or PDF… prints). Every figure is
// ReportService's; the margin column is there only when core included margins (margins.view).
// When core refuses (an ended session, a role without reports.view) the window shows core's
// message and no figures.
//
// Keys: Alt+P period, Alt+F / Alt+O first and last day (custom), Alt+R register, Alt+H / Alt+C /
// Alt+A / Alt+V the tabs (Ctrl+Tab too), Ctrl+P print or PDF, Esc closes.
class ReportsWindow final : public QDialog {
    Q_OBJECT
public:
    enum Period { Today, Yesterday, ThisWeek, Custom };
    enum Tab { HourTab, CategoryTab, CashierTab, VoidsTab };

    ReportsWindow(ReportService& reports, Session session, QString storeName,
                  QWidget* parent = nullptr);

    ReportScope scope() const;
    void setPeriod(Period period);
    void setCustomRange(const ReportRange& range);

    QTabWidget* tabs() const { return m_tabs; }
    ReportChart* chart(Tab tab) const;
    QTableWidget* table(Tab tab) const; // VoidsTab: the voids table
    QTableWidget* refundsTable() const { return m_refundsTable; }
    Banner* banner() const { return m_banner; }
    // The tables as last loaded (empty after an error), for printing.
    const QList<ReportTable>& tables() const { return m_loaded; }

public slots:
    void reload();
    void printReport();

private:
    void buildUi();
    QWidget* chartTab(ReportChart* chart, QTableWidget* table);
    QWidget* voidsTab();
    QTableWidget* newTable(const QString& name, const QString& accessibleName);
    void periodChanged();
    void showError(const QString& message);
    QString periodText() const;
    QString registerText() const;
    QStringList printHeading() const;

    ReportService& m_reports;
    Session m_session;
    QString m_storeName;
    QComboBox* m_period = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_register = nullptr;
    Banner* m_banner = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    ReportChart* m_hourChart = nullptr;
    ReportChart* m_categoryChart = nullptr;
    ReportChart* m_cashierChart = nullptr;
    QTableWidget* m_hourTable = nullptr;
    QTableWidget* m_categoryTable = nullptr;
    QTableWidget* m_cashierTable = nullptr;
    QTableWidget* m_voidsTable = nullptr;
    QTableWidget* m_refundsTable = nullptr;
    QPushButton* m_print = nullptr;
    QTimer* m_dateTimer = nullptr;
    QList<ReportTable> m_loaded;
    bool m_loading = false;
};

} // namespace pos::ui
