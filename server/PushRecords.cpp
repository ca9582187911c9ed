#include "PushRecords.h"

#include "JsonFieldReader.h"
#include "sync/AuditWire.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

// Strict parsing of POST /v1/push (docs/sync.md). Storing is in PushRecordsStore.cpp.

namespace pos::server {

namespace {

constexpr qint64 MaxMinor = 1'000'000'000'000'000; // 10^15 minor units: no sum can overflow
constexpr qint64 MaxMilli = 1'000'000'000;         // a million units, as core's Quantity
constexpr qint64 MaxSmall = 1'000'000;             // line numbers, tender seqs
constexpr qint64 MaxWhole = MaxJsonWhole;
constexpr qsizetype ShortText = 64;  // codes, kinds, currencies
constexpr qsizetype NameText = 200;  // names, SKUs, references, keys
constexpr qsizetype LongText = 1000; // reasons, subjects, notes

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

void parseSale(JsonFieldReader& r, const QJsonObject& d)
{
    r.only(d, {"register_id", "receipt_no", "shift_id", "cashier_id", "cashier", "currency",
               "subtotal_minor", "discount_minor", "tax_minor", "total_minor", "paid_minor",
               "change_minor", "started_at", "completed_at", "lines", "tenders"});
    r.uuid(d, "register_id");
    r.integer(d, "receipt_no", 1, MaxWhole);
    r.uuid(d, "shift_id", true);
    r.uuid(d, "cashier_id", true);
    r.text(d, "cashier", NameText);
    r.currency(d, "currency");
    for (const char* money : {"subtotal_minor", "discount_minor", "tax_minor", "total_minor",
                              "paid_minor", "change_minor"})
        r.integer(d, money, 0, MaxMinor);
    r.time(d, "started_at");
    r.time(d, "completed_at");
    r.entries(
        d, "lines", MaxLinesPerRecord, "line_no", [](JsonFieldReader& l, const QJsonObject& line) {
            l.only(line, {"line_no", "product_sku", "name", "qty_milli", "unit_price_minor",
                          "line_discount_minor", "order_discount_minor", "net_minor", "tax_minor",
                          "total_minor", "tax_code", "tax_rate_ppm", "tax_inclusive"});
            l.integer(line, "line_no", 0, MaxSmall);
            l.text(line, "product_sku", NameText);
            l.text(line, "name", NameText);
            l.integer(line, "qty_milli", 1, MaxMilli);
            for (const char* money :
                 {"unit_price_minor", "line_discount_minor", "order_discount_minor", "net_minor",
                  "tax_minor", "total_minor"})
                l.integer(line, money, 0, MaxMinor);
            l.text(line, "tax_code", ShortText);
            l.integer(line, "tax_rate_ppm", 0, 1'000'000);
            l.boolean(line, "tax_inclusive");
        });
    r.entries(d, "tenders", MaxLinesPerRecord, "seq",
              [](JsonFieldReader& t, const QJsonObject& tender) {
                  t.only(tender, {"seq", "kind", "amount_minor", "tendered_minor", "reference",
                                  "idempotency_key"});
                  t.integer(tender, "seq", 0, MaxSmall);
                  t.oneOf(tender, "kind", {"cash", "card"});
                  const qint64 amount = t.integer(tender, "amount_minor", 1, MaxMinor);
                  t.integer(tender, "tendered_minor", amount, MaxMinor);
                  t.text(tender, "reference", NameText, true);
                  t.text(tender, "idempotency_key", NameText, false, true);
              });
}

void parseRefund(JsonFieldReader& r, const QJsonObject& d)
{
    r.only(d, {"register_id", "shift_id", "original_sale_id", "actor_id", "approval_id", "reason",
               "currency", "total_minor", "tax_minor", "created_at", "lines", "tenders"});
    r.uuid(d, "register_id");
    r.uuid(d, "shift_id", true);
    r.uuid(d, "original_sale_id", true);
    r.uuid(d, "actor_id");
    r.uuid(d, "approval_id", true);
    r.text(d, "reason", LongText);
    r.currency(d, "currency");
    r.integer(d, "total_minor", 1, MaxMinor);
    r.integer(d, "tax_minor", 0, MaxMinor);
    r.time(d, "created_at");
    r.entries(d, "lines", MaxLinesPerRecord, "line_no",
              [](JsonFieldReader& l, const QJsonObject& line) {
                  l.only(line, {"line_no", "original_line_no", "product_sku", "name", "qty_milli",
                                "amount_minor", "tax_minor"});
                  l.integer(line, "line_no", 0, MaxSmall);
                  l.integer(line, "original_line_no", 0, MaxSmall, true);
                  l.text(line, "product_sku", NameText);
                  l.text(line, "name", NameText);
                  l.integer(line, "qty_milli", 1, MaxMilli);
                  l.integer(line, "amount_minor", 1, MaxMinor);
                  l.integer(line, "tax_minor", 0, MaxMinor);
              });
    r.entries(
        d, "tenders", MaxLinesPerRecord, "seq", [](JsonFieldReader& t, const QJsonObject& tender) {
            t.only(tender,
                   {"seq", "kind", "amount_minor", "original_seq", "reference", "idempotency_key"});
            t.integer(tender, "seq", 0, MaxSmall);
            t.oneOf(tender, "kind", {"cash", "card"});
            t.integer(tender, "amount_minor", 1, MaxMinor);
            t.integer(tender, "original_seq", 0, MaxSmall, true);
            t.text(tender, "reference", NameText, true);
            t.text(tender, "idempotency_key", NameText, false, true);
        });
}

void parseShift(JsonFieldReader& r, const QJsonObject& d)
{
    r.only(d, {"register_id", "opened_by", "opened_at", "float_minor", "closed_by", "closed_at",
               "counted_minor", "expected_minor"});
    r.uuid(d, "register_id");
    r.text(d, "opened_by", NameText);
    r.time(d, "opened_at");
    r.integer(d, "float_minor", 0, MaxMinor);
    r.text(d, "closed_by", NameText, true);
    r.time(d, "closed_at", true);
    r.integer(d, "counted_minor", 0, MaxMinor, true);
    r.integer(d, "expected_minor", -MaxMinor, MaxMinor, true);
    if (!r.failed() && d.value(QLatin1String("closed_at")).isNull() &&
        !d.value(QLatin1String("closed_by")).isNull())
        r.problem(QStringLiteral("closed_by"), "is set on a shift that is not closed");
}

void parseApproval(JsonFieldReader& r, const QJsonObject& d)
{
    r.only(d, {"kind", "status", "requested_by", "approver_id", "register_id", "requested_at",
               "decided_at", "used_at", "detail"});
    r.oneOf(d, "kind",
            {"line_void", "sale_void", "refund", "return_no_receipt", "discount", "price_override",
             "no_sale", "cash_out"});
    r.oneOf(d, "status", {"pending", "approved", "refused", "used", "cancelled"});
    r.uuid(d, "requested_by");
    r.uuid(d, "approver_id", true);
    r.uuid(d, "register_id");
    r.time(d, "requested_at");
    r.time(d, "decided_at", true);
    r.time(d, "used_at", true);
    const QJsonObject detail = r.object(d, "detail");
    JsonFieldReader inner(r, "detail");
    inner.only(detail, {"reason", "amount_minor", "subject", "expires_at", "decision_note"});
    inner.text(detail, "reason", LongText);
    inner.integer(detail, "amount_minor", 0, MaxMinor);
    inner.text(detail, "subject", LongText);
    inner.time(detail, "expires_at");
    inner.text(detail, "decision_note", LongText, true);
    r.adopt(inner);
}

void parseCashMovement(JsonFieldReader& r, const QJsonObject& d)
{
    r.only(d, {"shift_id", "kind", "amount_minor", "reason", "actor", "approval_id", "at"});
    r.uuid(d, "shift_id");
    r.oneOf(d, "kind", {"in", "out"});
    r.integer(d, "amount_minor", 1, MaxMinor);
    r.text(d, "reason", LongText);
    r.text(d, "actor", NameText);
    r.uuid(d, "approval_id", true);
    r.time(d, "at");
}

enum class Kind { Sale, Refund, Shift, Approval, CashMovement, AuditRow, AuditCheckpoint };

std::optional<Kind> kindOf(const QString& s)
{
    static const QHash<QString, Kind> kinds{
        {QStringLiteral("sale"), Kind::Sale},
        {QStringLiteral("refund"), Kind::Refund},
        {QStringLiteral("shift"), Kind::Shift},
        {QStringLiteral("approval"), Kind::Approval},
        {QStringLiteral("cash_movement"), Kind::CashMovement},
        {QStringLiteral("audit_row"), Kind::AuditRow},
        {QStringLiteral("audit_checkpoint"), Kind::AuditCheckpoint}};
    auto it = kinds.constFind(s);
    return it == kinds.constEnd() ? std::nullopt : std::optional<Kind>(*it);
}

// The audit kinds: their own reader (core/sync/AuditWire, shared with the registers) plus the
// checks that only the push needs (no unknown field, the id, a UUID register id).
template <class T>
ApiResult<T> parseAudit(JsonFieldReader& r, const QString& at, const QJsonObject& d,
                        const QString& id, Result<T> parsed,
                        std::initializer_list<const char*> keys, qint64 number)
{
    r.only(d, keys);
    if (r.failed())
        return std::unexpected(badRequest(r.error()));
    if (!parsed)
        return std::unexpected(badRequest(r.name(parsed.error().message)));
    const QString registerId = d.value(QLatin1String("register_id")).toString();
    if (!isUuid(registerId))
        return std::unexpected(
            badRequest(r.name(QStringLiteral("register_id is not a UUID (lower-case)"))));
    if (id != registerId + u':' + QString::number(number))
        return std::unexpected(
            badRequest(at + QStringLiteral(".id is not <register_id>:<number>")));
    return std::move(*parsed);
}

} // namespace

ApiResult<PushBatch> parsePushBatch(const QByteArray& body, const QString& registerId)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(badRequest(QStringLiteral("the body is not a JSON object")));
    const QJsonObject top = doc.object();
    JsonFieldReader r{QString()};
    r.only(top, {"batch_id", "audit_head", "records"});
    PushBatch batch;
    batch.batchId = r.uuid(top, "batch_id");
    const QJsonObject head = r.object(top, "audit_head");
    JsonFieldReader h(r, "audit_head");
    h.only(head, {"row_count", "head_hash"});
    batch.headRowCount = h.integer(head, "row_count", 0, MaxWhole);
    const QString hash = h.text(head, "head_hash", 44);
    batch.headHash = QByteArray::fromBase64(hash.toLatin1());
    if (!h.failed() &&
        (batch.headHash.size() != 32 || batch.headHash.toBase64() != hash.toLatin1()))
        h.problem(QStringLiteral("head_hash"), "is not 32 bytes in base64");
    r.adopt(h);
    const QJsonArray records = r.array(top, "records", MaxRecordsPerBatch);
    if (r.failed())
        return std::unexpected(badRequest(r.error()));

