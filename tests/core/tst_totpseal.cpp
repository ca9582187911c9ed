// ENC-5: the owners' authenticator (TOTP) secrets are stored sealed with the field key, bound to
// the user's uuid: set-up and a new owner write them sealed; a sign-in opens them only when a
// code is checked; a secret copied to another user, a wrong or a missing field key is refused with
// a clear error and nothing changes; a raw secret from before sealing still signs in and is
// sealed by that success.
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "auth/TotpSeal.h"
#include "staff/AuthService.h"
#include "staff/SetupService.h"
#include "staff/StaffService.h"
#include "vault/CredentialVault.h"
#include "vault/FieldKey.h"

#include "../support/TestStore.h"

#include <QTest>

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

QByteArray bytesOf(const SecretBytes& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<qsizetype>(s.size()));
}

const QDateTime Start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
const QString RegisterId = QStringLiteral("0b9d3c55-2f7a-4a8e-9c61-7d2e4f1a8b30");
const QByteArray Password = "correct horse battery staple";

struct Fixture {
    Fixture()
        : clock(Start), auth(store.db(), store.keys(), QStringLiteral("pin-pepper"), clock, ids,
                             RegisterId, cheap()),
          setup(store.db(), auth, clock, ids), staff(store.db(), auth, clock, ids)
    {
        SetupRequest r;
        r.companyName = QStringLiteral("Corner Shop Ltd");
        r.storeName = QStringLiteral("Main Street");
        r.registerName = QStringLiteral("Till 1");
        r.currency = QStringLiteral("EUR");
        r.ownerName = QStringLiteral("Olivia Owner");
        r.ownerCode = QStringLiteral("1001");
        r.ownerPassword = secret(Password);
        ownerKey = std::move(*SetupService::newTotpSecret());
        r.totpSecret = copyOf(ownerKey);
        r.totpCode = *Totp::codeAt(ownerKey, clock.nowUtc());
        auto session = setup.run(r);
        if (!session)
            qFatal("set-up failed: %s", qPrintable(session.error().message));
        ownerSession = *session;
    }
    static AuthService::Options cheap()
    {
        AuthService::Options o;
        o.hashParams = Scrypt::Params{1u << 10, 8, 1};
        return o;
    }
    QString keyName() const { return FieldKey::nameFor(store.path()); }
    QByteArray stored(const QString& code)
    {
        auto q = store.db().query("SELECT totp_secret FROM users WHERE code = ?1");
        q->bind(1, code);
        return *q->next() ? q->blob(0) : QByteArray();
    }
    QString uuidOf(const QString& code)
    {
        auto q = store.db().query("SELECT uuid FROM users WHERE code = ?1");
        q->bind(1, code);
        return *q->next() ? q->text(0) : QString();
    }
    void setStored(const QString& code, const QByteArray& value)
    {
        auto q = store.db().query("UPDATE users SET totp_secret = ?1 WHERE code = ?2");
        q->bind(1, value).bind(2, code);
        QVERIFY(q->run());
    }
    // Every users row and the count of auth events and sessions: what a refusal must not change.
    QString snapshot()
    {
        QString out;
        auto q = store.db().query("SELECT id, hex(totp_secret), totp_last_step, lockout, "
                                  "password_hash FROM users ORDER BY id");
        (void)q->forEach([&] {
            for (int i = 0; i < 5; ++i)
                out += q->text(i) + u'|';
            out += u'\n';
        });
        out += QString::number(*store.db().scalar("SELECT count(*) FROM auth_events"));
        out += QString::number(*store.db().scalar("SELECT count(*) FROM sessions"));
        return out;
    }
    // The next 30-second step's code: each code is accepted once.
    Result<Session> signIn(const QString& code, const SecretBytes& key)
    {
        clock.advanceSecs(30);
        return auth.signIn(code, secret(Password), *Totp::codeAt(key, clock.nowUtc()));
    }
    // A second owner with an authenticator of their own, created by the first.
    qint64 addOwner(const QString& code, SecretBytes& key)
    {
        key = std::move(*Totp::generateSecret());
        NewStaff n;
        n.name = QStringLiteral("Oscar Owner");
        n.code = code;
        n.role = Role::Owner;
        n.password = secret(Password);
        n.totpSecret = copyOf(key);
        n.totpCode = *Totp::codeAt(key, clock.nowUtc());
        auto id = staff.create(ownerSession, n);
        if (!id)
            qWarning("create failed: %s", qPrintable(id.error().message));
        return id ? *id : 0;
    }

