#include "ReportsWindow.h"

#include "Banner.h"
#include "DocumentDialog.h"
#include "MoneyText.h"
#include "ReportChart.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

// A category or cashier chart shows the largest this many; the table shows them all.
constexpr qsizetype MaxBars = 12;

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

ReportsWindow::ReportsWindow(ReportService& reports, Session session, QString storeName,
                             QWidget* parent)
    : QDialog(parent), m_reports(reports), m_session(std::move(session)),
      m_storeName(std::move(storeName))
{
    buildUi();
    m_loading = true;
    auto registers = m_reports.registers(m_session);
    if (registers) {
        for (const StoreRegister& r : *registers)
            m_register->addItem(r.name, r.id);
    }
    m_loading = false;
    setPeriod(Today); // loads
    if (!registers)
        showError(registers.error().message);
    m_period->setFocus();
}

void ReportsWindow::buildUi()
{
    setObjectName(QStringLiteral("reportsWindow"));
    setWindowTitle(tr("Reports: %1").arg(m_storeName));
    setMinimumSize(960, 640);
    resize(1280, 800);
    auto* layout = new QVBoxLayout(this);

    auto* choose = new QHBoxLayout;
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodBox"));
    m_period->addItems({tr("Today"), tr("Yesterday"), tr("This week"), tr("Chosen days")});
    m_from = new QDateEdit(this);
    m_from->setObjectName(QStringLiteral("fromEdit"));
    m_to = new QDateEdit(this);
    m_to->setObjectName(QStringLiteral("toEdit"));
    for (QDateEdit* e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_from->setAccessibleName(tr("First day"));
    m_to->setAccessibleName(tr("Last day"));
    m_register = new QComboBox(this);
    m_register->setObjectName(QStringLiteral("registerBox"));
    m_register->addItem(tr("All registers"), QString());
    choose->addWidget(buddyLabel(tr("&Period:"), m_period, this));
    choose->addWidget(m_period);
    choose->addSpacing(16);
    choose->addWidget(buddyLabel(tr("&From:"), m_from, this));
    choose->addWidget(m_from);
    choose->addWidget(buddyLabel(tr("T&o:"), m_to, this));
    choose->addWidget(m_to);
    choose->addSpacing(16);
    choose->addWidget(buddyLabel(tr("&Register:"), m_register, this));
    choose->addWidget(m_register);
    choose->addStretch(1);
    layout->addLayout(choose);

    m_banner = new Banner(this);
    layout->addWidget(m_banner);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("reportSummary"));
    m_summary->setProperty("role", QStringLiteral("reportTitle"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_hourChart = new ReportChart(ReportChart::Bars::Vertical, tr("Sales by hour"), this);
    m_hourChart->setObjectName(QStringLiteral("hourChart"));
    m_hourTable = newTable(QStringLiteral("hourTable"), tr("Sales by hour"));
    m_categoryChart = new ReportChart(ReportChart::Bars::Horizontal, tr("Sales by category"), this);
    m_categoryChart->setObjectName(QStringLiteral("categoryChart"));
    m_categoryTable = newTable(QStringLiteral("categoryTable"), tr("Sales by category"));
    m_cashierChart = new ReportChart(ReportChart::Bars::Horizontal, tr("Sales by cashier"), this);
    m_cashierChart->setObjectName(QStringLiteral("cashierChart"));
    m_cashierTable = newTable(QStringLiteral("cashierTable"), tr("Sales by cashier"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("reportTabs"));
    m_tabs->addTab(chartTab(m_hourChart, m_hourTable), tr("By &hour"));
    m_tabs->addTab(chartTab(m_categoryChart, m_categoryTable), tr("By &category"));
    m_tabs->addTab(chartTab(m_cashierChart, m_cashierTable), tr("By c&ashier"));
    m_tabs->addTab(voidsTab(), tr("&Voids && refunds"));
    layout->addWidget(m_tabs, 1);

    auto* buttons = new QDialogButtonBox(this);
    m_print = buttons->addButton(tr("&Print or PDF… (Ctrl+P)"), QDialogButtonBox::ActionRole);
    m_print->setObjectName(QStringLiteral("printButton"));
    m_print->setShortcut(QKeySequence::Print);
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    for (QPushButton* b : {m_print, close}) {
        b->setAutoDefault(false); // Enter in a field does not print or close
        b->setMinimumHeight(56);
    }
    layout->addWidget(buttons);

    connect(m_print, &QPushButton::clicked, this, &ReportsWindow::printReport);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReportsWindow::reject);
    connect(m_period, &QComboBox::currentIndexChanged, this, &ReportsWindow::periodChanged);
    connect(m_register, &QComboBox::currentIndexChanged, this, &ReportsWindow::reload);
    // Typing a date changes it digit by digit: load once the typing pauses.
    m_dateTimer = new QTimer(this);
    m_dateTimer->setSingleShot(true);
    m_dateTimer->setInterval(400);
    connect(m_dateTimer, &QTimer::timeout, this, &ReportsWindow::reload);
    for (QDateEdit* e : {m_from, m_to})
        connect(e, &QDateEdit::dateChanged, this, [this] {
            if (!m_loading)
                m_dateTimer->start();
        });
}

QTableWidget* ReportsWindow::newTable(const QString& name, const QString& accessibleName)
{
    auto* t = new QTableWidget(this);
    t->setObjectName(name);
    t->setAccessibleName(accessibleName);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setAlternatingRowColors(true);
    t->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}

QWidget* ReportsWindow::chartTab(ReportChart* chart, QTableWidget* table)
{
    // The table as wide as its figures, the chart the rest.
    auto* page = new QWidget(this);
    auto* layout = new QHBoxLayout(page);
    layout->addWidget(chart, 1);
    layout->addWidget(table, 0);
    table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    table->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Expanding);
    return page;
}

QWidget* ReportsWindow::voidsTab()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_voidsTable = newTable(QStringLiteral("voidsTable"), tr("Voids by staff"));
    m_refundsTable = newTable(QStringLiteral("refundsTable"), tr("Refunds by staff"));
    for (auto [title, table] : {std::pair{tr("Voids by staff"), m_voidsTable},
                                std::pair{tr("Refunds by staff"), m_refundsTable}}) {
        auto* heading = new QLabel(title, page);
        heading->setProperty("role", QStringLiteral("reportTitle"));
        layout->addWidget(heading);
        layout->addWidget(table, 1);
    }
    return page;
}

