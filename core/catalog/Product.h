#pragma once

#include "money/Money.h"

#include <QList>
#include <QString>

namespace pos {

// Tax classes carry a rate in parts per million (19% = 190000) and say whether shelf prices
// include the tax (inclusive, as in the EU) or have it added at the till (exclusive, as in the
// US). See docs/money.md for the rounding rule.
struct TaxClass {
    qint64 id = 0;
    QString code; // "STD", "RED", "ZERO"
    QString name;
    qint64 ratePpm = 0;
    bool inclusive = true;
};

struct Product {
    qint64 id = 0;
    QString sku;
    QString name;
    Money price;          // per unit, or per kg when soldByWeight
    qint64 costMinor = 0; // 0 when read by a session without margins.view (RBAC-3)
    TaxClass tax;
    QString category; // empty when none
    bool active = true;
    bool soldByWeight = false;
    QList<QString> barcodes;
};

// What import, seeding and the (later) back office hand to CatalogService::addProduct.
struct NewProduct {
    QString sku;
    QString name;
    qint64 priceMinor = 0;
    qint64 costMinor = 0;
    QString taxCode;  // must name an existing tax class
    QString category; // created when new; empty for none
    bool active = true;
    bool soldByWeight = false;
    QList<QString> barcodes; // each validated with validateBarcode
};

} // namespace pos
