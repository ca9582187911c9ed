#pragma once

#include "Clock.h"
#include "auth/Admission.h"

#include <QString>
#include <deque>
#include <map>

namespace pos {

struct RateLimit {
    int maxEvents = 10;     // events allowed ...
    qint64 windowSecs = 60; // ... in any sliding window of this length
    QString what;           // plural noun for messages, e.g. "refunds"; "attempts" when empty
    int maxKeys = 10000;    // distinct keys held at once (memory bound)
};

// AUTH-5 building block: an exact sliding-window limiter. Each key (e.g. "user 42/refund") may
// have at most maxEvents accepted events in any window of windowSecs; the accepted events'
// timestamps are kept (at most maxEvents per key, at most maxKeys keys), so there is no
// fixed-bucket burst at a bucket edge. Refused attempts are not recorded: they do not push the
// retry time further out. When maxKeys keys are live at once, keys whose events have all left
// the window are dropped; if none can be, a new key is refused (fails closed) rather than
// forgetting a live key's history. In memory only: limits restart with the process.
class RateLimiter {
public:
    RateLimiter(const Clock& clock, RateLimit limit);

    // Records the event and allows it, or refuses with retryAt and "Too many refunds: try again
    // in 40 seconds."
    Admission tryAcquire(const QString& key);
    // The same answer without recording anything.
    Admission check(const QString& key) const;
    int remaining(const QString& key) const;
    void reset(const QString& key);
    std::size_t keyCount() const { return m_events.size(); }

private:
    using Events = std::deque<qint64>; // accepted events, ms since 1970, oldest first
    qint64 nowMs() const;
    int liveCount(const Events& events, qint64 now) const;
    void dropExpiredKeys(qint64 now);
    Admission refuse(qint64 now, qint64 retryAtMs, const QString& messageTemplate) const;

    const Clock& m_clock;
    RateLimit m_limit;
    std::map<QString, Events> m_events;
};

} // namespace pos
