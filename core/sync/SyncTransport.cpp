#include "sync/SyncTransport.h"

#include "Clock.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncProtocol.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSyncTransport, "pos.sync.transport")

namespace pos {

struct SyncTransport::Pending {
    Done done;
    QByteArray method, pathAndQuery, body; // kept to sign and send once more after `replayed`
    bool signedRequest = false;
    int resends = 0;
    QTimer connectTimer;
    QTimer requestTimer;
    bool encrypted = false;
    QString refusal; // why TLS was refused by us (pin, CA, protocol)
    QString timeout; // which time limit cut the request off
    bool tooLarge = false;
    bool cancelled = false;
    QString peerPin;
};

namespace {

// How often a request the server called `replayed` is signed afresh and sent again.
constexpr int MaxFreshSignings = 3;

// Certificate errors a pin makes irrelevant: who signed the certificate and for which name. An
// expired or not yet valid certificate, a revoked one or a bad signature are never ignored.
bool ignorableWithPin(QSslError::SslError e)
{
    switch (e) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}

// The server's own words, made safe to show: one line, no control characters, not too long.
QString serverWords(const QString& message)
{
    QString out;
    out.reserve(std::min<qsizetype>(message.size(), 300));
    for (QChar c : message) {
        if (out.size() >= 300) {
            out.append(QStringLiteral("..."));
            break;
        }
        out.append(c.isPrint() ? c : QChar(u' '));
    }
    return out.simplified();
}

QString withDetail(const QString& lead, const QString& detail)
{
    if (detail.isEmpty())
        return lead + u'.';
    return lead + QStringLiteral(": ") + detail;
}

// docs/sync.md "Errors": a refusal in plain words.
QString refusalWords(const QString& code, int status, const QString& detail)
{
    if (code == u"bad_request")
        return withDetail(QStringLiteral("The sync server could not use what this register sent"),
                          detail);
    if (code == u"unauthenticated")
        return withDetail(QStringLiteral("The sync server did not accept this register's "
                                         "credentials (check that this register's clock is right)"),
                          detail);
    if (code == u"revoked")
        return withDetail(QStringLiteral("This register has been revoked on the sync server and "
                                         "can no longer sync; its records stay here"),
                          detail);
    if (code == u"replayed")
        return withDetail(QStringLiteral("The sync server refused a request it had seen before"),
                          detail);
    if (code == u"forbidden")
        return withDetail(QStringLiteral("The sync server does not allow this register to do "
                                         "that"),
                          detail);
    if (code == u"not_found")
        return withDetail(QStringLiteral("The sync server does not know what was asked for"),
                          detail);
    if (code == u"conflict")
        return withDetail(QStringLiteral("The sync server already holds a different record "
                                         "under the same id; nothing was sent over it and "
                                         "nothing was dropped here"),
                          detail);
    if (code == u"stale")
        return withDetail(QStringLiteral("Someone changed this on the server in the meantime; "
                                         "nothing was overwritten"),
                          detail);
    if (code == u"fork")
        return withDetail(QStringLiteral("The sync server holds a different audit history for "
                                         "this register (the chains fork); nothing was sent over "
                                         "it and nothing was dropped here"),
                          detail);
    if (code == u"rollback")
        return withDetail(QStringLiteral("The sync server holds more of this register's audit log "
                                         "than this register has: an older copy of this "
                                         "register's store may have been put back; nothing was "
                                         "dropped"),
                          detail);
    if (code == u"length_required" || code == u"too_large" || status == 413)
        return withDetail(QStringLiteral("The sync server refused the request's size"), detail);
    if (code == u"unavailable" || status == 503)
        return withDetail(QStringLiteral("The sync server is running but cannot reach its "
                                         "database; trying again later"),
                          detail);
    if (status == 429)
        return QStringLiteral("Too many attempts in a short time: wait a minute and try again.");
    return withDetail(QStringLiteral("The sync server refused the request (HTTP %1)").arg(status),
                      detail);
}

} // namespace

Error SyncReply::error() const
{
    ErrorCode ec = ErrorCode::Io;
    if (kind == Kind::Refused) {
        if (code == u"bad_request" || code == u"too_large" || code == u"length_required")
            ec = ErrorCode::InvalidInput;
        else if (code == u"unauthenticated" || code == u"revoked" || code == u"replayed")
            ec = ErrorCode::Unauthenticated;
        else if (code == u"forbidden")
            ec = ErrorCode::PermissionDenied;
        else if (code == u"not_found")
            ec = ErrorCode::NotFound;
        else if (code == u"conflict" || code == u"stale" || code == u"fork" || code == u"rollback")
            ec = ErrorCode::Conflict;
        else if (httpStatus == 429)
            ec = ErrorCode::Locked;
    }
    return Error{ec, message};
}

SyncTransport::SyncTransport(QUrl server, SyncTrust trust, SyncTimeouts timeouts, QObject* parent)
    : QObject(parent), m_server(std::move(server)), m_trust(std::move(trust)), m_timeouts(timeouts)
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

SyncTransport::~SyncTransport()
{
    // Nobody is told: whoever made this is going away too.
    const auto pending = m_pending;
    m_pending.clear();
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
}

Result<QUrl> SyncTransport::parseServerUrl(const QString& typed)
{
    const QString text = typed.trimmed();
    const QUrl url = QUrl::fromUserInput(text);
    if (text.startsWith(QStringLiteral("http://"), Qt::CaseInsensitive))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The sync server's address must start with https:// (this "
                                   "register only talks to it over TLS)."));
    if (!text.startsWith(QStringLiteral("https://"), Qt::CaseInsensitive) || !url.isValid() ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() ||
        (url.path() != QStringLiteral("/") && !url.path().isEmpty()))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("\"%1\" is not a sync server address: type it as "
                                   "https://host or https://host:port")
                        .arg(serverWords(text)));
    QUrl out;
    out.setScheme(QStringLiteral("https"));
    out.setHost(url.host());
    if (url.port() > 0)
        out.setPort(url.port());
    return out;
}

