#include "ReportTables.h"

#include "MoneyText.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QTableWidget>

#include <algorithm>

namespace pos::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::ui::ReportTables", text);
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString money(qint64 minor, const QString& currency)
{
    return MoneyText::format(minor, currency);
}

QString quantity(qint64 milli)
{
    const QLocale locale;
    if (milli % 1000 == 0)
        return locale.toString(milli / 1000);
    return locale.toString(static_cast<double>(milli) / 1000.0, 'f', 3);
}

// First column at most this wide in print; longer names are cut with an ellipsis.
constexpr qsizetype NameWidth = 24;

QString cut(const QString& s, qsizetype width)
{
    return s.size() <= width ? s : s.left(width - 1) + u'…';
}

} // namespace

HourSpan ReportTables::hourSpan(const SalesByHour& report)
{
    HourSpan span{24, -1};
    for (const HourSales& h : report.hours) {
        if (h.count == 0)
            continue;
        span.first = std::min(span.first, h.hour);
        span.last = std::max(span.last, h.hour);
    }
    return span;
}

QString ReportTables::hourLabel(int hour)
{
    return QStringLiteral("%1:00").arg(hour, 2, 10, QLatin1Char('0'));
}

QString ReportTables::categoryName(const CategorySales& c)
{
    return c.categoryId == 0 ? tr("No category") : c.name;
}

QString ReportTables::staffName(const StaffName& s)
{
    return s.code.isEmpty() ? s.name : QStringLiteral("%1 (%2)").arg(s.name, s.code);
}

ReportTable ReportTables::byHour(const SalesByHour& r, const QString& currency)
{
    ReportTable t{tr("Sales by hour"), {tr("Hour"), tr("Sales"), tr("Total")}, {}, true};
    const HourSpan span = hourSpan(r);
    for (int h = span.first; h <= span.last; ++h) {
        const HourSales& s = r.hours.at(h);
        t.rows.append({hourLabel(h), count(s.count), money(s.totalMinor, currency)});
    }
    t.rows.append({tr("Total"), count(r.count), money(r.totalMinor, currency)});
    return t;
}

ReportTable ReportTables::byCategory(const SalesByCategory& r, const QString& currency)
{
    ReportTable t{tr("Sales by category"),
                  {tr("Category"), tr("Quantity"), tr("Net"), tr("Total")},
                  {},
                  true};
    if (r.marginsIncluded)
        t.headers.append(tr("Margin"));
    for (const CategorySales& c : r.categories) {
        QStringList row{categoryName(c), quantity(c.quantityMilli), money(c.netMinor, currency),
                        money(c.totalMinor, currency)};
        if (r.marginsIncluded)
            row.append(money(c.marginMinor.value_or(0), currency));
        t.rows.append(row);
    }
    QStringList total{tr("Total"), QString(), money(r.netMinor, currency),
                      money(r.totalMinor, currency)};
    if (r.marginsIncluded)
        total.append(money(r.marginMinor.value_or(0), currency));
    t.rows.append(total);
    return t;
}

ReportTable ReportTables::byCashier(const SalesByCashier& r, const QString& currency)
{
    ReportTable t{
        tr("Sales by cashier"), {tr("Cashier"), tr("Sales"), tr("Total"), tr("Average")}, {}, true};
    for (const CashierSales& c : r.cashiers)
        t.rows.append({staffName(c.cashier), count(c.count), money(c.totalMinor, currency),
                       money(c.averageMinor, currency)});
    t.rows.append({tr("Total"), count(r.count), money(r.totalMinor, currency), QString()});
    return t;
}

