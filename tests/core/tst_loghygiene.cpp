// Nothing secret or personal reaches a log line or an error message: every message Qt logs while
// a store is created, a customer is added, found and refused, and a card sale is declined and
// then completed is captured, together with every error message core returned, and searched for
// the store key (raw and hex), the customer's name, phone number, e-mail and notes.
#include "TestStaff.h"
#include "TestStore.h"

#include "customers/CustomerService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace pos;

namespace {

QMutex g_mutex;
QStringList g_log;

void capture(QtMsgType, const QMessageLogContext& ctx, const QString& msg)
{
    QMutexLocker lock(&g_mutex);
    g_log << QString::fromUtf8(ctx.category ? ctx.category : "") + u' ' + msg;
}

} // namespace

class TestLogHygiene : public QObject {
    Q_OBJECT
private slots:
    void noSecretInLogsOrErrors();
};

void TestLogHygiene::noSecretInLogsOrErrors()
{
    // Everything on, so that a debug line cannot hide a leak.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\n*.info=true"));
    const auto previous = qInstallMessageHandler(capture);
    QStringList errors;
    const auto note = [&](const auto& result) {
        if (!result)
            errors << result.error().message;
    };

    test::TestStore store;
    AccessControl access(store.db());
    test::TestStaff staff(store.db(), store.keys());
    const Session ann = staff.signIn(Role::Cashier, QStringLiteral("Ann"));
    const Session auditor = staff.signIn(Role::Auditor);
    const Customer c{0,
                     {},
                     QStringLiteral("Wilhelmina Quartermaine"),
                     QStringLiteral("+49 151 7359 2864"),
                     QStringLiteral("wilhelmina.q@example.org"),
                     QStringLiteral("allergic to hazelnuts")};
    ManualClock clock(QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC));
    SequentialIdSource ids;
    CustomerService customers(store.db(), access, clock, ids);
    auto id = customers.add(ann, c);
    QVERIFY(id);
    note(customers.find(ann, *id));
    note(customers.search(ann, QStringLiteral("Wilhel")));
    note(customers.search(ann, QStringLiteral("7359")));
    Customer bad = c;
    bad.email = QStringLiteral("wilhelmina.q@@example..org");
    note(customers.add(ann, bad)); // refused: the message must not repeat the address
    bad = c;
    bad.name.clear();
    note(customers.add(ann, bad));
    // Refused by role (RBAC-3: auditors see no customer details): the refusal repeats nothing.
    note(customers.search(auditor, QStringLiteral("Wilhel")));
    note(customers.add(auditor, c));
    QVERIFY(errors.size() >= 4);

    const QString reg = QStringLiteral("00000000-0000-4000-8000-0000000000aa");
    ShiftService shifts(store.db(), access, clock, ids, reg, QStringLiteral("EUR"));
    QVERIFY(shifts.open(ann, 5000));
    const TaxClass tax = store.addTaxClass(QStringLiteral("STD"), 190000, true);
    Cart cart(QStringLiteral("EUR"), ids.newId());
    QVERIFY(
        cart.addProduct(store.addProduct(QStringLiteral("T1"), QStringLiteral("Tea"), 450, tax)));
    cart.setCustomerId(*id);
    SimulatedProcessor processor;
    SaleService sales(store.db(), access, clock, ids, processor, reg);
    processor.declineNext(QStringLiteral("insufficient funds"));
    note(sales.complete(ann, cart, {{TenderKind::Card, 450, 450}}));
    QVERIFY(sales.complete(ann, cart, {{TenderKind::Card, 450, 450}}));

    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    auto key = store.keys().read(StoreFile::keyNameFor(store.path()));
    QVERIFY(key);
    const QString keyHex = QString::fromLatin1(key->toHex().toByteArrayForApi());
    const QString keyRaw = QString::fromLatin1(key->toByteArrayForApi());
    const QString pepperHex = QString::fromLatin1(staff.pepper().toHex().toByteArrayForApi());
    const QString all = g_log.join(u'\n') + u'\n' + errors.join(u'\n');
    QVERIFY2(!g_log.isEmpty(), "nothing was logged: the capture does not work");
    QVERIFY(all.contains(QStringLiteral("insufficient funds"))); // the capture sees real messages
    QVERIFY(all.contains(QStringLiteral("may not")));            // and the refusals by role
    for (const QString& secret :
         {keyHex, keyHex.toUpper(), keyRaw, pepperHex, c.name, c.phone, QStringLiteral("7359 2864"),
          c.email, bad.email, c.notes, QStringLiteral("Quartermaine")})
        QVERIFY2(!all.contains(secret), qPrintable(QStringLiteral("leaked: ") + secret.left(4)));
}

QTEST_GUILESS_MAIN(TestLogHygiene)
#include "tst_loghygiene.moc"
