#include "staff/AuthService.h"

#include "auth/CredentialHash.h"
#include "auth/Totp.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "store/KeyStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

constexpr std::size_t MaxUnknownCodes = 1000;

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuthService", text);
}

bool looksLikePin(const SecretBytes& secret)
{
    return CredentialHash::checkPinFormat(secret).has_value();
}

// What the person is told after a wrong attempt depends only on what they typed (a PIN-shaped
// secret or not, a sign-in code or not), never on the account: an unknown user code, a wrong
// secret and a wrong sign-in code all read the same.
QString wrongMessage(const SecretBytes& secret, const SecretBytes& totpCode)
{
    const bool pin = looksLikePin(secret);
    if (!totpCode.isEmpty())
        return pin ? tr("The user code, PIN or sign-in code is not right.")
                   : tr("The user code, password or sign-in code is not right.");
    return pin ? tr("The user code or PIN is not right.")
               : tr("The user code or password is not right.");
}

// A well-formed stored hash of nothing, with the policy's parameters: verifying against it costs
// what a real verify costs and never matches.
QString dummyHash(bool pin, const Scrypt::Params& params)
{
    QByteArray salt(static_cast<qsizetype>(CredentialHash::SaltSize), Qt::Uninitialized);
    QByteArray hash(static_cast<qsizetype>(CredentialHash::HashSize), Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(salt.data()), salt.size() / 4);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(hash.data()), hash.size() / 4);
    const auto b64 = [](const QByteArray& b) {
        return QString::fromLatin1(
            b.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
    };
    int logN = 0;
    for (std::uint64_t n = params.n; n > 1; n >>= 1)
        ++logN;
    return QStringLiteral("$%1$ln=%2,r=%3,p=%4$%5$%6")
        .arg(pin ? QStringLiteral("scrypt-pin") : QStringLiteral("scrypt"))
        .arg(logN)
        .arg(params.r)
        .arg(params.p)
        .arg(b64(salt), b64(hash));
}

QByteArray unknownCodeKey(QStringView code)
{
    return QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256);
}

// A record that is the only change of a refused attempt: in a transaction of its own, so that
// its auth_events row and its audit row commit together.
template <class Write> Status inOwnTransaction(Database& db, Write&& write)
{
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = write(); !s)
        return s;
    return tx->commit();
}

} // namespace

AuthService::Account::~Account()
{
    SecretBytes::wipe(totpSecret);
}

AuthService::AuthService(Database& db, KeyStore& keys, QString pepperKeyName, const Clock& clock,
                         IdSource& ids, QString registerId, Options options)
    : m_db(db), m_keys(keys), m_pepperKeyName(std::move(pepperKeyName)), m_clock(clock), m_ids(ids),
      m_registerId(std::move(registerId)), m_options(std::move(options)),
      m_lockout(clock, m_options.lockout), m_signInLimiter(clock, m_options.signInLimit),
      m_approvalLimiter(clock, m_options.approvalLimit)
{}

AuthService::AuthService(Database& db, KeyStore& keys, QString pepperKeyName, const Clock& clock,
                         IdSource& ids, QString registerId)
    : AuthService(db, keys, std::move(pepperKeyName), clock, ids, std::move(registerId), Options{})
{}

bool AuthService::adoptRegisterId(const QString& registerId)
{
    if (!m_registerId.isEmpty())
        return m_registerId == registerId;
    m_registerId = registerId;
    return true;
}

QString AuthService::now() const
{
    return m_clock.nowUtc().toUTC().toString(Qt::ISODateWithMs);
}

// ---- records -------------------------------------------------------------------------------

