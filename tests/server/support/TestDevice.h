#pragma once

// A fake register for API-level server tests: an Ed25519 device key and audit signing key
// (core/crypto), enrolment with a one-time code (POST /v1/enrol), and requests signed exactly as
// docs/sync.md, "Device authentication" says (syncprotocol::requestSigningBytes), sent with
// QNetworkAccessManager over TLS 1.3 trusting only the test CA. It can also send deliberately
// bad requests (Tamper) so tests can check the server's refusals. The real client is core/sync.

#include "audit/AuditFormat.h"
#include "audit/CanonicalJson.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBytes.h"
#include "sync/AuditWire.h"
#include "sync/SyncProtocol.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <openssl/rand.h>
#include <optional>

namespace pos::test {

// What the server answered. status 0: no HTTP answer at all (TLS or connection failure).
struct ApiReply {
    int status = 0;
    QByteArray raw;
    QJsonObject body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    QList<QSslError> sslErrors;

    // `error.code` of a refusal (docs/sync.md, "Errors"), empty otherwise.
    QString errorCode() const
    {
        return body.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
    QString describe() const
    {
        return QStringLiteral("HTTP %1 %2 %3")
            .arg(status)
            .arg(QString::fromUtf8(raw.left(400)), networkErrorText);
    }
};

inline QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QByteArray newNonce()
{
    QByteArray raw(syncprotocol::NonceBytes, '\0');
    RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), syncprotocol::NonceBytes);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Sends one HTTPS request without waiting: TLS 1.3 only, `ca` is the only trusted root. The
// reply belongs to `nam`; finishHttps() waits for it.
inline QNetworkReply* startHttps(QNetworkAccessManager& nam, const QList<QSslCertificate>& ca,
                                 const QByteArray& method, const QUrl& url,
                                 const QList<std::pair<QByteArray, QByteArray>>& headers,
                                 const QByteArray& body)
{
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setCaCertificates(ca);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(tls);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(20000);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isNull() || method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    return nam.sendCustomRequest(request, method, body);
}

// Waits for a reply startHttps() gave (or 25 s) and reads it; the reply is deleted later. When
// `pins` is not empty, the server's leaf must match one of them as well (call it right after
// startHttps(), before any event is processed, for that check to see the handshake).
inline ApiReply finishHttps(QNetworkReply* reply, const QStringList& pins = {})
{
    ApiReply out;
    bool pinRefused = false;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&out](const QList<QSslError>& errors) { out.sslErrors = errors; });
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [&, reply] {
        if (pins.isEmpty())
            return;
        const QSslCertificate leaf = reply->sslConfiguration().peerCertificate();
        if (!pins.contains(syncprotocol::certificatePin(leaf.toDer()))) {
            pinRefused = true;
            reply->abort();
        }
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(25000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished())
        reply->abort();
    out.status =
        pinRefused ? 0 : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        out.raw = reply->readAll();
    out.networkError = reply->error();
    out.networkErrorText = pinRefused ? QStringLiteral("pin mismatch") : reply->errorString();
    out.body = QJsonDocument::fromJson(out.raw).object();
    reply->deleteLater();
    return out;
}

// Sends one HTTPS request and waits for the answer (startHttps, then finishHttps).
inline ApiReply sendHttps(QNetworkAccessManager& nam, const QList<QSslCertificate>& ca,
                          const QByteArray& method, const QUrl& url,
                          const QList<std::pair<QByteArray, QByteArray>>& headers,
                          const QByteArray& body, const QStringList& pins = {})
{
    return finishHttps(startHttps(nam, ca, method, url, headers, body), pins);
}

// What a test may spoil in a signed request.
struct RequestTamper {
    std::optional<QString> companyId;  // X-Pos-Company (and the signed company)
    std::optional<QString> registerId; // X-Pos-Register (and the signed register)
    std::optional<qint64> time;        // X-Pos-Time (and the signed time)
    std::optional<QByteArray> nonce;   // X-Pos-Nonce (reuse one to replay)
    std::optional<QByteArray> session; // X-Pos-Session instead of this device's token
    bool badSignature = false;         // flip one bit of the signature
    bool signedByOtherKey = false;     // a valid signature by a key the server does not know

