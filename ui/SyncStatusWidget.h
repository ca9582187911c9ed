#pragma once

#include "sync/SyncStatus.h"

#include <QList>
#include <QToolButton>

namespace pos {
class SyncEngine;
}

namespace pos::ui {

// The counter's status-bar word on sync (issue 5): online or offline, how many records wait to
// be sent, and when the register last synced, e.g.
//   "● Online · all sent · synced 10:42"     "● Offline · 12 waiting · last sync 09:10"
//   "● Sync stopped · 3 waiting"             "Not connected to a sync server"
// The tooltip says the rest in plain words (the last error, the next try). Fed by SyncEngine's
// statusChanged; a click (or Enter while it has focus) emits activated(): the sync screen.
class SyncStatusWidget final : public QToolButton {
    Q_OBJECT
public:
    explicit SyncStatusWidget(QWidget* parent = nullptr);

    // Follows this engine's status from now on (null: the register is not enrolled).
    void setEngine(SyncEngine* engine);
    SyncEngine* engine() const { return m_engine; }
    // Shows this status (what the engine's statusChanged delivers).
    void setStatus(const pos::SyncStatus& status);
    const SyncStatus& status() const { return m_status; }
    // Whether a click opens the sync screen (roles that may see it); otherwise only the tooltip.
    void setOpensScreen(bool opens);
    // "online", "offline", "syncing", "stopped", "failing", "none": the style's colour.
    QString kind() const;

    // "10:42" today, a short date and time before; "never" for an invalid time (UTC in).
    static QString whenText(const QDateTime& utc);
    // "all sent", "1 waiting", "12 waiting".
    static QString pendingText(qint64 pending);

signals:
    void activated();

private:
    void refresh();

    SyncEngine* m_engine = nullptr; // cleared when the engine goes
    QList<QMetaObject::Connection> m_connections;
    SyncStatus m_status;
    bool m_opensScreen = false;
};

} // namespace pos::ui
