#include "StartupFlow.h"

#include "KeySetupDialog.h"
#include "LockScreen.h"
#include "OpenShiftDialog.h"
#include "SetupWizard.h"
#include "WrappedLabel.h"
#include "audit/AuditLog.h"
#include "demo/DemoSeeder.h"
#include "staff/AuthService.h"
#include "store/KeychainKeyStore.h"
#include "store/SealedKeyFile.h"
#include "store/StoreFile.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QScreen>
#include <QVBoxLayout>

using namespace pos;

void StartupFlow::fatal(const QString& title, const QString& message)
{
    m_failed = true;
    // The title is repeated as the text: kiosk sessions may have no window manager to show it.
    QMessageBox box(QMessageBox::Critical, title, title, QMessageBox::Close);
    box.setObjectName(QStringLiteral("startupError"));
    box.setInformativeText(ui::WrappedLabel::sentence(message));
    box.exec();
}

std::unique_ptr<Database> StartupFlow::openStore()
{
    // A register that chose the sealed key file keeps using it; the keychain is not asked.
    if (QFileInfo::exists(SealedKeyFile::defaultPathFor(m_storePath)))
        return openWithSealedKeyFile({});

    auto keychain = std::make_unique<KeychainKeyStore>();
    auto db = StoreFile::openOrCreate(m_storePath, *keychain);
    if (db) {
        m_keys = std::move(keychain);
        return std::move(*db);
    }
    if (db.error().code == ErrorCode::KeychainUnavailable && !QFileInfo::exists(m_storePath))
        return openWithSealedKeyFile(db.error().message);
    // The store exists and its key is in a keychain that does not answer, or anything else went
    // wrong: say what core says (it names the file) and leave the file alone.
    fatal(tr("Cannot open the register's data"),
          tr("%1\n\nThe register will close.").arg(db.error().message));
    return nullptr;
}

std::unique_ptr<Database> StartupFlow::openWithSealedKeyFile(const QString& keychainMessage)
{
    const QString keyPath = SealedKeyFile::defaultPathFor(m_storePath);
    const auto mode = QFileInfo::exists(keyPath) ? ui::KeySetupDialog::Mode::Unlock
                                                 : ui::KeySetupDialog::Mode::Create;
    QString problem;
    for (;;) {
        ui::KeySetupDialog dialog(mode, m_storePath, keyPath, keychainMessage);
        if (!problem.isEmpty())
            dialog.setError(problem);
        if (dialog.exec() != QDialog::Accepted)
            return nullptr; // the owner chose to quit
        auto sealed = std::make_unique<SealedKeyFile>(keyPath, dialog.takePassphrase());
        auto db = StoreFile::openOrCreate(m_storePath, *sealed);
        if (db) {
            m_keys = std::move(sealed);
            return std::move(*db);
        }
        const ErrorCode code = db.error().code;
        if (mode == ui::KeySetupDialog::Mode::Unlock &&
            (code == ErrorCode::WrongKeyOrDamaged || code == ErrorCode::Crypto ||
             code == ErrorCode::InvalidInput)) {
            problem = db.error().message;
            continue;
        }
        fatal(tr("Cannot open the register's data"),
              tr("%1\n\nThe register will close.").arg(db.error().message));
        return nullptr;
    }
}

std::optional<QString> StartupFlow::registerIdBeforeSignIn(Database& db)
{
    auto settings = RegisterSettings::load(db);
    if (settings)
        return settings->registerId;
    if (settings.error().code == ErrorCode::NotFound)
        return QString(); // a new store: set-up gives this register its id
    fatal(tr("Cannot read the register's settings"), settings.error().message);
    return std::nullopt;
}

bool StartupFlow::openAuditLog(Database& db, SetupService& setup, const QString& registerId,
                               const Clock& clock)
{
    if (registerId.isEmpty())
        return true; // a new store: set-up starts the log
    auto setUp = setup.isSetUp();
    if (!setUp) {
        fatal(tr("Cannot read the staff accounts"), setUp.error().message);
        return false;
    }
    if (!*setUp)
        return true; // the wizard's SetupService starts it
    auto log = AuditLog::open(db, *m_keys, registerId, clock);
    if (!log) {
        fatal(tr("Cannot open the register's audit log"),
              tr("%1\n\nEvery sale, refund and sign-in is recorded in the audit log, so the "
                 "counter does not run without it. The register will close.")
                  .arg(log.error().message));
        return false;
    }
    db.attachAuditLog(std::move(*log));
    return true;
}

std::optional<Session> StartupFlow::signIn(AuthService& auth, SetupService& setup,
                                           const Clock& clock)
{
    auto setUp = setup.isSetUp();
    if (!setUp) {
        fatal(tr("Cannot read the staff accounts"), setUp.error().message);
        return std::nullopt;
    }
    if (!*setUp) {
        ui::SetupWizard wizard(setup, clock);
        if (wizard.exec() != QDialog::Accepted || !wizard.session())
            return std::nullopt; // the owner chose to quit
        m_demoCatalogChosen = wizard.loadDemoCatalog();
        return wizard.session();
    }

    QDialog dialog;
    dialog.setObjectName(QStringLiteral("signInDialog"));
    dialog.setWindowTitle(tr("Sign in"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* screen = new ui::LockScreen(auth, &dialog);
    screen->setQuitAllowed(true);
    layout->addWidget(screen);
    std::optional<Session> session;
    bool quit = false;
    QObject::connect(screen, &ui::LockScreen::signedIn, &dialog, [&](const Session& s) {
        session = s;
        dialog.accept();
    });
    QObject::connect(screen, &ui::LockScreen::quitRequested, &dialog, [&] {
        quit = true;
        dialog.reject();
    });
    screen->showSignIn();
    // The whole screen, also where no window manager maximizes windows (kiosk sessions).
    if (const QScreen* screenNow = QGuiApplication::primaryScreen())
        dialog.resize(screenNow->availableGeometry().size());
    dialog.setWindowState(Qt::WindowMaximized);
    // Esc (or a window manager's close) does not end the program: the Quit button does.
    while (!session && !quit)
        dialog.exec();
    return session;
}

std::optional<RegisterSettings> StartupFlow::loadSettings(Database& db)
{
    auto settings = RegisterSettings::load(db);
    if (!settings) {
        fatal(tr("Cannot read the register's settings"), settings.error().message);
        return std::nullopt;
    }
    return *settings;
}

void StartupFlow::loadDemoCatalog(Database& db, AccessControl& access, CatalogService& catalog,
                                  const Session& session)
{
    constexpr qint64 DemoProducts = 500;
    if (!m_demoCatalogChosen)
        return;
    auto count = catalog.productCount(session);
    if (!count || *count > 0)
        return;
    if (auto may = access.require(session, Permission::CatalogEdit); !may)
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    DemoSeeder seeder(db, access, catalog.currency());
    Status seeded = seeder.seedTaxClasses(session);
    if (seeded) {
        auto added = seeder.seedProducts(session, DemoProducts);
        if (!added)
            seeded = std::unexpected(added.error());
    }
    QApplication::restoreOverrideCursor();
    if (!seeded)
        QMessageBox::warning(nullptr, tr("Demo catalog not loaded"), seeded.error().message);
}

bool StartupFlow::ensureShift(ShiftService& shifts, const Session& session, const QString& currency)
{
    auto current = shifts.current(session);
    if (current)
        return true;
    if (current.error().code != ErrorCode::NotFound) {
        fatal(tr("Cannot read the shift"), current.error().message);
        return false;
    }
    ui::OpenShiftDialog dialog(shifts, session, currency);
    return dialog.exec() == QDialog::Accepted;
}
