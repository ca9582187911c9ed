#include "EnrolHandler.h"

#include "CompanySecrets.h"
#include "ServerSql.h"
#include "audit/AuditFormat.h"
#include "crypto/Ed25519.h"
#include "sync/SyncProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace pos::server {

namespace {

Q_LOGGING_CATEGORY(lcEnrol, "pos.syncd.enrol")

constexpr qsizetype MaxNameLength = 100;
constexpr std::size_t MaxTrackedPeers = 10000;

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

// A 32-byte Ed25519 public key in standard base64, or empty.
QByteArray publicKey(const QJsonValue& value)
{
    if (!value.isString())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != static_cast<qsizetype>(Ed25519::PublicKeySize) ||
        !Ed25519Verifier::fromPublicKey(decoded.decoded))
        return {};
    return decoded.decoded;
}

QString peerKey(const QHostAddress& peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4); // ::ffff:a.b.c.d counts as a.b.c.d
    return isV4 ? QHostAddress(v4).toString() : peer.toString();
}

} // namespace

struct EnrolRequest {
    QString normalisedCode; // empty when the typed code cannot be one
    QString registerId;
    QString name;
    QByteArray signingKey;
    QByteArray deviceKey;
};

EnrolHandler::EnrolHandler(ServerContext& ctx, std::shared_ptr<EnrolAttempts> attempts)
    : m_ctx(ctx), m_attempts(std::move(attempts))
{}

QString EnrolHandler::wrongCodeMessage()
{
    return QStringLiteral("the enrolment code is not valid: it may be mistyped, already used or "
                          "expired; ask the owner for a new one");
}

std::optional<EnrolAttempts::Clock::time_point> EnrolAttempts::admit(const QString& peer)
{
    const auto now = Clock::now();
    QMutexLocker lock(&m_mutex);
    if (static_cast<std::size_t>(m_failures.size()) >= MaxTrackedPeers) {
        // Forget peers whose failures are all older than a minute; memory stays bounded.
        m_failures.removeIf([now](const auto& entry) {
            return entry.value().isEmpty() || now - entry.value().back() >= std::chrono::minutes(1);
        });
    }
    QList<Clock::time_point>& times = m_failures[peer];
    times.removeIf([now](Clock::time_point t) { return now - t >= std::chrono::minutes(1); });
    if (times.size() >= EnrolHandler::MaxFailuresPerMinute)
        return std::nullopt;
    times.append(now);
    return now;
}

void EnrolAttempts::withdraw(const QString& peer, Clock::time_point attempt)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_failures.find(peer);
    if (it == m_failures.end())
        return;
    it->removeOne(attempt);
    if (it->isEmpty())
        m_failures.erase(it);
}

ApiResponse EnrolHandler::handle(const QHostAddress& peer, const QByteArray& body)
{
    const QString key = peerKey(peer);
    const auto attempt = m_attempts->admit(key);
    if (!attempt) {
        qCInfo(lcEnrol, "refused an enrolment from %s: too many wrong codes", qPrintable(key));
        return apiError(429, QStringLiteral("locked"),
                        QStringLiteral("too many wrong enrolment codes from this address; wait "
                                       "a minute and try again"));
    }
    ApiResponse response = check(peer, body);
    if (response.status != 401)
        m_attempts->withdraw(key, *attempt);
    return response;
}

