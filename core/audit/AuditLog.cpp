#include "audit/AuditLog.h"

#include "Clock.h"
#include "audit/CanonicalJson.h"
#include "store/Database.h"
#include "store/KeyStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSysInfo>

Q_LOGGING_CATEGORY(lcAudit, "pos.audit")

namespace pos {

namespace {

// The key store keeps the acknowledged checkpoint as text: "<count> <head hash hex>".
QByteArray checkpointText(qint64 count, const QByteArray& head)
{
    return QByteArray::number(count) + ' ' + head.toHex();
}

QString idText(qint64 id)
{
    return id > 0 ? QString::number(id) : QString();
}

// The columns are NOT NULL and Query binds a null QString as NULL.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

QString AuditLog::keyNameFor(const QString& registerId)
{
    return QStringLiteral("audit-signing-key-") + registerId;
}

QString AuditLog::checkpointNameFor(const QString& registerId)
{
    return QStringLiteral("audit-checkpoint-") + registerId;
}

AuditLog::AuditLog(Database& db, KeyStore& keys, QString registerId, const Clock& clock,
                   Ed25519Signer signer)
    : m_db(db), m_keys(keys), m_registerId(std::move(registerId)), m_clock(clock),
      m_signer(std::move(signer))
{
    m_appVersion = QCoreApplication::applicationVersion();
    if (m_appVersion.isEmpty())
        m_appVersion = QStringLiteral(POS_VERSION);
    m_host = QSysInfo::machineHostName();
}

AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::open(Database& db, KeyStore& keys,
                                                 const QString& registerId, const Clock& clock)
{
    if (registerId.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the audit log needs a register id"));
    auto q = db.query("SELECT after_json FROM audit_log WHERE register_id = ?1 AND seq = 0");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId);
    auto has = q->next();
    if (!has)
        return std::unexpected(has.error());
    const bool started = *has;
    const QString genesisAfter = started ? q->text(0) : QString();

    const QString keyName = keyNameFor(registerId);
    auto key = keys.read(keyName);
    if (!key && key.error().code != ErrorCode::NotFound)
        return std::unexpected(key.error());
    if (!key && started)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("the signing key of this register's audit log is not in %1; "
                                   "the log cannot be continued without it")
                        .arg(keys.describe()));
    if (!key) {
        auto fresh = Ed25519::generatePrivateKey();
        if (!fresh)
            return std::unexpected(fresh.error());
        if (auto w = keys.write(keyName, *fresh); !w)
            return std::unexpected(w.error());
        key = keys.read(keyName);
        if (!key)
            return std::unexpected(key.error());
        if (!key->equals(*fresh))
            return fail(ErrorCode::Keychain,
                        QStringLiteral("%1 did not give back the audit signing key it was given")
                            .arg(keys.describe()));
    }
    auto signer = Ed25519Signer::fromPrivateKey(*key);
    if (!signer)
        return std::unexpected(signer.error());
    std::unique_ptr<AuditLog> log(new AuditLog(db, keys, registerId, clock, std::move(*signer)));
    if (started) {
        auto expected = canonicaljson::serialize(QJsonObject{
            {QStringLiteral("public_key"), QString::fromLatin1(log->publicKey().toBase64())},
            {QStringLiteral("register_id"), registerId}});
        if (!expected || *expected != genesisAfter)
            return fail(ErrorCode::WrongKeyOrDamaged,
                        QStringLiteral("the audit signing key in %1 is not the key this "
                                       "register's audit log was started with")
                            .arg(keys.describe()));
        return log;
    }
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = log->appendGenesis(); !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    return log;
}

Status AuditLog::appendGenesis()
{
    AuditRow row;
    row.seq = 0;
    row.action = QStringLiteral("audit.genesis");
    row.entity = audit::entity("register", m_registerId);
    row.before = QStringLiteral("{}");
    auto after = canonicaljson::serialize(
        QJsonObject{{QStringLiteral("public_key"), QString::fromLatin1(publicKey().toBase64())},
                    {QStringLiteral("register_id"), m_registerId}});
    if (!after)
        return std::unexpected(after.error());
    row.after = *after;
    row.prevHash = auditformat::genesisPrevHash(m_registerId);
    auto seq = insertRow(std::move(row));
    if (!seq)
        return std::unexpected(seq.error());
    return checkpoint(QStringLiteral("start"));
}

Result<qint64> AuditLog::append(const AuditEntry& entry)
{
    if (!m_db.inTransaction())
        return fail(ErrorCode::Internal,
                    QStringLiteral("an audit row must be written in the transaction of the change "
                                   "it records"));
    if (entry.action.isEmpty() || entry.entity.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("an audit row needs an action and an "
                                                            "entity"));
    auto head = this->head();
    if (!head)
        return std::unexpected(head.error());
    AuditRow row;
    row.seq = head->first + 1;
    row.prevHash = head->second;
    row.actor = idText(entry.actorId);
    row.approver = idText(entry.approverId);
    row.action = entry.action;
    row.entity = entry.entity;
    auto before = canonicaljson::serialize(entry.before);
    if (!before)
        return std::unexpected(before.error());
    auto after = canonicaljson::serialize(entry.after);
    if (!after)
        return std::unexpected(after.error());
    row.before = *before;
    row.after = *after;
    auto seq = insertRow(std::move(row));
    if (!seq)
        return seq;
    if ((*seq + 1) % auditformat::CheckpointEvery == 0)
        if (auto s = checkpoint(QStringLiteral("rows")); !s)
            return std::unexpected(s.error());
    return seq;
}

Result<std::pair<qint64, QByteArray>> AuditLog::head()
{
    auto q = m_db.query("SELECT seq, hash FROM audit_log WHERE register_id = ?1 "
                        "ORDER BY seq DESC LIMIT 1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, m_registerId);
    auto has = q->next();
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return fail(ErrorCode::Internal,
                    QStringLiteral("this register's audit log has no genesis row"));
    return std::pair{q->int64(0), q->blob(1)};
}

Result<qint64> AuditLog::insertRow(AuditRow row)
{
    row.at = auditformat::timestamp(m_clock.nowUtc());
    row.registerId = m_registerId;
    row.appVersion = m_appVersion;
    row.host = m_host;
    row.hash = auditformat::rowHash(row);
    auto sig = m_signer.sign(auditformat::signedMessage(row.hash));
    if (!sig)
        return std::unexpected(sig.error());
    row.signature = *sig;
    auto q = m_db.query("INSERT INTO audit_log (register_id, seq, at, actor, approver, action, "
                        "entity, before_json, after_json, app_version, host, prev_hash, hash, "
                        "signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                        "?13, ?14)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, row.registerId).bind(2, row.seq).bind(3, row.at).bind(4, notNull(row.actor));
    q->bind(5, notNull(row.approver)).bind(6, row.action).bind(7, row.entity);
    q->bind(8, row.before).bind(9, row.after).bind(10, notNull(row.appVersion));
    q->bind(11, notNull(row.host)).bind(12, row.prevHash);
    q->bind(13, row.hash).bind(14, row.signature);
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    return row.seq;
}

Status AuditLog::checkpoint(const QString& reason)
{
    if (!m_db.inTransaction())
        return fail(ErrorCode::Internal,
                    QStringLiteral("an audit checkpoint must be written in a transaction"));
    auto head = this->head();
    if (!head)
        return std::unexpected(head.error());
    AuditCheckpoint c;
    c.registerId = m_registerId;
    c.count = head->first + 1;
    c.headHash = head->second;
    c.at = auditformat::timestamp(m_clock.nowUtc());
    c.reason = reason;
    auto sig = m_signer.sign(auditformat::checkpointMessage(c));
    if (!sig)
        return std::unexpected(sig.error());
    c.signature = *sig;
    auto q = m_db.query("INSERT OR IGNORE INTO audit_checkpoints (register_id, row_count, "
                        "head_hash, at, reason, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, c.registerId).bind(2, c.count).bind(3, c.headHash).bind(4, c.at);
    q->bind(5, c.reason).bind(6, c.signature);
    if (auto s = q->run(); !s)
        return s;
    m_db.afterCommit([this, count = c.count, headHash = c.headHash] {
        // Only ever forward: a checkpoint from a transaction that ran late must not move the
        // acknowledged one back.
        auto current = acknowledgedCheckpoint();
        if (current && current->count >= count)
            return;
        QByteArray text = checkpointText(count, headHash);
        auto w = m_keys.write(checkpointNameFor(m_registerId), SecretBytes::takeFrom(text));
        if (!w)
            qCWarning(lcAudit) << "could not keep the audit checkpoint in the key store:"
                               << w.error().message;
    });
    return {};
}

Result<AuditCheckpoint> AuditLog::acknowledgedCheckpoint() const
{
    AuditCheckpoint c;
    c.registerId = m_registerId;
    auto stored = m_keys.read(checkpointNameFor(m_registerId));
    if (!stored) {
        if (stored.error().code == ErrorCode::NotFound)
            return c;
        return std::unexpected(stored.error());
    }
    const QByteArray text(reinterpret_cast<const char*>(stored->data()),
                          static_cast<qsizetype>(stored->size()));
    const QList<QByteArray> parts = text.split(' ');
    bool ok = false;
    if (parts.size() == 2)
        c.count = parts[0].toLongLong(&ok);
    c.headHash = parts.size() == 2 ? QByteArray::fromHex(parts[1]) : QByteArray();
    if (!ok || c.count <= 0 || c.headHash.size() != 32)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("the audit checkpoint kept in %1 is not readable")
                        .arg(m_keys.describe()));
    return c;
}

namespace audit {

Status record(Database& db, const AuditEntry& entry)
{
    AuditLog* log = db.auditLog();
    if (!log)
        return fail(ErrorCode::Internal,
                    QStringLiteral("this register's audit log is not open, so the change was "
                                   "not saved"));
    auto seq = log->append(entry);
    if (!seq)
        return std::unexpected(seq.error());
    return {};
}

} // namespace audit

} // namespace pos
