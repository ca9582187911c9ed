#include "AuditViewerWindow.h"

#include "AuditActionText.h"

#include "AuditDetailPane.h"
#include "AuditExportDialog.h"
#include "AuditRowModel.h"
#include "AuditVerifyBadge.h"
#include "Banner.h"
#include "RemoteAuditWindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

AuditViewerWindow::AuditViewerWindow(AuditViewerContext context, Session session, QWidget* parent)
    : QDialog(parent), m_ctx(context), m_session(std::move(session))
{
    m_model = new AuditRowModel(m_ctx.query, m_session, this);
    buildUi();
    connect(m_model, &AuditRowModel::failed, m_banner, &Banner::showError);
    // The row the chain check found damaged shows in red, and its detail says so.
    connect(m_badge, &AuditVerifyBadge::finished, this, [this] {
        QHash<QString, qint64> damaged;
        for (const AuditVerdict& v : m_badge->verdicts())
            if (!v.intact() && v.badSeq >= 0)
                damaged.insert(v.registerId, v.badSeq);
        m_model->setDamagedRows(damaged);
        showDetail(m_table->currentIndex().row());
    });
    loadFilterLists();
    reload();
    m_table->setFocus(Qt::OtherFocusReason);

    auto plan = m_ctx.query.verificationPlan(m_session, m_ctx.keys);
    if (plan)
        m_badge->start(std::move(*plan));
    else
        m_badge->showFailure(plan.error().message);
}

AuditViewerWindow::~AuditViewerWindow() = default;

void AuditViewerWindow::buildUi()
{
    setObjectName(QStringLiteral("auditViewer"));
    setWindowTitle(tr("Audit log"));
    setMinimumSize(960, 640);
    resize(1280, 800);
    auto* layout = new QVBoxLayout(this);

    buildFilterBar();

    m_badge = new AuditVerifyBadge(this);
    layout->addWidget(m_badge);
    m_banner = new Banner(this);
    layout->addWidget(m_banner);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));
    layout->addWidget(m_count);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit rows"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // No sort arrow: styles draw "descending" as an upward arrow; the Order box says it in words.
    m_table->horizontalHeader()->setSortIndicatorShown(false);

    m_detail = new AuditDetailPane(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    auto* buttons = new QDialogButtonBox(this);
    const bool mayExport = [&] {
        auto permissions = m_ctx.access.permissions(m_session);
        return m_ctx.exporter && permissions && permissions->contains(Permission::AuditExport);
    }();
    if (mayExport) {
        m_export = buttons->addButton(tr("&Export… (Ctrl+E)"), QDialogButtonBox::ActionRole);
        m_export->setObjectName(QStringLiteral("exportButton"));
        m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
        connect(m_export, &QPushButton::clicked, this, &AuditViewerWindow::exportLog);
    }
    if (m_ctx.remote) {
        m_remote = buttons->addButton(tr("All registers (from the &server)… (Ctrl+Shift+S)"),
                                      QDialogButtonBox::ActionRole);
        m_remote->setObjectName(QStringLiteral("remoteButton"));
        m_remote->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        m_remote->setToolTip(tr("The audit logs of every register of your stores as the sync "
                                "server holds them, each checked here with that register's key"));
        connect(m_remote, &QPushButton::clicked, this, &AuditViewerWindow::openRemote);
    }
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    for (QAbstractButton* b : buttons->buttons()) {
        if (auto* push = qobject_cast<QPushButton*>(b)) {
            push->setAutoDefault(false); // Enter in a field or the table does not close or export
            push->setDefault(false);
        }
        b->setMinimumHeight(48);
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &AuditViewerWindow::reject);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showDetail(current.row()); });
    connect(m_table, &QTableView::activated, this, &AuditViewerWindow::openDetail);
    // A click on Time turns the order round; only time orders the log (a million rows are not
    // sorted by anything else).
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int section) {
        if (section == AuditRowModel::TimeColumn)
            m_order->setCurrentIndex(m_order->currentIndex() == 0 ? 1 : 0);
    });
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_entity->setFocus(Qt::ShortcutFocusReason);
        m_entity->selectAll();
    });

    const QList<QWidget*> order{m_period,
                                m_from,
                                m_to,
                                m_actor,
                                m_action,
                                m_entity,
                                m_exact,
                                m_register,
                                m_order,
                                m_table,
                                m_detail->beforeView(),
                                m_detail->afterView()};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
}

