#include "catalog/CatalogService.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "catalog/Barcode.h"
#include "catalog/CatalogText.h"
#include "catalog/ProductWriter.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCatalog, "pos.catalog")

namespace pos {

using catalogtext::quoted;
using namespace Qt::StringLiterals;

namespace {

constexpr int MaxSearchLimit = 500;
constexpr int MaxSearchWords = 8;
constexpr qsizetype MaxSearchWordLength = 64;

// Columns 0-13 of every product read; the barcodes come as one space-separated string (a barcode
// never contains a space).
#define POS_PRODUCT_SELECT                                                                         \
    "SELECT p.id, p.sku, p.name, p.price_minor, p.cost_minor, t.id, t.code, t.name, t.rate_ppm, "  \
    "t.inclusive, c.name, p.active, p.sold_by_weight, "                                            \
    "(SELECT group_concat(code, ' ') FROM barcodes WHERE product_id = p.id) "

#define POS_PRODUCT_JOINS                                                                          \
    "JOIN tax_classes t ON t.id = p.tax_class_id LEFT JOIN categories c ON c.id = p.category_id "

constexpr const char* ByBarcodeSql = POS_PRODUCT_SELECT
    "FROM barcodes b JOIN products p ON p.id = b.product_id " POS_PRODUCT_JOINS "WHERE b.code = ?1";
constexpr const char* BySkuSql =
    POS_PRODUCT_SELECT "FROM products p " POS_PRODUCT_JOINS "WHERE p.sku = ?1";
constexpr const char* ByIdSql =
    POS_PRODUCT_SELECT "FROM products p " POS_PRODUCT_JOINS "WHERE p.id = ?1";
constexpr const char* SearchSql =
    POS_PRODUCT_SELECT "FROM product_search s JOIN products p ON p.id = s.docid " POS_PRODUCT_JOINS
                       "WHERE s.product_search MATCH ?1 AND p.active = 1 LIMIT ?2";

Result<Product> activeOnly(Product p, const QString& what)
{
    if (!p.active)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("%1 belongs to product %2, which is not for sale (inactive)")
                        .arg(what, quoted(p.sku)));
    return p;
}

// showCost false: RBAC-3, the session may not see cost prices.
Product readProduct(const Query& q, const QString& currency, bool showCost)
{
    Product p;
    p.id = q.int64(0);
    p.sku = q.text(1);
    p.name = q.text(2);
    p.price = Money(q.int64(3), currency);
    p.costMinor = showCost ? q.int64(4) : 0;
    p.tax = TaxClass{q.int64(5), q.text(6), q.text(7), q.int64(8), q.int64(9) != 0};
    p.category = q.isNull(10) ? QString() : q.text(10);
    p.active = q.int64(11) != 0;
    p.soldByWeight = q.int64(12) != 0;
    if (!q.isNull(13)) {
        p.barcodes = q.text(13).split(u' ', Qt::SkipEmptyParts);
        p.barcodes.sort();
    }
    return p;
}

// Runs a one-row product query with one text or integer key.
template <class Key>
Result<std::optional<Product>> fetchOne(Database& db, const char* sql, const Key& key,
                                        const QString& currency, bool showCost)
{
    auto q = db.query(sql);
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, key);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<Product>();
    return std::optional<Product>(readProduct(*q, currency, showCost));
}

bool isWordChar(QChar c)
{
    // The FTS4 "simple" tokenizer's token characters: ASCII letters and digits, and everything
    // from U+0080 up.
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
           c.unicode() >= 0x80;
}

} // namespace

CatalogService::CatalogService(Database& db, AccessControl& access, QString currency)
    : m_db(db), m_access(access), m_currency(std::move(currency))
{}

Result<bool> CatalogService::viewAccess(const Session& session)
{
    // One look-up of the session answers both questions (a barcode scan is the hot path).
    auto set = m_access.permissions(session);
    if (!set)
        return std::unexpected(set.error());
    if (!set->contains(Permission::CatalogView)) {
        // require() words the refusal as everywhere else.
        if (auto s = m_access.require(session, Permission::CatalogView); !s)
            return std::unexpected(s.error());
        return fail(ErrorCode::PermissionDenied,
                    QStringLiteral("Your role may not look products up."));
    }
    return set->contains(Permission::MarginsView);
}

Result<Product> CatalogService::findByBarcode(const Session& session, QStringView code)
{
    auto showCost = viewAccess(session);
    if (!showCost)
        return std::unexpected(showCost.error());
    auto valid = validateBarcode(code);
    if (!valid)
        return std::unexpected(valid.error());
    auto p = fetchOne(m_db, ByBarcodeSql, valid->code, m_currency, *showCost);
    if (!p)
        return std::unexpected(p.error());
    if (!*p)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("no product has barcode %1").arg(quoted(valid->code)));
    return activeOnly(std::move(**p), QStringLiteral("barcode %1").arg(quoted(valid->code)));
}