Result<std::optional<AuthService::Account>> AuthService::loadAccount(QStringView code, qint64 id)
{
    auto q = id > 0
                 ? m_db.query("SELECT id, company_id, code, name, role, pin_hash, password_hash, "
                              "totp_secret, totp_last_step, active, uuid FROM users WHERE id = ?1")
                 : m_db.query("SELECT id, company_id, code, name, role, pin_hash, password_hash, "
                              "totp_secret, totp_last_step, active, uuid FROM users "
                              "WHERE code = ?1");
    if (!q)
        return std::unexpected(q.error());
    if (id > 0)
        q->bind(1, id);
    else
        q->bind(1, code.toString());
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<Account>();
    Account a;
    a.id = q->int64(0);
    a.companyId = q->int64(1);
    a.code = q->text(2);
    a.name = q->text(3);
    auto role = roleFromName(q->text(4));
    if (!role)
        return fail(ErrorCode::Corrupt, tr("A user's role in the store is not one this program "
                                           "knows."));
    a.role = *role;
    a.pinHash = q->isNull(5) ? QString() : q->text(5);
    a.passwordHash = q->isNull(6) ? QString() : q->text(6);
    a.totpSecret = q->isNull(7) ? QByteArray() : q->blob(7);
    a.totpLastStep = q->int64(8);
    a.active = q->int64(9) != 0;
    a.uuid = q->text(10);
    return std::optional<Account>(std::move(a));
}

LockoutState AuthService::lockoutFrom(const QString& json) const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && doc.isObject() && doc.object().isEmpty())
        return {}; // '{}': never failed
    if (error.error == QJsonParseError::NoError && doc.isObject())
        if (auto state = LockoutState::fromJson(doc.object()))
            return *state;
    // Damaged: fail towards caution, one more failure locks.
    qCWarning(lcAuth) << "a user's stored lockout state is damaged; treating it as nearly locked";
    LockoutState state;
    state.consecutiveFailures = std::max(0, m_options.lockout.threshold - 1);
    return state;
}

// ---- verification --------------------------------------------------------------------------

void AuthService::spendLikeAVerify(const SecretBytes& secret)
{
    if (looksLikePin(secret)) {
        if (auto pep = pepper())
            (void)CredentialHash::verifyPin(secret, *pep, dummyHash(true, m_options.hashParams));
        // A wrong PIN costs a second run where the register kept its own pepper (checkSecret):
        // an unknown code costs the same.
        if (auto previous = m_keys.read(previousPepperName()))
            (void)CredentialHash::verifyPin(secret, *previous,
                                            dummyHash(true, m_options.hashParams));
    } else {
        (void)CredentialHash::verifyPassword(secret, dummyHash(false, m_options.hashParams));
    }
}

Result<bool> AuthService::checkSecret(const Account& account, const SecretBytes& secret, Use use,
                                      bool& usedPin, bool& underPreviousPepper)
{
    underPreviousPepper = false;
    const bool hasPin = !account.pinHash.isEmpty();
    const bool hasPassword = !account.passwordHash.isEmpty();
    switch (use) {
    case Use::SignIn: // cashiers: PIN; everyone else: password (the other when that is all)
        usedPin = account.role == Role::Cashier ? hasPin || !hasPassword : !hasPassword;
        break;
    case Use::Approver: // either, as typed
        usedPin = hasPin && (looksLikePin(secret) || !hasPassword);
        break;
    case Use::CurrentPassword:
        usedPin = false;
        break;
    case Use::CurrentPin:
        usedPin = true;
        break;
    }
    const QString& stored = usedPin ? account.pinHash : account.passwordHash;
    if (stored.isEmpty() || (usedPin && !looksLikePin(secret))) {
        // Nothing that could match: spend the same time anyway.
        spendLikeAVerify(secret);
        return false;
    }
    auto parsed = CredentialHash::parse(stored);
    if (!parsed || (parsed->kind == CredentialHash::Kind::Pin) != usedPin) {
        qCWarning(lcAuth) << "user" << account.id << "has an unusable stored credential hash";
        return fail(ErrorCode::Corrupt,
                    tr("This user's sign-in details in the store are damaged. An owner or "
                       "manager can set a new PIN or password."));
    }
    if (usedPin)
        return verifyPin(secret, stored, underPreviousPepper);
    // An error now (a password over the size limit, say) cannot be a match.
    return CredentialHash::verifyPassword(secret, stored).value_or(false);
}