Result<QString> SyncTransport::parsePin(const QString& typed)
{
    QString hex;
    for (QChar c : typed) {
        if (c.isSpace() || c == u':')
            continue;
        hex.append(c.toLower());
    }
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!sha256Hex.match(hex).hasMatch())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The pin from the enrolment sheet is 64 hexadecimal digits "
                                   "(0-9, a-f); what was typed is not."));
    return hex;
}

void SyncTransport::setIdentity(std::shared_ptr<const DeviceIdentity> identity, QString companyId,
                                const Clock* clock)
{
    m_identity = std::move(identity);
    m_companyId = std::move(companyId);
    m_clock = clock;
}

void SyncTransport::get(const QByteArray& pathAndQuery, Done done)
{
    send("GET", pathAndQuery, {}, std::move(done));
}

void SyncTransport::post(const QByteArray& pathAndQuery, const QByteArray& body, Done done)
{
    send("POST", pathAndQuery, body, std::move(done));
}

bool SyncTransport::pinned(const QString& pin) const
{
    return !pin.isEmpty() && m_trust.pins.contains(pin);
}

void SyncTransport::send(const QByteArray& method, const QByteArray& pathAndQuery,
                         const QByteArray& body, Done done, int resends)
{
    const auto failNow = [&](SyncReply::Kind kind, const QString& message) {
        SyncReply r;
        r.kind = kind;
        r.message = message;
        QTimer::singleShot(0, this, [done, r] { done(r); });
    };
    const QUrl url = QUrl::fromEncoded(m_server.toEncoded(QUrl::StripTrailingSlash) + pathAndQuery,
                                       QUrl::StrictMode);
    if (m_server.scheme() != u"https" || !url.isValid())
        return failNow(SyncReply::Kind::BadReply,
                       QStringLiteral("The sync server's address is not an https:// address."));

    QNetworkRequest request(url);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setProtocol(QSsl::TlsV1_3OrLater);
    // A full handshake every time, so every request's certificate is seen and checked.
    ssl.setSslOption(QSsl::SslOptionDisableSessionTickets, true);
    ssl.setSslOption(QSsl::SslOptionDisableSessionSharing, true);
    ssl.setSslOption(QSsl::SslOptionDisableSessionPersistence, true);
    request.setSslConfiguration(ssl);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    // One connection per request: the certificate is checked on each (no reused connection
    // skips encrypted()).
    request.setRawHeader("Connection", "close");
    request.setRawHeader("Accept", "application/json");
    if (method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (m_identity) {
        const qint64 now =
            (m_clock ? m_clock->nowUtc() : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch();
        auto headers =
            m_identity->sign(method, pathAndQuery, m_companyId, body, now, m_sessionToken);
        if (!headers)
            return failNow(SyncReply::Kind::BadReply, headers.error().message);
        for (const auto& [name, value] : std::as_const(*headers))
            request.setRawHeader(name, value);
    }

    QNetworkReply* reply = method == "GET" ? m_nam.get(request) : m_nam.post(request, body);
    auto p = std::make_shared<Pending>();
    p->done = std::move(done);
    p->method = method;
    p->pathAndQuery = pathAndQuery;
    p->body = body;
    p->signedRequest = m_identity != nullptr;
    p->resends = resends;
    m_pending.insert(reply, p);

    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError>& errors) { onSslErrors(reply, errors); });
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] { onEncrypted(reply); });
    // Sent: the connection is up (also one the network stack kept open, with no handshake).
    connect(reply, &QNetworkReply::requestSent, this, [this, reply] {
        if (auto it = m_pending.find(reply); it != m_pending.end())
            (*it)->connectTimer.stop();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    const qint64 limit = m_timeouts.maxResponseBytes;
    const auto tooLarge = [this, reply, limit](qint64 size) {
        auto it = m_pending.find(reply);
        if (it == m_pending.end() || size <= limit || (*it)->tooLarge)
            return;
        (*it)->tooLarge = true;
        reply->abort();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, tooLarge] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid())
            tooLarge(length.toLongLong());
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [tooLarge](qint64 received, qint64) { tooLarge(received); });

    const auto cutOff = [this, reply](const QString& what) {
        auto it = m_pending.find(reply);
        if (it == m_pending.end())
            return;
        (*it)->timeout = what;
        reply->abort();
    };
    p->connectTimer.setSingleShot(true);
    p->requestTimer.setSingleShot(true);
    connect(&p->connectTimer, &QTimer::timeout, this, [cutOff, this] {
        cutOff(QStringLiteral("The sync server at %1 could not be reached within %2 seconds.")
                   .arg(m_server.toString())
                   .arg(static_cast<double>(m_timeouts.connect.count()) / 1000.0));
    });
    connect(&p->requestTimer, &QTimer::timeout, this, [cutOff, this] {
        cutOff(QStringLiteral("The sync server at %1 did not answer within %2 seconds.")
                   .arg(m_server.toString())
                   .arg(static_cast<double>(m_timeouts.request.count()) / 1000.0));
    });
    p->connectTimer.start(m_timeouts.connect);
    p->requestTimer.start(m_timeouts.request);
}

