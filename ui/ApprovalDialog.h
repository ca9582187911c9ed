#pragma once

#include "approvals/ApprovalService.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace pos::ui {

class PinPad;
class WrappedLabel;

// RBAC-5 on screen: a counter action came back from core with ApprovalRequired. The dialog says
// what is asked (the kind in words, the amount, core's summary), takes the cashier's reason, and
// offers two ways to an approval:
//   - a manager here types their user code and PIN (PIN pad) or password (+ the authenticator
//     code for owners): ApprovalService::approveOnSpot. No session is made for them and the
//     cashier's session carries on. Core's refusal (wrong PIN, locked, their own request, a role
//     that may not approve this) is shown as core words it and the secret fields are cleared;
//   - "Send to the approvals queue": the request waits for a manager on another register; the
//     dialog asks ApprovalService::status every two seconds and closes as soon as it is approved,
//     or says that it was refused or expired.
// The request is made (ApprovalService::request) on the first of either; cancelling the dialog
// withdraws it. On Accepted, approvalId() is what the caller retries the action with.
class ApprovalDialog final : public QDialog {
    Q_OBJECT
public:
    ApprovalDialog(ApprovalService& approvals, const Session& requester, const ApprovalAsk& ask,
                   const QString& currency, const QString& reason = {}, QWidget* parent = nullptr);
    ~ApprovalDialog() override;

    QUuid approvalId() const { return m_approval.id; }
    const Approval& approval() const { return m_approval; }
    // How often a queued request is looked at (default 2000 ms).
    void setPollInterval(int ms);

    void reject() override;

private:
    QWidget* buildAskPanel();
    QWidget* buildManagerPanel();
    void setPinMode(bool pin);
    bool ensureRequest();
    void approveHere();
    void sendToQueue();
    void poll();
    void approved(const Approval& approval);
    void requestEnded(const QString& message);
    void showError(const QString& message);
    void clearSecrets();

    ApprovalService& m_approvals;
    Session m_requester;
    ApprovalAsk m_ask;
    QString m_currency;
    Approval m_request;  // id null until requested
    Approval m_approval; // id null until approved

    QLineEdit* m_reason = nullptr;
    QLineEdit* m_code = nullptr;
    QPushButton* m_pinMode = nullptr;
    QPushButton* m_passwordMode = nullptr;
    QStackedWidget* m_secretPages = nullptr;
    PinPad* m_pinPad = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_totp = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_queue = nullptr;
    QLabel* m_queueStatus = nullptr;
    WrappedLabel* m_error = nullptr;
    QTimer* m_poll = nullptr;
};

} // namespace pos::ui
