#pragma once

#include "StoreAccess.h"

namespace pos::cli {

// posctl sync ...: this register and the central sync server (docs/sync.md). Exit codes as in
// Commands.h: 0 done, 1 refused or failed, 2 wrong usage.

// sync enrol --user CODE --server URL [--pin HEX] [--name NAME]: an owner's sign-in (password,
// then the authenticator code), then the one-time enrolment code on the next line of standard
// input (never on the command line). --pin: the pin from the enrolment sheet, needed when this
// computer's CAs do not trust the server's certificate.
int runSyncEnrol(const StoreOptions& options, const QString& user, const QString& server,
                 const QString& pin, const QString& name);
// sync now --user CODE: one push and pull run in the foreground; prints what went (reports.view).
int runSyncNow(const StoreOptions& options, const QString& user);
// sync status --user CODE: where the register is enrolled, what waits, the last success and
// error (reports.view).
int runSyncStatus(const StoreOptions& options, const QString& user);

} // namespace pos::cli
