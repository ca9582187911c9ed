#pragma once

#include "Clock.h"
#include "approvals/ApprovalService.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace pos::ui {

class WrappedLabel;

// The store's approvals queue for a manager (approvals.grant): every pending request with who
// asked, what for, the amount, the reason, and how long it has waited and has left. Approve, or
// Refuse with a note the requester sees. The list refreshes itself every few seconds (and with
// F5). Core decides everything: a request of one's own, a kind the role may not approve, or
// one that expired meanwhile is refused there and the message is shown here.
class ApprovalsQueueDialog final : public QDialog {
    Q_OBJECT
public:
    ApprovalsQueueDialog(ApprovalService& approvals, const Session& approver, const Clock& clock,
                         QString currency, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    void setRefreshInterval(int ms);

public slots:
    void refresh();
    void approveSelected();
    void refuseSelected();

private:
    QUuid selectedId() const;
    void showError(const QString& message);
    void showInfo(const QString& message);

    ApprovalService& m_approvals;
    Session m_approver;
    const Clock& m_clock;
    QString m_currency;
    QList<Approval> m_pending;

    QTableWidget* m_table = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_refuse = nullptr;
    QLabel* m_empty = nullptr;
    WrappedLabel* m_info = nullptr;
    WrappedLabel* m_error = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace pos::ui
