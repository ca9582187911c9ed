#pragma once

#include "ApiResponse.h"
#include "RequestAuth.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <memory>

namespace pos::server {

class AuditReadHandler;
class CommandHandler;
class EnrolAttempts;
class EnrolHandler;
class PullHandler;
class PushHandler;
class SessionHandler;

// What one of pos-syncd's worker threads owns (SyncServer, WorkerPool): its own PostgreSQL
// connection and the handlers that use it. The witness key and the secrets key are shared
// read-only (OpenSSL 3 allows one EVP_PKEY to sign on several threads at once); what the handlers
// count in memory (enrolment failures, sign-in lockouts) is shared by all workers under a mutex.
//
// Before each request a lost database connection is reset (at most every ReconnectIntervalMs); a
// handler that leaves a transaction open is rolled back and the request answered 503, so nothing
// half-written is ever reported as stored.
class ServerWorker {
public:
    static constexpr int ReconnectIntervalMs = 1000;

    enum class Route { Push, Audit, Pull, Session, Commands };

    // An answer, already serialised on the worker (JSON), and the register it was for.
    struct Answer {
        int status = 200;
        QByteArray json;
        QString registerId; // empty unless the request was authenticated
    };

    ServerWorker(PgConnection pg, const Ed25519Signer& witness, QStringList pins,
                 const SecretBytes* secretsKey, std::shared_ptr<EnrolAttempts> enrolAttempts);
    ~ServerWorker();
    ServerWorker(const ServerWorker&) = delete;
    ServerWorker& operator=(const ServerWorker&) = delete;

    Answer health();
    Answer enrol(const QHostAddress& peer, const QByteArray& body);
    Answer device(Route route, const RequestAuth::Request& request, const QUrlQuery& query);

    static Answer answer(const ApiResponse& response, const QString& registerId = {});

private:
    bool databaseReady();
    ApiResponse closeTransaction(ApiResponse response);

    std::unique_ptr<PgConnection> m_pg;
    ServerContext m_ctx;
    std::unique_ptr<RequestAuth> m_auth;
    std::unique_ptr<EnrolHandler> m_enrol;
    std::unique_ptr<PushHandler> m_push;
    std::unique_ptr<AuditReadHandler> m_audit;
    std::unique_ptr<PullHandler> m_pull;
    std::unique_ptr<SessionHandler> m_session;
    std::unique_ptr<CommandHandler> m_commands;
    std::chrono::steady_clock::time_point m_lastReconnect{};
};

} // namespace pos::server
