#include "SyncCommands.h"

#include "Console.h"

#include "staff/Permission.h"
#include "sync/Enrolment.h"
#include "sync/OutboxReader.h"
#include "sync/SyncEngine.h"
#include "sync/SyncStateStore.h"
#include "sync/WitnessStore.h"

#include <QEventLoop>
#include <optional>

namespace pos::cli {

namespace {

QString when(const QDateTime& utc)
{
    return utc.isValid() ? utc.toUTC().toString(Qt::ISODate) : QStringLiteral("never");
}

} // namespace

int runSyncEnrol(const StoreOptions& options, const QString& user, const QString& server,
                 const QString& pin, const QString& name)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    // Refused before the code is asked for when this user may not enrol at all.
    if (auto may = s.access().require(s.session(), Permission::SettingsManage); !may)
        return failWith(may.error());
    if (s.session().role != Role::Owner)
        return failWith(Error{ErrorCode::PermissionDenied,
                              QStringLiteral("Only an owner may enrol this register with a sync "
                                             "server.")});
    auto code =
        readSecret("Enrolment code from the enrolment sheet: ", QStringLiteral("enrolment code"));
    if (!code)
        return failWith(code.error());

    Enrolment enrolment(s.db(), s.keys(), s.access(), s.auth(), s.clock());
    std::optional<Result<EnrolmentOutcome>> result;
    QEventLoop loop;
    enrolment.start(s.session(), EnrolmentRequest{server, std::move(*code), pin, name},
                    [&](Result<EnrolmentOutcome> r) {
                        result = std::move(r);
                        loop.quit();
                    });
    if (!result)
        loop.exec();
    if (!*result)
        return failWith(result->error());
    const EnrolmentOutcome& o = **result;
    out() << "Enrolled with " << o.serverUrl << " as \"" << o.registerName << "\"\n"
          << "  company: " << o.companyName << " (" << o.companyId << ")\n"
          << "  store:   " << o.storeName << " (" << o.storeId << ")\n"
          << "  pinned server keys: " << o.pins.join(QStringLiteral(", ")) << '\n'
          << "  this register's device key fingerprint: " << o.deviceKeyFingerprint << Qt::endl;
    if (std::abs(o.clockSkewSeconds) > 300)
        err() << "posctl: warning: this register's clock is " << std::abs(o.clockSkewSeconds)
              << " seconds " << (o.clockSkewSeconds > 0 ? "behind" : "ahead of")
              << " the server's; the server refuses requests more than 300 seconds off: set the "
                 "clock"
              << Qt::endl;
    return 0;
}

int runSyncNow(const StoreOptions& options, const QString& user)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    if (auto may = s.access().require(s.session(), Permission::ReportsView); !may)
        return failWith(may.error());
    auto opener = SyncEngine::openerFor(s.db(), s.keys());
    if (!opener)
        return failWith(opener.error());
    SyncEngineOptions o;
    o.registerId = s.settings().registerId;
    o.openDatabase = *opener;
    o.keys = &s.keys();
    o.database = &s.db();
    o.clock = &s.clock();
    o.automatic = false;
    SyncEngine engine(std::move(o));
    std::optional<SyncRunReport> report;
    QEventLoop loop;
    QObject::connect(&engine, &SyncEngine::runFinished, &loop, [&](const SyncRunReport& r) {
        report = r;
        loop.quit();
    });
    QObject::connect(&engine, &SyncEngine::progress, &loop, [](qint64 done, qint64 total) {
        if (total <= 0)
            return;
        err() << "\rSending records: " << done << " / " << total;
        if (done >= total)
            err() << '\n';
        err().flush();
    });
    engine.syncNow();
    if (!report)
        loop.exec();
    const SyncRunReport& r = *report;
    using Outcome = SyncRunReport::Outcome;
    if (r.outcome == Outcome::NotEnrolled)
        return failWith(Error{ErrorCode::NotFound,
                              QStringLiteral("This register is not enrolled with a sync server: "
                                             "an owner runs posctl sync enrol first.")});
    out() << "Sent " << r.recordsSent << " records in " << r.batches << " batch(es) to "
          << r.serverUrl << ": " << r.stored << " new, " << r.duplicates
          << " the server already had; " << r.witnessed << " checkpoint(s) countersigned.\n";
    if (r.pulled)
        out() << "Received " << r.changesPulled << " change(s) from the server.\n";
    out() << r.pendingAfter << " record(s) still waiting to be sent." << Qt::endl;
    if (r.outcome != Outcome::Done)
        return failWith(Error{ErrorCode::Io, r.error});
    if (!r.error.isEmpty())
        err() << "posctl: warning: " << r.error << Qt::endl;
    return 0;
}

int runSyncStatus(const StoreOptions& options, const QString& user)
{
    auto store = openSignedIn(options, user);
    if (!store)
        return failWith(store.error());
    SignedIn& s = **store;
    if (auto may = s.access().require(s.session(), Permission::ReportsView); !may)
        return failWith(may.error());
    SyncStateStore state(s.db());
    auto enrolment = state.enrolment();
    if (!enrolment)
        return failWith(enrolment.error());
    auto pending = OutboxReader(s.db()).pendingCount();
    if (!pending)
        return failWith(pending.error());
    if (!*enrolment) {
        out() << "Not enrolled with a sync server (posctl sync enrol).\n"
              << *pending << " record(s) waiting to be sent once it is." << Qt::endl;
        return 0;
    }
    const SyncEnrolment& e = **enrolment;
    auto lastSuccess = state.lastSuccess();
    auto lastError = state.lastError();
    auto witnesses = WitnessStore(s.db()).forRegister(s.settings().registerId);
    if (!lastSuccess || !lastError || !witnesses)
        return failWith(!lastSuccess ? lastSuccess.error()
                        : !lastError ? lastError.error()
                                     : witnesses.error());
    out() << "Server:        " << e.serverUrl << '\n'
          << "Company:       " << e.companyName << " (" << e.companyId << ")\n"
          << "Store:         " << e.storeName << " (" << e.storeId << ")\n"
          << "Register:      " << e.registerName << " (" << s.settings().registerId << ")\n"
          << "Enrolled:      " << when(e.enrolledAt) << '\n'
          << "Pinned keys:   " << e.pins.join(QStringLiteral(", ")) << '\n'
          << "Waiting:       " << *pending << " record(s)\n"
          << "Last sync:     " << when(*lastSuccess) << '\n'
          << "Countersigned: " << witnesses->size() << " checkpoint(s)";
    if (!witnesses->isEmpty())
        out() << ", newest covers " << witnesses->last().rowCount << " audit rows";
    out() << '\n';
    if (!lastError->isEmpty())
        out() << "Last problem:  " << *lastError << '\n';
    out().flush();
    return 0;
}

} // namespace pos::cli
