#include "audit/AuditFormat.h"

#include "crypto/Ed25519.h"

#include <QDateTime>
#include <QtEndian>

namespace pos::auditformat {

namespace {

void putU32(QByteArray& out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

void putU64(QByteArray& out, quint64 v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

void putField(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    putU32(out, static_cast<quint32>(utf8.size()));
    out.append(utf8);
}

void putTag(QByteArray& out, const char* tag)
{
    out.append(tag);
    out.append('\0');
}

} // namespace

QByteArray genesisPrevHash(const QString& registerId)
{
    QByteArray in;
    putTag(in, "POS-AUDIT-GENESIS-v1");
    in.append(registerId.toUtf8());
    return sha256(in);
}

QByteArray rowHash(const AuditRow& row)
{
    QByteArray in;
    in.reserve(256 + row.before.size() + row.after.size());
    putTag(in, "POS-AUDIT-ROW-v1");
    in.append(row.prevHash);
    putU64(in, static_cast<quint64>(row.seq));
    for (const QString* f : {&row.at, &row.registerId, &row.actor, &row.approver, &row.action,
                             &row.entity, &row.before, &row.after, &row.appVersion, &row.host})
        putField(in, *f);
    return sha256(in);
}

QByteArray signedMessage(const QByteArray& hash)
{
    QByteArray in;
    putTag(in, "POS-AUDIT-SIG-v1");
    in.append(hash);
    return in;
}

QByteArray checkpointMessage(const AuditCheckpoint& c)
{
    QByteArray in;
    putTag(in, "POS-AUDIT-CHECKPOINT-v1");
    putField(in, c.registerId);
    putU64(in, static_cast<quint64>(c.count));
    in.append(c.headHash);
    putField(in, c.at);
    putField(in, c.reason);
    return in;
}

QString timestamp(const QDateTime& utc)
{
    return utc.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace pos::auditformat