ApiResponse EnrolHandler::check(const QHostAddress& peer, const QByteArray& body)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return badRequest(QStringLiteral("the body is not a JSON object"));
    const QJsonObject json = document.object();

    EnrolRequest request;
    const QJsonValue code = json.value(QStringLiteral("code"));
    if (!code.isString())
        return badRequest(QStringLiteral("code is missing"));
    request.normalisedCode = syncprotocol::normaliseEnrolmentCode(code.toString());
    request.registerId = json.value(QStringLiteral("register_id")).toString();
    if (sql::uuidText(request.registerId.toLatin1()) != request.registerId ||
        request.registerId.isEmpty())
        return badRequest(
            QStringLiteral("register_id must be a UUID in lower case without braces"));
    request.name = json.value(QStringLiteral("name")).toString().trimmed();
    if (request.name.isEmpty() || request.name.size() > MaxNameLength ||
        std::any_of(request.name.begin(), request.name.end(),
                    [](QChar c) { return c.category() == QChar::Other_Control; }))
        return badRequest(QStringLiteral("name must be 1 to %1 characters without control "
                                         "characters")
                              .arg(MaxNameLength));
    request.signingKey = publicKey(json.value(QStringLiteral("signing_key")));
    if (request.signingKey.isEmpty())
        return badRequest(QStringLiteral("signing_key must be an Ed25519 public key (32 bytes, "
                                         "base64)"));
    request.deviceKey = publicKey(json.value(QStringLiteral("device_key")));
    if (request.deviceKey.isEmpty())
        return badRequest(QStringLiteral("device_key must be an Ed25519 public key (32 bytes, "
                                         "base64)"));
    if (request.deviceKey == request.signingKey)
        return badRequest(QStringLiteral("device_key and signing_key must be two different keys"));
    // The register's chain so far: checked for form only. The server's copy of the chain starts
    // empty and is filled by push from seq 0 (docs/sync.md).
    const QJsonObject head = json.value(QStringLiteral("audit_head")).toObject();
    const QJsonValue rowCount = head.value(QStringLiteral("row_count"));
    const auto headHash = QByteArray::fromBase64Encoding(
        head.value(QStringLiteral("head_hash")).toString().toLatin1(),
        QByteArray::AbortOnBase64DecodingErrors);
    if (!rowCount.isDouble() || rowCount.toDouble() < 0 ||
        rowCount.toDouble() != static_cast<double>(rowCount.toInteger()) || !headHash ||
        headHash.decoded.size() != 32)
        return badRequest(QStringLiteral("audit_head must be {row_count: n >= 0, head_hash: "
                                         "base64 of 32 bytes}"));

    if (request.normalisedCode.isEmpty()) {
        qCInfo(lcEnrol, "refused an enrolment from %s: malformed code", qPrintable(peerKey(peer)));
        return apiError(401, QStringLiteral("unauthenticated"), wrongCodeMessage());
    }

    if (auto begun = m_ctx.pg.begin(); !begun)
        return sql::unavailable(begun.error());
    ApiResponse response = enrol(request);
    if (response.status == 200) {
        if (auto committed = m_ctx.pg.commit(); !committed) {
            (void)m_ctx.pg.rollback();
            return sql::unavailable(committed.error());
        }
        qCInfo(lcEnrol, "enrolled register %s in store %s", qPrintable(request.registerId),
               qPrintable(response.body.value(QStringLiteral("store_id")).toString()));
        return response;
    }
    (void)m_ctx.pg.rollback();
    if (response.status == 401) {
        qCInfo(lcEnrol, "refused an enrolment from %s: unknown, used or expired code",
               qPrintable(peerKey(peer)));
    }
    return response;
}

