#include "auth/RateLimiter.h"

#include <QLoggingCategory>
#include <algorithm>
#include <limits>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

RateLimiter::RateLimiter(const Clock& clock, RateLimit limit)
    : m_clock(clock), m_limit(std::move(limit))
{
    m_limit.maxEvents = std::max(m_limit.maxEvents, 1);
    m_limit.windowSecs = std::max<qint64>(m_limit.windowSecs, 1);
    m_limit.maxKeys = std::max(m_limit.maxKeys, 1);
    if (m_limit.what.isEmpty())
        m_limit.what = QStringLiteral("attempts");
}

qint64 RateLimiter::nowMs() const
{
    return m_clock.nowUtc().toMSecsSinceEpoch();
}

int RateLimiter::liveCount(const Events& events, qint64 now) const
{
    const qint64 windowMs = m_limit.windowSecs * 1000;
    // Events are appended in clock order, so expired ones are at the front; an event from a
    // clock later set back still counts (fails closed).
    const auto firstLive =
        std::find_if(events.begin(), events.end(), [&](qint64 t) { return now - t < windowMs; });
    return static_cast<int>(events.end() - firstLive);
}

Admission RateLimiter::refuse(qint64 now, qint64 retryAtMs, const QString& messageTemplate) const
{
    return Admission::refuse(messageTemplate, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC),
                             QDateTime::fromMSecsSinceEpoch(retryAtMs, Qt::UTC));
}

Admission RateLimiter::check(const QString& key) const
{
    const qint64 now = nowMs();
    const auto it = m_events.find(key);
    if (it == m_events.end()) {
        if (m_events.size() < static_cast<std::size_t>(m_limit.maxKeys))
            return Admission::allow();
        // Full: allowed only if tryAcquire could drop an expired key to make room.
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (const auto& [name, events] : m_events) {
            if (liveCount(events, now) == 0)
                return Admission::allow();
            earliest = std::min(earliest, events.front() + m_limit.windowSecs * 1000);
        }
        return refuse(now, earliest, QStringLiteral("Too many requests at once: try again in %1."));
    }
    const Events& events = it->second;
    const int live = liveCount(events, now);
    if (live < m_limit.maxEvents)
        return Admission::allow();
    // The oldest live event that has to leave the window for one more to fit.
    const qint64 leaving = events[events.size() - static_cast<std::size_t>(m_limit.maxEvents)];
    return refuse(
        now, leaving + m_limit.windowSecs * 1000,
        QStringLiteral("Too many %1: try again in %2.").arg(m_limit.what, QStringLiteral("%1")));
}

void RateLimiter::dropExpiredKeys(qint64 now)
{
    for (auto it = m_events.begin(); it != m_events.end();) {
        if (liveCount(it->second, now) == 0)
            it = m_events.erase(it);
        else
            ++it;
    }
}

Admission RateLimiter::tryAcquire(const QString& key)
{
    const qint64 now = nowMs();
    if (!m_events.contains(key) && m_events.size() >= static_cast<std::size_t>(m_limit.maxKeys))
        dropExpiredKeys(now);
    Admission answer = check(key);
    if (!answer.allowed) {
        qCInfo(lcAuth) << "rate limit reached for" << m_limit.what;
        return answer;
    }
    Events& events = m_events[key];
    events.push_back(now);
    // Keep only what can still matter: the newest maxEvents.
    while (events.size() > static_cast<std::size_t>(m_limit.maxEvents))
        events.pop_front();
    return answer;
}

int RateLimiter::remaining(const QString& key) const
{
    const auto it = m_events.find(key);
    const int live = it == m_events.end() ? 0 : liveCount(it->second, nowMs());
    return std::max(m_limit.maxEvents - live, 0);
}

void RateLimiter::reset(const QString& key)
{
    m_events.erase(key);
}

} // namespace pos
