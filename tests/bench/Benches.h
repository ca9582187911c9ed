#pragma once

#include "crypto/SecretBytes.h"
#include "staff/Session.h"

#include <QString>
#include <QStringList>

namespace pos {
class AccessControl;
class Database;
} // namespace pos

namespace pos::bench {

struct BenchStore {
    QString path;
    Database* db = nullptr;
    const SecretBytes* key = nullptr;
    qint64 products = 0;
    AccessControl* access = nullptr;
    Session owner;   // seeds the catalog
    Session cashier; // works the counter: lookups, sales, the cold start (RBAC-2 checks included)
};

// Each appends Markdown table rows to out: | what | n | ours p50 / p99 (us) | floor p50 / p99 | ...
void benchLookup(BenchStore& store, QStringList& out);
void benchSearch(BenchStore& store, QStringList& out);
void benchSaleCommit(BenchStore& store, QStringList& out);
void benchColdStart(BenchStore& store, const QString& childExe, QStringList& out);
// The audit viewer's queries on `rows` audit rows (AuditViewBench.cpp); a table of its own.
void benchAuditView(BenchStore& store, qint64 rows, QStringList& out);

} // namespace pos::bench