void SyncTransport::onSslErrors(QNetworkReply* reply, const QList<QSslError>& errors)
{
    auto it = m_pending.find(reply);
    if (it == m_pending.end())
        return;
    Pending& p = **it;
    QSslCertificate cert = reply->sslConfiguration().peerCertificate();
    for (const QSslError& e : errors)
        if (cert.isNull() && !e.certificate().isNull())
            cert = e.certificate();
    p.peerPin = syncprotocol::certificatePin(cert.toDer());
    const bool onlyIgnorable = std::all_of(errors.begin(), errors.end(), [](const QSslError& e) {
        return ignorableWithPin(e.error());
    });
    QStringList what;
    for (const QSslError& e : errors)
        what << e.errorString();
    const QString problems = what.join(QStringLiteral("; "));

    if (!m_trust.pins.isEmpty()) {
        if (!pinned(p.peerPin))
            p.refusal = QStringLiteral("The sync server at %1 showed a certificate that is not the "
                                       "one this register was enrolled with (its pin does not "
                                       "match): the connection was refused.")
                            .arg(m_server.toString());
        else if (!onlyIgnorable)
            p.refusal = QStringLiteral("The sync server's certificate is the enrolled one but is "
                                       "not usable: %1.")
                            .arg(problems);
        else {
            reply->ignoreSslErrors(errors);
            return;
        }
    } else if (!m_trust.typedPin.isEmpty() && p.peerPin == m_trust.typedPin && onlyIgnorable) {
        reply->ignoreSslErrors(errors);
        return;
    } else if (!m_trust.typedPin.isEmpty() && p.peerPin != m_trust.typedPin) {
        p.refusal = QStringLiteral("The sync server at %1 showed a certificate whose pin is not "
                                   "the one typed from the enrolment sheet: the connection was "
                                   "refused.")
                        .arg(m_server.toString());
    } else {
        p.refusal = QStringLiteral("This computer does not trust the sync server's certificate "
                                   "(%1). Type the pin from the enrolment sheet to enrol with "
                                   "this server.")
                        .arg(problems);
    }
    qCWarning(lcSyncTransport) << "certificate refused for" << m_server.host();
}