    const QString self = registerId.toLower();
    QHash<QString, std::pair<qsizetype, QJsonObject>> seen; // kind:id -> first index, data
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QString at = QStringLiteral("records[%1]").arg(i);
        if (!records.at(i).isObject())
            return std::unexpected(badRequest(at + QStringLiteral(" is not an object")));
        const QJsonObject record = records.at(i).toObject();
        JsonFieldReader rec(at);
        rec.only(record, {"kind", "id", "data"});
        const QString kindText = rec.text(record, "kind", ShortText);
        const QString id = rec.text(record, "id", 80);
        const QJsonObject data = rec.object(record, "data");
        if (rec.failed())
            return std::unexpected(badRequest(rec.error()));
        const auto kind = kindOf(kindText);
        if (!kind)
            return std::unexpected(badRequest(at + QStringLiteral(".kind is not a known kind")));
        const bool audit = *kind == Kind::AuditRow || *kind == Kind::AuditCheckpoint;
        if (!audit && !isUuid(id))
            return std::unexpected(
                badRequest(at + QStringLiteral(".id is not a UUID (lower-case, 36 characters)")));

        JsonFieldReader d(at + QStringLiteral(".data"));
        std::optional<AuditRow> row;
        std::optional<AuditCheckpoint> checkpoint;
        switch (*kind) {
        case Kind::Sale:
            parseSale(d, data);
            break;
        case Kind::Refund:
            parseRefund(d, data);
            break;
        case Kind::Shift:
            parseShift(d, data);
            break;
        case Kind::Approval:
            parseApproval(d, data);
            break;
        case Kind::CashMovement:
            parseCashMovement(d, data);
            break;
        case Kind::AuditRow: {
            auto parsed = parseAudit(d, at, data, id, syncprotocol::auditRowFromJson(data),
                                     {"seq", "at", "register_id", "actor", "approver", "action",
                                      "entity", "before", "after", "app_version", "host",
                                      "prev_hash", "hash", "signature"},
                                     data.value(QLatin1String("seq")).toInteger());
            if (!parsed)
                return std::unexpected(parsed.error());
            row = std::move(*parsed);
            break;
        }
        case Kind::AuditCheckpoint: {
            auto parsed =
                parseAudit(d, at, data, id, syncprotocol::auditCheckpointFromJson(data),
                           {"register_id", "row_count", "head_hash", "at", "reason", "signature"},
                           data.value(QLatin1String("row_count")).toInteger());
            if (!parsed)
                return std::unexpected(parsed.error());
            checkpoint = std::move(*parsed);
            break;
        }
        }
        if (d.failed())
            return std::unexpected(badRequest(d.error()));
        // ISO-3: a register pushes only its own records (cash movements belong to the shift's
        // register and carry no register id of their own).
        const QJsonValue owner = data.value(QLatin1String("register_id"));
        if (!owner.isUndefined() && owner.toString() != self)
            return std::unexpected(apiError(
                403, QStringLiteral("forbidden"),
                at + QStringLiteral(" belongs to another register; a register pushes only its "
                                    "own records")));

