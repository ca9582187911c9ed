#include "approvals/ApprovalService.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "staff/AuthService.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcApprovals, "pos.approvals")

namespace pos {

namespace {

constexpr qsizetype MaxReason = 200;
constexpr qsizetype MaxSubject = 500;

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::ApprovalService", text);
}

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseIsoUtc(const QString& text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

std::optional<ApprovalStatus> statusFromName(QStringView name)
{
    if (name == u"pending")
        return ApprovalStatus::Pending;
    if (name == u"approved")
        return ApprovalStatus::Approved;
    if (name == u"refused")
        return ApprovalStatus::Refused;
    if (name == u"used")
        return ApprovalStatus::Used;
    if (name == u"cancelled")
        return ApprovalStatus::Cancelled;
    return std::nullopt;
}

QString statusName(ApprovalStatus status)
{
    switch (status) {
    case ApprovalStatus::Pending:
        return QStringLiteral("pending");
    case ApprovalStatus::Approved:
        return QStringLiteral("approved");
    case ApprovalStatus::Refused:
        return QStringLiteral("refused");
    case ApprovalStatus::Used:
        return QStringLiteral("used");
    case ApprovalStatus::Cancelled:
        return QStringLiteral("cancelled");
    case ApprovalStatus::Expired:
        break;
    }
    return QStringLiteral("expired");
}

// What every approval audit row says about the request (AUD-1): ids, kind, amount, subject.
QJsonObject auditFields(const Approval& a, ApprovalStatus status)
{
    return QJsonObject{{QStringLiteral("status"), statusName(status)},
                       {QStringLiteral("kind"), approvalKindName(a.kind)},
                       {QStringLiteral("amount_minor"), a.amountMinor},
                       {QStringLiteral("subject"), a.subject},
                       {QStringLiteral("requester_id"), a.requesterId},
                       {QStringLiteral("store_id"), a.storeId}};
}

QString approvalEntity(const QUuid& id)
{
    return audit::entity("approval", uuidText(id));
}

std::unexpected<Error> approvalRequired(const QString& message)
{
    return fail(ErrorCode::ApprovalRequired, message);
}

Status checkReason(const QString& reason, const char* emptyMessage)
{
    const QString text = reason.trimmed();
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput, tr(emptyMessage));
    if (text.size() > MaxReason)
        return fail(ErrorCode::InvalidInput,
                    tr("The reason is too long (at most %1 characters).").arg(MaxReason));
    return {};
}

Status admitted(RateLimiter& limiter, const QString& key)
{
    const Admission a = limiter.tryAcquire(key);
    if (!a.allowed)
        return fail(ErrorCode::Locked, a.message);
    return {};
}

// Whether a request can still be decided: pending and within its 5 minutes.
Status decidable(const Approval& a, bool expired)
{
    if (expired)
        return approvalRequired(tr("The request has expired (after 5 minutes): ask again."));
    if (a.status != ApprovalStatus::Pending)
        return fail(ErrorCode::Conflict, tr("The request was already decided or withdrawn."));
    return {};
}

} // namespace

// One approvals row with its store row id.
struct ApprovalService::Row {
    qint64 rowId = 0;
    Approval approval;
    bool expired = false; // pending or approved, and the 5 minutes are over
};

ApprovalService::ApprovalService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids,
                                 QString registerId, Options options)
    : m_db(db), m_auth(auth), m_clock(clock), m_ids(ids), m_registerId(std::move(registerId)),
      m_access(db), m_requestLimiter(clock, options.requestLimit),
      m_grantLimiter(clock, options.grantLimit)
{}

ApprovalService::ApprovalService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids,
                                 QString registerId)
    : ApprovalService(db, auth, clock, ids, std::move(registerId), Options{})
{}

