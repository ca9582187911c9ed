#include "sync/PullApplier.h"

#include <QJsonDocument>

namespace pos {

PullApplier::PullApplier(Database& db, KeyStore& keys, const Clock& clock)
    : m_db(db), m_keys(keys), m_clock(clock)
{}

Result<qint64> PullApplier::cursor()
{
    return fail(ErrorCode::Internal, QStringLiteral("not built yet"));
}

Result<PullSummary> PullApplier::apply(const QJsonObject& response, qint64 requestedCursor)
{
    Q_UNUSED(response);
    Q_UNUSED(requestedCursor);
    Q_UNUSED(m_db);
    Q_UNUSED(m_keys);
    Q_UNUSED(m_clock);
    return fail(ErrorCode::Internal, QStringLiteral("not built yet"));
}

Result<PullSummary> PullApplier::apply(const QByteArray& responseBody, qint64 requestedCursor)
{
    return apply(QJsonDocument::fromJson(responseBody).object(), requestedCursor);
}

const QStringList& PullApplier::syncedSettingKeys()
{
    static const QStringList keys{QStringLiteral("cash_out_limit_minor"),
                                  QStringLiteral("idle_lock_seconds")};
    return keys;
}

} // namespace pos
