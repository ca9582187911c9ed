#include "AuditReadHandler.h"

namespace pos::server {

AuditReadHandler::AuditReadHandler(ServerContext& ctx) : m_ctx(ctx) {}

ApiResponse AuditReadHandler::handle(const RequestContext&, const QByteArray&, const QUrlQuery&)
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("the audit read is not built yet"));
}

} // namespace pos::server
