#include "catalog/ProductWriter.h"

#include "catalog/Barcode.h"
#include "catalog/CatalogText.h"
#include "store/Database.h"

#include <QSet>

namespace pos {

using catalogtext::quoted;

namespace {

bool hasControl(QStringView s)
{
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

Result<qint64> withContext(const Error& e, const QString& what)
{
    return fail(e.code, what + u": " + e.message);
}

} // namespace

QStringList ProductWriter::check(NewProduct& p)
{
    QStringList problems;
    p.sku = p.sku.trimmed();
    p.name = p.name.trimmed();
    p.taxCode = p.taxCode.trimmed();
    p.category = p.category.trimmed();

    if (p.sku.isEmpty())
        problems << QStringLiteral("the SKU is empty");
    else if (p.sku.size() > MaxSkuLength)
        problems << QStringLiteral("the SKU is %1 characters long (at most %2)")
                        .arg(p.sku.size())
                        .arg(MaxSkuLength);
    else if (hasControl(p.sku))
        problems << QStringLiteral("the SKU contains a control character");

    if (p.name.isEmpty())
        problems << QStringLiteral("the name is empty");
    else if (p.name.size() > MaxNameLength)
        problems << QStringLiteral("the name is %1 characters long (at most %2)")
                        .arg(p.name.size())
                        .arg(MaxNameLength);
    else if (hasControl(p.name))
        problems << QStringLiteral("the name contains a control character");

    if (p.priceMinor < 0)
        problems << QStringLiteral("the price is negative");
    if (p.costMinor < 0)
        problems << QStringLiteral("the cost is negative");
    if (p.taxCode.isEmpty())
        problems << QStringLiteral("the tax code is empty");
    if (p.category.size() > MaxCategoryLength)
        problems << QStringLiteral("the category is %1 characters long (at most %2)")
                        .arg(p.category.size())
                        .arg(MaxCategoryLength);
    else if (hasControl(p.category))
        problems << QStringLiteral("the category contains a control character");

    QSet<QString> seen;
    for (QString& code : p.barcodes) {
        auto b = validateBarcode(code);
        if (!b) {
            problems << b.error().message;
            continue;
        }
        code = b->code;
        if (seen.contains(code))
            problems << QStringLiteral("barcode %1 is listed twice").arg(quoted(code));
        seen.insert(code);
    }
    return problems;
}

Result<TaxClass> ProductWriter::taxClass(const QString& code)
{
    if (auto it = m_taxes.constFind(code); it != m_taxes.constEnd())
        return *it;
    if (m_knownTaxCodes.isEmpty()) {
        auto q = m_db.query("SELECT id, code, name, rate_ppm, inclusive FROM tax_classes");
        if (!q)
            return std::unexpected(q.error());
        if (auto rows = q->forEach([&] {
                TaxClass t{q->int64(0), q->text(1), q->text(2), q->int64(3), q->int64(4) != 0};
                m_taxes.insert(t.code, t);
                m_knownTaxCodes << t.code;
            });
            !rows)
            return std::unexpected(rows.error());
        m_knownTaxCodes.sort();
        if (auto it = m_taxes.constFind(code); it != m_taxes.constEnd())
            return *it;
    }
    const QString known = m_knownTaxCodes.isEmpty() ? QStringLiteral("none defined yet")
                                                    : m_knownTaxCodes.join(QStringLiteral(", "));
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("unknown tax code %1 (known: %2)").arg(quoted(code), known));
}

Result<qint64> ProductWriter::categoryId(const QString& name)
{
    if (name.isEmpty())
        return 0;
    if (auto it = m_categories.constFind(name); it != m_categories.constEnd())
        return *it;
    auto q = m_db.query("SELECT id FROM categories WHERE name = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, name);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    qint64 id = 0;
    if (*row) {
        id = q->int64(0);
    } else {
        auto ins = m_db.query("INSERT INTO categories (name) VALUES (?1)");
        if (!ins)
            return std::unexpected(ins.error());
        ins->bind(1, name);
        if (auto s = ins->run(); !s)
            return withContext(s.error(), QStringLiteral("adding a category"));
        id = m_db.lastInsertRowId();
    }
    m_categories.insert(name, id);
    return id;
}

Result<qint64> ProductWriter::productId(const char* sql, const QString& key)
{
    auto q = m_db.query(sql);
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, key);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    return *row ? q->int64(0) : 0;
}

Result<qint64> ProductWriter::skuOwner(const QString& sku)
{
    return productId("SELECT id FROM products WHERE sku = ?1", sku);
}

Result<qint64> ProductWriter::barcodeOwner(const QString& code)
{
    return productId("SELECT product_id FROM barcodes WHERE code = ?1", code);
}

Result<QStringList> ProductWriter::conflicts(const NewProduct& p, qint64 exceptProductId)
{
    QStringList out;
    auto owner = skuOwner(p.sku);
    if (!owner)
        return std::unexpected(owner.error());
    if (*owner != 0 && *owner != exceptProductId)
        out << QStringLiteral("SKU %1 is already used by product %2")
                   .arg(quoted(p.sku))
                   .arg(*owner);
    for (const QString& code : p.barcodes) {
        auto b = barcodeOwner(code);
        if (!b)
            return std::unexpected(b.error());
        if (*b != 0 && *b != exceptProductId)
            out << QStringLiteral("barcode %1 is already on product %2").arg(quoted(code)).arg(*b);
    }
    return out;
}

Status ProductWriter::insertBarcodes(qint64 productId, const QList<QString>& codes)
{
    for (const QString& code : codes) {
        auto q = m_db.query("INSERT INTO barcodes (code, product_id) VALUES (?1, ?2)");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, code).bind(2, productId);
        if (auto s = q->run(); !s)
            return fail(
                s.error().code,
                QStringLiteral("adding barcode %1: %2").arg(quoted(code), s.error().message));
    }
    return {};
}

