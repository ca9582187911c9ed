#pragma once

// For the core tests of approvals, counter actions and refunds: a store with staff, a manual
// clock, the real AuthService (cheap hashes) and ApprovalService on the test register, plus the
// steps a manager takes at the counter.

#include "TestStaff.h"
#include "TestStore.h"
#include "approvals/ApprovalService.h"
#include "staff/AuthService.h"
#include "store/Database.h"

#include <QTimeZone>

namespace pos::test {

inline SecretBytes secret(const char* text)
{
    QByteArray bytes(text);
    return SecretBytes::takeFrom(bytes);
}

class ApprovalHarness {
public:
    static constexpr const char* Pin = "2468"; // TestStaff's PIN for cashiers and managers

    explicit ApprovalHarness(ApprovalService::Options options = {})
        : clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC)),
          staff(store.db(), store.keys()),
          auth(store.db(), store.keys(), TestStaff::pepperKeyName(), clock, ids, staff.registerId(),
               authOptions()),
          approvals(store.db(), auth, clock, ids, staff.registerId(), std::move(options))
    {}

    static AuthService::Options authOptions()
    {
        AuthService::Options o;
        o.hashParams = TestStaff::CheapHash;
        return o;
    }

    Database& db() { return store.db(); }
    qint64 count(const char* sql) { return store.db().scalar(sql).value_or(-1); }
    QString text(const char* sql)
    {
        auto q = store.db().query(sql);
        if (!q)
            return QStringLiteral("<%1>").arg(q.error().message);
        auto row = q->next();
        return row && *row ? q->text(0) : QStringLiteral("<no row>");
    }

    // A user with a known code (and TestStaff's PIN / password) and a live session.
    Session signIn(Role role, const QString& name, const QString& code)
    {
        return staff.sessionFor(staff.addUser(role, name, code));
    }

    // The cashier asks, a manager at the same register types their code and PIN.
    Result<Approval> askAndApprove(const Session& requester, const ApprovalAsk& ask,
                                   const QString& managerCode, const char* pin = Pin)
    {
        auto request = approvals.request(requester, ask, QStringLiteral("customer changed mind"));
        if (!request)
            return request;
        return approvals.approveOnSpot(request->id, managerCode, secret(pin));
    }

    TestStore store;
    ManualClock clock;
    SequentialIdSource ids;
    TestStaff staff;
    AuthService auth;
    ApprovalService approvals;
};

} // namespace pos::test
