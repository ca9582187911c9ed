#include "AuditIngest.h"

#include "audit/CanonicalJson.h"
#include "sync/SyncProtocol.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <map>
#include <optional>

Q_LOGGING_CATEGORY(lcAuditIngest, "pos.syncd.audit")

namespace pos::server {

namespace {

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

ApiResponse fork(const QString& message)
{
    return apiError(409, QStringLiteral("fork"), message);
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray seqArray(const QList<qint64>& seqs)
{
    QByteArray out = "{";
    for (qint64 s : seqs) {
        if (out.size() > 1)
            out += ',';
        out += QByteArray::number(s);
    }
    return out + '}';
}

QByteArray json(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

bool sameRow(const AuditRow& a, const AuditRow& b)
{
    return a.seq == b.seq && a.at == b.at && a.registerId == b.registerId && a.actor == b.actor &&
           a.approver == b.approver && a.action == b.action && a.entity == b.entity &&
           a.before == b.before && a.after == b.after && a.appVersion == b.appVersion &&
           a.host == b.host && a.prevHash == b.prevHash && a.hash == b.hash &&
           a.signature == b.signature;
}

// What docs/audit-format.md says the genesis row of `registerId` with `publicKey` holds.
bool isGenesisOf(const AuditRow& row, const QString& registerId, const QByteArray& publicKey)
{
    auto after =
        canonicaljson::serialize(QJsonObject{{QStringLiteral("public_key"), b64(publicKey)},
                                             {QStringLiteral("register_id"), registerId}});
    return after && row.seq == 0 && row.registerId == registerId &&
           row.prevHash == auditformat::genesisPrevHash(registerId) &&
           row.action == u"audit.genesis" && row.entity == u"register:" + registerId &&
           row.before == u"{}" && row.after == *after;
}

} // namespace

AuditIngest::AuditIngest(PgConnection& pg, const Ed25519Signer& witness, QString witnessedAt)
    : m_pg(pg), m_witness(witness), m_witnessedAt(std::move(witnessedAt))
{}

ApiResult<AuditIngestResult> AuditIngest::ingest(const RequestContext& who, const PushBatch& batch)
{
    const QString self = who.registerId.toLower();
    const QByteArray company = who.companyId.toLatin1();
    const QByteArray store = who.registerStoreId.toLatin1();
    const QByteArray reg = self.toLatin1();
    auto unavailable = [this](const char* what) {
        qCWarning(lcAuditIngest) << what << "failed, sqlstate" << m_pg.sqlState();
        return databaseRefusal(m_pg, QStringLiteral("audit"));
    };

    // The server's head (the caller holds this register's lock until commit).
    auto head = m_pg.exec(
        "SELECT row_count, head_hash FROM pos.audit_heads WHERE register_id = $1::uuid", {reg});
    if (!head)
        return std::unexpected(unavailable("reading the audit head"));
    const qint64 held = head->rows() > 0 ? head->integer(0, 0) : 0;
    const QByteArray heldHash =
        head->rows() > 0 ? head->bytes(0, 1) : auditformat::genesisPrevHash(self);

    std::vector<const AuditRow*> fresh;
    QList<qint64> oldSeqs;
    for (const AuditRow& row : batch.auditRows) {
        if (row.seq < held)
            oldSeqs.append(row.seq);
        else
            fresh.push_back(&row);
    }

    AuditIngestResult out;
    // Rows the server holds already: resent, they must be the same bytes.
    if (!oldSeqs.isEmpty()) {
        auto stored = m_pg.exec(
            "SELECT seq, at, register_id::text, actor, approver, action, entity, before_json, "
            "after_json, app_version, host, prev_hash, hash, signature FROM pos.audit_rows "
            "WHERE register_id = $1::uuid AND seq = ANY ($2::bigint[])",
            {reg, seqArray(oldSeqs)});
        if (!stored)
            return std::unexpected(unavailable("reading stored audit rows"));
        QHash<qint64, AuditRow> bySeq;
        for (int i = 0; i < stored->rows(); ++i) {
            AuditRow r;
            r.seq = stored->integer(i, 0);
            r.at = stored->text(i, 1);
            r.registerId = stored->text(i, 2);
            r.actor = stored->text(i, 3);
            r.approver = stored->text(i, 4);
            r.action = stored->text(i, 5);
            r.entity = stored->text(i, 6);
            r.before = stored->text(i, 7);
            r.after = stored->text(i, 8);
            r.appVersion = stored->text(i, 9);
            r.host = stored->text(i, 10);
            r.prevHash = stored->bytes(i, 11);
            r.hash = stored->bytes(i, 12);
            r.signature = stored->bytes(i, 13);
            bySeq.insert(r.seq, r);
        }
        for (const AuditRow& row : batch.auditRows) {
            if (row.seq >= held)
                break;
            auto it = bySeq.constFind(row.seq);
            if (it == bySeq.constEnd() || !sameRow(*it, row))
                return std::unexpected(fork(
                    QStringLiteral("audit row %1 differs from the one the server already holds: "
                                   "the register's audit chain has forked")
                        .arg(row.seq)));
            ++out.duplicates;
        }
    }

    // The enrolled signing key (NET-3 enrolment), needed for anything new.
    std::optional<Ed25519Verifier> verifier;
    QByteArray signingKey;
    if (!fresh.empty() || !batch.checkpoints.empty()) {
        auto key = m_pg.exec("SELECT signing_key FROM pos.devices WHERE id = $1::uuid", {reg});
        if (!key)
            return std::unexpected(unavailable("reading the signing key"));
        if (key->rows() == 0)
            return std::unexpected(apiError(403, QStringLiteral("forbidden"),
                                            QStringLiteral("this register is not enrolled")));
        signingKey = key->bytes(0, 0);
        auto v = Ed25519Verifier::fromPublicKey(signingKey);
        if (!v)
            return std::unexpected(
                apiError(503, QStringLiteral("unavailable"),
                         QStringLiteral("the register's signing key cannot be used")));
        verifier.emplace(std::move(*v));
    }

    // New rows: gap-free from the head, linked, hashed and signed.
    qint64 next = held;
    QByteArray prev = heldHash;
    QHash<qint64, QByteArray> newHashes;
    QJsonArray rows;
    for (const AuditRow* row : fresh) {
        if (row->seq != next)
            return std::unexpected(badRequest(
                QStringLiteral("audit rows %1 to %2 are missing before row %3: the chain has a "
                               "gap; send the register's rows in order")
                    .arg(next)
                    .arg(row->seq - 1)
                    .arg(row->seq)));
        if (row->seq == 0 && !isGenesisOf(*row, self, signingKey))
            return std::unexpected(
                badRequest(QStringLiteral("audit row 0 is not this register's genesis with the "
                                          "signing key it enrolled")));
        if (row->prevHash != prev)
            return std::unexpected(
                fork(QStringLiteral("audit row %1 does not link to row %2 the server holds: the "
                                    "register's audit chain has forked")
                         .arg(row->seq)
                         .arg(row->seq - 1)));
        if (auditformat::rowHash(*row) != row->hash)
            return std::unexpected(badRequest(
                QStringLiteral("audit row %1: its hash does not match its fields").arg(row->seq)));
        if (!verifier->verify(auditformat::signedMessage(row->hash), row->signature))
            return std::unexpected(
                badRequest(QStringLiteral("audit row %1 is not signed by this register's "
                                          "enrolled signing key")
                               .arg(row->seq)));
        newHashes.insert(row->seq, row->hash);
        prev = row->hash;
        ++next;
        rows.append(QJsonObject{
            {QStringLiteral("seq"), row->seq},
            {QStringLiteral("at"), row->at},
            {QStringLiteral("actor"), row->actor},
            {QStringLiteral("approver"), row->approver},
            {QStringLiteral("action"), row->action},
            {QStringLiteral("entity"), row->entity},
            {QStringLiteral("before_json"), row->before},
            {QStringLiteral("after_json"), row->after},
            {QStringLiteral("app_version"), row->appVersion},
            {QStringLiteral("host"), row->host},
            {QStringLiteral("prev_hash"), QString::fromLatin1(row->prevHash.toHex())},
            {QStringLiteral("hash"), QString::fromLatin1(row->hash.toHex())},
            {QStringLiteral("signature"), QString::fromLatin1(row->signature.toHex())}});
    }
    out.rowCount = next;
    out.headHash = prev;
    out.stored += static_cast<qint64>(fresh.size());

    // The register's own account of its chain: fewer rows than the server holds is a rollback.
    if (batch.headRowCount < out.rowCount)
        return std::unexpected(apiError(
            409, QStringLiteral("rollback"),
            QStringLiteral("the register reports %1 audit rows but the server already holds %2: "
                           "its audit log was rolled back (an older copy put back?)")
                .arg(batch.headRowCount)
                .arg(out.rowCount)));
    if (batch.headRowCount == out.rowCount && out.rowCount > 0 && batch.headHash != out.headHash)
        return std::unexpected(
            fork(QStringLiteral("the register's audit head differs from the chain the server "
                                "holds at row %1: the chain has forked")
                     .arg(out.rowCount - 1)));

    // Checkpoints: signed by the register, inside the chain, matching its row hash.
    std::map<qint64, const AuditCheckpoint*> checkpoints;
    QList<qint64> needHashes;
    for (const AuditCheckpoint& c : batch.checkpoints) {
        if (c.count > out.rowCount)
            return std::unexpected(badRequest(
                QStringLiteral("the checkpoint at %1 rows covers rows the server does not hold "
                               "(it holds %2); send the rows first")
                    .arg(c.count)
                    .arg(out.rowCount)));
        if (!verifier->verify(auditformat::checkpointMessage(c), c.signature))
            return std::unexpected(
                badRequest(QStringLiteral("the checkpoint at %1 rows is not signed by this "
                                          "register's enrolled signing key")
                               .arg(c.count)));
        if (!newHashes.contains(c.count - 1))
            needHashes.append(c.count - 1);
        checkpoints.emplace(c.count, &c);
    }
    if (!needHashes.isEmpty()) {
        auto hashes = m_pg.exec("SELECT seq, hash FROM pos.audit_rows WHERE register_id = "
                                "$1::uuid AND seq = ANY ($2::bigint[])",
                                {reg, seqArray(needHashes)});
        if (!hashes)
            return std::unexpected(unavailable("reading audit row hashes"));
        for (int i = 0; i < hashes->rows(); ++i)
            newHashes.insert(hashes->integer(i, 0), hashes->bytes(i, 1));
    }
    QList<qint64> counts;
    for (const auto& [count, c] : checkpoints) {
        if (newHashes.value(count - 1) != c->headHash)
            return std::unexpected(
                fork(QStringLiteral("the checkpoint at %1 rows names a head other than row %2 "
                                    "the server holds: the chain has forked")
                         .arg(count)
                         .arg(count - 1)));
        counts.append(count);
    }
    QHash<qint64, std::pair<QByteArray, QString>> witnessed; // count -> signature, time
    if (!counts.isEmpty()) {
        auto stored = m_pg.exec(
            "SELECT row_count, head_hash, at, reason, signature, witness_signature, witnessed_at "
            "FROM pos.audit_checkpoints WHERE register_id = $1::uuid AND row_count = ANY "
            "($2::bigint[])",
            {reg, seqArray(counts)});
        if (!stored)
            return std::unexpected(unavailable("reading stored checkpoints"));
        for (int i = 0; i < stored->rows(); ++i) {
            const qint64 count = stored->integer(i, 0);
            const AuditCheckpoint& c = *checkpoints.at(count);
            if (stored->bytes(i, 1) != c.headHash || stored->text(i, 2) != c.at ||
                stored->text(i, 3) != c.reason || stored->bytes(i, 4) != c.signature)
                return std::unexpected(
                    apiError(409, QStringLiteral("conflict"),
                             QStringLiteral("a different checkpoint at %1 rows is already stored")
                                 .arg(count)));
            witnessed.insert(count, {stored->bytes(i, 5), stored->text(i, 6)});
            ++out.duplicates;
        }
    }
    QJsonArray newCheckpoints;
    for (const auto& [count, c] : checkpoints) {
        auto known = witnessed.constFind(count);
        QByteArray signature;
        QString at;
        if (known != witnessed.constEnd()) {
            signature = known->first;
            at = known->second;
        } else {
            AuditCheckpoint named = *c;
            named.registerId = self;
            auto signed_ = m_witness.sign(syncprotocol::witnessMessage(named, m_witnessedAt));
            if (!signed_)
                return std::unexpected(
                    apiError(503, QStringLiteral("unavailable"),
                             QStringLiteral("the server could not countersign a checkpoint")));
            signature = *signed_;
            at = m_witnessedAt;
            ++out.stored;
            newCheckpoints.append(QJsonObject{
                {QStringLiteral("row_count"), count},
                {QStringLiteral("head_hash"), QString::fromLatin1(c->headHash.toHex())},
                {QStringLiteral("at"), c->at},
                {QStringLiteral("reason"), c->reason},
                {QStringLiteral("signature"), QString::fromLatin1(c->signature.toHex())},
                {QStringLiteral("witness_signature"), QString::fromLatin1(signature.toHex())}});
        }
        out.witness.append(QJsonObject{{QStringLiteral("register_id"), self},
                                       {QStringLiteral("row_count"), count},
                                       {QStringLiteral("head_hash"), b64(c->headHash)},
                                       {QStringLiteral("witnessed_at"), at},
                                       {QStringLiteral("signature"), b64(signature)}});
    }

    // Write: rows, checkpoints, the head.
    if (!rows.isEmpty()) {
        auto inserted = m_pg.exec(
            "INSERT INTO pos.audit_rows (company_id, store_id, register_id, seq, at, actor, "
            "approver, action, entity, before_json, after_json, app_version, host, prev_hash, "
            "hash, signature) SELECT $1::uuid, $2::uuid, $3::uuid, r.seq, r.at, r.actor, "
            "r.approver, r.action, r.entity, r.before_json, r.after_json, r.app_version, r.host, "
            "decode(r.prev_hash, 'hex'), decode(r.hash, 'hex'), decode(r.signature, 'hex') FROM "
            "json_to_recordset($4::json) AS r(seq bigint, at text, actor text, approver text, "
            "action text, entity text, before_json text, after_json text, app_version text, "
            "host text, prev_hash text, hash text, signature text)",
            {company, store, reg, json(rows)});
        if (!inserted)
            return std::unexpected(unavailable("storing audit rows"));
    }
    if (!newCheckpoints.isEmpty()) {
        auto inserted = m_pg.exec(
            "INSERT INTO pos.audit_checkpoints (company_id, store_id, register_id, row_count, "
            "head_hash, at, reason, signature, witness_signature, witnessed_at) SELECT $1::uuid, "
            "$2::uuid, $3::uuid, c.row_count, decode(c.head_hash, 'hex'), c.at, c.reason, "
            "decode(c.signature, 'hex'), decode(c.witness_signature, 'hex'), $5 FROM "
            "json_to_recordset($4::json) AS c(row_count bigint, head_hash text, at text, "
            "reason text, signature text, witness_signature text)",
            {company, store, reg, json(newCheckpoints), m_witnessedAt.toUtf8()});
        if (!inserted)
            return std::unexpected(unavailable("storing checkpoints"));
    }
    if (out.rowCount > held) {
        auto moved = m_pg.exec(
            "INSERT INTO pos.audit_heads (company_id, store_id, register_id, row_count, "
            "head_hash) VALUES ($1::uuid, $2::uuid, $3::uuid, $4::bigint, decode($5, 'hex')) "
            "ON CONFLICT (register_id) DO UPDATE SET row_count = excluded.row_count, "
            "head_hash = excluded.head_hash",
            {company, store, reg, QByteArray::number(out.rowCount), out.headHash.toHex()});
        if (!moved)
            return std::unexpected(unavailable("moving the audit head"));
    }
    return out;
}

} // namespace pos::server