Result<qint64> ProductWriter::insert(const NewProduct& p, qint64 taxClassId)
{
    auto category = categoryId(p.category);
    if (!category)
        return std::unexpected(category.error());
    auto q = m_db.query("INSERT INTO products (sku, name, price_minor, cost_minor, tax_class_id, "
                        "category_id, active, sold_by_weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                        "?8)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, p.sku).bind(2, p.name).bind(3, p.priceMinor).bind(4, p.costMinor);
    q->bind(5, taxClassId).bind(7, p.active).bind(8, p.soldByWeight);
    if (*category != 0)
        q->bind(6, *category);
    else
        q->bindNull(6);
    if (auto s = q->run(); !s)
        return withContext(s.error(), QStringLiteral("adding product %1").arg(quoted(p.sku)));
    const qint64 id = m_db.lastInsertRowId();
    if (auto s = insertBarcodes(id, p.barcodes); !s)
        return std::unexpected(s.error());
    return id;
}

Status ProductWriter::update(qint64 id, const NewProduct& p, qint64 taxClassId)
{
    auto category = categoryId(p.category);
    if (!category)
        return std::unexpected(category.error());
    auto q = m_db.query("UPDATE products SET sku = ?1, name = ?2, price_minor = ?3, cost_minor = "
                        "?4, tax_class_id = ?5, category_id = ?6, active = ?7, sold_by_weight = "
                        "?8 WHERE id = ?9");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, p.sku).bind(2, p.name).bind(3, p.priceMinor).bind(4, p.costMinor);
    q->bind(5, taxClassId).bind(7, p.active).bind(8, p.soldByWeight).bind(9, id);
    if (*category != 0)
        q->bind(6, *category);
    else
        q->bindNull(6);
    if (auto s = q->run(); !s)
        return fail(s.error().code,
                    QStringLiteral("updating product %1: %2").arg(id).arg(s.error().message));
    auto del = m_db.query("DELETE FROM barcodes WHERE product_id = ?1");
    if (!del)
        return std::unexpected(del.error());
    del->bind(1, id);
    if (auto s = del->run(); !s)
        return s;
    return insertBarcodes(id, p.barcodes);
}

} // namespace pos
