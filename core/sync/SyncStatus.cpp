#include "sync/SyncStatus.h"

namespace pos {

QString describe(SyncStatus::State state)
{
    switch (state) {
    case SyncStatus::State::NotEnrolled:
        return QStringLiteral("not set up");
    case SyncStatus::State::Idle:
        return QStringLiteral("online");
    case SyncStatus::State::Syncing:
        return QStringLiteral("syncing");
    case SyncStatus::State::Offline:
        return QStringLiteral("offline");
    case SyncStatus::State::Error:
        return QStringLiteral("failing");
    case SyncStatus::State::Blocked:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("unknown");
}

} // namespace pos
