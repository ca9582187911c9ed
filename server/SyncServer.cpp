#include "SyncServer.h"

#include "EnrolHandler.h"
#include "GuardedSslServer.h"
#include "RequestAuth.h"
#include "TlsMaterial.h"
#include "WitnessKey.h"
#include "sync/SyncProtocol.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace pos::server {

namespace {

// Set on a connection once a request on it has been handed to a worker.
constexpr char TakenProperty[] = "posRequestTaken";

// After an answer the connection closes (respond()); a request that arrived behind the first one
// on the same connection, whether that one is answered yet or not, is not carried out.
bool closing(QHttpServerResponder& responder)
{
    const QTcpSocket* socket = responder.socket();
    return socket == nullptr || socket->state() != QAbstractSocket::ConnectedState ||
           socket->property(TakenProperty).toBool();
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
    std::unique_ptr<SyncServer> server(new SyncServer(config, std::move(*witness), tls->pins));
    server->m_secretsKey = std::make_unique<SecretBytes>(std::move(*secretsKey));

    const auto enrolAttempts = std::make_shared<EnrolAttempts>();
    std::vector<std::unique_ptr<ServerWorker>> workers;
    const int workerCount = config.effectiveWorkers();
    for (int i = 0; i < workerCount; ++i) {
        auto pg = PgConnection::open(config.conninfo);
        if (!pg)
            return std::unexpected(pg.error());
        workers.push_back(std::make_unique<ServerWorker>(std::move(*pg), *server->m_witness,
                                                         tls->pins, server->m_secretsKey.get(),
                                                         enrolAttempts));
    }
    server->m_pool = std::make_unique<WorkerPool<ServerWorker>>(std::move(workers), server.get());
    qCInfo(lcHttp, "%d worker threads, each with its own database connection", workerCount);
    if (auto listening = server->listen(tls->configuration); !listening)
        return std::unexpected(listening.error());
    return server;
}

SyncServer::SyncServer(const ServerConfig& config, Ed25519Signer witness, QStringList pins)
    : m_config(config), m_witness(std::make_unique<Ed25519Signer>(std::move(witness))),
      m_pins(std::move(pins)), m_http(std::make_unique<QHttpServer>())
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
                      dispatch(request, std::move(responder),
                               [](ServerWorker& worker) { return worker.health(); });
                  });
    m_http->route(QStringLiteral("/v1/enrol"), Method::Post,
                  [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                      dispatch(
                          request, std::move(responder),
                          [peer = request.remoteAddress(), body = request.body()](
                              ServerWorker& worker) { return worker.enrol(peer, body); },
                          true);
                  });
    addDeviceRoute(QStringLiteral("/v1/push"), Method::Post, ServerWorker::Route::Push);
    addDeviceRoute(QStringLiteral("/v1/audit"), Method::Get, ServerWorker::Route::Audit);
    addDeviceRoute(QStringLiteral("/v1/pull"), Method::Get, ServerWorker::Route::Pull);
    addDeviceRoute(QStringLiteral("/v1/session"), Method::Post, ServerWorker::Route::Session);
    addDeviceRoute(QStringLiteral("/v1/commands"), Method::Post, ServerWorker::Route::Commands);
    m_http->setMissingHandler(
        [](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (closing(responder))
                return;
            respond(describe(request), responder,
                    ServerWorker::answer(
                        apiError(404, QStringLiteral("not_found"),
                                 QStringLiteral("there is no such endpoint on this server"))));
        });
}

void SyncServer::addDeviceRoute(const QString& path, QHttpServerRequest::Method method,
                                ServerWorker::Route route)
{
    m_http->route(
        path, method,
        [this, route](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
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
            dispatch(request, std::move(responder),
                     [route, auth, query = request.query()](ServerWorker& worker) {
                         return worker.device(route, auth, query);
                     });
        });
}

void SyncServer::dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder,
                          Work work, bool delayRefusal)
{
    if (closing(responder))
        return;
    QTcpSocket* socket = responder.socket();
    socket->setProperty(TakenProperty, true);
    const QByteArray what = describe(request);
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> connection(socket);
    const auto done = [what, pending, connection, delayRefusal](ServerWorker::Answer answer) {
        if (!connection) // the client went away while a worker carried the request out
            return;
        if (!delayRefusal || answer.status != 401) {
            respond(what, *pending, answer);
            return;
        }
        // A refused enrolment code is answered after the same delay whatever the reason, without
        // holding up other requests: the answer waits on a timer bound to the connection.
        QTimer::singleShot(EnrolHandler::RefusalDelayMs, connection.data(),
                           [what, pending, answer] { respond(what, *pending, answer); });
    };
    if (!m_pool->submit<ServerWorker::Answer>(std::move(work), done))
        respond(what, *pending,
                ServerWorker::answer(
                    apiError(503, QStringLiteral("unavailable"),
                             QStringLiteral("the server is busy; try again in a moment"))));
}

void SyncServer::respond(const QByteArray& what, QHttpServerResponder& responder,
                         const ServerWorker::Answer& answer)
{
    // One request per connection (docs/sync.md "Transport"): the answer says so and the
    // connection is closed once it is written, so a client never sends a second request down a
    // connection whose first answer it did not see whole.
    QTcpSocket* socket = responder.socket();
    responder.write(answer.json,
                    {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                     {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                     {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}},
                    statusCode(answer.status));
    if (socket)
        socket->disconnectFromHost();
    if (answer.registerId.isEmpty())
        qCInfo(lcHttp, "%s -> %d", what.constData(), answer.status);
    else
        qCInfo(lcHttp, "%s -> %d register %s", what.constData(), answer.status,
               qPrintable(answer.registerId));
}

} // namespace pos::server