    test::TestStore store;
    ManualClock clock;
    SequentialIdSource ids;
    AuthService auth;
    SetupService setup;
    StaffService staff;
    SecretBytes ownerKey;
    Session ownerSession;
};

} // namespace

class TstTotpSeal : public QObject {
    Q_OBJECT

private slots:
    void sealOpensOnlyWithItsKeyAndUser()
    {
        auto key = SecretBytes::random(32);
        auto other = SecretBytes::random(32);
        const SecretBytes totp = secret("0123456789abcdef0123");
        auto sealed = TotpSeal::seal(*key, QStringLiteral("user-a"), totp);
        QVERIFY(sealed);
        QVERIFY(TotpSeal::isSealed(*sealed));
        QVERIFY(!sealed->contains(bytesOf(totp)));
        QVERIFY(!TotpSeal::isSealed(bytesOf(totp)));
        auto opened = TotpSeal::open(*key, QStringLiteral("user-a"), *sealed);
        QVERIFY(opened && opened->equals(totp));
        QCOMPARE(TotpSeal::open(*key, QStringLiteral("user-b"), *sealed).error().code,
                 ErrorCode::WrongKeyOrDamaged);
        QCOMPARE(TotpSeal::open(*other, QStringLiteral("user-a"), *sealed).error().code,
                 ErrorCode::WrongKeyOrDamaged);
        QByteArray damaged = *sealed;
        damaged[damaged.size() - 1] = static_cast<char>(damaged.back() ^ 1);
        QVERIFY(!TotpSeal::open(*key, QStringLiteral("user-a"), damaged));
        // A sealed secret is not a credential value of the vault and the other way round.
        QVERIFY(TotpSeal::aadFor(QStringLiteral("a")) !=
                CredentialVault::aadFor(QStringLiteral("a"), {}, {}));
    }

    void setUpAndNewOwnerStoreSealedSecrets()
    {
        Fixture f;
        // Set-up made the field key (the vault's entry) and sealed the owner's secret with it.
        auto fieldKey = f.store.keys().read(f.keyName());
        QVERIFY(fieldKey);
        QCOMPARE(f.keyName(), CredentialVault::fieldKeyNameFor(f.store.path()));
        const QByteArray owner = f.stored(QStringLiteral("1001"));
        QVERIFY(TotpSeal::isSealed(owner));
        QVERIFY(!owner.contains(bytesOf(f.ownerKey)));
        auto opened = TotpSeal::open(*fieldKey, f.uuidOf(QStringLiteral("1001")), owner);
        QVERIFY(opened && opened->equals(f.ownerKey));

        SecretBytes oscarKey;
        QVERIFY(f.addOwner(QStringLiteral("1002"), oscarKey) > 0);
        const QByteArray oscar = f.stored(QStringLiteral("1002"));
        QVERIFY(TotpSeal::isSealed(oscar));
        QVERIFY(!oscar.contains(bytesOf(oscarKey)));
        auto oscarOpened = TotpSeal::open(*fieldKey, f.uuidOf(QStringLiteral("1002")), oscar);
        QVERIFY(oscarOpened && oscarOpened->equals(oscarKey));
        // Bound to its user: not with the other owner's uuid, not with another key.
        QVERIFY(!TotpSeal::open(*fieldKey, f.uuidOf(QStringLiteral("1001")), oscar));
        QVERIFY(!TotpSeal::open(*SecretBytes::random(32), f.uuidOf(QStringLiteral("1002")), oscar));

        // Both sign in with their own app's codes.
        auto olivia = f.signIn(QStringLiteral("1001"), f.ownerKey);
        QVERIFY2(olivia, olivia ? "" : qPrintable(olivia.error().message));
        auto oscarSession = f.signIn(QStringLiteral("1002"), oscarKey);
        QVERIFY2(oscarSession, oscarSession ? "" : qPrintable(oscarSession.error().message));
        QCOMPARE(f.stored(QStringLiteral("1001")), owner); // not resealed
    }

