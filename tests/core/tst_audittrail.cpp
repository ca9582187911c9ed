// AUD-1: signing in and out (successes, failures, lockouts, refusals), credential changes, the
// idle-lock setting, every staff change and every step of a manager approval write their signed
// audit row in the transaction of the change; a refused call writes none. Also: a user code that
// belongs to nobody is never written, and a credential change holds no hash or secret.
#include "AuditTrailFixture.h"

#include <QFile>
#include <QTest>

using namespace pos;
using namespace pos::audittest;
using namespace Qt::StringLiterals;
namespace A = pos::auditaction;

namespace {

const QMap<QString, Case>& cases()
{
    static const QMap<QString, Case> table = [] {
        QMap<QString, Case> t;
        const auto none = [](Fixture&) {
        };
        const QJsonObject session{{QStringLiteral("purpose"), QStringLiteral("session")}};

        // ---- signing in and out ----
        t.insert(
            QStringLiteral("auth.sign_in"),
            {none, [](Fixture& f) { return done(f.h.auth.signIn(u"11", secretOf(Pin))); },
             [=](Fixture& f) -> QList<Expected> {
                 return {{A::SignIn, f.cashier.userId, 0, user(f.cashier.userId), {}, session}};
             }});
        t.insert(QStringLiteral("auth.sign_in_failed, a user's code"),
                 {none,
                  [](Fixture& f) {
                      return refusedWith(f.h.auth.signIn(u"11", secretOf(QStringLiteral("1357"))),
                                         ErrorCode::InvalidInput);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::SignInFailed,
                               0,
                               0,
                               user(f.cashier.userId),
                               {},
                               {{QStringLiteral("purpose"), QStringLiteral("session")},
                                {QStringLiteral("detail"), QStringLiteral("wrong PIN")}}}};
                  }});
        t.insert(QStringLiteral("auth.sign_in_failed, nobody's code"),
                 {none,
                  [](Fixture& f) {
                      return refusedWith(f.h.auth.signIn(u"77", secretOf(Pin)),
                                         ErrorCode::InvalidInput);
                  },
                  [](Fixture&) -> QList<Expected> {
                      return {{A::SignInFailed,
                               0,
                               0,
                               QStringLiteral("user:unknown"),
                               {},
                               {{QStringLiteral("detail"), QStringLiteral("unknown user code")}}}};
                  }});
        t.insert(QStringLiteral("auth.locked_out at the fifth failure"),
                 {[](Fixture& f) { f.failSignIn(QStringLiteral("11"), QStringLiteral("1357"), 4); },
                  [](Fixture& f) {
                      return refusedWith(f.h.auth.signIn(u"11", secretOf(QStringLiteral("1357"))),
                                         ErrorCode::Locked);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::SignInFailed, 0, 0, user(f.cashier.userId), {}, {}},
                              {A::LockedOut,
                               0,
                               0,
                               user(f.cashier.userId),
                               {},
                               {{QStringLiteral("detail"), QStringLiteral("for 30 seconds")}}}};
                  }});
        t.insert(QStringLiteral("auth.sign_in_refused while locked out"),
                 {[](Fixture& f) { f.failSignIn(QStringLiteral("11"), QStringLiteral("1357"), 5); },
                  [](Fixture& f) {
                      return refusedWith(f.h.auth.signIn(u"11", secretOf(Pin)), ErrorCode::Locked);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::SignInRefused,
                               0,
                               0,
                               user(f.cashier.userId),
                               {},
                               {{QStringLiteral("detail"), QStringLiteral("locked")}}}};
                  }});
        t.insert(QStringLiteral("auth.unlock"),
                 {none, [](Fixture& f) { return f.h.auth.unlock(f.cashier, secretOf(Pin)); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::Unlock, f.cashier.userId, 0, user(f.cashier.userId), {}, {}}};
                  }});
        t.insert(QStringLiteral("auth.sign_out"),
                 {none, [](Fixture& f) { return f.h.auth.signOut(f.cashier); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::SignOut,
                               f.cashier.userId,
                               0,
                               user(f.cashier.userId),
                               {},
                               {{QStringLiteral("detail"), QStringLiteral("signed out")}}}};
                  }});
        t.insert(
            QStringLiteral("auth.password_changed"),
            {none,
             [](Fixture& f) {
                 return f.h.auth.changePassword(f.manager, secretOf(Password),
                                                secretOf(QStringLiteral("tangerine velvet 42")));
             },
             [](Fixture& f) -> QList<Expected> {
                 return {{A::PasswordChanged, f.manager.userId, 0, user(f.manager.userId), {}, {}}};
             }});
        t.insert(QStringLiteral("auth.pin_changed"),
                 {none,
                  [](Fixture& f) {
                      return f.h.auth.changePin(f.cashier, secretOf(Pin),
                                                secretOf(QStringLiteral("9731")));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::PinChanged, f.cashier.userId, 0, user(f.cashier.userId), {}, {}}};
                  }});
        t.insert(QStringLiteral("settings.changed, idle lock"),
                 {none, [](Fixture& f) { return f.h.auth.setIdleLockSeconds(f.owner, 600); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::SettingsChanged,
                               f.owner.userId,
                               0,
                               QStringLiteral("setting:idle_lock_seconds"),
                               {{QStringLiteral("value"), 300}},
                               {{QStringLiteral("value"), 600}}}};
                  }});
        t.insert(QStringLiteral("settings.changed refused for a manager"),
                 {none,
                  [](Fixture& f) {
                      return refusedWith(f.h.auth.setIdleLockSeconds(f.manager, 600),
                                         ErrorCode::PermissionDenied);
                  },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});

        // ---- staff ----
        t.insert(QStringLiteral("staff.created"),
                 {none,
                  [](Fixture& f) {
                      NewStaff n;
                      n.name = QStringLiteral("Nina New");
                      n.code = QStringLiteral("4711");
                      n.role = Role::Cashier;
                      n.storeIds = {f.h.staff.storeId};
                      n.pin = secretOf(QStringLiteral("1357"));
                      auto id = f.staff.create(f.owner, n);
                      f.id = id.value_or(0);
                      return done(id);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {
                          {A::StaffCreated,
                           f.owner.userId,
                           0,
                           user(f.id),
                           {},
                           {{QStringLiteral("name"), QStringLiteral("Nina New")},
                            {QStringLiteral("role"), QStringLiteral("cashier")},
                            {QStringLiteral("change"), QStringLiteral("create")},
                            {QStringLiteral("credentials"), QJsonArray{QStringLiteral("pin")}}}}};
                  }});
        t.insert(QStringLiteral("staff.role_changed"),
                 {none,
                  [](Fixture& f) {
                      return done(f.staff.changeRole(f.owner, f.manager.userId, Role::Cashier));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::StaffRoleChanged,
                               f.owner.userId,
                               0,
                               user(f.manager.userId),
                               {{QStringLiteral("role"), QStringLiteral("manager")}},
                               {{QStringLiteral("role"), QStringLiteral("cashier")},
                                {QStringLiteral("sessions_ended"), 1}}}};
                  }});
        t.insert(QStringLiteral("staff.stores_changed"),
                 {[](Fixture& f) { f.id = f.h.staff.addStore(QStringLiteral("Harbour Street")); },
                  [](Fixture& f) {
                      return done(f.staff.assignStores(f.owner, f.cashier.userId,
                                                       {f.h.staff.storeId, f.id}));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::StaffStoresChanged,
                               f.owner.userId,
                               0,
                               user(f.cashier.userId),
                               {{QStringLiteral("stores"), QJsonArray{f.h.staff.storeId}}},
                               {{QStringLiteral("stores"), QJsonArray{f.h.staff.storeId, f.id}}}}};
                  }});
        t.insert(
            QStringLiteral("staff.deactivated"),
            {none, [](Fixture& f) { return done(f.staff.deactivate(f.manager, f.cashier.userId)); },
             [](Fixture& f) -> QList<Expected> {
                 return {
                     {A::StaffDeactivated,
                      f.manager.userId,
                      0,
                      user(f.cashier.userId),
                      {{QStringLiteral("active"), true}},
                      {{QStringLiteral("active"), false}, {QStringLiteral("sessions_ended"), 1}}}};
             }});
        t.insert(QStringLiteral("staff.reactivated"),
                 {[](Fixture& f) { QVERIFY(f.staff.deactivate(f.owner, f.cashier.userId)); },
                  [](Fixture& f) { return done(f.staff.reactivate(f.owner, f.cashier.userId)); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::StaffReactivated,
                               f.owner.userId,
                               0,
                               user(f.cashier.userId),
                               {{QStringLiteral("active"), false}},
                               {{QStringLiteral("active"), true}}}};
                  }});
        t.insert(QStringLiteral("auth.sign_in_refused, the right PIN of an inactive user"),
                 {[](Fixture& f) { QVERIFY(f.staff.deactivate(f.owner, f.cashier.userId)); },
                  [](Fixture& f) {
                      return refusedWith(f.h.auth.signIn(u"11", secretOf(Pin)),
                                         ErrorCode::Unauthenticated);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::SignInRefused,
                               0,
                               0,
                               user(f.cashier.userId),
                               {},
                               {{QStringLiteral("detail"), QStringLiteral("inactive user")}}}};
                  }});
        t.insert(QStringLiteral("staff.credential_reset"),
                 {none,
                  [](Fixture& f) {
                      return done(f.staff.resetPin(f.manager, f.cashier.userId,
                                                   secretOf(QStringLiteral("9731"))));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::StaffCredentialReset,
                               f.manager.userId,
                               0,
                               user(f.cashier.userId),
                               {},
                               {{QStringLiteral("pin"), QStringLiteral("reset")},
                                {QStringLiteral("change"), QStringLiteral("pin_reset")}}}};
                  }});
        t.insert(QStringLiteral("staff.discount_limit_changed"),
                 {none,
                  [](Fixture& f) {
                      return done(f.staff.setDiscountLimit(f.owner, f.cashier.userId, 50000));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::StaffDiscountLimitChanged,
                               f.owner.userId,
                               0,
                               user(f.cashier.userId),
                               {{QStringLiteral("discount_limit_ppm"), 100000}},
                               {{QStringLiteral("discount_limit_ppm"), 50000}}}};
                  }});
        t.insert(QStringLiteral("roles.override_changed"),
                 {none,
                  [](Fixture& f) {
                      return done(f.staff.setRoleOverride(f.owner, f.h.staff.storeId, Role::Cashier,
                                                          Permission::LineVoid,
                                                          OverrideState::Allow));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::RoleOverrideChanged,
                               f.owner.userId,
                               0,
                               audit::entity("store", f.h.staff.storeId),
                               {{QStringLiteral("state"), QStringLiteral("inherit")}},
                               {{QStringLiteral("role"), QStringLiteral("cashier")},
                                {QStringLiteral("permission"), QStringLiteral("line.void")},
                                {QStringLiteral("state"), QStringLiteral("allow")}}}};
                  }});
        t.insert(QStringLiteral("staff.undo"),
                 {[](Fixture& f) {
                      auto c = f.staff.setDiscountLimit(f.owner, f.cashier.userId, 50000);
                      QVERIFY(c);
                      f.id = *c;
                  },
                  [](Fixture& f) { return done(f.staff.undo(f.owner, f.id)); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::StaffUndo,
                               f.owner.userId,
                               0,
                               user(f.cashier.userId),
                               {{QStringLiteral("discount_limit_ppm"), 50000}},
                               {{QStringLiteral("discount_limit_ppm"), 100000},
                                {QStringLiteral("undoes"), f.id}}}};
                  }});
        t.insert(QStringLiteral("staff change refused: a manager on a manager"),
                 {none,
                  [](Fixture& f) {
                      return refusedWith(f.staff.deactivate(f.manager, f.owner.userId),
                                         ErrorCode::PermissionDenied);
                  },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});

        // ---- approvals ----
        t.insert(QStringLiteral("approval.requested"),
                 {none,
                  [](Fixture& f) {
                      auto ask = CounterActions::askVoidLine(f.cart, 0);
                      if (!ask)
                          return done(ask);
                      auto a = f.h.approvals.request(f.cashier, *ask, QStringLiteral("wrong item"));
                      f.approvalId = a ? a->id : QUuid();
                      return done(a);
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalRequested,
                               f.cashier.userId,
                               0,
                               approvalEntity(f),
                               {},
                               {{QStringLiteral("status"), QStringLiteral("pending")},
                                {QStringLiteral("kind"), QStringLiteral("line_void")},
                                {QStringLiteral("amount_minor"), 398},
                                {QStringLiteral("reason"), QStringLiteral("wrong item")}}}};
                  }});
        t.insert(QStringLiteral("approval.granted on the spot"),
                 {[](Fixture& f) { f.request(*CounterActions::askVoidLine(f.cart, 0)); },
                  [](Fixture& f) {
                      return done(f.h.approvals.approveOnSpot(f.approvalId, u"21", secretOf(Pin)));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::ApproverVerified,
                               f.manager.userId,
                               0,
                               user(f.manager.userId),
                               {},
                               {{QStringLiteral("purpose"), QStringLiteral("approval")}}},
                              {A::ApprovalGranted,
                               f.manager.userId,
                               f.manager.userId,
                               approvalEntity(f),
                               {{QStringLiteral("status"), QStringLiteral("pending")}},
                               {{QStringLiteral("status"), QStringLiteral("approved")},
                                {QStringLiteral("requester_id"), f.cashier.userId}}}};
                  }});
        t.insert(QStringLiteral("approval.granted from the queue"),
                 {[](Fixture& f) { f.request(*CounterActions::askVoidLine(f.cart, 0)); },
                  [](Fixture& f) { return done(f.h.approvals.approve(f.manager, f.approvalId)); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalGranted,
                               f.manager.userId,
                               f.manager.userId,
                               approvalEntity(f),
                               {},
                               {}}};
                  }});
        t.insert(QStringLiteral("approval.refused"),
                 {[](Fixture& f) { f.request(*CounterActions::askVoidLine(f.cart, 0)); },
                  [](Fixture& f) {
                      return done(
                          f.h.approvals.refuse(f.manager, f.approvalId, QStringLiteral("no")));
                  },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalRefused,
                               f.manager.userId,
                               0,
                               approvalEntity(f),
                               {},
                               {{QStringLiteral("status"), QStringLiteral("refused")},
                                {QStringLiteral("note"), QStringLiteral("no")}}}};
                  }});
        t.insert(QStringLiteral("approval.cancelled"),
                 {[](Fixture& f) { f.request(*CounterActions::askVoidLine(f.cart, 0)); },
                  [](Fixture& f) { return f.h.approvals.cancel(f.cashier, f.approvalId); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::ApprovalCancelled,
                               f.cashier.userId,
                               0,
                               approvalEntity(f),
                               {},
                               {{QStringLiteral("status"), QStringLiteral("cancelled")}}}};
                  }});

        return t;
    }();
    return table;
}

} // namespace

