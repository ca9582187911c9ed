#pragma once

#include "audit/AuditQuery.h"

#include <QFrame>
#include <QHash>
#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QThread;

namespace pos::ui {

// The audit viewer's answer to "is the log intact?" in plain words (AUD-4): every chain of the
// store is verified in a worker thread on a connection of its own (AuditQuery::verify), with a
// progress bar meanwhile, then the badge says either
//   "Verified: all 12,345 rows are intact and signed by this register (key 1a2b 3c4d …)" (green)
// or
//   "Damaged at row 1,204: a changed row — <the verifier's explanation>" (red).
// Closing the viewer cancels a check that is still running.
class AuditVerifyBadge final : public QFrame {
    Q_OBJECT
public:
    enum class State { Idle, Checking, Verified, Damaged, Failed };
    Q_ENUM(State)

    explicit AuditVerifyBadge(QWidget* parent = nullptr);
    ~AuditVerifyBadge() override;

    // Starts checking the plan's chains (a check still running is cancelled first).
    void start(AuditVerificationPlan plan);
    // The check could not even start (core's message).
    void showFailure(const QString& message);
    void setRegisterNames(const QHash<QString, QString>& names) { m_registerNames = names; }

    State state() const { return m_state; }
    QString text() const;
    QProgressBar* progressBar() const { return m_progress; }
    const QList<AuditVerdict>& verdicts() const { return m_verdicts; }

signals:
    void finished(pos::ui::AuditVerifyBadge::State state);

private:
    void stop();
    void progressed(qint64 done, qint64 total);
    void done(const Result<QList<AuditVerdict>>& result);
    void setState(State state, const QString& text);
    QString verdictText(const AuditVerdict& v, bool own, bool several) const;

    QLabel* m_text = nullptr;
    QProgressBar* m_progress = nullptr;
    State m_state = State::Idle;
    QList<AuditVerdict> m_verdicts;
    QHash<QString, QString> m_registerNames;
    QStringList m_ownRegisters;
    std::unique_ptr<AuditVerificationPlan> m_plan; // the running check reads it
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThread* m_thread = nullptr;
};

} // namespace pos::ui
