#pragma once

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "customers/CustomerService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "store/RegisterSettings.h"

#include <QString>

namespace pos::ui {

// What the counter screen works with: core services owned by the app (or a test) and who is
// at the till. The UI only calls these; it never talks to the database itself.
struct CounterContext {
    CatalogService& catalog;
    SaleService& sales;
    ShiftService& shifts;
    CustomerService& customers;
    const Clock& clock;
    RegisterSettings settings;
    QString cashier;
};

} // namespace pos::ui
