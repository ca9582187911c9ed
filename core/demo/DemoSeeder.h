#pragma once

#include "Error.h"
#include "catalog/Product.h"
#include "staff/Session.h"

#include <QString>
#include <functional>

namespace pos {

class AccessControl;
class Database;

// Demo data for the desktop demo, benchmarks and `posctl seed-demo`: tax classes (STD 19%, RED
// 7%, ZERO 0%, all inclusive), about 20 categories, products with realistic names, unique SKUs
// and valid EAN-13 barcodes, and customers with made-up names, phones and example.com e-mails.
// Deterministic for a seed: product i is always the same product. Sales are seeded separately,
// through the real SaleService (see DemoSalesSeeder.h), after products exist.
//
// Products are written in one transaction: a failure leaves the store as it was. A million
// products take well under a minute on two cores (see seedProducts).
//
// RBAC-2: every seeding operation needs catalog.edit for the acting session (checked before
// anything is written); customers are added through CustomerService, so seedCustomers needs
// customers.edit as well.
class DemoSeeder {
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    DemoSeeder(Database& db, AccessControl& access, QString currency, quint64 seed = 42);

    // Adds the STD, RED and ZERO tax classes where missing.
    Status seedTaxClasses(const Session& session);
    // Appends count products after any demo products already there (SKUs D0000001, ...).
    // Returns how many were added.
    Result<qint64> seedProducts(const Session& session, qint64 count,
                                const Progress& progress = {});
    Result<qint64> seedCustomers(const Session& session, qint64 count,
                                 const Progress& progress = {});

    // Demo product number index (1-based) as seedProducts writes it, for tests and benchmarks:
    // demoProduct(i).sku == demoSku(i) and demoProduct(i).barcodes.first() == demoBarcode(i).
    NewProduct demoProduct(qint64 index) const;
    static QString demoSku(qint64 index);
    static QString demoBarcode(qint64 index);

private:
    Status insertTaxClasses();

    Database& m_db;
    AccessControl& m_access;
    QString m_currency;
    quint64 m_seed;
};

} // namespace pos
