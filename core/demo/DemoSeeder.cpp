#include "demo/DemoSeeder.h"

#include "Clock.h"
#include "catalog/Barcode.h"
#include "catalog/BulkLoad.h"
#include "catalog/ProductWriter.h"
#include "customers/CustomerService.h"
#include "demo/DemoWords.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QStringList>

Q_LOGGING_CATEGORY(lcDemo, "pos.demo")

namespace pos {

namespace {

using namespace demowords;

constexpr qint64 ProgressStep = 10'000;
constexpr qint64 MaxDemoProducts = 9'999'999; // SKUs have 7 digits
constexpr qint64 MaxDemoCustomers = 10'000'000;

// splitmix64: a tiny, well-mixed hash so that item i depends only on (seed, i).
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

class Dice {
public:
    Dice(quint64 seed, qint64 index, quint64 stream)
        : m_state(mix(seed ^ mix(static_cast<quint64>(index) ^ (stream << 56))))
    {}
    quint64 next()
    {
        m_state = mix(m_state);
        return m_state;
    }
    // Uniform-enough in [0, n) for the small n used here.
    qsizetype below(qsizetype n)
    {
        return static_cast<qsizetype>(next() % static_cast<quint64>(n));
    }
    qint64 between(qint64 lo, qint64 hi)
    {
        return lo + static_cast<qint64>(next() % static_cast<quint64>(hi - lo + 1));
    }

private:
    quint64 m_state;
};

template <class T, std::size_t N> const T& pick(Dice& dice, const T (&items)[N])
{
    return items[dice.below(static_cast<qsizetype>(N))];
}

QStringView pickPart(Dice& dice, const QStringList& parts)
{
    return parts.at(dice.below(parts.size()));
}

QString digits(qint64 value, int width)
{
    return QString::number(value).rightJustified(width, u'0');
}

QString withCheckDigit(const QString& body)
{
    return body + QString::number(gs1CheckDigit(body));
}

// Split word lists, once.
struct SplitCategory {
    QString name;
    QString taxCode;
    QStringList nouns;
    QStringList sizes;
    int minPrice;
    int maxPrice;
    bool byWeight;
};

const QList<SplitCategory>& splitCategories()
{
    static const QList<SplitCategory> all = [] {
        QList<SplitCategory> out;
        for (const DemoCategory& c : Categories)
            out.append({QString::fromUtf8(c.name), QString::fromUtf8(c.taxCode),
                        QString::fromUtf8(c.nouns).split(u'|'),
                        QString::fromUtf8(c.sizes).split(u'|', Qt::SkipEmptyParts), c.minPriceMinor,
                        c.maxPriceMinor, c.byWeight});
        return out;
    }();
    return all;
}

// Deterministic version-4 UUIDs for demo customers.
class SeededIds final : public IdSource {
public:
    explicit SeededIds(quint64 seed) : m_dice(seed, 0, 7) {}
    QUuid newId() override
    {
        const quint64 hi = m_dice.next();
        const quint64 lo = m_dice.next();
        const auto byte = [](quint64 v, int shift) {
            return static_cast<uchar>(v >> shift);
        };
        return QUuid(static_cast<uint>(hi >> 32), static_cast<ushort>(hi >> 16),
                     static_cast<ushort>((hi & 0x0fff) | 0x4000),
                     static_cast<uchar>((byte(lo, 56) & 0x3f) | 0x80), byte(lo, 48), byte(lo, 40),
                     byte(lo, 32), byte(lo, 24), byte(lo, 16), byte(lo, 8), byte(lo, 0));
    }

private:
    Dice m_dice;
};

} // namespace

DemoSeeder::DemoSeeder(Database& db, AccessControl& access, QString currency, quint64 seed)
    : m_db(db), m_access(access), m_currency(std::move(currency)), m_seed(seed)
{}

QString DemoSeeder::demoSku(qint64 index)
{
    // One token per SKU for the FTS tokenizer: "DEMO-0000001" would put the word "demo" into
    // every document, and a 4-letter prefix has no FTS prefix index to read lazily.
    return u"D" + digits(index, 7);
}

QString DemoSeeder::demoBarcode(qint64 index)
{
    // A country-like prefix and a 9-digit item number that is a bijection of index (3^18 is
    // coprime to 10^9), so every demo product up to a billion has its own code.
    const qint64 item = (index * 387'420'489LL + 123'456'789LL) % 1'000'000'000LL;
    const auto prefixIndex =
        static_cast<qsizetype>(mix(static_cast<quint64>(index)) % std::size(CountryPrefixes));
    return withCheckDigit(QString::fromLatin1(CountryPrefixes[prefixIndex]) + digits(item, 9));
}

NewProduct DemoSeeder::demoProduct(qint64 index) const
{
    Dice dice(m_seed, index, 1);
    const QList<SplitCategory>& categories = splitCategories();
    const SplitCategory& c = categories.at(dice.below(categories.size()));
    NewProduct p;
    p.sku = demoSku(index);
    p.category = c.name;
    p.taxCode = c.taxCode;
    p.soldByWeight = c.byWeight && dice.below(3) == 0;

    QString name;
    if (dice.below(4) != 0)
        name += QString::fromUtf8(pick(dice, Brands)) + u' ';
    if (dice.below(2) == 0)
        name += QString::fromUtf8(pick(dice, Adjectives)) + u' ';
    name += pickPart(dice, c.nouns);
    if (p.soldByWeight)
        name += u" per kg";
    else if (!c.sizes.isEmpty())
        name += u' ' + pickPart(dice, c.sizes);
    p.name = name;

    // Shelf-like prices: x.29, x.49, x.79 or x.99; cost 55-80% of the price.
    static constexpr int Endings[] = {29, 49, 79, 99};
    const qint64 whole = dice.between(c.minPrice, c.maxPrice) / 100;
    p.priceMinor = whole * 100 + pick(dice, Endings);
    p.costMinor = p.priceMinor * dice.between(55, 80) / 100;
    p.active = dice.below(200) != 0; // a few delisted items
    p.barcodes << demoBarcode(index);
    if (index % 20 == 0) // an in-store second code (GS1 prefix 2: restricted circulation)
        p.barcodes << withCheckDigit(u"2" + digits(index, 11));
    return p;
}

Status DemoSeeder::seedTaxClasses(const Session& session)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return s;
    return insertTaxClasses();
}