Result<ApprovalService::Row> ApprovalService::loadRow(const QUuid& id)
{
    auto q = m_db.query("SELECT a.id, a.uuid, a.kind, a.store_id, a.register_id, "
                        "a.requester_id, ru.name, a.approver_id, au.name, a.reason, "
                        "a.decision_note, a.amount_minor, a.subject, a.requested_at, "
                        "a.expires_at, a.decided_at, a.used_at, a.status "
                        "FROM approvals a JOIN users ru ON ru.id = a.requester_id "
                        "LEFT JOIN users au ON au.id = a.approver_id WHERE a.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuidText(id));
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row || id.isNull())
        return fail(ErrorCode::NotFound, tr("There is no such approval request."));
    Row r;
    r.rowId = q->int64(0);
    Approval& a = r.approval;
    a.id = QUuid::fromString(q->text(1));
    auto kind = approvalKindFromName(q->text(2));
    auto status = statusFromName(q->text(17));
    if (!kind || !status)
        return fail(ErrorCode::Corrupt, tr("A stored approval has a kind or status this program "
                                           "does not know."));
    a.kind = *kind;
    a.status = *status;
    a.storeId = q->int64(3);
    a.registerId = q->text(4);
    a.requesterId = q->int64(5);
    a.requesterName = q->text(6);
    a.approverId = q->isNull(7) ? 0 : q->int64(7);
    a.approverName = q->isNull(8) ? QString() : q->text(8);
    a.reason = q->text(9);
    a.decisionNote = q->isNull(10) ? QString() : q->text(10);
    a.amountMinor = q->int64(11);
    a.subject = q->text(12);
    a.requestedAt = parseIsoUtc(q->text(13));
    a.expiresAt = parseIsoUtc(q->text(14));
    if (!q->isNull(15))
        a.decidedAt = parseIsoUtc(q->text(15));
    if (!q->isNull(16))
        a.usedAt = parseIsoUtc(q->text(16));
    if (!a.expiresAt.isValid())
        return fail(ErrorCode::Corrupt, tr("A stored approval has an unreadable expiry time."));
    r.expired = (a.status == ApprovalStatus::Pending || a.status == ApprovalStatus::Approved) &&
                m_clock.nowUtc() >= a.expiresAt;
    if (r.expired)
        a.status = ApprovalStatus::Expired;
    return r;
}

Result<Approval> ApprovalService::request(const Session& requester, const ApprovalAsk& ask,
                                          const QString& reason)
{
    const Permission needed =
        ask.kind == ApprovalKind::CashOut ? Permission::CashMove : Permission::SaleCreate;
    if (auto s = m_access.require(requester, needed); !s)
        return std::unexpected(s.error());
    if (auto s = checkReason(reason, "Say why this is needed."); !s)
        return std::unexpected(s.error());
    if (ask.amountMinor < 0)
        return fail(ErrorCode::InvalidInput, tr("The amount of a request cannot be negative."));
    if (ask.subject.trimmed().isEmpty() || ask.subject.size() > MaxSubject)
        return fail(ErrorCode::InvalidInput, tr("The request does not say what it is for."));
    if (auto s = admitted(m_requestLimiter, m_registerId); !s)
        return std::unexpected(s.error());

    const QUuid id = m_ids.newId();
    const QDateTime now = parseIsoUtc(isoUtc(m_clock.nowUtc()));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto q = m_db.query("INSERT INTO approvals (uuid, kind, store_id, register_id, requester_id, "
                        "reason, amount_minor, subject, requested_at, expires_at, status) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending')");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuidText(id))
        .bind(2, approvalKindName(ask.kind))
        .bind(3, requester.storeId)
        .bind(4, m_registerId)
        .bind(5, requester.userId)
        .bind(6, reason.trimmed())
        .bind(7, ask.amountMinor)
        .bind(8, ask.subject)
        .bind(9, isoUtc(now))
        .bind(10, isoUtc(now.addSecs(ExpirySecs)));
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    auto row = loadRow(id);
    if (!row)
        return std::unexpected(row.error());
    QJsonObject after = auditFields(row->approval, ApprovalStatus::Pending);
    after.insert(QStringLiteral("reason"), row->approval.reason);
    after.insert(QStringLiteral("register_id"), m_registerId);
    if (auto s = audit::record(m_db, AuditEntry{requester.userId,
                                                0,
                                                auditaction::ApprovalRequested,
                                                approvalEntity(id),
                                                {},
                                                after});
        !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcApprovals) << "approval requested" << id << approvalKindName(ask.kind);
    return row->approval;
}