void AuditViewerWindow::buildFilterBar()
{
    auto* grid = new QGridLayout;
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodBox"));
    m_period->addItems(
        {tr("Any time"), tr("Today"), tr("Last 7 days"), tr("Last 30 days"), tr("Chosen range")});
    m_from = new QDateTimeEdit(this);
    m_from->setObjectName(QStringLiteral("fromEdit"));
    m_from->setAccessibleName(tr("From"));
    m_to = new QDateTimeEdit(this);
    m_to->setObjectName(QStringLiteral("toEdit"));
    m_to->setAccessibleName(tr("Until"));
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat) + QStringLiteral(" HH:mm"));
    }
    m_actor = new QComboBox(this);
    m_actor->setObjectName(QStringLiteral("actorBox"));
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("actionBox"));
    m_entity = new QLineEdit(this);
    m_entity->setObjectName(QStringLiteral("entityEdit"));
    m_entity->setPlaceholderText(tr("e.g. user:12 or sale: (Ctrl+F)"));
    m_entity->setClearButtonEnabled(true);
    m_entity->setAccessibleName(tr("What (the entity, or the start of it)"));
    m_exact = new QCheckBox(tr("E&xactly"), this);
    m_exact->setObjectName(QStringLiteral("exactBox"));
    m_exact->setToolTip(tr("Only this entity, not every entity that starts with the text"));
    m_register = new QComboBox(this);
    m_register->setObjectName(QStringLiteral("registerBox"));
    m_order = new QComboBox(this);
    m_order->setObjectName(QStringLiteral("orderBox"));
    m_order->addItems({tr("Newest first"), tr("Oldest first")});
    for (QComboBox* c : {m_actor, m_action, m_register})
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    grid->addWidget(buddyLabel(tr("&Time:"), m_period, this), 0, 0);
    grid->addWidget(m_period, 0, 1);
    grid->addWidget(buddyLabel(tr("&From:"), m_from, this), 0, 2);
    grid->addWidget(m_from, 0, 3);
    grid->addWidget(buddyLabel(tr("&Until:"), m_to, this), 0, 4);
    grid->addWidget(m_to, 0, 5);
    grid->addWidget(buddyLabel(tr("&Who:"), m_actor, this), 0, 6);
    grid->addWidget(m_actor, 0, 7);
    grid->addWidget(buddyLabel(tr("A&ction:"), m_action, this), 1, 0);
    grid->addWidget(m_action, 1, 1);
    grid->addWidget(buddyLabel(tr("W&hat:"), m_entity, this), 1, 2);
    auto* what = new QHBoxLayout;
    what->addWidget(m_entity, 1);
    what->addWidget(m_exact);
    grid->addLayout(what, 1, 3, 1, 3);
    grid->addWidget(buddyLabel(tr("&Register:"), m_register, this), 1, 6);
    grid->addWidget(m_register, 1, 7);
    grid->addWidget(buddyLabel(tr("&Order:"), m_order, this), 0, 8);
    grid->addWidget(m_order, 0, 9);
    grid->setColumnStretch(10, 1);
    static_cast<QVBoxLayout*>(layout())->addLayout(grid);

    m_typingTimer = new QTimer(this);
    m_typingTimer->setSingleShot(true);
    m_typingTimer->setInterval(350);
    connect(m_typingTimer, &QTimer::timeout, this, &AuditViewerWindow::reload);
    connect(m_period, &QComboBox::currentIndexChanged, this, &AuditViewerWindow::periodChanged);
    for (QComboBox* c : {m_actor, m_action, m_register, m_order})
        connect(c, &QComboBox::currentIndexChanged, this, &AuditViewerWindow::reload);
    connect(m_exact, &QCheckBox::toggled, this, &AuditViewerWindow::reload);
    connect(m_entity, &QLineEdit::textEdited, this, [this] { m_typingTimer->start(); });
    connect(m_entity, &QLineEdit::returnPressed, this, &AuditViewerWindow::reload);
    for (QDateTimeEdit* e : {m_from, m_to})
        connect(e, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (!m_loading)
                m_typingTimer->start();
        });
    periodChanged();
}

void AuditViewerWindow::loadFilterLists()
{
    m_loading = true;
    // What is chosen stays chosen when the lists are read again.
    const QVariant actor = m_actor->currentData();
    const QVariant action = m_action->currentData();
    const QVariant registerId = m_register->currentData();
    m_actor->clear();
    m_actor->addItem(tr("Anyone"), QVariant());
    m_action->clear();
    m_action->addItem(tr("Any action"), QString());
    m_register->clear();
    m_register->addItem(tr("All registers"), QString());
    if (auto actors = m_ctx.query.actors(m_session)) {
        for (const AuditActor& a : *actors) {
            if (a.userId == 0)
                m_actor->addItem(tr("The register itself"), qint64{0});
            else if (a.name.isEmpty())
                m_actor->addItem(tr("User #%1").arg(a.userId), a.userId);
            else
                m_actor->addItem(tr("%1 (%2)").arg(a.name, a.code), a.userId);
        }
    }
    if (auto actions = m_ctx.query.actions(m_session)) {
        for (const QString& a : *actions)
            m_action->addItem(auditActionText(a), a);
    }
    QHash<QString, QString> names;
    if (auto registers = m_ctx.query.registers(m_session)) {
        for (const AuditRegister& r : *registers) {
            const QString name = r.name.isEmpty() ? r.id.left(8) : r.name;
            names.insert(r.id, name);
            m_register->addItem(name, r.id);
            m_register->setItemData(m_register->count() - 1, r.id, Qt::ToolTipRole);
        }
    }
    m_model->setRegisterNames(names);
    m_badge->setRegisterNames(names);
    m_actor->setCurrentIndex(std::max(0, m_actor->findData(actor)));
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
    m_register->setCurrentIndex(std::max(0, m_register->findData(registerId)));
    m_loading = false;
}

