// First run (AUTH-1, AUTH-2): the wizard's SetupService writes company, store, register and the
// owner in one transaction, only after everything was checked, then signs the owner in. Every
// refusal leaves the store without a user; once a user exists, set-up is refused.
#include "staff/SetupService.h"

#include "../support/TestStore.h"
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/RegisterSettings.h"

#include <QTest>
#include <QUrlQuery>

using namespace pos;

namespace {

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

SecretBytes copyOf(const SecretBytes& s)
{
    return SecretBytes(s.data(), s.size());
}

const QDateTime Start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
const QString RegisterId = QStringLiteral("0b9d3c55-2f7a-4a8e-9c61-7d2e4f1a8b30");
const QString Password = QStringLiteral("correct horse battery staple");

struct Fixture {
    explicit Fixture(QString registerId = RegisterId)
        : clock(Start), auth(store.db(), store.keys(), QStringLiteral("pin-pepper"), clock, ids,
                             std::move(registerId), cheap()),
          setup(store.db(), auth, clock, ids)
    {}
    static AuthService::Options cheap()
    {
        AuthService::Options o;
        o.hashParams = Scrypt::Params{1u << 10, 8, 1};
        return o;
    }
    SetupRequest request()
    {
        SetupRequest r;
        r.companyName = QStringLiteral("Corner Shop Ltd");
        r.storeName = QStringLiteral("Main Street");
        r.registerName = QStringLiteral("Till 1");
        r.currency = QStringLiteral("EUR");
        r.ownerName = QStringLiteral("Olivia Owner");
        r.ownerCode = QStringLiteral("1001");
        QByteArray pw = Password.toUtf8();
        r.ownerPassword = SecretBytes::takeFrom(pw);
        auto key = SetupService::newTotpSecret();
        r.totpSecret = std::move(*key);
        r.totpCode = *Totp::codeAt(r.totpSecret, clock.nowUtc());
        return r;
    }
    qint64 count(const char* sql) { return *store.db().scalar(sql); }
    // Nothing of the store's staff exists.
    void expectNothingWritten()
    {
        QCOMPARE(count("SELECT count(*) FROM users"), 0);
        QCOMPARE(count("SELECT count(*) FROM companies"), 0);
        QCOMPARE(count("SELECT count(*) FROM stores"), 0);
        QCOMPARE(count("SELECT count(*) FROM registers"), 0);
        QCOMPARE(count("SELECT count(*) FROM sessions"), 0);
        QCOMPARE(*setup.isSetUp(), false);
    }

    test::TestStore store;
    ManualClock clock;
    SequentialIdSource ids;
    AuthService auth;
    SetupService setup;
};

} // namespace

class TestSetupService : public QObject {
    Q_OBJECT

private slots:
    void enrolmentTextAndUri()
    {
        auto key = SetupService::newTotpSecret();
        QVERIFY(key.has_value());
        QCOMPARE(key->size(), std::size_t{20});
        const QString text = SetupService::secretText(*key);
        QCOMPARE(text.size(), 32 + 7); // 32 base32 letters in 8 groups of 4
        QVERIFY(text.contains(u' '));
        auto back = Base32::decode(text.toLatin1());
        QVERIFY(back.has_value());
        QVERIFY(back->equals(*key));

        const QUrl uri(SetupService::provisioningUri(*key, QStringLiteral("Corner Shop"),
                                                     QStringLiteral("1001")));
        QCOMPARE(uri.scheme(), QStringLiteral("otpauth"));
        QCOMPARE(uri.host(), QStringLiteral("totp"));
        const QUrlQuery query(uri);
        QCOMPARE(query.queryItemValue(QStringLiteral("secret")), QString(text).remove(u' '));
        QCOMPARE(query.queryItemValue(QStringLiteral("issuer")), QStringLiteral("Corner Shop"));
    }

