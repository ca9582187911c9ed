#pragma once

#include "Error.h"

#include <span>

namespace pos {

class Database;

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// The store schema, one entry per version, applied in order. Never edit a released entry: add a
// new one.
std::span<const Migration> storeMigrations();

// Brings the store to the newest version. Each migration runs in its own transaction together
// with the bump of PRAGMA user_version, so a failed migration leaves the previous version intact.
// A store newer than this build is refused.
Status migrate(Database& db, std::span<const Migration> migrations = storeMigrations());

int schemaVersion(Database& db);

} // namespace pos
