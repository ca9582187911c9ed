#pragma once

#include "ApiResponse.h"
#include "Error.h"
#include "ServerConfig.h"
#include "ServerContext.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QObject>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerResponder;
class QSslConfiguration;

namespace pos::server {

class EnrolHandler;
class GuardedSslServer;
class RequestAuth;

// pos-syncd's HTTPS server (docs/sync.md, "Endpoints"): QHttpServer 6.4 bound to a QSslServer
// that accepts TLS 1.3 only, one thread, one PostgreSQL connection. Routes:
//   GET  /v1/health    SELECT 1 (503 unavailable while the database is down)
//   POST /v1/enrol     EnrolHandler
//   POST /v1/push, GET /v1/audit, GET /v1/pull, POST /v1/session, POST /v1/commands:
//                      RequestAuth, then the route's handler
// Anything else is 404 not_found. Before each request a lost database connection is reset (at
// most every ReconnectIntervalMs); a handler that leaves a transaction open is rolled back and the
// request answered 503, so nothing half-written is ever reported as stored.
class SyncServer : public QObject {
    Q_OBJECT
public:
    static constexpr int ReconnectIntervalMs = 1000;

    // Reads the certificate(s), the TLS key (refused when group or others may read it) and the
    // witness key (made on first start), connects to PostgreSQL and listens. Errors name the file
    // or setting; none holds a secret.
    static Result<std::unique_ptr<SyncServer>> start(const ServerConfig& config);
    ~SyncServer() override;

    QHostAddress address() const;
    quint16 port() const; // the bound port (the configured one, or the one picked for port 0)
    QStringList pins() const { return m_ctx->pins; }
    QByteArray witnessPublicKey() const;

private:
    using DeviceHandler =
        std::function<ApiResponse(const RequestContext&, const QByteArray&, const QUrlQuery&)>;
    struct Handlers;

    SyncServer(const ServerConfig& config, PgConnection pg, Ed25519Signer witness,
               QStringList pins);
    Status listen(const QSslConfiguration& tls);
    void addRoutes();
    void addDeviceRoute(const QString& path, QHttpServerRequest::Method method,
                        DeviceHandler handler);
    void serveHealth(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void serveEnrol(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void serveDevice(const QHttpServerRequest& request, QHttpServerResponder&& responder,
                     const DeviceHandler& handler);
    bool databaseReady();
    ApiResponse closeTransaction(ApiResponse response);
    static void respond(const QByteArray& what, QHttpServerResponder& responder,
                        const ApiResponse& response, const QString& registerId = {});

    ServerConfig m_config;
    std::unique_ptr<PgConnection> m_pg;
    std::unique_ptr<Ed25519Signer> m_witness;
    std::unique_ptr<SecretBytes> m_secretsKey;
    std::unique_ptr<ServerContext> m_ctx;
    std::unique_ptr<QHttpServer> m_http;
    GuardedSslServer* m_tcp = nullptr; // owned by m_http once bound
    std::unique_ptr<RequestAuth> m_auth;
    std::unique_ptr<EnrolHandler> m_enrol;
    std::unique_ptr<Handlers> m_handlers;
    std::chrono::steady_clock::time_point m_lastReconnect{};
};

} // namespace pos::server
