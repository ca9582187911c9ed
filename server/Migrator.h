#pragma once

#include "Error.h"
#include "PgConnection.h"

#include <QList>
#include <QString>

namespace pos::server {

// The PostgreSQL schema's migrations (docs/sync.md, "Tenancy on the server"). The scripts are
// V1.sql, V2.sql, ... in `folder` (the resource :/schema in pos-syncd; tests may pass another
// folder). Applied versions are recorded in pos.schema_migrations(version, applied_at).
//
// migrate() runs as `SET LOCAL ROLE pos_owner` (so pos_owner owns what the scripts create; the
// connection's role only needs to be allowed to act as pos_owner) and applies each missing
// version in a transaction of its own, in order, under an advisory lock so two runs at once
// cannot both apply a version. A script that fails leaves nothing of itself behind; versions
// applied before it stay. Running it again when everything is applied changes nothing.
// Refused: a database newer than the scripts, a gap in the scripts, a schema `pos` owned by
// another role than pos_owner.
class Migrator {
public:
    explicit Migrator(PgConnection& pg, QString folder = QStringLiteral(":/schema"));

    // The versions applied by this call, in order (empty: the database was up to date).
    Result<QList<int>> migrate();
    // The highest applied version, 0 when none (or no schema yet).
    Result<int> currentVersion();
    // The versions the folder holds, 1..n without a gap.
    Result<QList<int>> availableVersions() const;

private:
    Status prepare();
    Result<bool> applyOne(int version);
    PgConnection& m_pg;
    QString m_folder;
};

} // namespace pos::server
