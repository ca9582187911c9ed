#include "PushRecords.h"

#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <span>

// Storing a parsed push batch (PushRecords.h): each kind goes in with one multi-row statement
// (sales: one array per column and unnest; the rarer kinds: json_array_elements +
// json_to_record), INSERT ... ON CONFLICT DO NOTHING RETURNING id, and only the records that were
// already there are read back and compared, so a first push costs a few round trips per batch
// whatever its size.

Q_LOGGING_CATEGORY(lcPush, "pos.syncd.push")

namespace pos::server {

namespace {

// Sales, their lines and tenders go in as one PostgreSQL array per column (unnest), built here
// without a JSON round trip: a thousand sales cost the database no JSON parsing at all.
enum class Type { Uuid, BigInt, Int, Text, Time, Bool };
struct Column {
    const char* name;
    Type type;
};
constexpr Column SaleColumns[] = {
    {"register_id", Type::Uuid},      {"receipt_no", Type::BigInt},
    {"shift_id", Type::Uuid},         {"cashier_id", Type::Uuid},
    {"cashier", Type::Text},          {"currency", Type::Text},
    {"subtotal_minor", Type::BigInt}, {"discount_minor", Type::BigInt},
    {"tax_minor", Type::BigInt},      {"total_minor", Type::BigInt},
    {"paid_minor", Type::BigInt},     {"change_minor", Type::BigInt},
    {"started_at", Type::Time},       {"completed_at", Type::Time}};
constexpr Column SaleLineColumns[] = {{"line_no", Type::Int},
                                      {"product_sku", Type::Text},
                                      {"name", Type::Text},
                                      {"qty_milli", Type::BigInt},
                                      {"unit_price_minor", Type::BigInt},
                                      {"line_discount_minor", Type::BigInt},
                                      {"order_discount_minor", Type::BigInt},
                                      {"net_minor", Type::BigInt},
                                      {"tax_minor", Type::BigInt},
                                      {"total_minor", Type::BigInt},
                                      {"tax_code", Type::Text},
                                      {"tax_rate_ppm", Type::Int},
                                      {"tax_inclusive", Type::Bool}};
constexpr Column SaleTenderColumns[] = {{"seq", Type::Int},
                                        {"kind", Type::Text},
                                        {"amount_minor", Type::BigInt},
                                        {"tendered_minor", Type::BigInt},
                                        {"reference", Type::Text},
                                        {"idempotency_key", Type::Text}};

const char* sqlType(Type t)
{
    switch (t) {
    case Type::Uuid:
        return "uuid";
    case Type::BigInt:
        return "bigint";
    case Type::Int:
        return "integer";
    case Type::Text:
        return "text";
    case Type::Time:
        return "timestamptz";
    case Type::Bool:
        return "boolean";
    }
    return "text";
}

// Rows of one table as PostgreSQL array literals, one per column, the first column being the
// record's own id (sales) or its parent's (lines, tenders). Values were checked by the parser
// (UUIDs, times and numbers need no quoting); text is always quoted and escaped.
class ArrayColumns {
public:
    ArrayColumns(const char* key, std::span<const Column> columns)
        : m_key(key), m_columns(columns), m_arrays(qsizetype(columns.size()) + 1, QByteArray("{"))
    {}

    void add(const QString& key, const QJsonObject& row)
    {
        const bool first = m_rows++ == 0;
        append(0, first, key.toLatin1());
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const QJsonValue v = row.value(QLatin1String(m_columns[i].name));
            const qsizetype at = qsizetype(i) + 1;
            if (v.isNull() || v.isUndefined()) {
                append(at, first, "NULL");
                continue;
            }
            switch (m_columns[i].type) {
            case Type::Uuid:
            case Type::Time:
                append(at, first, v.toString().toLatin1());
                break;
            case Type::BigInt:
            case Type::Int:
                append(at, first, QByteArray::number(v.toInteger()));
                break;
            case Type::Bool:
                append(at, first, v.toBool() ? "t" : "f");
                break;
            case Type::Text:
                append(at, first, quoted(v.toString()));
                break;
            }
        }
    }