Status ApprovalService::checkApprover(qint64 userId, const Row& row)
{
    const Approval& a = row.approval;
    if (userId == a.requesterId)
        return fail(ErrorCode::PermissionDenied, tr("Nobody can approve their own request."));
    auto q = m_db.query("SELECT u.active, u.role, u.name, "
                        "  (u.role = 'owner' AND u.company_id = "
                        "     (SELECT company_id FROM stores WHERE id = ?2)) "
                        "  OR EXISTS (SELECT 1 FROM user_stores us "
                        "             WHERE us.user_id = u.id AND us.store_id = ?2) "
                        "FROM users u WHERE u.id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, userId).bind(2, a.storeId);
    auto found = q->next();
    if (!found)
        return std::unexpected(found.error());
    if (!*found || q->int64(0) == 0)
        return fail(ErrorCode::PermissionDenied, tr("That account is not active."));
    auto role = roleFromName(q->text(1));
    if (!role)
        return fail(ErrorCode::Corrupt, tr("A user's role in the store is not one this program "
                                           "knows."));
    const QString name = q->text(2);
    if (q->int64(3) == 0)
        return fail(ErrorCode::PermissionDenied,
                    tr("%1 is not assigned to this store and cannot approve here.").arg(name));
    auto set = m_access.effective(*role, a.storeId);
    if (!set)
        return std::unexpected(set.error());
    if (!set->contains(Permission::ApprovalsGrant) ||
        !set->contains(approvalKindPermission(a.kind)))
        return fail(ErrorCode::PermissionDenied,
                    tr("The role of %1 (%2) may not approve this (%3).")
                        .arg(name, roleTitle(*role), approvalKindTitle(a.kind)));
    return {};
}

Result<Approval> ApprovalService::decide(const Row& row, qint64 approverId, bool approved,
                                         const QString& note)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto q = m_db.query("UPDATE approvals SET status = ?2, approver_id = ?3, decided_at = ?4, "
                        "decision_note = ?5 WHERE id = ?1 AND status = 'pending' "
                        "AND expires_at > ?4");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, row.rowId)
        .bind(2, approved ? QStringLiteral("approved") : QStringLiteral("refused"))
        .bind(3, approverId)
        .bind(4, isoUtc(m_clock.nowUtc()))
        .bind(5, note.trimmed().isEmpty() ? QString() : note.trimmed());
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    if (m_db.changes() != 1)
        return fail(ErrorCode::Conflict,
                    tr("The request was decided, withdrawn or expired meanwhile."));
    auto now = loadRow(row.approval.id);
    if (!now)
        return std::unexpected(now.error());
    // The deciding manager acts; a granted request names them as its approver too.
    QJsonObject after = auditFields(now->approval, now->approval.status);
    if (!approved)
        after.insert(QStringLiteral("note"), now->approval.decisionNote);
    const AuditEntry entry{approverId,
                           approved ? approverId : 0,
                           approved ? auditaction::ApprovalGranted : auditaction::ApprovalRefused,
                           approvalEntity(row.approval.id),
                           {{QStringLiteral("status"), statusName(ApprovalStatus::Pending)}},
                           after};
    if (auto s = audit::record(m_db, entry); !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcApprovals) << "approval" << row.approval.id << (approved ? "approved" : "refused");
    return now->approval;
}

Result<Approval> ApprovalService::approveOnSpot(const QUuid& requestId, QStringView userCode,
                                                const SecretBytes& secret,
                                                const SecretBytes& totpCode)
{
    auto row = loadRow(requestId);
    if (!row)
        return std::unexpected(row.error());
    if (row->approval.registerId != m_registerId)
        return fail(ErrorCode::NotFound,
                    tr("That request was made on another register: approve it from the queue."));
    if (auto s = decidable(row->approval, row->expired); !s)
        return std::unexpected(s.error());
    if (auto s = admitted(m_grantLimiter, m_registerId); !s)
        return std::unexpected(s.error());
    // AUTH: the manager proves who they are; failures count toward their lockout there.
    auto who = m_auth.verifyApprover(userCode, secret, totpCode);
    if (!who)
        return std::unexpected(who.error());
    if (auto s = checkApprover(who->userId, *row); !s) {
        qCInfo(lcApprovals) << "approval" << requestId << "refused to user" << who->userId;
        return std::unexpected(s.error());
    }
    return decide(*row, who->userId, true, {});
}

