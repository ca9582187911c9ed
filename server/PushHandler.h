#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QUrlQuery>

namespace pos::server {

// POST /v1/push (docs/sync.md): a register's batch of sales, refunds, shifts, approvals, cash
// movements, audit rows and checkpoints, stored in one transaction or not at all. Idempotent by
// record UUID and by batch id; audit rows are checked for chain continuity and signatures and
// checkpoints are countersigned (AuditIngest).
class PushHandler {
public:
    explicit PushHandler(ServerContext& ctx);
    ApiResponse handle(const RequestContext& who, const QByteArray& body, const QUrlQuery& query);

private:
    ServerContext& m_ctx;
};

} // namespace pos::server
