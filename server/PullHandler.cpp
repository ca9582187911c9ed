#include "PullHandler.h"

namespace pos::server {

PullHandler::PullHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse PullHandler::handle(const RequestContext& who, const QByteArray& body,
                                const QUrlQuery& query)
{
    Q_UNUSED(who);
    Q_UNUSED(body);
    Q_UNUSED(query);
    Q_UNUSED(m_ctx);
    return apiError(503, QStringLiteral("unavailable"), QStringLiteral("Not built yet."));
}

} // namespace pos::server
