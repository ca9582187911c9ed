#include "audit/AuditBundleReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace pos {

namespace {

constexpr double MaxWhole = 9007199254740992.0; // 2^53

QString missing(const char* key, const char* what)
{
    return QStringLiteral("the field \"%1\" is missing or is not %2")
        .arg(QLatin1String(key), QLatin1String(what));
}

bool takeText(const QJsonObject& o, const char* key, QString& out, QString& problem)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString()) {
        problem = missing(key, "text");
        return false;
    }
    out = v.toString();
    return true;
}

bool takeWhole(const QJsonObject& o, const char* key, qint64 minimum, qint64& out, QString& problem)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != static_cast<double>(static_cast<qint64>(d)) || d > MaxWhole ||
        d < static_cast<double>(minimum)) {
        problem = missing(key, minimum > 0 ? "a whole number above 0" : "a whole number");
        return false;
    }
    out = static_cast<qint64>(d);
    return true;
}

bool isHex(QStringView s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
    });
}

bool takeHex(const QJsonObject& o, const char* key, qsizetype bytes, QByteArray& out,
             QString& problem)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const QString s = v.toString();
    if (!v.isString() || s.size() != bytes * 2 || !isHex(s)) {
        problem = QStringLiteral("the field \"%1\" is missing or is not %2 bytes in hex")
                      .arg(QLatin1String(key))
                      .arg(bytes);
        return false;
    }
    out = QByteArray::fromHex(s.toLatin1());
    return true;
}

bool parseRow(const QJsonObject& o, AuditRow& r, QString& problem)
{
    return takeWhole(o, "seq", 0, r.seq, problem) && takeText(o, "at", r.at, problem) &&
           takeText(o, "register_id", r.registerId, problem) &&
           takeText(o, "actor", r.actor, problem) && takeText(o, "approver", r.approver, problem) &&
           takeText(o, "action", r.action, problem) && takeText(o, "entity", r.entity, problem) &&
           takeText(o, "before", r.before, problem) && takeText(o, "after", r.after, problem) &&
           takeText(o, "app_version", r.appVersion, problem) &&
           takeText(o, "host", r.host, problem) &&
           takeHex(o, "prev_hash", 32, r.prevHash, problem) &&
           takeHex(o, "hash", 32, r.hash, problem) &&
           takeHex(o, "signature", 64, r.signature, problem);
}

bool parseCheckpoint(const QJsonObject& o, AuditCheckpoint& c, QString& problem)
{
    return takeText(o, "register_id", c.registerId, problem) &&
           takeWhole(o, "row_count", 1, c.count, problem) &&
           takeHex(o, "head_hash", 32, c.headHash, problem) && takeText(o, "at", c.at, problem) &&
           takeText(o, "reason", c.reason, problem) &&
           takeHex(o, "signature", 64, c.signature, problem);
}

} // namespace

Status AuditBundleReader::open(const QString& path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::Io,
            QStringLiteral("cannot read the audit bundle %1: %2").arg(path, m_file.errorString()));
    QByteArray line;
    qint64 number = 0;
    const Next n = next(line, number);
    const auto notABundle = [&](const QString& why) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is not an audit bundle: %2").arg(path, why));
    };
    if (n == Next::End)
        return m_error.isEmpty() ? notABundle(QStringLiteral("the file is empty"))
                                 : fail(ErrorCode::Io, m_error);
    if (n == Next::Oversize)
        return notABundle(QStringLiteral("its first line is far too long for a header"));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    const QJsonObject o = doc.object();
    if (err.error != QJsonParseError::NoError || !doc.isObject() ||
        o.value(QLatin1String("format")).toString() != QLatin1String("pos-audit-bundle"))
        return notABundle(QStringLiteral("line %1 is not a bundle header").arg(number));
    if (o.value(QLatin1String("version")).toInt(-1) != 1)
        return notABundle(QStringLiteral("line %1 names a bundle version other than 1, which this "
                                         "program does not know")
                              .arg(number));
    m_header.exportedAt = o.value(QLatin1String("exported_at")).toString();
    m_header.exportedBy = o.value(QLatin1String("exported_by")).toString();
    const QJsonValue registers = o.value(QLatin1String("registers"));
    if (!registers.isArray() || registers.toArray().isEmpty())
        return notABundle(QStringLiteral("its header lists no registers"));
    QSet<QString> seen;
    for (const QJsonValue& v : registers.toArray()) {
        const QJsonObject r = v.toObject();
        Register reg;
        reg.registerId = r.value(QLatin1String("register_id")).toString();
        if (reg.registerId.isEmpty())
            return notABundle(QStringLiteral("its header lists a register without an id"));
        if (seen.contains(reg.registerId))
            return notABundle(
                QStringLiteral("its header lists register %1 twice").arg(reg.registerId));
        seen.insert(reg.registerId);
        const auto key = QByteArray::fromBase64Encoding(
            r.value(QLatin1String("public_key")).toString().toLatin1(),
            QByteArray::AbortOnBase64DecodingErrors);
        if (key && key.decoded.size() == 32)
            reg.publicKey = *key;
        else
            reg.problem = QStringLiteral("the header does not give this register's public key as "
                                         "32 bytes of base64 (line %1)")
                              .arg(number);
        m_header.registers.append(reg);
    }
    return {};
}

AuditBundleReader::Next AuditBundleReader::next(QByteArray& line, qint64& lineNumber)
{
    for (;;) {
        if (m_file.atEnd())
            return Next::End;
        line = m_file.readLine(MaxLineBytes + 2);
        if (line.isEmpty() && !m_file.atEnd()) {
            m_error =
                QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString());
            return Next::End;
        }
        lineNumber = ++m_line;
        if (!line.endsWith('\n') && !m_file.atEnd()) {
            // Longer than any bundle line: skip the rest of it without holding it.
            QByteArray rest;
            do
                rest = m_file.readLine(64 * 1024);
            while (!rest.isEmpty() && !rest.endsWith('\n'));
            line.clear();
            return Next::Oversize;
        }
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.size() > MaxLineBytes) {
            line.clear();
            return Next::Oversize;
        }
        if (!line.isEmpty())
            return Next::Line;
    }
}

void AuditBundleReader::parseLine(AuditItem& item)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(item.raw, &err);
    item.raw.clear();
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        item.kind = AuditItem::Kind::Unreadable;
        item.problem = QStringLiteral("it is not a JSON object (%1)").arg(err.errorString());
        return;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(QLatin1String("type")).toString();
    QString problem;
    if (type == QLatin1String("row")) {
        if (parseRow(o, item.row, problem)) {
            item.kind = AuditItem::Kind::Row;
            return;
        }
    } else if (type == QLatin1String("checkpoint")) {
        if (parseCheckpoint(o, item.checkpoint, problem)) {
            item.kind = AuditItem::Kind::Checkpoint;
            return;
        }
    } else {
        problem = QStringLiteral("it is neither a row nor a checkpoint");
    }
    item.kind = AuditItem::Kind::Unreadable;
    item.problem = problem;
    // Say whose line it was when that much can be read.
    item.row.registerId = o.value(QLatin1String("register_id")).toString();
    item.row.seq = o.value(QLatin1String("seq")).toInteger(-1);
}

} // namespace pos