        // A record repeated inside the batch is kept once; the same id with other content is a
        // mistake of the sender.
        const QString key = kindText + u'/' + id;
        if (auto it = seen.constFind(key); it != seen.constEnd()) {
            if (it->second != data)
                return std::unexpected(badRequest(
                    at + QStringLiteral(" repeats the id of records[%1] with other content")
                             .arg(it->first)));
            ++batch.repeated;
            continue;
        }
        seen.insert(key, {i, data});
        const QJsonObject entry{{QStringLiteral("id"), id}, {QStringLiteral("data"), data}};
        switch (*kind) {
        case Kind::Sale:
            batch.sales.append(entry);
            break;
        case Kind::Refund:
            batch.refunds.append(entry);
            break;
        case Kind::Shift:
            batch.shifts.append(entry);
            break;
        case Kind::Approval:
            batch.approvals.append(entry);
            break;
        case Kind::CashMovement:
            batch.cashMovements.append(entry);
            break;
        case Kind::AuditRow:
            batch.auditRows.push_back(std::move(*row));
            break;
        case Kind::AuditCheckpoint:
            batch.checkpoints.push_back(std::move(*checkpoint));
            break;
        }
    }
    std::sort(batch.auditRows.begin(), batch.auditRows.end(),
              [](const AuditRow& a, const AuditRow& b) { return a.seq < b.seq; });
    return batch;
}

} // namespace pos::server
