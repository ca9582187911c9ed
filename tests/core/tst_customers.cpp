#include "customers/CustomerService.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include "TestStaff.h"
#include "TestStore.h"

#include <QTest>
#include <QTimeZone>

using namespace pos;
using namespace Qt::StringLiterals;

namespace {

QStringList names(const QList<Customer>& customers)
{
    QStringList out;
    for (const Customer& c : customers)
        out << c.name;
    return out;
}

} // namespace

class TestCustomers : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void addAndFind();
    void search_data();
    void search();
    void rejects_data();
    void rejects();
    void unknownId();

private:
    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<AccessControl> m_access;
    Session m_cashier; // customers.view and customers.edit, as at the counter
    std::unique_ptr<ManualClock> m_clock;
    SequentialIdSource m_ids;
    std::unique_ptr<CustomerService> m_customers;
};

void TestCustomers::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_clock =
        std::make_unique<ManualClock>(QDateTime(QDate(2024, 5, 1), QTime(9, 30), QTimeZone::utc()));
    m_access = std::make_unique<AccessControl>(m_store->db());
    m_cashier = test::TestStaff(m_store->db(), m_store->keys()).signIn(Role::Cashier);
    m_customers = std::make_unique<CustomerService>(m_store->db(), *m_access, *m_clock, m_ids);
    const QList<Customer> people = {
        {0, {}, u"Anna Schmidt"_s, u"+49 170 1234567"_s, u"anna@example.com"_s, u"VIP"_s},
        {0, {}, u"Annabel Lee"_s, u"(030) 555-0101"_s, {}, {}},
        {0, {}, u"Bob Annan"_s, {}, u"bob@example.org"_s, {}},
        {0, {}, u"Carla 100% Real_Name"_s, u"0171 9876543"_s, {}, {}},
    };
    for (const Customer& c : people) {
        auto id = m_customers->add(m_cashier, c);
        QVERIFY2(id.has_value(), id ? "" : qPrintable(id.error().message));
    }
}

void TestCustomers::cleanup()
{
    m_customers.reset();
    m_access.reset();
    m_store.reset();
}

void TestCustomers::addAndFind()
{
    QCOMPARE(*m_customers->count(m_cashier), qint64(4));
    auto c = m_customers->find(m_cashier, 1);
    QVERIFY(c.has_value());
    QCOMPARE(c->name, u"Anna Schmidt"_s);
    QCOMPARE(c->phone, u"+49 170 1234567"_s);
    QCOMPARE(c->email, u"anna@example.com"_s);
    QCOMPARE(c->notes, u"VIP"_s);
    QCOMPARE(c->uuid, u"00000000-0000-4000-8000-000000000001"_s);
    auto created = m_store->db().query("SELECT created_at FROM customers WHERE id = 1");
    QVERIFY(created->next().value_or(false));
    QCOMPARE(created->text(0), u"2024-05-01T09:30:00.000Z"_s);
    auto noContact = m_customers->find(m_cashier, 2);
    QVERIFY(noContact.has_value());
    QVERIFY(noContact->email.isEmpty());
}

void TestCustomers::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("name prefix") << u"ann"_s
                                 << QStringList{u"Anna Schmidt"_s, u"Annabel Lee"_s,
                                                u"Bob Annan"_s};
    QTest::newRow("case") << u"ANNAB "_s << QStringList{u"Annabel Lee"_s};
    QTest::newRow("last name") << u"schm"_s << QStringList{u"Anna Schmidt"_s};
    QTest::newRow("not inside a word") << u"chmidt"_s << QStringList{};
    QTest::newRow("phone digits") << u"1701234"_s << QStringList{u"Anna Schmidt"_s};
    QTest::newRow("phone typed with spaces") << u"170 123"_s << QStringList{u"Anna Schmidt"_s};
    QTest::newRow("phone with separators") << u"555-01"_s << QStringList{u"Annabel Lee"_s};
    QTest::newRow("too few digits") << u"17"_s << QStringList{};
    QTest::newRow("percent literal") << u"carla 100%"_s << QStringList{u"Carla 100% Real_Name"_s};
    QTest::newRow("percent is not a wildcard") << u"%"_s << QStringList{};
    QTest::newRow("underscore is not a wildcard") << u"_"_s << QStringList{};
    QTest::newRow("blank") << u"  "_s << QStringList{};
    QTest::newRow("sql") << u"' OR 1=1 --"_s << QStringList{};
}

void TestCustomers::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    auto r = m_customers->search(m_cashier, text);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QCOMPARE(names(*r), expected);
}

void TestCustomers::rejects_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no name") << u"  "_s << QString() << QString() << u"name is empty"_s;
    QTest::newRow("control in name") << u"Eve\x1b[31m"_s << QString() << QString() << u"name"_s;
    QTest::newRow("phone letters")
        << u"Eve Secret"_s << u"0170-CALLME"_s << QString() << u"phone number is not valid"_s;
    QTest::newRow("phone too short")
        << u"Eve Secret"_s << u"123"_s << QString() << u"phone number is not valid"_s;
    QTest::newRow("email no at") << u"Eve Secret"_s << QString() << u"eve.example.com"_s
                                 << u"e-mail address is not valid"_s;
    QTest::newRow("email no domain dot")
        << u"Eve Secret"_s << QString() << u"eve@localhost"_s << u"e-mail address is not valid"_s;
    QTest::newRow("email space") << u"Eve Secret"_s << QString() << u"eve @example.com"_s
                                 << u"e-mail address is not valid"_s;
}

void TestCustomers::rejects()
{
    QFETCH(QString, name);
    QFETCH(QString, phone);
    QFETCH(QString, email);
    QFETCH(QString, messagePart);
    auto r = m_customers->add(m_cashier, {0, {}, name, phone, email, {}});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    // Personal data never appears in a message.
    if (!name.trimmed().isEmpty())
        QVERIFY2(!r.error().message.contains(u"Eve"_s), qPrintable(r.error().message));
    if (!phone.isEmpty())
        QVERIFY(!r.error().message.contains(phone));
    if (!email.isEmpty())
        QVERIFY(!r.error().message.contains(email));
    QCOMPARE(*m_customers->count(m_cashier), qint64(4));
}

void TestCustomers::unknownId()
{
    auto c = m_customers->find(m_cashier, 12);
    QVERIFY(!c);
    QCOMPARE(c.error().code, ErrorCode::NotFound);
    QCOMPARE(c.error().message, u"there is no customer 12"_s);
}

QTEST_GUILESS_MAIN(TestCustomers)
#include "tst_customers.moc"
