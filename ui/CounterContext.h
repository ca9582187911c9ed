#pragma once

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "customers/CustomerService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "staff/Session.h"
#include "store/RegisterSettings.h"

#include <QString>

namespace pos::ui {

// What the counter screen works with: core services owned by the app (or a test) and who is
// at the till (the signed-in session every service call acts as). The UI only calls these; it
// never talks to the database itself.
struct CounterContext {
    CatalogService& catalog;
    SaleService& sales;
    ShiftService& shifts;
    CustomerService& customers;
    AccessControl& access;
    const Clock& clock;
    RegisterSettings settings;
    Session session;
};

} // namespace pos::ui
