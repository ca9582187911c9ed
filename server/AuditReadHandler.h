#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QUrlQuery>

namespace pos::server {

// GET /v1/audit?register_id=&after_seq=&limit= (docs/sync.md, AUD-7): for a user session of an
// owner or auditor, the audit rows and checkpoints (with the witness signatures) of one register
// of the user's stores, a page at a time by seq, with the register's enrolled signing key.
// Without register_id: the registers of the user's stores (with the store's name) and their head
// row count.
class AuditReadHandler {
public:
    static constexpr int DefaultLimit = 1000;
    static constexpr int MaxLimit = 5000;

    explicit AuditReadHandler(ServerContext& ctx);
    ApiResponse handle(const RequestContext& who, const QByteArray& body, const QUrlQuery& query);

private:
    ServerContext& m_ctx;
};

} // namespace pos::server
