#include "PushRecords.h"

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
constexpr qint64 MaxWhole = qint64(1) << 53;       // exact in every JSON reader
constexpr qsizetype ShortText = 64;                // codes, kinds, currencies
constexpr qsizetype NameText = 200;                // names, SKUs, references, keys
constexpr qsizetype LongText = 1000;               // reasons, subjects, notes

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

// Lower-case UUID text, 36 characters (as the registers and PostgreSQL write them).
bool isUuid(QStringView s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != u'-' : !isHex(s[i]))
            return false;
    }
    return true;
}

// `count` ASCII digits at `at`, their value within [low, high].
bool digits(QStringView s, qsizetype at, qsizetype count, int low, int high)
{
    int v = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        if (!s[i].isDigit() || s[i].unicode() > 127)
            return false;
        v = v * 10 + (s[i].unicode() - u'0');
    }
    return v >= low && v <= high;
}

// "2026-11-21T10:15:30.123Z": UTC, seconds, an optional fraction of 1 to 6 digits. (A day the
// month does not have is left to PostgreSQL, which refuses it: 400.)
bool isUtcTime(QStringView s)
{
    if (s.size() < 20 || s.size() > 27 || s.back() != u'Z')
        return false;
    if (s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':')
        return false;
    if (!digits(s, 0, 4, 1970, 9999) || !digits(s, 5, 2, 1, 12) || !digits(s, 8, 2, 1, 31) ||
        !digits(s, 11, 2, 0, 23) || !digits(s, 14, 2, 0, 59) || !digits(s, 17, 2, 0, 59))
        return false;
    if (s.size() == 20)
        return true;
    return s[19] == u'.' && s.size() >= 22 && digits(s, 20, s.size() - 21, 0, 999999);
}

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

// Reads fields of one JSON object under a path ("records[3].data.lines[0]"); the first problem
// is kept and every later read returns a harmless default, so a parser reads straight through
// and checks failed() once. The path is only spelled out for a problem.
class Reader {
public:
    explicit Reader(QString path) : m_path(std::move(path)) {}
    // The object at parent's `field` (and `[index]` of it when index >= 0).
    Reader(const Reader& parent, const char* field, qsizetype index = -1)
        : m_parent(&parent), m_field(field), m_index(index)
    {}

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    void adopt(const Reader& child)
    {
        if (!failed() && child.failed())
            m_error = child.m_error;
    }
    void problem(const QString& field, const char* what)
    {
        if (!failed())
            m_error = name(field) + u' ' + QLatin1String(what);
    }
    QString path() const
    {
        if (!m_parent)
            return m_path;
        QString here = m_parent->name(QLatin1String(m_field));
        if (m_index >= 0)
            here += u'[' + QString::number(m_index) + u']';
        return here;
    }
    QString name(const QString& field) const
    {
        const QString base = path();
        return base.isEmpty() ? field : base + u'.' + field;
    }

    // Refuses keys not in `keys` (a field the server would silently drop is a mistake).
    void only(const QJsonObject& o, std::initializer_list<const char*> keys)
    {
        // Every listed key is required (nullable ones as null), so a well-formed object has no
        // more keys than the list; a missing one is reported by its read.
        if (o.size() <= qsizetype(keys.size()))
            return;
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char* k : keys)
                known = known || it.key() == QLatin1String(k);
            if (!known) {
                problem(it.key().left(40), "is not a known field");
                return;
            }
        }
    }

    // Present and not null; null is allowed only where `nullable`.
    std::optional<QJsonValue> value(const QJsonObject& o, const char* field, bool nullable)
    {
        const QJsonValue v = o.value(QLatin1String(field));
        if (v.isUndefined()) {
            problem(QLatin1String(field), "is missing");
            return std::nullopt;
        }
        if (v.isNull()) {
            if (!nullable)
                problem(QLatin1String(field), "must not be null");
            return std::nullopt;
        }
        return v;
    }

    QString text(const QJsonObject& o, const char* field, qsizetype maxLength,
                 bool nullable = false, bool nonEmpty = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return {};
        if (!v->isString()) {
            problem(QLatin1String(field), "is not a string");
            return {};
        }
        QString s = v->toString();
        if (s.size() > maxLength)
            problem(QLatin1String(field), "is too long");
        else if (s.contains(QChar(u'\0')))
            problem(QLatin1String(field), "holds a NUL character");
        else if (nonEmpty && s.isEmpty())
            problem(QLatin1String(field), "is empty");
        return s;
    }

    QString uuid(const QJsonObject& o, const char* field, bool nullable = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return {};
        QString s = v->toString();
        if (!v->isString() || !isUuid(s))
            problem(QLatin1String(field), "is not a UUID (lower-case, 36 characters)");
        return s;
    }

    QString time(const QJsonObject& o, const char* field, bool nullable = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return {};
        QString s = v->toString();
        if (!v->isString() || !isUtcTime(s))
            problem(QLatin1String(field), "is not a UTC time like 2026-11-21T10:15:30.123Z");
        return s;
    }

    qint64 integer(const QJsonObject& o, const char* field, qint64 minimum, qint64 maximum,
                   bool nullable = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return 0;
        if (!v->isDouble()) {
            problem(QLatin1String(field), "is not a number");
            return 0;
        }
        const qint64 a = v->toInteger(-1);
        if (a != v->toInteger(-2) || std::abs(v->toDouble()) > double(MaxWhole)) {
            problem(QLatin1String(field), "is not a whole number in range");
            return 0;
        }
        if (a < minimum)
            problem(QLatin1String(field), minimum == 0 ? "is negative" : "is too small");
        else if (a > maximum)
            problem(QLatin1String(field), "is too large");
        return a;
    }

    void boolean(const QJsonObject& o, const char* field)
    {
        auto v = value(o, field, false);
        if (v && !v->isBool())
            problem(QLatin1String(field), "is not true or false");
    }

    void oneOf(const QJsonObject& o, const char* field, std::initializer_list<const char*> allowed)
    {
        const QString s = text(o, field, ShortText);
        if (failed())
            return;
        for (const char* a : allowed) {
            if (s == QLatin1String(a))
                return;
        }
        problem(QLatin1String(field), "has a value that is not allowed");
    }

    void currency(const QJsonObject& o, const char* field)
    {
        const QString s = text(o, field, 3);
        const bool letters = s.size() == 3 && std::all_of(s.begin(), s.end(), [](QChar c) {
                                 return c >= u'A' && c <= u'Z';
                             });
        if (!failed() && !letters)
            problem(QLatin1String(field), "is not a currency code like EUR");
    }

    QJsonObject object(const QJsonObject& o, const char* field)
    {
        auto v = value(o, field, false);
        if (v && !v->isObject())
            problem(QLatin1String(field), "is not an object");
        return v ? v->toObject() : QJsonObject();
    }

    QJsonArray array(const QJsonObject& o, const char* field, qsizetype maxSize)
    {
        auto v = value(o, field, false);
        if (!v)
            return {};
        if (!v->isArray()) {
            problem(QLatin1String(field), "is not an array");
            return {};
        }
        QJsonArray a = v->toArray();
        if (a.size() > maxSize)
            problem(QLatin1String(field), "has too many entries");
        return a;
    }

    // Each entry of `field` as an object, with a reader under "field[i]"; `unique` names an
    // integer field that must not repeat.
    template <class F>
    void entries(const QJsonObject& o, const char* field, const char* unique, F&& each)
    {
        const QJsonArray a = array(o, field, MaxLinesPerRecord);
        std::vector<qint64> seen;
        seen.reserve(std::size_t(a.size()));
        for (qsizetype i = 0; i < a.size() && !failed(); ++i) {
            Reader r(*this, field, i);
            if (!a.at(i).isObject()) {
                problem(QLatin1String(field) + u'[' + QString::number(i) + u']',
                        "is not an object");
                return;
            }
            const QJsonObject entry = a.at(i).toObject();
            each(r, entry);
            if (!r.failed()) {
                const qint64 key = entry.value(QLatin1String(unique)).toInteger();
                if (std::find(seen.begin(), seen.end(), key) != seen.end())
                    r.problem(QLatin1String(unique), "repeats an earlier entry's");
                seen.push_back(key);
            }
            adopt(r);
        }
    }

