#include "SyncWindow.h"

#include "Banner.h"
#include "EnrolDialog.h"
#include "SyncStatusWidget.h"
#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

constexpr int ValueWidth = 540;

WrappedLabel* valueLabel(const QString& name, QWidget* parent)
{
    auto* label = new WrappedLabel({}, ValueWidth, parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void restyle(QWidget* w)
{
    w->style()->unpolish(w);
    w->style()->polish(w);
}

} // namespace

SyncWindow::SyncWindow(SyncContext& context, Session session, QWidget* parent)
    : QDialog(parent), m_ctx(context), m_session(std::move(session))
{
    auto permissions = m_ctx.access.permissions(m_session);
    m_mayEnrol = permissions && permissions->contains(Permission::SettingsManage) &&
                 m_session.role == Role::Owner;
    buildUi();
    follow(m_ctx.engine);
    refresh();
    m_syncNow->setFocus(Qt::OtherFocusReason);
}

SyncWindow::~SyncWindow() = default;

void SyncWindow::buildUi()
{
    setObjectName(QStringLiteral("syncWindow"));
    setWindowTitle(tr("Sync with the central server"));
    setMinimumWidth(800);
    auto* layout = new QVBoxLayout(this);

    m_state = new WrappedLabel({}, 760, this);
    m_state->setObjectName(QStringLiteral("syncState"));
    m_state->setProperty("role", QStringLiteral("reportTitle"));
    layout->addWidget(m_state);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Records sent in this run"));
    m_progress->setFormat(tr("records sent: %v of %m"));
    m_progress->hide();
    layout->addWidget(m_progress);

    m_banner = new Banner(this);
    layout->addWidget(m_banner);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_server = valueLabel(QStringLiteral("serverLabel"), this);
    m_place = valueLabel(QStringLiteral("placeLabel"), this);
    m_lastSync = valueLabel(QStringLiteral("lastSyncLabel"), this);
    m_next = valueLabel(QStringLiteral("nextLabel"), this);
    m_pending = valueLabel(QStringLiteral("pendingLabel"), this);
    m_witness = valueLabel(QStringLiteral("witnessLabel"), this);
    m_error = valueLabel(QStringLiteral("errorLabel"), this);
    m_lastRun = valueLabel(QStringLiteral("lastRunLabel"), this);
    m_lastRun->setWrappedText(tr("None since this screen opened"));
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("Company and store:"), m_place);
    form->addRow(tr("Last sync:"), m_lastSync);
    form->addRow(tr("Next try:"), m_next);
    form->addRow(tr("Waiting to be sent:"), m_pending);
    form->addRow(tr("Audit log witness:"), m_witness);
    form->addRow(tr("Last run:"), m_lastRun);
    form->addRow(tr("Last error:"), m_error);
    layout->addLayout(form);
    layout->addStretch(1);

    auto* buttons = new QDialogButtonBox(this);
    m_syncNow = buttons->addButton(tr("&Sync now (F5)"), QDialogButtonBox::ActionRole);
    m_syncNow->setObjectName(QStringLiteral("syncNowButton"));
    m_syncNow->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_syncNow, &QPushButton::clicked, this, &SyncWindow::syncNow);
    m_enrol =
        buttons->addButton(tr("&Connect to sync server… (Ctrl+N)"), QDialogButtonBox::ActionRole);
    m_enrol->setObjectName(QStringLiteral("enrolButton"));
    m_enrol->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_enrol, &QPushButton::clicked, this, &SyncWindow::enrol);
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    for (QAbstractButton* b : buttons->buttons()) {
        if (auto* push = qobject_cast<QPushButton*>(b)) {
            push->setAutoDefault(false);
            push->setDefault(false);
        }
        b->setMinimumHeight(48);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setTabOrder(m_syncNow, m_enrol);
    setTabOrder(m_enrol, close);
}

void SyncWindow::follow(SyncEngine* engine)
{
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_engine = engine;
    if (!engine)
        return;
    m_connections << connect(engine, &QObject::destroyed, this, [this] { follow(nullptr); });
    m_connections << connect(engine, &SyncEngine::statusChanged, this, &SyncWindow::showStatus);
    m_connections << connect(engine, &SyncEngine::runFinished, this,
                             [this](const SyncRunReport& report) {
                                 showRun(report);
                                 refresh();
                             });
    m_connections << connect(engine, &SyncEngine::pendingChanged, this, [this, engine] {
        if (!engine->running())
            refresh();
    });
}