ReportChart* ReportsWindow::chart(Tab tab) const
{
    switch (tab) {
    case HourTab:
        return m_hourChart;
    case CategoryTab:
        return m_categoryChart;
    case CashierTab:
        return m_cashierChart;
    case VoidsTab:
        return nullptr;
    }
    return nullptr;
}

QTableWidget* ReportsWindow::table(Tab tab) const
{
    switch (tab) {
    case HourTab:
        return m_hourTable;
    case CategoryTab:
        return m_categoryTable;
    case CashierTab:
        return m_cashierTable;
    case VoidsTab:
        return m_voidsTable;
    }
    return nullptr;
}

ReportScope ReportsWindow::scope() const
{
    return {{m_from->date(), m_to->date()}, m_register->currentData().toString()};
}

void ReportsWindow::setPeriod(Period period)
{
    if (m_period->currentIndex() != period)
        m_period->setCurrentIndex(period); // periodChanged loads
    else
        periodChanged();
}

void ReportsWindow::setCustomRange(const ReportRange& range)
{
    m_loading = true;
    m_period->setCurrentIndex(Custom);
    m_from->setDate(range.from);
    m_to->setDate(range.to);
    m_loading = false;
    periodChanged();
}

void ReportsWindow::periodChanged()
{
    const auto period = static_cast<Period>(m_period->currentIndex());
    const bool custom = period == Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (!custom) {
        const ReportRange r = period == Today       ? m_reports.today()
                              : period == Yesterday ? m_reports.yesterday()
                                                    : m_reports.thisWeek();
        const bool wasLoading = m_loading;
        m_loading = true;
        m_from->setDate(r.from);
        m_to->setDate(r.to);
        m_loading = wasLoading;
    }
    reload();
}