    // Chainable setters: RequestTamper().withCompany(id).withRegister(id).
    RequestTamper& withCompany(const QString& id)
    {
        companyId = id;
        return *this;
    }
    RequestTamper& withRegister(const QString& id)
    {
        registerId = id;
        return *this;
    }
    RequestTamper& withTime(qint64 unixSeconds)
    {
        time = unixSeconds;
        return *this;
    }
    RequestTamper& withNonce(const QByteArray& value)
    {
        nonce = value;
        return *this;
    }
    RequestTamper& withSession(const QByteArray& token)
    {
        session = token;
        return *this;
    }
    RequestTamper& withBadSignature()
    {
        badSignature = true;
        return *this;
    }
    RequestTamper& withOtherKey()
    {
        signedByOtherKey = true;
        return *this;
    }
};

class TestDevice {
public:
    using Tamper = RequestTamper;

    TestDevice(const QUrl& baseUrl, const QList<QSslCertificate>& ca, const QString& name)
        : m_base(baseUrl), m_ca(ca), m_name(name), m_registerId(newUuid())
    {
        auto deviceKey = Ed25519::generatePrivateKey();
        auto auditKey = Ed25519::generatePrivateKey();
        if (deviceKey && auditKey) {
            m_deviceKey = std::move(*deviceKey);
            m_auditKey = std::move(*auditKey);
            m_devicePublic = Ed25519::publicKeyFor(m_deviceKey).value_or(QByteArray());
            m_auditPublic = Ed25519::publicKeyFor(m_auditKey).value_or(QByteArray());
        }
    }

    QString registerId() const { return m_registerId; }
    QString companyId() const { return m_companyId; }
    QString storeId() const { return m_storeId; }
    QString name() const { return m_name; }
    QStringList pins() const { return m_pins; }
    QByteArray witnessKey() const { return m_witnessKey; }
    QByteArray sessionToken() const { return m_session; }
    QByteArray lastNonce() const { return m_lastNonce; }
    const SecretBytes& auditKey() const { return m_auditKey; }
    QByteArray auditPublicKey() const { return m_auditPublic; }
    QByteArray devicePublicKey() const { return m_devicePublic; }
    void setBaseUrl(const QUrl& url) { m_base = url; }
    // Pretend to be someone else after enrolment (forged ids without a Tamper each time).
    void setIds(const QString& companyId, const QString& storeId)
    {
        m_companyId = companyId;
        m_storeId = storeId;
    }

    // POST /v1/enrol with `code`. On 200 the device keeps company, store, pins and witness key.
    // auditHead: the register's chain so far (a fresh register: no rows).
    ApiReply enrol(const QString& code, const QJsonObject& auditHead = {})
    {
        QJsonObject head = auditHead;
        if (head.isEmpty())
            head = QJsonObject{{QStringLiteral("row_count"), 0},
                               {QStringLiteral("head_hash"),
                                QString::fromLatin1(QByteArray(32, '\0').toBase64())}};
        const QJsonObject request{
            {QStringLiteral("code"), code},
            {QStringLiteral("register_id"), m_registerId},
            {QStringLiteral("name"), m_name},
            {QStringLiteral("signing_key"), QString::fromLatin1(m_auditPublic.toBase64())},
            {QStringLiteral("device_key"), QString::fromLatin1(m_devicePublic.toBase64())},
            {QStringLiteral("audit_head"), head}};
        ApiReply reply = sendHttps(m_nam, m_ca, "POST", url("/v1/enrol"), {},
                                   QJsonDocument(request).toJson(QJsonDocument::Compact));
        if (reply.status == 200) {
            m_companyId = reply.body.value(QStringLiteral("company_id")).toString();
            m_storeId = reply.body.value(QStringLiteral("store_id")).toString();
            m_pins.clear();
            for (const QJsonValue& pin : reply.body.value(QStringLiteral("pins")).toArray())
                m_pins.append(pin.toString());
            m_witnessKey = QByteArray::fromBase64(
                reply.body.value(QStringLiteral("witness_key")).toString().toLatin1());
        }
        return reply;
    }

    // A signed request as docs/sync.md says, or spoiled as `tamper` says. The body is sent as
    // given (raw bytes, so malformed JSON can be sent too).
    ApiReply send(const QByteArray& method, const QByteArray& pathAndQuery, const QByteArray& body,
                  const Tamper& tamper)
    {
        return finishHttps(start(method, pathAndQuery, body, tamper));
    }