QString SyncTransport::refusalAfterHandshake(const QSslConfiguration& ssl, QString& peerPin) const
{
    peerPin = syncprotocol::certificatePin(ssl.peerCertificate().toDer());
    if (ssl.sessionProtocol() != QSsl::TlsV1_3)
        return QStringLiteral("The sync server did not use TLS 1.3: the connection was refused.");
    if (!m_trust.pins.isEmpty() && !pinned(peerPin))
        return QStringLiteral("The sync server at %1 showed a certificate that is not the one "
                              "this register was enrolled with (its pin does not match): the "
                              "connection was refused.")
            .arg(m_server.toString());
    if (m_trust.pins.isEmpty() && !m_trust.typedPin.isEmpty() && peerPin != m_trust.typedPin)
        return QStringLiteral("The sync server at %1 showed a certificate whose pin is not the "
                              "one typed from the enrolment sheet: the connection was refused.")
            .arg(m_server.toString());
    return {};
}

void SyncTransport::onEncrypted(QNetworkReply* reply)
{
    auto it = m_pending.find(reply);
    if (it == m_pending.end())
        return;
    Pending& p = **it;
    p.encrypted = true;
    p.connectTimer.stop();
    p.refusal = refusalAfterHandshake(reply->sslConfiguration(), p.peerPin);
    if (!p.refusal.isEmpty()) {
        qCWarning(lcSyncTransport)
            << "connection refused after the handshake for" << m_server.host();
        reply->abort();
    }
}

