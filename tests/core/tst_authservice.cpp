// AuthService (AUTH-1..5) driven through its API as the lock screen and the approval dialog use
// it: PIN, password and TOTP sign-in, single-use codes, lockout with back-off on a manual clock
// (persisted in the store), the per-register rate limit, unknown codes that fail like wrong
// secrets, auth_events without secrets, password changes that end other sessions, the pepper.
#include "staff/AuthService.h"

#include "../support/TestStaff.h"
#include "../support/TestStore.h"
#include "auth/CredentialHash.h"
#include "auth/Totp.h"
#include "staff/AccessControl.h"

#include <QElapsedTimer>
#include <QTest>

using namespace pos;
using test::TestStaff;

namespace {

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

const QDateTime Start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
const QByteArray TotpKey = QByteArrayLiteral("12345678901234567890");

class FailingKeyStore final : public KeyStore {
public:
    Result<SecretBytes> read(const QString&) override { return unavailable(); }
    Status write(const QString&, const SecretBytes&) override { return unavailable(); }
    Status remove(const QString&) override { return unavailable(); }
    QString describe() const override { return QStringLiteral("a keychain that is not there"); }

private:
    static std::unexpected<Error> unavailable()
    {
        return fail(ErrorCode::KeychainUnavailable, QStringLiteral("no keychain answered"));
    }
};

// One register with staff, a manual clock and an AuthService with cheap hashes.
struct Fixture {
    explicit Fixture(AuthService::Options options = cheap())
        : staff(store.db(), store.keys()), clock(Start),
          auth(std::make_unique<AuthService>(store.db(), store.keys(), TestStaff::pepperKeyName(),
                                             clock, ids, staff.registerId(), options))
    {}
    static AuthService::Options cheap()
    {
        AuthService::Options o;
        o.hashParams = TestStaff::CheapHash;
        return o;
    }
    SecretBytes totpNow() const { return *Totp::codeAt(secret(TotpKey), clock.nowUtc()); }
    qint64 count(const char* sql) { return *store.db().scalar(sql); }
    QString lockoutOf(qint64 userId)
    {
        auto q = store.db().query("SELECT lockout FROM users WHERE id = ?1");
        q->bind(1, userId);
        (void)q->next();
        return q->text(0);
    }

    test::TestStore store;
    TestStaff staff;
    ManualClock clock;
    SequentialIdSource ids;
    std::unique_ptr<AuthService> auth;
};

void unassign(Fixture& f, qint64 userId)
{
    auto q = f.store.db().query("DELETE FROM user_stores WHERE user_id = ?1");
    q->bind(1, userId);
    QVERIFY(q->run().has_value());
}

QString pinHashOf(Fixture& f, const char* code)
{
    auto q = f.store.db().query("SELECT pin_hash FROM users WHERE code = ?1");
    q->bind(1, QString::fromLatin1(code));
    return *q->next() ? q->text(0) : QString();
}

} // namespace

