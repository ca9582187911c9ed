#include "PushHandler.h"

namespace pos::server {

PushHandler::PushHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse PushHandler::handle(const RequestContext&, const QByteArray&, const QUrlQuery&)
{
    return apiError(503, QStringLiteral("unavailable"), QStringLiteral("push is not built yet"));
}

} // namespace pos::server
