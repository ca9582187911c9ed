#pragma once

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"
#include "staff/SetupService.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/RegisterSettings.h"

#include <QCoreApplication>
#include <memory>
#include <optional>

// The steps before the counter opens: the store and its key (keychain, or the sealed key file of
// ENC-2 when no keychain answers), who signs in (the set-up wizard on the first run, then the
// lock screen), the register's settings, the demo catalog, the shift. Each step either succeeds or
// has already told the person what went wrong.
class StartupFlow {
    Q_DECLARE_TR_FUNCTIONS(StartupFlow)
public:
    explicit StartupFlow(QString storePath) : m_storePath(std::move(storePath)) {}

    std::unique_ptr<pos::Database> openStore();
    // The key store the store opened with (the PIN pepper lives there); after openStore().
    pos::KeyStore* keys() const { return m_keys.get(); }
    // The register's id for the sign-in service: its settings' id, or empty before the first
    // set-up (SetupService then gives it one). nullopt when the settings cannot be read.
    std::optional<QString> registerIdBeforeSignIn(pos::Database& db);
    // This register's audit log, opened with the store's key store and attached to db before
    // anyone signs in (a store from before the log starts its chain now). A store not set up yet
    // gets it from SetupService in the wizard. false: the person was told why (the signing key
    // missing for a started chain, another key, a locked keychain) and the register closes: the
    // counter never runs without its log.
    bool openAuditLog(pos::Database& db, pos::SetupService& setup, const QString& registerId,
                      const pos::Clock& clock);
    // Who works at this register: on the first run the set-up wizard (company, store, register,
    // owner with TOTP) signs the owner in; afterwards the lock screen. nullopt: quit or failed.
    std::optional<pos::Session> signIn(pos::AuthService& auth, pos::SetupService& setup,
                                       const pos::Clock& clock);
    // The register's settings, which exist once the store is set up.
    std::optional<pos::RegisterSettings> loadSettings(pos::Database& db);
    // Loads the demo catalog when the owner ticked it in the wizard, the catalog is empty and the
    // session may edit it.
    void loadDemoCatalog(pos::Database& db, pos::AccessControl& access,
                         pos::CatalogService& catalog, const pos::Session& session);
    bool ensureShift(pos::ShiftService& shifts, const pos::Session& session,
                     const QString& currency);

    // Set when a step failed (as opposed to the person choosing to quit).
    bool failed() const { return m_failed; }

private:
    std::unique_ptr<pos::Database> openWithSealedKeyFile(const QString& keychainMessage);
    void fatal(const QString& title, const QString& message);

    QString m_storePath;
    std::unique_ptr<pos::KeyStore> m_keys; // the key store the store opened with (the pepper)
    bool m_failed = false;
    bool m_demoCatalogChosen = false; // in the set-up wizard
};
