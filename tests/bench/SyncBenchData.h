#pragma once

// The queued sales of pos_sync_bench (SyncBench.cpp): realistic `sale` records as docs/sync.md
// describes them (three lines from a small catalog, tax included, one tender or a card/cash
// split), made once before anything is timed, both as push bodies and as the COPY text of the
// very same rows (sales, sale_lines, sale_tenders) for the baseline.

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QUuid>

namespace pos::bench {

struct BenchProduct {
    const char* sku;
    const char* name;
    qint64 priceMinor;
    qint64 taxRatePpm;
    const char* taxCode;
    bool weighed; // sold by weight: quantities like 0.742 kg
};

inline const QList<BenchProduct>& benchCatalog()
{
    static const QList<BenchProduct> products{
        {"4006381333931", "Pencil HB, pack of 12", 349, 190000, "STD", false},
        {"4011200296908", "Sparkling water 1.5 l", 59, 190000, "STD", false},
        {"4000417025005", "Dark chocolate 100 g", 149, 70000, "RED", false},
        {"2000000000015", "Apples, loose (kg)", 299, 70000, "RED", true},
        {"4008400402222", "Coffee beans 500 g", 899, 70000, "RED", false},
        {"4005500089543", "Dish soap 750 ml", 195, 190000, "STD", false},
        {"2000000000022", "Cheddar, counter (kg)", 1890, 70000, "RED", true},
        {"4012345678901", "USB-C cable 1 m", 1299, 190000, "STD", false},
        {"4061458021145", "Oat milk 1 l", 189, 70000, "RED", false},
        {"4104420021447", "Notebook A5, dotted", 495, 190000, "STD", false},
        {"4311501621483", "Rye bread 750 g", 279, 70000, "RED", false},
        {"4009900484916", "Batteries AA, pack of 8", 749, 190000, "STD", false},
    };
    return products;
}

// COPY text format: tab-separated, \N for NULL, backslash escapes.
inline void copyField(QByteArray& out, const QByteArray& value, bool last = false)
{
    for (char c : value) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    out += last ? '\n' : '\t';
}

inline void copyNull(QByteArray& out, bool last = false)
{
    out += last ? "\\N\n" : "\\N\t";
}

class SaleGenerator {
public:
    SaleGenerator(QString companyId, QString storeId, int linesPerSale, quint32 seed)
        : m_company(companyId.toLatin1()), m_store(storeId.toLatin1()),
          m_linesPerSale(linesPerSale), m_random(seed),
          m_start(QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC))
    {}

    qint64 sales() const { return m_sales; }
    qint64 lines() const { return m_lines; }
    qint64 tenders() const { return m_tenders; }
    qint64 rows() const { return m_sales + m_lines + m_tenders; }

    // COPY text of every row made so far (columns: copySalesColumns() and so on).
    QByteArray salesCopy, linesCopy, tendersCopy;

    static QByteArray copySalesColumns()
    {
        return "company_id, store_id, register_id, id, receipt_no, shift_id, cashier_id, cashier, "
               "currency, subtotal_minor, discount_minor, tax_minor, total_minor, paid_minor, "
               "change_minor, started_at, completed_at";
    }
    static QByteArray copyLinesColumns()
    {
        return "company_id, store_id, sale_id, line_no, product_sku, name, qty_milli, "
               "unit_price_minor, line_discount_minor, order_discount_minor, net_minor, "
               "tax_minor, total_minor, tax_code, tax_rate_ppm, tax_inclusive";
    }
    static QByteArray copyTendersColumns()
    {
        return "company_id, store_id, sale_id, seq, kind, amount_minor, tendered_minor, "
               "reference, idempotency_key";
    }

    // One sale record {"kind": "sale", "id", "data"} of `registerId`, its rows appended to the
    // COPY text. The id is appended to `ids`.
    QJsonObject sale(const QString& registerId, const QString& shiftId, const QString& cashierId,
                     qint64 receiptNo, QList<QByteArray>& ids)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        ids.append(id.toLatin1());
        const QDateTime completed = m_start.addSecs(receiptNo * 41 + m_random.bounded(20));
        const QDateTime started = completed.addSecs(-(20 + m_random.bounded(100)));
        const QString startedText = started.toString(Qt::ISODateWithMs);
        const QString completedText = completed.toString(Qt::ISODateWithMs);

        QJsonArray lines;
        qint64 subtotal = 0, tax = 0;
        const QByteArray idBytes = id.toLatin1();
        for (int n = 1; n <= m_linesPerSale; ++n) {
            const auto& catalog = benchCatalog();
            const BenchProduct& p = catalog.at(m_random.bounded(static_cast<int>(catalog.size())));
            const qint64 qty = p.weighed ? 250 + m_random.bounded(1500)
                                         : 1000 * (1 + (m_random.bounded(10) == 0 ? 1 : 0));
            const qint64 total = (qty * p.priceMinor + 500) / 1000;
            const qint64 lineTax = total - (total * 1'000'000 + (1'000'000 + p.taxRatePpm) / 2) /
                                               (1'000'000 + p.taxRatePpm);
            subtotal += total;
            tax += lineTax;
            lines.append(QJsonObject{{QStringLiteral("line_no"), n},
                                     {QStringLiteral("product_sku"), QLatin1String(p.sku)},
                                     {QStringLiteral("name"), QLatin1String(p.name)},
                                     {QStringLiteral("qty_milli"), qty},
                                     {QStringLiteral("unit_price_minor"), p.priceMinor},
                                     {QStringLiteral("line_discount_minor"), 0},
                                     {QStringLiteral("order_discount_minor"), 0},
                                     {QStringLiteral("net_minor"), total - lineTax},
                                     {QStringLiteral("tax_minor"), lineTax},
                                     {QStringLiteral("total_minor"), total},
                                     {QStringLiteral("tax_code"), QLatin1String(p.taxCode)},
                                     {QStringLiteral("tax_rate_ppm"), p.taxRatePpm},
                                     {QStringLiteral("tax_inclusive"), true}});
            QByteArray& c = linesCopy;
            copyField(c, m_company);
            copyField(c, m_store);
            copyField(c, idBytes);
            copyField(c, QByteArray::number(n));
            copyField(c, p.sku);
            copyField(c, p.name);
            copyField(c, QByteArray::number(qty));
            copyField(c, QByteArray::number(p.priceMinor));
            copyField(c, "0");
            copyField(c, "0");
            copyField(c, QByteArray::number(total - lineTax));
            copyField(c, QByteArray::number(lineTax));
            copyField(c, QByteArray::number(total));
            copyField(c, p.taxCode);
            copyField(c, QByteArray::number(p.taxRatePpm));
            copyField(c, "t", true);
            ++m_lines;
        }

