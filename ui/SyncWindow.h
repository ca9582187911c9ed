#pragma once

#include "SyncContext.h"
#include "WrappedLabel.h"
#include "staff/Session.h"
#include "sync/SyncOverview.h"
#include "sync/SyncStatus.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace pos::ui {

class Banner;

// The sync screen (Back office > Sync…, Ctrl+Shift+S, or a click on the status bar's sync word;
// reports.view): whether the register is online, which server, company and store, what waits
// to be sent by kind, when it last synced and what the last run did, the last error in plain
// words, the newest checkpoint of this register's audit log the server countersigned (the
// witness), a progress bar while a run is under way, and Sync now (F5). An owner of a register
// that is not enrolled gets Connect to sync server… here too.
//
// Keys: F5 Sync now, Ctrl+N Connect…, Esc closes. The screen follows the engine live.
class SyncWindow final : public QDialog {
    Q_OBJECT
public:
    SyncWindow(SyncContext& context, Session session, QWidget* parent = nullptr);
    ~SyncWindow() override;

    // Reads the overview again and shows the engine's status.
    void refresh();

    QLabel* stateLabel() const { return m_state; }
    QLabel* serverLabel() const { return m_server; }
    QLabel* placeLabel() const { return m_place; }
    QLabel* lastSyncLabel() const { return m_lastSync; }
    QLabel* pendingLabel() const { return m_pending; }
    QLabel* witnessLabel() const { return m_witness; }
    QLabel* errorLabel() const { return m_error; }
    QLabel* lastRunLabel() const { return m_lastRun; }
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* syncNowButton() const { return m_syncNow; }
    QPushButton* enrolButton() const { return m_enrol; }
    Banner* banner() const { return m_banner; }

    // Outbox kinds in people's words: "1 sale", "12 audit rows".
    static QString kindText(const QString& kind, qint64 count);

private:
    void buildUi();
    void follow(SyncEngine* engine);
    void showStatus(const SyncStatus& status);
    void showOverview(const SyncOverviewData& overview);
    void showRun(const SyncRunReport& report);
    void syncNow();
    void enrol();

    SyncContext& m_ctx;
    Session m_session;
    SyncEngine* m_engine = nullptr; // cleared when the engine goes
    QList<QMetaObject::Connection> m_connections;
    std::optional<SyncOverviewData> m_overview;
    bool m_mayEnrol = false;
    WrappedLabel* m_state = nullptr;
    WrappedLabel* m_server = nullptr;
    WrappedLabel* m_place = nullptr;
    WrappedLabel* m_lastSync = nullptr;
    WrappedLabel* m_next = nullptr;
    WrappedLabel* m_pending = nullptr;
    WrappedLabel* m_witness = nullptr;
    WrappedLabel* m_error = nullptr;
    WrappedLabel* m_lastRun = nullptr;
    QProgressBar* m_progress = nullptr;
    Banner* m_banner = nullptr;
    QPushButton* m_syncNow = nullptr;
    QPushButton* m_enrol = nullptr;
};

} // namespace pos::ui
