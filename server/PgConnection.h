#pragma once

#include "Error.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

struct pg_conn;
struct pg_result;

namespace pos::server {

// One query result (libpq, text format). Values are the server's text form; NULL is isNull().
class PgResult {
public:
    PgResult() = default;
    explicit PgResult(pg_result* result);
    int rows() const;
    int columns() const;
    bool isNull(int row, int column) const;
    QByteArray value(int row, int column) const;
    QString text(int row, int column) const;
    qint64 integer(int row, int column) const;
    bool boolean(int row, int column) const;
    // bytea in PostgreSQL's hex form ("\x0a1b...") decoded to bytes.
    QByteArray bytes(int row, int column) const;

private:
    std::shared_ptr<pg_result> m_result;
};

// A libpq connection. Not thread-safe: one per thread. Parameters are sent in text form; a null
// QByteArray is SQL NULL. Errors carry the SQLSTATE in sqlState() until the next call; messages
// never contain parameter values (they may hold card references or hashes).
class PgConnection {
public:
    // conninfo as libpq takes it (keywords or URI). A TCP connection must say
    // sslmode=verify-full (NET-1); requireTls() checks that before connecting.
    static Result<PgConnection> open(const QByteArray& conninfo);
    // Refuses a conninfo that reaches PostgreSQL over TCP without sslmode=verify-full and
    // ssl_min_protocol_version=TLSv1.3. A host starting with '/' (a Unix socket) needs neither.
    static Status requireTls(const QByteArray& conninfo);

    PgConnection(PgConnection&&) noexcept;
    PgConnection& operator=(PgConnection&&) noexcept;
    ~PgConnection();

    Result<PgResult> exec(const QByteArray& sql, const QList<QByteArray>& params = {});
    // Several statements separated by ';' (migrations); no parameters.
    Status execScript(const QByteArray& sql);
    Status begin();
    Status commit();
    Status rollback(); // safe to call when no transaction is open
    // COPY ... FROM STDIN with `data` in COPY text format (the benchmark's baseline).
    Status copyIn(const QByteArray& copySql, const QByteArray& data);

    bool isOk() const;                                 // the connection is up
    Status reset();                                    // reconnect after the server went away
    QByteArray sqlState() const { return m_sqlState; } // of the last failure, e.g. "23505"
    pg_conn* raw() const { return m_conn; }

private:
    explicit PgConnection(pg_conn* conn);
    Status failure(const char* what, pg_result* result);
    pg_conn* m_conn = nullptr;
    QByteArray m_sqlState;
};

// Sets the transaction-local tenant settings every RLS policy reads (docs/sync.md): must be
// called inside a transaction, first thing. storeIds may be empty (company-wide tables only).
Status setTenant(PgConnection& pg, const QString& companyId, const QStringList& storeIds);

} // namespace pos::server