    qsizetype rows() const { return m_rows; }
    QList<QByteArray> params() const
    {
        QList<QByteArray> out;
        for (const QByteArray& a : m_arrays)
            out.append(a + '}');
        return out;
    }
    // "unnest($3::uuid[], $4::bigint[], ...) AS alias(id, register_id, ...)"
    QByteArray unnest(int firstParam, const char* alias) const
    {
        QByteArray out = "unnest($" + QByteArray::number(firstParam) + "::uuid[]";
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            out += ", $" + QByteArray::number(firstParam + int(i) + 1) +
                   "::" + sqlType(m_columns[i].type) + "[]";
        return out + ") AS " + alias + '(' + m_key + ", " + names() + ')';
    }
    // "register_id, receipt_no, ..." with an optional prefix: "s.register_id, ..."
    QByteArray names(const QByteArray& prefix = {}) const
    {
        QByteArray out;
        for (const Column& c : m_columns) {
            if (!out.isEmpty())
                out += ", ";
            out += prefix + c.name;
        }
        return out;
    }
    int paramCount() const { return int(m_columns.size()) + 1; }

private:
    void append(qsizetype column, bool first, const QByteArray& literal)
    {
        QByteArray& a = m_arrays[column];
        if (!first)
            a += ',';
        a += literal;
    }
    static QByteArray quoted(const QString& text)
    {
        QByteArray out = "\"";
        for (char c : text.toUtf8()) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + '"';
    }

