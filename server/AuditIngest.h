#pragma once

#include "ApiResponse.h"
#include "PgConnection.h"
#include "PushRecords.h"
#include "crypto/Ed25519.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

namespace pos::server {

struct AuditIngestResult {
    qint64 stored = 0;     // new rows and checkpoints
    qint64 duplicates = 0; // rows and checkpoints the server already held, identical
    qint64 rowCount = 0;   // the server's head after this batch
    QByteArray headHash;
    QJsonArray witness; // {"register_id","row_count","head_hash","witnessed_at","signature"}
};

// The server's side of a register's audit chain in a push (AUD-3, docs/sync.md): rows below the
// server's head must be byte-equal to the stored ones (else 409 fork); the next rows must link
// to the head, hash to their fields (auditformat::rowHash) and be signed by the register's
// enrolled key, the genesis naming this register and that key; a gap is 400; an audit_head with
// fewer rows than the server holds is 409 rollback. Checkpoints must be signed by the register,
// lie within the chain and match its row hash; each is countersigned with the witness key. The
// rows, checkpoints and the new head are written in the caller's transaction (tenant set).
class AuditIngest {
public:
    AuditIngest(PgConnection& pg, const Ed25519Signer& witness, QString witnessedAt);
    ApiResult<AuditIngestResult> ingest(const RequestContext& who, const PushBatch& batch);

private:
    PgConnection& m_pg;
    const Ed25519Signer& m_witness;
    QString m_witnessedAt;
};

} // namespace pos::server