void SyncWindow::refresh()
{
    auto overview = m_ctx.overview.read(m_session);
    if (!overview) {
        m_banner->showError(overview.error().message);
        m_overview.reset();
    } else {
        m_banner->clear();
        m_overview = *overview;
        showOverview(*overview);
    }
    if (m_engine)
        showStatus(m_engine->status());
    else
        showStatus(SyncStatus{});
}

QString SyncWindow::kindText(const QString& kind, qint64 n)
{
    const bool one = n == 1;
    const QString count = QLocale().toString(n);
    if (kind == u"sale")
        return one ? tr("1 sale") : tr("%1 sales").arg(count);
    if (kind == u"refund")
        return one ? tr("1 refund") : tr("%1 refunds").arg(count);
    if (kind == u"shift")
        return one ? tr("1 shift opened or closed") : tr("%1 shifts opened or closed").arg(count);
    if (kind == u"approval")
        return one ? tr("1 approval") : tr("%1 approvals").arg(count);
    if (kind == u"cash_movement")
        return one ? tr("1 cash movement") : tr("%1 cash movements").arg(count);
    if (kind == u"audit_row")
        return one ? tr("1 audit log row") : tr("%1 audit log rows").arg(count);
    if (kind == u"audit_checkpoint")
        return one ? tr("1 audit log checkpoint") : tr("%1 audit log checkpoints").arg(count);
    return tr("%1 × %2").arg(count, kind);
}

void SyncWindow::showOverview(const SyncOverviewData& overview)
{
    const SyncOverviewData& d = overview;
    if (d.enrolment) {
        const SyncEnrolment& e = *d.enrolment;
        m_server->setWrappedText(e.serverUrl);
        m_place->setWrappedText(
            tr("%1 — %2 (this register: %3)").arg(e.companyName, e.storeName, e.registerName));
    } else {
        m_server->setWrappedText(tr("None: this register is not connected to a sync server."));
        m_place->setWrappedText(tr("—"));
    }
    if (d.pending == 0) {
        m_pending->setWrappedText(tr("Nothing: everything has reached the server."));
    } else {
        QStringList parts;
        for (const auto& [kind, count] : d.pendingByKind)
            parts << kindText(kind, count);
        m_pending->setWrappedText(
            tr("%1 in all: %2")
                .arg(QLocale().toString(d.pending), parts.join(QStringLiteral(", "))));
    }
    if (!d.lastWitness) {
        m_witness->setWrappedText(d.enrolment
                                      ? tr("No checkpoint of this register's audit log has been "
                                           "countersigned by the server yet.")
                                      : tr("—"));
        m_witness->setProperty("kind", QString());
    } else {
        const WitnessSignature& w = *d.lastWitness;
        const QDateTime at = QDateTime::fromString(w.witnessedAt, Qt::ISODateWithMs);
        if (d.lastWitnessVerifies)
            m_witness->setWrappedText(
                tr("Rows 0 to %1 of this register's audit log (of %2) were "
                   "countersigned by the server on %3 (checkpoints countersigned so far: %4).")
                    .arg(QLocale().toString(w.rowCount - 1), QLocale().toString(d.auditRows),
                         QLocale().toString(at.toLocalTime(), QLocale::ShortFormat),
                         QLocale().toString(d.witnessed)));
        else
            m_witness->setWrappedText(
                tr("The newest countersignature (rows 0 to %1) does not verify "
                   "with the server's witness key: ask whoever runs the server.")
                    .arg(QLocale().toString(w.rowCount - 1)));
        m_witness->setProperty("kind", d.lastWitnessVerifies ? QString() : QStringLiteral("error"));
    }
    restyle(m_witness);
}

