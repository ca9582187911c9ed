#pragma once

#include "ApiResponse.h"
#include "PushRecords.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <utility>

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
    // Inside the open transaction: the result, and whether it is the stored answer of a batch
    // seen before (nothing to commit).
    ApiResult<std::pair<QJsonObject, bool>> store(const RequestContext& who,
                                                  const PushBatch& batch);
    ServerContext& m_ctx;
};

} // namespace pos::server
