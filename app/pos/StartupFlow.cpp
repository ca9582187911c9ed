#include "StartupFlow.h"

#include "KeySetupDialog.h"
#include "OpenShiftDialog.h"
#include "WrappedLabel.h"
#include "demo/DemoSeeder.h"
#include "store/KeychainKeyStore.h"
#include "store/SealedKeyFile.h"
#include "store/StoreFile.h"

#include <QFileInfo>
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

    KeychainKeyStore keychain;
    auto db = StoreFile::openOrCreate(m_storePath, keychain);
    if (db)
        return std::move(*db);
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
        SealedKeyFile sealed(keyPath, dialog.takePassphrase());
        auto db = StoreFile::openOrCreate(m_storePath, sealed);
        if (db)
            return std::move(*db);
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

void StartupFlow::offerDemoCatalog(Database& db, CatalogService& catalog, bool askFirst)
{
    constexpr qint64 DemoProducts = 500;
    auto count = catalog.productCount();
    if (!count || *count > 0)
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
    DemoSeeder seeder(db, catalog.currency());
    Status seeded = seeder.seedTaxClasses();
    if (seeded) {
        auto added = seeder.seedProducts(DemoProducts);
        if (!added)
            seeded = std::unexpected(added.error());
    }
    if (!seeded)
        QMessageBox::warning(nullptr, tr("Demo catalog not loaded"), seeded.error().message);
}

bool StartupFlow::ensureShift(ShiftService& shifts, const QString& cashier, const QString& currency)
{
    auto current = shifts.current();
    if (current)
        return true;
    if (current.error().code != ErrorCode::NotFound) {
        fatal(tr("Cannot read the shift"), current.error().message);
        return false;
    }
    ui::OpenShiftDialog dialog(shifts, cashier, currency);
    return dialog.exec() == QDialog::Accepted;
}
