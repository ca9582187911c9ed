#include "AuditCommands.h"

#include "Console.h"

#include "audit/AuditExporter.h"
#include "audit/AuditVerifier.h"
#include "staff/Permission.h"

#include <QFileInfo>
#include <QTextStream>

namespace pos::cli {

namespace {

// Work done on standard error, rewriting one line; never cancels. withCounts: "done / total" too
// (rows); without, only the percentage (a bundle's progress counts bytes of the file).
AuditProgress progressLine(const QString& what, bool withCounts = true)
{
    return [what, withCounts](qint64 done, qint64 total) {
        const qint64 pct = total > 0 ? done * 100 / total : 100;
        err() << '\r' << what << ": ";
        if (withCounts)
            err() << done << " / " << total << " (" << pct << "%)";
        else
            err() << pct << '%';
        if (done >= total)
            err() << '\n';
        err().flush();
        return true;
    };
}

// "verified: 1204 rows, 3 checkpoints, key fingerprint 1a2b ..." or the first damage.
QString verdictText(const AuditVerdict& v)
{
    if (v.intact())
        return QStringLiteral("verified: %1 rows, %2 checkpoints, key fingerprint %3")
            .arg(v.rowsVerified)
            .arg(v.checkpointsVerified)
            .arg(AuditVerifier::fingerprint(v.publicKey));
    return QStringLiteral("DAMAGED at row %1: %2: %3")
        .arg(v.badSeq)
        .arg(AuditVerifier::describe(v.damage), v.explanation);
}

} // namespace

int runAuditVerify(const StoreOptions& options, const QString& user)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    if (auto may = s.access().require(s.session(), Permission::AuditView); !may)
        return failWith(may.error());
    auto verdict = AuditVerifier::verifyOwn(s.db(), progressLine(QStringLiteral("Checking rows")));
    if (!verdict)
        return failWith(verdict.error());
    out() << verdictText(*verdict) << Qt::endl;
    return verdict->intact() ? 0 : 1;
}

int runAuditExport(const StoreOptions& options, const QString& user, const QString& outDir)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    AuditExporter exporter(s.db(), s.access(), s.auth(), s.clock());
    // Refused before the second code is asked for when the role may not export at all.
    if (auto may = s.access().require(s.session(), Permission::AuditExport); !may)
        return failWith(may.error());
    auto code = readSecret("An export needs one more code: the next code your authenticator app "
                           "shows (each code works once): ",
                           QStringLiteral("code for the export"));
    if (!code)
        return failWith(code.error());
    auto files = exporter.exportTo(s.session(), *code, outDir,
                                   progressLine(QStringLiteral("Exporting rows")));
    if (!files)
        return failWith(files.error());
    out() << "Exported " << files->rows << " audit rows and " << files->checkpoints
          << " checkpoints of " << files->registerIds.size() << " register(s):\n"
          << "  " << files->bundlePath << "  (check it with: posctl audit verify-bundle FILE)\n"
          << "  " << files->csvPath << Qt::endl;
    return 0;
}

int runAuditVerifyBundle(const QString& file, const QString& expectKeyBase64)
{
    QByteArray expectKey;
    if (!expectKeyBase64.isEmpty()) {
        auto decoded = QByteArray::fromBase64Encoding(expectKeyBase64.toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != 32) {
            err() << "posctl: --expect-key takes a register's public key: 32 bytes in base64\n";
            return 2;
        }
        expectKey = decoded.decoded;
    }
    auto verdicts = AuditVerifier::verifyBundle(
        file, expectKey, progressLine(QStringLiteral("Checking the bundle"), false));
    if (!verdicts)
        return failWith(verdicts.error());
    if (verdicts->isEmpty())
        return failWith(Error{ErrorCode::InvalidInput,
                              QStringLiteral("%1 holds no register's audit rows").arg(file)});
    bool intact = true;
    for (const AuditVerdict& v : std::as_const(*verdicts)) {
        out() << "register " << v.registerId << ": " << verdictText(v) << '\n';
        intact = intact && v.intact();
    }
    out().flush();
    if (!intact)
        err() << "posctl: " << QFileInfo(file).fileName() << " is damaged: see above" << Qt::endl;
    return intact ? 0 : 1;
}

} // namespace pos::cli
