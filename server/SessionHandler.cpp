#include "SessionHandler.h"

#include "crypto/Ed25519.h"

namespace pos::server {

SessionHandler::SessionHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse SessionHandler::handle(const RequestContext& who, const QByteArray& body,
                                   const QUrlQuery& query)
{
    Q_UNUSED(who);
    Q_UNUSED(body);
    Q_UNUSED(query);
    Q_UNUSED(m_ctx);
    return apiError(503, QStringLiteral("unavailable"), QStringLiteral("Not built yet."));
}

QByteArray SessionHandler::tokenHash(QByteArrayView tokenText)
{
    return sha256(tokenText);
}

} // namespace pos::server
