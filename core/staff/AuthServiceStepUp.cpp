// AuthService, the second factor asked again inside a live session before a sensitive operation
// (AUTH-2 step-up: an audit export). The checks are those of verify() in AuthService.cpp, minus
// the password: rate limit, lockout, the code once per step, failures counted.
#include "auth/Totp.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuthService", text);
}

} // namespace

Status AuthService::confirmSecondFactor(const Session& session, const SecretBytes& totpCode)
{
    AccessControl access(m_db);
    if (auto role = access.liveRole(session); !role)
        return std::unexpected(role.error());
    auto loaded = loadAccount(QStringView(), session.userId);
    if (!loaded)
        return std::unexpected(loaded.error());
    if (!*loaded)
        return fail(ErrorCode::Unauthenticated,
                    tr("You are not signed in any more. Please sign in again."));
    Account& account = **loaded;
    if (account.totpSecret.isEmpty())
        return fail(ErrorCode::PermissionDenied,
                    tr("This needs a second factor, and you have no authenticator app enrolled. "
                       "Ask an owner to enrol one for you."));
    if (totpCode.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Enter the code your authenticator app shows now."));

    const auto inOwnTransaction = [this](auto&& write) -> Status {
        auto tx = Transaction::begin(m_db);
        if (!tx)
            return std::unexpected(tx.error());
        if (auto s = write(); !s)
            return s;
        return tx->commit();
    };

    // AUTH-5 then AUTH-3: a refused attempt is not checked at all.
    const Admission rate = m_signInLimiter.tryAcquire(QStringLiteral("register/") + m_registerId);
    if (!rate.allowed) {
        if (auto s = inOwnTransaction([&] {
                return recordEvent(account.id, "refused", Purpose::Unlock,
                                   QStringLiteral("rate limit"));
            });
            !s)
            return std::unexpected(s.error());
        return fail(ErrorCode::Locked, rate.message);
    }
    auto q = m_db.query("SELECT lockout FROM users WHERE id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, account.id);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    const LockoutState state = lockoutFrom(*row ? q->text(0) : QString());
    const Admission locked = m_lockout.check(state);
    if (!locked.allowed) {
        if (auto s = inOwnTransaction([&] {
                return recordEvent(account.id, "refused", Purpose::Unlock,
                                   QStringLiteral("locked"));
            });
            !s)
            return std::unexpected(s.error());
        return fail(ErrorCode::Locked, locked.message);
    }

    auto key = openTotpSecret(account); // ENC-5: the field key is read only now
    if (!key)
        return std::unexpected(key.error());
    const std::optional<std::uint64_t> last =
        account.totpLastStep > 0
            ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(account.totpLastStep))
            : std::nullopt;
    auto verdict = Totp::verify(*key, totpCode, m_clock.nowUtc(), last);
    if (!verdict || verdict->outcome != TotpOutcome::Accepted) {
        const bool replayed = verdict && verdict->outcome == TotpOutcome::Replayed;
        // The user is known (the session), so saying which way it was wrong gives nothing away.
        return failed(Purpose::Unlock, &account, account.code,
                      replayed ? QStringLiteral("sign-in code used before")
                               : QStringLiteral("wrong sign-in code"),
                      replayed ? tr("That code was used already: wait for the next one your "
                                    "authenticator app shows.")
                               : tr("The code from the authenticator app is not right. Check "
                                    "that the phone's clock is right."));
    }

    Proof proof;
    proof.totpStep = verdict->step;
    proof.account = std::move(account);
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = applySuccess(proof); !s)
        return s; // another register took this step meanwhile: "used already"
    if (auto s = recordEvent(session.userId, "sign_in", Purpose::Unlock, StepUpDetail); !s)
        return s;
    if (auto s = tx->commit(); !s)
        return s;
    qCInfo(lcAuth) << "user" << session.userId << "confirmed the second factor";
    return {};
}

} // namespace pos