void SyncWindow::showStatus(const SyncStatus& s)
{
    const bool enrolled = m_overview && m_overview->enrolment;
    QString state;
    QString kind;
    switch (s.state) {
    case SyncStatus::State::NotEnrolled:
        state = enrolled ? tr("Connected, but sync is not running on this register.")
                         : tr("Not connected to a sync server: this register works on its own.");
        break;
    case SyncStatus::State::Idle:
        state = tr("Online: everything is up to date.");
        if (s.pending > 0)
            state = tr("Online: %1 waiting for the next run.").arg(QLocale().toString(s.pending));
        break;
    case SyncStatus::State::Syncing:
        state = tr("Syncing…");
        break;
    case SyncStatus::State::Offline:
        state = tr("Offline: the server cannot be reached. The register keeps working and sends "
                   "everything once it can.");
        kind = QStringLiteral("error");
        break;
    case SyncStatus::State::Error:
        state = tr("The server refused or failed. Sync tries again by itself.");
        kind = QStringLiteral("error");
        break;
    case SyncStatus::State::Blocked:
        state = tr("Sync stopped: it needs someone to look at the error below. Nothing was lost; "
                   "Sync now tries again.");
        kind = QStringLiteral("error");
        break;
    }
    m_state->setWrappedText(state);
    m_state->setProperty("kind", kind);
    restyle(m_state);

    if (s.state != SyncStatus::State::NotEnrolled && !s.serverUrl.isEmpty())
        m_server->setWrappedText(s.online ? tr("%1 (online)").arg(s.serverUrl)
                                          : tr("%1 (offline)").arg(s.serverUrl));
    const QDateTime last = s.lastSuccess;
    m_lastSync->setWrappedText(last.isValid()
                                   ? QLocale().toString(last.toLocalTime(), QLocale::ShortFormat)
                                   : tr("Never"));
    // Blocked: nothing is sent until Sync now; after a conflict or a fork, fetching goes on.
    const bool blocked = s.state == SyncStatus::State::Blocked;
    m_next->setWrappedText(
        blocked && s.nextAttempt.isValid()
            ? tr("Fetching changes only, at %1; sending waits until Sync now is pressed")
                  .arg(SyncStatusWidget::whenText(s.nextAttempt))
        : s.nextAttempt.isValid() ? SyncStatusWidget::whenText(s.nextAttempt)
        : blocked                 ? tr("Not until Sync now is pressed")
                                  : tr("—"));
    m_error->setWrappedText(s.lastError.isEmpty() ? tr("None")
                                                  : WrappedLabel::sentence(s.lastError));
    m_error->setProperty("kind", s.lastError.isEmpty() ? QString() : QStringLiteral("error"));
    restyle(m_error);

    const bool syncing = s.state == SyncStatus::State::Syncing;
    m_progress->setVisible(syncing);
    if (syncing) {
        if (s.progressTotal > 0) {
            m_progress->setRange(0, static_cast<int>(std::min<qint64>(s.progressTotal, INT_MAX)));
            m_progress->setValue(static_cast<int>(std::min<qint64>(s.progressDone, INT_MAX)));
        } else {
            m_progress->setRange(0, 0); // busy: the run has not counted its records yet
        }
    }
    m_syncNow->setEnabled(m_engine && !syncing);
    // Longer words (an error) make the screen taller, never cut off.
    if (isVisible() && sizeHint().height() > height())
        resize(width(), sizeHint().height());
    m_enrol->setVisible(m_mayEnrol && !enrolled && !m_engine);
}

void SyncWindow::showRun(const SyncRunReport& r)
{
    const QString at = SyncStatusWidget::whenText(r.finishedAt);
    switch (r.outcome) {
    case SyncRunReport::Outcome::Done: {
        QStringList parts;
        parts << (r.recordsSent == 0 ? tr("nothing to send")
                                     : tr("records sent: %1 (%2 new, %3 already on the server)")
                                           .arg(r.recordsSent)
                                           .arg(r.stored)
                                           .arg(r.duplicates));
        if (r.witnessed > 0)
            parts << tr("audit checkpoints countersigned: %1").arg(r.witnessed);
        if (r.pulled)
            parts << tr("changes received: %1").arg(r.changesPulled);
        m_lastRun->setWrappedText(tr("At %1: %2.").arg(at, parts.join(QStringLiteral("; "))));
        break;
    }
    case SyncRunReport::Outcome::NotEnrolled:
        m_lastRun->setWrappedText(tr("At %1: nothing to do, no server is set up.").arg(at));
        break;
    case SyncRunReport::Outcome::Offline:
        m_lastRun->setWrappedText(tr("At %1: the server could not be reached.").arg(at));
        break;
    case SyncRunReport::Outcome::Failed:
    case SyncRunReport::Outcome::Blocked:
        m_lastRun->setWrappedText(
            tr("At %1: refused (records sent before that: %2).").arg(at).arg(r.recordsSent));
        break;
    }
}

void SyncWindow::syncNow()
{
    if (SyncEngine* engine = m_engine) {
        engine->syncNow();
        showStatus(engine->status());
    }
}

void SyncWindow::enrol()
{
    if (!m_mayEnrol || m_engine)
        return;
    EnrolDialog dialog(m_ctx.enrolment, m_session, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_ctx.startEngine && !m_ctx.engine)
        m_ctx.engine = m_ctx.startEngine();
    follow(m_ctx.engine);
    refresh();
    if (!m_ctx.engine)
        m_banner->showError(tr("The register is connected, but sync could not start here. It "
                               "starts the next time the register is opened."));
}

} // namespace pos::ui
