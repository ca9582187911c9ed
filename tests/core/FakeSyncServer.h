#pragma once

// A small HTTPS server on 127.0.0.1 for the register's sync tests: real TLS (QSslServer) with the
// certificates of tests/server/support/CertFactory.h, a minimal HTTP/1.1 reader, and a handler
// the test writes. It stands in for pos-syncd where a test is about the register's side only
// (pinning, TLS versions, error bodies, back-off); the real server is driven by tests/server.

#include "../server/support/CertFactory.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <functional>

namespace pos::test {

struct FakeRequest {
    QByteArray method;
    QByteArray pathAndQuery;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct FakeResponse {
    int status = 200;
    QByteArray body = "{}";
    bool stall = false; // never answer (a server that hangs)
    bool drop = false;  // close the connection without an answer (cut off mid-request)
    static FakeResponse json(int status, const QJsonObject& o)
    {
        return FakeResponse{status, QJsonDocument(o).toJson(QJsonDocument::Compact), false, false};
    }
    static FakeResponse error(int status, const char* code, const char* message)
    {
        return json(
            status,
            QJsonObject{{QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                                     {QStringLiteral("message"), QString::fromUtf8(message)}}}});
    }
};

class FakeSyncServer : public QObject {
public:
    using Handler = std::function<FakeResponse(const FakeRequest&)>;

    // certificate/key: PEM files (CertFactory); protocol: what the server accepts.
    FakeSyncServer(const CertFiles& cert, QSsl::SslProtocol protocol = QSsl::TlsV1_3OrLater)
    {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setProtocol(protocol);
        QFile keyFile(cert.keyFile);
        if (keyFile.open(QIODevice::ReadOnly))
            ssl.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        ssl.setLocalCertificate(QSslCertificate(cert.certPem));
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(ssl);
        m_server.setHandshakeTimeout(5000);
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, this,
                         [this] { accept(); });
        m_ok = m_server.listen(QHostAddress::LocalHost, 0);
        m_port = m_server.serverPort();
    }

    bool ok() const { return m_ok; }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(port()); }
    void setHandler(Handler h) { m_handler = std::move(h); }
    // Stops listening (connections to the port are refused) and starts again on the same port.
    void goAway() { m_server.close(); }
    bool comeBack() { return m_server.listen(QHostAddress::LocalHost, m_port); }
    const QList<FakeRequest>& requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

    // A port on 127.0.0.1 where nothing listens (connections are refused).
    static quint16 closedPort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

private:
    void accept()
    {
        while (m_server.hasPendingConnections()) {
            auto* socket = qobject_cast<QSslSocket*>(m_server.nextPendingConnection());
            if (!socket)
                continue;
            socket->setParent(this);
            QObject::connect(socket, &QSslSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
            QObject::connect(socket, &QIODevice::readyRead, this, [this, socket] {
                QByteArray& buffer = m_buffers[socket];
                buffer.append(socket->readAll());
                serve(socket, buffer);
            });
        }
    }

    void serve(QSslSocket* socket, QByteArray& buffer)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        FakeRequest r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.pathAndQuery = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                r.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                 lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        buffer.clear();
        m_requests.append(r);
        const FakeResponse response = m_handler ? m_handler(r) : FakeResponse{};
        if (response.stall)
            return;
        if (response.drop) {
            socket->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
        out += "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
               QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
        socket->write(out);
        socket->flush();
        socket->disconnectFromHost();
    }

    QSslServer m_server;
    bool m_ok = false;
    quint16 m_port = 0;
    Handler m_handler;
    QList<FakeRequest> m_requests;
    QHash<QSslSocket*, QByteArray> m_buffers; // what each connection has sent so far
};

} // namespace pos::test
