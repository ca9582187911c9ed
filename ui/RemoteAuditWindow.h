#pragma once

#include "staff/Session.h"
#include "sync/RemoteAuditSession.h"

#include <QDialog>
#include <QHash>
#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTextBrowser;
class QThread;

namespace pos::ui {

class Banner;
class RemoteAuditRegisterModel;
class RemoteAuditRowModel;

// The owner's view across registers (AUD-7; the audit viewer's "All registers (from server)…"):
// the owner signs in to the sync server with their user code and password there; the window
// lists every register of their stores, fetches each register's audit rows, checkpoints and
// countersignatures page by page (a progress bar meanwhile) and verifies each chain here, in a
// worker thread, with that register's key (RemoteAudit). Each register gets its badge: verified
// or damaged at a named row, in plain words; its rows show below, the bad one in red.
//
// Keys: Enter signs in, Tab walks sign-in, registers, rows and detail; F5 fetches and checks
// again; Esc stops a fetch, else closes.
class RemoteAuditWindow final : public QDialog {
    Q_OBJECT
public:
    RemoteAuditWindow(std::unique_ptr<RemoteAuditSession> remote, Session session,
                      QWidget* parent = nullptr);
    ~RemoteAuditWindow() override;

    RemoteAuditSession& remote() const { return *m_remote; }
    RemoteAuditRegisterModel* registers() const { return m_registers; }
    RemoteAuditRowModel* rows() const { return m_rows; }
    QLineEdit* userCodeEdit() const { return m_userCode; }
    QLineEdit* passwordEdit() const { return m_password; }
    QPushButton* signInButton() const { return m_signIn; }
    QPushButton* refreshButton() const { return m_refresh; }
    QTableView* registerTable() const { return m_registerTable; }
    QTableView* rowTable() const { return m_rowTable; }
    QTextBrowser* detail() const { return m_detail; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* progressLabel() const { return m_progressText; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* badge() const { return m_badge; } // the selected register's check in full
    Banner* banner() const { return m_banner; }
    // True while fetching or checking.
    bool working() const { return m_working; }

public slots:
    void reject() override;

signals:
    // Every register has been fetched and checked (or failed).
    void allChecked();

private:
    void buildUi();
    void signIn();
    void fetchAll();
    void fetchNext();
    void verify(int row, RemoteAuditChain chain);
    void verified(int row, const Result<RemoteAuditVerdict>& result);
    void fail(int row, const QString& message);
    void showRegister(int row);
    void showBadge(int row);
    void fitRegisterColumns();
    void showRow(int row);
    void finishAll();
    void stopWorker();

    std::unique_ptr<RemoteAuditSession> m_remote;
    Session m_session;
    // Register id -> as fetched; shared with the check under way and the rows shown.
    QHash<QString, std::shared_ptr<const RemoteAuditChain>> m_chains;
    int m_next = 0; // the register fetched next
    bool m_working = false;
    QThread* m_worker = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;

    RemoteAuditRegisterModel* m_registers = nullptr;
    RemoteAuditRowModel* m_rows = nullptr;
    QLabel* m_server = nullptr;
    QLineEdit* m_userCode = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_signIn = nullptr;
    QPushButton* m_refresh = nullptr;
    Banner* m_banner = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_registerTable = nullptr;
    QLabel* m_badge = nullptr;
    QTableView* m_rowTable = nullptr;
    QTextBrowser* m_detail = nullptr;
};

} // namespace pos::ui
