#pragma once

#include "reports/ReportService.h"

#include <QList>
#include <QStringList>

class QTableWidget;

namespace pos::ui {

// One report as rows of display text: what the reports window shows in a table beside its chart
// and what it prints. Built from ReportService's figures only; no arithmetic here.
struct ReportTable {
    QString title; // "Sales by hour"
    QStringList headers;
    QList<QStringList> rows;     // figures are right-aligned, text columns left-aligned
    bool lastRowIsTotal = false; // shown in bold
    QList<int> textColumns{0};   // the columns that hold names rather than figures
};

// The hours a by-hour chart and table show: from the first to the last hour with sales (empty
// when there were none), so a day's chart is not mostly empty night.
struct HourSpan {
    int first = 0;
    int last = -1;
    bool isEmpty() const { return last < first; }
};

class ReportTables {
public:
    static HourSpan hourSpan(const SalesByHour& report);
    static QString hourLabel(int hour); // "09:00"
    static QString categoryName(const CategorySales& c);
    static QString staffName(const StaffName& s); // "Anna Cashier (11)"

    static ReportTable byHour(const SalesByHour& r, const QString& currency);
    // The margin column only when the report includes margins.
    static ReportTable byCategory(const SalesByCategory& r, const QString& currency);
    static ReportTable byCashier(const SalesByCashier& r, const QString& currency);
    static ReportTable voids(const VoidsByCashier& r, const QString& currency);
    static ReportTable refunds(const RefundsByCashier& r, const QString& currency);

    // Fills a read-only table widget (header, rows, figures right-aligned, the total in bold).
    static void fill(QTableWidget* widget, const ReportTable& table);
    // Plain monospace text of the tables under a heading, for printing and PDF.
    static QString text(const QStringList& heading, const QList<ReportTable>& tables);
};

} // namespace pos::ui
