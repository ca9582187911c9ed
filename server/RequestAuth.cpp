#include "RequestAuth.h"

#include "ServerSql.h"
#include "SessionHandler.h"
#include "crypto/Ed25519.h"
#include "sync/SyncProtocol.h"

#include <QLoggingCategory>

#include <algorithm>

namespace pos::server {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "pos.syncd.auth")

ApiResponse unauthenticated(const QString& message)
{
    return apiError(401, QStringLiteral("unauthenticated"), message);
}

// A valid Ed25519 public key nobody holds the private key of: an unknown register's request is
// checked against it, so it costs what a known register's bad signature costs.
const QByteArray& dummyKey()
{
    static const QByteArray key = [] {
        auto seed = Ed25519::generatePrivateKey();
        return seed ? Ed25519::publicKeyFor(*seed).value_or(QByteArray(32, '\x01'))
                    : QByteArray(32, '\x01');
    }();
    return key;
}

} // namespace

RequestAuth::RequestAuth(ServerContext& ctx) : m_ctx(ctx)
{
    (void)dummyKey();
}

QString RequestAuth::notEnrolledMessage()
{
    return QStringLiteral("this register is not enrolled with this server, or the request's "
                          "signature does not match its key");
}

std::expected<RequestContext, ApiResponse> RequestAuth::authenticate(const Request& request)
{
    const QString company = sql::uuidText(request.company);
    if (company.isEmpty())
        return std::unexpected(
            unauthenticated(QStringLiteral("the request has no valid %1 header")
                                .arg(QLatin1String(syncprotocol::HeaderCompany))));
    const QString registerId = sql::uuidText(request.registerId);
    if (registerId.isEmpty())
        return std::unexpected(
            unauthenticated(QStringLiteral("the request has no valid %1 header")
                                .arg(QLatin1String(syncprotocol::HeaderRegister))));
    bool timeOk = !request.time.isEmpty() && request.time.size() <= 18 &&
                  std::all_of(request.time.begin(), request.time.end(),
                              [](char c) { return c >= '0' && c <= '9'; });
    const qint64 time = timeOk ? request.time.toLongLong(&timeOk) : 0;
    if (!timeOk)
        return std::unexpected(unauthenticated(QStringLiteral("the request has no valid %1 header")
                                                   .arg(QLatin1String(syncprotocol::HeaderTime))));
    const auto nonce = QByteArray::fromBase64Encoding(
        request.nonce, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                           QByteArray::AbortOnBase64DecodingErrors);
    if (!nonce || nonce.decoded.size() != syncprotocol::NonceBytes || request.nonce.size() != 22)
        return std::unexpected(unauthenticated(QStringLiteral("the request has no valid %1 header")
                                                   .arg(QLatin1String(syncprotocol::HeaderNonce))));

    if (auto begun = m_ctx.pg.begin(); !begun)
        return std::unexpected(sql::unavailable(begun.error()));
    auto who = checkInTransaction(request, company, registerId, time);
    if (!who) {
        (void)m_ctx.pg.rollback();
        return std::unexpected(who.error());
    }
    if (auto committed = m_ctx.pg.commit(); !committed) {
        (void)m_ctx.pg.rollback();
        return std::unexpected(sql::unavailable(committed.error()));
    }
    return who;
}

