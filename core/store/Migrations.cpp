#include "store/Migrations.h"

#include "store/Database.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace pos {

int schemaVersion(Database& db)
{
    auto v = db.scalar("PRAGMA user_version");
    return v ? static_cast<int>(*v) : -1;
}

Status migrate(Database& db, std::span<const Migration> migrations)
{
    const int current = schemaVersion(db);
    if (current < 0)
        return fail(ErrorCode::Storage,
                    QStringLiteral("cannot read the schema version of %1").arg(db.path()));
    const int newest = migrations.empty() ? 0 : migrations.back().version;
    if (current > newest)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("the store %1 was written by a newer version of the app (schema "
                                   "%2, this app knows %3); it was not changed")
                        .arg(db.path())
                        .arg(current)
                        .arg(newest));
    for (const Migration& m : migrations) {
        if (m.version <= current)
            continue;
        auto tx = Transaction::begin(db);
        if (!tx)
            return std::unexpected(tx.error());
        if (auto s = db.exec(m.sql); !s)
            return fail(s.error().code,
                        QStringLiteral("migration %1 (%2) failed: %3")
                            .arg(m.version)
                            .arg(QString::fromUtf8(m.description), s.error().message));
        const QByteArray bump = "PRAGMA user_version = " + QByteArray::number(m.version);
        if (auto s = db.exec(bump.constData()); !s)
            return s;
        if (auto s = tx->commit(); !s)
            return s;
        qCInfo(lcStore) << "store migrated to schema" << m.version;
    }
    return {};
}

} // namespace pos
