#pragma once

#include "ApiResponse.h"
#include "Error.h"
#include "ServerConfig.h"
#include "ServerWorker.h"
#include "WorkerPool.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBytes.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerResponder;
class QSslConfiguration;

namespace pos::server {

class GuardedSslServer;

// pos-syncd's HTTPS server (docs/sync.md, "Endpoints"): QHttpServer 6.4 bound to a QSslServer
// that accepts TLS 1.3 only. The TLS connections, HTTP parsing and answers live on the thread
// that calls start() (its event loop); each request is carried out by a ServerWorker of a
// WorkerPool, several threads that each have their own PostgreSQL connection
// (ServerConfig::effectiveWorkers()). Routes:
//   GET  /v1/health    SELECT 1 (503 unavailable while the database is down)
//   POST /v1/enrol     EnrolHandler
//   POST /v1/push, GET /v1/audit, GET /v1/pull, POST /v1/session, POST /v1/commands:
//                      RequestAuth, then the route's handler
// Anything else is 404 not_found; when WorkerPool::MaxQueued requests already wait for a worker,
// 503 unavailable at once. One request per connection: the answer closes it, and a request sent
// behind the first one on the same connection is not carried out.
class SyncServer : public QObject {
    Q_OBJECT
public:
    // Reads the certificate(s), the TLS key (refused when group or others may read it) and the
    // witness key (made on first start), connects the workers to PostgreSQL and listens. Errors
    // name the file or setting; none holds a secret.
    static Result<std::unique_ptr<SyncServer>> start(const ServerConfig& config);
    ~SyncServer() override;

    QHostAddress address() const;
    quint16 port() const; // the bound port (the configured one, or the one picked for port 0)
    QStringList pins() const { return m_pins; }
    QByteArray witnessPublicKey() const;

private:
    using Work = std::function<ServerWorker::Answer(ServerWorker&)>;

    SyncServer(const ServerConfig& config, Ed25519Signer witness, QStringList pins);
    Status listen(const QSslConfiguration& tls);
    void addRoutes();
    void addDeviceRoute(const QString& path, QHttpServerRequest::Method method,
                        ServerWorker::Route route);
    void dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder, Work work,
                  bool delayRefusal = false);
    static void respond(const QByteArray& what, QHttpServerResponder& responder,
                        const ServerWorker::Answer& answer);

    ServerConfig m_config;
    std::unique_ptr<Ed25519Signer> m_witness;
    std::unique_ptr<SecretBytes> m_secretsKey;
    QStringList m_pins;
    std::unique_ptr<QHttpServer> m_http;
    GuardedSslServer* m_tcp = nullptr; // owned by m_http once bound
    // Last, so it is destroyed first: its threads are joined while everything they use exists.
    std::unique_ptr<WorkerPool<ServerWorker>> m_pool;
};

} // namespace pos::server
