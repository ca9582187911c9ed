#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrlQuery>

namespace pos::server {

// POST /v1/session (device-authenticated; docs/sync.md, "Sessions"): a user proves who they are
// with their user code and password (or PIN, when the server holds the company's PIN pepper),
// checked with core/auth/CredentialHash against pos.users, and gets a token for user-scoped calls
// (X-Pos-Session) from this register for 12 hours.
//
// Refused: a malformed body (bad_request), a wrong code or secret (unauthenticated, the same
// message and the same cost whether or not the code exists), too many failures for that user code
// (locked: 429 with the wait in words; counted per company and user code in this process, by
// every worker thread together), a second attempt for a user code while one is being checked
// (locked, not checked and not counted), an inactive user or one not assigned to the register's
// store (forbidden). A refusal writes nothing. The token is 32 random bytes, sent once as base64url
// without padding; only tokenHash() of it is stored (pos.user_tokens, bound to the register). No
// log line holds a code, secret or token.
class SessionHandler {
public:
    explicit SessionHandler(ServerContext& ctx);
    ApiResponse handle(const RequestContext& who, const QByteArray& body, const QUrlQuery& query);

    static constexpr qint64 TokenLifetimeSeconds = 12 * 3600;
    static constexpr int TokenBytes = 32;

    // What pos.user_tokens.token_hash holds for a token: SHA-256 of the token's text exactly as
    // it travels in X-Pos-Session (the base64url characters). RequestAuth looks tokens up by it.
    static QByteArray tokenHash(QByteArrayView tokenText);

private:
    ServerContext& m_ctx;
};

} // namespace pos::server
