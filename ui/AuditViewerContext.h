#pragma once

#include "Clock.h"
#include "audit/AuditQuery.h"
#include "staff/AccessControl.h"

namespace pos {
class AuditExporter;
class KeyStore;
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
};

} // namespace pos::ui
