#pragma once

#include <QChartView>
#include <QList>
#include <QStringList>

class QAbstractBarSeries;

namespace pos::ui {

// A bar chart of amounts for the reports window: one bar per label, the amount in the currency's
// major units (display only: the figures are ReportService's, and the table beside the chart
// shows them exactly). Vertical bars for hours, horizontal bars for names, largest at the top.
// With nothing to show, the chart says so in its title.
class ReportChart final : public QChartView {
    Q_OBJECT
public:
    enum class Bars { Vertical, Horizontal };

    ReportChart(Bars bars, const QString& accessibleName, QWidget* parent = nullptr);

    void setBars(const QStringList& labels, const QList<qint64>& amountsMinor,
                 const QString& currency, const QString& valueTitle);
    void showEmpty(const QString& message);

    // What is drawn, in reading order (left to right, top to bottom): the axis's labels and
    // each bar's value.
    QStringList labels() const;
    QList<double> values() const;
    QAbstractBarSeries* series() const { return m_series; }

private:
    void reset();

    Bars m_bars;
    QAbstractBarSeries* m_series = nullptr;
};

} // namespace pos::ui
