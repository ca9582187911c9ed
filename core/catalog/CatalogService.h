#pragma once

#include "Error.h"
#include "catalog/Product.h"
#include "staff/Session.h"

#include <QList>

namespace pos {

class AccessControl;
class Database;

// The product catalog of this register's store. Reads are fast on a million products: a barcode
// lookup is one primary-key probe, search uses the FTS4 prefix index.
//
// RBAC-2: every operation first checks the acting session with AccessControl (Unauthenticated,
// PermissionDenied): reads need catalog.view, changes catalog.edit. RBAC-3: a product read by a
// session without margins.view has costMinor 0, and updateProduct by such a session keeps the
// stored cost (it cannot see it, so it cannot have meant to change it).
class CatalogService {
public:
    CatalogService(Database& db, AccessControl& access, QString currency);

    // Validates the code first (malformed -> InvalidInput naming the problem), then looks it up
    // (unknown -> NotFound "no product has barcode ..."). Inactive products are NotFound too.
    Result<Product> findByBarcode(const Session& session, QStringView code);
    Result<Product> findBySku(const Session& session, QStringView sku);
    Result<Product> findById(const Session& session, qint64 id);

    // As-you-type: every word of text is a prefix of a word in the name or of the SKU; active
    // products only; at most limit results, shortest names first among equals is not promised.
    // Empty or blank text gives an empty list.
    Result<QList<Product>> search(const Session& session, QStringView text, int limit = 20);

    // What the scan field does with Enter: a valid barcode -> that product; else an exact SKU;
    // else a clear error ("no product has barcode or SKU ...").
    Result<Product> lookupScan(const Session& session, QStringView text);

    Result<qint64> addProduct(const Session& session,
                              const NewProduct& product); // Conflict on duplicate SKU or barcode
    Result<qint64> addTaxClass(const Session& session, const TaxClass& taxClass);
    Result<QList<TaxClass>> taxClasses(const Session& session);
    Result<qint64> productCount(const Session& session);

    // Back office (added): replace a product's fields and barcodes (same checks as addProduct,
    // NotFound for an unknown id), show/hide it at the till, and the category names A-Z.
    Status updateProduct(const Session& session, qint64 id, const NewProduct& product);
    Status setActive(const Session& session, qint64 id, bool active);
    Result<QList<QString>> categories(const Session& session);

    // The FTS4 MATCH expression search() uses for text: each word (letters and digits only) as a
    // quoted prefix term, ANDed; empty when text has no words. Anything a user types (quotes,
    // '-', '*', OR, NEAR, parentheses) is taken as plain text. Public for tests.
    static QString searchExpression(QStringView text);

    const QString& currency() const { return m_currency; }

private:
    // catalog.view, and whether the session may see costs (margins.view).
    Result<bool> viewAccess(const Session& session);

    Database& m_db;
    AccessControl& m_access;
    QString m_currency;
};

} // namespace pos
