#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>

#include <expected>

namespace pos::server {

// NET-3: checks a device-signed request (docs/sync.md, "Device authentication") and says who is
// asking. The register is looked up inside its own short transaction under the company the
// request names (row-level security: a forged company finds no register), its Ed25519 signature
// over syncprotocol::requestSigningBytes is checked with the enrolled device key, its time must be
// within MaxClockSkewSeconds of the server's clock, and its nonce is stored (request_nonces) so a
// second use is refused. With X-Pos-Session, the user token is resolved too (user_tokens, bound to
// this register, not expired, user active) and storeIds become the user's stores (every store of
// the company for an owner).
//
// An unknown register, a register of another company and a bad signature get the same answer
// (401 unauthenticated, same message) after the same work: an unknown register is checked against
// a dummy key. Revocation and clock skew are only told to a request whose signature is good. Any
// refusal writes nothing (the nonce is stored only in the transaction that accepts the request).
class RequestAuth {
public:
    // The authentication headers exactly as received (empty when absent).
    struct Request {
        QByteArray method;       // "GET", "POST"
        QByteArray pathAndQuery; // as sent, e.g. "/v1/pull?cursor=12"
        QByteArray body;
        QByteArray company;
        QByteArray registerId;
        QByteArray time;
        QByteArray nonce;
        QByteArray signature;
        QByteArray session;
    };

    // Old nonces (older than NonceLifetimeSeconds) of a company are deleted at most this often.
    static constexpr qint64 NoncePurgeIntervalSeconds = 60;

    explicit RequestAuth(ServerContext& ctx);

    // The caller, or the refusal to send (401 unauthenticated / revoked / replayed, 503
    // unavailable when the database fails).
    std::expected<RequestContext, ApiResponse> authenticate(const Request& request);

    // The message of every "unknown register or bad signature" refusal.
    static QString notEnrolledMessage();

private:
    std::expected<RequestContext, ApiResponse> checkInTransaction(const Request& request,
                                                                  const QString& company,
                                                                  const QString& registerId,
                                                                  qint64 time);
    std::expected<void, ApiResponse> resolveSession(const QByteArray& token, RequestContext& who);
    std::expected<void, ApiResponse> purgeNonces(const QString& company);

    ServerContext& m_ctx;
    QHash<QString, QDateTime> m_lastPurge; // per company
};

} // namespace pos::server
