#include "sync/RemoteAuditSession.h"

#include "audit/AuditLog.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "sync/DeviceIdentity.h"
#include "sync/OutboxReader.h"
#include "sync/SyncStateStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcRemoteAudit, "pos.sync.remoteaudit")

namespace pos {

namespace {

// Runs `done` after the caller's call has returned, as a network answer would.
template <class Done, class Value> void later(QObject* context, Done done, Value value)
{
    QTimer::singleShot(0, context, [done = std::move(done), value = std::move(value)]() mutable {
        done(std::move(value));
    });
}

// {"user_code": "...", "password": "..."} with the password escaped as a JSON string.
QByteArray jsonBody(const QString& code, const SecretBytes& password)
{
    QByteArray body;
    body.reserve(static_cast<qsizetype>(password.size()) * 6 + 64);
    body += "{\"user_code\":";
    body += QJsonDocument(QJsonArray{code}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    body += ",\"password\":\"";
    static constexpr char Hex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < password.size(); ++i) {
        const unsigned char c = password.data()[i];
        if (c == '"' || c == '\\') {
            body += '\\';
            body += static_cast<char>(c);
        } else if (c < 0x20) {
            body += "\\u00";
            body += Hex[c >> 4];
            body += Hex[c & 0xf];
        } else {
            body += static_cast<char>(c);
        }
    }
    body += "\"}";
    return body;
}

Error noSession()
{
    return Error{ErrorCode::Unauthenticated,
                 QStringLiteral("Sign in to the sync server first (with your user code and "
                                "password there).")};
}

} // namespace

RemoteAuditSession::RemoteAuditSession(Database& db, KeyStore& keys, AccessControl& access,
                                       const Clock& clock, QObject* parent)
    : QObject(parent), m_db(db), m_keys(keys), m_access(access), m_clock(clock)
{
    if (const AuditLog* log = m_db.auditLog()) {
        m_ownRegisterId = log->registerId();
        m_ownKey = log->publicKey();
    }
}

RemoteAuditSession::~RemoteAuditSession() = default;

QString RemoteAuditSession::serverUrl() const
{
    return m_transport ? m_transport->server().toString() : QString();
}

Result<RemoteAuditExpectation> RemoteAuditSession::expectationFor(const QString& registerId)
{
    RemoteAuditExpectation expect;
    expect.witnessKey = m_witnessKey;
    auto remembered = KnownRegisters(m_db, m_clock).find(registerId);
    if (!remembered)
        return std::unexpected(remembered.error());
    expect.remembered = *remembered;
    if (registerId.isEmpty() || registerId != m_ownRegisterId)
        return expect;
    expect.knownKey = m_ownKey;
    auto sent = OutboxReader(m_db).lastSentAuditSeq(registerId);
    if (!sent)
        return std::unexpected(sent.error());
    expect.rowsAcknowledged = *sent + 1;
    return expect;
}

Result<KnownRegisters::Learned> RemoteAuditSession::remember(const RemoteAuditChain& chain,
                                                             const RemoteAuditVerdict& verdict)
{
    auto learned = KnownRegisters(m_db, m_clock).learn(chain, verdict);
    if (learned && *learned == KnownRegisters::Learned::FirstSeen)
        qCInfo(lcRemoteAudit) << "remembered the signing key of register" << chain.reg.registerId;
    return learned;
}

void RemoteAuditSession::signIn(const Session& session, const QString& userCode,
                                SecretBytes password, SignedIn done)
{
    if (auto may = m_access.require(session, Permission::AuditView); !may)
        return later(this, std::move(done), Result<RemoteAuditUser>(std::unexpected(may.error())));
    const QString code = userCode.trimmed();
    if (code.isEmpty() || password.isEmpty())
        return later(this, std::move(done),
                     Result<RemoteAuditUser>(fail(ErrorCode::InvalidInput,
                                                  QStringLiteral("Type your user code and "
                                                                 "password on the sync server."))));
    auto enrolment = SyncStateStore(m_db).enrolment();
    if (!enrolment || !*enrolment)
        return later(this, std::move(done),
                     Result<RemoteAuditUser>(
                         enrolment ? fail(ErrorCode::NotFound,
                                          QStringLiteral("This register is not connected to a "
                                                         "sync server, so it cannot read the "
                                                         "other registers' logs."))
                                   : std::unexpected(enrolment.error())));
    auto url = SyncTransport::parseServerUrl((*enrolment)->serverUrl);
    if (!url)
        return later(this, std::move(done), Result<RemoteAuditUser>(std::unexpected(url.error())));
    const QString registerId = m_ownRegisterId.isEmpty() ? session.registerId : m_ownRegisterId;
    auto identity = DeviceIdentity::load(m_keys, registerId);
    if (!identity)
        return later(this, std::move(done),
                     Result<RemoteAuditUser>(std::unexpected(identity.error())));

    if (m_transport) {
        m_transport->abortAll();
        m_transport->deleteLater();
    }
    m_user = {};
    m_witnessKey = (*enrolment)->witnessKey;
    m_storeNames = {{(*enrolment)->storeId, (*enrolment)->storeName}};
    m_transport = new SyncTransport(*url, SyncTrust{(*enrolment)->pins, {}}, m_timeouts, this);
    m_transport->setIdentity(std::make_shared<const DeviceIdentity>(std::move(*identity)),
                             (*enrolment)->companyId, &m_clock);

    // The body holds the password: built byte by byte in a buffer that is wiped once the
    // request is on its way (no QString or QJsonDocument copy of the password is made).
    QByteArray body = jsonBody(code, password);
    password = SecretBytes();
    // The transport is this object's child: it never calls back once this object is gone.
    m_transport->post("/v1/session", body, [this, done](const SyncReply& reply) {
        if (!reply.ok()) {
            done(std::unexpected(reply.error()));
            return;
        }
        const QJsonObject o = reply.body;
        const QString token = o.value(QLatin1String("token")).toString();
        RemoteAuditUser user;
        user.userId = o.value(QLatin1String("user_id")).toString();
        user.role = o.value(QLatin1String("role")).toString();
        user.expiresAt = o.value(QLatin1String("expires_at")).toString();
        for (const QJsonValue& v : o.value(QLatin1String("store_ids")).toArray())
            user.storeIds << v.toString();
        if (token.isEmpty() || user.userId.isEmpty()) {
            done(fail(ErrorCode::Io, QStringLiteral("The sync server's answer to the sign-in "
                                                    "is not usable.")));
            return;
        }
        m_transport->setSessionToken(token.toLatin1());
        m_user = user;
        qCInfo(lcRemoteAudit) << "signed in to the sync server as user" << user.userId;
        done(user);
    });
    SecretBytes::wipe(body);
}

void RemoteAuditSession::listRegisters(Listed done)
{
    if (!signedIn() || !m_transport)
        return later(this, std::move(done),
                     Result<QList<RemoteRegister>>(std::unexpected(noSession())));
    m_transport->get("/v1/audit", [done](const SyncReply& reply) {
        if (!reply.ok()) {
            done(std::unexpected(reply.error()));
            return;
        }
        done(RemoteAudit::parseRegisters(reply.body));
    });
}

void RemoteAuditSession::fetchChain(const QString& registerId, Progress progress, Fetched done)
{
    if (!signedIn() || !m_transport)
        return later(this, std::move(done), Result<RemoteAuditChain>(std::unexpected(noSession())));
    if (!m_fetching.isEmpty())
        return later(this, std::move(done),
                     Result<RemoteAuditChain>(
                         fail(ErrorCode::Conflict, QStringLiteral("Another register's log is "
                                                                  "still being fetched."))));
    m_fetching = registerId;
    m_chain = {};
    m_chain.reg.registerId = registerId;
    m_progress = std::move(progress);
    m_fetched = std::move(done);
    fetchPage(-1);
}

void RemoteAuditSession::fetchPage(qint64 afterSeq)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("register_id"), m_fetching);
    query.addQueryItem(QStringLiteral("after_seq"), QString::number(afterSeq));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    const QByteArray path = "/v1/audit?" + query.query(QUrl::FullyEncoded).toLatin1();
    m_transport->get(path, [this, afterSeq](const SyncReply& reply) { onPage(reply, afterSeq); });
}

