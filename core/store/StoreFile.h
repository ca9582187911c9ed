#pragma once

#include "Error.h"
#include "store/Database.h"
#include "store/KeyStore.h"

#include <memory>

namespace pos {

// Finds, creates and opens this register's encrypted store.
//
// First run: makes a random 256-bit key, writes it to the key store and reads it back before the
// database file is created (so a key the keychain lost can never lock us out of a new store),
// then creates the file and applies every migration. Later runs: reads the key and opens. Any
// failure leaves the file as it was and says which file and which key store.
class StoreFile {
public:
    // <data folder>/register.db under QStandardPaths::AppDataLocation, folder created 0700.
    static Result<QString> defaultPath();
    static QString keyNameFor(const QString& path); // keychain entry name for this file

    static Result<std::unique_ptr<Database>> openOrCreate(const QString& path, KeyStore& keys);
    static Result<std::unique_ptr<Database>> openExisting(const QString& path, KeyStore& keys);
};

} // namespace pos
