#include "SyncServer.h"

#include "AuditReadHandler.h"
#include "CommandHandler.h"
#include "EnrolHandler.h"
#include "GuardedSslServer.h"
#include "PullHandler.h"
#include "PushHandler.h"
#include "RequestAuth.h"
#include "ServerSql.h"
#include "SessionHandler.h"
#include "TlsMaterial.h"
#include "WitnessKey.h"
#include "sync/SyncProtocol.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <libpq-fe.h>

namespace pos::server {

namespace {

// After an answer the connection closes (respond()); a request that arrived behind it on the same
// connection is not carried out.
bool closing(QHttpServerResponder& responder)
{
    const QTcpSocket* socket = responder.socket();
    return socket == nullptr || socket->state() != QAbstractSocket::ConnectedState;
}

Q_LOGGING_CATEGORY(lcHttp, "pos.syncd.http")
Q_LOGGING_CATEGORY(lcTls, "pos.syncd.tls")

QByteArray methodText(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

// The request target as the client sent it (and signed it): path and query, percent-encoded.
QByteArray pathAndQuery(const QUrl& url)
{
    QByteArray out = url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        out += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return out;
}

QByteArray describe(const QHttpServerRequest& request)
{
    return methodText(request.method()) + ' ' + request.url().path(QUrl::FullyEncoded).toLatin1();
}

QHttpServerResponder::StatusCode statusCode(int status)
{
    switch (status) {
    case 200:
    case 400:
    case 401:
    case 403:
    case 404:
    case 409:
    case 411:
    case 413:
    case 429:
    case 503:
        return static_cast<QHttpServerResponder::StatusCode>(status);
    default:
        return QHttpServerResponder::StatusCode::InternalServerError;
    }
}

} // namespace

struct SyncServer::Handlers {
    std::unique_ptr<PushHandler> push;
    std::unique_ptr<AuditReadHandler> audit;
    std::unique_ptr<PullHandler> pull;
    std::unique_ptr<SessionHandler> session;
    std::unique_ptr<CommandHandler> commands;
};

Result<std::unique_ptr<SyncServer>> SyncServer::start(const ServerConfig& config)
{
    auto tls = TlsMaterial::load(config);
    if (!tls)
        return std::unexpected(tls.error());
    auto witness = WitnessKey::loadOrCreate(config.witnessKeyPath);
    if (!witness)
        return std::unexpected(witness.error());
    auto secretsKey = WitnessKey::secretsKey(config.witnessKeyPath);
    if (!secretsKey)
        return std::unexpected(secretsKey.error());
    auto pg = PgConnection::open(config.conninfo);
    if (!pg)
        return std::unexpected(pg.error());
    std::unique_ptr<SyncServer> server(
        new SyncServer(config, std::move(*pg), std::move(*witness), tls->pins));
    server->m_secretsKey = std::make_unique<SecretBytes>(std::move(*secretsKey));
    server->m_ctx->secretsKey = server->m_secretsKey.get();
    if (auto listening = server->listen(tls->configuration); !listening)
        return std::unexpected(listening.error());
    return server;
}

SyncServer::SyncServer(const ServerConfig& config, PgConnection pg, Ed25519Signer witness,
                       QStringList pins)
    : m_config(config), m_pg(std::make_unique<PgConnection>(std::move(pg))),
      m_witness(std::make_unique<Ed25519Signer>(std::move(witness))),
      m_ctx(std::make_unique<ServerContext>(ServerContext{*m_pg, *m_witness, std::move(pins)})),
      m_http(std::make_unique<QHttpServer>()), m_auth(std::make_unique<RequestAuth>(*m_ctx)),
      m_enrol(std::make_unique<EnrolHandler>(*m_ctx)), m_handlers(std::make_unique<Handlers>())
{
    addRoutes();
}

SyncServer::~SyncServer() = default;

QHostAddress SyncServer::address() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

quint16 SyncServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QByteArray SyncServer::witnessPublicKey() const
{
    return m_witness->publicKey();
}

Status SyncServer::listen(const QSslConfiguration& tls)
{
    auto* tcp = new GuardedSslServer(m_config.maxBodyBytes);
    tcp->setSslConfiguration(tls);
    connect(tcp, &QSslServer::errorOccurred, this,
            [](QSslSocket* socket, QAbstractSocket::SocketError) {
                qCInfo(lcTls, "TLS with %s failed: %s",
                       qPrintable(socket->peerAddress().toString()),
                       qPrintable(socket->errorString()));
            });
    // Every request opens a connection of its own (respond()), so many registers connect at
    // once: with Qt's default backlog of 50 the kernel dropped handshakes and the clients waited
    // for SYN retries (pos_sync_bench: p99 15.6 s for 100 registers; see README).
    tcp->setListenBacklogSize(1024);
    if (!tcp->listen(m_config.listenAddress, m_config.port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return fail(ErrorCode::Io, QStringLiteral("cannot listen on %1 port %2: %3")
                                       .arg(m_config.listenAddress.toString())
                                       .arg(m_config.port)
                                       .arg(why));
    }
    m_http->bind(tcp);
    m_tcp = tcp;
    return {};
}

void SyncServer::addRoutes()
{
    using Method = QHttpServerRequest::Method;
    m_http->route(QStringLiteral("/v1/health"), Method::Get,
                  [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                      serveHealth(request, std::move(responder));
                  });
    m_http->route(QStringLiteral("/v1/enrol"), Method::Post,
                  [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                      serveEnrol(request, std::move(responder));
                  });
    m_handlers->push = std::make_unique<PushHandler>(*m_ctx);
    addDeviceRoute(QStringLiteral("/v1/push"), Method::Post,
                   [h = m_handlers->push.get()](const RequestContext& who, const QByteArray& body,
                                                const QUrlQuery& query) {
                       return h->handle(who, body, query);
                   });
    m_handlers->audit = std::make_unique<AuditReadHandler>(*m_ctx);
    addDeviceRoute(QStringLiteral("/v1/audit"), Method::Get,
                   [h = m_handlers->audit.get()](const RequestContext& who, const QByteArray& body,
                                                 const QUrlQuery& query) {
                       return h->handle(who, body, query);
                   });
    m_handlers->pull = std::make_unique<PullHandler>(*m_ctx);
    addDeviceRoute(QStringLiteral("/v1/pull"), Method::Get,
                   [h = m_handlers->pull.get()](const RequestContext& who, const QByteArray& body,
                                                const QUrlQuery& query) {
                       return h->handle(who, body, query);
                   });
    m_handlers->session = std::make_unique<SessionHandler>(*m_ctx);
    addDeviceRoute(QStringLiteral("/v1/session"), Method::Post,
                   [h = m_handlers->session.get()](const RequestContext& who,
                                                   const QByteArray& body, const QUrlQuery& query) {
                       return h->handle(who, body, query);
                   });
    m_handlers->commands = std::make_unique<CommandHandler>(*m_ctx);
    addDeviceRoute(QStringLiteral("/v1/commands"), Method::Post,
                   [h = m_handlers->commands.get()](
                       const RequestContext& who, const QByteArray& body, const QUrlQuery& query) {
                       return h->handle(who, body, query);
                   });
    m_http->setMissingHandler(
        [](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (closing(responder))
                return;
            respond(describe(request), responder,
                    apiError(404, QStringLiteral("not_found"),
                             QStringLiteral("there is no such endpoint on this server")));
        });
}

void SyncServer::addDeviceRoute(const QString& path, QHttpServerRequest::Method method,
                                DeviceHandler handler)
{
    m_http->route(path, method,
                  [this, handler = std::move(handler)](const QHttpServerRequest& request,
                                                       QHttpServerResponder&& responder) {
                      serveDevice(request, std::move(responder), handler);
                  });
}

bool SyncServer::databaseReady()
{
    if (m_pg->isOk())
        return true;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastReconnect < std::chrono::milliseconds(ReconnectIntervalMs))
        return false;
    m_lastReconnect = now;
    if (auto reset = m_pg->reset(); !reset) {
        qCWarning(lcHttp, "database still unavailable: %s", qPrintable(reset.error().message));
        return false;
    }
    qCInfo(lcHttp, "database connection re-established");
    return true;
}

ApiResponse SyncServer::closeTransaction(ApiResponse response)
{
    const PGTransactionStatusType state = PQtransactionStatus(m_pg->raw());
    if (state == PQTRANS_INTRANS || state == PQTRANS_INERROR || state == PQTRANS_ACTIVE) {
        (void)m_pg->rollback();
        return sql::unavailable(
            Error{ErrorCode::Internal, QStringLiteral("a handler left its transaction open "
                                                      "(answered %1); rolled back")
                                           .arg(response.status)});
    }
    return response;
}

void SyncServer::serveHealth(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (closing(responder))
        return;
    const auto unavailable =
        apiError(503, QStringLiteral("unavailable"),
                 QStringLiteral("the server's database is not available; try again later"));
    if (!databaseReady()) {
        respond(describe(request), responder, unavailable);
        return;
    }
    if (auto ping = m_pg->exec("SELECT 1"); !ping) {
        respond(describe(request), responder, sql::unavailable(ping.error()));
        return;
    }
    respond(describe(request), responder,
            {200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                              {QStringLiteral("api"), syncprotocol::ApiVersion},
                              {QStringLiteral("server_time"), m_ctx->now().toSecsSinceEpoch()}}});
}

void SyncServer::serveEnrol(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (closing(responder))
        return;
    const QByteArray what = describe(request);
    if (!databaseReady()) {
        respond(
            what, responder,
            apiError(503, QStringLiteral("unavailable"),
                     QStringLiteral("the server's database is not available; try again later")));
        return;
    }
    const ApiResponse response =
        closeTransaction(m_enrol->handle(request.remoteAddress(), request.body()));
    if (response.status != 401) {
        respond(what, responder, response);
        return;
    }
    // A refused code is answered after the same delay whatever the reason, without holding up
    // other requests: the answer waits on a timer bound to the connection.
    QTcpSocket* socket = responder.socket();
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QTimer::singleShot(EnrolHandler::RefusalDelayMs, socket,
                       [what, pending, response] { respond(what, *pending, response); });
}

void SyncServer::serveDevice(const QHttpServerRequest& request, QHttpServerResponder&& responder,
                             const DeviceHandler& handler)
{
    if (closing(responder))
        return;
    const QByteArray what = describe(request);
    if (!databaseReady()) {
        respond(
            what, responder,
            apiError(503, QStringLiteral("unavailable"),
                     QStringLiteral("the server's database is not available; try again later")));
        return;
    }
    RequestAuth::Request auth;
    auth.method = methodText(request.method());
    auth.pathAndQuery = pathAndQuery(request.url());
    auth.body = request.body();
    auth.company = request.value(syncprotocol::HeaderCompany);
    auth.registerId = request.value(syncprotocol::HeaderRegister);
    auth.time = request.value(syncprotocol::HeaderTime);
    auth.nonce = request.value(syncprotocol::HeaderNonce);
    auth.signature = request.value(syncprotocol::HeaderSignature);
    auth.session = request.value(syncprotocol::HeaderSession);
    auto who = m_auth->authenticate(auth);
    if (!who) {
        respond(what, responder, closeTransaction(who.error()));
        return;
    }
    const ApiResponse response = closeTransaction(handler(*who, auth.body, request.query()));
    respond(what, responder, response, who->registerId);
}

void SyncServer::respond(const QByteArray& what, QHttpServerResponder& responder,
                         const ApiResponse& response, const QString& registerId)
{
    const QByteArray json = QJsonDocument(response.body).toJson(QJsonDocument::Compact);
    // One request per connection (docs/sync.md "Transport"): the answer says so and the
    // connection is closed once it is written, so a client never sends a second request down a
    // connection whose first answer it did not see whole.
    QTcpSocket* socket = responder.socket();
    responder.write(json,
                    {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                     {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                     {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}},
                    statusCode(response.status));
    if (socket)
        socket->disconnectFromHost();
    if (registerId.isEmpty())
        qCInfo(lcHttp, "%s -> %d", what.constData(), response.status);
    else
        qCInfo(lcHttp, "%s -> %d register %s", what.constData(), response.status,
               qPrintable(registerId));
}

} // namespace pos::server
