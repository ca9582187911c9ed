#include "sales/RefundRecords.h"

#include "sales/SaleRecords.h"
#include "store/Database.h"

namespace pos::refundrecords {

Q_LOGGING_CATEGORY(lcRefunds, "pos.refunds")

namespace {

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString kindText(TenderKind k)
{
    return k == TenderKind::Card ? QStringLiteral("card") : QStringLiteral("cash");
}

Status loadLines(Database& db, Sale& sale)
{
    auto q = db.query("SELECT line_no, product_id, sku, name, sold_by_weight, qty_milli, "
                      "total_minor, tax_minor FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, sale.rowId);
    auto ok = q->forEach([&] {
        SaleLine l;
        l.lineNo = static_cast<int>(q->int64(0));
        l.productId = q->isNull(1) ? 0 : q->int64(1);
        l.sku = q->text(2);
        l.name = q->text(3);
        l.soldByWeight = q->int64(4) != 0;
        l.qtyMilli = q->int64(5);
        l.totalMinor = q->int64(6);
        l.taxMinor = q->int64(7);
        sale.lines.append(l);
    });
    if (!ok)
        return ok;
    auto r = db.query("SELECT rl.original_line_no, sum(rl.qty_milli), sum(rl.amount_minor), "
                      "sum(rl.tax_minor) FROM refund_lines rl JOIN refunds r ON r.id = "
                      "rl.refund_id WHERE r.original_sale_id = ?1 GROUP BY rl.original_line_no");
    if (!r)
        return std::unexpected(r.error());
    r->bind(1, sale.rowId);
    return r->forEach([&] {
        const int lineNo = static_cast<int>(r->int64(0));
        for (SaleLine& l : sale.lines) {
            if (l.lineNo == lineNo) {
                l.refundedQtyMilli = r->int64(1);
                l.refundedMinor = r->int64(2);
                l.refundedTaxMinor = r->int64(3);
            }
        }
    });
}

Status loadTenders(Database& db, Sale& sale)
{
    auto q = db.query("SELECT seq, kind, amount_minor, reference FROM sale_tenders "
                      "WHERE sale_id = ?1 ORDER BY seq");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, sale.rowId);
    auto ok = q->forEach([&] {
        SaleTender t;
        t.seq = static_cast<int>(q->int64(0));
        t.kind = q->text(1) == QStringLiteral("card") ? TenderKind::Card : TenderKind::Cash;
        t.amountMinor = q->int64(2);
        t.reference = q->isNull(3) ? QString() : q->text(3);
        sale.tenders.append(t);
    });
    if (!ok)
        return ok;
    auto r = db.query("SELECT rt.original_seq, sum(rt.amount_minor) FROM refund_tenders rt "
                      "JOIN refunds r ON r.id = rt.refund_id WHERE r.original_sale_id = ?1 "
                      "GROUP BY rt.original_seq");
    if (!r)
        return std::unexpected(r.error());
    r->bind(1, sale.rowId);
    return r->forEach([&] {
        const int seq = static_cast<int>(r->int64(0));
        for (SaleTender& t : sale.tenders)
            if (t.seq == seq)
                t.refundedMinor = r->int64(1);
    });
}

constexpr const char* SaleColumns = "id, uuid, register_id, receipt_no, currency, total_minor, "
                                    "paid_minor, completed_at";

Result<Sale> loadOne(Database& db, Result<Query>& q, const QString& notFound)
{
    if (!q)
        return std::unexpected(q.error());
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, notFound);
    Sale sale;
    sale.rowId = q->int64(0);
    sale.id = QUuid::fromString(q->text(1));
    sale.registerId = q->text(2);
    sale.receiptNo = q->int64(3);
    sale.currency = q->text(4);
    sale.totalMinor = q->int64(5);
    sale.paidMinor = q->int64(6);
    sale.completedAt = salerecords::parseIsoUtc(q->text(7));
    {
        auto r = db.query("SELECT coalesce(sum(total_minor), 0) FROM refunds "
                          "WHERE original_sale_id = ?1");
        if (!r)
            return std::unexpected(r.error());
        r->bind(1, sale.rowId);
        auto got = r->next();
        if (!got)
            return std::unexpected(got.error());
        sale.refundedMinor = *got ? r->int64(0) : 0;
    }
    if (auto s = loadLines(db, sale); !s)
        return std::unexpected(s.error());
    if (auto s = loadTenders(db, sale); !s)
        return std::unexpected(s.error());
    return sale;
}

} // namespace