    // The same request, sent without waiting for the answer (finishHttps() reads it).
    QNetworkReply* start(const QByteArray& method, const QByteArray& pathAndQuery,
                         const QByteArray& body, const Tamper& tamper = {})
    {
        syncprotocol::SignedRequest signedRequest;
        signedRequest.method = method;
        signedRequest.pathAndQuery = pathAndQuery;
        signedRequest.companyId = tamper.companyId.value_or(m_companyId);
        signedRequest.registerId = tamper.registerId.value_or(m_registerId);
        signedRequest.time = tamper.time.value_or(QDateTime::currentSecsSinceEpoch());
        signedRequest.nonce = tamper.nonce.value_or(newNonce());
        signedRequest.sessionToken = tamper.session.value_or(m_session);
        signedRequest.body = body;
        m_lastNonce = signedRequest.nonce;

        const QByteArray message = syncprotocol::requestSigningBytes(signedRequest);
        QByteArray signature;
        if (tamper.signedByOtherKey) {
            auto other = Ed25519::generatePrivateKey();
            if (other)
                signature = Ed25519::sign(*other, message).value_or(QByteArray());
        } else {
            signature = Ed25519::sign(m_deviceKey, message).value_or(QByteArray());
        }
        if (tamper.badSignature && !signature.isEmpty())
            signature[10] = static_cast<char>(signature[10] ^ 0x01);

        QList<std::pair<QByteArray, QByteArray>> headers{
            {syncprotocol::HeaderCompany, signedRequest.companyId.toUtf8()},
            {syncprotocol::HeaderRegister, signedRequest.registerId.toUtf8()},
            {syncprotocol::HeaderTime, QByteArray::number(signedRequest.time)},
            {syncprotocol::HeaderNonce, signedRequest.nonce},
            {syncprotocol::HeaderSignature, signature.toBase64()}};
        if (!signedRequest.sessionToken.isEmpty())
            headers.append({syncprotocol::HeaderSession, signedRequest.sessionToken});
        return startHttps(m_nam, m_ca, method, url(pathAndQuery), headers,
                          method == "GET" ? QByteArray() : body);
    }

    ApiReply get(const QByteArray& pathAndQuery, const Tamper& tamper = {})
    {
        return send("GET", pathAndQuery, QByteArray(), tamper);
    }
    ApiReply post(const QByteArray& path, const QJsonObject& json, const Tamper& tamper = {})
    {
        return send("POST", path, QJsonDocument(json).toJson(QJsonDocument::Compact), tamper);
    }

    // POST /v1/session; on 200 the token is sent with every later request (X-Pos-Session).
    ApiReply signIn(const QString& userCode, const QString& password)
    {
        ApiReply reply = post("/v1/session", QJsonObject{{QStringLiteral("user_code"), userCode},
                                                         {QStringLiteral("password"), password}});
        if (reply.status == 200)
            m_session = reply.body.value(QStringLiteral("token")).toString().toLatin1();
        return reply;
    }
    void signOut() { m_session.clear(); }

    // --- Records for POST /v1/push (docs/sync.md) ---

