#pragma once

#include "Clock.h"
#include "Error.h"
#include "auth/Lockout.h"
#include "auth/RateLimiter.h"
#include "crypto/Scrypt.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>

namespace pos {

class Database;
class KeyStore;

// A user as the lock screen shows them: no hash, no secret.
struct StaffTile {
    qint64 userId = 0;
    QString code; // the user code typed at the lock screen
    QString name;
    Role role = Role::Cashier;
    bool signsInWithPin = false; // cashiers: PIN pad; everyone else: password
    bool needsTotp = false;      // owners (AUTH-2)
    bool hasPin = false;         // may approve at the counter with a PIN
};

// Someone who proved who they are for one approval, without a session of their own.
struct VerifiedUser {
    qint64 userId = 0;
    QString code;
    QString name;
    Role role = Role::Cashier;
};

// AUTH-1..5: signing in and out on this register.
//
// Credentials: cashiers sign in with a 4-8 digit PIN, everyone else with a password; owners also
// give a TOTP code (AUTH-2), each accepted once (the step is stored). Managers may also have a
// PIN for approving at the counter. PIN hashes are keyed with a pepper that lives in the key
// store (the OS keychain), never in the database (see CredentialHash).
//
// Every attempt is first admitted by the account's Lockout (state kept in users.lockout, so it
// survives restarts) and by a per-register sliding-window RateLimiter (AUTH-5, in memory); a
// refused attempt is not verified at all and returns ErrorCode::Locked with the wait in words.
// Every success, failure and lockout is recorded in auth_events (never what was typed). An
// unknown user code fails like a wrong secret, costs the same time (a dummy verify) and locks
// like a real account (in memory). The failure message depends only on what was typed (a
// 4-8 digit secret reads "PIN", anything else "password"; "sign-in code" when one was given),
// never on the account. A user who gives the right secret but is inactive or not assigned to
// this register's store gets Unauthenticated: recorded ('refused'), not counted as a failure;
// with a wrong secret such a user fails and is counted like anyone else, so nobody without the
// secret learns the account's state. An owner who gives no TOTP code is asked for one before
// anything is verified or counted. Changing one's own password or PIN inside a live session
// does not ask for TOTP again.
class AuthService {
public:
    struct Options {
        Scrypt::Params hashParams = Scrypt::Params{}; // tests lower this; the store keeps it
        LockoutPolicy lockout = {};
        // attempts per register per minute
        RateLimit signInLimit = {30, 60, QStringLiteral("sign-in attempts")};
        // approvals per register per minute
        RateLimit approvalLimit = {20, 60, QStringLiteral("approval attempts")};
    };

    AuthService(Database& db, KeyStore& keys, QString pepperKeyName, const Clock& clock,
                IdSource& ids, QString registerId, Options options);
    AuthService(Database& db, KeyStore& keys, QString pepperKeyName, const Clock& clock,
                IdSource& ids, QString registerId);

    // Active users assigned to this register's store (owners always), by name.
    Result<QList<StaffTile>> tiles();

    // A new session for the user on this register. totpCode is needed (and only looked at) for
    // owners and anyone enrolled in TOTP. Errors: InvalidInput (wrong code/secret/TOTP; message
    // says which kind of thing to check, never which part was wrong beyond "user code or PIN"),
    // Locked, Unauthenticated (user not active or not assigned to this store).
    Result<Session> signIn(QStringView userCode, const SecretBytes& secret,
                           const SecretBytes& totpCode = {});
    // After an idle lock: the same user proves it again; the session carries on. Failures count.
    Status unlock(const Session& session, const SecretBytes& secret,
                  const SecretBytes& totpCode = {});
    // A manager (or owner) proves who they are at someone else's register to approve one thing:
    // PIN or password (+ TOTP for owners). Counted and locked out like a sign-in; purpose
    // 'approval' in auth_events. Does not make a session.
    Result<VerifiedUser> verifyApprover(QStringView userCode, const SecretBytes& secret,
                                        const SecretBytes& totpCode = {});

    // AUTH-2 step-up before a sensitive operation (an audit export): the session's user, who
    // must be enrolled in TOTP, gives a fresh code from the authenticator app. Checked like at
    // sign-in: each code once, failures count toward the lockout, rate limited; InvalidInput,
    // Locked or PermissionDenied (not enrolled) with a message for people. In
    // AuthServiceStepUp.cpp.
    Status confirmSecondFactor(const Session& session, const SecretBytes& totpCode);

    Status signOut(const Session& session, const QString& reason = QStringLiteral("signed out"));
    // Ends the session because another user takes over the register (the open sale stays).
    Status switchedAway(const Session& session);

    // AUTH-4: a password or PIN change ends every other session of that user.
    Status changePassword(const Session& session, const SecretBytes& current,
                          const SecretBytes& next);
    Status changePin(const Session& session, const SecretBytes& current, const SecretBytes& next);

    // AUTH-4: idle auto-lock, in seconds (default 300), per register in the settings table.
    Result<int> idleLockSeconds();
    Status setIdleLockSeconds(const Session& session, int seconds); // settings.manage, 30..3600

    // For StaffService and SetupService: hashes made with this register's policy and pepper.
    Result<QString> hashPin(const SecretBytes& pin);
    Result<QString> hashPassword(const SecretBytes& password);
    // The PIN pepper from the key store, made (32 random bytes) on first use.
    Result<SecretBytes> pepper();