Result<Product> CatalogService::findBySku(const Session& session, QStringView sku)
{
    auto showCost = viewAccess(session);
    if (!showCost)
        return std::unexpected(showCost.error());
    const QString key = sku.trimmed().toString();
    if (key.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the SKU is empty"));
    auto p = fetchOne(m_db, BySkuSql, key, m_currency, *showCost);
    if (!p)
        return std::unexpected(p.error());
    if (!*p)
        return fail(ErrorCode::NotFound, QStringLiteral("no product has SKU %1").arg(quoted(key)));
    return activeOnly(std::move(**p), QStringLiteral("SKU %1").arg(quoted(key)));
}

Result<Product> CatalogService::findById(const Session& session, qint64 id)
{
    auto showCost = viewAccess(session);
    if (!showCost)
        return std::unexpected(showCost.error());
    auto p = fetchOne(m_db, ByIdSql, id, m_currency, *showCost);
    if (!p)
        return std::unexpected(p.error());
    if (!*p)
        return fail(ErrorCode::NotFound, QStringLiteral("no product has id %1").arg(id));
    return std::move(**p);
}

QString CatalogService::searchExpression(QStringView text)
{
    QStringList terms;
    qsizetype i = 0;
    while (i < text.size() && terms.size() < MaxSearchWords) {
        while (i < text.size() && !isWordChar(text[i]))
            ++i;
        const qsizetype start = i;
        while (i < text.size() && isWordChar(text[i]))
            ++i;
        if (i > start) {
            // Lower-case ASCII so that OR/AND/NOT/NEAR are words, never operators; inside
            // quotes they would be anyway.
            const QString word =
                text.sliced(start, std::min(i - start, MaxSearchWordLength)).toString().toLower();
            terms << u'"' + word + u"*\""_s;
        }
    }
    return terms.join(u' ');
}

Result<QList<Product>> CatalogService::search(const Session& session, QStringView text, int limit)
{
    auto showCost = viewAccess(session);
    if (!showCost)
        return std::unexpected(showCost.error());
    QList<Product> out;
    const QString match = searchExpression(text);
    if (match.isEmpty() || limit <= 0)
        return out;
    // The FTS index drives the loop (its doclists are read lazily) and each hit is one rowid
    // probe into products; no ORDER BY, so LIMIT stops the scan early even when a one-letter
    // prefix matches most of a million products.
    auto q = m_db.query(SearchSql);
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, match).bind(2, std::min(limit, MaxSearchLimit));
    if (auto rows = q->forEach([&] { out.append(readProduct(*q, m_currency, *showCost)); }); !rows)
        return std::unexpected(rows.error());
    return out;
}

Result<Product> CatalogService::lookupScan(const Session& session, QStringView text)
{
    auto showCost = viewAccess(session);
    if (!showCost)
        return std::unexpected(showCost.error());
    const QStringView t = text.trimmed();
    if (t.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("nothing was scanned or typed"));
    auto valid = validateBarcode(t);
    if (valid) {
        auto byCode = fetchOne(m_db, ByBarcodeSql, valid->code, m_currency, *showCost);
        if (!byCode)
            return std::unexpected(byCode.error());
        if (*byCode)
            return activeOnly(std::move(**byCode), QStringLiteral("barcode %1").arg(quoted(t)));
    }
    auto bySku = fetchOne(m_db, BySkuSql, t.toString(), m_currency, *showCost);
    if (!bySku)
        return std::unexpected(bySku.error());
    if (*bySku)
        return activeOnly(std::move(**bySku), QStringLiteral("SKU %1").arg(quoted(t)));
    if (!valid) // not a SKU either: the barcode problem ("check digit should be 7") is the news
        return std::unexpected(valid.error());
    return fail(ErrorCode::NotFound,
                QStringLiteral("no product has barcode or SKU %1").arg(quoted(t)));
}

Result<qint64> CatalogService::addProduct(const Session& session, const NewProduct& product)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return std::unexpected(s.error());
    NewProduct p = product;
    const QStringList problems = ProductWriter::check(p);
    if (!problems.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("product %1: %2").arg(quoted(p.sku), problems.join(u"; "_s)));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    ProductWriter writer(m_db);
    auto tax = writer.taxClass(p.taxCode);
    if (!tax)
        return std::unexpected(tax.error());
    auto clash = writer.conflicts(p);
    if (!clash)
        return std::unexpected(clash.error());
    if (!clash->isEmpty())
        return fail(ErrorCode::Conflict, clash->join(u"; "_s));
    auto id = writer.insert(p, tax->id);
    if (!id)
        return id;
    if (auto s = audit::record(m_db, AuditEntry{session.userId,
                                                0,
                                                auditaction::ProductCreated,
                                                audit::entity("product", *id),
                                                {},
                                                {{u"sku"_s, p.sku},
                                                 {u"price_minor"_s, p.priceMinor},
                                                 {u"cost_minor"_s, p.costMinor},
                                                 {u"currency"_s, m_currency}}});
        !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    return id;
}

