#include "PgConnection.h"

#include <QStringList>

#include <libpq-fe.h>

namespace pos::server {

PgResult::PgResult(pg_result* result) : m_result(result, PQclear) {}

int PgResult::rows() const
{
    return m_result ? PQntuples(m_result.get()) : 0;
}

int PgResult::columns() const
{
    return m_result ? PQnfields(m_result.get()) : 0;
}

bool PgResult::isNull(int row, int column) const
{
    return !m_result || PQgetisnull(m_result.get(), row, column) != 0;
}

QByteArray PgResult::value(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QByteArray(PQgetvalue(m_result.get(), row, column),
                      PQgetlength(m_result.get(), row, column));
}

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(value(row, column));
}

qint64 PgResult::integer(int row, int column) const
{
    return value(row, column).toLongLong();
}

bool PgResult::boolean(int row, int column) const
{
    return value(row, column) == "t";
}

QByteArray PgResult::bytes(int row, int column) const
{
    const QByteArray raw = value(row, column);
    if (raw.startsWith("\\x"))
        return QByteArray::fromHex(raw.mid(2));
    return raw;
}

namespace {

QByteArray conninfoValue(const QByteArray& conninfo, const char* keyword)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.constData(), &error);
    if (!options) {
        PQfreemem(error);
        return {};
    }
    QByteArray value;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (qstrcmp(o->keyword, keyword) == 0 && o->val)
            value = o->val;
    }
    PQconninfoFree(options);
    return value;
}

} // namespace

Status PgConnection::requireTls(const QByteArray& conninfo)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.constData(), &error);
    if (!options) {
        PQfreemem(error);
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the database connection setting cannot be read"));
    }
    PQconninfoFree(options);
    const QByteArray host = conninfoValue(conninfo, "host");
    const QByteArray hostaddr = conninfoValue(conninfo, "hostaddr");
    const bool socket = hostaddr.isEmpty() && (host.isEmpty() || host.startsWith('/'));
    if (socket)
        return {};
    if (conninfoValue(conninfo, "sslmode") != "verify-full")
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the database is reached over the network, so the connection "
                                   "must say sslmode=verify-full"));
    if (conninfoValue(conninfo, "ssl_min_protocol_version") != "TLSv1.3")
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the database is reached over the network, so the connection "
                                   "must say ssl_min_protocol_version=TLSv1.3"));
    return {};
}

Result<PgConnection> PgConnection::open(const QByteArray& conninfo)
{
    if (auto tls = requireTls(conninfo); !tls)
        return std::unexpected(tls.error());
    pg_conn* conn = PQconnectdb(conninfo.constData());
    if (!conn)
        return fail(ErrorCode::Storage, QStringLiteral("out of memory connecting to the database"));
    if (PQstatus(conn) != CONNECTION_OK) {
        QString message = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        PQfinish(conn);
        return fail(ErrorCode::Io, QStringLiteral("the database does not answer: %1").arg(message));
    }
    return PgConnection(conn);
}

PgConnection::PgConnection(pg_conn* conn) : m_conn(conn) {}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr)), m_sqlState(std::move(other.m_sqlState))
{}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept
{
    if (this != &other) {
        if (m_conn)
            PQfinish(m_conn);
        m_conn = std::exchange(other.m_conn, nullptr);
        m_sqlState = std::move(other.m_sqlState);
    }
    return *this;
}

PgConnection::~PgConnection()
{
    if (m_conn)
        PQfinish(m_conn);
}

Status PgConnection::failure(const char* what, pg_result* result)
{
    m_sqlState = result ? QByteArray(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QByteArray();
    // A client-side failure (the connection went away) has no primary message field: libpq's
    // connection message says what happened then.
    QString detail =
        result ? QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) : QString();
    if (detail.isEmpty())
        detail = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    if (result)
        PQclear(result);
    ErrorCode code = ErrorCode::Storage;
    if (PQstatus(m_conn) != CONNECTION_OK)
        code = ErrorCode::Io;
    else if (m_sqlState == "23505")
        code = ErrorCode::Conflict;
    else if (m_sqlState == "42501")
        code = ErrorCode::PermissionDenied;
    else if (m_sqlState.startsWith("22") || m_sqlState.startsWith("23"))
        code = ErrorCode::InvalidInput;
    return fail(code, QStringLiteral("%1 failed: %2 (SQLSTATE %3)")
                          .arg(QLatin1String(what), detail, QString::fromLatin1(m_sqlState)));
}

Result<PgResult> PgConnection::exec(const QByteArray& sql, const QList<QByteArray>& params)
{
    m_sqlState.clear();
    std::vector<const char*> values;
    std::vector<int> lengths;
    values.reserve(static_cast<std::size_t>(params.size()));
    lengths.reserve(static_cast<std::size_t>(params.size()));
    for (const QByteArray& p : params) {
        values.push_back(p.isNull() ? nullptr : p.constData());
        lengths.push_back(static_cast<int>(p.size()));
    }
    pg_result* result = PQexecParams(m_conn, sql.constData(), static_cast<int>(params.size()),
                                     nullptr, values.data(), lengths.data(), nullptr, 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return std::unexpected(failure("a database query", result).error());
    return PgResult(result);
}

Status PgConnection::execScript(const QByteArray& sql)
{
    m_sqlState.clear();
    pg_result* result = PQexec(m_conn, sql.constData());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return failure("a database script", result);
    PQclear(result);
    return {};
}

Status PgConnection::begin()
{
    return execScript("BEGIN");
}

Status PgConnection::commit()
{
    return execScript("COMMIT");
}

Status PgConnection::rollback()
{
    if (!m_conn || PQtransactionStatus(m_conn) == PQTRANS_IDLE)
        return {};
    return execScript("ROLLBACK");
}

Status PgConnection::copyIn(const QByteArray& copySql, const QByteArray& data)
{
    pg_result* start = PQexec(m_conn, copySql.constData());
    if (!start || PQresultStatus(start) != PGRES_COPY_IN)
        return failure("COPY", start);
    PQclear(start);
    if (PQputCopyData(m_conn, data.constData(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(m_conn, nullptr) != 1)
        return failure("COPY", nullptr);
    pg_result* end = PQgetResult(m_conn);
    if (!end || PQresultStatus(end) != PGRES_COMMAND_OK)
        return failure("COPY", end);
    PQclear(end);
    while (pg_result* more = PQgetResult(m_conn))
        PQclear(more);
    return {};
}

bool PgConnection::isOk() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

Status PgConnection::reset()
{
    PQreset(m_conn);
    if (PQstatus(m_conn) != CONNECTION_OK)
        return fail(ErrorCode::Io, QStringLiteral("the database does not answer: %1")
                                       .arg(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()));
    return {};
}

Status setTenant(PgConnection& pg, const QString& companyId, const QStringList& storeIds)
{
    auto set = pg.exec("SELECT set_config('pos.company_id', $1, true), "
                       "set_config('pos.store_ids', $2, true)",
                       {companyId.toUtf8(), storeIds.join(u',').toUtf8()});
    if (!set)
        return std::unexpected(set.error());
    return {};
}

} // namespace pos::server
