#include "sync/KnownRegisters.h"

#include "Clock.h"
#include "audit/AuditVerifier.h"
#include "store/Database.h"

#include <QDateTime>

namespace pos {

namespace {

constexpr const char* Columns = "register_id, signing_key, fingerprint, first_seen_at, row_count, "
                                "head_hash, head_seen_at";

KnownRegister read(const Query& q)
{
    KnownRegister k;
    k.registerId = q.text(0);
    k.signingKey = q.blob(1);
    k.fingerprint = q.text(2);
    k.firstSeenAt = q.text(3);
    k.rowCount = q.int64(4);
    k.headHash = q.blob(5);
    k.headSeenAt = q.text(6);
    return k;
}

} // namespace

Result<std::optional<KnownRegister>> KnownRegisters::find(const QString& registerId)
{
    static const QByteArray sql =
        QByteArray("SELECT ") + Columns + " FROM known_registers WHERE register_id = ?1";
    auto q = m_db.query(sql.constData());
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId);
    auto has = q->next();
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return std::optional<KnownRegister>();
    return std::optional<KnownRegister>(read(*q));
}

Result<QList<KnownRegister>> KnownRegisters::all()
{
    static const QByteArray sql =
        QByteArray("SELECT ") + Columns + " FROM known_registers ORDER BY register_id";
    auto q = m_db.query(sql.constData());
    if (!q)
        return std::unexpected(q.error());
    QList<KnownRegister> out;
    if (auto s = q->forEach([&] { out.append(read(*q)); }); !s)
        return std::unexpected(s.error());
    return out;
}

Result<KnownRegisters::Learned> KnownRegisters::learn(const RemoteAuditChain& chain,
                                                      const RemoteAuditVerdict& verdict)
{
    if (!verdict.intact() || chain.rows.isEmpty() || verdict.chain.publicKey.isEmpty())
        return Learned::Nothing;
    const QString& id = chain.reg.registerId;
    // The key the rows verified with (the remembered or own one where known, else the server's).
    const QByteArray& key = verdict.chain.publicKey;
    const AuditRow& head = chain.rows.last();
    const qint64 rowCount = head.seq + 1;
    const QString now = m_clock.nowUtc().toUTC().toString(Qt::ISODateWithMs);

    auto known = find(id);
    if (!known)
        return std::unexpected(known.error());
    if (*known) {
        const KnownRegister& k = **known;
        if (k.signingKey != key)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("This desktop saw another signing key for register %1 on "
                                       "%2; the key it remembered is kept.")
                            .arg(id, when(k.firstSeenAt)));
        if (rowCount <= k.rowCount)
            return Learned::Nothing;
        auto q = m_db.query("UPDATE known_registers SET row_count = ?2, head_hash = ?3, "
                            "head_seen_at = ?4 WHERE register_id = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, id).bind(2, rowCount).bind(3, head.hash).bind(4, now);
        if (auto s = q->run(); !s)
            return std::unexpected(s.error());
        return Learned::HeadAdvanced;
    }
    auto q = m_db.query("INSERT INTO known_registers (register_id, signing_key, fingerprint, "
                        "first_seen_at, row_count, head_hash, head_seen_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, id).bind(2, key).bind(3, AuditVerifier::fingerprint(key)).bind(4, now);
    q->bind(5, rowCount).bind(6, head.hash);
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    return Learned::FirstSeen;
}

QString KnownRegisters::when(const QString& at)
{
    const QDateTime t = QDateTime::fromString(at, Qt::ISODateWithMs);
    if (!t.isValid())
        return at;
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace pos