private:
    QString m_path;
    const Reader* m_parent = nullptr;
    const char* m_field = nullptr;
    qsizetype m_index = -1;
    QString m_error;
};

void parseSale(Reader& r, const QJsonObject& d)
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
    r.entries(d, "lines", "line_no", [](Reader& l, const QJsonObject& line) {
        l.only(line, {"line_no", "product_sku", "name", "qty_milli", "unit_price_minor",
                      "line_discount_minor", "order_discount_minor", "net_minor", "tax_minor",
                      "total_minor", "tax_code", "tax_rate_ppm", "tax_inclusive"});
        l.integer(line, "line_no", 0, MaxSmall);
        l.text(line, "product_sku", NameText);
        l.text(line, "name", NameText);
        l.integer(line, "qty_milli", 1, MaxMilli);
        for (const char* money : {"unit_price_minor", "line_discount_minor", "order_discount_minor",
                                  "net_minor", "tax_minor", "total_minor"})
            l.integer(line, money, 0, MaxMinor);
        l.text(line, "tax_code", ShortText);
        l.integer(line, "tax_rate_ppm", 0, 1'000'000);
        l.boolean(line, "tax_inclusive");
    });
    r.entries(d, "tenders", "seq", [](Reader& t, const QJsonObject& tender) {
        t.only(tender,
               {"seq", "kind", "amount_minor", "tendered_minor", "reference", "idempotency_key"});
        t.integer(tender, "seq", 0, MaxSmall);
        t.oneOf(tender, "kind", {"cash", "card"});
        const qint64 amount = t.integer(tender, "amount_minor", 1, MaxMinor);
        t.integer(tender, "tendered_minor", amount, MaxMinor);
        t.text(tender, "reference", NameText, true);
        t.text(tender, "idempotency_key", NameText, false, true);
    });
}

void parseRefund(Reader& r, const QJsonObject& d)
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
    r.entries(d, "lines", "line_no", [](Reader& l, const QJsonObject& line) {
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
    r.entries(d, "tenders", "seq", [](Reader& t, const QJsonObject& tender) {
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

void parseShift(Reader& r, const QJsonObject& d)
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

void parseApproval(Reader& r, const QJsonObject& d)
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
    Reader inner(r, "detail");
    inner.only(detail, {"reason", "amount_minor", "subject", "expires_at", "decision_note"});
    inner.text(detail, "reason", LongText);
    inner.integer(detail, "amount_minor", 0, MaxMinor);
    inner.text(detail, "subject", LongText);
    inner.time(detail, "expires_at");
    inner.text(detail, "decision_note", LongText, true);
    r.adopt(inner);
}

void parseCashMovement(Reader& r, const QJsonObject& d)
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
ApiResult<T> parseAudit(Reader& r, const QString& at, const QJsonObject& d, const QString& id,
                        Result<T> parsed, std::initializer_list<const char*> keys, qint64 number)
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
    Reader r{QString()};
    r.only(top, {"batch_id", "audit_head", "records"});
    PushBatch batch;
    batch.batchId = r.uuid(top, "batch_id");
    const QJsonObject head = r.object(top, "audit_head");
    Reader h(r, "audit_head");
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
        Reader rec(at);
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

        Reader d(at + QStringLiteral(".data"));
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