Result<Approval> ApprovalService::approve(const Session& approver, const QUuid& requestId)
{
    if (auto s = m_access.require(approver, Permission::ApprovalsGrant); !s)
        return std::unexpected(s.error());
    auto row = loadRow(requestId);
    if (!row)
        return std::unexpected(row.error());
    if (row->approval.storeId != approver.storeId)
        return fail(ErrorCode::NotFound, tr("There is no such approval request in this store."));
    if (auto s = decidable(row->approval, row->expired); !s)
        return std::unexpected(s.error());
    if (auto s = checkApprover(approver.userId, *row); !s)
        return std::unexpected(s.error());
    if (auto s = admitted(m_grantLimiter, m_registerId); !s)
        return std::unexpected(s.error());
    return decide(*row, approver.userId, true, {});
}

Result<Approval> ApprovalService::refuse(const Session& approver, const QUuid& requestId,
                                         const QString& reason)
{
    if (auto s = m_access.require(approver, Permission::ApprovalsGrant); !s)
        return std::unexpected(s.error());
    if (auto s = checkReason(reason, "Say why the request is refused."); !s)
        return std::unexpected(s.error());
    auto row = loadRow(requestId);
    if (!row)
        return std::unexpected(row.error());
    if (row->approval.storeId != approver.storeId)
        return fail(ErrorCode::NotFound, tr("There is no such approval request in this store."));
    if (auto s = decidable(row->approval, row->expired); !s)
        return std::unexpected(s.error());
    if (approver.userId == row->approval.requesterId)
        return fail(ErrorCode::PermissionDenied,
                    tr("Nobody can decide their own request: withdraw it instead."));
    return decide(*row, approver.userId, false, reason);
}

Status ApprovalService::cancel(const Session& requester, const QUuid& requestId)
{
    if (auto role = m_access.liveRole(requester); !role)
        return std::unexpected(role.error());
    auto row = loadRow(requestId);
    if (!row)
        return std::unexpected(row.error());
    const Approval& a = row->approval;
    if (a.requesterId != requester.userId || a.storeId != requester.storeId)
        return fail(ErrorCode::NotFound, tr("There is no such request of yours."));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto q = m_db.query("UPDATE approvals SET status = 'cancelled', decided_at = ?2 "
                        "WHERE id = ?1 AND status = 'pending'");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, row->rowId).bind(2, isoUtc(m_clock.nowUtc()));
    if (auto s = q->run(); !s)
        return s;
    if (m_db.changes() != 1)
        return fail(ErrorCode::Conflict, tr("The request was already decided."));
    if (auto s = audit::record(
            m_db, AuditEntry{requester.userId,
                             0,
                             auditaction::ApprovalCancelled,
                             approvalEntity(a.id),
                             {{QStringLiteral("status"), statusName(ApprovalStatus::Pending)}},
                             auditFields(a, ApprovalStatus::Cancelled)});
        !s)
        return s;
    if (auto s = tx->commit(); !s)
        return s;
    qCInfo(lcApprovals) << "approval request withdrawn" << requestId;
    return {};
}

Result<QList<Approval>> ApprovalService::pending(const Session& approver)
{
    if (auto s = m_access.require(approver, Permission::ApprovalsGrant); !s)
        return std::unexpected(s.error());
    auto q = m_db.query("SELECT uuid FROM approvals WHERE store_id = ?1 AND status = 'pending' "
                        "ORDER BY requested_at, id");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, approver.storeId);
    QList<QUuid> ids;
    if (auto s = q->forEach([&] { ids.append(QUuid::fromString(q->text(0))); }); !s)
        return std::unexpected(s.error());
    QList<Approval> out;
    for (const QUuid& id : ids) {
        auto row = loadRow(id);
        if (!row)
            return std::unexpected(row.error());
        if (!row->expired)
            out.append(row->approval);
    }
    return out;
}

