#pragma once

#include <QDateTime>
#include <QString>

namespace pos {

// The answer of Lockout and RateLimiter to "may this attempt go ahead now?". When it may not,
// retryAt says when it may and message says so in plain words ("locked for 2 more minutes").
// The message names no account, password, PIN or code.
struct Admission {
    bool allowed = true;
    QDateTime retryAt; // invalid when allowed
    QString message;   // empty when allowed

    static Admission allow() { return {}; }
    // A refusal until retryAt; %1 in the message template becomes the remaining wait.
    static Admission refuse(const QString& messageTemplate, const QDateTime& now,
                            const QDateTime& retryAt);
    // "45 seconds", "1 minute", "2 minutes", "1 hour": the wait rounded up to the unit shown.
    static QString describeWait(qint64 seconds);
};

} // namespace pos
