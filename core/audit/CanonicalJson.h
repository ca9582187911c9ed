#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace pos {

// The canonical JSON of audit rows' before/after (documented in docs/audit-format.md): RFC 8785
// (JCS) restricted to what audit rows hold — objects, arrays, strings, booleans, null and whole
// numbers within +-2^53. Keys sorted by UTF-16 code units, no whitespace, strings escaped as JCS
// does (\" \\ \b \f \n \r \t, other controls as \u00xx, everything else as UTF-8).
namespace canonicaljson {

// A fractional or too large number is refused (InvalidInput): amounts are integer minor units.
Result<QString> serialize(const QJsonValue& value);
Result<QString> serialize(const QJsonObject& object);
// Parses and re-serializes; equal to the input exactly when the input is canonical.
Result<QString> canonicalize(const QString& json);

} // namespace canonicaljson

} // namespace pos