Status CatalogService::updateProduct(const Session& session, qint64 id, const NewProduct& product)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return s;
    auto showCost = m_access.require(session, Permission::MarginsView);
    if (!showCost && showCost.error().code != ErrorCode::PermissionDenied)
        return showCost;
    NewProduct p = product;
    const QStringList problems = ProductWriter::check(p);
    if (!problems.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("product %1: %2").arg(id).arg(problems.join(u"; "_s)));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto existing = fetchOne(m_db, ByIdSql, id, m_currency, true);
    if (!existing)
        return std::unexpected(existing.error());
    if (!*existing)
        return fail(ErrorCode::NotFound, QStringLiteral("no product has id %1").arg(id));
    // RBAC-3: a session that is shown no cost prices keeps the stored one.
    if (!showCost)
        p.costMinor = (*existing)->costMinor;
    ProductWriter writer(m_db);
    auto tax = writer.taxClass(p.taxCode);
    if (!tax)
        return std::unexpected(tax.error());
    auto clash = writer.conflicts(p, id);
    if (!clash)
        return std::unexpected(clash.error());
    if (!clash->isEmpty())
        return fail(ErrorCode::Conflict, clash->join(u"; "_s));
    if (auto s = writer.update(id, p, tax->id); !s)
        return s;
    // A change of price or cost is an audit row; other fields (name, barcodes, category) are not.
    const Product& old = **existing;
    if (old.price.minor() != p.priceMinor || old.costMinor != p.costMinor) {
        const auto prices = [&](qint64 price, qint64 cost) {
            return QJsonObject{{u"sku"_s, p.sku},
                               {u"price_minor"_s, price},
                               {u"cost_minor"_s, cost},
                               {u"currency"_s, m_currency}};
        };
        if (auto s =
                audit::record(m_db, AuditEntry{session.userId, 0, auditaction::ProductPriceChanged,
                                               audit::entity("product", id),
                                               prices(old.price.minor(), old.costMinor),
                                               prices(p.priceMinor, p.costMinor)});
            !s)
            return s;
    }
    return tx->commit();
}

Status CatalogService::setActive(const Session& session, qint64 id, bool active)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return s;
    auto q = m_db.query("UPDATE products SET active = ?2 WHERE id = ?1 AND active <> ?2");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, id).bind(2, active);
    if (auto s = q->run(); !s)
        return s;
    if (m_db.changes() == 0) {
        // NotFound for an unknown id; otherwise already in that state.
        auto p = fetchOne(m_db, ByIdSql, id, m_currency, false);
        if (!p)
            return std::unexpected(p.error());
        if (!*p)
            return fail(ErrorCode::NotFound, QStringLiteral("no product has id %1").arg(id));
    }
    return {};
}

Result<QList<QString>> CatalogService::categories(const Session& session)
{
    if (auto s = m_access.require(session, Permission::CatalogView); !s)
        return std::unexpected(s.error());
    QList<QString> out;
    auto q = m_db.query("SELECT name FROM categories ORDER BY name");
    if (!q)
        return std::unexpected(q.error());
    if (auto rows = q->forEach([&] { out << q->text(0); }); !rows)
        return std::unexpected(rows.error());
    return out;
}

Result<qint64> CatalogService::addTaxClass(const Session& session, const TaxClass& taxClass)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return std::unexpected(s.error());
    const QString code = taxClass.code.trimmed();
    const QString name = taxClass.name.trimmed();
    if (code.isEmpty() || code.size() > 16)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a tax code needs 1 to 16 characters"));
    if (name.isEmpty() || name.size() > 100)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("tax class %1 needs a name of 1 to 100 characters").arg(quoted(code)));
    if (taxClass.ratePpm < 0 || taxClass.ratePpm > 1'000'000)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("tax class %1: the rate must be between 0% and 100%").arg(quoted(code)));
    auto existing = m_db.query("SELECT id FROM tax_classes WHERE code = ?1");
    if (!existing)
        return std::unexpected(existing.error());
    existing->bind(1, code);
    auto row = existing->next();
    if (!row)
        return std::unexpected(row.error());
    if (*row)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("tax code %1 already exists").arg(quoted(code)));
    auto q = m_db.query(
        "INSERT INTO tax_classes (code, name, rate_ppm, inclusive) VALUES (?1, ?2, ?3, ?4)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, code).bind(2, name).bind(3, taxClass.ratePpm).bind(4, taxClass.inclusive);
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    return m_db.lastInsertRowId();
}

Result<QList<TaxClass>> CatalogService::taxClasses(const Session& session)
{
    if (auto s = m_access.require(session, Permission::CatalogView); !s)
        return std::unexpected(s.error());
    QList<TaxClass> out;
    auto q =
        m_db.query("SELECT id, code, name, rate_ppm, inclusive FROM tax_classes ORDER BY code");
    if (!q)
        return std::unexpected(q.error());
    if (auto rows = q->forEach([&] {
            out.append(
                TaxClass{q->int64(0), q->text(1), q->text(2), q->int64(3), q->int64(4) != 0});
        });
        !rows)
        return std::unexpected(rows.error());
    return out;
}

Result<qint64> CatalogService::productCount(const Session& session)
{
    if (auto s = m_access.require(session, Permission::CatalogView); !s)
        return std::unexpected(s.error());
    return m_db.scalar("SELECT count(*) FROM products");
}

} // namespace pos
