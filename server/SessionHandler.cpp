#include "SessionHandler.h"

#include "Clock.h"
#include "auth/CredentialHash.h"
#include "auth/Lockout.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBytes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

#include <optional>

// Ids only: never a user code, password or token.
Q_LOGGING_CATEGORY(lcSessionHandler, "pos.syncd.session")

namespace pos::server {

namespace {

class FunctionClock final : public Clock {
public:
    explicit FunctionClock(const std::function<QDateTime()>& now) : m_now(now) {}
    QDateTime nowUtc() const override { return m_now(); }

private:
    const std::function<QDateTime()>& m_now;
};

// AUTH-3 on the server: failures per company and user code, in this process (all handler
// threads share it). Bounded: past MaxKeys accounts with a live record, new ones are refused.
// One attempt per account at a time (checking): with several worker threads, guesses sent in
// parallel would otherwise all be checked before the first failure is counted.
struct Failures {
    static constexpr qsizetype MaxKeys = 10000;
    QMutex mutex;
    QHash<QString, LockoutState> states;
    QSet<QString> checking;
};

// Marks an account's attempt as in progress for its lifetime.
class CheckingMark {
public:
    CheckingMark(Failures& f, const QString& key) : m_f(f), m_key(key) {}
    ~CheckingMark()
    {
        QMutexLocker lock(&m_f.mutex);
        m_f.checking.remove(m_key);
    }
    CheckingMark(const CheckingMark&) = delete;
    CheckingMark& operator=(const CheckingMark&) = delete;

private:
    Failures& m_f;
    QString m_key;
};

Failures& failures()
{
    static Failures f;
    return f;
}

const QString WrongMessage = QStringLiteral("The user code or password is not right.");

ApiResponse wrong()
{
    return apiError(401, QStringLiteral("unauthenticated"), WrongMessage);
}

ApiResponse locked(const QString& message)
{
    return apiError(429, QStringLiteral("locked"), message);
}

ApiResponse unavailable()
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("The server's database did not answer. Try again later."));
}

// A well-formed password hash of nothing at the policy's cost: an unknown code or an account
// without a password costs what a real verify costs and never matches.
const QString& dummyHash()
{
    static const QString hash = [] {
        QByteArray salt(static_cast<qsizetype>(CredentialHash::SaltSize), Qt::Uninitialized);
        QByteArray digest(static_cast<qsizetype>(CredentialHash::HashSize), Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(salt.data()),
                                              salt.size() / 4);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(digest.data()),
                                              digest.size() / 4);
        const auto b64 = [](const QByteArray& b) {
            return QString::fromLatin1(
                b.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
        };
        int logN = 0;
        for (std::uint64_t n = CredentialHash::DefaultPolicy.n; n > 1; n >>= 1)
            ++logN;
        return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
            .arg(logN)
            .arg(CredentialHash::DefaultPolicy.r)
            .arg(CredentialHash::DefaultPolicy.p)
            .arg(b64(salt), b64(digest));
    }();
    return hash;
}

struct Typed {
    QString code;
    SecretBytes password;
};

std::optional<Typed> parse(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    static const QRegularExpression codeRule(QStringLiteral("^[0-9]{2,8}$"));
    const QJsonValue code = o.value(QStringLiteral("user_code"));
    const QJsonValue password = o.value(QStringLiteral("password"));
    if (!code.isString() || !codeRule.match(code.toString()).hasMatch() || !password.isString())
        return std::nullopt;
    QByteArray utf8 = password.toString().toUtf8();
    if (utf8.isEmpty() || utf8.size() > CredentialHash::MaxPasswordBytes) {
        SecretBytes::wipe(utf8);
        return std::nullopt;
    }
    return Typed{code.toString(), SecretBytes::takeFrom(utf8)};
}

QString lockKey(const RequestContext& who, const QString& code)
{
    return who.companyId + u'/' + code;
}

} // namespace

SessionHandler::SessionHandler(ServerContext& ctx) : m_ctx(ctx) {}

QByteArray SessionHandler::tokenHash(QByteArrayView tokenText)
{
    return sha256(tokenText);
}

