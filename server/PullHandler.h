#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QUrlQuery>

namespace pos::server {

// GET /v1/pull?cursor=<n>&limit=<m> (device-authenticated; docs/sync.md, "Pull"): the
// server-authoritative changes the register's store may see after the cursor, each joined to the
// entity's current state as that store sees it (products with barcodes and this store's price,
// tax classes, categories, the staff who work in this store with their credential hashes, this
// store's role overrides, settings company-wide and of this store). Runs in one read-only
// transaction under setTenant(company, {the register's store}): row-level security hides every
// other company and store. Paged: at most `limit` change-log rows per answer and `more` when
// there are further ones.
class PullHandler {
public:
    explicit PullHandler(ServerContext& ctx);
    ApiResponse handle(const RequestContext& who, const QByteArray& body, const QUrlQuery& query);

    static constexpr int DefaultLimit = 500;
    static constexpr int MaxLimit = 2000;

private:
    ServerContext& m_ctx;
};

} // namespace pos::server
