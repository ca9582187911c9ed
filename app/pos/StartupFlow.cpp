#include "StartupFlow.h"

#include "../common/StaffKeys.h"
#include "KeySetupDialog.h"
#include "OpenShiftDialog.h"
#include "WrappedLabel.h"
#include "demo/DemoSeeder.h"
#include "staff/AuthService.h"
#include "store/KeychainKeyStore.h"
#include "store/SealedKeyFile.h"
#include "store/StoreFile.h"

#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QUuid>

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

std::optional<RegisterSettings> StartupFlow::loadOrInitSettings(Database& db)
{
    auto settings = RegisterSettings::load(db);
    if (settings)
        return *settings;
    if (settings.error().code != ErrorCode::NotFound) {
        fatal(tr("Cannot read the register's settings"), settings.error().message);
        return std::nullopt;
    }
    // A fresh store: until the back office sets registers up, this is the demo register.
    RegisterSettings demo{QStringLiteral("Demo Store"), QStringLiteral("Register 1"),
                          QUuid::createUuid().toString(QUuid::WithoutBraces),
                          QStringLiteral("EUR")};
    if (auto saved = demo.save(db); !saved) {
        fatal(tr("Cannot set up the register"), saved.error().message);
        return std::nullopt;
    }
    return demo;
}

std::optional<Session> StartupFlow::interimSignIn(Database& db, const RegisterSettings& settings,
                                                  const Clock& clock, IdSource& ids)
{
    auto users = db.scalar("SELECT count(*) FROM users");
    if (!users) {
        fatal(tr("Cannot read the staff accounts"), users.error().message);
        return std::nullopt;
    }
    if (*users == 0) {
        QMessageBox box(QMessageBox::Information, tr("No staff accounts yet"),
                        tr("This register has no owner account yet."), QMessageBox::Close);
        box.setObjectName(QStringLiteral("noStaffMessage"));
        box.setInformativeText(
            tr("The set-up wizard is coming. Until then, set the owner up on the command line:\n\n"
               "posctl init --company NAME --owner-name NAME --owner-code CODE\n\n"
               "It asks for the owner's password and enrols the sign-in code app."));
        box.exec();
        return std::nullopt;
    }
    if (!m_keys) {
        fatal(tr("Cannot sign in"), tr("The register's key store is not open."));
        return std::nullopt;
    }
    AuthService auth(db, *m_keys, app::pinPepperNameFor(m_storePath), clock, ids,
                     settings.registerId);
    auto tiles = auth.tiles();
    if (!tiles) {
        fatal(tr("Cannot read the staff accounts"), tiles.error().message);
        return std::nullopt;
    }
    const auto secretOf = [](const QString& text) {
        QByteArray bytes = text.toUtf8();
        return SecretBytes::takeFrom(bytes);
    };
    QString problem;
    for (;;) {
        bool ok = false;
        const QString code =
            QInputDialog::getText(nullptr, tr("Sign in"),
                                  problem.isEmpty() ? tr("User code:")
                                                    : problem + u"\n\n" + tr("User code:"),
                                  QLineEdit::Normal, {}, &ok)
                .trimmed();
        if (!ok)
            return std::nullopt;
        bool pin = false, totp = false;
        for (const StaffTile& t : std::as_const(*tiles)) {
            if (t.code == code) {
                pin = t.signsInWithPin;
                totp = t.needsTotp;
            }
        }
        const QString secretText =
            QInputDialog::getText(nullptr, tr("Sign in"), pin ? tr("PIN:") : tr("Password:"),
                                  QLineEdit::Password, {}, &ok);
        if (!ok)
            continue;
        SecretBytes totpCode;
        if (totp) {
            const QString codeText = QInputDialog::getText(
                nullptr, tr("Sign in"), tr("Sign-in code from your authenticator app:"),
                QLineEdit::Password, {}, &ok);
            if (!ok)
                continue;
            totpCode = secretOf(codeText);
        }
        auto session = auth.signIn(code, secretOf(secretText), totpCode);
        if (session)
            return *session;
        problem = session.error().message;
    }
}

void StartupFlow::offerDemoCatalog(Database& db, AccessControl& access, CatalogService& catalog,
                                   const Session& session, bool askFirst)
{
    constexpr qint64 DemoProducts = 500;
    auto count = catalog.productCount(session);
    if (!count || *count > 0)
        return;
    // Only someone who may change the catalog is asked.
    if (auto may = access.require(session, Permission::CatalogEdit); !may)
        return;
    if (askFirst) {
        QMessageBox box(QMessageBox::Question, tr("Empty catalog"),
                        tr("This register has no products yet. Load the demo catalog (%1 "
                           "products with barcodes) to try the counter?")
                            .arg(DemoProducts),
                        QMessageBox::Yes | QMessageBox::No);
        box.setObjectName(QStringLiteral("demoCatalogQuestion"));
        box.button(QMessageBox::Yes)->setText(tr("Load demo catalog"));
        box.button(QMessageBox::No)->setText(tr("Start empty"));
        box.setDefaultButton(QMessageBox::Yes);
        if (box.exec() != QMessageBox::Yes)
            return;
    }
    DemoSeeder seeder(db, access, catalog.currency());
    Status seeded = seeder.seedTaxClasses(session);
    if (seeded) {
        auto added = seeder.seedProducts(session, DemoProducts);
        if (!added)
            seeded = std::unexpected(added.error());
    }
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
