#pragma once

#include "Clock.h"
#include "Error.h"
#include "auth/Admission.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace pos {

// What the caller keeps per account (in the store, as JSON) between attempts.
struct LockoutState {
    int consecutiveFailures = 0;
    QDateTime lockedUntil;           // invalid when no lock was ever set
    QList<QDateTime> recentFailures; // oldest first; only the last hour, at most the hourly cap

    // {"v":1,"failures":n,"lockedUntil":ms|null,"recent":[ms,...]} with UTC milliseconds since
    // 1970. fromJson refuses anything else (wrong types, negative values, too many).
    QJsonObject toJson() const;
    static Result<LockoutState> fromJson(const QJsonObject& json);
};

struct LockoutPolicy {
    int threshold = 5;            // consecutive failures that lock
    qint64 firstLockSecs = 30;    // the lock after the threshold-th failure
    qint64 maxLockSecs = 3600;    // back-off doubles per further failure up to this
    int maxFailuresPerHour = 100; // in any case, over a sliding hour
};

// AUTH-3 building block: lockout with growing back-off, as pure logic over LockoutState and an
// injectable clock. The threshold-th consecutive failure locks for 30 s, each further one (once
// the lock has run out) for twice as long as the one before: 1 min, 2 min, 4 min ... at most
// 1 h. A success resets the consecutive count but not the hourly record: at most 100 failures in
// any sliding hour, whatever successes came between. Times come only from the clock; a clock set
// back makes locks last longer, never shorter.
class Lockout {
public:
    explicit Lockout(const Clock& clock, LockoutPolicy policy = {});

    // Before an attempt: may it go ahead now? Refused attempts must not be verified at all.
    Admission check(const LockoutState& state) const;
    // After a failed attempt; returns what check() would now say (so the caller can show "locked
    // for 30 seconds" at once).
    Admission recordFailure(LockoutState& state) const;
    void recordSuccess(LockoutState& state) const;

    // The lock that the n-th consecutive failure sets, in seconds (0 below the threshold).
    qint64 lockSecondsAfter(int consecutiveFailures) const;
    const LockoutPolicy& policy() const { return m_policy; }

private:
    const Clock& m_clock;
    LockoutPolicy m_policy;
};

} // namespace pos
