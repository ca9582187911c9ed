#include "demo/DemoSalesSeeder.h"

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "store/Database.h"
#include "store/RegisterSettings.h"

#include <QRandomGenerator>

namespace pos {

Result<qint64> seedDemoSales(Database& db, qint64 count, quint32 seed,
                             const std::function<void(qint64, qint64)>& progress)
{
    if (count <= 0)
        return 0;
    auto settings = RegisterSettings::load(db);
    if (!settings)
        return std::unexpected(settings.error());
    auto maxId = db.scalar("SELECT coalesce(max(id), 0) FROM products WHERE active = 1");
    if (!maxId)
        return std::unexpected(maxId.error());
    if (*maxId == 0)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("the catalog is empty: seed or import products before sales"));

    // Spread the sales over the time before now, about two minutes apart.
    ManualClock clock(QDateTime::currentDateTimeUtc().addSecs(-120 * count));
    RandomIdSource ids;
    SimulatedProcessor processor;
    QRandomGenerator rng(seed);
    ShiftService shifts(db, clock, ids, settings->registerId, settings->currency);
    if (!shifts.current()) {
        auto opened = shifts.open(QStringLiteral("Demo Cashier"), 20000);
        if (!opened)
            return std::unexpected(opened.error());
    }
    CatalogService catalog(db, settings->currency);
    SaleService sales(db, clock, ids, processor, settings->registerId);

    qint64 done = 0;
    while (done < count) {
        Cart cart(settings->currency, ids.newId());
        cart.setStartedAt(clock.nowUtc());
        const int lines = 1 + static_cast<int>(rng.bounded(5));
        for (int attempt = 0; cart.lines().size() < lines && attempt < 50; ++attempt) {
            auto product = catalog.findById(
                1 + static_cast<qint64>(rng.bounded(static_cast<quint64>(*maxId))));
            if (!product)
                continue; // a gap or an inactive product: pick another
            Quantity qty = product->soldByWeight
                               ? Quantity::fromMilli(100 + static_cast<qint64>(rng.bounded(1900)))
                               : Quantity::units(1 + static_cast<qint64>(rng.bounded(3)));
            if (!cart.addProduct(*product, qty))
                continue;
        }
        auto totals = cart.totals();
        if (!totals)
            return std::unexpected(totals.error());
        if (totals->totalMinor <= 0)
            continue;
        QList<TenderRequest> tenders;
        if (rng.bounded(2) == 0) {
            const qint64 due = totals->totalMinor;
            const qint64 handed = (due + 999) / 1000 * 1000; // the next 10.00 note
            tenders.append({TenderKind::Cash, due, handed});
        } else {
            tenders.append({TenderKind::Card, totals->totalMinor, totals->totalMinor});
        }
        auto sale = sales.complete(cart, tenders, QStringLiteral("Demo Cashier"));
        if (!sale)
            return std::unexpected(sale.error());
        ++done;
        clock.advanceSecs(60 + static_cast<qint64>(rng.bounded(120)));
        if (progress && (done % 100 == 0 || done == count))
            progress(done, count);
    }
    return done;
}

} // namespace pos
