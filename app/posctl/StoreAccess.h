#pragma once

#include "Error.h"
#include "store/Database.h"
#include "store/KeyStore.h"

#include <QString>
#include <memory>

namespace pos::cli {

// Which store posctl works on and where its key lives.
struct StoreOptions {
    QString dataDir; // empty: the user's data folder (the same store the desktop app uses)
    QString keyFile; // non-empty: a passphrase-sealed key file (ENC-2) instead of the keychain
};

struct OpenStore {
    std::unique_ptr<KeyStore> keys;
    std::unique_ptr<Database> db;
    QString path;
};

Result<QString> storePath(const StoreOptions& options);
// create=false refuses to make a new store (every command but init).
Result<OpenStore> openStore(const StoreOptions& options, bool create);

} // namespace pos::cli
