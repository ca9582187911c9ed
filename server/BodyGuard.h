#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace pos::server {

// Watches the bytes a client sends on one connection, request by request, before QHttpServer 6.4
// reads them: QHttpServer 6.4 has no size limit of its own (it keeps a whole body in memory and
// even reserves Content-Length bytes up front). The guard frames each HTTP/1.1 request itself:
// the head (request line and headers, at most MaxHeadBytes), then exactly Content-Length body
// bytes, and refuses
//   - a head over MaxHeadBytes                                   413 too_large
//   - a Content-Length over the configured limit                 413 too_large
//   - POST (or PUT/PATCH) without Content-Length                 411 length_required
//   - any Transfer-Encoding (chunked bodies have no length up front) 411 length_required
//   - a head it cannot frame exactly as a strict parser would (two different Content-Lengths,
//     folded header lines, Upgrade, CONNECT, ...)                 400 bad_request
// Once refused, the connection is answered and closed (GuardedSslServer); nothing of that request
// reaches QHttpServer. Pure bookkeeping: no sockets, so it is tested byte by byte.
class BodyGuard {
public:
    static constexpr qint64 MaxHeadBytes = 32 * 1024;

    struct Refusal {
        int status = 400;
        QString code;
        QString message;
    };

    explicit BodyGuard(qint64 maxBodyBytes);

    // The next bytes received on the connection, in order. Returns the refusal once the request
    // they belong to must be refused; from then on every call returns the same refusal.
    std::optional<Refusal> feed(QByteArrayView bytes);

    // The HTTP response for a refusal: status line, JSON body in the shape of apiError, and
    // "Connection: close".
    static QByteArray response(const Refusal& refusal);

    qint64 requestsFramed() const { return m_requests; }

private:
    std::optional<Refusal> parseHead(QByteArrayView head);
    std::optional<Refusal> refuse(int status, const char* code, const QString& message);

    enum class State { Head, Body, Refused };
    qint64 m_maxBody;
    State m_state = State::Head;
    QByteArray m_head;     // bytes of the current head so far
    qint64 m_bodyLeft = 0; // body bytes of the current request still to come
    qint64 m_requests = 0; // complete heads framed
    Refusal m_refusal;
};

} // namespace pos::server