        // Every fourth sale is split (card, then the rest in cash); the others alternate.
        QJsonArray tenders;
        qint64 paid = 0, change = 0;
        const auto tender = [&](int seq, const char* kind, qint64 amount, qint64 tendered) {
            const QByteArray reference =
                qstrcmp(kind, "card") == 0
                    ? "auth-" + QByteArray::number(m_random.bounded(1'000'000) + 1'000'000)
                    : QByteArray();
            const QByteArray key = idBytes + ':' + QByteArray::number(seq);
            tenders.append(
                QJsonObject{{QStringLiteral("seq"), seq},
                            {QStringLiteral("kind"), QLatin1String(kind)},
                            {QStringLiteral("amount_minor"), amount},
                            {QStringLiteral("tendered_minor"), tendered},
                            {QStringLiteral("reference"),
                             reference.isNull() ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(QString::fromLatin1(reference))},
                            {QStringLiteral("idempotency_key"), QString::fromLatin1(key)}});
            QByteArray& c = tendersCopy;
            copyField(c, m_company);
            copyField(c, m_store);
            copyField(c, idBytes);
            copyField(c, QByteArray::number(seq));
            copyField(c, kind);
            copyField(c, QByteArray::number(amount));
            copyField(c, QByteArray::number(tendered));
            if (reference.isNull())
                copyNull(c);
            else
                copyField(c, reference);
            copyField(c, key, true);
            paid += tendered;
            ++m_tenders;
        };
        const qint64 kind = receiptNo % 4;
        if (kind == 3 && subtotal > 500) {
            tender(1, "card", subtotal - 500, subtotal - 500);
            tender(2, "cash", 500, 500);
        } else if (kind % 2 == 0) {
            tender(1, "card", subtotal, subtotal);
        } else {
            const qint64 handed = ((subtotal + 499) / 500) * 500; // the next 5.00 note
            tender(1, "cash", subtotal, handed);
            change = handed - subtotal;
        }

        const QJsonObject data{{QStringLiteral("register_id"), registerId},
                               {QStringLiteral("receipt_no"), receiptNo},
                               {QStringLiteral("shift_id"), shiftId},
                               {QStringLiteral("cashier_id"), cashierId},
                               {QStringLiteral("cashier"), QStringLiteral("Bench Cashier")},
                               {QStringLiteral("currency"), QStringLiteral("EUR")},
                               {QStringLiteral("subtotal_minor"), subtotal},
                               {QStringLiteral("discount_minor"), 0},
                               {QStringLiteral("tax_minor"), tax},
                               {QStringLiteral("total_minor"), subtotal},
                               {QStringLiteral("paid_minor"), paid},
                               {QStringLiteral("change_minor"), change},
                               {QStringLiteral("started_at"), startedText},
                               {QStringLiteral("completed_at"), completedText},
                               {QStringLiteral("lines"), lines},
                               {QStringLiteral("tenders"), tenders}};
        QByteArray& c = salesCopy;
        copyField(c, m_company);
        copyField(c, m_store);
        copyField(c, registerId.toLatin1());
        copyField(c, idBytes);
        copyField(c, QByteArray::number(receiptNo));
        copyField(c, shiftId.toLatin1());
        copyField(c, cashierId.toLatin1());
        copyField(c, "Bench Cashier");
        copyField(c, "EUR");
        copyField(c, QByteArray::number(subtotal));
        copyField(c, "0");
        copyField(c, QByteArray::number(tax));
        copyField(c, QByteArray::number(subtotal));
        copyField(c, QByteArray::number(paid));
        copyField(c, QByteArray::number(change));
        copyField(c, startedText.toLatin1());
        copyField(c, completedText.toLatin1(), true);
        ++m_sales;
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("sale")},
                           {QStringLiteral("id"), id},
                           {QStringLiteral("data"), data}};
    }

    // A push body (docs/sync.md, POST /v1/push) of `records`: no audit rows, so the audit head
    // is the empty chain.
    static QByteArray pushBody(const QJsonArray& records)
    {
        const QJsonObject body{
            {QStringLiteral("batch_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("audit_head"),
             QJsonObject{{QStringLiteral("row_count"), 0},
                         {QStringLiteral("head_hash"),
                          QString::fromLatin1(QByteArray(32, '\0').toBase64())}}},
            {QStringLiteral("records"), records}};
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

private:
    QByteArray m_company;
    QByteArray m_store;
    int m_linesPerSale;
    QRandomGenerator m_random;
    QDateTime m_start;
    qint64 m_sales = 0, m_lines = 0, m_tenders = 0;
};

} // namespace pos::bench