Status DemoSeeder::insertTaxClasses()
{
    struct Tax {
        const char* code;
        const char* name;
        qint64 ppm;
    };
    static constexpr Tax Taxes[] = {{"STD", "Standard rate 19%", 190000},
                                    {"RED", "Reduced rate 7%", 70000},
                                    {"ZERO", "Zero rate", 0}};
    for (const Tax& t : Taxes) {
        auto q = m_db.query("INSERT INTO tax_classes (code, name, rate_ppm, inclusive) "
                            "SELECT ?1, ?2, ?3, 1 WHERE NOT EXISTS "
                            "(SELECT 1 FROM tax_classes WHERE code = ?1)");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, QString::fromLatin1(t.code)).bind(2, QString::fromLatin1(t.name)).bind(3, t.ppm);
        if (auto s = q->run(); !s)
            return s;
    }
    return {};
}

Result<qint64> DemoSeeder::seedProducts(const Session& session, qint64 count,
                                        const Progress& progress)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return std::unexpected(s.error());
    if (count <= 0)
        return 0;
    QElapsedTimer timer;
    timer.start();
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = insertTaxClasses(); !s)
        return std::unexpected(s.error());

    // Continue after the demo products already there (zero-padded, so the text max is the
    // numeric max; the GLOB range uses the SKU index).
    qint64 first = 1;
    {
        auto q = m_db.query("SELECT max(sku) FROM products WHERE sku GLOB "
                            "'D[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'");
        if (!q)
            return std::unexpected(q.error());
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (*row && !q->isNull(0))
            first = q->text(0).mid(1).toLongLong() + 1;
    }
    if (first - 1 + count > MaxDemoProducts)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("at most %1 demo products fit the demo SKU scheme")
                        .arg(MaxDemoProducts));

    // Row-by-row FTS indexing through the triggers is what makes a million products slow
    // (minutes); BulkLoad suspends it and rebuilds the index once (seconds).
    auto bulk = BulkLoad::begin(m_db, true);
    if (!bulk)
        return std::unexpected(bulk.error());
    ProductWriter writer(m_db);
    QHash<QString, qint64> taxIds;
    for (qint64 i = 0; i < count; ++i) {
        const NewProduct p = demoProduct(first + i);
        auto tax = taxIds.constFind(p.taxCode);
        if (tax == taxIds.constEnd()) {
            auto t = writer.taxClass(p.taxCode);
            if (!t)
                return std::unexpected(t.error());
            tax = taxIds.insert(p.taxCode, t->id);
        }
        auto id = writer.insert(p, *tax);
        if (!id)
            return fail(id.error().code, QStringLiteral("seeding demo product %1 failed: %2")
                                             .arg(first + i)
                                             .arg(id.error().message));
        if (progress && ((i + 1) % ProgressStep == 0 || i + 1 == count))
            progress(i + 1, count);
    }
    const qint64 insertedMs = timer.elapsed();
    if (auto s = bulk->finish(); !s)
        return std::unexpected(s.error());
    const qint64 indexedMs = timer.elapsed();
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcDemo) << "seeded" << count << "demo products in" << timer.elapsed() << "ms (rows"
                   << insertedMs << "ms, search index" << indexedMs - insertedMs << "ms)";
    return count;
}

Result<qint64> DemoSeeder::seedCustomers(const Session& session, qint64 count,
                                         const Progress& progress)
{
    for (Permission p : {Permission::CatalogEdit, Permission::CustomersEdit}) {
        if (auto s = m_access.require(session, p); !s)
            return std::unexpected(s.error());
    }
    if (count <= 0)
        return 0;
    if (count > MaxDemoCustomers)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("at most %1 demo customers at a time").arg(MaxDemoCustomers));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto existing = m_db.scalar("SELECT count(*) FROM customers");
    if (!existing)
        return std::unexpected(existing.error());
    SystemClock clock;
    SeededIds ids(m_seed ^ static_cast<quint64>(*existing));
    CustomerService customers(m_db, m_access, clock, ids);
    for (qint64 i = 0; i < count; ++i) {
        const qint64 n = *existing + i + 1;
        Dice dice(m_seed, n, 2);
        const QString firstName = QString::fromUtf8(pick(dice, FirstNames));
        const QString lastName = QString::fromUtf8(pick(dice, LastNames));
        Customer c;
        c.name = firstName + u' ' + lastName;
        c.phone = u"+49 1" + digits(dice.between(50, 79), 2) + u' ' +
                  digits(dice.between(1'000'000, 9'999'999), 7);
        c.email =
            firstName.toLower() + u'.' + lastName.toLower() + QString::number(n) + u"@example.com";
        if (dice.below(10) == 0)
            c.notes = QStringLiteral("Prefers paper receipts");
        auto id = customers.add(session, c);
        if (!id)
            return fail(id.error().code, QStringLiteral("seeding demo customer %1 failed: %2")
                                             .arg(n)
                                             .arg(id.error().message));
        if (progress && ((i + 1) % ProgressStep == 0 || i + 1 == count))
            progress(i + 1, count);
    }
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcDemo) << "seeded" << count << "demo customers";
    return count;
}

} // namespace pos