void AuditViewerWindow::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_model->setTimeZone(zone);
    periodChanged();
}

void AuditViewerWindow::periodChanged()
{
    const auto period = static_cast<Period>(m_period->currentIndex());
    const bool chosen = period == ChosenRange;
    m_from->setEnabled(chosen);
    m_to->setEnabled(chosen);
    if (!chosen) {
        const QDate today = m_ctx.clock.nowUtc().toTimeZone(m_zone).date();
        const int days = period == Today ? 1 : period == Last7Days ? 7 : 30;
        const bool wasLoading = m_loading;
        m_loading = true;
        if (period == AnyTime) {
            m_from->setDateTime(QDateTime(today, QTime(0, 0)));
            m_to->setDateTime(QDateTime(today.addDays(1), QTime(0, 0)));
        } else {
            m_from->setDateTime(QDateTime(today.addDays(1 - days), QTime(0, 0)));
            m_to->setDateTime(QDateTime(today.addDays(1), QTime(0, 0)));
        }
        m_loading = wasLoading;
    }
    reload();
}

AuditFilter AuditViewerWindow::filter() const
{
    AuditFilter f;
    if (m_period->currentIndex() != AnyTime) {
        // The edits show wall-clock times of the viewer's zone.
        const QDateTime from = m_from->dateTime();
        const QDateTime to = m_to->dateTime();
        f.from = QDateTime(from.date(), from.time(), m_zone).toUTC();
        f.to = QDateTime(to.date(), to.time(), m_zone).toUTC();
    }
    const QVariant actor = m_actor->currentData();
    if (actor.isValid())
        f.actorId = actor.toLongLong();
    f.action = m_action->currentData().toString();
    f.entity = m_entity->text().trimmed();
    f.entityMatch =
        m_exact->isChecked() ? AuditFilter::EntityMatch::Exact : AuditFilter::EntityMatch::Prefix;
    f.registerId = m_register->currentData().toString();
    return f;
}

void AuditViewerWindow::reload()
{
    if (m_loading || !m_table)
        return;
    m_typingTimer->stop();
    m_banner->clear();
    const AuditOrder order =
        m_order->currentIndex() == 0 ? AuditOrder::NewestFirst : AuditOrder::OldestFirst;
    const bool firstLoad = m_model->pagesFetched() == 0;
    m_model->setFilter(filter(), order);
    if (firstLoad && m_model->rowCount() > 0)
        m_table->resizeColumnsToContents();
    showCount();
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
    else
        m_detail->clear();
}

void AuditViewerWindow::showCount()
{
    auto count = m_ctx.query.count(m_session, m_model->filter());
    if (!count) {
        m_count->clear();
        return;
    }
    const QLocale locale;
    if (*count == 0)
        m_count->setText(tr("No rows match these filters."));
    else if (*count == 1)
        m_count->setText(tr("1 row matches."));
    else
        m_count->setText(tr("%1 rows match, newest first.").arg(locale.toString(*count)));
    if (*count > 1 && m_model->order() == AuditOrder::OldestFirst)
        m_count->setText(tr("%1 rows match, oldest first.").arg(locale.toString(*count)));
}

void AuditViewerWindow::showDetail(int row)
{
    m_detail->showRow(*m_model, row);
}

void AuditViewerWindow::openDetail()
{
    const int row = m_table->currentIndex().row();
    if (row < 0)
        return;
    showDetail(row);
    m_detail->focusBefore();
}

void AuditViewerWindow::reject()
{
    // Esc in the detail goes back to the rows; Esc elsewhere closes.
    QWidget* focus = focusWidget();
    if (focus && m_detail->isAncestorOf(focus)) {
        m_table->setFocus(Qt::OtherFocusReason);
        return;
    }
    QDialog::reject();
}

void AuditViewerWindow::openRemote()
{
    if (!m_ctx.remote)
        return;
    RemoteAuditWindow window(m_ctx.remote(), m_session, this);
    window.exec();
}

void AuditViewerWindow::exportLog()
{
    if (!m_ctx.exporter)
        return;
    AuditExportDialog dialog(*m_ctx.exporter, m_session, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AuditExportFiles& files = dialog.files();
    loadFilterLists(); // the export's own row is in the log now
    reload();
    m_banner->showInfo(tr("Exported %1 rows to %2 and %3.")
                           .arg(QLocale().toString(files.rows),
                                QDir::toNativeSeparators(files.bundlePath),
                                QDir::toNativeSeparators(files.csvPath)));
}

} // namespace pos::ui
