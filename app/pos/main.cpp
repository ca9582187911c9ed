// pos: the desktop counter. Thin on purpose: hardening, options, translator, then StartupFlow
// and the CounterWindow from posui.
#include "../common/StaffKeys.h"
#include "CounterWindow.h"
#include "StartupFlow.h"
#include "SyncContext.h"
#include "UiResources.h"
#include "audit/AuditExporter.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "staff/AuthService.h"
#include "staff/SetupService.h"
#include "store/StoreFile.h"
#include "sync/SyncStateStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QTranslator>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace {

// Keys and card-free but still sensitive sale data live in this process's memory: no core dumps,
// and no ptrace by other processes of the same user.
void disableCoreDumps()
{
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void installTranslators(QApplication& app)
{
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto* ours = new QTranslator(&app);
    if (ours->load(QLocale(), QStringLiteral("pos"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

} // namespace

int main(int argc, char* argv[])
{
    disableCoreDumps();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("pos"));
    QApplication::setOrganizationDomain(QStringLiteral("pos.example"));
    QApplication::setApplicationName(QStringLiteral("pos"));
    QApplication::setApplicationVersion(QStringLiteral(POS_VERSION));
    // Matches packaging/example.pos.Register.desktop, so the desktop shows the right icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("example.pos.Register"));
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Point of Sale"));
    installTranslators(app);
    pos::ui::UiResources::applyCounterStyle(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "The point-of-sale counter of this register."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QApplication::translate("main", "Keep the register's store in <dir>/register.db."),
        QApplication::translate("main", "dir"));
    parser.addOption(dataDir);
    parser.process(app);

    QString storePath;
    if (parser.isSet(dataDir)) {
        const QString dir = parser.value(dataDir);
        if (!QDir().mkpath(dir)) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "Cannot start"),
                QApplication::translate("main", "Cannot create the folder %1.").arg(dir));
            return 2;
        }
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        storePath = QDir(dir).filePath(QStringLiteral("register.db"));
    } else {
        auto path = pos::StoreFile::defaultPath();
        if (!path) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot start"),
                                  path.error().message);
            return 2;
        }
        storePath = *path;
    }

    StartupFlow startup(storePath);
    auto db = startup.openStore();
    if (!db)
        return startup.failed() ? 1 : 0;
    const auto registerId = startup.registerIdBeforeSignIn(*db);
    if (!registerId)
        return 1;

    pos::SystemClock clock;
    pos::RandomIdSource ids;
    pos::AuthService auth(*db, *startup.keys(), pos::app::pinPepperNameFor(storePath), clock, ids,
                          *registerId);
    pos::SetupService setup(*db, auth, clock, ids);
    if (!startup.openAuditLog(*db, setup, *registerId, clock))
        return 1;
    // The first run's set-up wizard, or the lock screen.
    auto session = startup.signIn(auth, setup, clock);
    if (!session)
        return startup.failed() ? 1 : 0;
    auto settings = startup.loadSettings(*db);
    if (!settings)
        return 1;

    pos::SimulatedProcessor processor;
    pos::AccessControl access(*db);
    pos::CatalogService catalog(*db, access, settings->currency);
    pos::SaleService sales(*db, access, clock, ids, processor, settings->registerId);
    pos::ShiftService shifts(*db, access, clock, ids, settings->registerId, settings->currency);
    pos::CustomerService customers(*db, access, clock, ids);

    startup.loadDemoCatalog(*db, access, catalog, *session);
    if (!startup.ensureShift(shifts, *session, settings->currency))
        return startup.failed() ? 1 : 0;

    pos::ApprovalService approvals(*db, auth, clock, ids, settings->registerId);
    shifts.setApprovals(approvals);
    pos::CounterActions actions(*db, clock, ids, approvals, settings->registerId);
    pos::RefundService refunds(*db, clock, ids, processor, approvals, settings->registerId);
    pos::StaffService staff(*db, auth, clock, ids);
    pos::ReportService reports(*db, clock, settings->currency);
    pos::ui::CounterContext context{catalog, sales,     shifts,   customers, access,
                                    clock,   *settings, *session, auth,      approvals,
                                    actions, refunds,   staff,    reports};
    // The owners' and auditors' audit log (Back office > Audit log…), with Export for owners.
    pos::AuditQuery auditQuery(*db, access);
    pos::AuditExporter auditExporter(*db, access, auth, clock);
    pos::ui::AuditViewerContext audit{auditQuery, access, *startup.keys(), clock, &auditExporter};
    context.audit = &audit;
    // The owner's integration credentials (Settings > Integrations…), sealed under a field key of
    // their own beside the store key (ENC-5).
    pos::CredentialVault vault(*db, access, *startup.keys(),
                               pos::CredentialVault::fieldKeyNameFor(storePath), clock);
    context.vault = &vault;
    // Sync with the central server (issue 5): an enrolled register syncs in the background from
    // the start (its own thread and connection: the counter never waits); one that is not gets
    // its engine when an owner connects it (Settings > Connect to sync server…).
    pos::SyncOverview syncOverview(*db, access);
    pos::Enrolment enrolment(*db, *startup.keys(), access, auth, clock);
    pos::ui::SyncContext sync{access, clock, syncOverview, enrolment};
    std::unique_ptr<pos::SyncEngine> syncEngine;
    sync.startEngine = [&]() -> pos::SyncEngine* {
        auto opener = pos::SyncEngine::openerFor(*db, *startup.keys());
        if (!opener) {
            qWarning("sync does not start: %s", qPrintable(opener.error().message));
            return nullptr;
        }
        pos::SyncEngineOptions options;
        options.registerId = settings->registerId;
        options.openDatabase = std::move(*opener);
        options.keys = startup.keys();
        options.database = db.get();
        options.clock = &clock;
        syncEngine = std::make_unique<pos::SyncEngine>(std::move(options));
        syncEngine->start();
        return syncEngine.get();
    };
    if (auto enrolled = pos::SyncStateStore(*db).enrolment(); enrolled && *enrolled)
        sync.engine = sync.startEngine();
    sync.openRemoteAudit = [&] {
        return std::make_unique<pos::RemoteAuditSession>(*db, *startup.keys(), access, clock);
    };
    audit.remote = sync.openRemoteAudit;
    context.sync = &sync;
    pos::ui::CounterWindow window(context);
    window.enableLocking(auth);
    window.resize(1366, 768);
    window.showMaximized();
    return QApplication::exec();
}
