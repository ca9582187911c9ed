#pragma once

#include "Clock.h"
#include "Error.h"
#include "approvals/ApprovalKind.h"
#include "auth/RateLimiter.h"
#include "crypto/SecretBytes.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

namespace pos {

class AuthService;
class Database;

// What an action needs an approval for: made by the action's service (CounterActions::ask...,
// RefundService::preview().ask, ShiftService::askCashOut), shown in the approval dialog, passed to
// ApprovalService::request, and compared again when the approval is used. subject names the exact
// thing ("cart <uuid> line 2 MILK"): an approval for one line cannot be used on another.
struct ApprovalAsk {
    ApprovalKind kind = ApprovalKind::LineVoid;
    qint64 amountMinor = 0; // what is at stake; the action may not exceed it
    QString subject;        // machine text, compared exactly
    QString summary;        // for people: "Void Milk 1L x 2 (3.98)"
};

enum class ApprovalStatus {
    Pending,   // waiting for a manager
    Approved,  // may be used once, until it expires
    Refused,   // a manager said no
    Used,      // the action was done with it
    Cancelled, // the requester withdrew it
    Expired,   // pending or approved, but 5 minutes have passed (computed, not stored)
};

struct Approval {
    QUuid id;
    ApprovalKind kind = ApprovalKind::LineVoid;
    ApprovalStatus status = ApprovalStatus::Pending;
    qint64 storeId = 0;
    QString registerId;
    qint64 requesterId = 0;
    QString requesterName;
    qint64 approverId = 0; // 0 until decided
    QString approverName;
    QString reason;       // the requester's
    QString decisionNote; // the approver's note when refusing; empty otherwise
    qint64 amountMinor = 0;
    QString subject;
    QDateTime requestedAt;
    QDateTime expiresAt; // requestedAt + 5 minutes
    QDateTime decidedAt; // invalid until decided
    QDateTime usedAt;    // invalid until used
};

// RBAC-5: manager approvals for counter actions.
//
// A cashier's register asks (request); a manager approves on the spot at the same register with
// their user code and PIN or password (+ TOTP for owners) through AuthService::verifyApprover,
// which counts failures toward the manager's lockout; or a manager approves from the store's
// queue on another register (pending / approve / refuse) while the requester polls status().
//
// Rules, all enforced here:
//   - nobody approves their own request (and the store's CHECK refuses it too);
//   - the approver is active, assigned to the request's store (owners: any store), and their
//     role's effective permissions in that store include approvals.grant AND the permission of the
//     kind (line_void -> line.void);
//   - a request expires 5 minutes after it was made (clock time): from then on it can neither be
//     approved nor used (4:59 is in time, 5:00 is not);
//   - an approval is used once: consume() marks it 'used' inside the caller's transaction, after
//     checking it was approved for this session's user, this kind, this subject and at least
//     this amount;
//   - requests and approvals are rate-limited per register (AUTH-5).
//
// Errors: InvalidInput (blank reason, negative amount, empty subject), Unauthenticated /
// PermissionDenied (AccessControl), NotFound (no such request in this store), Conflict (already
// decided), ApprovalRequired (expired, refused, used, someone else's, another kind, subject or a
// larger amount: the action needs a new approval), Locked (rate limit or the approver's lockout),
// InvalidInput from verifyApprover for a wrong code or PIN.
class ApprovalService {
public:
    static constexpr qint64 ExpirySecs = 5 * 60;

    struct Options {
        RateLimit requestLimit = {30, 60, QStringLiteral("approval requests")}; // per register
        RateLimit grantLimit = {30, 60, QStringLiteral("approvals")};           // per register
    };

    ApprovalService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids,
                    QString registerId, Options options);
    ApprovalService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids,
                    QString registerId);

    // A new pending request by the session's user on this register. Needs sale.create (cash.move
    // for a cash out). Reason: 1..200 characters after trimming.
    Result<Approval> request(const Session& requester, const ApprovalAsk& ask,
                             const QString& reason);

    // A manager at this register proves who they are and approves. The request must be pending,
    // unexpired and made on this register.
    Result<Approval> approveOnSpot(const QUuid& requestId, QStringView userCode,
                                   const SecretBytes& secret, const SecretBytes& totpCode = {});

    // From the approvals queue (another register of the same store): needs approvals.grant and
    // the kind's permission.
    Result<Approval> approve(const Session& approver, const QUuid& requestId);
    Result<Approval> refuse(const Session& approver, const QUuid& requestId, const QString& reason);
    // The requester withdraws a pending request.
    Status cancel(const Session& requester, const QUuid& requestId);

    // The store's pending, unexpired requests, oldest first (approvals.grant).
    Result<QList<Approval>> pending(const Session& approver);
    // One request as it stands now: for its requester (to poll a queued request) or for anyone
    // with approvals.grant in its store.
    Result<Approval> status(const Session& session, const QUuid& requestId);

    // Inside the caller's transaction: checks the approval fits (see above), marks it used and
    // writes its approval.used audit row. Returns approvals.id, for the action's record
    // (counter_events.approval_id, ...), and who approved it, for the action's audit row.
    struct Used {
        qint64 rowId = 0;
        qint64 approverId = 0;
    };
    Result<Used> consume(const Session& session, const QUuid& approvalId, const ApprovalAsk& ask);
    // The same checks without using it (for an action that must check before it starts work it
    // cannot take back, e.g. a card refund).
    Status check(const Session& session, const QUuid& approvalId, const ApprovalAsk& ask);

    const QString& registerId() const { return m_registerId; }

private:
    struct Row;
    Result<Row> loadRow(const QUuid& id);
    Result<Approval> decide(const Row& row, qint64 approverId, bool approved, const QString& note);
    Result<Row> checkUsable(const Session& session, const QUuid& approvalId,
                            const ApprovalAsk& ask);
    Status checkApprover(qint64 userId, const Row& row);

    Database& m_db;
    AuthService& m_auth;
    const Clock& m_clock;
    IdSource& m_ids;
    QString m_registerId;
    AccessControl m_access;
    RateLimiter m_requestLimiter;
    RateLimiter m_grantLimiter;
};

} // namespace pos
