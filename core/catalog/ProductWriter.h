#pragma once

#include "Error.h"
#include "catalog/Product.h"

#include <QHash>
#include <QStringList>

namespace pos {

class Database;

// The one write path for products, shared by CatalogService, the CSV importer and the demo
// seeder. It neither begins nor commits: the caller owns the transaction, so an import of a
// million rows is one transaction and a single addProduct is another. Lookups of tax classes and
// categories are cached for the life of the writer; drop the writer when its transaction rolls
// back.
class ProductWriter {
public:
    static constexpr qsizetype MaxSkuLength = 64;
    static constexpr qsizetype MaxNameLength = 200;
    static constexpr qsizetype MaxCategoryLength = 100;

    explicit ProductWriter(Database& db) : m_db(db) {}

    // Trims the text fields and barcodes of p in place and checks everything that does not need
    // the store: SKU, name, amounts, category, barcodes (validateBarcode, no repeats). Returns
    // every problem found, each a short sentence; empty when p is fine.
    static QStringList check(NewProduct& p);

    // InvalidInput "unknown tax code 'X' (known: ...)" when no such class exists.
    Result<TaxClass> taxClass(const QString& code);
    // 0 for an empty name; creates the category when new.
    Result<qint64> categoryId(const QString& name);
    // The id of the product that holds this SKU or barcode, 0 when none does.
    Result<qint64> skuOwner(const QString& sku);
    Result<qint64> barcodeOwner(const QString& code);
    // Conflict messages for a SKU/barcode already in the catalog; empty when free.
    Result<QStringList> conflicts(const NewProduct& p, qint64 exceptProductId = 0);

    // Inserts a product that passed check() and conflicts(); returns its id.
    Result<qint64> insert(const NewProduct& p, qint64 taxClassId);
    // Replaces the fields and barcodes of an existing product.
    Status update(qint64 id, const NewProduct& p, qint64 taxClassId);

private:
    Result<qint64> productId(const char* sql, const QString& key);
    Status insertBarcodes(qint64 productId, const QList<QString>& codes);

    Database& m_db;
    QHash<QString, TaxClass> m_taxes;
    QHash<QString, qint64> m_categories;
    QStringList m_knownTaxCodes;
};

} // namespace pos
