#pragma once

#include "Error.h"
#include "audit/AuditVerifier.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace pos {

class AccessControl;
class AuthService;
class Clock;
class Database;

// What one export wrote.
struct AuditExportFiles {
    QString bundlePath;      // <dir>/audit-<register>-<date>.posaudit (docs/audit-format.md)
    QString csvPath;         // <dir>/audit-<register>-<date>.csv
    qint64 rows = 0;         // audit rows in each file (the export's own row included)
    qint64 checkpoints = 0;  // checkpoints in the bundle (the export's own one is the last)
    QStringList registerIds; // whose chains: this register first, then the store's others
};

// AUD-5: the owner's export of this store's audit trail as a verifiable bundle and a CSV.
//
// exportTo() needs the permission audit.export and a fresh second factor
// (AuthService::confirmSecondFactor with a code from the user's authenticator app): refused,
// nothing is written, no file and no audit row. Then, in one transaction, an "audit.export" row
// (after: row count, registers, the two file names) and a fresh "export" checkpoint that covers
// it; after the commit both files are streamed (QSaveFile, mode 0600: a file appears whole or
// not at all) holding every row of this store's registers up to that point and every checkpoint.
// Rows are read and written one at a time, so a chain of millions of rows needs no more memory
// than a few.
//
// The bundle is JSON Lines as docs/audit-format.md says; the CSV (UTF-8 with a byte order mark,
// RFC 4180, CRLF) has the columns seq, time, register, actor, approver, action, entity, before,
// after, hash (hex), with names instead of ids; a cell that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) is prefixed with '.
//
// Call it on the Database's thread. progress(done, total) is called now and then with rows
// written; returning false cancels: no file is left behind and an "audit.export_cancelled" row
// records that the export registered in the log did not produce files (likewise
// "audit.export_failed" when writing fails, e.g. a full disk).
class AuditExporter {
public:
    AuditExporter(Database& db, AccessControl& access, AuthService& auth, const Clock& clock);

    // "audit-Till-1-2026-11-21": the register's name with anything but ASCII letters, digits,
    // '-' and '_' made '-', and the local date of the export.
    static QString fileBaseName(const QString& registerName, const QDate& date);
    // The two paths exportTo() would write in directory now (for asking before overwriting).
    Result<AuditExportFiles> plannedFiles(const QString& directory);

    // Errors: PermissionDenied / Unauthenticated (RBAC), InvalidInput or Locked from the second
    // factor, Io when a file cannot be written, Conflict when progress cancelled it.
    Result<AuditExportFiles> exportTo(const Session& session, const SecretBytes& totpCode,
                                      const QString& directory, const AuditProgress& progress = {});

private:
    Database& m_db;
    AccessControl& m_access;
    AuthService& m_auth;
    const Clock& m_clock;
};

} // namespace pos
