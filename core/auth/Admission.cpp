#include "auth/Admission.h"

namespace pos {

QString Admission::describeWait(qint64 seconds)
{
    if (seconds < 1)
        seconds = 1;
    if (seconds < 60)
        return seconds == 1 ? QStringLiteral("1 second")
                            : QStringLiteral("%1 seconds").arg(seconds);
    if (seconds <= 3600) {
        const qint64 minutes = (seconds + 59) / 60;
        if (minutes == 60)
            return QStringLiteral("1 hour");
        return minutes == 1 ? QStringLiteral("1 minute")
                            : QStringLiteral("%1 minutes").arg(minutes);
    }
    const qint64 hours = (seconds + 3599) / 3600;
    return QStringLiteral("%1 hours").arg(hours);
}

Admission Admission::refuse(const QString& messageTemplate, const QDateTime& now,
                            const QDateTime& retryAt)
{
    // Round the remaining time up so "0 seconds" is never shown while still refused.
    const qint64 ms = now.msecsTo(retryAt);
    const qint64 seconds = (ms + 999) / 1000;
    return Admission{false, retryAt, messageTemplate.arg(describeWait(seconds))};
}

} // namespace pos
