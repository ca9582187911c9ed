#include "sync/AuditWire.h"

#include <QJsonValue>

#include <tuple>
#include <utility>

namespace pos::syncprotocol {

namespace {

constexpr qint64 MaxWholeNumber = qint64(1) << 53;

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

std::unexpected<Error> bad(const QString& field, const char* what)
{
    return fail(ErrorCode::InvalidInput, field + u' ' + QLatin1String(what));
}

Result<QString> text(const QJsonObject& o, const QString& field, qsizetype maxLength)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined())
        return bad(field, "is missing");
    if (!v.isString())
        return bad(field, "is not a string");
    QString s = v.toString();
    if (s.size() > maxLength)
        return bad(field, "is too long");
    if (s.contains(QChar(u'\0')))
        return bad(field, "holds a NUL character");
    return s;
}

Result<qint64> whole(const QJsonObject& o, const QString& field, qint64 minimum)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined())
        return bad(field, "is missing");
    if (!v.isDouble())
        return bad(field, "is not a number");
    const qint64 a = v.toInteger(-1);
    const qint64 b = v.toInteger(-2);
    if (a != b)
        return bad(field, "is not a whole number");
    if (a < minimum || a > MaxWholeNumber)
        return bad(field, "is out of range");
    return a;
}

Result<QByteArray> binary(const QJsonObject& o, const QString& field, qsizetype size)
{
    auto s = text(o, field, 4 * size);
    if (!s)
        return std::unexpected(s.error());
    const QByteArray encoded = s->toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    // Exactly the standard encoding with padding: one text per value.
    if (!decoded || decoded.decoded.size() != size || decoded.decoded.toBase64() != encoded)
        return bad(field, size == 32 ? "is not 32 bytes in base64" : "is not 64 bytes in base64");
    return *decoded;
}

} // namespace

QString auditRowId(const QString& registerId, qint64 seq)
{
    return registerId + u':' + QString::number(seq);
}

QString auditCheckpointId(const QString& registerId, qint64 rowCount)
{
    return registerId + u':' + QString::number(rowCount);
}

QJsonObject auditRowToJson(const AuditRow& row)
{
    return QJsonObject{{QStringLiteral("seq"), row.seq},
                       {QStringLiteral("at"), row.at},
                       {QStringLiteral("register_id"), row.registerId},
                       {QStringLiteral("actor"), row.actor},
                       {QStringLiteral("approver"), row.approver},
                       {QStringLiteral("action"), row.action},
                       {QStringLiteral("entity"), row.entity},
                       {QStringLiteral("before"), row.before},
                       {QStringLiteral("after"), row.after},
                       {QStringLiteral("app_version"), row.appVersion},
                       {QStringLiteral("host"), row.host},
                       {QStringLiteral("prev_hash"), b64(row.prevHash)},
                       {QStringLiteral("hash"), b64(row.hash)},
                       {QStringLiteral("signature"), b64(row.signature)}};
}

QJsonObject auditCheckpointToJson(const AuditCheckpoint& c)
{
    return QJsonObject{{QStringLiteral("register_id"), c.registerId},
                       {QStringLiteral("row_count"), c.count},
                       {QStringLiteral("head_hash"), b64(c.headHash)},
                       {QStringLiteral("at"), c.at},
                       {QStringLiteral("reason"), c.reason},
                       {QStringLiteral("signature"), b64(c.signature)}};
}

Result<AuditRow> auditRowFromJson(const QJsonObject& o)
{
    AuditRow row;
    auto seq = whole(o, QStringLiteral("seq"), 0);
    if (!seq)
        return std::unexpected(seq.error());
    row.seq = *seq;
    const std::pair<const char*, QString*> texts[] = {{"at", &row.at},
                                                      {"register_id", &row.registerId},
                                                      {"actor", &row.actor},
                                                      {"approver", &row.approver},
                                                      {"action", &row.action},
                                                      {"entity", &row.entity},
                                                      {"app_version", &row.appVersion},
                                                      {"host", &row.host}};
    for (const auto& [name, target] : texts) {
        auto s = text(o, QLatin1String(name), MaxAuditTextLength);
        if (!s)
            return std::unexpected(s.error());
        *target = std::move(*s);
    }
    for (const auto& [name, target] :
         {std::pair{"before", &row.before}, std::pair{"after", &row.after}}) {
        auto s = text(o, QLatin1String(name), MaxAuditJsonLength);
        if (!s)
            return std::unexpected(s.error());
        *target = std::move(*s);
    }
    const std::tuple<const char*, QByteArray*, qsizetype> blobs[] = {
        {"prev_hash", &row.prevHash, 32},
        {"hash", &row.hash, 32},
        {"signature", &row.signature, 64}};
    for (const auto& [name, target, size] : blobs) {
        auto b = binary(o, QLatin1String(name), size);
        if (!b)
            return std::unexpected(b.error());
        *target = std::move(*b);
    }
    return row;
}

Result<AuditCheckpoint> auditCheckpointFromJson(const QJsonObject& o)
{
    AuditCheckpoint c;
    auto count = whole(o, QStringLiteral("row_count"), 1);
    if (!count)
        return std::unexpected(count.error());
    c.count = *count;
    const std::pair<const char*, QString*> texts[] = {
        {"register_id", &c.registerId}, {"at", &c.at}, {"reason", &c.reason}};
    for (const auto& [name, target] : texts) {
        auto s = text(o, QLatin1String(name), MaxAuditTextLength);
        if (!s)
            return std::unexpected(s.error());
        *target = std::move(*s);
    }
    auto head = binary(o, QStringLiteral("head_hash"), 32);
    if (!head)
        return std::unexpected(head.error());
    c.headHash = std::move(*head);
    auto signature = binary(o, QStringLiteral("signature"), 64);
    if (!signature)
        return std::unexpected(signature.error());
    c.signature = std::move(*signature);
    return c;
}

} // namespace pos::syncprotocol
