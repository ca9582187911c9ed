#pragma once

#include <QStringList>
#include <QTextStream>

namespace pos::server {

// `pos-syncd admin <subcommand> ...`: the operator's command line (docs/sync.md, "Tenancy on the
// server"). args start after "admin". Every subcommand takes `--config FILE` (the server
// configuration; its [database] admin_conninfo names a role that may SET ROLE pos_owner) or
// `--db CONNINFO` (tests). Secrets (passwords) are read from `in`, one line, never from args.
// Output on `out` is one fact per line ("company <uuid>", "store <uuid>", ...); errors go to
// `err` as one plain sentence. Returns the process exit code: 0 done, 1 refused or failed
// (nothing written), 2 usage error.
//
//   init-roles --app-login NAME      (superuser) roles pos_owner, pos_app; NAME LOGIN, granted
//                                    pos_app, password from stdin; NAME must own nothing
//   migrate                          apply :/schema/V<n>.sql not yet applied, as pos_owner
//   create-company --name N          prints "company <uuid>"
//   create-store --company ID --name N                       prints "store <uuid>"
//   create-user --company ID --code C --name N --role owner|manager|cashier|auditor
//               [--stores ID,ID]     password from stdin; prints "user <uuid>" and
//                                    "assigned <store uuid>" per store (owners: every store)
//   enrol-code --company ID --store ID [--hours 24]
//                                    prints "code XXXX-XXXX-XXXX-XXXX", "expires <ISO>" and
//                                    "pin <hex>" per server certificate pin (once; only the
//                                    code's hash is stored)
//   devices --company ID [--store ID]
//                                    "device <id> store=<id> enrolled=<ISO> revoked=<ISO|no>
//                                    name=<name>" per register
//   revoke --company ID --device ID [--reason TEXT]          prints "revoked <id> <ISO>"
//
// There is no "companies" listing: the admin works per company under the same row-level security
// as the server (it never bypasses it), and without a company setting no row is visible.
int runAdminCommand(const QStringList& args, QTextStream& out, QTextStream& err, QTextStream& in);

} // namespace pos::server
