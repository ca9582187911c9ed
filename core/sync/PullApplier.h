#pragma once

#include "Clock.h"
#include "Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pos {

class Database;
class KeyStore;

// What one applied pull changed, for the sync screen and the `sync.pulled` audit row.
struct PullSummary {
    qint64 fromCursor = 0;
    qint64 cursor = 0; // stored as sync_state pull_cursor
    bool more = false; // the server has further changes: pull again at once
    int taxClasses = 0;
    int categories = 0;
    int products = 0;
    int users = 0;
    int roleOverrides = 0;
    int settings = 0;
    int removed = 0; // entries with deleted = true (deactivated, unassigned, back to inherit)
    int adopted = 0; // local rows matched by natural key that took the server's uuid
    int total() const
    {
        return taxClasses + categories + products + users + roleOverrides + settings;
    }
};

// Applies one answer of GET /v1/pull (docs/sync.md, "Pull") to this register's store: the server
// is authoritative for the catalog, prices, tax classes, staff, their stores and role overrides,
// and settings. The whole answer and the new cursor (sync_state key `pull_cursor`,
// syncstate::PullCursor) go in ONE
// transaction together with one `sync.pulled` audit row that counts what changed; an answer that
// does not parse or does not fit (a missing field, a product naming an unknown tax class, a
// cursor that goes backwards, an answer to another cursor than the stored one) is refused with
// ErrorCode::InvalidInput or Conflict and nothing is applied.
//
// Rows are matched by uuid. A server row this store does not have by uuid takes over the local
// row with the same natural key (SKU, tax code, category name, user code) when that row has never
// been synced (version 0): the local row keeps its id (so old sales still point at it) and takes
// the server's uuid, version and values. An owner's sealed authenticator secret is re-sealed for
// the new uuid with the field key (keys); authenticator secrets never travel.
class PullApplier {
public:
    PullApplier(Database& db, KeyStore& keys, const Clock& clock);

    // The stored cursor (0 before the first pull).
    Result<qint64> cursor();

    // requestedCursor: the cursor the request was sent with; it must still be the stored one
    // (else Conflict: another pull got there first, nothing applied).
    Result<PullSummary> apply(const QJsonObject& response, qint64 requestedCursor);
    Result<PullSummary> apply(const QByteArray& responseBody, qint64 requestedCursor);

    // Setting keys the server may set on registers (company-wide or per store). Every other key
    // in the settings table (the register's own identity) never comes from a pull.
    static const QStringList& syncedSettingKeys();
    // A value the server may set for one of those keys (the rules the register's own screens
    // apply: idle_lock_seconds 30 to 3600, cash_out_limit_minor 0 or more); InvalidInput naming
    // the key otherwise. The server checks commands with it too.
    static Status checkSyncedSetting(const QString& key, const QString& value);

private:
    Database& m_db;
    KeyStore& m_keys;
    const Clock& m_clock;
};

} // namespace pos