ApiResponse EnrolHandler::enrol(const EnrolRequest& request)
{
    PgConnection& pg = m_ctx.pg;
    const QDateTime now = m_ctx.now();
    const QByteArray codeHash = syncprotocol::enrolmentCodeHash(request.normalisedCode);
    auto set = pg.exec("SELECT set_config('pos.enrol_hash', $1, true)", {codeHash});
    if (!set)
        return sql::unavailable(set.error());
    auto code = pg.exec("SELECT company_id, store_id, used_at IS NULL, expires_at > $2 "
                        "FROM pos.enrol_codes WHERE code_hash = decode($1, 'hex')",
                        {codeHash, sql::timestamp(now)});
    if (!code)
        return sql::unavailable(code.error());
    if (code->rows() != 1 || !code->boolean(0, 2) || !code->boolean(0, 3))
        return apiError(401, QStringLiteral("unauthenticated"), wrongCodeMessage());
    const QString companyId = code->text(0, 0);
    const QString storeId = code->text(0, 1);

    if (auto tenant = setTenant(pg, companyId, {storeId}); !tenant)
        return sql::unavailable(tenant.error());
    // The code is no longer needed to see it; forget it for the rest of the transaction.
    if (auto cleared = pg.exec("SELECT set_config('pos.enrol_hash', '', true)"); !cleared)
        return sql::unavailable(cleared.error());
    auto used = pg.exec("UPDATE pos.enrol_codes SET used_at = $2, used_by = $3 "
                        "WHERE code_hash = decode($1, 'hex') AND used_at IS NULL RETURNING 1",
                        {codeHash, sql::timestamp(now), request.registerId.toUtf8()});
    if (!used)
        return sql::unavailable(used.error());
    if (used->rows() != 1) // used by a concurrent enrolment a moment ago
        return apiError(401, QStringLiteral("unauthenticated"), wrongCodeMessage());

    const ApiResponse conflict =
        apiError(409, QStringLiteral("conflict"),
                 QStringLiteral("this register id is already enrolled; a register that was reset "
                                "must enrol with a new id"));
    auto device = pg.exec("INSERT INTO pos.devices (company_id, store_id, id, name, signing_key, "
                          "device_key, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          {companyId.toUtf8(), storeId.toUtf8(), request.registerId.toUtf8(),
                           request.name.toUtf8(), sql::byteaParam(request.signingKey),
                           sql::byteaParam(request.deviceKey), sql::timestamp(now)});
    if (!device)
        return pg.sqlState() == "23505" ? conflict : sql::unavailable(device.error());
    auto head = pg.exec("INSERT INTO pos.audit_heads (company_id, store_id, register_id, "
                        "row_count, head_hash) VALUES ($1, $2, $3, 0, $4)",
                        {companyId.toUtf8(), storeId.toUtf8(), request.registerId.toUtf8(),
                         sql::byteaParam(auditformat::genesisPrevHash(request.registerId))});
    if (!head)
        return pg.sqlState() == "23505" ? conflict : sql::unavailable(head.error());
    auto names = pg.exec("SELECT c.name, s.name FROM pos.companies c JOIN pos.stores s "
                         "ON s.company_id = c.id WHERE c.id = $1 AND s.id = $2",
                         {companyId.toUtf8(), storeId.toUtf8()});
    if (!names)
        return sql::unavailable(names.error());
    if (names->rows() != 1)
        return sql::unavailable(
            Error{ErrorCode::NotFound, QStringLiteral("the code's company or store is missing")});

    if (m_ctx.secretsKey == nullptr)
        return sql::unavailable(
            Error{ErrorCode::Internal, QStringLiteral("this server has no secrets key")});
    auto pepper = CompanySecrets::pinPepper(pg, *m_ctx.secretsKey, companyId);
    if (!pepper && pepper.error().code == ErrorCode::WrongKeyOrDamaged) {
        qCWarning(lcEnrol, "enrolment refused: %s", qPrintable(pepper.error().message));
        return apiError(503, QStringLiteral("unavailable"),
                        QStringLiteral("the server cannot open this company's PIN pepper; its "
                                       "administrator must check the witness key file"));
    }
    if (!pepper)
        return sql::unavailable(pepper.error());
    QByteArray pepperBytes(reinterpret_cast<const char*>(pepper->data()),
                           static_cast<qsizetype>(pepper->size()));
    QString pepperText = QString::fromLatin1(pepperBytes.toBase64());
    SecretBytes::wipe(pepperBytes);

    return {200, QJsonObject{
                     {QStringLiteral("pin_pepper"), pepperText},
                     {QStringLiteral("company_id"), companyId},
                     {QStringLiteral("company_name"), names->text(0, 0)},
                     {QStringLiteral("store_id"), storeId},
                     {QStringLiteral("store_name"), names->text(0, 1)},
                     {QStringLiteral("register_id"), request.registerId},
                     {QStringLiteral("pins"), QJsonArray::fromStringList(m_ctx.pins)},
                     {QStringLiteral("witness_key"),
                      QString::fromLatin1(m_ctx.witness.publicKey().toBase64())},
                     {QStringLiteral("server_time"), now.toSecsSinceEpoch()},
                 }};
}

} // namespace pos::server
