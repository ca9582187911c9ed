#pragma once

// Shared by PullApplier's source files only (PullApplier.cpp, PullApplierRows.cpp): one parsed
// change of a pull answer and the writer that applies changes inside the pull's transaction.

#include "Clock.h"
#include "Error.h"
#include "crypto/SecretBytes.h"
#include "sync/PullApplier.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace pos {

class Database;
class KeyStore;

namespace pulldetail {

// One entry of "changes", checked for its kind's fields (docs/sync.md, "Pull").
struct Change {
    QString kind;
    QString id;
    qint64 version = 0;
    bool deleted = false;
    QJsonObject data;
};

struct Parsed {
    qint64 cursor = 0;
    bool more = false;
    QList<Change> changes; // in the order they are applied: tax classes, categories, products,
                           // users, role overrides, settings
};

// The whole answer, or InvalidInput naming the first thing wrong.
Result<Parsed> parse(const QJsonObject& response);

// Applies changes inside the caller's transaction and counts what it changed.
class Writer {
public:
    Writer(Database& db, KeyStore& keys, const Clock& clock, qint64 storeId, qint64 companyId,
           PullSummary& summary)
        : m_db(db), m_keys(keys), m_clock(clock), m_storeId(storeId), m_companyId(companyId),
          m_summary(summary)
    {}

    Status apply(const Change& change);

private:
    Status taxClass(const Change& c);
    Status category(const Change& c);
    Status product(const Change& c);
    Status user(const Change& c);
    Status roleOverride(const Change& c);
    Status setting(const Change& c);

    // The local row with this uuid, else (adopting it) the never-synced local row with this
    // natural key; any other row holding the key is renamed out of the way (a synced one's own
    // change comes later in the log).
    struct Match {
        qint64 id = 0;        // 0: a new row
        QString previousUuid; // set when a local row was adopted
    };
    Result<Match> match(const char* table, const char* keyColumn, const QString& uuid,
                        const QString& key);
    Result<qint64> localId(const char* table, const QString& uuid, const char* what);
    Status endSessions(qint64 userId, const QString& reason);
    // An owner's sealed authenticator secret moves to the user's new uuid (TotpSeal binds it).
    Status resealTotp(qint64 userId, const QString& oldUuid, const QString& newUuid);
    QString now() const;

    Database& m_db;
    KeyStore& m_keys;
    const Clock& m_clock;
    qint64 m_storeId;
    qint64 m_companyId;
    PullSummary& m_summary;
    std::optional<SecretBytes> m_fieldKey;
};

} // namespace pulldetail

} // namespace pos
