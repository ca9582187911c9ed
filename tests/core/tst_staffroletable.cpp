// RBAC-2 for staff management: every StaffService operation called as each of the four roles and
// with an ended session (tests/support/RoleTable.h). Allowed ones succeed; refused ones fail with
// PermissionDenied (or Unauthenticated) and leave the whole store as it was.
#include "RoleTable.h"
#include "StaffServiceFixture.h"

using namespace pos;
using namespace pos::test;

namespace {

// A store where each operation has something to act on: an owner who set things up, a cashier
// "Target" with a password too (so a role change has its credential) and a discount-limit change
// to undo, and an inactive cashier to reactivate. Managers also hold the second store, so a
// store assignment is refused for the permission only.
struct Fixture : StaffFixture {
    Session owner;
    qint64 target = 0;
    qint64 inactive = 0;
    qint64 limitChange = 0;

    Fixture()
    {
        owner = staff.signIn(Role::Owner, QStringLiteral("Setup Owner"));
        target = staff.addUser(Role::Cashier, QStringLiteral("Target"));
        const bool ok = service.resetPassword(owner, target, secret(NewPassword)).has_value();
        limitChange = service.setDiscountLimit(owner, target, 20000).value_or(0);
        inactive = staff.addUser(Role::Cashier, QStringLiteral("Inactive"));
        if (!ok || limitChange == 0 || !service.deactivate(owner, inactive))
            qFatal("staff role table: fixture set-up failed");
    }

    // For RoleTable.
    Session signIn(Role role)
    {
        const Session s = staff.signIn(role);
        if (role == Role::Manager)
            staff.assign(s.userId, otherStore);
        return s;
    }
    void endSession(const Session& s) { staff.endSession(s); }
};

using Table = RoleTable<Fixture>;

const Table& table()
{
    using R = Role;
    const QList<Role> everyone{R::Owner, R::Manager, R::Cashier, R::Auditor};
    const QList<Role> staffManagers{R::Owner, R::Manager};
    const QList<Role> owners{R::Owner};
    static const auto t =
        Table()
            .add(QStringLiteral("scope"), everyone,
                 [](Fixture& f, const Session& s) { return asStatus(f.service.scope(s)); })
            .add(QStringLiteral("list"), staffManagers,
                 [](Fixture& f, const Session& s) { return asStatus(f.service.list(s)); })
            .add(QStringLiteral("history"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.history(s, f.target));
                 })
            .add(QStringLiteral("create"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.create(s, f.cashier()));
                 })
            .add(QStringLiteral("deactivate"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.deactivate(s, f.target));
                 })
            .add(QStringLiteral("reactivate"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.reactivate(s, f.inactive));
                 })
            .add(QStringLiteral("resetPin"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.resetPin(s, f.target, secret(NewPin)));
                 })
            .add(QStringLiteral("resetPassword"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.resetPassword(s, f.target, secret(NewPassword)));
                 })
            .add(QStringLiteral("changeRole"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.changeRole(s, f.target, Role::Auditor));
                 })
            .add(QStringLiteral("assignStores"), owners,
                 [](Fixture& f, const Session& s) {
                     return asStatus(
                         f.service.assignStores(s, f.target, {f.staff.storeId, f.otherStore}));
                 })
            .add(QStringLiteral("setDiscountLimit"), staffManagers,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.setDiscountLimit(s, f.target, 30000));
                 })
            .add(QStringLiteral("roleOverrides"), owners,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.roleOverrides(s, f.staff.storeId));
                 })
            .add(QStringLiteral("overrideHistory"), owners,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.overrideHistory(s, f.staff.storeId));
                 })
            .add(QStringLiteral("setRoleOverride"), owners,
                 [](Fixture& f, const Session& s) {
                     return asStatus(f.service.setRoleOverride(s, f.staff.storeId, Role::Cashier,
                                                               Permission::DrawerNoSale,
                                                               OverrideState::Allow));
                 })
            .add(QStringLiteral("undo"), staffManagers, [](Fixture& f, const Session& s) {
                return asStatus(f.service.undo(s, f.limitChange));
            });
    return t;
}

} // namespace

class TestStaffRoleTable : public QObject {
    Q_OBJECT

private slots:
    void roles_data() { table().addRows(); }
    void roles()
    {
        Fixture f;
        table().verifyRow(f);
    }
};

QTEST_GUILESS_MAIN(TestStaffRoleTable)
#include "tst_staffroletable.moc"
