#include "ServerWorker.h"

#include "AuditReadHandler.h"
#include "CommandHandler.h"
#include "EnrolHandler.h"
#include "PullHandler.h"
#include "PushHandler.h"
#include "ServerSql.h"
#include "SessionHandler.h"
#include "sync/SyncProtocol.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <libpq-fe.h>

namespace pos::server {

namespace {

Q_LOGGING_CATEGORY(lcWorker, "pos.syncd.worker")

ApiResponse databaseDown()
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("the server's database is not available; try again later"));
}

} // namespace

ServerWorker::ServerWorker(PgConnection pg, const Ed25519Signer& witness, QStringList pins,
                           const SecretBytes* secretsKey,
                           std::shared_ptr<EnrolAttempts> enrolAttempts)
    : m_pg(std::make_unique<PgConnection>(std::move(pg))), m_ctx{*m_pg, witness, std::move(pins)},
      m_auth(std::make_unique<RequestAuth>(m_ctx))
{
    m_ctx.secretsKey = secretsKey;
    m_enrol = std::make_unique<EnrolHandler>(m_ctx, std::move(enrolAttempts));
    m_push = std::make_unique<PushHandler>(m_ctx);
    m_audit = std::make_unique<AuditReadHandler>(m_ctx);
    m_pull = std::make_unique<PullHandler>(m_ctx);
    m_session = std::make_unique<SessionHandler>(m_ctx);
    m_commands = std::make_unique<CommandHandler>(m_ctx);
}

ServerWorker::~ServerWorker() = default;

ServerWorker::Answer ServerWorker::answer(const ApiResponse& response, const QString& registerId)
{
    return {response.status, QJsonDocument(response.body).toJson(QJsonDocument::Compact),
            registerId};
}

bool ServerWorker::databaseReady()
{
    if (m_pg->isOk())
        return true;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastReconnect < std::chrono::milliseconds(ReconnectIntervalMs))
        return false;
    m_lastReconnect = now;
    if (auto reset = m_pg->reset(); !reset) {
        qCWarning(lcWorker, "database still unavailable: %s", qPrintable(reset.error().message));
        return false;
    }
    qCInfo(lcWorker, "database connection re-established");
    return true;
}

ApiResponse ServerWorker::closeTransaction(ApiResponse response)
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

ServerWorker::Answer ServerWorker::health()
{
    if (!databaseReady())
        return answer(databaseDown());
    if (auto ping = m_pg->exec("SELECT 1"); !ping)
        return answer(sql::unavailable(ping.error()));
    return answer(
        {200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                          {QStringLiteral("api"), syncprotocol::ApiVersion},
                          {QStringLiteral("server_time"), m_ctx.now().toSecsSinceEpoch()}}});
}

ServerWorker::Answer ServerWorker::enrol(const QHostAddress& peer, const QByteArray& body)
{
    if (!databaseReady())
        return answer(databaseDown());
    return answer(closeTransaction(m_enrol->handle(peer, body)));
}

ServerWorker::Answer ServerWorker::device(Route route, const RequestAuth::Request& request,
                                          const QUrlQuery& query)
{
    if (!databaseReady())
        return answer(databaseDown());
    auto who = m_auth->authenticate(request);
    if (!who)
        return answer(closeTransaction(who.error()));
    ApiResponse response;
    switch (route) {
    case Route::Push:
        response = m_push->handle(*who, request.body, query);
        break;
    case Route::Audit:
        response = m_audit->handle(*who, request.body, query);
        break;
    case Route::Pull:
        response = m_pull->handle(*who, request.body, query);
        break;
    case Route::Session:
        response = m_session->handle(*who, request.body, query);
        break;
    case Route::Commands:
        response = m_commands->handle(*who, request.body, query);
        break;
    }
    return answer(closeTransaction(std::move(response)), who->registerId);
}

} // namespace pos::server
