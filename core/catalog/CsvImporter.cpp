#include "catalog/CsvImporter.h"

#include "catalog/BulkLoad.h"
#include "catalog/CatalogText.h"
#include "catalog/CsvReader.h"
#include "catalog/ProductWriter.h"
#include "money/Money.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCatalog)

namespace pos {

using catalogtext::quoted;

namespace {

constexpr qint64 MaxFileBytes = qint64(1) << 30; // 1 GiB
constexpr qint64 ProgressStep = 5'000;
constexpr qint64 BulkRows = 5'000; // below this, the FTS triggers index row by row

enum Column { Sku, Name, Price, Cost, TaxCode, Category, Barcodes, Active, SoldByWeight, Count };

constexpr const char* ColumnNames[Count] = {
    "sku", "name", "price", "cost", "tax_code", "category", "barcodes", "active", "sold_by_weight"};
constexpr bool Required[Count] = {true, true, true, false, true, false, false, false, false};

// Column index in the file for each known column, -1 when absent.
struct Header {
    int at[Count];
    qsizetype width = 0;
};

Result<Header> parseHeader(const CsvRecord& record, const QString& source)
{
    const auto bad = [&](const QString& why) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("%1: the header (line %2) %3").arg(source).arg(record.line).arg(why));
    };
    if (!record.error.isEmpty())
        return bad(QStringLiteral("is malformed: ") + record.error);
    Header h;
    std::fill(std::begin(h.at), std::end(h.at), -1);
    h.width = record.fields.size();
    for (qsizetype i = 0; i < record.fields.size(); ++i) {
        const QString name = record.fields[i].trimmed().toLower();
        int column = -1;
        for (int c = 0; c < Count; ++c) {
            if (name == QLatin1StringView(ColumnNames[c]))
                column = c;
        }
        if (column < 0)
            return bad(QStringLiteral("has an unknown column %1 (known: sku, name, price, cost, "
                                      "tax_code, category, barcodes, active, sold_by_weight)")
                           .arg(quoted(record.fields[i])));
        if (h.at[column] >= 0)
            return bad(QStringLiteral("names the column %1 twice").arg(quoted(name)));
        h.at[column] = static_cast<int>(i);
    }
    QStringList missing;
    for (int c = 0; c < Count; ++c) {
        if (Required[c] && h.at[c] < 0)
            missing << QString::fromLatin1(ColumnNames[c]);
    }
    if (!missing.isEmpty())
        return bad(QStringLiteral("lacks the required column(s) %1").arg(missing.join(u", ")));
    return h;
}

std::optional<bool> parseFlag(QStringView text, bool fallback)
{
    const QString t = text.trimmed().toString().toLower();
    if (t.isEmpty())
        return fallback;
    if (t == u"1" || t == u"yes" || t == u"true" || t == u"y")
        return true;
    if (t == u"0" || t == u"no" || t == u"false" || t == u"n")
        return false;
    return std::nullopt;
}

// Turns one record into a product, collecting every problem that needs no store access.
NewProduct toProduct(const CsvRecord& r, const Header& h, int decimals, QStringList& problems)
{
    const auto value = [&](Column c) {
        return h.at[c] >= 0 ? r.fields[h.at[c]] : QString();
    };
    NewProduct p;
    p.sku = value(Sku);
    p.name = value(Name);
    p.taxCode = value(TaxCode);
    p.category = value(Category);

    const auto amount = [&](Column c, const char* what, bool required) -> qint64 {
        const QString text = value(c).trimmed();
        if (text.isEmpty()) {
            if (required)
                problems << QStringLiteral("the %1 is missing").arg(QLatin1StringView(what));
            return 0;
        }
        auto minor = Money::parseMinor(text, decimals, false);
        if (minor)
            return *minor;
        if (minor.error().code == ErrorCode::Overflow)
            problems << QStringLiteral("the %1 %2 is too large")
                            .arg(QLatin1StringView(what), quoted(text));
        else
            problems << QStringLiteral("%1: %2").arg(QLatin1StringView(what),
                                                     minor.error().message);
        return 0;
    };
    p.priceMinor = amount(Price, "price", true);
    p.costMinor = amount(Cost, "cost", false);

    const auto flag = [&](Column c, const char* what, bool fallback) {
        auto f = parseFlag(value(c), fallback);
        if (!f)
            problems << QStringLiteral("%1 must be 1/0, yes/no or true/false, not %2")
                            .arg(QLatin1StringView(what), quoted(value(c).trimmed()));
        return f.value_or(fallback);
    };
    p.active = flag(Active, "active", true);
    p.soldByWeight = flag(SoldByWeight, "sold_by_weight", false);

    const QString codes = value(Barcodes).trimmed();
    if (!codes.isEmpty()) {
        const QStringList parts = codes.split(u'|');
        for (const QString& part : parts) {
            if (part.trimmed().isEmpty())
                problems << QStringLiteral("the barcode list has an empty entry (separate "
                                           "barcodes with a single '|')");
            else
                p.barcodes << part;
        }
    }
    problems << ProductWriter::check(p);
    return p;
}

} // namespace

