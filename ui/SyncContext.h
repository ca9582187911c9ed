#pragma once

#include "Clock.h"
#include "staff/AccessControl.h"
#include "sync/Enrolment.h"
#include "sync/RemoteAuditSession.h"
#include "sync/SyncEngine.h"
#include "sync/SyncOverview.h"

#include <functional>
#include <memory>

namespace pos::ui {

// What the sync screens work with (issue 5), owned by the app (or a test): the enrolment, the
// sync screen's reads, the running engine (null until the register is enrolled) and how to
// start one once it is, and how to open a session with the server for the owner's view of every
// register's audit log (null: not offered here).
struct SyncContext {
    AccessControl& access;
    const Clock& clock;
    SyncOverview& overview;
    Enrolment& enrolment;
    // The register's background sync; null while the register is not enrolled.
    SyncEngine* engine = nullptr;
    // Called once an enrolment succeeded: makes and starts the engine in the background and
    // returns it (null if it could not be made; the sync screen then says so).
    std::function<SyncEngine*()> startEngine = {};
    // A fresh session with the sync server for the owner's view across registers (AUD-7).
    std::function<std::unique_ptr<RemoteAuditSession>()> openRemoteAudit = {};
};

} // namespace pos::ui
