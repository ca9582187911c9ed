#include "ReportChart.h"

#include "MoneyText.h"
#include "money/Money.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace pos::ui {

namespace {

QFont chartFont(int points, bool bold = false)
{
    QFont f;
    f.setPointSize(points);
    f.setBold(bold);
    return f;
}

} // namespace

ReportChart::ReportChart(Bars bars, const QString& accessibleName, QWidget* parent)
    : QChartView(new QChart, parent), m_bars(bars)
{
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(accessibleName);
    // The table beside it holds the same figures and takes the keyboard focus.
    setFocusPolicy(Qt::NoFocus);
    setMinimumSize(360, 280);
    QChart* c = chart();
    c->legend()->hide();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setBackgroundRoundness(0);
    c->setTitleFont(chartFont(13, true));
    c->setTitleBrush(QColor(0x11, 0x11, 0x11));
}

void ReportChart::reset()
{
    chart()->removeAllSeries(); // deletes them
    const auto axes = chart()->axes();
    for (QAbstractAxis* axis : axes) {
        chart()->removeAxis(axis);
        delete axis;
    }
    m_series = nullptr;
}

void ReportChart::showEmpty(const QString& message)
{
    reset();
    chart()->setTitle(message);
    setAccessibleDescription(message);
}

void ReportChart::setBars(const QStringList& labels, const QList<qint64>& amountsMinor,
                          const QString& currency, const QString& valueTitle)
{
    reset();
    chart()->setTitle(QString());
    double scale = 1.0;
    for (int i = 0; i < Money::decimalsFor(currency); ++i)
        scale *= 10.0;
    auto* set = new QBarSet(valueTitle);
    set->setColor(QColor(0x1d, 0x6f, 0xb8));
    set->setBorderColor(QColor(0x10, 0x2a, 0x43));
    set->setLabelColor(QColor(0x11, 0x11, 0x11));
    set->setLabelFont(chartFont(12));
    // Horizontal bars are drawn bottom up: the first (largest) goes in last, to be at the top.
    const bool upward = m_bars == Bars::Horizontal;
    QStringList names = labels;
    QList<qint64> amounts = amountsMinor;
    if (upward) {
        std::reverse(names.begin(), names.end());
        std::reverse(amounts.begin(), amounts.end());
    }
    double low = 0.0, high = 0.0;
    for (qint64 minor : amounts) {
        const double v = static_cast<double>(minor) / scale;
        set->append(v);
        low = std::min(low, v);
        high = std::max(high, v);
    }
    QAbstractBarSeries* series = m_bars == Bars::Vertical
                                     ? static_cast<QAbstractBarSeries*>(new QBarSeries)
                                     : static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries);
    series->append(set);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    chart()->addSeries(series);

    auto* nameAxis = new QBarCategoryAxis;
    nameAxis->append(names);
    nameAxis->setLabelsFont(chartFont(13));
    nameAxis->setGridLineVisible(false);
    auto* amountAxis = new QValueAxis;
    // Room beyond the longest bar for its label.
    amountAxis->setRange(low * 1.15, high > 0.0 ? high * 1.15 : 1.0);
    amountAxis->setLabelFormat(QStringLiteral("%.0f"));
    amountAxis->setLabelsFont(chartFont(11));
    amountAxis->setTitleText(
        QStringLiteral("%1 (%2)").arg(valueTitle, MoneyText::symbolFor(currency)));
    amountAxis->setTitleFont(chartFont(12));
    amountAxis->applyNiceNumbers();
    chart()->addAxis(nameAxis, upward ? Qt::AlignLeft : Qt::AlignBottom);
    chart()->addAxis(amountAxis, upward ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(nameAxis);
    series->attachAxis(amountAxis);
    m_series = series;
    setAccessibleDescription(
        tr("A bar chart of %1; the table beside it shows the same figures.").arg(valueTitle));
}

QStringList ReportChart::labels() const
{
    QStringList out;
    if (!m_series)
        return out;
    for (QAbstractAxis* axis : m_series->attachedAxes())
        if (auto* names = qobject_cast<QBarCategoryAxis*>(axis))
            out = names->categories();
    if (m_bars == Bars::Horizontal)
        std::reverse(out.begin(), out.end());
    return out;
}

QList<double> ReportChart::values() const
{
    QList<double> out;
    if (!m_series || m_series->barSets().isEmpty())
        return out;
    const QBarSet* set = m_series->barSets().constFirst();
    for (int i = 0; i < set->count(); ++i)
        out.append(set->at(i));
    if (m_bars == Bars::Horizontal)
        std::reverse(out.begin(), out.end());
    return out;
}

} // namespace pos::ui