    void happyPathSignsTheOwnerIn()
    {
        Fixture f;
        QCOMPARE(*f.setup.isSetUp(), false);
        SetupRequest r = f.request();
        const SecretBytes key = copyOf(r.totpSecret);
        auto session = f.setup.run(r);
        QVERIFY2(session.has_value(), session ? "" : qPrintable(session.error().message));
        QCOMPARE(*f.setup.isSetUp(), true);
        QCOMPARE(session->role, Role::Owner);
        QCOMPARE(session->userName, QStringLiteral("Olivia Owner"));
        QCOMPARE(session->userCode, QStringLiteral("1001"));
        QCOMPARE(session->registerId, RegisterId);
        AccessControl access(f.store.db());
        QVERIFY(access.require(*session, Permission::SettingsManage).has_value());

        auto settings = RegisterSettings::load(f.store.db());
        QVERIFY(settings.has_value());
        QCOMPARE(settings->registerId, RegisterId);
        QCOMPARE(settings->storeName, QStringLiteral("Main Street"));
        QCOMPARE(settings->registerName, QStringLiteral("Till 1"));
        QCOMPARE(settings->currency, QStringLiteral("EUR"));
        QCOMPARE(f.count("SELECT count(*) FROM registers WHERE uuid = "
                         "'0b9d3c55-2f7a-4a8e-9c61-7d2e4f1a8b30'"),
                 1);
        QCOMPARE(f.count("SELECT count(*) FROM user_stores"), 1);
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'sign_in'"), 1);

        // The password is stored only as a scrypt hash; the pepper exists for later PINs.
        auto q = f.store.db().query("SELECT password_hash, pin_hash IS NULL FROM users");
        QVERIFY(*q->next());
        QVERIFY(q->text(0).startsWith(QStringLiteral("$scrypt$ln=10,")));
        QVERIFY(!q->text(0).contains(Password));
        QCOMPARE(q->int64(1), 1);
        QVERIFY(f.store.keys().read(QStringLiteral("pin-pepper")).has_value());

        // The enrolment code was used: the same code again is refused, the next one works.
        auto replay =
            f.auth.signIn(u"1001", secret(Password.toUtf8()), *Totp::codeAt(key, f.clock.nowUtc()));
        QCOMPARE(replay.error().code, ErrorCode::InvalidInput);
        f.clock.advanceSecs(30);
        auto later =
            f.auth.signIn(u"1001", secret(Password.toUtf8()), *Totp::codeAt(key, f.clock.nowUtc()));
        QVERIFY2(later.has_value(), later ? "" : qPrintable(later.error().message));

        // Set up once only.
        auto again = f.setup.run(f.request());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(f.count("SELECT count(*) FROM users"), 1);
        QCOMPARE(f.count("SELECT count(*) FROM companies"), 1);
    }

    // A store from before staff existed keeps its register id, and a sign-in service made
    // without one adopts it.
    void existingStoreKeepsItsRegisterId()
    {
        Fixture f(QString{});
        const RegisterSettings old{QStringLiteral("Old Name"), QStringLiteral("Till A"), RegisterId,
                                   QStringLiteral("GBP")};
        QVERIFY(old.save(f.store.db()).has_value());
        auto defaults = f.setup.defaults();
        QVERIFY(defaults.has_value());
        QCOMPARE(defaults->storeName, QStringLiteral("Old Name"));
        QCOMPARE(defaults->registerName, QStringLiteral("Till A"));
        QCOMPARE(defaults->currency, QStringLiteral("GBP"));
        QVERIFY(defaults->ownerPassword.isEmpty() && defaults->totpSecret.isEmpty());

        auto session = f.setup.run(f.request());
        QVERIFY2(session.has_value(), session ? "" : qPrintable(session.error().message));
        QCOMPARE(session->registerId, RegisterId);
        QCOMPARE(f.auth.registerId(), RegisterId);
        QCOMPARE(RegisterSettings::load(f.store.db())->storeName, QStringLiteral("Main Street"));
        auto tiles = f.auth.tiles();
        QVERIFY(tiles.has_value());
        QCOMPARE(tiles->size(), 1);
    }

    void newStoreWithoutIdGetsOne()
    {
        Fixture f(QString{});
        auto session = f.setup.run(f.request());
        QVERIFY2(session.has_value(), session ? "" : qPrintable(session.error().message));
        QVERIFY(!QUuid::fromString(session->registerId).isNull());
        QCOMPARE(f.auth.registerId(), session->registerId);
        QCOMPARE(RegisterSettings::load(f.store.db())->registerId, session->registerId);
    }