Result<Sale> loadSale(Database& db, const QUuid& id)
{
    static const QByteArray sql =
        QByteArray("SELECT ") + SaleColumns + " FROM sales WHERE uuid = ?1";
    auto q = db.query(sql.constData());
    if (q)
        q->bind(1, uuidText(id));
    return loadOne(db, q, QStringLiteral("there is no such sale"));
}

Result<Sale> loadSaleByReceipt(Database& db, const QString& registerId, qint64 receiptNo)
{
    static const QByteArray sql = QByteArray("SELECT ") + SaleColumns +
                                  " FROM sales WHERE register_id = ?1 AND receipt_no = ?2";
    auto q = db.query(sql.constData());
    if (q)
        q->bind(1, registerId).bind(2, receiptNo);
    return loadOne(db, q,
                   QStringLiteral("there is no receipt number %1 on this register").arg(receiptNo));
}

Result<bool> refundExists(Database& db, const QUuid& refundId)
{
    auto q = db.query("SELECT 1 FROM refunds WHERE uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuidText(refundId));
    return q->next();
}

Result<CatalogItem> loadProduct(Database& db, qint64 productId)
{
    auto q = db.query("SELECT p.id, p.sku, p.name, p.price_minor, p.sold_by_weight, t.id, "
                      "t.code, t.name, t.rate_ppm, t.inclusive FROM products p "
                      "JOIN tax_classes t ON t.id = p.tax_class_id WHERE p.id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, productId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, QStringLiteral("there is no product %1").arg(productId));
    CatalogItem p;
    p.id = q->int64(0);
    p.sku = q->text(1);
    p.name = q->text(2);
    p.priceMinor = q->int64(3);
    p.soldByWeight = q->int64(4) != 0;
    p.tax.id = q->int64(5);
    p.tax.code = q->text(6);
    p.tax.name = q->text(7);
    p.tax.ratePpm = q->int64(8);
    p.tax.inclusive = q->int64(9) != 0;
    return p;
}

Status insertRefund(Database& db, const Refund& refund, qint64 originalSaleRow, qint64 approvalRow)
{
    auto q = db.query("INSERT INTO refunds (uuid, register_id, shift_id, original_sale_id, "
                      "actor_id, approval_id, reason, currency, total_minor, tax_minor, "
                      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuidText(refund.id)).bind(2, refund.registerId);
    if (refund.shiftId > 0)
        q->bind(3, refund.shiftId);
    else
        q->bindNull(3);
    if (originalSaleRow > 0)
        q->bind(4, originalSaleRow);
    else
        q->bindNull(4);
    q->bind(5, refund.actorId);
    if (approvalRow > 0)
        q->bind(6, approvalRow);
    else
        q->bindNull(6);
    q->bind(7, refund.reason)
        .bind(8, refund.currency)
        .bind(9, refund.totalMinor)
        .bind(10, refund.taxMinor)
        .bind(11, salerecords::isoUtc(refund.createdAt));
    if (auto s = q->run(); !s)
        return s;
    const qint64 refundRow = db.lastInsertRowId();

    for (const RefundLine& l : refund.lines) {
        auto lq = db.query("INSERT INTO refund_lines (refund_id, line_no, original_line_no, "
                           "product_id, sku, name, qty_milli, amount_minor, tax_minor) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!lq)
            return std::unexpected(lq.error());
        lq->bind(1, refundRow).bind(2, l.lineNo);
        if (l.originalLineNo > 0)
            lq->bind(3, l.originalLineNo);
        else
            lq->bindNull(3);
        if (l.productId > 0)
            lq->bind(4, l.productId);
        else
            lq->bindNull(4);
        lq->bind(5, l.sku)
            .bind(6, l.name)
            .bind(7, l.quantity.milli())
            .bind(8, l.amountMinor)
            .bind(9, l.taxMinor);
        if (auto s = lq->run(); !s)
            return s;
    }
    for (qsizetype i = 0; i < refund.tenders.size(); ++i) {
        const RefundTender& t = refund.tenders[i];
        auto tq = db.query("INSERT INTO refund_tenders (refund_id, seq, kind, amount_minor, "
                           "original_seq, reference, idempotency_key) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!tq)
            return std::unexpected(tq.error());
        tq->bind(1, refundRow)
            .bind(2, static_cast<qint64>(i + 1))
            .bind(3, kindText(t.kind))
            .bind(4, t.amountMinor);
        if (t.originalSeq > 0)
            tq->bind(5, t.originalSeq);
        else
            tq->bindNull(5);
        // PAY-1: for a card, the processor's refund reference is all that is kept.
        tq->bind(6, t.kind == TenderKind::Card ? t.reference : QString()).bind(7, t.idempotencyKey);
        if (auto s = tq->run(); !s)
            return s;
    }
    return {};
}

Result<Refund> loadRefund(Database& db, const QUuid& refundId)
{
    auto q = db.query("SELECT r.id, r.uuid, r.register_id, r.shift_id, s.uuid, s.receipt_no, "
                      "r.actor_id, u.name, au.name, r.reason, r.currency, r.total_minor, "
                      "r.tax_minor, r.created_at FROM refunds r "
                      "JOIN users u ON u.id = r.actor_id "
                      "LEFT JOIN sales s ON s.id = r.original_sale_id "
                      "LEFT JOIN approvals a ON a.id = r.approval_id "
                      "LEFT JOIN users au ON au.id = a.approver_id WHERE r.uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuidText(refundId));
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, QStringLiteral("there is no such refund"));
    const qint64 refundRow = q->int64(0);
    Refund r;
    r.id = QUuid::fromString(q->text(1));
    r.registerId = q->text(2);
    r.shiftId = q->isNull(3) ? 0 : q->int64(3);
    r.originalSaleId = q->isNull(4) ? QUuid() : QUuid::fromString(q->text(4));
    r.originalReceiptNo = q->isNull(5) ? 0 : q->int64(5);
    r.actorId = q->int64(6);
    r.actorName = q->text(7);
    r.approverName = q->isNull(8) ? QString() : q->text(8);
    r.reason = q->text(9);
    r.currency = q->text(10);
    r.totalMinor = q->int64(11);
    r.taxMinor = q->int64(12);
    r.createdAt = salerecords::parseIsoUtc(q->text(13));

    auto lq = db.query("SELECT line_no, original_line_no, product_id, sku, name, qty_milli, "
                       "amount_minor, tax_minor FROM refund_lines WHERE refund_id = ?1 "
                       "ORDER BY line_no");
    if (!lq)
        return std::unexpected(lq.error());
    lq->bind(1, refundRow);
    auto lines = lq->forEach([&] {
        RefundLine l;
        l.lineNo = static_cast<int>(lq->int64(0));
        l.originalLineNo = lq->isNull(1) ? 0 : static_cast<int>(lq->int64(1));
        l.productId = lq->isNull(2) ? 0 : lq->int64(2);
        l.sku = lq->text(3);
        l.name = lq->text(4);
        l.quantity = Quantity::fromMilli(lq->int64(5));
        l.amountMinor = lq->int64(6);
        l.taxMinor = lq->int64(7);
        r.lines.append(l);
    });
    if (!lines)
        return std::unexpected(lines.error());
    auto tq = db.query("SELECT kind, amount_minor, original_seq, reference, idempotency_key "
                       "FROM refund_tenders WHERE refund_id = ?1 ORDER BY seq");
    if (!tq)
        return std::unexpected(tq.error());
    tq->bind(1, refundRow);
    auto tenders = tq->forEach([&] {
        RefundTender t;
        t.kind = tq->text(0) == QStringLiteral("card") ? TenderKind::Card : TenderKind::Cash;
        t.amountMinor = tq->int64(1);
        t.originalSeq = tq->isNull(2) ? 0 : static_cast<int>(tq->int64(2));
        t.reference = tq->isNull(3) ? QString() : tq->text(3);
        t.idempotencyKey = tq->text(4);
        r.tenders.append(t);
    });
    if (!tenders)
        return std::unexpected(tenders.error());
    return r;
}

} // namespace pos::refundrecords