std::unexpected<Error> AuthService::failed(Purpose purpose, const Account* account,
                                           QStringView code, const QString& detail,
                                           const QString& message)
{
    Admission after;
    auto written = [&]() -> Status {
        auto tx = Transaction::begin(m_db);
        if (!tx)
            return std::unexpected(tx.error());
        if (account != nullptr) {
            // Re-read inside the transaction: another register may have counted one meanwhile.
            auto q = m_db.query("SELECT lockout FROM users WHERE id = ?1");
            if (!q)
                return std::unexpected(q.error());
            q->bind(1, account->id);
            auto row = q->next();
            if (!row)
                return std::unexpected(row.error());
            LockoutState state = lockoutFrom(*row ? q->text(0) : QString());
            after = m_lockout.recordFailure(state);
            auto u = m_db.query("UPDATE users SET lockout = ?1 WHERE id = ?2");
            if (!u)
                return std::unexpected(u.error());
            u->bind(
                1, QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact)));
            u->bind(2, account->id);
            if (auto s = u->run(); !s)
                return s;
        } else {
            const QByteArray key = unknownCodeKey(code);
            if (m_unknownCodes.size() >= MaxUnknownCodes && !m_unknownCodes.contains(key)) {
                std::erase_if(m_unknownCodes, [this](const auto& entry) {
                    return m_lockout.check(entry.second).allowed;
                });
                if (m_unknownCodes.size() >= MaxUnknownCodes)
                    m_unknownCodes.erase(m_unknownCodes.begin());
            }
            after = m_lockout.recordFailure(m_unknownCodes[key]);
        }
        const qint64 userId = account != nullptr ? account->id : 0;
        if (auto s = recordEvent(userId, "failure", purpose, detail); !s)
            return s;
        if (!after.allowed) {
            const qint64 secs = m_clock.nowUtc().secsTo(after.retryAt);
            if (auto s = recordEvent(userId, "locked", purpose,
                                     QStringLiteral("for %1").arg(Admission::describeWait(secs)));
                !s)
                return s;
        }
        return tx->commit();
    }();
    if (!written)
        return std::unexpected(written.error());
    if (!after.allowed)
        return fail(ErrorCode::Locked, message + u' ' + after.message);
    return fail(ErrorCode::InvalidInput, message);
}

