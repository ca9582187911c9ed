#pragma once

#include "Error.h"

#include <QString>

#include <optional>

namespace pos {

class Database;

// The store's key/value settings table (V1): one place that reads and writes a value, so the
// services that keep a setting there (register identity, idle-lock time, cash-out limit) do not
// each carry their own SQL.
namespace settings {

// The value, or nullopt when the key is not set.
Result<std::optional<QString>> read(Database& db, const QString& key);
// A whole number, or nullopt when not set; a value that is not one is ErrorCode::Corrupt (the
// message names the key, never the value).
Result<std::optional<qint64>> readInt(Database& db, const QString& key);
// Insert or replace, in the caller's transaction if there is one.
Status write(Database& db, const QString& key, const QString& value);

} // namespace settings

} // namespace pos
