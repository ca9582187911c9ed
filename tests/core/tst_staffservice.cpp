// RBAC-4: staff changes through StaffService, the one guarded path. Each rule is tried the way
// the staff screen would call it; a refused change must leave the store exactly as it was, every
// change leaves an access_changes row with before and after that holds no secret, and an undo
// goes back through the same checks, once. (The role x operation table: tst_staffroletable.)
#include "StaffServiceFixture.h"

#include "auth/Totp.h"

#include <QLoggingCategory>

using namespace pos;
using namespace pos::test;
using Fixture = StaffFixture;

class TestStaffService : public QObject {
    Q_OBJECT

private slots:
    void managerCreatesCashierWithPin()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        auto id = f.service.create(manager, f.cashier());
        QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        QCOMPARE(f.role(*id), QStringLiteral("cashier"));
        QVERIFY(f.column("SELECT password_hash FROM users WHERE id = ?1", *id).isNull());
        const QString pinHash = f.column("SELECT pin_hash FROM users WHERE id = ?1", *id);
        QCOMPARE(CredentialHash::verifyPin(secret(NewPin), f.staff.pepper(), pinHash), true);
        QCOMPARE(f.column("SELECT group_concat(store_id) FROM user_stores WHERE user_id = ?1", *id),
                 QString::number(f.staff.storeId));

