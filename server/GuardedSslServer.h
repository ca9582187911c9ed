#pragma once

#include <QSslServer>

namespace pos::server {

// The QSslServer QHttpServer is bound to. TLS 1.3 only comes from its QSslConfiguration (set by
// SyncServer); a client that cannot do TLS 1.3, or speaks plain HTTP, fails the handshake and its
// socket never reaches QHttpServer. What this subclass adds: each connection QHttpServer takes
// gets a BodyGuard that sees every byte before QHttpServer reads it (our readyRead slot is
// connected first, and QHttpServer 6.4 reads everything available on each readyRead). A refused
// request is answered here (413 / 411 / 400 in the apiError shape) and the connection is closed
// after a short drain, so the client reads the answer instead of a reset. Idle connections are
// closed after IdleTimeoutMs, and a TLS handshake must finish within HandshakeTimeoutMs.
class GuardedSslServer : public QSslServer {
    Q_OBJECT
public:
    static constexpr int IdleTimeoutMs = 120'000;
    static constexpr int DrainMs = 2'000;
    static constexpr int HandshakeTimeoutMs = 10'000;

    explicit GuardedSslServer(qint64 maxBodyBytes, QObject* parent = nullptr);
    QTcpSocket* nextPendingConnection() override;

private:
    qint64 m_maxBody;
};

} // namespace pos::server
