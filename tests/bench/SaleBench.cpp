#include "BareStore.h"
#include "Benches.h"
#include "Stats.h"

#include "Clock.h"
#include "catalog/CatalogService.h"
#include "demo/DemoSeeder.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "store/RegisterSettings.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

namespace pos::bench {

namespace {

void bindText(sqlite3_stmt* s, int i, const QString& v)
{
    const QByteArray b = v.toUtf8();
    sqlite3_bind_text(s, i, b.constData(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
}

void step(BareStore& bare, sqlite3_stmt* s)
{
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    }
    bare.check(rc);
    sqlite3_reset(s);
}

// The statements SaleService runs for one sale (core/sales/SaleRecords.cpp), bare.
struct BareSale {
    explicit BareSale(BareStore& b)
        : bare(b), shift(b.prepare("SELECT id, currency FROM shifts WHERE register_id = ?1 AND "
                                   "closed_at IS NULL")),
          exists(b.prepare("SELECT 1 FROM sales WHERE uuid = ?1")),
          seqRead(b.prepare("SELECT last_no FROM receipt_sequence WHERE register_id = ?1")),
          seqWrite(b.prepare("UPDATE receipt_sequence SET last_no = ?2 WHERE register_id = ?1")),
          sale(b.prepare("INSERT INTO sales (uuid, register_id, receipt_no, shift_id, cashier, "
                         "customer_id, currency, subtotal_minor, discount_minor, tax_minor, "
                         "total_minor, paid_minor, change_minor, started_at, completed_at) VALUES "
                         "(?1, ?2, ?3, ?4, ?5, NULL, 'EUR', ?6, 0, ?7, ?8, ?8, 0, ?9, ?9)")),
          line(b.prepare(
              "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, "
              "qty_milli, unit_price_minor, line_discount_minor, order_discount_minor, "
              "net_minor, tax_minor, total_minor, tax_code, tax_rate_ppm, "
              "tax_inclusive, sold_by_weight) VALUES (?1, ?2, ?3, ?4, ?5, 1000, ?6, 0, 0, ?6, "
              "0, ?6, 'STD', 190000, 1, 0)")),
          tender(b.prepare("INSERT INTO sale_tenders (sale_id, seq, kind, amount_minor, "
                           "tendered_minor, reference, idempotency_key) VALUES (?1, 1, 'cash', "
                           "?2, ?2, NULL, ?3)"))
    {}

    void commit(const QString& registerId, const QList<Product>& products)
    {
        bare.exec("BEGIN IMMEDIATE");
        bindText(shift, 1, registerId);
        sqlite3_step(shift);
        const qint64 shiftId = sqlite3_column_int64(shift, 0);
        sqlite3_reset(shift);
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        bindText(exists, 1, uuid);
        step(bare, exists);
        bindText(seqRead, 1, registerId);
        sqlite3_step(seqRead);
        const qint64 receipt = sqlite3_column_int64(seqRead, 0) + 1;
        sqlite3_reset(seqRead);
        bindText(seqWrite, 1, registerId);
        sqlite3_bind_int64(seqWrite, 2, receipt);
        step(bare, seqWrite);
        qint64 total = 0;
        for (const Product& p : products)
            total += p.price.minor();
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        bindText(sale, 1, uuid);
        bindText(sale, 2, registerId);
        sqlite3_bind_int64(sale, 3, receipt);
        sqlite3_bind_int64(sale, 4, shiftId);
        bindText(sale, 5, QStringLiteral("Bench Cashier"));
        sqlite3_bind_int64(sale, 6, total);
        sqlite3_bind_int64(sale, 7, total / 10);
        sqlite3_bind_int64(sale, 8, total);
        bindText(sale, 9, now);
        step(bare, sale);
        const qint64 saleId = sqlite3_last_insert_rowid(bare.handle());
        for (qsizetype i = 0; i < products.size(); ++i) {
            sqlite3_bind_int64(line, 1, saleId);
            sqlite3_bind_int64(line, 2, i + 1);
            sqlite3_bind_int64(line, 3, products[i].id);
            bindText(line, 4, products[i].sku);
            bindText(line, 5, products[i].name);
            sqlite3_bind_int64(line, 6, products[i].price.minor());
            step(bare, line);
        }
        sqlite3_bind_int64(tender, 1, saleId);
        sqlite3_bind_int64(tender, 2, total);
        bindText(tender, 3, QUuid::createUuid().toString(QUuid::WithoutBraces));
        step(bare, tender);
        bare.exec("COMMIT");
    }

    BareStore& bare;
    sqlite3_stmt *shift, *exists, *seqRead, *seqWrite, *sale, *line, *tender;
};

} // namespace

void benchSaleCommit(BenchStore& store, QStringList& out)
{
    auto settings = RegisterSettings::load(*store.db);
    if (!settings)
        qFatal("no settings");
    SystemClock clock;
    RandomIdSource ids;
    SimulatedProcessor processor;
    const Session& cashier = store.cashier;
    CatalogService catalog(*store.db, *store.access, settings->currency);
    ShiftService shifts(*store.db, *store.access, clock, ids, settings->registerId,
                        settings->currency);
    if (!shifts.current(cashier) && !shifts.open(cashier, 10000))
        qFatal("cannot open a shift");
    SaleService sales(*store.db, *store.access, clock, ids, processor, settings->registerId);
    BareStore bare(store.path, *store.key);
    BareSale bareSale(bare);

    QRandomGenerator rng(11);
    std::vector<qint64> ours, floor;
    QElapsedTimer t;
    const int rounds = 400;
    for (int i = 0; i < rounds; ++i) {
        QList<Product> products;
        while (products.size() < 5) {
            auto p = catalog.findById(cashier, 1 + static_cast<qint64>(rng.bounded(
                                                       static_cast<quint64>(store.products))));
            if (p && p->active && !p->soldByWeight)
                products.append(*p);
        }
        // Ours: the whole counter path from a filled cart to a stored sale.
        Cart cart(settings->currency, ids.newId());
        for (const Product& p : products)
            if (!cart.addProduct(p))
                qFatal("cannot add a product");
        auto total = cart.totals();
        const bool oursFirst = i % 2 == 0;
        for (int side = 0; side < 2; ++side) {
            if ((side == 0) == oursFirst) {
                t.start();
                auto sale = sales.complete(
                    cashier, cart, {{TenderKind::Cash, total->totalMinor, total->totalMinor}});
                ours.push_back(t.nsecsElapsed());
                if (!sale)
                    qFatal("sale failed: %s", qPrintable(sale.error().message));
            } else {
                t.start();
                bareSale.commit(settings->registerId, products);
                floor.push_back(t.nsecsElapsed());
            }
        }
    }
    out << row(QStringLiteral("complete a 5-line sale, synchronous=FULL"), summarize(ours),
               summarize(floor));
}

} // namespace pos::bench
