#include "store/Settings.h"

#include "store/Database.h"

namespace pos::settings {

Result<std::optional<QString>> read(Database& db, const QString& key)
{
    auto q = db.query("SELECT value FROM settings WHERE key = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, key);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<QString>();
    return std::optional<QString>(q->text(0));
}

Result<std::optional<qint64>> readInt(Database& db, const QString& key)
{
    auto text = read(db, key);
    if (!text)
        return std::unexpected(text.error());
    if (!*text)
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = (*text)->trimmed().toLongLong(&ok);
    if (!ok)
        return fail(
            ErrorCode::Corrupt,
            QStringLiteral("the setting %1 in store %2 is not a whole number").arg(key, db.path()));
    return std::optional<qint64>(value);
}

Status write(Database& db, const QString& key, const QString& value)
{
    auto q = db.query("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, key).bind(2, value);
    return q->run();
}

} // namespace pos::settings
