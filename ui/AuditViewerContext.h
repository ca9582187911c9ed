#pragma once

#include "Clock.h"
#include "audit/AuditQuery.h"
#include "staff/AccessControl.h"

#include <functional>
#include <memory>

namespace pos {
class AuditExporter;
class KeyStore;
class RemoteAuditSession;
} // namespace pos

namespace pos::ui {

// What the audit viewer works with, owned by the app (or a test): the viewer's core API, the
// access check (to know whether Export shows), the key store (the chain check opens a second
// connection to the store with its key), the clock ("today") and the exporter (null: no Export
// button).
struct AuditViewerContext {
    AuditQuery& query;
    AccessControl& access;
    KeyStore& keys;
    const Clock& clock;
    AuditExporter* exporter = nullptr;
    // The owner's view across registers (AUD-7): a session with the sync server for "All
    // registers (from server)…" (RemoteAuditWindow); empty: the button is not there.
    std::function<std::unique_ptr<RemoteAuditSession>()> remote = {};
};

} // namespace pos::ui
