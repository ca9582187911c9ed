#pragma once

#include "approvals/ApprovalService.h"

#include <QCoreApplication>
#include <QString>
#include <functional>

class QWidget;

namespace pos::ui {

// How every counter command that may need a manager runs (RBAC-5), the same way each time:
// the action is tried as the signed-in session; if core answers ApprovalRequired, the approval
// dialog asks for exactly what the action's ask() says (a manager here, or the approvals queue),
// and the action is tried once more with the approval's id. The UI never decides who may: a
// session with the permission goes straight through, because core says so.
class ApprovalFlow {
    Q_DECLARE_TR_FUNCTIONS(pos::ui::ApprovalFlow)
public:
    // The action with an approval id (null on the first try). It changes nothing when it fails.
    using Action = std::function<Status(const QUuid& approvalId)>;
    // What the approval must cover; asked only after ApprovalRequired.
    using Ask = std::function<Result<ApprovalAsk>()>;

    enum class Ending { Done, Cancelled, Failed };
    struct Outcome {
        Ending ending = Ending::Failed;
        QString error;        // core's refusal (Failed)
        QString approverName; // who approved (Done with an approval)
        bool done() const { return ending == Ending::Done; }
    };

    ApprovalFlow(ApprovalService& approvals, const Session& session, QString currency,
                 QWidget* parent);

    // reason: what the cashier already said (a void's reason), put in the dialog's reason field.
    Outcome run(const Action& action, const Ask& ask, const QString& reason = {});

    // Status for an AmountDialog's apply: Done is success; Cancelled and Failed are errors the
    // dialog shows (it stays open).
    static Status asStatus(const Outcome& outcome);

private:
    ApprovalService& m_approvals;
    Session m_session;
    QString m_currency;
    QWidget* m_parent = nullptr;
};

} // namespace pos::ui
