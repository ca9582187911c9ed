#pragma once

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/RegisterSettings.h"

#include <QCoreApplication>
#include <memory>
#include <optional>

// The steps before the counter opens: the store and its key (keychain, or the sealed key file of
// ENC-2 when no keychain answers), the register's settings, who signs in, the demo catalog, the
// shift. Each step either succeeds or has already told the person what went wrong.
class StartupFlow {
    Q_DECLARE_TR_FUNCTIONS(StartupFlow)
public:
    explicit StartupFlow(QString storePath) : m_storePath(std::move(storePath)) {}

    std::unique_ptr<pos::Database> openStore();
    std::optional<pos::RegisterSettings> loadOrInitSettings(pos::Database& db);
    // TEMPORARY (issue 3): plain dialogs until the lock screen and the set-up wizard replace
    // this step. A store without staff accounts says how to create the owner and stops; otherwise
    // user code, password or PIN (and the owner's sign-in code) go to AuthService::signIn.
    std::optional<pos::Session> interimSignIn(pos::Database& db,
                                              const pos::RegisterSettings& settings,
                                              const pos::Clock& clock, pos::IdSource& ids);
    void offerDemoCatalog(pos::Database& db, pos::AccessControl& access,
                          pos::CatalogService& catalog, const pos::Session& session, bool askFirst);
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
};
