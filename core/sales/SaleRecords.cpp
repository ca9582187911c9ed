#include "sales/SaleRecords.h"

#include "money/Checked.h"
#include "store/Database.h"

#include <algorithm>

namespace pos::salerecords {

Q_LOGGING_CATEGORY(lcSales, "pos.sales")

namespace {

QString kindText(TenderKind k)
{
    return k == TenderKind::Card ? QStringLiteral("card") : QStringLiteral("cash");
}

std::unexpected<Error> corrupt(qint64 saleRow, const QString& what)
{
    return fail(ErrorCode::Corrupt,
                QStringLiteral("the stored sale %1 is inconsistent: %2").arg(saleRow).arg(what));
}

Status loadLines(Database& db, qint64 saleRow, CompletedSale& sale)
{
    auto q = db.query(
        "SELECT l.product_id, l.sku, l.name, l.qty_milli, l.unit_price_minor, "
        "l.line_discount_minor, l.order_discount_minor, l.net_minor, l.tax_minor, l.total_minor, "
        "l.tax_code, l.tax_rate_ppm, l.tax_inclusive, t.id, t.name, l.sold_by_weight "
        "FROM sale_lines l LEFT JOIN tax_classes t ON t.code = l.tax_code "
        "WHERE l.sale_id = ?1 ORDER BY l.line_no");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, saleRow);
    CartTotals& t = sale.totals;
    for (;;) {
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        CartLine l;
        l.productId = q->isNull(0) ? 0 : q->int64(0);
        l.sku = q->text(1);
        l.name = q->text(2);
        auto qty = Quantity::checkedFromMilli(q->int64(3));
        if (!qty)
            return corrupt(saleRow, QStringLiteral("a line has a bad quantity"));
        l.quantity = *qty;
        l.unitPriceMinor = q->int64(4);
        l.lineDiscountMinor = q->int64(5);
        l.tax.code = q->text(10);
        l.tax.ratePpm = q->int64(11);
        l.tax.inclusive = q->int64(12) != 0;
        l.tax.id = q->isNull(13) ? 0 : q->int64(13);
        l.tax.name = q->isNull(14) ? l.tax.code : q->text(14);
        l.soldByWeight = q->int64(15) != 0;

        PricedLine p;
        p.lineDiscountMinor = l.lineDiscountMinor;
        p.orderDiscountMinor = q->int64(6);
        p.netMinor = q->int64(7);
        p.taxMinor = q->int64(8);
        p.totalMinor = q->int64(9);
        // The line amount A is net for exclusive tax and total for inclusive (docs/money.md).
        qint64 gross = l.tax.inclusive ? p.totalMinor : p.netMinor;
        if (auto s = checked::addTo(gross, p.lineDiscountMinor); !s)
            return s;
        if (auto s = checked::addTo(gross, p.orderDiscountMinor); !s)
            return s;
        p.grossMinor = gross;

        qint64 discount = p.lineDiscountMinor;
        if (auto s = checked::addTo(discount, p.orderDiscountMinor); !s)
            return s;
        for (auto s :
             {checked::addTo(t.subtotalMinor, p.grossMinor),
              checked::addTo(t.discountMinor, discount), checked::addTo(t.taxMinor, p.taxMinor),
              checked::addTo(t.totalMinor, p.totalMinor)}) {
            if (!s)
                return s;
        }
        auto it = std::find_if(t.taxes.begin(), t.taxes.end(), [&](const TaxSummary& s) {
            return s.code == l.tax.code && s.ratePpm == l.tax.ratePpm &&
                   s.inclusive == l.tax.inclusive;
        });
        if (it == t.taxes.end()) {
            t.taxes.append(TaxSummary{l.tax.code, l.tax.ratePpm, l.tax.inclusive, 0, 0});
            it = t.taxes.end() - 1;
        }
        if (auto s = checked::addTo(it->netMinor, p.netMinor); !s)
            return s;
        if (auto s = checked::addTo(it->taxMinor, p.taxMinor); !s)
            return s;
        sale.lines.append(l);
        t.lines.append(p);
    }
    if (sale.lines.isEmpty())
        return corrupt(saleRow, QStringLiteral("it has no lines"));
    return {};
}

Status loadTenders(Database& db, qint64 saleRow, CompletedSale& sale)
{
    auto q = db.query("SELECT kind, amount_minor, tendered_minor, reference, idempotency_key "
                      "FROM sale_tenders WHERE sale_id = ?1 ORDER BY seq");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, saleRow);
    for (;;) {
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return {};
        Tender t;
        t.kind = q->text(0) == QStringLiteral("card") ? TenderKind::Card : TenderKind::Cash;
        t.amountMinor = q->int64(1);
        t.tenderedMinor = q->int64(2);
        t.reference = q->isNull(3) ? QString() : q->text(3);
        t.idempotencyKey = q->text(4);
        sale.tenders.append(t);
    }
}