Result<Approval> ApprovalService::status(const Session& session, const QUuid& requestId)
{
    if (auto role = m_access.liveRole(session); !role)
        return std::unexpected(role.error());
    auto row = loadRow(requestId);
    if (!row)
        return std::unexpected(row.error());
    const Approval& a = row->approval;
    if (a.storeId != session.storeId)
        return fail(ErrorCode::NotFound, tr("There is no such approval request in this store."));
    if (a.requesterId != session.userId) {
        if (auto s = m_access.require(session, Permission::ApprovalsGrant); !s)
            return std::unexpected(s.error());
    }
    return a;
}

Result<ApprovalService::Row> ApprovalService::checkUsable(const Session& session,
                                                          const QUuid& approvalId,
                                                          const ApprovalAsk& ask)
{
    if (auto role = m_access.liveRole(session); !role)
        return std::unexpected(role.error());
    const QString needs = tr("%1 needs a manager's approval.").arg(approvalKindTitle(ask.kind));
    if (approvalId.isNull())
        return approvalRequired(needs);
    auto row = loadRow(approvalId);
    if (!row) {
        if (row.error().code == ErrorCode::NotFound)
            return approvalRequired(tr("%1 That approval is not known here.").arg(needs));
        return std::unexpected(row.error());
    }
    const Approval& a = row->approval;
    if (a.storeId != session.storeId || a.requesterId != session.userId)
        return approvalRequired(tr("%1 That approval was given to someone else.").arg(needs));
    switch (a.status) {
    case ApprovalStatus::Approved:
        break;
    case ApprovalStatus::Pending:
        return approvalRequired(tr("%1 The request is still waiting for a manager.").arg(needs));
    case ApprovalStatus::Refused:
        return approvalRequired(tr("%1 A manager refused the request.").arg(needs));
    case ApprovalStatus::Used:
        return approvalRequired(
            tr("%1 That approval was already used; each is good for one action.").arg(needs));
    case ApprovalStatus::Cancelled:
        return approvalRequired(tr("%1 The request was withdrawn.").arg(needs));
    case ApprovalStatus::Expired:
        return approvalRequired(
            tr("%1 The approval has expired (after 5 minutes): ask again.").arg(needs));
    }
    if (a.kind != ask.kind || a.subject != ask.subject)
        return approvalRequired(tr("%1 That approval was for something else.").arg(needs));
    if (ask.amountMinor > a.amountMinor)
        return approvalRequired(
            tr("%1 That approval covers a smaller amount: ask again for this one.").arg(needs));
    return std::move(*row);
}

Status ApprovalService::check(const Session& session, const QUuid& approvalId,
                              const ApprovalAsk& ask)
{
    if (auto row = checkUsable(session, approvalId, ask); !row)
        return std::unexpected(row.error());
    return {};
}

Result<ApprovalService::Used>
ApprovalService::consume(const Session& session, const QUuid& approvalId, const ApprovalAsk& ask)
{
    // Using an approval and recording what it was used for must commit together.
    if (sqlite3_get_autocommit(m_db.handle()) != 0)
        return fail(ErrorCode::Internal,
                    QStringLiteral("an approval can only be used inside a transaction"));
    auto row = checkUsable(session, approvalId, ask);
    if (!row)
        return std::unexpected(row.error());
    auto q = m_db.query("UPDATE approvals SET status = 'used', used_at = ?2 "
                        "WHERE id = ?1 AND status = 'approved'");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, row->rowId).bind(2, isoUtc(m_clock.nowUtc()));
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    if (m_db.changes() != 1)
        return approvalRequired(tr("That approval was already used; each is good for one "
                                   "action."));
    const Approval& a = row->approval;
    if (auto s = audit::record(
            m_db, AuditEntry{session.userId,
                             a.approverId,
                             auditaction::ApprovalUsed,
                             approvalEntity(a.id),
                             {{QStringLiteral("status"), statusName(ApprovalStatus::Approved)}},
                             auditFields(a, ApprovalStatus::Used)});
        !s)
        return std::unexpected(s.error());
    qCInfo(lcApprovals) << "approval used" << approvalId;
    return Used{row->rowId, a.approverId};
}

} // namespace pos