void SyncTransport::onFinished(QNetworkReply* reply)
{
    auto it = m_pending.find(reply);
    if (it == m_pending.end()) {
        reply->deleteLater();
        return;
    }
    std::shared_ptr<Pending> p = *it;
    m_pending.erase(it);
    reply->deleteLater();
    p->connectTimer.stop();
    p->requestTimer.stop();

    SyncReply r;
    r.peerPin = p->peerPin;
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    r.httpStatus = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const QNetworkReply::NetworkError error = reply->error();
    if (!p->refusal.isEmpty()) {
        r.kind = SyncReply::Kind::Insecure;
        r.message = p->refusal;
    } else if (p->cancelled) {
        r.kind = SyncReply::Kind::Unreachable;
        r.message = QStringLiteral("The request to the sync server was cut off.");
    } else if (!p->timeout.isEmpty()) {
        r.kind = SyncReply::Kind::Unreachable;
        r.message = p->timeout;
    } else if (p->tooLarge) {
        r.kind = SyncReply::Kind::BadReply;
        r.message = QStringLiteral("The sync server's answer was larger than %1 MiB and was not "
                                   "read.")
                        .arg(m_timeouts.maxResponseBytes / (1024 * 1024));
    } else if (!p->encrypted && r.httpStatus != 0 &&
               !(p->refusal = refusalAfterHandshake(reply->sslConfiguration(), r.peerPin))
                    .isEmpty()) {
        // An answer on a connection whose handshake this request did not see (one kept open by
        // the network stack): its certificate is checked here instead, and the answer dropped.
        r.kind = SyncReply::Kind::Insecure;
        r.message = p->refusal;
    } else if (r.httpStatus == 0) {
        r.kind = error == QNetworkReply::SslHandshakeFailedError ? SyncReply::Kind::Insecure
                                                                 : SyncReply::Kind::Unreachable;
        r.message = r.kind == SyncReply::Kind::Insecure
                        ? QStringLiteral("No secure connection to the sync server at %1 (it must "
                                         "speak TLS 1.3): %2.")
                              .arg(m_server.toString(), reply->errorString())
                        : QStringLiteral("The sync server at %1 could not be reached: %2.")
                              .arg(m_server.toString(), reply->errorString());
    } else {
        const QByteArray bytes = reply->read(m_timeouts.maxResponseBytes + 1);
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        if (r.httpStatus >= 200 && r.httpStatus < 300) {
            if (doc.isObject()) {
                r.kind = SyncReply::Kind::Ok;
                r.body = doc.object();
            } else {
                r.kind = SyncReply::Kind::BadReply;
                r.message = QStringLiteral("The sync server's answer could not be read (it is not "
                                           "the JSON the protocol says).");
            }
        } else {
            r.kind = SyncReply::Kind::Refused;
            const QJsonObject e = doc.object().value(QLatin1String("error")).toObject();
            r.code = e.value(QLatin1String("code")).toString();
            r.message = refusalWords(r.code, r.httpStatus,
                                     serverWords(e.value(QLatin1String("message")).toString()));
            if (r.code.isEmpty())
                r.code = r.httpStatus == 429 ? QStringLiteral("rate_limited") : QString();
        }
    }
    if (r.kind == SyncReply::Kind::Refused && r.code == u"replayed" && p->signedRequest) {
        // The server has seen this request's nonce. This register never uses a nonce twice, so
        // the network stack sent it again on its own after a connection was cut without an
        // answer (QNetworkAccessManager resends a request that got no byte back, up to twice),
        // and the first copy may have been carried out. Every signed call is safe to repeat
        // (docs/sync.md "Transport": pushes by batch id, commands by command id, the rest read
        // or only add a session), so it is signed afresh, with a new nonce and time, and sent
        // again; the answer to that one counts. A line that keeps breaking is a network fault.
        if (p->resends < MaxFreshSignings) {
            qCInfo(lcSyncTransport) << "request seen before by the server: signed again and resent";
            send(p->method, p->pathAndQuery, p->body, std::move(p->done), p->resends + 1);
            return;
        }
        r.kind = SyncReply::Kind::Unreachable;
        r.code.clear();
        r.message = QStringLiteral("The connection to the sync server at %1 broke before its "
                                   "answer arrived, again and again; nothing was lost, it is "
                                   "tried again later.")
                        .arg(m_server.toString());
    }
    if (!r.ok())
        qCInfo(lcSyncTransport) << "request failed:" << static_cast<int>(r.kind) << r.httpStatus
                                << r.code;
    if (p->done)
        p->done(r);
}

void SyncTransport::abortAll()
{
    const auto pending = m_pending;
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        it.value()->cancelled = true;
        it.key()->abort();
    }
}

} // namespace pos
