#pragma once

#include "ApiResponse.h"
#include "Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QLoggingCategory>
#include <QString>
#include <QUuid>

namespace pos::server::sql {

// Small shared pieces of syncd's own SQL (RequestAuth, EnrolHandler, SyncServer).

// A UUID in canonical text (lower case, no braces), or empty when `text` is not exactly one.
inline QString uuidText(QByteArrayView text)
{
    if (text.size() != 36)
        return {};
    const QUuid id = QUuid::fromString(QLatin1StringView(text.data(), text.size()));
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

// A timestamptz parameter.
inline QByteArray timestamp(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs).toLatin1();
}

// A bytea parameter in PostgreSQL's hex input form.
inline QByteArray byteaParam(const QByteArray& bytes)
{
    return "\\x" + bytes.toHex();
}

// The answer when the database failed: the register retries later; the cause goes to the log
// (messages from PgConnection never hold parameter values).
inline ApiResponse unavailable(const Error& error)
{
    static const QLoggingCategory category("pos.syncd.db");
    qCWarning(category, "database: %s", qPrintable(error.message));
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("the server's database is not available; try again later"));
}

} // namespace pos::server::sql
