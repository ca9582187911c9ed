// PRIV-3 / AUD-1: viewing and searching customers writes signed audit rows that name the
// customers by id only: never a name, phone number, e-mail address or note, and never the
// search text (it may be a phone number). A search that shows nobody, and a refused view, write
// nothing.
#include "AuditTrailFixture.h"

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

        // ---- customers (PRIV-3) ----
        const auto addAnna = [](Fixture& f) {
            auto id = f.customers.add(f.cashier, Customer{0,
                                                          {},
                                                          QStringLiteral("Anna Example"),
                                                          QStringLiteral("+49 30 1234567"),
                                                          QStringLiteral("anna@example.org"),
                                                          {}});
            QVERIFY(id);
            f.id = *id;
        };
        t.insert(QStringLiteral("customer.viewed"),
                 {addAnna, [](Fixture& f) { return done(f.customers.find(f.cashier, f.id)); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::CustomerViewed,
                               f.cashier.userId,
                               0,
                               audit::entity("customer", f.id),
                               {},
                               {}}};
                  }});
        t.insert(QStringLiteral("customer.searched"),
                 {addAnna, [](Fixture& f) { return done(f.customers.search(f.cashier, u"Anna")); },
                  [](Fixture& f) -> QList<Expected> {
                      return {{A::CustomerSearched,
                               f.cashier.userId,
                               0,
                               QStringLiteral("customer:search"),
                               {},
                               {{QStringLiteral("by"), QStringLiteral("name")},
                                {QStringLiteral("customer_ids"), QJsonArray{f.id}}}}};
                  }});
        t.insert(QStringLiteral("customer search that finds nobody writes nothing"),
                 {addAnna, [](Fixture& f) { return done(f.customers.search(f.cashier, u"Zoe")); },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});
        t.insert(QStringLiteral("customer view refused for an auditor"),
                 {addAnna,
                  [](Fixture& f) {
                      const Session auditor =
                          f.h.signIn(Role::Auditor, QStringLiteral("Ada"), QStringLiteral("41"));
                      return refusedWith(f.customers.find(auditor, f.id),
                                         ErrorCode::PermissionDenied);
                  },
                  [](Fixture&) -> QList<Expected> {
                      return {};
                  }});

        return t;
    }();
    return table;
}

} // namespace

class TestAuditCustomers : public QObject {
    Q_OBJECT

private slots:
    void actions_data() { addCaseRows(cases()); }
    void actions() { verifyCase(cases()); }
    void customerRowsHoldNoContactDetail();
};

// PRIV-3: a view or search of a customer is recorded by id only.
void TestAuditCustomers::customerRowsHoldNoContactDetail()
{
    Fixture f;
    auto id = f.customers.add(f.cashier, Customer{0,
                                                  {},
                                                  QStringLiteral("Anna Example"),
                                                  QStringLiteral("+49 30 1234567"),
                                                  QStringLiteral("anna@example.org"),
                                                  QStringLiteral("likes oat milk")});
    QVERIFY(id);
    auto found = f.customers.find(f.cashier, *id);
    QVERIFY(found);
    QCOMPARE(found->phone, QStringLiteral("+49 30 1234567")); // the call did show the details
    auto byPhone = f.customers.search(f.cashier, u"1234567");
    QVERIFY(byPhone && byPhone->size() == 1);
    auto byName = f.customers.search(f.cashier, u"Anna");
    QVERIFY(byName && byName->size() == 1);
    const QString all = everything(f.db());
    QCOMPARE(all.count(A::CustomerViewed), 1);
    QCOMPARE(all.count(A::CustomerSearched), 2);
    QVERIFY(all.contains(u"\"by\":\"phone\""));
    for (const QString& detail :
         {QStringLiteral("Anna"), QStringLiteral("Example"), QStringLiteral("1234567"),
          QStringLiteral("+49"), QStringLiteral("anna@"), QStringLiteral("example.org"),
          QStringLiteral("oat milk")})
        QVERIFY2(!all.contains(detail), qPrintable(detail));
}

QTEST_GUILESS_MAIN(TestAuditCustomers)
#include "tst_auditcustomers.moc"
