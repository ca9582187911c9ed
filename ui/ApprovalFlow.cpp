#include "ApprovalFlow.h"

#include "ApprovalDialog.h"

namespace pos::ui {

ApprovalFlow::ApprovalFlow(ApprovalService& approvals, const Session& session, QString currency,
                           QWidget* parent)
    : m_approvals(approvals), m_session(session), m_currency(std::move(currency)), m_parent(parent)
{}

ApprovalFlow::Outcome ApprovalFlow::run(const Action& action, const Ask& ask, const QString& reason)
{
    const Status first = action(QUuid());
    if (first)
        return {Ending::Done, {}, {}};
    if (first.error().code != ErrorCode::ApprovalRequired)
        return {Ending::Failed, first.error().message, {}};
    auto asked = ask();
    if (!asked)
        return {Ending::Failed, asked.error().message, {}};

    ApprovalDialog dialog(m_approvals, m_session, *asked, m_currency, reason, m_parent);
    if (dialog.exec() != QDialog::Accepted || dialog.approvalId().isNull())
        return {Ending::Cancelled, tr("Nothing was changed: it needs a manager's approval."), {}};
    const QString approver = dialog.approval().approverName;
    const Status second = action(dialog.approvalId());
    if (!second)
        return {Ending::Failed, second.error().message, approver};
    return {Ending::Done, {}, approver};
}

Status ApprovalFlow::asStatus(const Outcome& outcome)
{
    if (outcome.done())
        return {};
    return fail(ErrorCode::ApprovalRequired, outcome.error);
}

} // namespace pos::ui
