#include "GuardedSslServer.h"

#include "BodyGuard.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

namespace pos::server {

namespace {

Q_LOGGING_CATEGORY(lcGuard, "pos.syncd.guard")

// Lives as a child of its socket: the framing state and the idle timer of one connection.
class ConnectionGuard : public QObject {
public:
    ConnectionGuard(QTcpSocket* socket, qint64 maxBody)
        : QObject(socket), m_socket(socket), m_guard(maxBody)
    {
        m_idle.setSingleShot(true);
        m_idle.setInterval(GuardedSslServer::IdleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, this, [this] {
            qCInfo(lcGuard, "closing a connection from %s: idle",
                   qPrintable(m_socket->peerAddress().toString()));
            m_socket->disconnectFromHost();
        });
        m_idle.start();
        connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::inspect);
    }

private:
    void inspect()
    {
        m_idle.start();
        // Everything not yet read is new to us: QHttpServer 6.4 reads all of it in its own slot,
        // which runs after this one. Should a later Qt leave bytes unread, we would count them
        // twice and refuse (fail closed), never let a body through unseen.
        const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
        const auto refusal = m_guard.feed(fresh);
        if (!refusal)
            return;
        // No other slot (QHttpServer's parser) sees these bytes or any later ones.
        disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        // QHttpServer may have begun a read transaction (a partial request); end it so what we
        // drain is freed instead of kept for a rollback.
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        connect(m_socket, &QIODevice::readyRead, this, [this] { m_socket->readAll(); });
        m_socket->readAll();
        qCInfo(lcGuard, "refused a request from %s: %d %s",
               qPrintable(m_socket->peerAddress().toString()), refusal->status,
               qPrintable(refusal->code));
        m_socket->write(BodyGuard::response(*refusal));
        m_socket->flush();
        // Drain what the client is still sending for a moment, then close: closing with unread
        // input makes the kernel send a reset that can destroy the answer before it is read.
        m_idle.stop();
        QTimer::singleShot(GuardedSslServer::DrainMs, this,
                           [this] { m_socket->disconnectFromHost(); });
    }

    QTcpSocket* m_socket;
    BodyGuard m_guard;
    QTimer m_idle;
};

} // namespace

GuardedSslServer::GuardedSslServer(qint64 maxBodyBytes, QObject* parent)
    : QSslServer(parent), m_maxBody(maxBodyBytes)
{
    setHandshakeTimeout(HandshakeTimeoutMs);
}

QTcpSocket* GuardedSslServer::nextPendingConnection()
{
    QTcpSocket* socket = QSslServer::nextPendingConnection();
    if (!socket)
        return nullptr;
    new ConnectionGuard(socket, m_maxBody);
    // Bytes that arrived with the end of the handshake were announced before anyone listened.
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(socket, &QIODevice::readyRead, Qt::QueuedConnection);
    return socket;
}

} // namespace pos::server
