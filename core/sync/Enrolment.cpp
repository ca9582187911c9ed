#include "sync/Enrolment.h"

#include "Clock.h"
#include "audit/AuditActions.h"
#include "audit/AuditFormat.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/RegisterSettings.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcEnrol, "pos.sync.enrol")

namespace pos {

namespace {

bool isUuid(const QString& text)
{
    return !QUuid::fromString(text).isNull() && !text.startsWith(u'{');
}

// Owner + settings.manage: enrolment hands the register's records to a server.
Status mayEnrol(AccessControl& access, const Session& session)
{
    if (auto s = access.require(session, Permission::SettingsManage); !s)
        return s;
    auto role = access.liveRole(session);
    if (!role)
        return std::unexpected(role.error());
    if (*role != Role::Owner)
        return fail(ErrorCode::PermissionDenied,
                    QStringLiteral("Only an owner may enrol this register with a sync server."));
    return {};
}

Result<std::pair<qint64, QByteArray>> auditHead(Database& db, const QString& registerId)
{
    auto q = db.query("SELECT seq, hash FROM audit_log WHERE register_id = ?1 "
                      "ORDER BY seq DESC LIMIT 1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId);
    auto has = q->next();
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return std::pair<qint64, QByteArray>(0, auditformat::genesisPrevHash(registerId));
    return std::pair<qint64, QByteArray>(q->int64(0) + 1, q->blob(1));
}

} // namespace

Enrolment::Enrolment(Database& db, KeyStore& keys, AccessControl& access, AuthService& auth,
                     const Clock& clock, QObject* parent)
    : QObject(parent), m_db(db), m_keys(keys), m_access(access), m_auth(auth), m_clock(clock)
{}

Enrolment::~Enrolment()
{
    m_done = {};
    delete m_transport.data();
}

void Enrolment::finish(Result<EnrolmentOutcome> result)
{
    if (m_transport) {
        m_transport->deleteLater();
        m_transport = nullptr;
    }
    auto done = std::move(m_done);
    m_done = {};
    if (done)
        done(std::move(result));
}

void Enrolment::cancel()
{
    if (m_transport)
        m_transport->abortAll();
}

void Enrolment::start(const Session& session, EnrolmentRequest request, Done done)
{
    const auto refuse = [&](const Error& e) {
        done(std::unexpected(e));
    };
    if (m_transport)
        return refuse(Error{ErrorCode::Conflict, QStringLiteral("An enrolment is already under "
                                                                "way.")});
    if (auto s = mayEnrol(m_access, session); !s)
        return refuse(s.error());
    auto url = SyncTransport::parseServerUrl(request.serverUrl);
    if (!url)
        return refuse(url.error());
    QString typedPin;
    if (!request.typedPin.trimmed().isEmpty()) {
        auto pin = SyncTransport::parsePin(request.typedPin);
        if (!pin)
            return refuse(pin.error());
        typedPin = *pin;
    }
    QByteArray codeBytes(reinterpret_cast<const char*>(request.code.data()),
                         static_cast<qsizetype>(request.code.size()));
    QString code = syncprotocol::normaliseEnrolmentCode(QString::fromUtf8(codeBytes));
    SecretBytes::wipe(codeBytes);
    if (code.isEmpty())
        return refuse(Error{ErrorCode::InvalidInput,
                            QStringLiteral("The enrolment code is 16 letters and digits (four "
                                           "groups of four, as on the enrolment sheet); what was "
                                           "typed is not one.")});

    auto enrolled = SyncStateStore(m_db).enrolment();
    if (!enrolled)
        return refuse(enrolled.error());
    if (*enrolled)
        return refuse(Error{ErrorCode::Conflict,
                            QStringLiteral("This register is already enrolled with the sync "
                                           "server at %1.")
                                .arg((*enrolled)->serverUrl)});
    auto settings = RegisterSettings::load(m_db);
    if (!settings)
        return refuse(settings.error());
    AuditLog* log = m_db.auditLog();
    if (!log || log->registerId() != settings->registerId)
        return refuse(Error{ErrorCode::Internal,
                            QStringLiteral("This register's audit log is not open, so it cannot "
                                           "be enrolled.")});
    auto head = auditHead(m_db, settings->registerId);
    if (!head)
        return refuse(head.error());
    auto identity = DeviceIdentity::loadOrCreate(m_keys, settings->registerId);
    if (!identity)
        return refuse(identity.error());

    m_session = session;
    m_serverUrl = url->toString();
    m_registerId = settings->registerId;
    m_registerName =
        request.name.trimmed().isEmpty() ? settings->registerName : request.name.trimmed();
    m_devicePublicKey = identity->publicKey();
    const QJsonObject body{
        {QStringLiteral("code"), code},
        {QStringLiteral("register_id"), m_registerId},
        {QStringLiteral("name"), m_registerName},
        {QStringLiteral("signing_key"), QString::fromLatin1(log->publicKey().toBase64())},
        {QStringLiteral("device_key"), QString::fromLatin1(m_devicePublicKey.toBase64())},
        {QStringLiteral("audit_head"),
         QJsonObject{{QStringLiteral("row_count"), head->first},
                     {QStringLiteral("head_hash"), QString::fromLatin1(head->second.toBase64())}}}};
    QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    code.fill(u'0');

    m_done = std::move(done);
    m_transport = new SyncTransport(*url, SyncTrust{{}, typedPin}, m_timeouts, this);
    qCInfo(lcEnrol) << "enrolling register" << m_registerId << "with" << url->host();
    m_transport->post("/v1/enrol", bytes, [this](const SyncReply& reply) {
        if (!reply.ok()) {
            Error e = reply.error();
            if (reply.kind == SyncReply::Kind::Refused && reply.code == u"unauthenticated")
                e.message = QStringLiteral("The sync server did not accept the enrolment code: "
                                           "it is wrong, used or expired. Ask for a new one.");
            else if (reply.kind == SyncReply::Kind::Refused && reply.code == u"conflict")
                e.message = QStringLiteral("The sync server already knows this register. Ask the "
                                           "server's administrator to remove it, then enrol "
                                           "again.");
            return finish(std::unexpected(e));
        }
        finish(store(m_session, reply));
    });
    SecretBytes::wipe(bytes);
}

Result<EnrolmentOutcome> Enrolment::store(const Session& session, const SyncReply& reply)
{
    const QJsonObject& b = reply.body;
    const auto text = [&](const char* key) {
        return b.value(QLatin1String(key)).toString();
    };
    const auto bad = [](const QString& what) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The sync server's answer to the enrolment is not usable (%1); "
                                   "nothing was stored.")
                        .arg(what));
    };
    EnrolmentOutcome out;
    out.serverUrl = m_serverUrl;
    out.companyId = text("company_id");
    out.companyName = text("company_name").trimmed();
    out.storeId = text("store_id");
    out.storeName = text("store_name").trimmed();
    out.registerId = text("register_id");
    out.registerName = m_registerName;
    if (!isUuid(out.companyId) || !isUuid(out.storeId))
        return bad(QStringLiteral("company or store id"));
    if (out.registerId != m_registerId)
        return bad(QStringLiteral("it names another register"));
    if (out.companyName.isEmpty() || out.storeName.isEmpty())
        return bad(QStringLiteral("company or store name"));
    for (const QJsonValue& v : b.value(QLatin1String("pins")).toArray()) {
        auto pin = SyncTransport::parsePin(v.toString());
        if (!pin)
            return bad(QStringLiteral("a pin"));
        if (!out.pins.contains(*pin))
            out.pins << *pin;
    }
    if (out.pins.isEmpty() || out.pins.size() > 2)
        return bad(QStringLiteral("one or two pins are needed"));
    if (!out.pins.contains(reply.peerPin))
        return fail(ErrorCode::Conflict,
                    QStringLiteral("The sync server's certificate is not among the pins it sent, "
                                   "so this register could not reach it again; nothing was "
                                   "stored. Ask the server's administrator to check its "
                                   "certificate settings."));
    const auto witness = QByteArray::fromBase64Encoding(text("witness_key").toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!witness || witness.decoded.size() != 32)
        return bad(QStringLiteral("witness key"));
    QByteArray pepperText = text("pin_pepper").toLatin1();
    auto pepperBytes =
        QByteArray::fromBase64Encoding(pepperText, QByteArray::AbortOnBase64DecodingErrors);
    SecretBytes::wipe(pepperText);
    if (!pepperBytes || pepperBytes.decoded.size() != 32) {
        SecretBytes::wipe(pepperBytes.decoded);
        return bad(QStringLiteral("the company's PIN pepper"));
    }
    const SecretBytes companyPepper = SecretBytes::takeFrom(pepperBytes.decoded);
    const QDateTime now = m_clock.nowUtc().toUTC();
    const qint64 serverTime = b.value(QLatin1String("server_time")).toInteger(0);
    out.clockSkewSeconds = serverTime > 0 ? serverTime - now.toSecsSinceEpoch() : 0;
    out.deviceKeyFingerprint = AuditVerifier::fingerprint(m_devicePublicKey);

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    // The session may have ended while the server answered.
    if (auto s = mayEnrol(m_access, session); !s)
        return std::unexpected(s.error());
    SyncStateStore state(m_db);
    auto already = state.enrolment();
    if (!already)
        return std::unexpected(already.error());
    if (*already)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("This register was enrolled meanwhile (with %1).")
                        .arg((*already)->serverUrl));
    SyncEnrolment e;
    e.serverUrl = out.serverUrl;
    e.companyId = out.companyId;
    e.companyName = out.companyName;
    e.storeId = out.storeId;
    e.storeName = out.storeName;
    e.registerName = out.registerName;
    e.pins = out.pins;
    e.witnessKey = witness.decoded;
    e.enrolledAt = now;
    if (auto s = state.writeEnrolment(e); !s)
        return std::unexpected(s.error());

    // The server's ids for this register's store and company (docs/sync.md, "Enrolment"), so
    // what a pull names by store or company id is this register's own.
    auto store = m_db.query("UPDATE stores SET uuid = ?1 WHERE id = "
                            "(SELECT store_id FROM registers WHERE uuid = ?2)");
    if (!store)
        return std::unexpected(store.error());
    store->bind(1, out.storeId).bind(2, m_registerId);
    if (auto s = store->run(); !s)
        return std::unexpected(s.error());
    auto company = m_db.query("UPDATE companies SET uuid = ?1 WHERE id = (SELECT s.company_id "
                              "FROM stores s JOIN registers r ON r.store_id = s.id "
                              "WHERE r.uuid = ?2)");
    if (!company)
        return std::unexpected(company.error());
    company->bind(1, out.companyId).bind(2, m_registerId);
    if (auto s = company->run(); !s)
        return std::unexpected(s.error());

    QJsonArray pins;
    for (const QString& p : std::as_const(out.pins))
        pins.append(p);
    if (auto s = audit::record(
            m_db,
            AuditEntry{session.userId,
                       0,
                       auditaction::SyncEnrolled,
                       audit::entity("register", m_registerId),
                       {},
                       {{QStringLiteral("server"), out.serverUrl},
                        {QStringLiteral("company_id"), out.companyId},
                        {QStringLiteral("company_name"), out.companyName},
                        {QStringLiteral("store_id"), out.storeId},
                        {QStringLiteral("store_name"), out.storeName},
                        {QStringLiteral("register_name"), out.registerName},
                        {QStringLiteral("pins"), pins},
                        {QStringLiteral("device_key_fingerprint"), out.deviceKeyFingerprint}}});
        !s)
        return std::unexpected(s.error());
    // Last before the commit: a key store that refuses it leaves this register not enrolled.
    if (auto s = m_auth.adoptCompanyPepper(companyPepper); !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcEnrol) << "register" << m_registerId << "enrolled in store" << out.storeId;
    return out;
}

} // namespace pos