ApiResponse SessionHandler::handle(const RequestContext& who, const QByteArray& body,
                                   const QUrlQuery& query)
{
    Q_UNUSED(query);
    if (who.companyId.isEmpty() || who.registerId.isEmpty() || who.registerStoreId.isEmpty())
        return apiError(401, QStringLiteral("unauthenticated"),
                        QStringLiteral("Only an enrolled register can sign a user in."));
    auto typed = parse(body);
    if (!typed)
        return apiError(400, QStringLiteral("bad_request"),
                        QStringLiteral("A sign-in needs a user_code (2 to 8 digits) and a "
                                       "password."));

    const FunctionClock clock(m_ctx.now);
    const Lockout lockout(clock);
    const QString key = lockKey(who, typed->code);
    {
        Failures& f = failures();
        QMutexLocker lock(&f.mutex);
        const Admission admission = lockout.check(f.states.value(key));
        if (!admission.allowed)
            return locked(admission.message);
        if (!f.states.contains(key) && f.states.size() >= Failures::MaxKeys) {
            // Forget accounts whose record is all in the past; refuse if none can go.
            for (auto it = f.states.begin(); it != f.states.end();)
                it = lockout.check(*it).allowed && it->consecutiveFailures == 0 ? f.states.erase(it)
                                                                                : std::next(it);
            if (f.states.size() >= Failures::MaxKeys)
                return locked(QStringLiteral("Too many sign-in attempts: try again later."));
        }
        if (f.checking.contains(key))
            return locked(QStringLiteral("A sign-in with this user code is already being checked: "
                                         "try again in a moment."));
        f.checking.insert(key);
    }
    const CheckingMark mark(failures(), key);
    const auto countFailure = [&] {
        Failures& f = failures();
        QMutexLocker lock(&f.mutex);
        LockoutState& state = f.states[key];
        const Admission after = lockout.recordFailure(state);
        qCInfo(lcSessionHandler) << "a sign-in failed at register" << who.registerId;
        return after.allowed ? wrong() : locked(WrongMessage + u' ' + after.message);
    };

    PgConnection& pg = m_ctx.pg;
    const auto dbFailed = [&](const Error& e) {
        pg.rollback();
        qCWarning(lcSessionHandler)
            << "sign-in at register" << who.registerId << "failed:" << e.message;
        return unavailable();
    };
    if (auto ok = pg.begin(); !ok)
        return dbFailed(ok.error());
    if (auto ok = setTenant(pg, who.companyId, {who.registerStoreId}); !ok)
        return dbFailed(ok.error());
    auto user = pg.exec("SELECT id, role, active, password_hash FROM pos.users WHERE code = $1",
                        {typed->code.toUtf8()});
    if (!user)
        return dbFailed(user.error());
    const bool known = user->rows() == 1 && !user->isNull(0, 3);
    const QString stored = known ? user->text(0, 3) : dummyHash();
    auto match = CredentialHash::verifyPassword(typed->password, stored);
    if (!known || !match || !*match) {
        pg.rollback();
        if (known && !match)
            qCWarning(lcSessionHandler)
                << "a stored password hash does not parse; user" << user->text(0, 0);
        return countFailure();
    }
    {
        Failures& f = failures();
        QMutexLocker lock(&f.mutex);
        if (auto it = f.states.find(key); it != f.states.end()) {
            lockout.recordSuccess(*it);
            if (it->recentFailures.isEmpty())
                f.states.erase(it);
        }
    }
    const QString userId = user->text(0, 0);
    const QString role = user->text(0, 1);
    if (!user->boolean(0, 2)) {
        pg.rollback();
        return apiError(403, QStringLiteral("forbidden"),
                        QStringLiteral("This account is not active: ask an owner."));
    }
    // Owners work in every store of their company; everyone else in the stores assigned.
    auto stores = role == u"owner"
                      ? pg.exec("SELECT id FROM pos.stores ORDER BY id")
                      : pg.exec("SELECT store_id FROM pos.user_stores WHERE user_id = $1::uuid "
                                "ORDER BY store_id",
                                {userId.toUtf8()});
    if (!stores)
        return dbFailed(stores.error());
    QJsonArray storeIds;
    bool here = false;
    for (int r = 0; r < stores->rows(); ++r) {
        storeIds.append(stores->text(r, 0));
        here = here || stores->text(r, 0) == who.registerStoreId;
    }
    if (!here) {
        pg.rollback();
        return apiError(403, QStringLiteral("forbidden"),
                        QStringLiteral("This account does not work in this register's store."));
    }

    auto raw = SecretBytes::random(TokenBytes);
    if (!raw)
        return dbFailed(raw.error());
    QByteArray rawBytes = raw->toByteArrayForApi();
    const QByteArray token =
        rawBytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    SecretBytes::wipe(rawBytes);
    const QDateTime expires = m_ctx.now().toUTC().addSecs(TokenLifetimeSeconds);
    const QString expiresText = expires.toString(Qt::ISODate);
    if (auto gone =
            pg.exec("DELETE FROM pos.user_tokens WHERE device_id = $1::uuid "
                    "AND expires_at < $2::timestamptz",
                    {who.registerId.toUtf8(), m_ctx.now().toUTC().toString(Qt::ISODate).toUtf8()});
        !gone)
        return dbFailed(gone.error());
    if (auto ins = pg.exec("INSERT INTO pos.user_tokens (company_id, token_hash, user_id, "
                           "device_id, expires_at) VALUES ($1::uuid, $2::bytea, $3::uuid, "
                           "$4::uuid, $5::timestamptz)",
                           {who.companyId.toUtf8(), "\\x" + tokenHash(token).toHex(),
                            userId.toUtf8(), who.registerId.toUtf8(), expiresText.toUtf8()});
        !ins)
        return dbFailed(ins.error());
    if (auto ok = pg.commit(); !ok)
        return dbFailed(ok.error());
    qCInfo(lcSessionHandler) << "user" << userId << "signed in at register" << who.registerId;
    return {200, QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                             {QStringLiteral("expires_at"), expiresText},
                             {QStringLiteral("user_id"), userId},
                             {QStringLiteral("role"), role},
                             {QStringLiteral("store_ids"), storeIds}}};
}

} // namespace pos::server