Result<AuthService::Proof> AuthService::verify(Purpose purpose, RateLimiter& limiter,
                                               QStringView code, qint64 userId,
                                               const SecretBytes& secret,
                                               const SecretBytes& totpCode, Use use,
                                               const QString& wrongText)
{
    if (secret.isEmpty())
        return fail(ErrorCode::InvalidInput, use == Use::CurrentPin ? tr("Enter the PIN.")
                                             : use == Use::CurrentPassword
                                                 ? tr("Enter the password.")
                                                 : tr("Enter the PIN or password."));
    auto loaded = loadAccount(code, userId);
    if (!loaded)
        return std::unexpected(loaded.error());
    std::optional<Account>& account = *loaded;
    if (userId > 0 && !account)
        return fail(ErrorCode::Unauthenticated,
                    tr("You are not signed in any more. Please sign in again."));
    const qint64 id = account ? account->id : 0;

    // AUTH-5 then AUTH-3: refused attempts are not verified at all.
    const Admission rate = limiter.tryAcquire(QStringLiteral("register/") + m_registerId);
    if (!rate.allowed) {
        if (auto s = inOwnTransaction(
                m_db,
                [&] { return recordEvent(id, "refused", purpose, QStringLiteral("rate limit")); });
            !s)
            return std::unexpected(s.error());
        return fail(ErrorCode::Locked, rate.message);
    }
    LockoutState state;
    if (account) {
        auto q = m_db.query("SELECT lockout FROM users WHERE id = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, id);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        state = lockoutFrom(*row ? q->text(0) : QString());
    } else if (auto it = m_unknownCodes.find(unknownCodeKey(code)); it != m_unknownCodes.end()) {
        state = it->second;
    }
    const Admission locked = m_lockout.check(state);
    if (!locked.allowed) {
        if (auto s = inOwnTransaction(
                m_db,
                [&] { return recordEvent(id, "refused", purpose, QStringLiteral("locked")); });
            !s)
            return std::unexpected(s.error());
        return fail(ErrorCode::Locked, locked.message);
    }

    // AUTH-2: owners and anyone enrolled give a sign-in code as well (not when changing a
    // credential inside a live session: that session passed it already).
    const bool needsTotp = use != Use::CurrentPassword && use != Use::CurrentPin && account &&
                           (account->role == Role::Owner || !account->totpSecret.isEmpty());
    if (needsTotp && totpCode.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Enter the sign-in code from your authenticator app as well."));

    if (!account) {
        spendLikeAVerify(secret);
        return failed(purpose, nullptr, code, QStringLiteral("unknown user code"), wrongText);
    }
    bool usedPin = false;
    bool underPreviousPepper = false;
    auto match = checkSecret(*account, secret, use, usedPin, underPreviousPepper);
    if (!match)
        return std::unexpected(match.error());
    if (!*match)
        return failed(purpose, &*account, code,
                      usedPin ? QStringLiteral("wrong PIN") : QStringLiteral("wrong password"),
                      wrongText);

    Proof proof;
    if (needsTotp) {
        if (account->totpSecret.isEmpty())
            return fail(ErrorCode::Unauthenticated,
                        tr("This owner account has no authenticator app enrolled, so it cannot "
                           "sign in. Ask another owner to enrol one."));
        // ENC-5: the field key is read now, only when a code is checked; refused without
        // counting a failure or writing anything when it is missing or does not open the secret.
        auto key = openTotpSecret(*account);
        if (!key)
            return std::unexpected(key.error());
        const std::optional<std::uint64_t> last =
            account->totpLastStep > 0
                ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(account->totpLastStep))
                : std::nullopt;
        auto verdict = Totp::verify(*key, totpCode, m_clock.nowUtc(), last);
        if (!verdict || verdict->outcome != TotpOutcome::Accepted)
            return failed(purpose, &*account, code,
                          verdict && verdict->outcome == TotpOutcome::Replayed
                              ? QStringLiteral("sign-in code used before")
                              : QStringLiteral("wrong sign-in code"),
                          wrongText);
        proof.totpStep = verdict->step;
    }

    // AUTH-1: a hash made with weaker parameters than the policy is replaced now that the secret
    // is at hand.
    const QString& stored = usedPin ? account->pinHash : account->passwordHash;
    if (underPreviousPepper || CredentialHash::needsRehash(stored, m_options.hashParams)) {
        auto fresh = usedPin ? hashPin(secret) : hashPassword(secret);
        if (fresh) {
            proof.rehash = *fresh;
            proof.rehashIsPin = usedPin;
        } else {
            qCWarning(lcAuth) << "could not rehash a credential with the current policy";
        }
    }
    proof.account = std::move(*account);
    return proof;
}

Status AuthService::applySuccess(Proof& proof)
{
    const qint64 id = proof.account.id;
    auto q = m_db.query("SELECT lockout FROM users WHERE id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, id);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    LockoutState state = lockoutFrom(*row ? q->text(0) : QString());
    m_lockout.recordSuccess(state);
    auto u = m_db.query("UPDATE users SET lockout = ?1 WHERE id = ?2");
    if (!u)
        return std::unexpected(u.error());
    u->bind(1, QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact)));
    u->bind(2, id);
    if (auto s = u->run(); !s)
        return s;
    if (proof.totpStep) {
        // Each code once (AUTH-2), also against another register that accepted it meanwhile.
        const auto step = static_cast<qint64>(*proof.totpStep);
        auto t = m_db.query("UPDATE users SET totp_last_step = ?1 "
                            "WHERE id = ?2 AND totp_last_step < ?1");
        if (!t)
            return std::unexpected(t.error());
        t->bind(1, step).bind(2, id);
        if (auto s = t->run(); !s)
            return s;
        if (m_db.changes() != 1)
            return fail(ErrorCode::InvalidInput,
                        tr("That sign-in code was used already: wait for the next one."));
    }
    // ENC-5: a raw secret from before sealing is sealed in place, in this transaction.
    if (proof.totpStep)
        if (auto s = sealLegacyTotpSecret(proof.account); !s)
            return s;
    if (!proof.rehash.isEmpty()) {
        auto r = proof.rehashIsPin
                     ? m_db.query("UPDATE users SET pin_hash = ?1 WHERE id = ?2")
                     : m_db.query("UPDATE users SET password_hash = ?1 WHERE id = ?2");
        if (!r)
            return std::unexpected(r.error());
        r->bind(1, proof.rehash).bind(2, id);
        if (auto s = r->run(); !s)
            return s;
        qCInfo(lcAuth) << "rehashed user" << id << "credential with the current policy";
    }
    return {};
}

// ---- sign-in -------------------------------------------------------------------------------