        const ChangeRow c = f.change(f.db().scalar("SELECT MAX(id) FROM access_changes").value());
        QCOMPARE(c.kind, QStringLiteral("create"));
        QCOMPARE(c.actor, manager.userId);
        QCOMPARE(c.target, *id);
        QCOMPARE(c.store, f.staff.storeId);
        QCOMPARE(c.before, QJsonObject());
        QJsonObject after = obj(R"({"code":"4711","name":"Cara Cashier","role":"cashier",
            "discount_limit_ppm":50000,"active":true,"credentials":["pin"]})");
        after.insert(QStringLiteral("stores"), QJsonArray{f.staff.storeId});
        QCOMPARE(c.after, after);

        // The new cashier can sign in with the PIN the manager typed.
        auto signedIn = f.auth.signIn(u"4711", secret(NewPin));
        QVERIFY2(signedIn, signedIn ? "" : qPrintable(signedIn.error().message));
        QCOMPARE(signedIn->userId, *id);
    }

    void createRefusalsWriteNothing()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        const Session owner = f.staff.signIn(Role::Owner);
        const Session cashier = f.staff.signIn(Role::Cashier);
        const Session auditor = f.staff.signIn(Role::Auditor);
        auto create = [&](const Session& s, const std::function<void(NewStaff&)>& edit) {
            return [&f, s, edit]() {
                NewStaff n = f.cashier();
                edit(n);
                return f.service.create(s, n);
            };
        };
        const auto same = [](NewStaff&) {
        };
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied, create(cashier, same)));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied, create(auditor, same)));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied, create(manager, [](NewStaff& n) {
                                  n.role = Role::Manager;
                                  n.password = secret(NewPassword);
                              })));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              create(manager, [&](NewStaff& n) { n.storeIds = {f.otherStore}; })));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              create(manager, [](NewStaff& n) { n.discountLimitPpm = 200000; }),
                              QStringLiteral("above your own")));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              create(manager, [](NewStaff& n) { n.pin = {}; }),
                              QStringLiteral("PIN")));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              create(owner, [](NewStaff& n) { n.role = Role::Manager; }),
                              QStringLiteral("password")));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput, create(manager, [](NewStaff& n) {
                                  n.pin = secret(QStringLiteral("12a4"));
                              })));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput, create(owner, [](NewStaff& n) {
                                  n.role = Role::Auditor;
                                  n.password = secret(QStringLiteral("short"));
                              })));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              create(manager, [](NewStaff& n) { n.code = QStringLiteral("1"); })));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              create(manager, [](NewStaff& n) { n.name = QStringLiteral(" "); })));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              create(manager, [](NewStaff& n) { n.storeIds.clear(); })));
        QVERIFY(refusedChange(f, ErrorCode::Conflict,
                              create(manager, [&](NewStaff& n) { n.code = manager.userCode; })));
    }

    void ownerCreatesOwnerWithTotp()
    {
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        const Session manager = f.staff.signIn(Role::Manager);
        auto totp = Totp::generateSecret();
        QVERIFY(totp);
        auto make = [&](bool rightCode) {
            NewStaff n;
            n.name = QStringLiteral("Olga Owner");
            n.code = QStringLiteral("77");
            n.role = Role::Owner;
            n.password = secret(NewPassword);
            n.totpSecret = SecretBytes(totp->data(), totp->size());
            auto code = Totp::codeAt(*totp, f.clock.nowUtc().addSecs(rightCode ? 0 : 600));
            n.totpCode = std::move(*code);
            return n;
        };
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return f.service.create(manager, make(true)); }));
        QVERIFY(refusedChange(
            f, ErrorCode::InvalidInput, [&] { return f.service.create(owner, make(false)); },
            QStringLiteral("authenticator code")));
        auto id = f.service.create(owner, make(true));
        QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        QCOMPARE(f.role(*id), QStringLiteral("owner"));
        auto step = Totp::stepAt(f.clock.nowUtc(), 30);
        QCOMPARE(f.column("SELECT totp_last_step FROM users WHERE id = ?1", *id),
                 QString::number(*step)); // the enrolment code cannot be used again
        const ChangeRow c = f.change(f.db().scalar("SELECT MAX(id) FROM access_changes").value());
        QCOMPARE(c.after.value(QStringLiteral("credentials")).toArray(),
                 (QJsonArray{QStringLiteral("password"), QStringLiteral("totp")}));
    }

    void listShowsOwnStoresStaffWithoutSecrets()
    {
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        const Session manager = f.staff.signIn(Role::Manager, QStringLiteral("Mia Manager"));
        const qint64 here = f.staff.addUser(Role::Cashier, QStringLiteral("Here Cashier"));
        const qint64 both = f.staff.addUser(Role::Cashier, QStringLiteral("Both Cashier"));
        f.staff.assign(both, f.otherStore);
        const qint64 there = f.staff.addUser(Role::Cashier, QStringLiteral("There Cashier"));
        QVERIFY(f.db().exec("DELETE FROM user_stores WHERE user_id = (SELECT MAX(id) FROM users)"));
        f.staff.assign(there, f.otherStore);

        auto all = f.service.list(owner);
        QVERIFY(all);
        QCOMPARE(all->size(), 5);
        auto mine = f.service.list(manager);
        QVERIFY(mine);
        QHash<qint64, StaffMember> seen;
        for (const StaffMember& m : *mine)
            seen.insert(m.id, m);
        // Themselves, Here, Both and the owner (who was assigned to the store); not There.
        QCOMPARE(seen.size(), 4);
        QVERIFY(!seen.contains(there));
        QVERIFY(!seen.value(owner.userId).manageable);
        QVERIFY(seen.value(here).manageable);
        QVERIFY(!seen.value(both).manageable); // also works in a store the manager does not hold
        QVERIFY(!seen.value(manager.userId).manageable);
        QVERIFY(seen.value(here).hasPin && !seen.value(here).hasPassword);
        QCOMPARE(seen.value(both).storeNames,
                 (QStringList{QStringLiteral("Test Store"), QStringLiteral("Harbour Street")}));

        auto scope = f.service.scope(manager);
        QVERIFY(scope);
        QCOMPARE(scope->grantableRoles, (QList<Role>{Role::Cashier, Role::Auditor}));
        QCOMPARE(scope->stores.size(), 1);
        auto cashierScope = f.service.scope(f.staff.signIn(Role::Cashier));
        QVERIFY(cashierScope && cashierScope->grantableRoles.isEmpty());
        QCOMPARE(f.service.list(f.staff.signIn(Role::Cashier)).error().code,
                 ErrorCode::PermissionDenied);
    }

    void deactivateEndsSessionsAndReactivates()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        const Session cashier = f.staff.signIn(Role::Cashier);
        auto off = f.service.deactivate(manager, cashier.userId);
        QVERIFY2(off, off ? "" : qPrintable(off.error().message));
        QVERIFY(!f.live(cashier));
        ChangeRow c = f.change(*off);
        QCOMPARE(c.kind, QStringLiteral("deactivate"));
        QCOMPARE(c.before, obj(R"({"active":true})"));
        QCOMPARE(c.after, obj(R"({"active":false,"sessions_ended":1})"));
        QVERIFY(refusedChange(f, ErrorCode::Conflict,
                              [&] { return f.service.deactivate(manager, cashier.userId); }));
        auto on = f.service.reactivate(manager, cashier.userId);
        QVERIFY(on);
        c = f.change(*on);
        QCOMPARE(c.before, obj(R"({"active":false})"));
        QCOMPARE(c.after, obj(R"({"active":true})"));
        QVERIFY(!f.live(cashier)); // the old session stays ended: they sign in again
    }

    void selfRankAndStoreRules()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        const qint64 otherManager = f.staff.addUser(Role::Manager, QStringLiteral("Max"));
        const qint64 owner = f.staff.addUser(Role::Owner, QStringLiteral("Olga"));
        const qint64 wanderer = f.staff.addUser(Role::Cashier, QStringLiteral("Wanda"));
        f.staff.assign(wanderer, f.otherStore);
        const Session cashier = f.staff.signIn(Role::Cashier);
        auto& s = f.service;
        QVERIFY(refusedChange(
            f, ErrorCode::PermissionDenied, [&] { return s.deactivate(manager, manager.userId); },
            QStringLiteral("own account")));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return s.changeRole(manager, manager.userId, Role::Owner); }));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return s.deactivate(manager, otherManager); }));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return s.resetPin(manager, owner, secret(NewPin)); }));
        QVERIFY(refusedChange(
            f, ErrorCode::PermissionDenied, [&] { return s.deactivate(manager, wanderer); },
            QStringLiteral("store that is not yours")));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied, [&] {
            return s.changeRole(manager, cashier.userId, Role::Manager);
        }));
        QVERIFY(refusedChange(
            f, ErrorCode::InvalidInput,
            [&] { return s.changeRole(manager, cashier.userId, Role::Auditor); },
            QStringLiteral("password")));
        QVERIFY(refusedChange(f, ErrorCode::NotFound, [&] { return s.deactivate(manager, 9999); }));
    }

    void lastActiveOwnerStays()
    {
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        auto& s = f.service;
        QVERIFY(refusedChange(
            f, ErrorCode::Conflict, [&] { return s.deactivate(owner, owner.userId); },
            QStringLiteral("last active owner")));
        QVERIFY(refusedChange(
            f, ErrorCode::Conflict,
            [&] { return s.changeRole(owner, owner.userId, Role::Manager); },
            QStringLiteral("last active owner")));
        const qint64 second = f.staff.addUser(Role::Owner, QStringLiteral("Otto"));
        QVERIFY(refusedChange(
            f, ErrorCode::PermissionDenied, [&] { return s.deactivate(owner, owner.userId); },
            QStringLiteral("own account")));
        QVERIFY(s.deactivate(owner, second));
        QCOMPARE(f.column("SELECT active FROM users WHERE id = ?1", second), QStringLiteral("0"));
    }

    void credentialResetEndsSessionsAndCannotBeUndone()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        const qint64 cashierId = f.staff.addUser(Role::Cashier, QStringLiteral("Cara"));
        const Session one = f.staff.sessionFor(cashierId);
        const Session two = f.staff.sessionFor(cashierId);
        QVERIFY(f.db().exec("UPDATE users SET lockout = '{\"failures\":5}'"));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput, [&] {
            return f.service.resetPin(manager, cashierId, secret(QStringLiteral("12")));
        }));
        auto reset = f.service.resetPin(manager, cashierId, secret(NewPin));
        QVERIFY2(reset, reset ? "" : qPrintable(reset.error().message));
        QVERIFY(!f.live(one) && !f.live(two));
        const QString hash = f.column("SELECT pin_hash FROM users WHERE id = ?1", cashierId);
        QCOMPARE(CredentialHash::verifyPin(secret(NewPin), f.staff.pepper(), hash), true);
        QCOMPARE(CredentialHash::verifyPin(secret(QStringLiteral("2468")), f.staff.pepper(), hash),
                 false);
        QCOMPARE(f.column("SELECT lockout FROM users WHERE id = ?1", cashierId),
                 QStringLiteral("{}"));
        const ChangeRow c = f.change(*reset);
        QCOMPARE(c.kind, QStringLiteral("pin_reset"));
        QCOMPARE(c.before, QJsonObject());
        QCOMPARE(c.after, obj(R"({"pin":"reset","sessions_ended":2})"));
        QVERIFY(refusedChange(
            f, ErrorCode::Conflict, [&] { return f.service.undo(manager, *reset); },
            QStringLiteral("old PIN is not kept")));

        auto pw = f.service.resetPassword(manager, cashierId, secret(NewPassword));
        QVERIFY(pw);
        QCOMPARE(f.change(*pw).after, obj(R"({"password":"reset","sessions_ended":0})"));
        QVERIFY(refusedChange(
            f, ErrorCode::Conflict, [&] { return f.service.undo(manager, *pw); },
            QStringLiteral("cannot be undone")));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput, [&] {
            return f.service.resetPassword(manager, cashierId, secret(QStringLiteral("short")));
        }));
    }

    void roleChangeUndoneOnce()
    {
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        const Session manager = f.staff.signIn(Role::Manager);
        const qint64 mo = f.staff.addUser(Role::Manager, QStringLiteral("Mo")); // PIN + password
        auto changed = f.service.changeRole(owner, mo, Role::Cashier);
        QVERIFY2(changed, changed ? "" : qPrintable(changed.error().message));
        QCOMPARE(f.role(mo), QStringLiteral("cashier"));
        ChangeRow c = f.change(*changed);
        QCOMPARE(c.kind, QStringLiteral("role"));
        QCOMPARE(c.before, obj(R"({"role":"manager"})"));
        QCOMPARE(c.after, obj(R"({"role":"cashier","sessions_ended":0})"));

        // A manager may not undo it: that would make Mo a manager, a role above a manager's gift.
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return f.service.undo(manager, *changed); }));
        auto undone = f.service.undo(owner, *changed);
        QVERIFY2(undone, undone ? "" : qPrintable(undone.error().message));
        QCOMPARE(f.role(mo), QStringLiteral("manager"));
        c = f.change(*undone);
        QCOMPARE(c.kind, QStringLiteral("role"));
        QCOMPARE(c.undoes, *changed);
        QCOMPARE(c.before, obj(R"({"role":"cashier"})"));
        QCOMPARE(c.after, obj(R"({"role":"manager","sessions_ended":0})"));
        QVERIFY(refusedChange(
            f, ErrorCode::Conflict, [&] { return f.service.undo(owner, *changed); },
            QStringLiteral("undone already")));
        QVERIFY(
            refusedChange(f, ErrorCode::Conflict, [&] { return f.service.undo(owner, *undone); }));

        // Changed again since: the old change is not undone over the newer one.
        auto first = f.service.changeRole(owner, mo, Role::Cashier);
        QVERIFY(first);
        QVERIFY(f.service.changeRole(owner, mo, Role::Auditor));
        QVERIFY(refusedChange(
            f, ErrorCode::Conflict, [&] { return f.service.undo(owner, *first); },
            QStringLiteral("changed again")));
    }

    void undoCreateDeactivates()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        auto id = f.service.create(manager, f.cashier());
        QVERIFY(id);
        auto history = f.service.history(manager, *id);
        QVERIFY(history && history->size() == 1 && history->first().undoable);
        auto undone = f.service.undo(manager, history->first().id);
        QVERIFY(undone);
        QCOMPARE(f.column("SELECT active FROM users WHERE id = ?1", *id), QStringLiteral("0"));
        const ChangeRow c = f.change(*undone);
        QCOMPARE(c.kind, QStringLiteral("deactivate"));
        QCOMPARE(c.undoes, history->first().id);
        history = f.service.history(manager, *id);
        QVERIFY(history && history->size() == 2);
        QVERIFY(history->at(0).summary.startsWith(QStringLiteral("Undo of change")));
        QVERIFY(!history->at(1).undoable && history->at(1).undoneBy == *undone);
    }

    void storesNeedStoresAssignAndOnlyOwnStores()
    {
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        const Session manager = f.staff.signIn(Role::Manager);
        f.staff.assign(manager.userId, f.otherStore);
        const qint64 third = f.staff.addStore(QStringLiteral("Third"));
        const qint64 cara = f.staff.addUser(Role::Cashier, QStringLiteral("Cara"));
        QVERIFY(refusedChange(
            f, ErrorCode::PermissionDenied,
            [&] {
                return f.service.assignStores(manager, cara, {f.staff.storeId, f.otherStore});
            },
            QStringLiteral("assign staff to stores")));
        QVERIFY(f.service.setRoleOverride(owner, f.staff.storeId, Role::Manager,
                                          Permission::StoresAssign, OverrideState::Allow));
        auto moved = f.service.assignStores(manager, cara, {f.otherStore, f.staff.storeId});
        QVERIFY2(moved, moved ? "" : qPrintable(moved.error().message));
        ChangeRow c = f.change(*moved);
        QCOMPARE(c.before.value(QStringLiteral("stores")).toArray(), QJsonArray{f.staff.storeId});
        QCOMPARE(c.after.value(QStringLiteral("stores")).toArray(),
                 (QJsonArray{f.staff.storeId, f.otherStore}));
        QVERIFY(refusedChange(
            f, ErrorCode::PermissionDenied,
            [&] {
                return f.service.assignStores(manager, cara, {f.staff.storeId, third});
            },
            QStringLiteral("stores you work in")));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              [&] { return f.service.assignStores(manager, cara, {}); }));
        QVERIFY(f.service.undo(manager, *moved));
        QCOMPARE(
            f.column("SELECT group_concat(store_id) FROM user_stores WHERE user_id = ?1", cara),
            QString::number(f.staff.storeId));
    }

    void discountLimitUpToOwn()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager); // 100000 ppm = 10 %
        const qint64 cara = f.staff.addUser(Role::Cashier, QStringLiteral("Cara"));
        auto set = f.service.setDiscountLimit(manager, cara, 50000);
        QVERIFY(set);
        QCOMPARE(f.change(*set).before, obj(R"({"discount_limit_ppm":100000})"));
        QCOMPARE(f.change(*set).after, obj(R"({"discount_limit_ppm":50000})"));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return f.service.setDiscountLimit(manager, cara, 150000); }));
        QVERIFY(refusedChange(f, ErrorCode::InvalidInput,
                              [&] { return f.service.setDiscountLimit(manager, cara, -1); }));
        QVERIFY(f.service.undo(manager, *set));
        QCOMPARE(f.column("SELECT discount_limit_ppm FROM users WHERE id = ?1", cara),
                 QStringLiteral("100000"));
    }

    void roleOverridesByOwnersOnly()
    {
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        const Session manager = f.staff.signIn(Role::Manager);
        const Session cashier = f.staff.signIn(Role::Cashier);
        QVERIFY(!f.access.require(cashier, Permission::DrawerNoSale));
        auto allow = f.service.setRoleOverride(owner, f.staff.storeId, Role::Cashier,
                                               Permission::DrawerNoSale, OverrideState::Allow);
        QVERIFY(allow);
        QVERIFY(f.access.require(cashier, Permission::DrawerNoSale));
        const ChangeRow c = f.change(*allow);
        QCOMPARE(c.kind, QStringLiteral("role_override"));
        QCOMPARE(c.target, qint64(0));
        QCOMPARE(c.store, f.staff.storeId);
        QCOMPARE(c.before,
                 obj(R"({"role":"cashier","permission":"drawer.no_sale","state":"inherit"})"));
        QCOMPARE(c.after,
                 obj(R"({"role":"cashier","permission":"drawer.no_sale","state":"allow"})"));
        auto overrides = f.service.roleOverrides(owner, f.staff.storeId);
        QVERIFY(overrides && overrides->size() == 1 && overrides->first().allowed);

        QVERIFY(refusedChange(
            f, ErrorCode::InvalidInput,
            [&] {
                return f.service.setRoleOverride(owner, f.staff.storeId, Role::Owner,
                                                 Permission::SaleVoid, OverrideState::Deny);
            },
            QStringLiteral("owner role")));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied, [&] {
            return f.service.setRoleOverride(manager, f.staff.storeId, Role::Cashier,
                                             Permission::SaleVoid, OverrideState::Allow);
        }));
        QVERIFY(refusedChange(f, ErrorCode::PermissionDenied,
                              [&] { return f.service.undo(manager, *allow); }));
        QVERIFY(refusedChange(f, ErrorCode::Conflict, [&] {
            return f.service.setRoleOverride(owner, f.staff.storeId, Role::Cashier,
                                             Permission::DrawerNoSale, OverrideState::Allow);
        }));
        auto undone = f.service.undo(owner, *allow);
        QVERIFY(undone);
        QVERIFY(!f.access.require(cashier, Permission::DrawerNoSale));
        QCOMPARE(f.db().scalar("SELECT COUNT(*) FROM role_overrides").value(), qint64(0));
        auto history = f.service.overrideHistory(owner, f.staff.storeId);
        QVERIFY(history && history->size() == 2);
    }

    void historyOnlyForVisibleStaff()
    {
        Fixture f;
        const Session manager = f.staff.signIn(Role::Manager);
        const qint64 there = f.staff.addUser(Role::Cashier, QStringLiteral("There"));
        QVERIFY(f.db().exec("DELETE FROM user_stores WHERE user_id = (SELECT MAX(id) FROM users)"));
        f.staff.assign(there, f.otherStore);
        QCOMPARE(f.service.history(manager, there).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(f.service.history(f.staff.signIn(Role::Cashier), there).error().code,
                 ErrorCode::PermissionDenied);
    }

    // No PIN, password, hash or TOTP secret in any access_changes row or log line.
    void noSecretInChangesOrLogs()
    {
        static QStringList logged;
        QLoggingCategory::setFilterRules(QStringLiteral("pos.*=true"));
        auto previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& m) { logged.append(m); });
        Fixture f;
        const Session owner = f.staff.signIn(Role::Owner);
        const Session manager = f.staff.signIn(Role::Manager);
        NewStaff n = f.cashier();
        n.password = secret(NewPassword);
        auto id = f.service.create(manager, n);
        QVERIFY(id);
        QVERIFY(f.service.resetPin(manager, *id, secret(QStringLiteral("8642"))));
        QVERIFY(f.service.resetPassword(owner, *id, secret(QStringLiteral("another long one"))));
        auto role = f.service.changeRole(manager, *id, Role::Auditor);
        QVERIFY(role);
        QVERIFY(f.service.undo(manager, *role));
        qInstallMessageHandler(previous);

        auto q = f.db().query("SELECT before_json || after_json FROM access_changes");
        QStringList rows;
        QVERIFY(q->forEach([&] { rows.append(q->text(0)); }));
        rows += logged;
        QVERIFY(rows.size() >= 6);
        for (const QString& row : std::as_const(rows))
            for (const QString& s :
                 {NewPin, QStringLiteral("8642"), NewPassword, QStringLiteral("another long one"),
                  QStringLiteral("scrypt"), QStringLiteral("hash")})
                QVERIFY2(!row.contains(s), qPrintable(row));
    }
};

QTEST_GUILESS_MAIN(TestStaffService)
#include "tst_staffservice.moc"
