// RBAC-2 for staff management: every StaffService operation called as every role. Allowed ones
// succeed; refused ones fail with PermissionDenied and leave every staff table as it was.
#include "StaffServiceFixture.h"

using namespace pos;
using namespace pos::test;
using Fixture = StaffFixture;

class TestStaffRoleTable : public QObject {
    Q_OBJECT

private slots:
    void roleTable_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<bool>("allowed");
        const QStringList ops{QStringLiteral("list"),          QStringLiteral("history"),
                              QStringLiteral("create"),        QStringLiteral("deactivate"),
                              QStringLiteral("reactivate"),    QStringLiteral("resetPin"),
                              QStringLiteral("resetPassword"), QStringLiteral("changeRole"),
                              QStringLiteral("assignStores"),  QStringLiteral("setDiscountLimit"),
                              QStringLiteral("roleOverrides"), QStringLiteral("setRoleOverride"),
                              QStringLiteral("undo")};
        const QStringList managerRefused{QStringLiteral("assignStores"),
                                         QStringLiteral("roleOverrides"),
                                         QStringLiteral("setRoleOverride")};
        for (Role r : allRoles())
            for (const QString& op : ops) {
                const bool allowed =
                    r == Role::Owner || (r == Role::Manager && !managerRefused.contains(op));
                QTest::addRow("%s %s", qPrintable(roleName(r)), qPrintable(op))
                    << int(r) << op << allowed;
            }
    }

    void roleTable()
    {
        QFETCH(int, role);
        QFETCH(QString, operation);
        QFETCH(bool, allowed);
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner, QStringLiteral("Setup Owner"));
        const Session actor = f.staff.signIn(static_cast<Role>(role));
        // The target: a cashier with a password too (so a role change has its credential), with
        // one change by the owner to undo and one inactive colleague to reactivate.
        const qint64 target = f.staff.addUser(Role::Cashier, QStringLiteral("Target"));
        QVERIFY(f.service.resetPassword(owner, target, secret(NewPassword)));
        auto limit = f.service.setDiscountLimit(owner, target, 20000);
        QVERIFY(limit);
        const qint64 inactive = f.staff.addUser(Role::Cashier, QStringLiteral("Inactive"));
        QVERIFY(f.service.deactivate(owner, inactive));

        const QHash<QString, std::function<Status()>> calls{
            {QStringLiteral("list"),
             [&] {
                 return st(f.service.list(actor));
             }},
            {QStringLiteral("history"),
             [&] {
                 return st(f.service.history(actor, target));
             }},
            {QStringLiteral("create"),
             [&] {
                 return st(f.service.create(actor, f.cashier()));
             }},
            {QStringLiteral("deactivate"),
             [&] {
                 return st(f.service.deactivate(actor, target));
             }},
            {QStringLiteral("reactivate"),
             [&] {
                 return st(f.service.reactivate(actor, inactive));
             }},
            {QStringLiteral("resetPin"),
             [&] {
                 return st(f.service.resetPin(actor, target, secret(NewPin)));
             }},
            {QStringLiteral("resetPassword"),
             [&] {
                 return st(f.service.resetPassword(actor, target, secret(NewPassword)));
             }},
            {QStringLiteral("changeRole"),
             [&] {
                 return st(f.service.changeRole(actor, target, Role::Auditor));
             }},
            {QStringLiteral("assignStores"),
             [&] {
                 return st(f.service.assignStores(actor, target, {f.staff.storeId, f.otherStore}));
             }},
            {QStringLiteral("setDiscountLimit"),
             [&] {
                 return st(f.service.setDiscountLimit(actor, target, 30000));
             }},
            {QStringLiteral("roleOverrides"),
             [&] {
                 return st(f.service.roleOverrides(actor, f.staff.storeId));
             }},
            {QStringLiteral("setRoleOverride"),
             [&] {
                 return st(f.service.setRoleOverride(actor, f.staff.storeId, Role::Cashier,
                                                     Permission::DrawerNoSale,
                                                     OverrideState::Allow));
             }},
            {QStringLiteral("undo"),
             [&] {
                 return st(f.service.undo(actor, *limit));
             }},
        };
        // Managers hold the other store too, so a store assignment is refused only for the
        // permission, not for the store.
        if (static_cast<Role>(role) == Role::Manager)
            f.staff.assign(actor.userId, f.otherStore);
        const QString before = snapshot(f.db());
        const Status result = calls.value(operation)();
        if (allowed) {
            QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        } else {
            QVERIFY(!result);
            QCOMPARE(result.error().code, ErrorCode::PermissionDenied);
            QCOMPARE(snapshot(f.db()), before);
        }
    }
};

QTEST_GUILESS_MAIN(TestStaffRoleTable)
#include "tst_staffroletable.moc"
