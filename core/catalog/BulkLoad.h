#pragma once

#include "Error.h"

#include <QByteArray>
#include <QList>

namespace pos {

class Database;

// Settings for one bulk write of products (a big import, demo seeding), inside the caller's
// transaction:
// - a bigger page cache (default 512 MB, decrypted pages stay in this process as with the default
//   cache), restored when the BulkLoad ends;
// - optionally the products -> product_search triggers are dropped and finish() rebuilds the FTS
//   index in one pass ('rebuild') and re-creates the triggers from the exact SQL text read back
//   from sqlite_master, so the schema afterwards is byte-for-byte what it was. Row-by-row FTS4
//   indexing of a million products takes minutes; one rebuild takes seconds. Should the caller
//   roll back instead of calling finish(), the DROP TRIGGERs roll back with it.
class BulkLoad {
public:
    static Result<BulkLoad> begin(Database& db, bool suspendSearchIndex,
                                  qint64 cacheKib = 512 * 1024);
    BulkLoad(BulkLoad&& other) noexcept;
    BulkLoad& operator=(BulkLoad&&) = delete;
    ~BulkLoad();

    Status finish();

private:
    explicit BulkLoad(Database* db) : m_db(db) {}
    Database* m_db = nullptr;
    qint64 m_previousCache = -2000;
    QList<QByteArray> m_triggers;
    bool m_suspended = false;
};

} // namespace pos
