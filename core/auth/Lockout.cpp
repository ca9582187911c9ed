#include "auth/Lockout.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QLoggingCategory>
#include <algorithm>
#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

constexpr qint64 HourMs = 3600 * 1000;
constexpr int MaxStoredFailures = 1000;
constexpr int MaxCountedFailures = 1000000;

// A JSON number that is a whole number in [0, max], or -1.
qint64 wholeNumber(const QJsonValue& v, qint64 max)
{
    if (!v.isDouble())
        return -1;
    const double d = v.toDouble();
    if (!(d >= 0) || d > static_cast<double>(max) || std::floor(d) != d)
        return -1;
    return static_cast<qint64>(d);
}

} // namespace

QJsonObject LockoutState::toJson() const
{
    QJsonArray recent;
    for (const QDateTime& t : recentFailures)
        recent.append(static_cast<double>(t.toMSecsSinceEpoch()));
    QJsonObject json;
    json[QStringLiteral("v")] = 1;
    json[QStringLiteral("failures")] = consecutiveFailures;
    json[QStringLiteral("lockedUntil")] =
        lockedUntil.isValid() ? QJsonValue(static_cast<double>(lockedUntil.toMSecsSinceEpoch()))
                              : QJsonValue(QJsonValue::Null);
    json[QStringLiteral("recent")] = recent;
    return json;
}

Result<LockoutState> LockoutState::fromJson(const QJsonObject& json)
{
    const auto bad = [] {
        return fail(ErrorCode::InvalidInput, QStringLiteral("the stored lockout state is damaged"));
    };
    constexpr qint64 maxMs = qint64{1} << 52; // exact in a double, far beyond year 100000
    if (json.size() != 4 || wholeNumber(json.value(QStringLiteral("v")), 1) != 1)
        return bad();
    LockoutState state;
    const qint64 failures = wholeNumber(json.value(QStringLiteral("failures")), MaxCountedFailures);
    if (failures < 0)
        return bad();
    state.consecutiveFailures = static_cast<int>(failures);
    const QJsonValue until = json.value(QStringLiteral("lockedUntil"));
    if (!until.isNull()) {
        const qint64 ms = wholeNumber(until, maxMs);
        if (ms < 0)
            return bad();
        state.lockedUntil = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    const QJsonValue recent = json.value(QStringLiteral("recent"));
    if (!recent.isArray() || recent.toArray().size() > MaxStoredFailures)
        return bad();
    for (const QJsonValue& v : recent.toArray()) {
        const qint64 ms = wholeNumber(v, maxMs);
        if (ms < 0)
            return bad();
        state.recentFailures.append(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
    }
    std::sort(state.recentFailures.begin(), state.recentFailures.end());
    return state;
}

Lockout::Lockout(const Clock& clock, LockoutPolicy policy) : m_clock(clock), m_policy(policy) {}

qint64 Lockout::lockSecondsAfter(int consecutiveFailures) const
{
    if (consecutiveFailures < m_policy.threshold)
        return 0;
    const int doublings = consecutiveFailures - m_policy.threshold;
    if (doublings >= 30)
        return m_policy.maxLockSecs;
    return std::min(m_policy.firstLockSecs << doublings, m_policy.maxLockSecs);
}

Admission Lockout::check(const LockoutState& state) const
{
    const QDateTime now = m_clock.nowUtc();
    QDateTime lockEnd;
    if (state.lockedUntil.isValid() && now < state.lockedUntil)
        lockEnd = state.lockedUntil;

    // Failures inside the sliding hour, oldest first. Once the cap is reached, the next attempt
    // may go ahead when enough of them have left the hour to be one below the cap again.
    QList<qint64> inHour;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    for (const QDateTime& t : state.recentFailures)
        if (nowMs - t.toMSecsSinceEpoch() < HourMs)
            inHour.append(t.toMSecsSinceEpoch());
    std::sort(inHour.begin(), inHour.end()); // a clock set back can append out of order
    QDateTime capEnd;
    const qsizetype cap = m_policy.maxFailuresPerHour;
    if (inHour.size() >= cap)
        capEnd = QDateTime::fromMSecsSinceEpoch(inHour[inHour.size() - cap] + HourMs, Qt::UTC);

    if (capEnd.isValid() && (!lockEnd.isValid() || capEnd > lockEnd))
        return Admission::refuse(
            QStringLiteral("Too many failed attempts in the last hour: try again in %1."), now,
            capEnd);
    if (lockEnd.isValid())
        return Admission::refuse(QStringLiteral("Too many failed attempts: locked for another %1."),
                                 now, lockEnd);
    return Admission::allow();
}

Admission Lockout::recordFailure(LockoutState& state) const
{
    const QDateTime now = m_clock.nowUtc();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    state.recentFailures.removeIf(
        [nowMs](const QDateTime& t) { return nowMs - t.toMSecsSinceEpoch() >= HourMs; });
    state.recentFailures.append(now);
    std::sort(state.recentFailures.begin(), state.recentFailures.end());
    const qsizetype keep = std::clamp(m_policy.maxFailuresPerHour, 1, MaxStoredFailures);
    if (state.recentFailures.size() > keep)
        state.recentFailures.remove(0, state.recentFailures.size() - keep);

    state.consecutiveFailures = std::min(state.consecutiveFailures + 1, MaxCountedFailures);
    const qint64 lockSecs = lockSecondsAfter(state.consecutiveFailures);
    if (lockSecs > 0) {
        state.lockedUntil = now.addSecs(lockSecs);
        qCInfo(lcAuth) << "account locked for" << lockSecs << "s after" << state.consecutiveFailures
                       << "consecutive failures";
    }
    return check(state);
}

void Lockout::recordSuccess(LockoutState& state) const
{
    state.consecutiveFailures = 0;
    state.lockedUntil = QDateTime();
}

} // namespace pos
