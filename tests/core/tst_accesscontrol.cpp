#include "staff/AccessControl.h"

#include "../support/TestStaff.h"
#include "../support/TestStore.h"

#include <QTest>

using namespace pos;

class TestAccessControl : public QObject {
    Q_OBJECT

private slots:
    void namesRoundTrip()
    {
        for (Permission p : allPermissions()) {
            QCOMPARE(permissionFromName(permissionName(p)), std::optional<Permission>(p));
            QVERIFY(!permissionDescription(p).isEmpty());
        }
        QCOMPARE(allPermissions().size(), PermissionCount);
        QVERIFY(!permissionFromName(u"sale.delete_everything").has_value());
        for (Role r : allRoles())
            QCOMPARE(roleFromName(roleName(r)), std::optional<Role>(r));
        QVERIFY(!roleFromName(u"root").has_value());
    }

    // RBAC-3: least privilege by default.
    void defaultsAreLeastPrivilege()
    {
        const auto cashier = defaultPermissions(Role::Cashier);
        QVERIFY(cashier.contains(Permission::SaleCreate));
        QVERIFY(!cashier.contains(Permission::MarginsView));
        QVERIFY(!cashier.contains(Permission::LineVoid));
        QVERIFY(!cashier.contains(Permission::RefundCreate));
        QVERIFY(!cashier.contains(Permission::ApprovalsGrant));
        const auto auditor = defaultPermissions(Role::Auditor);
        QVERIFY(!auditor.contains(Permission::CustomersView));
        QVERIFY(!auditor.contains(Permission::SaleCreate));
        QVERIFY(auditor.contains(Permission::ReportsView));
        const auto manager = defaultPermissions(Role::Manager);
        QVERIFY(manager.contains(Permission::ApprovalsGrant));
        QVERIFY(!manager.contains(Permission::RolesManage));
        QVERIFY(!manager.contains(Permission::AuditExport));
        QCOMPARE(defaultPermissions(Role::Owner), PermissionSet::all());
    }

    void requireChecksTheLiveSession()
    {
        test::TestStore store;
        test::TestStaff staff(store.db(), store.keys());
        AccessControl access(store.db());
        const Session cashier = staff.signIn(Role::Cashier);
        QVERIFY(access.require(cashier, Permission::SaleCreate).has_value());
        auto denied = access.require(cashier, Permission::SaleVoid);
        QVERIFY(!denied);
        QCOMPARE(denied.error().code, ErrorCode::PermissionDenied);
        QVERIFY(denied.error().message.contains(QStringLiteral("void a whole sale")));

        // A forged role in the struct changes nothing: the role comes from the store.
        Session forged = cashier;
        forged.role = Role::Owner;
        QCOMPARE(access.require(forged, Permission::SaleVoid).error().code,
                 ErrorCode::PermissionDenied);
        // A forged user id or store id: not this session.
        forged = cashier;
        forged.userId += 1000;
        QCOMPARE(access.require(forged, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
        forged = cashier;
        forged.registerId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(access.require(forged, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
        forged = cashier;
        forged.id = QUuid::createUuid();
        QCOMPARE(access.require(forged, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
        QCOMPARE(access.require(Session{}, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);

        staff.endSession(cashier);
        QCOMPARE(access.require(cashier, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
    }

    void deactivatedOrUnassignedUserIsOut()
    {
        test::TestStore store;
        test::TestStaff staff(store.db(), store.keys());
        AccessControl access(store.db());
        const Session manager = staff.signIn(Role::Manager);
        QVERIFY(access.require(manager, Permission::ApprovalsGrant).has_value());
        QVERIFY(store.db().exec("DELETE FROM user_stores").has_value());
        QCOMPARE(access.require(manager, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);

        const Session owner = staff.signIn(Role::Owner);
        QVERIFY(store.db().exec("DELETE FROM user_stores").has_value());
        QVERIFY(access.require(owner, Permission::RolesManage).has_value()); // owners: all stores
        QVERIFY(store.db().exec("UPDATE users SET active = 0").has_value());
        QCOMPARE(access.require(owner, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
    }

    void storeOverridesApplyToThatStoreOnly()
    {
        test::TestStore store;
        test::TestStaff staff(store.db(), store.keys());
        AccessControl access(store.db());
        const qint64 other = staff.addStore(QStringLiteral("Other"));
        auto put = [&](const char* permission, bool allowed) {
            auto q = store.db().query("INSERT INTO role_overrides (store_id, role, permission, "
                                      "allowed) VALUES (?1, 'cashier', ?2, ?3)");
            q->bind(1, staff.storeId).bind(2, QString::fromLatin1(permission)).bind(3, allowed);
            return q->run().has_value();
        };
        QVERIFY(put("drawer.no_sale", true));
        QVERIFY(put("customers.view", false));
        auto here = access.effective(Role::Cashier, staff.storeId);
        QVERIFY(here && here->contains(Permission::DrawerNoSale));
        QVERIFY(!here->contains(Permission::CustomersView));
        auto there = access.effective(Role::Cashier, other);
        QVERIFY(there && !there->contains(Permission::DrawerNoSale));
        QVERIFY(there->contains(Permission::CustomersView));
        // The owner role cannot be overridden (the schema refuses it too).
        auto ownerRow = store.db().query("INSERT INTO role_overrides (store_id, role, "
                                         "permission, allowed) VALUES (?1, 'owner', 'x', 0)");
        ownerRow->bind(1, staff.storeId);
        QVERIFY(!ownerRow->run());
    }
};

QTEST_GUILESS_MAIN(TestAccessControl)
#include "tst_accesscontrol.moc"