void RemoteAuditSession::onPage(const SyncReply& reply, qint64 afterSeq)
{
    if (m_fetching.isEmpty())
        return;
    if (!reply.ok()) {
        finishFetch(std::unexpected(reply.error()));
        return;
    }
    auto page = RemoteAudit::parsePage(reply.body, m_fetching);
    if (!page) {
        finishFetch(std::unexpected(page.error()));
        return;
    }
    m_chain.reg = page->reg;
    m_chain.rows.append(page->rows);
    m_chain.checkpoints.append(page->checkpoints);
    const qint64 fetched = m_chain.rows.size();
    if (m_progress)
        m_progress(fetched, std::max(m_chain.reg.rowCount, fetched));
    // A page that moves nothing forward ends the fetch (a server that kept saying "more" would
    // otherwise hold the desktop forever); what is missing then shows in the verdict.
    if (page->more && page->nextAfterSeq > afterSeq && !page->rows.isEmpty()) {
        fetchPage(page->nextAfterSeq);
        return;
    }
    finishFetch(std::move(m_chain));
}

void RemoteAuditSession::finishFetch(Result<RemoteAuditChain> result)
{
    Fetched done = std::move(m_fetched);
    m_fetched = {};
    m_progress = {};
    m_fetching.clear();
    m_chain = {};
    if (done)
        done(std::move(result));
}

void RemoteAuditSession::cancel()
{
    if (m_transport)
        m_transport->abortAll(); // the pending `done` runs with Unreachable
}

} // namespace pos