    void secretMovedToAnotherUserIsRefused()
    {
        Fixture f;
        SecretBytes oscarKey;
        QVERIFY(f.addOwner(QStringLiteral("1002"), oscarKey) > 0);
        // Olivia's sealed secret copied onto Oscar's row: Oscar's app no longer matches, and
        // Olivia's codes must not work for Oscar either.
        f.setStored(QStringLiteral("1002"), f.stored(QStringLiteral("1001")));
        const QString before = f.snapshot();
        for (const SecretBytes* key : {&f.ownerKey, &oscarKey}) {
            auto s = f.signIn(QStringLiteral("1002"), *key);
            QVERIFY(!s);
            QCOMPARE(s.error().code, ErrorCode::WrongKeyOrDamaged);
            QVERIFY2(s.error().message.contains(QStringLiteral("not sealed for this account")),
                     qPrintable(s.error().message));
            QVERIFY(!s.error().message.contains(SetupService::secretText(*key)));
        }
        QCOMPARE(f.snapshot(), before); // nothing counted, recorded or changed
        // Olivia herself is not affected.
        auto olivia = f.signIn(QStringLiteral("1001"), f.ownerKey);
        QVERIFY2(olivia, olivia ? "" : qPrintable(olivia.error().message));
    }

    void wrongOrMissingFieldKeyRefusesOwnerSignIn()
    {
        Fixture f;
        // A wrong password is still just a wrong password: the key is not read for it.
        f.store.keys().remove(f.keyName());
        f.clock.advanceSecs(30);
        auto wrong = f.auth.signIn(QStringLiteral("1001"), secret("not the password at all"),
                                   *Totp::codeAt(f.ownerKey, f.clock.nowUtc()));
        QCOMPARE(wrong.error().code, ErrorCode::InvalidInput);
        const QString afterWrong = f.snapshot();

        auto missing = f.signIn(QStringLiteral("1001"), f.ownerKey);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY2(missing.error().message.contains(f.store.keys().describe()),
                 qPrintable(missing.error().message));
        QVERIFY2(missing.error().message.contains(f.keyName()),
                 qPrintable(missing.error().message));
        QVERIFY(!missing.error().message.contains(SetupService::secretText(f.ownerKey)));
        QCOMPARE(f.snapshot(), afterWrong);

        QVERIFY(f.store.keys().write(f.keyName(), *SecretBytes::random(32)));
        auto wrongKey = f.signIn(QStringLiteral("1001"), f.ownerKey);
        QVERIFY(!wrongKey);
        QCOMPARE(wrongKey.error().code, ErrorCode::WrongKeyOrDamaged);
        QVERIFY2(wrongKey.error().message.contains(f.store.keys().describe()),
                 qPrintable(wrongKey.error().message));
        QVERIFY2(wrongKey.error().message.contains(QStringLiteral("not the key")),
                 qPrintable(wrongKey.error().message));
        QVERIFY(!wrongKey.error().message.contains(SetupService::secretText(f.ownerKey)));
        QCOMPARE(f.snapshot(), afterWrong);
        // A new owner cannot be sealed under a key that opens none of the stored secrets.
        SecretBytes oscarKey;
        QCOMPARE(f.addOwner(QStringLiteral("1002"), oscarKey), 0);
        QCOMPARE(f.snapshot(), afterWrong);
    }

    void legacyRawSecretSignsInAndIsSealed()
    {
        Fixture f;
        // A store from before sealing: the raw secret, and no field key yet.
        f.setStored(QStringLiteral("1001"), bytesOf(f.ownerKey));
        f.store.keys().remove(f.keyName());
        auto s = f.signIn(QStringLiteral("1001"), f.ownerKey);
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        const QByteArray now = f.stored(QStringLiteral("1001"));
        QVERIFY(TotpSeal::isSealed(now));
        QVERIFY(!now.contains(bytesOf(f.ownerKey)));
        auto fieldKey = f.store.keys().read(f.keyName());
        QVERIFY(fieldKey); // made on that first use
        auto opened = TotpSeal::open(*fieldKey, f.uuidOf(QStringLiteral("1001")), now);
        QVERIFY(opened && opened->equals(f.ownerKey));
        // And signs in sealed from now on.
        auto again = f.signIn(QStringLiteral("1001"), f.ownerKey);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(f.stored(QStringLiteral("1001")), now);
    }

    void legacyRawSecretWithAWrongCodeStaysRaw()
    {
        Fixture f;
        f.setStored(QStringLiteral("1001"), bytesOf(f.ownerKey));
        f.clock.advanceSecs(30);
        auto s = f.auth.signIn(QStringLiteral("1001"), secret(Password),
                               *Totp::codeAt(f.ownerKey, f.clock.nowUtc().addSecs(600)));
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QCOMPARE(f.stored(QStringLiteral("1001")), bytesOf(f.ownerKey));
    }
};

QTEST_GUILESS_MAIN(TstTotpSeal)
#include "tst_totpseal.moc"