void ReportsWindow::reload()
{
    if (m_loading)
        return;
    m_dateTimer->stop();
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const ReportScope s = scope();
    auto hours = m_reports.salesByHour(m_session, s);
    auto categories = m_reports.salesByCategory(m_session, s);
    auto cashiers = m_reports.salesByCashier(m_session, s);
    auto voids = m_reports.voidsByCashier(m_session, s);
    auto refunds = m_reports.refundsByCashier(m_session, s);
    QGuiApplication::restoreOverrideCursor();
    for (const Error* e :
         {hours ? nullptr : &hours.error(), categories ? nullptr : &categories.error(),
          cashiers ? nullptr : &cashiers.error(), voids ? nullptr : &voids.error(),
          refunds ? nullptr : &refunds.error()}) {
        if (e) {
            showError(e->message);
            return;
        }
    }
    m_banner->clear();
    const QString cur = m_reports.currency();
    m_loaded = {ReportTables::byHour(*hours, cur), ReportTables::byCategory(*categories, cur),
                ReportTables::byCashier(*cashiers, cur), ReportTables::voids(*voids, cur),
                ReportTables::refunds(*refunds, cur)};
    ReportTables::fill(m_hourTable, m_loaded.at(0));
    ReportTables::fill(m_categoryTable, m_loaded.at(1));
    ReportTables::fill(m_cashierTable, m_loaded.at(2));
    ReportTables::fill(m_voidsTable, m_loaded.at(3));
    ReportTables::fill(m_refundsTable, m_loaded.at(4));

    const QString noSales = tr("No sales in these days");
    const HourSpan span = ReportTables::hourSpan(*hours);
    if (span.isEmpty()) {
        m_hourChart->showEmpty(noSales);
    } else {
        QStringList labels;
        QList<qint64> totals;
        for (int h = span.first; h <= span.last; ++h) {
            labels << ReportTables::hourLabel(h).left(2);
            totals << hours->hours.at(h).totalMinor;
        }
        m_hourChart->setBars(labels, totals, cur, tr("Sales total"));
    }
    QStringList labels;
    QList<qint64> totals;
    for (const CategorySales& c :
         categories->categories.first(std::min(MaxBars, categories->categories.size()))) {
        labels << ReportTables::categoryName(c);
        totals << c.totalMinor;
    }
    if (labels.isEmpty())
        m_categoryChart->showEmpty(noSales);
    else
        m_categoryChart->setBars(labels, totals, cur, tr("Sales total"));
    labels.clear();
    totals.clear();
    for (const CashierSales& c :
         cashiers->cashiers.first(std::min(MaxBars, cashiers->cashiers.size()))) {
        labels << c.cashier.name;
        totals << c.totalMinor;
    }
    if (labels.isEmpty())
        m_cashierChart->showEmpty(noSales);
    else
        m_cashierChart->setBars(labels, totals, cur, tr("Sales total"));

    const QString sales =
        hours->count == 1 ? tr("1 sale") : tr("%1 sales").arg(QLocale().toString(hours->count));
    m_summary->setText(
        tr("%1, %2: %3, %4")
            .arg(periodText(), registerText(), sales, MoneyText::format(hours->totalMinor, cur)));
    m_print->setEnabled(true);
}

void ReportsWindow::showError(const QString& message)
{
    m_banner->showError(message);
    m_loaded.clear();
    for (QTableWidget* t :
         {m_hourTable, m_categoryTable, m_cashierTable, m_voidsTable, m_refundsTable}) {
        t->clear();
        t->setRowCount(0);
        t->setColumnCount(0);
    }
    for (ReportChart* c : {m_hourChart, m_categoryChart, m_cashierChart})
        c->showEmpty(QString());
    m_summary->clear();
    m_print->setEnabled(false);
}

QString ReportsWindow::registerText() const
{
    return m_register->currentIndex() <= 0 ? tr("all registers") : m_register->currentText();
}

QString ReportsWindow::periodText() const
{
    const QLocale locale;
    const ReportRange r = scope().range;
    if (r.from == r.to)
        return locale.toString(r.from, QLocale::LongFormat);
    return tr("%1 to %2")
        .arg(locale.toString(r.from, QLocale::ShortFormat),
             locale.toString(r.to, QLocale::ShortFormat));
}

QStringList ReportsWindow::printHeading() const
{
    return {tr("SALES REPORT"), QStringLiteral("%1, %2").arg(m_storeName, registerText()),
            periodText(),
            tr("Printed %1 by %2")
                .arg(QLocale().toString(m_reports.localNow(), QLocale::ShortFormat),
                     m_session.userName)};
}

void ReportsWindow::printReport()
{
    if (m_loaded.isEmpty())
        return;
    const ReportRange r = scope().range;
    const QString days = r.from == r.to
                             ? r.from.toString(Qt::ISODate)
                             : r.from.toString(Qt::ISODate) + u'_' + r.to.toString(Qt::ISODate);
    DocumentDialog dialog({QStringLiteral("salesReport"),
                           tr("Sales report"),
                           m_summary->text(),
                           QStringLiteral("reportTitle"),
                           ReportTables::text(printHeading(), m_loaded),
                           {tr("Sales report %1").arg(days), tr("sales-report-%1.pdf").arg(days),
                            tr("Print report"), tr("Save report as PDF")},
                           tr("Close (Enter)")},
                          this);
    dialog.exec();
}

} // namespace pos::ui