ReportTable ReportTables::voids(const VoidsByCashier& r, const QString& currency)
{
    ReportTable t{tr("Voids by staff"),
                  {tr("Voided by"), tr("Lines"), tr("Sales"), tr("Amount"), tr("Approved by"),
                   tr("Without approval")},
                  {},
                  true};
    for (const CashierVoids& c : r.cashiers) {
        QStringList approvers;
        for (const ApproverCount& a : c.approvedBy)
            approvers << QStringLiteral("%1 ×%2").arg(staffName(a.approver), count(a.count));
        t.rows.append({staffName(c.cashier), count(c.lineVoids), count(c.saleVoids),
                       money(c.amountMinor, currency), approvers.join(QStringLiteral(", ")),
                       count(c.withoutApproval)});
    }
    t.textColumns = {0, 4};
    t.rows.append({tr("Total"), count(r.lineVoids), count(r.saleVoids),
                   money(r.amountMinor, currency), QString(), count(r.withoutApproval)});
    return t;
}

ReportTable ReportTables::refunds(const RefundsByCashier& r, const QString& currency)
{
    ReportTable t{
        tr("Refunds by staff"),
        {tr("Refunded by"), tr("Refunds"), tr("Amount"), tr("With receipt"), tr("Without receipt")},
        {},
        true};
    // "3.57 € (1)": the amount, and how many refunds made it.
    auto part = [&](qint64 n, qint64 minor) {
        return QStringLiteral("%1 (%2)").arg(money(minor, currency), count(n));
    };
    for (const CashierRefunds& c : r.cashiers)
        t.rows.append({staffName(c.cashier), count(c.count), money(c.amountMinor, currency),
                       part(c.withReceiptCount, c.withReceiptMinor),
                       part(c.withoutReceiptCount, c.withoutReceiptMinor)});
    t.rows.append({tr("Total"), count(r.count), money(r.amountMinor, currency),
                   part(r.withReceiptCount, r.withReceiptMinor),
                   part(r.withoutReceiptCount, r.withoutReceiptMinor)});
    return t;
}

void ReportTables::fill(QTableWidget* widget, const ReportTable& table)
{
    widget->clear();
    widget->setColumnCount(static_cast<int>(table.headers.size()));
    widget->setHorizontalHeaderLabels(table.headers);
    widget->setRowCount(static_cast<int>(table.rows.size()));
    for (int r = 0; r < table.rows.size(); ++r) {
        const bool total = table.lastRowIsTotal && r == table.rows.size() - 1;
        const QStringList& row = table.rows.at(r);
        for (int c = 0; c < row.size(); ++c) {
            auto* item = new QTableWidgetItem(row.at(c));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setTextAlignment(Qt::AlignVCenter | (c == 0 ? Qt::AlignLeft : Qt::AlignRight));
            if (total) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            widget->setItem(r, c, item);
        }
    }
    widget->resizeColumnsToContents();
}

QString ReportTables::text(const QStringList& heading, const QList<ReportTable>& tables)
{
    QStringList out = heading;
    for (const ReportTable& t : tables) {
        out << QString() << t.title.toUpper();
        QList<qsizetype> widths;
        for (const QString& h : t.headers)
            widths.append(h.size());
        for (const QStringList& row : t.rows)
            for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
                widths[c] = std::max(widths[c], row.at(c).size());
        widths[0] = std::min(widths[0], NameWidth);
        auto line = [&](const QStringList& cells) {
            QStringList parts;
            for (qsizetype c = 0; c < widths.size(); ++c) {
                const QString cell = c < cells.size() ? cells.at(c) : QString();
                if (c == 0)
                    parts << cut(cell, widths[0]).leftJustified(widths[0]);
                else if (t.textColumns.contains(static_cast<int>(c)))
                    parts << cell.leftJustified(widths[c]);
                else
                    parts << cell.rightJustified(widths[c]);
            }
            return parts.join(QStringLiteral("  ")).trimmed();
        };
        out << line(t.headers);
        for (qsizetype r = 0; r < t.rows.size(); ++r) {
            if (t.lastRowIsTotal && r == t.rows.size() - 1)
                out << QString(line(t.headers).size(), u'-');
            out << line(t.rows.at(r));
        }
    }
    return out.join(u'\n') + u'\n';
}

} // namespace pos::ui