    // Enrolment with a sync server (docs/sync.md "POST /v1/enrol"): from now on PIN hashes are
    // keyed with the company's pepper, the same on every register of the company, so a PIN set
    // anywhere works on every register that pulls the user. The register's own pepper is kept
    // (under previousPepperName()) so that PINs hashed before still verify; each is hashed again
    // with the company's pepper the first time it is used. Written and read back before it
    // counts; adopting the pepper already in use changes nothing, and a second adoption never
    // overwrites the kept one. InvalidInput for a pepper shorter than 32 bytes.
    Status adoptCompanyPepper(const SecretBytes& companyPepper);
    QString previousPepperName() const { return m_pepperKeyName + QStringLiteral("-register"); }
    // For StaffService and SetupService: an authenticator secret sealed for users.totp_secret
    // (ENC-5, TotpSeal) with the field key, made on first use (FieldKey::nameFor(the store)).
    Result<QByteArray> sealTotpSecret(const QString& userUuid, const SecretBytes& secret);

    const QString& registerId() const { return m_registerId; }
    // For SetupService: a service made before the register existed (empty registerId) takes the
    // id that set-up gave this register. Refused (false) when it already has another one.
    bool adoptRegisterId(const QString& registerId);

private:
    friend class SetupService;

    enum class Purpose { Session, Approval, Unlock, Change };
    // What auth_events say about a step-up before an export (purpose 'unlock': the same user
    // proves it again inside the session; the schema has no purpose of its own for it). The
    // audit log names it auth.second_factor.
    static inline const QString StepUpDetail = QStringLiteral("second factor");
    enum class Use { SignIn, Approver, CurrentPassword, CurrentPin };

    // A users row with what verification needs. totpSecret is wiped when it goes.
    struct Account {
        qint64 id = 0;
        qint64 companyId = 0;
        QString uuid;
        QString code;
        QString name;
        Role role = Role::Cashier;
        QString pinHash;
        QString passwordHash;
        QByteArray totpSecret;
        qint64 totpLastStep = 0;
        bool active = false;
        Account() = default;
        Account(Account&&) = default;
        Account& operator=(Account&&) = default;
        ~Account();
    };
    // A verified attempt, not yet written: the caller writes it in its own transaction.
    struct Proof {
        Account account;
        std::optional<std::uint64_t> totpStep;
        QString rehash; // a new hash of the verified secret with the current policy, or empty
        bool rehashIsPin = false;
    };
    struct Place {
        qint64 storeId = 0;
        qint64 companyId = 0;
    };

    Result<Place> place();
    Result<std::optional<Account>> loadAccount(QStringView code, qint64 id);
    Result<bool> assigned(const Account& account, const Place& place);
    Result<Proof> verify(Purpose purpose, RateLimiter& limiter, QStringView code, qint64 userId,
                         const SecretBytes& secret, const SecretBytes& totpCode, Use use,
                         const QString& wrongMessage);
    // verify() for a sign-in or an approval, then: active and assigned to this register's store
    // (where is filled in); a right secret from someone who may not act here is recorded, not
    // counted.
    Result<Proof> proveHere(Purpose purpose, QStringView userCode, const SecretBytes& secret,
                            const SecretBytes& totpCode, Place& where);
    // The account's authenticator secret to check a code with: a sealed one opened with the
    // field key (read now), a raw one from before sealing as it is. Wiped when it goes.
    Result<SecretBytes> openTotpSecret(const Account& account);
    // After an accepted code (applySuccess): a raw secret is sealed in place (ENC-5).
    Status sealLegacyTotpSecret(const Account& account);
    // usedPin: the PIN hash was checked; underPreviousPepper: it matched only with the pepper
    // this register had before it adopted its company's (so it is hashed again).
    Result<bool> checkSecret(const Account& account, const SecretBytes& secret, Use use,
                             bool& usedPin, bool& underPreviousPepper);
    void spendLikeAVerify(const SecretBytes& secret);
    // A PIN against its stored hash: with the pepper in use, then with the register's own pepper
    // it kept when it adopted its company's (underPreviousPepper: it matched only so).
    Result<bool> verifyPin(const SecretBytes& pin, const QString& stored,
                           bool& underPreviousPepper);
    std::unexpected<Error> failed(Purpose purpose, const Account* account, QStringView code,
                                  const QString& detail, const QString& message);
    Status applySuccess(Proof& proof);
    Status recordEvent(qint64 userId, const char* kind, Purpose purpose, const QString& detail);
    // Inside the caller's transaction, for a user already proved (signIn) or just created
    // (SetupService, hence the friend): a sessions row and a 'sign_in' record.
    Result<Session> openSession(qint64 userId, const QString& code, const QString& name, Role role,
                                qint64 storeId, const QString& detail);
    LockoutState lockoutFrom(const QString& json) const;
    Status endOtherSessions(qint64 userId, const Session& keep, const QString& reason, int& ended);
    Status changeCredential(const Session& session, const SecretBytes& current,
                            const SecretBytes& next, bool pin);
    Status endSession(const Session& session, const QString& reason);
    QString now() const;

    Database& m_db;
    KeyStore& m_keys;
    QString m_pepperKeyName;
    const Clock& m_clock;
    IdSource& m_ids;
    QString m_registerId;
    Options m_options;
    Lockout m_lockout;
    RateLimiter m_signInLimiter;
    RateLimiter m_approvalLimiter;
    SecretBytes m_pepper; // cached after the first read from the key store
    // Lockout of user codes that belong to nobody, in memory, keyed by a hash of the code, so an
    // unknown code locks like a real one and cannot be told apart by never locking.
    std::map<QByteArray, LockoutState> m_unknownCodes;
};

} // namespace pos