    // A completed cash sale of one line rung up on this register (or on `registerId`).
    QJsonObject saleRecord(qint64 receiptNo, const QString& registerId = {}) const
    {
        const QString at = auditformat::timestamp(QDateTime::currentDateTimeUtc());
        const QString saleId = newUuid();
        const QJsonObject line{{QStringLiteral("line_no"), 1},
                               {QStringLiteral("product_sku"), QStringLiteral("SKU-1")},
                               {QStringLiteral("name"), QStringLiteral("Coffee")},
                               {QStringLiteral("qty_milli"), 1000},
                               {QStringLiteral("unit_price_minor"), 250},
                               {QStringLiteral("line_discount_minor"), 0},
                               {QStringLiteral("order_discount_minor"), 0},
                               {QStringLiteral("net_minor"), 250},
                               {QStringLiteral("tax_minor"), 0},
                               {QStringLiteral("total_minor"), 250},
                               {QStringLiteral("tax_code"), QStringLiteral("Z")},
                               {QStringLiteral("tax_rate_ppm"), 0},
                               {QStringLiteral("tax_inclusive"), false}};
        const QJsonObject tender{
            {QStringLiteral("seq"), 1},
            {QStringLiteral("kind"), QStringLiteral("cash")},
            {QStringLiteral("amount_minor"), 250},
            {QStringLiteral("tendered_minor"), 300},
            {QStringLiteral("reference"), QJsonValue::Null},
            {QStringLiteral("idempotency_key"), QString(saleId + QStringLiteral(":1"))}};
        const QJsonObject data{
            {QStringLiteral("register_id"), registerId.isEmpty() ? m_registerId : registerId},
            {QStringLiteral("receipt_no"), receiptNo},
            {QStringLiteral("shift_id"), QJsonValue::Null},
            {QStringLiteral("cashier_id"), QJsonValue::Null},
            {QStringLiteral("cashier"), QStringLiteral("Till user")},
            {QStringLiteral("currency"), QStringLiteral("EUR")},
            {QStringLiteral("subtotal_minor"), 250},
            {QStringLiteral("discount_minor"), 0},
            {QStringLiteral("tax_minor"), 0},
            {QStringLiteral("total_minor"), 250},
            {QStringLiteral("paid_minor"), 300},
            {QStringLiteral("change_minor"), 50},
            {QStringLiteral("started_at"), at},
            {QStringLiteral("completed_at"), at},
            {QStringLiteral("lines"), QJsonArray{line}},
            {QStringLiteral("tenders"), QJsonArray{tender}}};
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("sale")},
                           {QStringLiteral("id"), saleId},
                           {QStringLiteral("data"), data}};
    }

    // The next row of this register's signed audit chain (the genesis row first), as a push
    // record; the chain's head moves on (auditHead()).
    QJsonObject nextAuditRecord(const QString& action = QStringLiteral("sale.void"),
                                const QString& entity = QStringLiteral("sale:1"))
    {
        AuditRow row;
        row.seq = m_auditCount;
        row.at = auditformat::timestamp(QDateTime::currentDateTimeUtc());
        row.registerId = m_registerId;
        row.appVersion = QStringLiteral("test");
        row.host = QStringLiteral("test-host");
        if (m_auditCount == 0) {
            row.action = QStringLiteral("audit.genesis");
            row.entity = QStringLiteral("register:") + m_registerId;
            row.before = QStringLiteral("{}");
            row.after = canonicaljson::serialize(
                            QJsonObject{{QStringLiteral("public_key"),
                                         QString::fromLatin1(m_auditPublic.toBase64())},
                                        {QStringLiteral("register_id"), m_registerId}})
                            .value_or(QString());
            row.prevHash = auditformat::genesisPrevHash(m_registerId);
        } else {
            row.actor = QStringLiteral("1");
            row.action = action;
            row.entity = entity;
            row.before = QStringLiteral("{}");
            row.after = QStringLiteral("{}");
            row.prevHash = m_auditHead;
        }
        row.hash = auditformat::rowHash(row);
        row.signature =
            Ed25519::sign(m_auditKey, auditformat::signedMessage(row.hash)).value_or(QByteArray());
        ++m_auditCount;
        m_auditHead = row.hash;
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("audit_row")},
                           {QStringLiteral("id"), syncprotocol::auditRowId(m_registerId, row.seq)},
                           {QStringLiteral("data"), syncprotocol::auditRowToJson(row)}};
    }

    // {"row_count", "head_hash"} of the chain built so far (32 zero bytes before any row).
    QJsonObject auditHead() const
    {
        const QByteArray head = m_auditCount == 0 ? QByteArray(32, '\0') : m_auditHead;
        return QJsonObject{{QStringLiteral("row_count"), m_auditCount},
                           {QStringLiteral("head_hash"), QString::fromLatin1(head.toBase64())}};
    }

    // POST /v1/push of `records` under a fresh batch id (or `batchId`).
    ApiReply push(const QJsonArray& records, const Tamper& tamper = {}, const QString& batchId = {})
    {
        return post(
            "/v1/push",
            QJsonObject{{QStringLiteral("batch_id"), batchId.isEmpty() ? newUuid() : batchId},
                        {QStringLiteral("audit_head"), auditHead()},
                        {QStringLiteral("records"), records}},
            tamper);
    }

    QUrl url(const QByteArray& pathAndQuery) const
    {
        return QUrl(m_base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) +
                    QString::fromLatin1(pathAndQuery));
    }

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QList<QSslCertificate> m_ca;
    QString m_name;
    QString m_registerId;
    QString m_companyId;
    QString m_storeId;
    QStringList m_pins;
    QByteArray m_witnessKey;
    QByteArray m_session;
    QByteArray m_lastNonce;
    SecretBytes m_deviceKey;
    SecretBytes m_auditKey;
    QByteArray m_devicePublic;
    QByteArray m_auditPublic;
    qint64 m_auditCount = 0;
    QByteArray m_auditHead;
};

} // namespace pos::test