Result<AuthService::Proof> AuthService::proveHere(Purpose purpose, QStringView userCode,
                                                  const SecretBytes& secret,
                                                  const SecretBytes& totpCode, Place& where)
{
    auto here = place();
    if (!here)
        return std::unexpected(here.error());
    where = *here;
    const bool approval = purpose == Purpose::Approval;
    auto proof = verify(purpose, approval ? m_approvalLimiter : m_signInLimiter, userCode.trimmed(),
                        0, secret, totpCode, approval ? Use::Approver : Use::SignIn,
                        wrongMessage(secret, totpCode));
    if (!proof)
        return std::unexpected(proof.error());
    const Account& account = proof->account;
    auto isAssigned = assigned(account, where);
    if (!isAssigned)
        return std::unexpected(isAssigned.error());
    if (account.active && *isAssigned)
        return proof;
    // The secret was right, so this is not counted as a failure; it is recorded.
    if (auto s = inOwnTransaction(
            m_db,
            [&] {
                return recordEvent(account.id, "refused", purpose,
                                   account.active ? QStringLiteral("not assigned to this store")
                                                  : QStringLiteral("inactive user"));
            });
        !s)
        return std::unexpected(s.error());
    if (!account.active)
        return fail(ErrorCode::Unauthenticated, tr("This user account is not active."));
    return fail(ErrorCode::Unauthenticated,
                approval ? tr("%1 is not assigned to this store.").arg(account.name)
                         : tr("You are not assigned to this store, so you cannot sign "
                              "in on this register."));
}

Result<Session> AuthService::signIn(QStringView userCode, const SecretBytes& secret,
                                    const SecretBytes& totpCode)
{
    Place where;
    auto proof = proveHere(Purpose::Session, userCode, secret, totpCode, where);
    if (!proof)
        return std::unexpected(proof.error());
    const Account& account = proof->account;

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = applySuccess(*proof); !s)
        return std::unexpected(s.error());
    auto session =
        openSession(account.id, account.code, account.name, account.role, where.storeId, QString());
    if (!session)
        return std::unexpected(session.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcAuth) << "user" << account.id << "signed in on this register";
    return *session;
}

Result<Session> AuthService::openSession(qint64 userId, const QString& code, const QString& name,
                                         Role role, qint64 storeId, const QString& detail)
{
    Session session;
    session.id = m_ids.newId();
    session.userId = userId;
    session.userCode = code;
    session.userName = name;
    session.role = role;
    session.storeId = storeId;
    session.registerId = m_registerId;
    session.startedAt = m_clock.nowUtc().toUTC();
    auto q = m_db.query("INSERT INTO sessions (uuid, user_id, store_id, register_id, started_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, session.id.toString(QUuid::WithoutBraces)).bind(2, userId);
    q->bind(3, storeId).bind(4, m_registerId);
    q->bind(5, session.startedAt.toString(Qt::ISODateWithMs));
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    if (auto s = recordEvent(userId, "sign_in", Purpose::Session, detail); !s)
        return std::unexpected(s.error());
    return session;
}

Status AuthService::unlock(const Session& session, const SecretBytes& secret,
                           const SecretBytes& totpCode)
{
    AccessControl access(m_db);
    if (auto role = access.liveRole(session); !role)
        return std::unexpected(role.error());
    auto proof = verify(Purpose::Unlock, m_signInLimiter, QStringView(), session.userId, secret,
                        totpCode, Use::SignIn, wrongMessage(secret, totpCode));
    if (!proof)
        return std::unexpected(proof.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = applySuccess(*proof); !s)
        return s;
    if (auto s = recordEvent(session.userId, "sign_in", Purpose::Unlock, QString()); !s)
        return s;
    return tx->commit();
}

Result<VerifiedUser> AuthService::verifyApprover(QStringView userCode, const SecretBytes& secret,
                                                 const SecretBytes& totpCode)
{
    Place where;
    auto proof = proveHere(Purpose::Approval, userCode, secret, totpCode, where);
    if (!proof)
        return std::unexpected(proof.error());
    const Account& account = proof->account;
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = applySuccess(*proof); !s)
        return std::unexpected(s.error());
    if (auto s = recordEvent(account.id, "sign_in", Purpose::Approval, QString()); !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    return VerifiedUser{account.id, account.code, account.name, account.role};
}

} // namespace pos