    const char* m_key;
    std::span<const Column> m_columns;
    QList<QByteArray> m_arrays;
    qsizetype m_rows = 0;
};

constexpr char RefundLineColumns[] =
    "line_no integer, product_sku text, qty_milli bigint, amount_minor bigint, tax_minor bigint";

// "a uuid, b text" -> "a, b" (with an optional prefix: "s.a, s.b").
QByteArray names(const char* columns, const QByteArray& prefix = {})
{
    QByteArray out;
    for (const QByteArray& part : QByteArray(columns).split(',')) {
        if (!out.isEmpty())
            out += ", ";
        out += prefix + part.trimmed().split(' ').first();
    }
    return out;
}

QByteArray json(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray idArray(const QStringList& ids)
{
    return '{' + ids.join(u',').toLatin1() + '}';
}

ApiResponse conflict(const QString& message)
{
    return apiError(409, QStringLiteral("conflict"), message);
}

// The ids a RETURNING id / SELECT id::text gave.
QStringList column(const PgResult& result)
{
    QStringList out;
    out.reserve(result.rows());
    for (int i = 0; i < result.rows(); ++i)
        out.append(result.text(i, 0));
    return out;
}

// The incoming records of one kind as rows: id, the data object, and its columns.
QByteArray incoming(const QByteArray& columns)
{
    return "SELECT (e.v->>'id')::uuid AS id, e.v->'data' AS data, r.* "
           "FROM json_array_elements($3::json) AS e(v), json_to_record(e.v->'data') AS r(" +
           columns + ")";
}

class RecordStore {
public:
    RecordStore(PgConnection& pg, const RequestContext& who) : m_pg(pg), m_who(who) {}

    ApiResult<RecordCounts> run(const PushBatch& batch)
    {
        if (auto s = sales(batch.sales); !s)
            return std::unexpected(s.error());
        if (auto s = refunds(batch.refunds); !s)
            return std::unexpected(s.error());
        if (auto s = bodies("cash_movement", "pos.cash_movements", batch.cashMovements); !s)
            return std::unexpected(s.error());
        if (auto s = forwardOnly("shift", batch.shifts); !s)
            return std::unexpected(s.error());
        if (auto s = forwardOnly("approval", batch.approvals); !s)
            return std::unexpected(s.error());
        return m_counts;
    }

private:
    using Step = ApiResult<void>;

    ApiResult<PgResult> exec(const QByteArray& sql, const QString& what,
                             const QList<QByteArray>& more = {})
    {
        QList<QByteArray> params{m_who.companyId.toLatin1(), m_who.registerStoreId.toLatin1()};
        params += more;
        auto result = m_pg.exec(sql, params);
        if (!result) {
            qCWarning(lcPush) << "storing" << what << "failed, sqlstate" << m_pg.sqlState();
            return std::unexpected(databaseRefusal(m_pg, what));
        }
        return std::move(*result);
    }

    // A record already there: the same content is a duplicate, other content (or one this
    // register cannot see) a conflict.
    Step judge(const char* kind, qsizetype existing, const QStringList& different)
    {
        if (!different.isEmpty())
            return std::unexpected(conflict(
                QStringLiteral("the %1 %2 is already stored with other content; a %1 never "
                               "changes once pushed")
                    .arg(QLatin1String(kind), different.first())));
        m_counts.duplicates += existing;
        return {};
    }

    Step sales(const QJsonArray& records)
    {
        if (records.isEmpty())
            return {};
        ArrayColumns sales("id", SaleColumns);
        ArrayColumns lines("sale_id", SaleLineColumns);
        ArrayColumns tenders("sale_id", SaleTenderColumns);
        for (const QJsonValue& r : records) {
            const QString id = r[QLatin1String("id")].toString();
            const QJsonObject data = r[QLatin1String("data")].toObject();
            sales.add(id, data);
            for (const QJsonValue& line : data.value(QLatin1String("lines")).toArray())
                lines.add(id, line.toObject());
            for (const QJsonValue& tender : data.value(QLatin1String("tenders")).toArray())
                tenders.add(id, tender.toObject());
        }
        const int linesAt = 3 + sales.paramCount();
        const int tendersAt = linesAt + lines.paramCount();
        const QList<QByteArray> params = sales.params() + lines.params() + tenders.params();
        const QByteArray sql =
            "WITH ins AS (INSERT INTO pos.sales (company_id, store_id, id, " + sales.names() +
            ") SELECT $1::uuid, $2::uuid, s.* FROM " + sales.unnest(3, "s") +
            " ON CONFLICT DO NOTHING RETURNING id), "
            "lines AS (INSERT INTO pos.sale_lines (company_id, store_id, sale_id, " +
            lines.names() + ") SELECT $1::uuid, $2::uuid, l.* FROM " + lines.unnest(linesAt, "l") +
            " WHERE l.sale_id IN (SELECT id FROM ins)), "
            "tenders AS (INSERT INTO pos.sale_tenders (company_id, store_id, sale_id, " +
            tenders.names() + ") SELECT $1::uuid, $2::uuid, t.* FROM " +
            tenders.unnest(tendersAt, "t") +
            " WHERE t.sale_id IN (SELECT id FROM ins)) "
            "SELECT s.id::text FROM unnest($3::uuid[]) AS s(id) "
            "WHERE s.id NOT IN (SELECT id FROM ins)";
        auto inserted = exec(sql, QStringLiteral("sales"), params);
        if (!inserted)
            return std::unexpected(inserted.error());
        const QStringList existing = column(*inserted);
        m_counts.stored += records.size() - existing.size();
        if (existing.isEmpty())
            return {};
        // The sales that were there already: the same sale, lines and tenders, or a conflict.
        const QByteArray known = "$" + QByteArray::number(tendersAt + tenders.paramCount());
        const QByteArray compare =
            "WITH i AS (SELECT * FROM " + sales.unnest(3, "s") + " WHERE s.id = ANY (" + known +
            "::uuid[])), il AS (SELECT * FROM " + lines.unnest(linesAt, "l") +
            " WHERE l.sale_id = ANY (" + known + "::uuid[])), it AS (SELECT * FROM " +
            tenders.unnest(tendersAt, "t") + " WHERE t.sale_id = ANY (" + known +
            "::uuid[])) "
            "SELECT i.id::text FROM i LEFT JOIN pos.sales s ON s.id = i.id AND "
            "s.company_id = $1 AND s.store_id = $2 WHERE s.id IS NULL OR (" +
            sales.names("s.") + ") IS DISTINCT FROM (" + sales.names("i.") +
            ") OR EXISTS (SELECT " + lines.names() +
            " FROM pos.sale_lines WHERE sale_id = i.id EXCEPT SELECT " + lines.names() +
            " FROM il WHERE il.sale_id = i.id) OR EXISTS (SELECT " + lines.names() +
            " FROM il WHERE il.sale_id = i.id EXCEPT SELECT " + lines.names() +
            " FROM pos.sale_lines WHERE sale_id = i.id) OR EXISTS (SELECT " + tenders.names() +
            " FROM pos.sale_tenders WHERE sale_id = i.id EXCEPT SELECT " + tenders.names() +
            " FROM it WHERE it.sale_id = i.id) OR EXISTS (SELECT " + tenders.names() +
            " FROM it WHERE it.sale_id = i.id EXCEPT SELECT " + tenders.names() +
            " FROM pos.sale_tenders WHERE sale_id = i.id)";
        auto different =
            exec(compare, QStringLiteral("sales"), params + QList<QByteArray>{idArray(existing)});
        if (!different)
            return std::unexpected(different.error());
        if (const QStringList ids = column(*different); !ids.isEmpty())
            return std::unexpected(conflict(
                QStringLiteral("the sale %1 conflicts with a stored one: its UUID or its receipt "
                               "number is already stored with other content; a sale never "
                               "changes once pushed")
                    .arg(ids.first())));
        return judge("sale", existing.size(), {});
    }

    Step refunds(const QJsonArray& records)
    {
        if (records.isEmpty())
            return {};
        constexpr char columns[] = "register_id uuid, original_sale_id uuid, "
                                   "created_at timestamptz, total_minor bigint, lines json";
        const QByteArray sql =
            "WITH incoming AS MATERIALIZED (" + incoming(columns) +
            "), ins AS (INSERT INTO pos.refunds (company_id, store_id, id, register_id, "
            "original_sale_id, created_at, total_minor, body) SELECT $1, $2, id, register_id, "
            "original_sale_id, created_at, total_minor, data::jsonb FROM incoming "
            "ON CONFLICT DO NOTHING RETURNING id), "
            "lines AS (INSERT INTO pos.refund_lines (company_id, store_id, refund_id, " +
            names(RefundLineColumns) + ") SELECT $1, $2, i.id, " + names(RefundLineColumns, "l.") +
            " FROM incoming i JOIN ins ON ins.id = i.id, json_to_recordset(i.lines) AS l(" +
            RefundLineColumns +
            ")) "
            "SELECT i.id::text FROM incoming i WHERE NOT EXISTS "
            "(SELECT 1 FROM ins WHERE ins.id = i.id)";
        auto inserted = exec(sql, QStringLiteral("refunds"), {json(records)});
        if (!inserted)
            return std::unexpected(inserted.error());
        return compareBodies("refund", "pos.refunds", records, column(*inserted));
    }

    // Append-only records kept as their JSON body (cash movements).
    Step bodies(const char* kind, const char* table, const QJsonArray& records)
    {
        if (records.isEmpty())
            return {};
        const QByteArray sql = "WITH incoming AS MATERIALIZED (" + incoming("x text") +
                               "), ins AS (INSERT INTO " + table +
                               " (company_id, store_id, register_id, id, body) SELECT $1, $2, "
                               "$4::uuid, id, data::jsonb FROM incoming ON CONFLICT DO NOTHING "
                               "RETURNING id) SELECT i.id::text FROM incoming i WHERE NOT EXISTS "
                               "(SELECT 1 FROM ins WHERE ins.id = i.id)";
        auto inserted =
            exec(sql, QLatin1String(kind), {json(records), m_who.registerId.toLatin1()});
        if (!inserted)
            return std::unexpected(inserted.error());
        return compareBodies(kind, table, records, column(*inserted));
    }

    Step compareBodies(const char* kind, const char* table, const QJsonArray& records,
                       const QStringList& existing)
    {
        m_counts.stored += records.size() - existing.size();
        if (existing.isEmpty())
            return {};
        const QByteArray compare =
            "WITH incoming AS MATERIALIZED (" + incoming("x text") +
            " WHERE (e.v->>'id')::uuid = ANY ($4::uuid[])) SELECT i.id::text FROM incoming i "
            "LEFT JOIN " +
            table +
            " s ON s.id = i.id AND s.company_id = $1 AND s.store_id = $2 WHERE s.id IS NULL OR "
            "s.body <> i.data::jsonb";
        auto different = exec(compare, QLatin1String(kind), {json(records), idArray(existing)});
        if (!different)
            return std::unexpected(different.error());
        return judge(kind, existing.size(), column(*different));
    }

    // Shifts (open -> closed) and approvals (pending -> decided -> used): inserted when new,
    // moved forward when the register sends a later state, left alone for an older one.
    Step forwardOnly(const char* kind, const QJsonArray& records)
    {
        if (records.isEmpty())
            return {};
        const bool shift = qstrcmp(kind, "shift") == 0;
        const QByteArray table = shift ? "pos.shifts" : "pos.approvals";
        const QByteArray columns =
            shift ? "register_id uuid, opened_at timestamptz, closed_at timestamptz"
                  : "register_id uuid, status text";
        const QByteArray fields =
            shift ? "register_id, opened_at, closed_at" : "register_id, status";
        const QByteArray sql = "WITH incoming AS MATERIALIZED (" + incoming(columns) +
                               "), ins AS (INSERT INTO " + table + " (company_id, store_id, id, " +
                               fields + ", body) SELECT $1, $2, id, " + fields +
                               ", data::jsonb FROM incoming ON CONFLICT DO NOTHING RETURNING id) "
                               "SELECT i.id::text, s.body::text FROM incoming i LEFT JOIN " +
                               table +
                               " s ON s.id = i.id WHERE NOT EXISTS (SELECT 1 FROM ins WHERE "
                               "ins.id = i.id)";
        auto existing = exec(sql, QLatin1String(kind), {json(records)});
        if (!existing)
            return std::unexpected(existing.error());
        m_counts.stored += records.size() - existing->rows();
        if (existing->rows() == 0)
            return {};
        QHash<QString, QJsonObject> sent;
        for (const QJsonValue& r : records)
            sent.insert(r[QLatin1String("id")].toString(), r[QLatin1String("data")].toObject());
        for (int i = 0; i < existing->rows(); ++i) {
            const QString id = existing->text(i, 0);
            if (existing->isNull(i, 1))
                return std::unexpected(
                    conflict(QStringLiteral("the %1 %2 is already stored elsewhere")
                                 .arg(QLatin1String(kind), id)));
            const QJsonObject stored = QJsonDocument::fromJson(existing->value(i, 1)).object();
            const QJsonObject next = sent.value(id);
            const Move move = shift ? shiftMove(stored, next) : approvalMove(stored, next);
            if (move == Move::Conflict)
                return std::unexpected(conflict(
                    shift ? QStringLiteral("the shift %1 is already stored with other content; a "
                                           "shift only moves from open to closed")
                                .arg(id)
                          : QStringLiteral("the approval %1 is already stored with other "
                                           "content; an approval only moves forward")
                                .arg(id)));
            if (move == Move::Same) {
                ++m_counts.duplicates;
                continue;
            }
            const QByteArray body = QJsonDocument(next).toJson(QJsonDocument::Compact);
            auto updated =
                shift ? exec("UPDATE pos.shifts SET closed_at = ($4::jsonb->>'closed_at')::"
                             "timestamptz, body = $4::jsonb WHERE id = $3::uuid AND "
                             "company_id = $1 AND store_id = $2",
                             QLatin1String(kind), {id.toLatin1(), body})
                      : exec("UPDATE pos.approvals SET status = $4::jsonb->>'status', body = "
                             "$4::jsonb WHERE id = $3::uuid AND company_id = $1 AND store_id = $2",
                             QLatin1String(kind), {id.toLatin1(), body});
            if (!updated)
                return std::unexpected(updated.error());
            ++m_counts.stored;
        }
        return {};
    }

    enum class Move { Same, Forward, Conflict };

    // Everything but `keys` must be equal; the keys set in `older` must be equal in `newer`.
    static bool agree(const QJsonObject& older, const QJsonObject& newer,
                      std::initializer_list<const char*> keys)
    {
        QJsonObject a = older;
        QJsonObject b = newer;
        for (const char* k : keys) {
            const QLatin1String key(k);
            if (!a.value(key).isNull() && a.value(key) != b.value(key))
                return false;
            a.remove(key);
            b.remove(key);
        }
        return a == b;
    }

    static Move shiftMove(const QJsonObject& stored, const QJsonObject& sent)
    {
        if (stored == sent)
            return Move::Same;
        const auto closing = {"closed_by", "closed_at", "counted_minor", "expected_minor"};
        const bool storedClosed = !stored.value(QLatin1String("closed_at")).isNull();
        const bool sentClosed = !sent.value(QLatin1String("closed_at")).isNull();
        if (!storedClosed && sentClosed)
            return agree(stored, sent, closing) ? Move::Forward : Move::Conflict;
        if (storedClosed && !sentClosed) // an older state of the same shift: nothing to do
            return agree(sent, stored, closing) ? Move::Same : Move::Conflict;
        return Move::Conflict;
    }

    static Move approvalMove(const QJsonObject& stored, const QJsonObject& sent)
    {
        if (stored == sent)
            return Move::Same;
        const QString from = stored.value(QLatin1String("status")).toString();
        const QString to = sent.value(QLatin1String("status")).toString();
        // What a decision and a use may fill in; the rest of the request never changes.
        auto agreeing = [](const QJsonObject& older, const QJsonObject& newer) {
            QJsonObject a = older;
            QJsonObject b = newer;
            a.remove(QLatin1String("status"));
            b.remove(QLatin1String("status"));
            QJsonObject da = a.take(QLatin1String("detail")).toObject();
            QJsonObject db = b.take(QLatin1String("detail")).toObject();
            return agree(a, b, {"approver_id", "decided_at", "used_at"}) &&
                   agree(da, db, {"decision_note"});
        };
        // Allowed steps: pending -> approved/refused/cancelled/used, approved -> used.
        auto precedes = [](const QString& a, const QString& b) {
            return (a == u"pending" && b != u"pending") || (a == u"approved" && b == u"used");
        };
        if (precedes(from, to))
            return agreeing(stored, sent) ? Move::Forward : Move::Conflict;
        if (precedes(to, from)) // an older state: nothing to do
            return agreeing(sent, stored) ? Move::Same : Move::Conflict;
        return Move::Conflict;
    }

    PgConnection& m_pg;
    const RequestContext& m_who;
    RecordCounts m_counts;
};

} // namespace

ApiResult<RecordCounts> storeRecords(PgConnection& pg, const RequestContext& who,
                                     const PushBatch& batch)
{
    return RecordStore(pg, who).run(batch);
}

ApiResponse databaseRefusal(const PgConnection& pg, const QString& what)
{
    const QByteArray state = pg.sqlState();
    if (state == "23505")
        return apiError(409, QStringLiteral("conflict"),
                        QStringLiteral("%1: a record with the same id, number or key is already "
                                       "stored with other content")
                            .arg(what));
    if (state.startsWith("22") || state == "23514" || state == "23502")
        return apiError(400, QStringLiteral("bad_request"),
                        QStringLiteral("%1: the database refused a value").arg(what));
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("the database could not store the batch; try again later"));
}

} // namespace pos::server
