#pragma once

// Shared by AdminService's source files only: input checks and the transaction guard.

#include "Error.h"
#include "PgConnection.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

namespace pos::server::admindetail {

// Rolls the open transaction back unless commit() was called and succeeded.
class Transaction {
public:
    explicit Transaction(PgConnection& pg) : m_pg(pg) {}
    ~Transaction()
    {
        if (!m_done)
            m_pg.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Status commit()
    {
        Status c = m_pg.commit();
        m_done = static_cast<bool>(c);
        return c;
    }

private:
    PgConnection& m_pg;
    bool m_done = false;
};

inline bool hasControl(const QString& text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
            c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

// A name: trimmed, 1 to 200 characters, one line.
inline Result<QString> checkName(const QString& raw, const QString& what)
{
    const QString name = raw.trimmed();
    if (name.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the %1 needs a name").arg(what));
    if (name.size() > 200 || hasControl(name))
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("the %1's name is one line of at most 200 characters").arg(what));
    return name;
}

// An id in the UUID text form without braces, as the server stores and prints them.
inline Status checkUuid(const QString& id, const QString& what)
{
    const QUuid uuid = QUuid::fromString(id);
    if (uuid.isNull() || uuid.toString(QUuid::WithoutBraces) != id.toLower())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("the %1 id is a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)").arg(what));
    return {};
}

// A timestamptz column as ISO 8601 UTC text ("2025-01-31T12:00:00Z"), NULL stays NULL.
inline QByteArray isoUtc(const char* column)
{
    return QByteArray("to_char(") + column +
           " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
}

} // namespace pos::server::admindetail