std::expected<RequestContext, ApiResponse>
RequestAuth::checkInTransaction(const Request& request, const QString& company,
                                const QString& registerId, qint64 time)
{
    if (auto tenant = setTenant(m_ctx.pg, company, {}); !tenant)
        return std::unexpected(sql::unavailable(tenant.error()));
    auto device = m_ctx.pg.exec(
        "SELECT store_id, device_key, revoked_at IS NOT NULL FROM pos.devices WHERE id = $1",
        {registerId.toUtf8()});
    if (!device)
        return std::unexpected(sql::unavailable(device.error()));
    const bool known = device->rows() == 1;
    const QByteArray key = known ? device->bytes(0, 1) : dummyKey();

    syncprotocol::SignedRequest signedRequest;
    signedRequest.method = request.method;
    signedRequest.pathAndQuery = request.pathAndQuery;
    signedRequest.companyId = QString::fromLatin1(request.company);
    signedRequest.registerId = QString::fromLatin1(request.registerId);
    signedRequest.time = time;
    signedRequest.nonce = request.nonce;
    signedRequest.sessionToken = request.session;
    signedRequest.body = request.body;
    const auto signature =
        QByteArray::fromBase64Encoding(request.signature, QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray signatureBytes =
        signature ? signature.decoded : QByteArray(Ed25519::SignatureSize, '\0');
    const bool verified =
        Ed25519::verify(key, syncprotocol::requestSigningBytes(signedRequest), signatureBytes);
    if (!verified || !known || !signature) {
        qCInfo(lcAuth, "refused a request for register %s: not enrolled or bad signature",
               qPrintable(registerId));
        return std::unexpected(unauthenticated(notEnrolledMessage()));
    }
    if (device->boolean(0, 2)) {
        qCInfo(lcAuth, "refused a request of revoked register %s", qPrintable(registerId));
        return std::unexpected(
            apiError(401, QStringLiteral("revoked"),
                     QStringLiteral("this register was revoked by the owner and may not sync; "
                                    "it has to be enrolled again")));
    }
    const QDateTime now = m_ctx.now();
    const qint64 skew = time - now.toSecsSinceEpoch();
    if (skew > syncprotocol::MaxClockSkewSeconds || -skew > syncprotocol::MaxClockSkewSeconds) {
        qCInfo(lcAuth, "refused a request of register %s: clock %lld s off", qPrintable(registerId),
               static_cast<long long>(skew));
        return std::unexpected(unauthenticated(
            QStringLiteral("the register's clock is %1 seconds %2 the server's (at most %3 are "
                           "allowed): set the register's date and time")
                .arg(skew > 0 ? skew : -skew)
                .arg(skew > 0 ? QStringLiteral("ahead of") : QStringLiteral("behind"))
                .arg(syncprotocol::MaxClockSkewSeconds)));
    }

    auto stored =
        m_ctx.pg.exec("INSERT INTO pos.request_nonces (company_id, device_id, nonce, seen_at) "
                      "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1",
                      {company.toUtf8(), registerId.toUtf8(), request.nonce, sql::timestamp(now)});
    if (!stored)
        return std::unexpected(sql::unavailable(stored.error()));
    if (stored->rows() != 1) {
        qCInfo(lcAuth, "refused a replayed request of register %s", qPrintable(registerId));
        return std::unexpected(
            apiError(401, QStringLiteral("replayed"),
                     QStringLiteral("this request was already received once (its nonce was used "
                                    "before); it is not accepted again")));
    }
    if (auto purged = purgeNonces(company); !purged)
        return std::unexpected(purged.error());

    RequestContext who;
    who.companyId = company;
    who.registerId = registerId;
    who.registerStoreId = device->text(0, 0);
    who.storeIds = {who.registerStoreId};
    if (!request.session.isEmpty()) {
        if (auto session = resolveSession(request.session, who); !session)
            return std::unexpected(session.error());
    }
    return who;
}

std::expected<void, ApiResponse> RequestAuth::resolveSession(const QByteArray& token,
                                                             RequestContext& who)
{
    const QByteArray hash = SessionHandler::tokenHash(token);
    auto user = m_ctx.pg.exec(
        "SELECT u.id, u.role FROM pos.user_tokens t JOIN pos.users u ON u.id = t.user_id "
        "WHERE t.token_hash = $1 AND t.device_id = $2 AND t.expires_at > $3 AND u.active",
        {sql::byteaParam(hash), who.registerId.toUtf8(), sql::timestamp(m_ctx.now())});
    if (!user)
        return std::unexpected(sql::unavailable(user.error()));
    if (user->rows() != 1) {
        qCInfo(lcAuth, "refused a user session on register %s: unknown or expired",
               qPrintable(who.registerId));
        return std::unexpected(unauthenticated(
            QStringLiteral("the user's session has ended or does not belong to this register: "
                           "sign in again")));
    }
    who.userId = user->text(0, 0);
    who.userRole = user->text(0, 1);
    auto stores = who.userRole == u"owner"
                      ? m_ctx.pg.exec("SELECT id FROM pos.stores ORDER BY id")
                      : m_ctx.pg.exec("SELECT store_id FROM pos.user_stores WHERE user_id = $1 "
                                      "ORDER BY store_id",
                                      {who.userId.toUtf8()});
    if (!stores)
        return std::unexpected(sql::unavailable(stores.error()));
    who.storeIds.clear();
    for (int row = 0; row < stores->rows(); ++row)
        who.storeIds.append(stores->text(row, 0));
    return {};
}

std::expected<void, ApiResponse> RequestAuth::purgeNonces(const QString& company)
{
    const QDateTime now = m_ctx.now();
    const auto last = m_lastPurge.constFind(company);
    if (last != m_lastPurge.cend() && last->secsTo(now) < NoncePurgeIntervalSeconds &&
        last->secsTo(now) >= 0)
        return {};
    auto purged = m_ctx.pg.exec("DELETE FROM pos.request_nonces WHERE seen_at < $1",
                                {sql::timestamp(now.addSecs(-syncprotocol::NonceLifetimeSeconds))});
    if (!purged)
        return std::unexpected(sql::unavailable(purged.error()));
    m_lastPurge.insert(company, now);
    return {};
}

} // namespace pos::server