    void refusalsWriteNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expect");
        QTest::newRow("blank company") << "company"
                                       << "  "
                                       << "company needs a name";
        QTest::newRow("blank store") << "store"
                                     << ""
                                     << "store needs a name";
        QTest::newRow("blank register") << "register"
                                        << " "
                                        << "register needs a name";
        QTest::newRow("blank owner") << "owner"
                                     << ""
                                     << "owner needs a name";
        QTest::newRow("long name") << "company" << QString(101, u'x') << "at most 100";
        QTest::newRow("lower-case currency") << "currency"
                                             << "eur"
                                             << "currency code";
        QTest::newRow("no currency") << "currency"
                                     << ""
                                     << "currency code";
        QTest::newRow("one-digit code") << "code"
                                        << "7"
                                        << "2 to 8 digits";
        QTest::newRow("nine-digit code") << "code"
                                         << "123456789"
                                         << "2 to 8 digits";
        QTest::newRow("letters in code") << "code"
                                         << "12a4"
                                         << "2 to 8 digits";
        QTest::newRow("short password") << "password"
                                        << "short pass"
                                        << "at least 12";
        QTest::newRow("no password") << "password"
                                     << ""
                                     << "at least 12";
        QTest::newRow("no totp secret") << "secret"
                                        << ""
                                        << "authenticator app";
        QTest::newRow("wrong totp code") << "totp"
                                         << "000000"
                                         << "sign-in code is not right";
        QTest::newRow("no totp code") << "totp"
                                      << ""
                                      << "sign-in code is not right";
        QTest::newRow("old totp code") << "old-totp"
                                       << ""
                                       << "sign-in code is not right";
    }

    void refusalsWriteNothing()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expect);
        Fixture f;
        SetupRequest r = f.request();
        if (field == u"company")
            r.companyName = value;
        else if (field == u"store")
            r.storeName = value;
        else if (field == u"register")
            r.registerName = value;
        else if (field == u"owner")
            r.ownerName = value;
        else if (field == u"currency")
            r.currency = value;
        else if (field == u"code")
            r.ownerCode = value;
        else if (field == u"password")
            r.ownerPassword = secret(value.toUtf8());
        else if (field == u"secret")
            r.totpSecret = SecretBytes();
        else if (field == u"totp")
            r.totpCode = secret(value.toUtf8());
        else if (field == u"old-totp")
            r.totpCode = *Totp::codeAt(r.totpSecret, f.clock.nowUtc().addSecs(-120));
        if (field == u"totp" && Totp::codeAt(r.totpSecret, f.clock.nowUtc())->equals(r.totpCode))
            QSKIP("the random secret's code happens to be 000000");
        auto s = f.setup.run(r);
        QVERIFY(!s.has_value());
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QVERIFY2(s.error().message.contains(expect), qPrintable(s.error().message));
        QVERIFY(!s.error().message.contains(Password));
        f.expectNothingWritten();
        QVERIFY(RegisterSettings::load(f.store.db()).error().code == ErrorCode::NotFound);
    }

    // A store that already has a user (made some other way) cannot be set up again.
    void conflictWhenAUserExists()
    {
        Fixture f;
        QVERIFY(f.setup.run(f.request()).has_value());
        Fixture g;
        QVERIFY(g.store.db()
                    .exec("INSERT INTO companies (uuid, name, created_at) VALUES ('c', 'C', 'x');"
                          "INSERT INTO users (uuid, company_id, code, name, role, password_hash, "
                          "credentials_at, created_at) VALUES ('u', 1, '9', 'U', 'owner', 'h', "
                          "'x', 'x')")
                    .has_value());
        auto s = g.setup.run(g.request());
        QCOMPARE(s.error().code, ErrorCode::Conflict);
        QCOMPARE(g.count("SELECT count(*) FROM stores"), 0);
    }
};

QTEST_GUILESS_MAIN(TestSetupService)
#include "tst_setupservice.moc"
