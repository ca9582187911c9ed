#pragma once

// In-memory products for tests of the cart, pricing and receipts (no store needed).

#include "catalog/Product.h"

namespace pos::test {

inline Product product(qint64 id, const char* name, qint64 priceMinor, const TaxClass& tax,
                       bool byWeight = false, const QString& currency = QStringLiteral("EUR"))
{
    Product p;
    p.id = id;
    p.sku = QStringLiteral("SKU%1").arg(id);
    p.name = QString::fromLatin1(name);
    p.price = Money(priceMinor, currency);
    p.tax = tax;
    p.soldByWeight = byWeight;
    return p;
}

} // namespace pos::test
