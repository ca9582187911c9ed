#pragma once

// RBAC-2 tests as a table: "call this operation as each of the four roles and assert that it is
// allowed or refused", plus a row with an ended session (refused as Unauthenticated) per
// operation. A refused call must change nothing: the whole store is compared before and after.
//
// Use it in a Qt Test class with a fixture type F of your own that makes a fresh store and gives
//   Database& db();                      the store
//   Session signIn(Role role);           a live session of a new user of that role
//   void endSession(const Session& s);   as TestStaff::endSession
// (tests/core/tst_rbac.cpp has one built on TestStore + TestStaff). Then:
//
//   static const test::RoleTable<Fixture>& table()
//   {
//       using R = Role;
//       static const auto t = test::RoleTable<Fixture>()
//           .add("catalog.findByBarcode", {R::Owner, R::Manager, R::Cashier, R::Auditor},
//                [](Fixture& f, const Session& s) {
//                    return test::asStatus(f.catalog.findByBarcode(s, f.milkCode));
//                })
//           .add("shifts.close", {R::Owner, R::Manager, R::Cashier},
//                [](Fixture& f, const Session& s) { return test::asStatus(f.shifts.close(s, 0)); },
//                [](Fixture& f, const Session&) { f.openShift(); }); // before the snapshot
//       return t;
//   }
//   void roles_data() { table().addRows(); }
//   void roles() { Fixture f; table().verifyRow(f); }
//
// "allowed" means the call succeeds: make the fixture (or the operation's prepare step, which
// runs before the snapshot) set up what the call needs. Rows are named "<operation> as <role>"
// and "<operation> with an ended session". Expected roles are written out, not derived from
// defaultPermissions(), so the table is a second statement of the policy.

#include "Error.h"
#include "staff/Role.h"
#include "staff/Session.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QList>
#include <QMap>
#include <QTest>

#include <functional>

Q_DECLARE_METATYPE(pos::Role)

namespace pos::test {

// Any Result<T> (or Status) as a Status, for operations that return a value.
template <class R> Status asStatus(const R& result)
{
    if (result)
        return {};
    return std::unexpected(result.error());
}

// Every row of every table, hashed per table: what "changed nothing" is checked against.
inline QMap<QString, QByteArray> storeSnapshot(Database& db)
{
    QMap<QString, QByteArray> out;
    QStringList tables;
    {
        auto q = db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        if (!q || !q->forEach([&] { tables << q->text(0); }))
            return {{QStringLiteral("<unreadable>"), {}}};
    }
    for (const QString& table : std::as_const(tables)) {
        QStringList columns;
        {
            const QByteArray pragma = "PRAGMA table_info(\"" + table.toUtf8() + "\")";
            auto q = db.query(pragma.constData());
            if (!q || !q->forEach([&] { columns << u"quote(\"" + q->text(1) + u"\")"; }))
                return {{table, {}}};
        }
        if (columns.isEmpty())
            continue;
        const QByteArray sql = "SELECT " + columns.join(QStringLiteral(" || '|' || ")).toUtf8() +
                               " FROM \"" + table.toUtf8() + '"';
        QStringList rows;
        auto q = db.query(sql.constData());
        if (!q || !q->forEach([&] { rows << q->text(0); }))
            return {{table, {}}};
        rows.sort();
        out.insert(table,
                   QCryptographicHash::hash(rows.join(u'\n').toUtf8(), QCryptographicHash::Sha256));
    }
    return out;
}

template <class Fixture> class RoleTable {
public:
    enum class Expect { Allowed, PermissionDenied, Unauthenticated };
    using Operation = std::function<Status(Fixture&, const Session&)>;
    using Prepare = std::function<void(Fixture&, const Session&)>;

    // allowed: the roles that may run it with the default permissions (no store overrides).
    // prepare (optional) runs with the acting session before the store is snapshotted, for what
    // the operation needs (an open shift, a held sale of the acting user...).
    RoleTable& add(const QString& name, QList<Role> allowed, Operation run, Prepare prepare = {})
    {
        m_ops.insert(name, Entry{std::move(allowed), std::move(run), std::move(prepare)});
        return *this;
    }

    QStringList operations() const { return m_ops.keys(); }

    // For the test's _data(): columns operation (QString), role (Role), ended (bool), expect
    // (int: Expect); for each operation a row per role and one with an ended owner's session.
    void addRows() const
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<Role>("role");
        QTest::addColumn<bool>("ended");
        QTest::addColumn<int>("expect");
        for (auto it = m_ops.cbegin(); it != m_ops.cend(); ++it) {
            for (Role role : allRoles()) {
                const Expect e =
                    it->allowed.contains(role) ? Expect::Allowed : Expect::PermissionDenied;
                QTest::addRow("%s as %s", qPrintable(it.key()), qPrintable(roleName(role)))
                    << it.key() << role << false << int(e);
            }
            QTest::addRow("%s with an ended session", qPrintable(it.key()))
                << it.key() << Role::Owner << true << int(Expect::Unauthenticated);
        }
    }

    // For the test function: runs the current row on a fresh fixture and checks the outcome.
    // Allowed: the call succeeds. Refused: the error code is the expected one, a permission
    // refusal names the role, and the store is exactly as it was.
    void verifyRow(Fixture& f) const
    {
        QFETCH(QString, operation);
        QFETCH(Role, role);
        QFETCH(bool, ended);
        QFETCH(int, expect);
        auto it = m_ops.constFind(operation);
        QVERIFY2(it != m_ops.cend(), qPrintable(u"no operation " + operation));
        const Session session = f.signIn(role);
        if (ended)
            f.endSession(session);
        if (it->prepare)
            it->prepare(f, session);
        if (QTest::currentTestFailed())
            return;
        const auto before = storeSnapshot(f.db());
        const Status result = it->run(f, session);
        switch (Expect(expect)) {
        case Expect::Allowed:
            QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().message));
            return;
        case Expect::PermissionDenied:
            QVERIFY2(!result, "allowed but should be refused");
            QCOMPARE(result.error().code, ErrorCode::PermissionDenied);
            QVERIFY2(result.error().message.contains(roleTitle(role)),
                     qPrintable(result.error().message));
            break;
        case Expect::Unauthenticated:
            QVERIFY2(!result, "allowed with an ended session");
            QCOMPARE(result.error().code, ErrorCode::Unauthenticated);
            break;
        }
        const auto after = storeSnapshot(f.db());
        for (auto t = before.cbegin(); t != before.cend(); ++t)
            QVERIFY2(after.value(t.key()) == t.value(),
                     qPrintable(u"a refused call changed table " + t.key()));
        QCOMPARE(after.keys(), before.keys());
    }

private:
    struct Entry {
        QList<Role> allowed;
        Operation run;
        Prepare prepare;
    };
    QMap<QString, Entry> m_ops;
};

} // namespace pos::test
