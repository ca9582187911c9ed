#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QUrlQuery>

namespace pos::server {

// POST /v1/commands (device + user session; docs/sync.md, "Commands"): an edit of
// server-authoritative data made on an owner's or manager's desktop, naming the version it was
// based on. Kinds: product.create, product.update, tax_class.create, tax_class.update,
// category.create, store_price.set, user.create, user.update, setting.set, role_override.set.
//
// Runs in one transaction under setTenant(company, the user's stores). Checks the user's
// permission as core/staff/Role.cpp and the store's role overrides define it (and the staff rules
// of core/staff/StaffService), locks the row, compares base_version with its version: a
// difference is `409 stale` with a message that names what changed and the current version, and
// nothing is written. A success bumps the version, appends to pos.change_log (store_id NULL for
// company-wide data, the store for store-scoped data) and stores the answer under the command id
// in pos.commands, so a resent command id gets the same answer without being applied twice.
class CommandHandler {
public:
    explicit CommandHandler(ServerContext& ctx);
    ApiResponse handle(const RequestContext& who, const QByteArray& body, const QUrlQuery& query);

private:
    ServerContext& m_ctx;
};

} // namespace pos::server
