#pragma once

#include "Error.h"
#include "catalog/Product.h"

#include <QList>

namespace pos {

class Database;

// The product catalog of this register's store. Reads are fast on a million products: a barcode
// lookup is one primary-key probe, search uses the FTS4 prefix index.
class CatalogService {
public:
    CatalogService(Database& db, QString currency);

    // Validates the code first (malformed -> InvalidInput naming the problem), then looks it up
    // (unknown -> NotFound "no product has barcode ..."). Inactive products are NotFound too.
    Result<Product> findByBarcode(QStringView code);
    Result<Product> findBySku(QStringView sku);
    Result<Product> findById(qint64 id);

    // As-you-type: every word of text is a prefix of a word in the name or of the SKU; active
    // products only; at most limit results, shortest names first among equals is not promised.
    // Empty or blank text gives an empty list.
    Result<QList<Product>> search(QStringView text, int limit = 20);

    // What the scan field does with Enter: a valid barcode -> that product; else an exact SKU;
    // else a clear error ("no product has barcode or SKU ...").
    Result<Product> lookupScan(QStringView text);

    Result<qint64> addProduct(const NewProduct& product); // Conflict on duplicate SKU or barcode
    Result<qint64> addTaxClass(const TaxClass& taxClass);
    Result<QList<TaxClass>> taxClasses();
    Result<qint64> productCount();

    // Back office (added): replace a product's fields and barcodes (same checks as addProduct,
    // NotFound for an unknown id), show/hide it at the till, and the category names A-Z.
    Status updateProduct(qint64 id, const NewProduct& product);
    Status setActive(qint64 id, bool active);
    Result<QList<QString>> categories();

    // The FTS4 MATCH expression search() uses for text: each word (letters and digits only) as a
    // quoted prefix term, ANDed; empty when text has no words. Anything a user types (quotes,
    // '-', '*', OR, NEAR, parentheses) is taken as plain text. Public for tests.
    static QString searchExpression(QStringView text);

    const QString& currency() const { return m_currency; }

private:
    Database& m_db;
    QString m_currency;
};

} // namespace pos
