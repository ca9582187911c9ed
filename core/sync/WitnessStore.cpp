#include "sync/WitnessStore.h"

#include "audit/AuditFormat.h"
#include "crypto/Ed25519.h"
#include "store/Database.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"

#include <QJsonObject>

namespace pos {

namespace {

QByteArray fromB64(const QJsonValue& v)
{
    const auto d = QByteArray::fromBase64Encoding(v.toString().toLatin1(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    return d ? d.decoded : QByteArray();
}

} // namespace

Result<QByteArray> WitnessStore::witnessKey()
{
    auto v = SyncStateStore(m_db).value(syncstate::WitnessKey);
    if (!v)
        return std::unexpected(v.error());
    if (!*v)
        return QByteArray();
    return fromB64(QJsonValue(**v));
}

bool WitnessStore::verify(const WitnessSignature& w, const QByteArray& witnessKey)
{
    AuditCheckpoint c;
    c.registerId = w.registerId;
    c.count = w.rowCount;
    c.headHash = w.headHash;
    c.at = w.checkpointAt;
    c.reason = w.reason;
    return Ed25519::verify(witnessKey, syncprotocol::witnessMessage(c, w.witnessedAt), w.signature);
}

Result<WitnessStore::Stored> WitnessStore::storeFromPush(const QJsonArray& witness,
                                                         const QByteArray& witnessKey)
{
    Stored out;
    for (const QJsonValue& entry : witness) {
        const QJsonObject o = entry.toObject();
        WitnessSignature w;
        w.registerId = o.value(QLatin1String("register_id")).toString();
        w.rowCount = o.value(QLatin1String("row_count")).toInteger(0);
        w.headHash = fromB64(o.value(QLatin1String("head_hash")));
        w.witnessedAt = o.value(QLatin1String("witnessed_at")).toString();
        w.signature = fromB64(o.value(QLatin1String("signature")));
        auto c = m_db.query("SELECT head_hash, at, reason FROM audit_checkpoints "
                            "WHERE register_id = ?1 AND row_count = ?2");
        if (!c)
            return std::unexpected(c.error());
        c->bind(1, w.registerId).bind(2, w.rowCount);
        auto has = c->next();
        if (!has)
            return std::unexpected(has.error());
        if (!*has || c->blob(0) != w.headHash) {
            out.problems << QStringLiteral("The server countersigned a checkpoint of %1 rows that "
                                           "this register does not have; it was not kept.")
                                .arg(w.rowCount);
            continue;
        }
        w.checkpointAt = c->text(1);
        w.reason = c->text(2);
        if (!verify(w, witnessKey)) {
            out.problems << QStringLiteral("The server's countersignature on the checkpoint of "
                                           "%1 rows is not signed with the witness key this "
                                           "register was enrolled with; it was not kept.")
                                .arg(w.rowCount);
            continue;
        }
        auto q = m_db.query("INSERT OR IGNORE INTO audit_witness (register_id, row_count, "
                            "head_hash, checkpoint_at, reason, witnessed_at, signature) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, w.registerId).bind(2, w.rowCount).bind(3, w.headHash).bind(4, w.checkpointAt);
        q->bind(5, w.reason).bind(6, w.witnessedAt).bind(7, w.signature);
        if (auto s = q->run(); !s)
            return std::unexpected(s.error());
        out.stored += m_db.changes();
    }
    return out;
}

Result<QList<WitnessSignature>> WitnessStore::forRegister(const QString& registerId)
{
    auto q = m_db.query("SELECT row_count, head_hash, checkpoint_at, reason, witnessed_at, "
                        "signature FROM audit_witness WHERE register_id = ?1 ORDER BY row_count");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId);
    QList<WitnessSignature> out;
    auto s = q->forEach([&] {
        WitnessSignature w;
        w.registerId = registerId;
        w.rowCount = q->int64(0);
        w.headHash = q->blob(1);
        w.checkpointAt = q->text(2);
        w.reason = q->text(3);
        w.witnessedAt = q->text(4);
        w.signature = q->blob(5);
        out.append(w);
    });
    if (!s)
        return std::unexpected(s.error());
    return out;
}

} // namespace pos