// Reads the current row of a "SELECT <SaleColumns> FROM sales ..." query, then its lines and
// tenders.
constexpr const char* SaleColumns =
    "id, uuid, register_id, receipt_no, cashier, customer_id, currency, subtotal_minor, "
    "discount_minor, tax_minor, total_minor, paid_minor, change_minor, started_at, completed_at, "
    "cashier_id";

Result<CompletedSale> loadFromRow(Database& db, Query& q)
{
    const qint64 saleRow = q.int64(0);
    CompletedSale sale;
    sale.id = QUuid::fromString(q.text(1));
    sale.registerId = q.text(2);
    sale.receiptNo = q.int64(3);
    sale.cashier = q.text(4);
    sale.customerId = q.isNull(5) ? 0 : q.int64(5);
    sale.totals.currency = q.text(6);
    const qint64 subtotal = q.int64(7);
    const qint64 discount = q.int64(8);
    const qint64 tax = q.int64(9);
    const qint64 total = q.int64(10);
    sale.paidMinor = q.int64(11);
    sale.changeMinor = q.int64(12);
    sale.startedAt = parseIsoUtc(q.text(13));
    sale.completedAt = parseIsoUtc(q.text(14));
    sale.cashierId = q.isNull(15) ? 0 : q.int64(15); // 0: rung up before staff accounts existed
    if (sale.id.isNull() || !sale.startedAt.isValid() || !sale.completedAt.isValid())
        return corrupt(saleRow, QStringLiteral("its id or times are unreadable"));

    if (auto s = loadLines(db, saleRow, sale); !s)
        return std::unexpected(s.error());
    if (auto s = loadTenders(db, saleRow, sale); !s)
        return std::unexpected(s.error());
    const CartTotals& t = sale.totals;
    if (t.subtotalMinor != subtotal || t.discountMinor != discount || t.taxMinor != tax ||
        t.totalMinor != total)
        return corrupt(saleRow, QStringLiteral("its totals differ from the sum of its lines"));
    return sale;
}

Result<CompletedSale> loadOne(Database& db, Result<Query>& q, const QString& notFound)
{
    if (!q)
        return std::unexpected(q.error());
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, notFound);
    return loadFromRow(db, *q);
}

} // namespace

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseIsoUtc(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

Result<OpenShift> findOpenShift(Database& db, const QString& registerId)
{
    auto q = db.query("SELECT id, currency FROM shifts WHERE register_id = ?1 AND closed_at IS "
                      "NULL");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("no shift is open on this register: open a shift first"));
    return OpenShift{q->int64(0), q->text(1)};
}

