#include "catalog/BulkLoad.h"

#include "store/Database.h"

namespace pos {

Result<BulkLoad> BulkLoad::begin(Database& db, bool suspendSearchIndex, qint64 cacheKib)
{
    BulkLoad load(&db);
    auto old = db.scalar("PRAGMA cache_size");
    if (!old)
        return std::unexpected(old.error());
    load.m_previousCache = *old;
    const QByteArray cache = "PRAGMA cache_size = -" + QByteArray::number(cacheKib);
    if (auto s = db.exec(cache.constData()); !s)
        return std::unexpected(s.error());
    if (!suspendSearchIndex)
        return load;

    QList<QByteArray> names;
    {
        auto q = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                          "tbl_name = 'products' AND sql LIKE '%product_search%' ORDER BY name");
        if (!q)
            return std::unexpected(q.error());
        if (auto rows = q->forEach([&] {
                names << q->text(0).toUtf8();
                load.m_triggers << q->text(1).toUtf8();
            });
            !rows)
            return std::unexpected(rows.error());
    }
    for (const QByteArray& name : std::as_const(names)) {
        const QByteArray drop = "DROP TRIGGER \"" + name + '"';
        if (auto s = db.exec(drop.constData()); !s)
            return std::unexpected(s.error());
    }
    load.m_suspended = true;
    return load;
}

BulkLoad::BulkLoad(BulkLoad&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_previousCache(other.m_previousCache),
      m_triggers(std::move(other.m_triggers)), m_suspended(other.m_suspended)
{}

BulkLoad::~BulkLoad()
{
    if (!m_db)
        return;
    const QByteArray sql = "PRAGMA cache_size = " + QByteArray::number(m_previousCache);
    static_cast<void>(m_db->exec(sql.constData()));
}

Status BulkLoad::finish()
{
    if (!m_suspended)
        return {};
    if (auto s = m_db->exec("INSERT INTO product_search (product_search) VALUES ('rebuild')"); !s)
        return s;
    for (const QByteArray& sql : std::as_const(m_triggers)) {
        if (auto s = m_db->exec(sql.constData()); !s)
            return s;
    }
    m_suspended = false;
    return {};
}

} // namespace pos