class TestAuthService : public QObject {
    Q_OBJECT

private slots:
    void cashierSignsInWithPin()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Carla"), QStringLiteral("201"),
                        QStringLiteral("7391"));
        auto s = f.auth->signIn(u"201", secret("7391"));
        QVERIFY2(s.has_value(), s ? "" : qPrintable(s.error().message));
        QCOMPARE(s->userName, QStringLiteral("Carla"));
        QCOMPARE(s->role, Role::Cashier);
        QCOMPARE(s->storeId, f.staff.storeId);
        QCOMPARE(s->registerId, f.staff.registerId());
        QCOMPARE(s->startedAt, Start);
        AccessControl access(f.store.db());
        QVERIFY(access.require(*s, Permission::SaleCreate).has_value());
        QCOMPARE(f.count("SELECT count(*) FROM sessions WHERE ended_at IS NULL AND started_at = "
                         "'2026-03-02T09:00:00.000Z'"),
                 1);
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'sign_in' AND "
                         "purpose = 'session'"),
                 1);
        // A password is not a cashier's sign-in, and the message speaks of what was typed.
        auto pw = f.auth->signIn(u"201", secret("correct horse battery"));
        QCOMPARE(pw.error().message, QStringLiteral("The user code or password is not right."));
    }

    void managerSignsInWithPasswordNotPin()
    {
        Fixture f;
        f.staff.addUser(Role::Manager, QStringLiteral("Mona"), QStringLiteral("301"));
        QVERIFY(f.auth->signIn(u"301", secret("correct horse battery")).has_value());
        auto pin = f.auth->signIn(u"301", secret("2468")); // her PIN is for approvals only
        QCOMPARE(pin.error().code, ErrorCode::InvalidInput);
        QCOMPARE(pin.error().message, QStringLiteral("The user code or PIN is not right."));
    }

    // AUTH-2: the owner gives a TOTP code; each code is accepted once.
    void ownerNeedsTotpAcceptedOnce()
    {
        Fixture f;
        f.staff.addUser(Role::Owner, QStringLiteral("Olga"), QStringLiteral("401"), {},
                        QStringLiteral("correct horse battery"), TotpKey);
        auto none = f.auth->signIn(u"401", secret("correct horse battery"));
        QCOMPARE(none.error().code, ErrorCode::InvalidInput);
        QVERIFY(none.error().message.contains(QStringLiteral("authenticator")));

        auto ok = f.auth->signIn(u"401", secret("correct horse battery"), f.totpNow());
        QVERIFY2(ok.has_value(), ok ? "" : qPrintable(ok.error().message));
        QCOMPARE(f.count("SELECT totp_last_step FROM users WHERE code = '401'"),
                 Start.toSecsSinceEpoch() / 30);

        f.clock.advanceSecs(5); // the same code, still on the phone's screen
        auto replay = f.auth->signIn(u"401", secret("correct horse battery"), f.totpNow());
        QCOMPARE(replay.error().code, ErrorCode::InvalidInput);
        QCOMPARE(replay.error().message,
                 QStringLiteral("The user code, password or sign-in code is not right."));
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'failure' AND "
                         "detail = 'sign-in code used before'"),
                 1);
        auto wrong = f.auth->signIn(u"401", secret("correct horse battery"), secret("000000"));
        QCOMPARE(wrong.error().message, replay.error().message);

        f.clock.advanceSecs(30);
        QVERIFY(f.auth->signIn(u"401", secret("correct horse battery"), f.totpNow()).has_value());
    }

    void ownerWithoutEnrolmentCannotSignIn()
    {
        Fixture f;
        f.staff.addUser(Role::Owner, QStringLiteral("Otto"), QStringLiteral("402"));
        auto s = f.auth->signIn(u"402", secret("correct horse battery"), secret("123456"));
        QCOMPARE(s.error().code, ErrorCode::Unauthenticated);
    }

    // AUTH-3: five wrong PINs lock for 30 s, the next for 1 min, ...; a correct PIN during the
    // lock is refused without being verified; a success resets the count.
    void wrongPinsLockWithGrowingBackOff()
    {
        Fixture f;
        const qint64 id = f.staff.addUser(Role::Cashier, QStringLiteral("Carl"),
                                          QStringLiteral("202"), QStringLiteral("7391"));
        for (int i = 0; i < 4; ++i) {
            auto s = f.auth->signIn(u"202", secret("1111"));
            QCOMPARE(s.error().code, ErrorCode::InvalidInput);
            QCOMPARE(s.error().message, QStringLiteral("The user code or PIN is not right."));
        }
        auto fifth = f.auth->signIn(u"202", secret("1111"));
        QCOMPARE(fifth.error().code, ErrorCode::Locked);
        QVERIFY(fifth.error().message.contains(QStringLiteral("30 seconds")));
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'locked'"), 1);

        const auto compares = CredentialHash::comparisonCount();
        auto during = f.auth->signIn(u"202", secret("7391"));
        QCOMPARE(during.error().code, ErrorCode::Locked);
        QCOMPARE(CredentialHash::comparisonCount(), compares); // not verified at all
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'refused' AND "
                         "detail = 'locked'"),
                 1);

        f.clock.advanceSecs(30);
        auto sixth = f.auth->signIn(u"202", secret("1111"));
        QCOMPARE(sixth.error().code, ErrorCode::Locked);
        QVERIFY(sixth.error().message.contains(QStringLiteral("1 minute")));
        f.clock.advanceSecs(59);
        QCOMPARE(f.auth->signIn(u"202", secret("7391")).error().code, ErrorCode::Locked);
        f.clock.advanceSecs(1);
        f.clock.advanceSecs(1);
        QVERIFY(f.auth->signIn(u"202", secret("7391")).has_value());
        QVERIFY(f.lockoutOf(id).contains(QStringLiteral("\"failures\":0")));
        // Reset: one wrong PIN is just wrong again.
        QCOMPARE(f.auth->signIn(u"202", secret("1111")).error().code, ErrorCode::InvalidInput);
    }

    void lockSurvivesRestart()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Cleo"), QStringLiteral("203"),
                        QStringLiteral("7391"));
        for (int i = 0; i < 5; ++i)
            (void)f.auth->signIn(u"203", secret("1111"));
        f.auth.reset();
        f.store.close();
        QVERIFY(f.store.reopen());
        AuthService again(f.store.db(), f.store.keys(), TestStaff::pepperKeyName(), f.clock, f.ids,
                          f.staff.registerId(), Fixture::cheap());
        auto s = again.signIn(u"203", secret("7391"));
        QCOMPARE(s.error().code, ErrorCode::Locked);
        f.clock.advanceSecs(31);
        QVERIFY(again.signIn(u"203", secret("7391")).has_value());
    }

    // An unknown code costs a verify, reads like a wrong PIN and locks like a real account.
    void unknownCodeFailsLikeAWrongPin()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Cora"), QStringLiteral("204"),
                        QStringLiteral("7391"));
        auto wrong = f.auth->signIn(u"204", secret("1111"));
        const auto before = CredentialHash::comparisonCount();
        auto unknown = f.auth->signIn(u"9753", secret("1111"));
        QCOMPARE(CredentialHash::comparisonCount(), before + 1); // a dummy verify ran
        QCOMPARE(unknown.error().code, wrong.error().code);
        QCOMPARE(unknown.error().message, wrong.error().message);
        for (int i = 0; i < 3; ++i)
            (void)f.auth->signIn(u"9753", secret("1111"));
        auto fifth = f.auth->signIn(u"9753", secret("1111"));
        QCOMPARE(fifth.error().code, ErrorCode::Locked);
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE user_id IS NULL AND "
                         "kind = 'failure' AND detail = 'unknown user code'"),
                 5);
    }

    // AUTH-5: one sliding window for all sign-ins on the register, whoever tries.
    void rateLimitAcrossUsers()
    {
        AuthService::Options o = Fixture::cheap();
        o.signInLimit.maxEvents = 5;
        Fixture f(o);
        for (int i = 0; i < 5; ++i) {
            const QString code = QString::number(500 + i);
            f.staff.addUser(Role::Cashier, QStringLiteral("C%1").arg(i), code,
                            QStringLiteral("7391"));
            QCOMPARE(f.auth->signIn(code, secret("1111")).error().code, ErrorCode::InvalidInput);
        }
        f.staff.addUser(Role::Cashier, QStringLiteral("Fresh"), QStringLiteral("599"),
                        QStringLiteral("7391"));
        const auto compares = CredentialHash::comparisonCount();
        auto limited = f.auth->signIn(u"599", secret("7391"));
        QCOMPARE(limited.error().code, ErrorCode::Locked);
        QVERIFY(limited.error().message.contains(QStringLiteral("Too many sign-in attempts")));
        QCOMPARE(CredentialHash::comparisonCount(), compares);
        f.clock.advanceSecs(60);
        QVERIFY(f.auth->signIn(u"599", secret("7391")).has_value());
    }

    void inactiveOrOtherStoreUserIsRefused()
    {
        Fixture f;
        const qint64 gone = f.staff.addUser(Role::Cashier, QStringLiteral("Gone"),
                                            QStringLiteral("205"), QStringLiteral("7391"));
        QVERIFY(f.store.db().exec("UPDATE users SET active = 0 WHERE code = '205'").has_value());
        QCOMPARE(f.auth->signIn(u"205", secret("7391")).error().code, ErrorCode::Unauthenticated);
        // Without the right PIN nobody learns the account is inactive; it is counted.
        auto wrong = f.auth->signIn(u"205", secret("1111"));
        QCOMPARE(wrong.error().message, QStringLiteral("The user code or PIN is not right."));
        QVERIFY(f.lockoutOf(gone).contains(QStringLiteral("\"failures\":1")));

        const qint64 elsewhere = f.staff.addStore(QStringLiteral("Other Store"));
        const qint64 away = f.staff.addUser(Role::Cashier, QStringLiteral("Away"),
                                            QStringLiteral("206"), QStringLiteral("7391"));
        unassign(f, away);
        f.staff.assign(away, elsewhere);
        QCOMPARE(f.auth->signIn(u"206", secret("7391")).error().code, ErrorCode::Unauthenticated);
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'refused'"), 2);

        // Owners sign in at any store of their company without an assignment.
        unassign(f, f.staff.addUser(Role::Owner, QStringLiteral("Olaf"), QStringLiteral("407"), {},
                                    QStringLiteral("correct horse battery"), TotpKey));
        QVERIFY(f.auth->signIn(u"407", secret("correct horse battery"), f.totpNow()).has_value());
    }

    // Nothing typed reaches auth_events or a message: not the PIN, not a wrong PIN, not the
    // password, not an unknown code.
    void authEventsHoldNoSecret()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Cid"), QStringLiteral("207"),
                        QStringLiteral("7391"));
        f.staff.addUser(Role::Manager, QStringLiteral("Max"), QStringLiteral("307"),
                        QStringLiteral("8264"), QStringLiteral("Tr0ub4dor&3 horse"));
        QStringList messages;
        const auto note = [&](const auto& r) {
            if (!r)
                messages << r.error().message;
        };
        note(f.auth->signIn(u"207", secret("7391")));
        note(f.auth->signIn(u"207", secret("4185")));
        note(f.auth->signIn(u"8642", secret("7391")));
        note(f.auth->signIn(u"307", secret("Tr0ub4dor&3 horse")));
        note(f.auth->signIn(u"307", secret("Tr0ub4dor&3 mouse")));
        note(f.auth->verifyApprover(u"307", secret("8264")));
        for (int i = 0; i < 5; ++i)
            note(f.auth->signIn(u"207", secret("4185")));
        auto q = f.store.db().query("SELECT group_concat(at || user_id || register_id || kind || "
                                    "purpose || detail, '|') FROM auth_events");
        QVERIFY(*q->next());
        const QString all = q->text(0) + messages.join(u'|');
        QVERIFY(f.count("SELECT count(*) FROM auth_events") >= 10);
        for (const char* typed : {"7391", "4185", "8642", "8264", "Tr0ub4dor", "mouse"})
            QVERIFY2(!all.contains(QLatin1String(typed)), typed);
    }

    // AUTH-4: a password change ends every other session of the user, not the current one.
    void passwordChangeEndsOtherSessions()
    {
        Fixture f;
        const qint64 id =
            f.staff.addUser(Role::Manager, QStringLiteral("Mia"), QStringLiteral("308"));
        auto here = f.auth->signIn(u"308", secret("correct horse battery"));
        QVERIFY(here.has_value());
        const Session there = f.staff.sessionFor(id); // e.g. on the back-office PC
        AccessControl access(f.store.db());
        QVERIFY(access.require(there, Permission::ReportsView).has_value());

        auto shortPw =
            f.auth->changePassword(*here, secret("correct horse battery"), secret("too short"));
        QCOMPARE(shortPw.error().code, ErrorCode::InvalidInput);
        QVERIFY(f.lockoutOf(id).contains(QStringLiteral("\"failures\":0"))); // not counted
        auto wrongCurrent = f.auth->changePassword(*here, secret("incorrect horse battery"),
                                                   secret("a much better passphrase"));
        QCOMPARE(wrongCurrent.error().message,
                 QStringLiteral("The current password is not right."));
        QVERIFY(f.lockoutOf(id).contains(QStringLiteral("\"failures\":1"))); // counted

        auto changed = f.auth->changePassword(*here, secret("correct horse battery"),
                                              secret("a much better passphrase"));
        QVERIFY2(changed.has_value(), changed ? "" : qPrintable(changed.error().message));
        QCOMPARE(access.require(there, Permission::ReportsView).error().code,
                 ErrorCode::Unauthenticated);
        QVERIFY(access.require(*here, Permission::ReportsView).has_value());
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'password_changed' AND "
                         "detail = 'ended 1 other session(s)'"),
                 1);
        QCOMPARE(f.auth->signIn(u"308", secret("correct horse battery")).error().code,
                 ErrorCode::InvalidInput);
        QVERIFY(f.auth->signIn(u"308", secret("a much better passphrase")).has_value());
        // An ended session cannot change anything.
        QCOMPARE(f.auth
                     ->changePassword(there, secret("a much better passphrase"),
                                      secret("yet another passphrase"))
                     .error()
                     .code,
                 ErrorCode::Unauthenticated);
    }

    void pinChangeEndsOtherSessions()
    {
        Fixture f;
        const qint64 id = f.staff.addUser(Role::Cashier, QStringLiteral("Cy"),
                                          QStringLiteral("208"), QStringLiteral("7391"));
        auto here = f.auth->signIn(u"208", secret("7391"));
        const Session there = f.staff.sessionFor(id);
        QCOMPARE(f.auth->changePin(*here, secret("7391"), secret("12a4")).error().code,
                 ErrorCode::InvalidInput);
        QCOMPARE(f.auth->changePin(*here, secret("7391"), secret("7391")).error().code,
                 ErrorCode::InvalidInput);
        QVERIFY(f.auth->changePin(*here, secret("7391"), secret("5820")).has_value());
        AccessControl access(f.store.db());
        QCOMPARE(access.require(there, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
        QVERIFY(access.require(*here, Permission::SaleCreate).has_value());
        QVERIFY(f.auth->signIn(u"208", secret("5820")).has_value());
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'pin_changed'"), 1);
        auto q = f.store.db().query("SELECT credentials_at FROM users WHERE code = '208'");
        QVERIFY(*q->next());
        QCOMPARE(q->text(0), QStringLiteral("2026-03-02T09:00:00.000Z"));
    }

    void unlockAndSignOut()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Cat"), QStringLiteral("209"),
                        QStringLiteral("7391"));
        auto s = f.auth->signIn(u"209", secret("7391"));
        QCOMPARE(f.auth->unlock(*s, secret("1111")).error().code, ErrorCode::InvalidInput);
        QVERIFY(f.auth->unlock(*s, secret("7391")).has_value());
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE purpose = 'unlock'"), 2);

        QVERIFY(f.auth->switchedAway(*s).has_value());
        AccessControl access(f.store.db());
        QCOMPARE(access.require(*s, Permission::SaleCreate).error().code,
                 ErrorCode::Unauthenticated);
        QCOMPARE(f.count("SELECT count(*) FROM sessions WHERE end_reason = 'switched user'"), 1);
        QCOMPARE(f.auth->unlock(*s, secret("7391")).error().code, ErrorCode::Unauthenticated);
        QVERIFY(f.auth->signOut(*s).has_value()); // twice: harmless, nothing more recorded
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'sign_out'"), 1);

        Session forged = *s;
        forged.id = QUuid::createUuid();
        QCOMPARE(f.auth->signOut(forged).error().code, ErrorCode::Unauthenticated);
    }

    // The approval dialog: PIN or password, own limit, no session, purpose 'approval'.
    void verifyApprover()
    {
        AuthService::Options o = Fixture::cheap();
        o.signInLimit.maxEvents = 1;
        Fixture f(o);
        f.staff.addUser(Role::Manager, QStringLiteral("Meg"), QStringLiteral("309"),
                        QStringLiteral("7391"));
        (void)f.auth->signIn(u"nobody", secret("1111")); // uses up the sign-in limit
        const qint64 sessions = f.count("SELECT count(*) FROM sessions");
        auto byPin = f.auth->verifyApprover(u"309", secret("7391"));
        QVERIFY2(byPin.has_value(), byPin ? "" : qPrintable(byPin.error().message));
        QCOMPARE(byPin->name, QStringLiteral("Meg"));
        QCOMPARE(byPin->role, Role::Manager);
        QVERIFY(f.auth->verifyApprover(u"309", secret("correct horse battery")).has_value());
        QCOMPARE(f.count("SELECT count(*) FROM sessions"), sessions);
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE purpose = 'approval' AND "
                         "kind = 'sign_in'"),
                 2);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(f.auth->verifyApprover(u"309", secret("1111")).error().code,
                     ErrorCode::InvalidInput);
        QCOMPARE(f.auth->verifyApprover(u"309", secret("1111")).error().code, ErrorCode::Locked);
        QCOMPARE(f.auth->verifyApprover(u"309", secret("7391")).error().code, ErrorCode::Locked);
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE purpose = 'approval' AND "
                         "kind = 'failure'"),
                 5);
    }

    // AUTH-1: a hash below the policy is replaced at the next successful sign-in.
    void weakHashIsRehashedOnSuccess()
    {
        AuthService::Options o;
        o.hashParams = Scrypt::Params{1u << 11, 8, 1};
        Fixture f(o);
        f.staff.addUser(Role::Cashier, QStringLiteral("Ced"), QStringLiteral("210"),
                        QStringLiteral("7391")); // made with N = 2^10
        QVERIFY(pinHashOf(f, "210").startsWith(QStringLiteral("$scrypt-pin$ln=10,")));
        QVERIFY(f.auth->signIn(u"210", secret("7391")).has_value());
        QVERIFY(pinHashOf(f, "210").startsWith(QStringLiteral("$scrypt-pin$ln=11,")));
        QVERIFY(f.auth->signIn(u"210", secret("7391")).has_value());
    }

    // A stored hash that does not parse is never a match, and the message quotes none of it.
    void damagedHashIsReportedNotMatched()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Dee"), QStringLiteral("214"),
                        QStringLiteral("7391"));
        QVERIFY(f.store.db()
                    .exec("UPDATE users SET pin_hash = '$scrypt-pin$ln=99$AAAA$BBBB' "
                          "WHERE code = '214'")
                    .has_value());
        auto s = f.auth->signIn(u"214", secret("7391"));
        QCOMPARE(s.error().code, ErrorCode::Corrupt);
        QVERIFY(!s.error().message.contains(QStringLiteral("AAAA")));
        QCOMPARE(f.count("SELECT count(*) FROM sessions"), 0);
    }

    void pepperIsMadeOnceAndKeptOutOfTheDatabase()
    {
        test::TestStore store;
        MemoryKeyStore keys;
        ManualClock clock(Start);
        SequentialIdSource ids;
        AuthService first(store.db(), keys, QStringLiteral("pin-pepper"), clock, ids,
                          TestStaff::DefaultRegisterId, Fixture::cheap());
        auto made = first.pepper();
        QVERIFY(made.has_value());
        QCOMPARE(made->size(), std::size_t{32});
        QVERIFY(first.pepper()->equals(*made));
        QVERIFY(keys.read(QStringLiteral("pin-pepper"))->equals(*made));
        AuthService second(store.db(), keys, QStringLiteral("pin-pepper"), clock, ids,
                           TestStaff::DefaultRegisterId, Fixture::cheap());
        QVERIFY(second.pepper()->equals(*made));
        QVERIFY(second.hashPin(secret("7391")).has_value());

        // Nothing in any table holds the pepper, raw, hex or base64.
        const QByteArray raw(reinterpret_cast<const char*>(made->data()), 32);
        auto tables = store.db().query("SELECT name FROM sqlite_master WHERE type = 'table'");
        QVERIFY2(tables.has_value(), tables ? "" : qPrintable(tables.error().message));
        QStringList names;
        QVERIFY(tables->forEach([&] { names << tables->text(0); }).has_value());
        QVERIFY(names.contains(QStringLiteral("users")));
        for (const QString& table : names) {
            QStringList columns;
            const QByteArray info = "PRAGMA table_info(\"" + table.toUtf8() + "\")";
            auto c = store.db().query(info.constData());
            QVERIFY2(c.has_value(), c ? "" : qPrintable(c.error().message));
            QVERIFY(c->forEach([&] { columns << c->text(1); }).has_value());
            for (const QString& column : columns) {
                const QByteArray sql =
                    "SELECT count(*) FROM \"" + table.toUtf8() + "\" WHERE instr(CAST(\"" +
                    column.toUtf8() + "\" AS BLOB), ?1) OR instr(CAST(\"" + column.toUtf8() +
                    "\" AS BLOB), ?2) OR instr(CAST(\"" + column.toUtf8() + "\" AS BLOB), ?3)";
                auto q = store.db().query(sql.constData());
                QVERIFY2(q.has_value(), q ? "" : qPrintable(q.error().message));
                q->bind(1, raw).bind(2, raw.toHex()).bind(3, raw.toBase64());
                QVERIFY(*q->next());
                QCOMPARE(q->int64(0), 0);
            }
        }

        FailingKeyStore broken;
        AuthService noKeychain(store.db(), broken, QStringLiteral("pin-pepper"), clock, ids,
                               TestStaff::DefaultRegisterId, Fixture::cheap());
        QCOMPARE(noKeychain.pepper().error().code, ErrorCode::KeychainUnavailable);
        QCOMPARE(noKeychain.hashPin(secret("7391")).error().code, ErrorCode::KeychainUnavailable);
        QVERIFY(noKeychain.hashPassword(secret("correct horse battery")).has_value());
    }

    void idleLockSetting()
    {
        Fixture f;
        QCOMPARE(*f.auth->idleLockSeconds(), 300);
        const Session cashier = f.staff.signIn(Role::Cashier);
        QCOMPARE(f.auth->setIdleLockSeconds(cashier, 120).error().code,
                 ErrorCode::PermissionDenied);
        const Session owner = f.staff.signIn(Role::Owner);
        QCOMPARE(f.auth->setIdleLockSeconds(owner, 29).error().code, ErrorCode::InvalidInput);
        QCOMPARE(f.auth->setIdleLockSeconds(owner, 3601).error().code, ErrorCode::InvalidInput);
        QCOMPARE(*f.auth->idleLockSeconds(), 300);
        QVERIFY(f.auth->setIdleLockSeconds(owner, 120).has_value());
        QCOMPARE(*f.auth->idleLockSeconds(), 120);
    }

    void tilesShowThisStoresActiveStaffByName()
    {
        Fixture f;
        f.staff.addUser(Role::Cashier, QStringLiteral("Zoe"), QStringLiteral("211"));
        f.staff.addUser(Role::Manager, QStringLiteral("Adam"), QStringLiteral("311"));
        const qint64 owner =
            f.staff.addUser(Role::Owner, QStringLiteral("Mo"), QStringLiteral("411"), {},
                            QStringLiteral("correct horse battery"), TotpKey);
        unassign(f, owner);
        f.staff.addUser(Role::Cashier, QStringLiteral("Bea"), QStringLiteral("212"));
        QVERIFY(f.store.db().exec("UPDATE users SET active = 0 WHERE code = '212'").has_value());
        const qint64 other = f.staff.addStore(QStringLiteral("Elsewhere"));
        const qint64 far =
            f.staff.addUser(Role::Cashier, QStringLiteral("Far"), QStringLiteral("213"));
        unassign(f, far);
        f.staff.assign(far, other);

        auto tiles = f.auth->tiles();
        QVERIFY(tiles.has_value());
        QStringList names;
        for (const StaffTile& t : *tiles)
            names << t.name;
        QCOMPARE(names, (QStringList{QStringLiteral("Adam"), QStringLiteral("Mo"),
                                     QStringLiteral("Zoe")}));
        QVERIFY(!tiles->at(0).signsInWithPin && tiles->at(0).hasPin && !tiles->at(0).needsTotp);
        QVERIFY(!tiles->at(1).signsInWithPin && tiles->at(1).needsTotp);
        QVERIFY(tiles->at(2).signsInWithPin && !tiles->at(2).needsTotp);
    }

    // The production policy (scrypt N = 2^17): one sign-in, timed.
    void defaultPolicySignIn()
    {
        Fixture f(AuthService::Options{});
        auto hash = f.auth->hashPin(secret("7391"));
        QVERIFY(hash.has_value());
        QVERIFY(hash->startsWith(QStringLiteral("$scrypt-pin$ln=17,r=8,p=1$")));
        const qint64 id = f.staff.addUser(Role::Cashier, QStringLiteral("Real"),
                                          QStringLiteral("299"), QStringLiteral("7391"));
        {
            auto q = f.store.db().query("UPDATE users SET pin_hash = ?1 WHERE id = ?2");
            q->bind(1, *hash).bind(2, id);
            QVERIFY(q->run().has_value());
        }
        QElapsedTimer timer;
        timer.start();
        auto s = f.auth->signIn(u"299", secret("7391"));
        const qint64 ms = timer.elapsed();
        QVERIFY(s.has_value());
        qInfo("one sign-in with the default policy took %lld ms", ms);
        timer.restart();
        auto unknown = f.auth->signIn(u"2990", secret("7391"));
        qInfo("an unknown user code took %lld ms", timer.elapsed());
        QCOMPARE(unknown.error().code, ErrorCode::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestAuthService)
#include "tst_authservice.moc"
