#include "demo/DemoSalesSeeder.h"

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "store/RegisterSettings.h"

#include <QRandomGenerator>

namespace pos {

Result<qint64> seedDemoSales(Database& db, AccessControl& access, const Session& session,
                             qint64 count, quint32 seed,
                             const std::function<void(qint64, qint64)>& progress)
{
    for (Permission p : {Permission::CatalogEdit, Permission::SettingsManage}) {
        if (auto s = access.require(session, p); !s)
            return std::unexpected(s.error());
    }
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
    ShiftService shifts(db, access, clock, ids, settings->registerId, settings->currency);
    if (auto current = shifts.current(session); !current) {
        if (current.error().code != ErrorCode::NotFound)
            return std::unexpected(current.error());
        auto opened = shifts.open(session, 20000);
        if (!opened)
            return std::unexpected(opened.error());
    }
    CatalogService catalog(db, access, settings->currency);
    SaleService sales(db, access, clock, ids, processor, settings->registerId);

    qint64 done = 0;
    while (done < count) {
        Cart cart(settings->currency, ids.newId());
        cart.setStartedAt(clock.nowUtc());
        const int lines = 1 + static_cast<int>(rng.bounded(5));
        for (int attempt = 0; cart.lines().size() < lines && attempt < 50; ++attempt) {
            auto product = catalog.findById(
                session, 1 + static_cast<qint64>(rng.bounded(static_cast<quint64>(*maxId))));
            if (!product && product.error().code != ErrorCode::NotFound)
                return std::unexpected(product.error());
            if (!product)
                continue; // a gap: pick another
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
        auto sale = sales.complete(session, cart, tenders);
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