Result<qint64> insertSale(Database& db, const CompletedSale& sale, qint64 shiftId)
{
    // Gap-free receipt numbers: the counter moves in the transaction that stores the sale, so a
    // sale that is not stored takes no number.
    qint64 receiptNo = 1;
    {
        auto q = db.query("SELECT last_no FROM receipt_sequence WHERE register_id = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, sale.registerId);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (*row) {
            auto next = checked::add(q->int64(0), 1);
            if (!next)
                return std::unexpected(next.error());
            receiptNo = *next;
        }
        const bool exists = *row;
        auto w = db.query(exists ? "UPDATE receipt_sequence SET last_no = ?2 WHERE register_id = ?1"
                                 : "INSERT INTO receipt_sequence (register_id, last_no) "
                                   "VALUES (?1, ?2)");
        if (!w)
            return std::unexpected(w.error());
        w->bind(1, sale.registerId).bind(2, receiptNo);
        if (auto s = w->run(); !s)
            return std::unexpected(s.error());
    }

    const CartTotals& t = sale.totals;
    auto q = db.query(
        "INSERT INTO sales (uuid, register_id, receipt_no, shift_id, cashier, customer_id, "
        "currency, subtotal_minor, discount_minor, tax_minor, total_minor, paid_minor, "
        "change_minor, started_at, completed_at, cashier_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, sale.id.toString(QUuid::WithoutBraces))
        .bind(2, sale.registerId)
        .bind(3, receiptNo)
        .bind(4, shiftId)
        .bind(5, sale.cashier);
    if (sale.customerId > 0)
        q->bind(6, sale.customerId);
    else
        q->bindNull(6);
    q->bind(7, t.currency)
        .bind(8, t.subtotalMinor)
        .bind(9, t.discountMinor)
        .bind(10, t.taxMinor)
        .bind(11, t.totalMinor)
        .bind(12, sale.paidMinor)
        .bind(13, sale.changeMinor)
        .bind(14, isoUtc(sale.startedAt))
        .bind(15, isoUtc(sale.completedAt))
        .bind(16, sale.cashierId);
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    const qint64 saleRow = db.lastInsertRowId();

    for (qsizetype i = 0; i < sale.lines.size(); ++i) {
        const CartLine& l = sale.lines[i];
        const PricedLine& p = t.lines[i];
        auto lq = db.query(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, qty_milli, "
            "unit_price_minor, line_discount_minor, order_discount_minor, net_minor, tax_minor, "
            "total_minor, tax_code, tax_rate_ppm, tax_inclusive, sold_by_weight) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        if (!lq)
            return std::unexpected(lq.error());
        lq->bind(1, saleRow).bind(2, static_cast<qint64>(i + 1));
        if (l.productId > 0)
            lq->bind(3, l.productId);
        else
            lq->bindNull(3);
        lq->bind(4, l.sku)
            .bind(5, l.name)
            .bind(6, l.quantity.milli())
            .bind(7, l.unitPriceMinor)
            .bind(8, p.lineDiscountMinor)
            .bind(9, p.orderDiscountMinor)
            .bind(10, p.netMinor)
            .bind(11, p.taxMinor)
            .bind(12, p.totalMinor)
            .bind(13, l.tax.code)
            .bind(14, l.tax.ratePpm)
            .bind(15, l.tax.inclusive)
            .bind(16, l.soldByWeight);
        if (auto s = lq->run(); !s)
            return std::unexpected(s.error());
    }

    for (qsizetype i = 0; i < sale.tenders.size(); ++i) {
        const Tender& tender = sale.tenders[i];
        auto tq = db.query("INSERT INTO sale_tenders (sale_id, seq, kind, amount_minor, "
                           "tendered_minor, reference, idempotency_key) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!tq)
            return std::unexpected(tq.error());
        // PAY-1: for a card, the processor's reference is all that is kept.
        tq->bind(1, saleRow)
            .bind(2, static_cast<qint64>(i + 1))
            .bind(3, kindText(tender.kind))
            .bind(4, tender.amountMinor)
            .bind(5, tender.tenderedMinor)
            .bind(6, tender.kind == TenderKind::Card ? tender.reference : QString())
            .bind(7, tender.idempotencyKey);
        if (auto s = tq->run(); !s)
            return std::unexpected(s.error());
    }
    return receiptNo;
}

Result<CompletedSale> loadSaleByUuid(Database& db, const QUuid& id)
{
    static const QByteArray sql =
        QByteArray("SELECT ") + SaleColumns + " FROM sales WHERE uuid = ?1";
    auto q = db.query(sql.constData());
    if (q)
        q->bind(1, id.toString(QUuid::WithoutBraces));
    return loadOne(db, q,
                   QStringLiteral("there is no sale %1").arg(id.toString(QUuid::WithoutBraces)));
}

Result<CompletedSale> loadSaleByReceipt(Database& db, const QString& registerId, qint64 receiptNo)
{
    static const QByteArray sql = QByteArray("SELECT ") + SaleColumns +
                                  " FROM sales WHERE register_id = ?1 AND receipt_no = ?2";
    auto q = db.query(sql.constData());
    if (q)
        q->bind(1, registerId).bind(2, receiptNo);
    return loadOne(db, q,
                   QStringLiteral("there is no receipt number %1 on this register").arg(receiptNo));
}

} // namespace pos::salerecords
