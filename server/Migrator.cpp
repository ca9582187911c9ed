#include "Migrator.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

namespace pos::server {

namespace {

Q_LOGGING_CATEGORY(lcMigrate, "pos.syncd.migrate")

// Serialises migrate() runs against one database (pg_advisory_xact_lock's key).
constexpr char LockSql[] = "SELECT pg_advisory_xact_lock(7034514216339105001)";

// Begins a transaction acting as pos_owner, under the migration lock.
Status beginAsOwner(PgConnection& pg)
{
    if (auto b = pg.begin(); !b)
        return b;
    // "already exists, skipping" notices would read like problems on the operator's terminal.
    if (auto role = pg.execScript("SET LOCAL client_min_messages = warning; "
                                  "SET LOCAL ROLE pos_owner");
        !role) {
        pg.rollback();
        return fail(ErrorCode::PermissionDenied,
                    QStringLiteral("this database role cannot act as pos_owner: run `pos-syncd "
                                   "admin init-roles` as the superuser first, or GRANT pos_owner "
                                   "to the admin role (%1)")
                        .arg(role.error().message));
    }
    if (auto lock = pg.exec(LockSql); !lock) {
        pg.rollback();
        return std::unexpected(lock.error());
    }
    return {};
}

} // namespace

Migrator::Migrator(PgConnection& pg, QString folder) : m_pg(pg), m_folder(std::move(folder)) {}

Result<QList<int>> Migrator::availableVersions() const
{
    static const QRegularExpression name(QStringLiteral("^V([1-9][0-9]{0,5})\\.sql$"));
    QList<int> versions;
    const QStringList files = QDir(m_folder).entryList({QStringLiteral("V*.sql")}, QDir::Files);
    for (const QString& file : files) {
        const auto match = name.match(file);
        if (!match.hasMatch())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1 is not named V<number>.sql").arg(file));
        versions.append(match.captured(1).toInt());
    }
    std::sort(versions.begin(), versions.end());
    for (qsizetype i = 0; i < versions.size(); ++i) {
        if (versions[i] != i + 1)
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("the schema scripts have a gap: V%1.sql is missing").arg(i + 1));
    }
    if (versions.isEmpty())
        return fail(ErrorCode::NotFound, QStringLiteral("no schema scripts in %1").arg(m_folder));
    return versions;
}

Status Migrator::prepare()
{
    if (auto b = beginAsOwner(m_pg); !b)
        return b;
    auto owner = m_pg.exec("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = "
                           "'pos'");
    if (!owner) {
        m_pg.rollback();
        return std::unexpected(owner.error());
    }
    if (owner->rows() == 1 && owner->text(0, 0) != u"pos_owner") {
        m_pg.rollback();
        return fail(ErrorCode::PermissionDenied,
                    QStringLiteral("the schema pos belongs to the role %1, not to pos_owner: "
                                   "nothing was changed")
                        .arg(owner->text(0, 0)));
    }
    Status made = owner->rows() == 1 ? Status{} : m_pg.execScript("CREATE SCHEMA pos");
    if (made)
        made = m_pg.execScript("CREATE TABLE IF NOT EXISTS pos.schema_migrations ("
                               "version integer PRIMARY KEY CHECK (version > 0), "
                               "applied_at timestamptz NOT NULL DEFAULT now())");
    if (!made) {
        m_pg.rollback();
        return made;
    }
    return m_pg.commit();
}

Result<int> Migrator::currentVersion()
{
    if (auto b = beginAsOwner(m_pg); !b)
        return std::unexpected(b.error());
    auto exists = m_pg.exec("SELECT to_regclass('pos.schema_migrations') IS NOT NULL");
    Result<PgResult> max = exists;
    if (exists && exists->boolean(0, 0))
        max = m_pg.exec("SELECT coalesce(max(version), 0) FROM pos.schema_migrations");
    m_pg.rollback();
    if (!max)
        return std::unexpected(max.error());
    if (!exists->boolean(0, 0))
        return 0;
    return static_cast<int>(max->integer(0, 0));
}

// true: applied now; false: it was already there.
Result<bool> Migrator::applyOne(int version)
{
    const QString path = m_folder + QStringLiteral("/V%1.sql").arg(version);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1").arg(path));
    const QByteArray script = file.readAll();

    if (auto b = beginAsOwner(m_pg); !b)
        return std::unexpected(b.error());
    auto seen = m_pg.exec("SELECT 1 FROM pos.schema_migrations WHERE version = $1",
                          {QByteArray::number(version)});
    if (!seen) {
        m_pg.rollback();
        return std::unexpected(seen.error());
    }
    if (seen->rows() > 0) {
        m_pg.rollback();
        return false;
    }
    Status done = m_pg.execScript(script);
    if (!done) {
        const QString why = done.error().message;
        m_pg.rollback();
        return fail(done.error().code,
                    QStringLiteral("V%1.sql failed and was rolled back: %2").arg(version).arg(why));
    }
    // Scripts may change settings (search_path, role); record the version as pos_owner again.
    done = m_pg.execScript("RESET search_path; SET LOCAL ROLE pos_owner");
    if (done) {
        auto recorded = m_pg.exec("INSERT INTO pos.schema_migrations (version) VALUES ($1)",
                                  {QByteArray::number(version)});
        if (!recorded)
            done = std::unexpected(recorded.error());
    }
    if (done)
        done = m_pg.commit();
    if (!done) {
        m_pg.rollback();
        return std::unexpected(done.error());
    }
    qCInfo(lcMigrate) << "applied schema version" << version;
    return true;
}

Result<QList<int>> Migrator::migrate()
{
    auto available = availableVersions();
    if (!available)
        return std::unexpected(available.error());
    if (auto p = prepare(); !p)
        return std::unexpected(p.error());
    auto current = currentVersion();
    if (!current)
        return std::unexpected(current.error());
    if (*current > available->last())
        return fail(ErrorCode::Conflict,
                    QStringLiteral("the database is at schema version %1, newer than this "
                                   "pos-syncd knows (%2): nothing was changed")
                        .arg(*current)
                        .arg(available->last()));
    QList<int> applied;
    for (int version : *available) {
        auto one = applyOne(version);
        if (!one)
            return std::unexpected(one.error());
        if (*one)
            applied.append(version);
    }
    return applied;
}

} // namespace pos::server
