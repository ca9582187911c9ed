#pragma once

#include "Error.h"

#include <QString>

namespace pos {

class Database;

// Who this register is: kept in the settings table of its store.
struct RegisterSettings {
    QString storeName;
    QString registerName;
    QString registerId; // UUID text, made at init
    QString currency;   // ISO 4217

    // NotFound before init; Corrupt when only some keys are there or they are not valid.
    static Result<RegisterSettings> load(Database& db);
    // All four keys in one transaction; InvalidInput (nothing written) when validate() refuses.
    Status save(Database& db) const;
    // The same keys inside the caller's transaction (first-run set-up writes them together with
    // the company, store and owner).
    Status write(Database& db) const;
    // Names not blank, registerId a UUID, currency three capital letters.
    Status validate() const;
};

} // namespace pos
