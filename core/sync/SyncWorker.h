#pragma once

#include <QObject>

namespace pos {

// SyncEngine's worker (its own thread and store connection). Work in progress.
class SyncWorker : public QObject {
    Q_OBJECT
};

} // namespace pos
