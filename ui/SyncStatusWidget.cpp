#include "SyncStatusWidget.h"

#include "sync/SyncEngine.h"

#include <QLocale>
#include <QStyle>

namespace pos::ui {

SyncStatusWidget::SyncStatusWidget(QWidget* parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("syncStatus"));
    setAccessibleName(tr("Sync with the central server"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setFocusPolicy(Qt::NoFocus); // the scan field keeps the focus; Back office > Sync… has a key
    connect(this, &QToolButton::clicked, this, [this] {
        if (m_opensScreen)
            emit activated();
    });
    refresh();
}

void SyncStatusWidget::setEngine(SyncEngine* engine)
{
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_engine = engine;
    if (!engine) {
        setStatus(SyncStatus{});
        return;
    }
    m_connections << connect(engine, &QObject::destroyed, this, [this] { setEngine(nullptr); });
    m_connections << connect(engine, &SyncEngine::statusChanged, this,
                             &SyncStatusWidget::setStatus);
    setStatus(engine->status());
}

void SyncStatusWidget::setStatus(const SyncStatus& status)
{
    m_status = status;
    refresh();
}

void SyncStatusWidget::setOpensScreen(bool opens)
{
    m_opensScreen = opens;
    setCursor(opens ? Qt::PointingHandCursor : Qt::ArrowCursor);
    refresh();
}

QString SyncStatusWidget::kind() const
{
    switch (m_status.state) {
    case SyncStatus::State::NotEnrolled:
        return QStringLiteral("none");
    case SyncStatus::State::Idle:
        return QStringLiteral("online");
    case SyncStatus::State::Syncing:
        return QStringLiteral("syncing");
    case SyncStatus::State::Offline:
        return QStringLiteral("offline");
    case SyncStatus::State::Error:
        return QStringLiteral("failing");
    case SyncStatus::State::Blocked:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("none");
}

QString SyncStatusWidget::whenText(const QDateTime& utc)
{
    if (!utc.isValid())
        return tr("never");
    const QDateTime local = utc.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

QString SyncStatusWidget::pendingText(qint64 pending)
{
    if (pending == 0)
        return tr("all sent");
    return tr("%n waiting", nullptr, static_cast<int>(std::min<qint64>(pending, 1'000'000'000)));
}

void SyncStatusWidget::refresh()
{
    const SyncStatus& s = m_status;
    QString text;
    QString tip;
    switch (s.state) {
    case SyncStatus::State::NotEnrolled:
        text = tr("Not connected to a sync server");
        tip = tr("Sales are stored on this register only. An owner can connect it to the central "
                 "server under Settings > Connect to sync server…");
        break;
    case SyncStatus::State::Idle:
        text = tr("● Online · %1 · synced %2").arg(pendingText(s.pending), whenText(s.lastSuccess));
        tip = tr("Connected to %1.").arg(s.serverUrl);
        break;
    case SyncStatus::State::Syncing:
        text = s.progressTotal > 0
                   ? tr("● Syncing %1 of %2…").arg(s.progressDone).arg(s.progressTotal)
                   : tr("● Syncing…");
        tip = tr("Sending this register's records to %1.").arg(s.serverUrl);
        break;
    case SyncStatus::State::Offline:
        text = tr("● Offline · %1 · last sync %2")
                   .arg(pendingText(s.pending), whenText(s.lastSuccess));
        tip = tr("The sync server cannot be reached. The register keeps working and sends "
                 "everything once it can.");
        break;
    case SyncStatus::State::Error:
        text = tr("● Sync failing · %1 · last sync %2")
                   .arg(pendingText(s.pending), whenText(s.lastSuccess));
        tip = tr("The sync server refused or failed; trying again by itself.");
        break;
    case SyncStatus::State::Blocked:
        text = tr("● Sync stopped · %1").arg(pendingText(s.pending));
        tip = tr("Sync stopped and waits for someone to look at it. Nothing was lost: every "
                 "record stays on this register.");
        break;
    }
    if (!s.lastError.isEmpty())
        tip += QStringLiteral("\n\n") + s.lastError;
    if (s.nextAttempt.isValid() && s.state != SyncStatus::State::Syncing)
        tip += QStringLiteral("\n\n") + tr("Next try at %1.").arg(whenText(s.nextAttempt));
    if (m_opensScreen)
        tip += QStringLiteral("\n\n") + tr("Click for the sync screen (Ctrl+Shift+S).");
    setText(text);
    setToolTip(tip);
    setAccessibleDescription(tip);
    setProperty("kind", kind());
    style()->unpolish(this);
    style()->polish(this);
}

} // namespace pos::ui
