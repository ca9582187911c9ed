// RegisterSettings: NotFound before init, save/load round trip (also across a reopen), invalid
// settings refused with nothing written, incomplete settings reported as Corrupt.
#include "TestStore.h"
#include "store/RegisterSettings.h"

#include <QTest>

using namespace pos;

namespace {

RegisterSettings sample()
{
    return RegisterSettings{QStringLiteral("Corner Shop"), QStringLiteral("Till 2"),
                            QStringLiteral("7b0c2f9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"),
                            QStringLiteral("EUR")};
}

} // namespace

Q_DECLARE_METATYPE(pos::RegisterSettings)

class TestRegisterSettings : public QObject {
    Q_OBJECT
private slots:
    void notFoundBeforeInit();
    void roundTrip();
    void invalidRefused_data();
    void invalidRefused();
    void incompleteIsCorrupt();
};

void TestRegisterSettings::notFoundBeforeInit()
{
    test::TestStore store;
    auto s = RegisterSettings::load(store.db());
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::NotFound);
}

void TestRegisterSettings::roundTrip()
{
    test::TestStore store;
    QVERIFY(sample().save(store.db()));
    auto s = RegisterSettings::load(store.db());
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->storeName, QStringLiteral("Corner Shop"));
    QCOMPARE(s->registerName, QStringLiteral("Till 2"));
    QCOMPARE(s->registerId, QStringLiteral("7b0c2f9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"));
    QCOMPARE(s->currency, QStringLiteral("EUR"));
    QCOMPARE(store.db().scalar("SELECT count(*) FROM settings").value(), 4);

    RegisterSettings changed = sample();
    changed.registerName = QStringLiteral("Till 3");
    changed.currency = QStringLiteral("USD");
    QVERIFY(changed.save(store.db()));
    QCOMPARE(store.db().scalar("SELECT count(*) FROM settings").value(), 4); // replaced
    store.close();
    QVERIFY(store.reopen());
    auto again = RegisterSettings::load(store.db());
    QVERIFY(again);
    QCOMPARE(again->registerName, QStringLiteral("Till 3"));
    QCOMPARE(again->currency, QStringLiteral("USD"));
    QCOMPARE(again->storeName, QStringLiteral("Corner Shop"));
}

void TestRegisterSettings::invalidRefused_data()
{
    QTest::addColumn<RegisterSettings>("settings");
    RegisterSettings s = sample();
    s.storeName = QStringLiteral("  ");
    QTest::newRow("blank store name") << s;
    s = sample();
    s.registerName.clear();
    QTest::newRow("no register name") << s;
    s = sample();
    s.registerId = QStringLiteral("till-2");
    QTest::newRow("register id not a UUID") << s;
    s = sample();
    s.currency = QStringLiteral("eur");
    QTest::newRow("currency lower case") << s;
    s = sample();
    s.currency = QStringLiteral("EURO");
    QTest::newRow("currency four letters") << s;
}

void TestRegisterSettings::invalidRefused()
{
    QFETCH(RegisterSettings, settings);
    test::TestStore store;
    auto r = settings.save(store.db());
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QCOMPARE(store.db().scalar("SELECT count(*) FROM settings").value(), 0);
    QCOMPARE(RegisterSettings::load(store.db()).error().code, ErrorCode::NotFound);
}

void TestRegisterSettings::incompleteIsCorrupt()
{
    test::TestStore store;
    QVERIFY(sample().save(store.db()));
    QVERIFY(store.db().exec("DELETE FROM settings WHERE key = 'currency'"));
    auto s = RegisterSettings::load(store.db());
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(TestRegisterSettings)
#include "tst_registersettings.moc"
