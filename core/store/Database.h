#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArray>
#include <QMultiHash>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace pos {

class AuditLog;
class Database;

// A cached prepared statement, borrowed from the Database. Bindings are 1-based as in SQLite.
// Destroying the Query resets the statement and clears its bindings for the next user.
class Query {
public:
    Query(Query&& other) noexcept;
    Query& operator=(Query&&) = delete;
    Query(const Query&) = delete;
    ~Query();

    Query& bind(int index, qint64 value);
    Query& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Query& bind(int index, bool value) { return bind(index, static_cast<qint64>(value ? 1 : 0)); }
    Query& bind(int index, const QString& value); // a null QString binds NULL
    Query& bind(int index, const QByteArray& value);
    Query& bindNull(int index);

    // Steps once: true with a row to read, false when done.
    Result<bool> next();
    // Steps to the end (for INSERT/UPDATE/DELETE).
    Status run();
    // Steps through every remaining row, calling onRow() for each; the first error stops it.
    template <class OnRow> Status forEach(OnRow&& onRow)
    {
        for (;;) {
            auto row = next();
            if (!row)
                return std::unexpected(row.error());
            if (!*row)
                return {};
            onRow();
        }
    }

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    friend class Database;
    Query(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    void readyToBind();
    void bound(int rc);
    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    bool m_stepped = false;
    int m_bindError = 0; // SQLITE_OK, or the first bind call's error (reported by next())
};

// RAII over one SQLCipher connection: the one place in the product that calls sqlite3_key.
// Not thread-safe: one Database per thread.
class Database {
public:
    enum class Mode { OpenExisting, CreateNew };

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Reads (never writes) an existing file's size and first bytes: refuses what cannot be an
    // encrypted store (missing, empty, plaintext SQLite, not a whole number of pages) with a
    // message naming the file. open() does this too; callers may do it before looking up the key.
    static Status checkStoreFile(const QString& path);

    // Opens (or creates) an encrypted store with a 32-byte raw key and applies the pinned cipher
    // settings and connection pragmas. On a wrong key, a file that is not an encrypted store, or
    // a damaged file, returns a clear error naming the file and leaves the file untouched.
    static Result<std::unique_ptr<Database>> open(const QString& path, const SecretBytes& key,
                                                  Mode mode);

    Status exec(const char* sql);
    Result<Query> query(const char* sql);
    Result<qint64> scalar(const char* sql); // first column of the first row

    // BEGIN IMMEDIATE / COMMIT / ROLLBACK; prefer Transaction below.
    Status begin();
    Status commit();
    void rollback();

    // True inside BEGIN ... COMMIT (sqlite3_get_autocommit() is 0).
    bool inTransaction() const;
    // Runs once right after the current transaction commits; dropped if it rolls back. For work
    // outside the database that must only follow a durable commit (the keychain copy of the
    // audit checkpoint).
    void afterCommit(std::function<void()> action);

    // This register's audit log (core/audit): services write their audit rows through it, in
    // their own transaction. Without one attached every audited change is refused.
    void attachAuditLog(std::unique_ptr<AuditLog> log);
    AuditLog* auditLog() const { return m_auditLog.get(); }

    qint64 lastInsertRowId() const;
    int changes() const;
    const QString& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

    // Turns the current SQLite error into an Error naming the store file; context says what we
    // were doing ("saving the sale").
    Error lastError(const QString& context) const;

private:
    Database(sqlite3* db, QString path);
    friend class Query;
    sqlite3* m_db = nullptr;
    QString m_path;
    // SQL text -> prepared statements; more than one only while the same SQL runs nested.
    QMultiHash<QByteArray, sqlite3_stmt*> m_cache;
    std::vector<std::function<void()>> m_afterCommit;
    std::unique_ptr<AuditLog> m_auditLog;
};

// Commits only when commit() is called; rolls back otherwise (an early return, an error).
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status commit();

private:
    explicit Transaction(Database* db) : m_db(db) {}
    Database* m_db = nullptr;
};

} // namespace pos
