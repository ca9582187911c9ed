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

    static Result<RegisterSettings> load(Database& db); // NotFound before init
    Status save(Database& db) const;
};

} // namespace pos
