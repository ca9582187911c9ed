#pragma once

#include "catalog/CatalogService.h"
#include "shifts/ShiftService.h"
#include "store/Database.h"
#include "store/RegisterSettings.h"

#include <QCoreApplication>
#include <memory>
#include <optional>

// The steps before the counter opens: the store and its key (keychain, or the sealed key file of
// ENC-2 when no keychain answers), the register's settings, the demo catalog, the shift. Each
// step either succeeds or has already told the person what went wrong.
class StartupFlow {
    Q_DECLARE_TR_FUNCTIONS(StartupFlow)
public:
    explicit StartupFlow(QString storePath) : m_storePath(std::move(storePath)) {}

    std::unique_ptr<pos::Database> openStore();
    std::optional<pos::RegisterSettings> loadOrInitSettings(pos::Database& db);
    void offerDemoCatalog(pos::Database& db, pos::CatalogService& catalog, bool askFirst);
    bool ensureShift(pos::ShiftService& shifts, const QString& cashier, const QString& currency);

    // Set when a step failed (as opposed to the person choosing to quit).
    bool failed() const { return m_failed; }

private:
    std::unique_ptr<pos::Database> openWithSealedKeyFile(const QString& keychainMessage);
    void fatal(const QString& title, const QString& message);

    QString m_storePath;
    bool m_failed = false;
};