class TestAuditTrail : public QObject {
    Q_OBJECT

private slots:
    void actions_data() { addCaseRows(cases()); }
    void actions() { verifyCase(cases()); }
    void everyActionIsDocumented();
    void unknownCodeIsNeverWritten();
    void credentialChangesHoldNoHashOrSecret();
};

// docs/audit-format.md's "## Actions" table has a row for every action name the services write.
void TestAuditTrail::everyActionIsDocumented()
{
    QFile doc(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/audit-format.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
    const QString text = QString::fromUtf8(doc.readAll());
    const qsizetype section = text.indexOf(u"\n## Actions"_s);
    QVERIFY(section > 0);
    const QString actions = text.mid(section);
    for (const QString& name : auditaction::all())
        QVERIFY2(actions.contains(u"| `"_s + name + u"` |"_s), qPrintable(name));
}

// A code that belongs to nobody may be a PIN typed into the wrong field: it is written nowhere.
void TestAuditTrail::unknownCodeIsNeverWritten()
{
    Fixture f;
    QVERIFY(!f.h.auth.signIn(u"86420", secretOf(QStringLiteral("97531"))));
    QVERIFY(!f.h.auth.signIn(u"86420", secretOf(QStringLiteral("correct horse battery"))));
    const QString all = everything(f.db());
    QVERIFY(all.contains(A::SignInFailed));
    QVERIFY(all.contains(u"user:unknown"));
    QVERIFY(!all.contains(u"86420"));
    QVERIFY(!all.contains(u"97531"));
    QVERIFY(!all.contains(u"horse"));
    const QString problem = chainProblem(f.db());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// A credential change or reset says it happened: not the hash, not the secret.
void TestAuditTrail::credentialChangesHoldNoHashOrSecret()
{
    Fixture f;
    QVERIFY(f.h.auth.changePin(f.cashier, secretOf(Pin), secretOf(QStringLiteral("9731"))));
    QVERIFY(f.h.auth.changePassword(f.manager, secretOf(Password),
                                    secretOf(QStringLiteral("tangerine velvet 42"))));
    QVERIFY(f.staff.resetPin(f.owner, f.manager.userId, secretOf(QStringLiteral("8642"))));
    QVERIFY(f.staff.resetPassword(f.owner, f.cashier.userId,
                                  secretOf(QStringLiteral("marmalade orbit 77"))));
    const QString all = everything(f.db());
    for (const char* action :
         {"auth.pin_changed", "auth.password_changed", "staff.credential_reset"})
        QVERIFY2(all.contains(QLatin1String(action)), action);
    for (const QString& secret :
         {QStringLiteral("9731"), QStringLiteral("tangerine"), QStringLiteral("8642"),
          QStringLiteral("marmalade"), Pin, QStringLiteral("scrypt")})
        QVERIFY2(!all.contains(secret), qPrintable(secret));
    auto hashes = f.db().query("SELECT pin_hash, password_hash FROM users");
    QVERIFY(hashes);
    QVERIFY(hashes->forEach([&] {
        for (int c : {0, 1}) {
            const QString h = hashes->text(c);
            if (!h.isEmpty()) {
                // The salt and hash parts of the stored text appear nowhere in the log.
                for (const QString& part : h.split(u'$', Qt::SkipEmptyParts))
                    if (part.size() >= 16)
                        QVERIFY2(!all.contains(part), "a hash part is in the audit log");
            }
        }
    }));
}

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"