CsvImporter::CsvImporter(Database& db, AccessControl& access, QString currency)
    : m_db(db), m_access(access), m_currency(std::move(currency))
{}

Result<ImportReport> CsvImporter::importFile(const Session& session, const QString& path,
                                             const Progress& progress)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return std::unexpected(s.error());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > MaxFileBytes)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is larger than 1 GiB; split it into smaller files").arg(path));
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return importData(session, data, path, progress);
}

Result<ImportReport> CsvImporter::importData(const Session& session, const QByteArray& data,
                                             const QString& sourceName, const Progress& progress)
{
    if (auto s = m_access.require(session, Permission::CatalogEdit); !s)
        return std::unexpected(s.error());
    CsvReader header(data);
    CsvRecord record;
    if (!header.next(record))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is empty: expected a header line such as "
                                   "sku,name,price,tax_code")
                        .arg(sourceName));
    auto h = parseHeader(record, sourceName);
    if (!h)
        return std::unexpected(h.error());
    const qint64 rows = std::max<qint64>(CsvReader::countRecords(data) - 1, 0);
    const qint64 total = 2 * rows;
    const int decimals = Money::decimalsFor(m_currency);

    // One write transaction from the first check to the last insert: nobody can add a clashing
    // SKU in between, and a file with problems leaves the store untouched.
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    ProductWriter writer(m_db);
    ImportReport report;
    QHash<QString, qint64> skuLines;
    QHash<QString, qint64> barcodeLines;
    qint64 done = 0;

    // Pass 1: check every row.
    CsvReader pass1(data);
    pass1.next(record); // header
    while (pass1.next(record)) {
        ++done;
        if (progress && done % ProgressStep == 0)
            progress(std::min(done, rows), total);
        if (!record.error.isEmpty()) {
            report.issues.append({record.line, record.error});
            continue;
        }
        if (record.fields.size() != h->width) {
            report.issues.append({record.line, QStringLiteral("has %1 field(s) but the header has "
                                                              "%2")
                                                   .arg(record.fields.size())
                                                   .arg(h->width)});
            continue;
        }
        QStringList problems;
        NewProduct p = toProduct(record, *h, decimals, problems);
        if (!p.taxCode.isEmpty()) {
            auto tax = writer.taxClass(p.taxCode);
            if (!tax && tax.error().code != ErrorCode::InvalidInput)
                return std::unexpected(tax.error());
            if (!tax)
                problems << tax.error().message;
        }
        if (!p.sku.isEmpty()) {
            if (auto it = skuLines.constFind(p.sku); it != skuLines.constEnd())
                problems << QStringLiteral("SKU %1 is also on line %2").arg(quoted(p.sku)).arg(*it);
            else
                skuLines.insert(p.sku, record.line);
        }
        for (const QString& code : std::as_const(p.barcodes)) {
            if (auto it = barcodeLines.constFind(code); it != barcodeLines.constEnd()) {
                if (*it != record.line)
                    problems << QStringLiteral("barcode %1 is also on line %2")
                                    .arg(quoted(code))
                                    .arg(*it);
            } else {
                barcodeLines.insert(code, record.line);
            }
        }
        auto clash = writer.conflicts(p);
        if (!clash)
            return std::unexpected(clash.error());
        problems << *clash;
        if (!problems.isEmpty())
            report.issues.append({record.line, problems.join(u"; ")});
    }
    if (!report.issues.isEmpty()) {
        qCInfo(lcCatalog) << "catalog import refused:" << report.issues.size() << "bad row(s) of"
                          << rows;
        if (progress)
            progress(total, total);
        return report; // the transaction rolls back: nothing was written
    }

    // Pass 2: every row is good; insert them. A big file (relative to the catalog) is indexed
    // for search in one rebuild instead of row by row.
    auto existing = m_db.scalar("SELECT count(*) FROM products");
    if (!existing)
        return std::unexpected(existing.error());
    auto bulk = BulkLoad::begin(m_db, rows >= std::max<qint64>(BulkRows, *existing / 4));
    if (!bulk)
        return std::unexpected(bulk.error());
    CsvReader pass2(data);
    pass2.next(record); // header
    while (pass2.next(record)) {
        QStringList problems;
        const NewProduct p = toProduct(record, *h, decimals, problems);
        auto tax = writer.taxClass(p.taxCode);
        if (!tax)
            return std::unexpected(tax.error());
        auto id = writer.insert(p, tax->id);
        if (!id)
            return fail(id.error().code, QStringLiteral("%1 line %2: %3")
                                             .arg(sourceName)
                                             .arg(record.line)
                                             .arg(id.error().message));
        ++report.imported;
        if (progress && report.imported % ProgressStep == 0)
            progress(rows + report.imported, total);
    }
    if (auto s = bulk->finish(); !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    if (progress)
        progress(total, total);
    qCInfo(lcCatalog) << "imported" << report.imported << "products";
    return report;
}

Result<ImportReport> importCsv(Database& db, AccessControl& access, const Session& session,
                               const QString& path, const QString& currency,
                               std::function<void(qint64 done, qint64 total)> progress)
{
    return CsvImporter(db, access, currency).importFile(session, path, progress);
}

} // namespace pos
