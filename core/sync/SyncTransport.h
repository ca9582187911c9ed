#pragma once

#include "Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <chrono>
#include <functional>
#include <memory>

class QNetworkReply;
class QSslConfiguration;
class QSslError;

namespace pos {

class Clock;
class DeviceIdentity;

struct SyncTimeouts {
    std::chrono::milliseconds connect{10'000}; // TCP and TLS handshake
    std::chrono::milliseconds request{60'000}; // the whole request, answer included
    qint64 maxResponseBytes = 16 * 1024 * 1024;
};

// Which server certificate is accepted (NET-2).
struct SyncTrust {
    // After enrolment: the SHA-256 pins of the server's SPKI (lower-case hex); the certificate
    // must match one, CA validation is not used.
    QStringList pins;
    // Only at enrolment (pins empty): the certificate must pass the system's CA check or match
    // this pin typed from the enrolment sheet. When a pin is typed it must match in any case.
    QString typedPin;
};

// One answer from the server, or why there was none.
struct SyncReply {
    enum class Kind {
        Ok,          // 2xx with a JSON object body
        Unreachable, // no connection, a timeout, the connection cut off
        Insecure,    // TLS refused: not TLS 1.3, a certificate neither pinned nor trusted
        Refused,     // an error answer (docs/sync.md "Errors"): code and message from the body
        BadReply,    // an answer that is not what the protocol says (no JSON, too large)
    };
    Kind kind = Kind::Unreachable;
    int httpStatus = 0;
    QString code;    // the server's error code for Refused ("conflict", "fork", ...)
    QString message; // plain words for people, always set unless Ok
    QJsonObject body;
    QString peerPin; // the pin of the certificate the server showed (when TLS got that far)

    bool ok() const { return kind == Kind::Ok; }
    Error error() const; // message with an ErrorCode that fits the code
};

// HTTPS to the sync server with QNetworkAccessManager, asynchronous: every call returns at once
// and `done` runs later in this object's thread. Every request is TLS 1.3 only; the server's
// certificate is checked against SyncTrust (pins checked on sslErrors() and again once
// encrypted(), so a CA-valid certificate that is not pinned is refused too); a request takes at
// most SyncTimeouts; a JSON error body becomes plain words (SyncReply::message).
class SyncTransport : public QObject {
    Q_OBJECT
public:
    SyncTransport(QUrl server, SyncTrust trust, SyncTimeouts timeouts = {},
                  QObject* parent = nullptr);
    ~SyncTransport() override;

    // "https://host[:port]" with nothing after it (a trailing "/" is fine): anything else is
    // InvalidInput in plain words (http:// is refused: TLS only, NET-1).
    static Result<QUrl> parseServerUrl(const QString& typed);
    // A typed pin: 64 hex digits, spaces and colons allowed; lower-case hex, or InvalidInput.
    static Result<QString> parsePin(const QString& typed);

    // Requests after enrolment are signed with the device key (docs/sync.md "Device
    // authentication"); without an identity they go unsigned (only /v1/enrol and /v1/health).
    void setIdentity(std::shared_ptr<const DeviceIdentity> identity, QString companyId,
                     const Clock* clock);
    void setSessionToken(QByteArray token) { m_sessionToken = std::move(token); }

    using Done = std::function<void(const SyncReply&)>;
    void get(const QByteArray& pathAndQuery, Done done);
    void post(const QByteArray& pathAndQuery, const QByteArray& body, Done done);
    // Cuts off every request under way; their `done` runs with Unreachable.
    void abortAll();

    const QUrl& server() const { return m_server; }

private:
    struct Pending;
    // `resends`: how often this request was signed afresh after the server called it `replayed`
    // (see onFinished).
    void send(const QByteArray& method, const QByteArray& pathAndQuery, const QByteArray& body,
              Done done, int resends = 0);
    void onSslErrors(QNetworkReply* reply, const QList<QSslError>& errors);
    void onEncrypted(QNetworkReply* reply);
    void onFinished(QNetworkReply* reply);
    bool pinned(const QString& pin) const;
    // Empty when the finished handshake is acceptable (TLS 1.3, pinned or typed pin).
    QString refusalAfterHandshake(const QSslConfiguration& ssl, QString& peerPin) const;

    QUrl m_server;
    SyncTrust m_trust;
    SyncTimeouts m_timeouts;
    QNetworkAccessManager m_nam;
    std::shared_ptr<const DeviceIdentity> m_identity;
    QString m_companyId;
    const Clock* m_clock = nullptr;
    QByteArray m_sessionToken;
    QHash<QNetworkReply*, std::shared_ptr<Pending>> m_pending;
};

} // namespace pos
