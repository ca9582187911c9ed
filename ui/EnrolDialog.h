#pragma once

#include "WrappedLabel.h"
#include "staff/Session.h"
#include "sync/Enrolment.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace pos {
class SyncTransport;
}

namespace pos::ui {

class Banner;

// Connects this register to the central sync server (Settings > Connect to sync server…;
// owners): the owner types the server's address and the one-time code from the enrolment sheet
// and, if they like, the register's name there. Before the code is sent the dialog looks at the
// server's certificate: one this computer does not trust is shown by its fingerprint (grouped
// for comparison with the sheet's), and the fingerprint from the sheet must be typed and match
// before anything else is sent (NET-2). While the register talks to the server a progress bar
// shows and Esc cuts it off; success names the company and store; every refusal is core's
// message in plain words. The code is never logged or kept: the field is emptied once used.
//
// Keys: Alt+A/C/F/N reach the fields, Enter connects, Esc cancels (or cuts off a request).
class EnrolDialog final : public QDialog {
    Q_OBJECT
public:
    EnrolDialog(Enrolment& enrolment, Session session, QWidget* parent = nullptr);
    ~EnrolDialog() override;

    // The register's local name, offered as its name on the server.
    void setRegisterName(const QString& name);
    // Tests: shorter time limits for the certificate check.
    void setTimeouts(const SyncTimeouts& timeouts) { m_timeouts = timeouts; }

    const std::optional<EnrolmentOutcome>& outcome() const { return m_outcome; }
    bool busy() const { return m_busy; }

    QLineEdit* addressEdit() const { return m_address; }
    QLineEdit* codeEdit() const { return m_code; }
    QLineEdit* pinEdit() const { return m_pin; }
    QLineEdit* nameEdit() const { return m_name; }
    QWidget* pinBox() const { return m_pinBox; }
    QLabel* serverPinLabel() const { return m_serverPin; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* progressLabel() const { return m_progressText; }
    QLabel* doneLabel() const { return m_doneText; }
    Banner* banner() const { return m_banner; }
    QPushButton* connectButton() const { return m_connect; }

    // "1a2b 3c4d 5e6f …": a pin in groups of four, eight groups a line, for reading aloud.
    static QString groupedPin(const QString& pin);

public slots:
    void reject() override;

private:
    void buildUi();
    void submit();
    void checkCertificate();
    void startEnrolment(const QString& typedPin);
    void finished(const Result<EnrolmentOutcome>& result);
    void setBusy(bool busy, const QString& text = {});
    void showPinCheck(const QString& serverPin);
    void showProblem(const QString& message); // the banner, and the dialog grows to show it
    void fitHeight();

    Enrolment& m_enrolment;
    Session m_session;
    SyncTimeouts m_timeouts;
    QPointer<SyncTransport> m_probe;
    QString m_serverPinShown; // the pin the server showed (lower-case hex), once looked at
    QString m_checkedUrl;     // the address the certificate was looked at for
    bool m_caTrusted = false;
    bool m_busy = false;
    std::optional<EnrolmentOutcome> m_outcome;

    QStackedWidget* m_pages = nullptr;
    QLineEdit* m_address = nullptr;
    QLineEdit* m_code = nullptr;
    QLineEdit* m_name = nullptr;
    QWidget* m_pinBox = nullptr;
    QLabel* m_serverPin = nullptr;
    QLineEdit* m_pin = nullptr;
    QProgressBar* m_progress = nullptr;
    WrappedLabel* m_progressText = nullptr;
    Banner* m_banner = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_cancel = nullptr;
    WrappedLabel* m_doneText = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace pos::ui
