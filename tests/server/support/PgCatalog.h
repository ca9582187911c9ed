#pragma once

// Questions to PostgreSQL's catalog about schema pos, for the isolation tests: which tables have
// a column, whose policy reads the request's stores, which functions the policies call. Asked as
// the superuser (PgCluster::superuser()), so nothing is hidden by row-level security.

#include "PgConnection.h"

#include <QStringList>

namespace pos::test::pgcatalog {

// The first column of every row, as text (empty when the query failed).
inline QStringList firstColumn(server::PgConnection& pg, const QByteArray& sql,
                               const QList<QByteArray>& params = {})
{
    auto r = pg.exec(sql, params);
    QStringList out;
    for (int i = 0; r && i < r->rows(); ++i)
        out.append(r->text(i, 0));
    return out;
}

// Tables of schema pos (but schema_migrations) that have `column`.
inline QStringList tablesWithColumn(server::PgConnection& pg, const QString& column)
{
    return firstColumn(pg,
                       "SELECT table_name FROM information_schema.columns "
                       "WHERE table_schema = 'pos' AND column_name = $1 "
                       "AND table_name <> 'schema_migrations' ORDER BY table_name",
                       {column.toUtf8()});
}

// Tables whose policy reads the request's stores (pos.stores()): the store-owned ones.
inline QStringList storeScopedTables(server::PgConnection& pg)
{
    return firstColumn(pg, "SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = 'pos' "
                           "AND (qual LIKE '%pos.stores()%' OR with_check LIKE '%pos.stores()%') "
                           "ORDER BY 1");
}

// Every function the policies on pos tables call (directly, through an operator, or inside a
// sub-select), read from the stored expression trees: "signature|volatility" ('i', 's', 'v').
inline QStringList policyFunctions(server::PgConnection& pg)
{
    return firstColumn(
        pg, "WITH called AS (SELECT DISTINCT (regexp_matches(coalesce(polqual::text, '') || ' ' || "
            "coalesce(polwithcheck::text, ''), ':(?:funcid|opfuncid) ([0-9]+)', 'g'))[1]::oid AS f "
            "FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pos') "
            "SELECT p.oid::regprocedure::text || '|' || p.provolatile::text FROM called "
            "JOIN pg_proc p ON p.oid = f ORDER BY 1");
}

} // namespace pos::test::pgcatalog
