#pragma once

#include "StoreAccess.h"

namespace pos::cli {

// posctl audit ...: the register's audit trail from the command line (AUD-4, AUD-5). Exit codes
// as in Commands.h: 0 done (and intact), 1 refused, failed or damaged, 2 wrong usage.

// audit verify --user CODE: this register's chain in its store, against its key and the
// checkpoint kept in the key store (audit.view). Prints "verified: N rows, K checkpoints, key
// fingerprint ..." or "DAMAGED at row N: <kind>: <explanation>".
int runAuditVerify(const StoreOptions& options, const QString& user);
// audit export --user CODE --out DIR: the bundle and the CSV (audit.export), after the sign-in
// and one more code from the authenticator app (the second factor is asked again for an export).
int runAuditExport(const StoreOptions& options, const QString& user, const QString& outDir);
// audit verify-bundle FILE [--expect-key BASE64]: nothing but the file (no store, no keychain,
// no user). One line per register; any damage, or another key than the expected one, exits 1.
int runAuditVerifyBundle(const QString& file, const QString& expectKeyBase64);

} // namespace pos::cli
