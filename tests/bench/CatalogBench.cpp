#include "BareStore.h"
#include "Benches.h"
#include "Stats.h"

#include "catalog/CatalogService.h"
#include "demo/DemoSeeder.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <cstdio>
#include <map>

namespace pos::bench {

namespace {

// The catalog service's own SQL (core/catalog/CatalogService.cpp), run bare.
#define BENCH_PRODUCT_SELECT                                                                       \
    "SELECT p.id, p.sku, p.name, p.price_minor, p.cost_minor, t.id, t.code, t.name, t.rate_ppm, "  \
    "t.inclusive, c.name, p.active, p.sold_by_weight, "                                            \
    "(SELECT group_concat(code, ' ') FROM barcodes WHERE product_id = p.id) "
#define BENCH_PRODUCT_JOINS                                                                        \
    "JOIN tax_classes t ON t.id = p.tax_class_id LEFT JOIN categories c ON c.id = p.category_id "

constexpr const char* ByBarcode = BENCH_PRODUCT_SELECT
    "FROM barcodes b JOIN products p ON p.id = b.product_id " BENCH_PRODUCT_JOINS
    "WHERE b.code = ?1";
constexpr const char* Search = BENCH_PRODUCT_SELECT
    "FROM product_search s JOIN products p ON p.id = s.docid " BENCH_PRODUCT_JOINS
    "WHERE s.product_search MATCH ?1 AND p.active = 1 LIMIT ?2";

// Reads every column the way a caller must to build a product.
int readRows(sqlite3_stmt* s)
{
    int rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < 14; ++c)
            if (sqlite3_column_type(s, c) == SQLITE_TEXT)
                (void)sqlite3_column_text(s, c);
            else
                (void)sqlite3_column_int64(s, c);
    }
    sqlite3_reset(s);
    return rows;
}

} // namespace

void benchLookup(BenchStore& store, QStringList& out)
{
    CatalogService catalog(*store.db, *store.access, QStringLiteral("EUR"));
    BareStore bare(store.path, *store.key);
    sqlite3_stmt* stmt = bare.prepare(ByBarcode);
    QRandomGenerator rng(7);
    std::vector<qint64> ours, floor;
    const int rounds = 20000;
    QElapsedTimer t;
    for (int i = 0; i < rounds; ++i) {
        const QString code = DemoSeeder::demoBarcode(
            1 + static_cast<qint64>(rng.bounded(static_cast<quint64>(store.products))));
        // Alternate which side goes first so neither profits from the other's cache.
        for (int side = 0; side < 2; ++side) {
            const bool oursFirst = (i % 2 == 0) == (side == 0);
            t.start();
            if (oursFirst) {
                auto p = catalog.findByBarcode(store.cashier, code);
                ours.push_back(t.nsecsElapsed());
                // Some demo products are inactive: "not for sale" is an answer too.
                if (!p && p.error().code != ErrorCode::NotFound)
                    qFatal("lookup failed: %s", qPrintable(p.error().message));
            } else {
                const QByteArray c = code.toUtf8();
                sqlite3_bind_text(stmt, 1, c.constData(), static_cast<int>(c.size()),
                                  SQLITE_TRANSIENT);
                const int rows = readRows(stmt);
                floor.push_back(t.nsecsElapsed());
                if (rows != 1)
                    qFatal("bare lookup found %d rows", rows);
            }
        }
    }
    out << row(QStringLiteral("barcode lookup (%1 products)").arg(store.products), summarize(ours),
               summarize(floor));
}

void benchSearch(BenchStore& store, QStringList& out)
{
    CatalogService catalog(*store.db, *store.access, QStringLiteral("EUR"));
    BareStore bare(store.path, *store.key);
    sqlite3_stmt* stmt = bare.prepare(Search);
    // What a cashier types, one keystroke at a time: each prefix is one search.
    const QStringList typed = {QStringLiteral("milk"),        QStringLiteral("organic whole"),
                               QStringLiteral("coffee bean"), QStringLiteral("dark roast"),
                               QStringLiteral("D0012345"),    QStringLiteral("apple juice"),
                               QStringLiteral("bread"),       QStringLiteral("cheese ched"),
                               QStringLiteral("x"),           QStringLiteral("tea gr")};
    std::vector<qint64> ours, floor;
    std::map<QString, qint64> worst; // typed text -> slowest time of ours
    QElapsedTimer t;
    for (int round = 0; round < 20; ++round) {
        for (const QString& word : typed) {
            for (qsizetype n = 1; n <= word.size(); ++n) {
                const QString text = word.left(n);
                const QString match = CatalogService::searchExpression(text);
                if (match.isEmpty())
                    continue;
                t.start();
                auto found = catalog.search(store.cashier, text, 20);
                ours.push_back(t.nsecsElapsed());
                worst[text] = std::max(worst[text], ours.back());
                if (!found)
                    qFatal("search failed: %s", qPrintable(found.error().message));
                const QByteArray m = match.toUtf8();
                t.start();
                sqlite3_bind_text(stmt, 1, m.constData(), static_cast<int>(m.size()),
                                  SQLITE_TRANSIENT);
                sqlite3_bind_int(stmt, 2, 20);
                const int rows = readRows(stmt);
                floor.push_back(t.nsecsElapsed());
                if (rows != found->size())
                    qFatal("search '%s': ours %d rows, bare %d", qPrintable(text),
                           static_cast<int>(found->size()), rows);
            }
        }
    }
    out << row(QStringLiteral("as-you-type search, 20 results"), summarize(ours), summarize(floor));
    std::vector<std::pair<qint64, QString>> slow;
    for (const auto& [text, ns] : worst)
        slow.emplace_back(ns, text);
    std::sort(slow.rbegin(), slow.rend());
    QStringList names;
    for (std::size_t i = 0; i < std::min<std::size_t>(5, slow.size()); ++i)
        names << QStringLiteral("'%1' %2 ms")
                     .arg(slow[i].second)
                     .arg(static_cast<double>(slow[i].first) / 1e6, 0, 'f', 1);
    std::fprintf(stderr, "slowest searches: %s\n", qPrintable(names.join(QStringLiteral(", "))));
}

} // namespace pos::bench
