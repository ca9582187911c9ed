#include "sales/RefundService.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "money/Checked.h"
#include "payments/PaymentProcessor.h"
#include "sales/Pricing.h"
#include "sales/RefundRecords.h"
#include "sales/SaleRecords.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace pos {

using refundrecords::lcRefunds;

namespace {

constexpr qsizetype MaxReason = 200;

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::RefundService", text);
}

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

// The refund's audit row (AUD-1): what went back, where from, why; no card data (a card part is
// named by its kind and amount only).
QJsonObject auditAfter(const Refund& r)
{
    QJsonArray lines;
    for (const RefundLine& l : r.lines)
        lines.append(QJsonObject{{QStringLiteral("original_line"), l.originalLineNo},
                                 {QStringLiteral("sku"), l.sku},
                                 {QStringLiteral("qty_milli"), l.quantity.milli()},
                                 {QStringLiteral("amount_minor"), l.amountMinor}});
    QJsonArray tenders;
    for (const RefundTender& t : r.tenders)
        tenders.append(QJsonObject{{QStringLiteral("kind"), t.kind == TenderKind::Card
                                                                ? QStringLiteral("card")
                                                                : QStringLiteral("cash")},
                                   {QStringLiteral("amount_minor"), t.amountMinor}});
    QJsonObject after{{QStringLiteral("kind"), approvalKindName(r.ask.kind)},
                      {QStringLiteral("total_minor"), r.totalMinor},
                      {QStringLiteral("tax_minor"), r.taxMinor},
                      {QStringLiteral("currency"), r.currency},
                      {QStringLiteral("reason"), r.reason},
                      {QStringLiteral("lines"), lines},
                      {QStringLiteral("tenders"), tenders}};
    if (!r.originalSaleId.isNull()) {
        after.insert(QStringLiteral("sale_id"), uuidText(r.originalSaleId));
        after.insert(QStringLiteral("receipt_no"), r.originalReceiptNo);
    }
    if (r.shiftId > 0)
        after.insert(QStringLiteral("shift_id"), r.shiftId);
    return after;
}

Status checkReason(const QString& reason)
{
    const QString text = reason.trimmed();
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Say why the goods come back."));
    if (text.size() > MaxReason)
        return fail(ErrorCode::InvalidInput,
                    tr("The reason is too long (at most %1 characters).").arg(MaxReason));
    return {};
}

Status checkQuantity(const QString& name, bool soldByWeight, Quantity quantity)
{
    if (quantity.milli() <= 0)
        return fail(ErrorCode::InvalidInput,
                    tr("The quantity of %1 must be more than zero.").arg(name));
    if (quantity.milli() > Quantity::MaxMilli)
        return fail(ErrorCode::InvalidInput, tr("The quantity of %1 is too large.").arg(name));
    if (!soldByWeight && !quantity.isWhole())
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is sold by the piece: use a whole quantity.").arg(name));
    return {};
}

QString money(qint64 minor, const QString& currency)
{
    return Money(minor, currency).toPlainString();
}

// The open shift (cash goes out of its drawer), in the refund's currency.
Result<salerecords::OpenShift> drawerFor(Database& db, const QString& registerId,
                                         const QString& currency)
{
    auto shift = salerecords::findOpenShift(db, registerId);
    if (!shift) {
        if (shift.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Conflict,
                        tr("Cash goes back from the drawer: open a shift first."));
        return std::unexpected(shift.error());
    }
    if (shift->currency != currency)
        return fail(
            ErrorCode::InvalidInput,
            tr("The refund is in %1 but the shift counts %2.").arg(currency, shift->currency));
    return shift;
}

RefundableSale toRefundable(const refundrecords::Sale& sale)
{
    RefundableSale out;
    out.saleId = sale.id;
    out.receiptNo = sale.receiptNo;
    out.registerId = sale.registerId;
    out.currency = sale.currency;
    out.completedAt = sale.completedAt;
    out.paidMinor = sale.paidMinor;
    out.refundedMinor = sale.refundedMinor;
    for (const auto& t : sale.tenders) {
        if (t.kind == TenderKind::Card) {
            out.cardPaidMinor += t.amountMinor;
            out.cardRefundedMinor += t.refundedMinor;
        } else {
            out.cashPaidMinor += t.amountMinor;
            out.cashRefundedMinor += t.refundedMinor;
        }
    }
    for (const auto& l : sale.lines) {
        RefundableLine r;
        r.lineNo = l.lineNo;
        r.productId = l.productId;
        r.sku = l.sku;
        r.name = l.name;
        r.soldByWeight = l.soldByWeight;
        r.sold = Quantity::fromMilli(l.qtyMilli);
        r.refunded = Quantity::fromMilli(l.refundedQtyMilli);
        r.refundable = Quantity::fromMilli(std::max<qint64>(0, l.qtyMilli - l.refundedQtyMilli));
        r.totalMinor = l.totalMinor;
        r.refundedMinor = l.refundedMinor;
        r.refundableMinor = std::max<qint64>(0, l.totalMinor - l.refundedMinor);
        out.lines.append(r);
    }
    return out;
}

} // namespace

struct RefundService::Planned {
    Refund refund;
    qint64 saleRow = 0;              // 0 without receipt
    QList<QString> chargeReferences; // per tender: the charge a card refund goes back to
};

RefundService::RefundService(Database& db, const Clock& clock, IdSource& ids,
                             PaymentProcessor& processor, ApprovalService& approvals,
                             QString registerId, Options options)
    : m_db(db), m_clock(clock), m_ids(ids), m_processor(processor), m_approvals(approvals),
      m_registerId(std::move(registerId)), m_access(db), m_limiter(clock, options.refundLimit)
{}

RefundService::RefundService(Database& db, const Clock& clock, IdSource& ids,
                             PaymentProcessor& processor, ApprovalService& approvals,
                             QString registerId)
    : RefundService(db, clock, ids, processor, approvals, std::move(registerId), Options{})
{}

Result<PermissionSet> RefundService::canView(const Session& session)
{
    auto role = m_access.liveRole(session);
    if (!role)
        return std::unexpected(role.error());
    auto set = m_access.effective(*role, session.storeId);
    if (!set)
        return set;
    if (!set->contains(Permission::SaleCreate) && !set->contains(Permission::RefundCreate) &&
        !set->contains(Permission::ReturnNoReceipt))
        return fail(ErrorCode::PermissionDenied,
                    tr("Your role (%1) may not %2.")
                        .arg(roleTitle(*role), permissionDescription(Permission::RefundCreate)));
    return set;
}

Result<RefundableSale> RefundService::refundable(const Session& session, const QUuid& saleId)
{
    if (auto s = canView(session); !s)
        return std::unexpected(s.error());
    auto sale = refundrecords::loadSale(m_db, saleId);
    if (!sale)
        return std::unexpected(sale.error());
    return toRefundable(*sale);
}

Result<RefundableSale> RefundService::refundableByReceipt(const Session& session, qint64 receiptNo)
{
    if (auto s = canView(session); !s)
        return std::unexpected(s.error());
    auto sale = refundrecords::loadSaleByReceipt(m_db, m_registerId, receiptNo);
    if (!sale)
        return std::unexpected(sale.error());
    return toRefundable(*sale);
}

Result<RefundService::Planned> RefundService::plan(const Session& session,
                                                   const RefundRequest& request)
{
    if (auto s = checkReason(request.reason); !s)
        return std::unexpected(s.error());
    if (request.lines.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Pick the lines that come back."));
    auto sale = refundrecords::loadSale(m_db, request.saleId);
    if (!sale)
        return std::unexpected(sale.error());

    Planned p;
    Refund& r = p.refund;
    r.id = request.id.isNull() ? m_ids.newId() : request.id;
    auto exists = refundrecords::refundExists(m_db, r.id);
    if (!exists)
        return std::unexpected(exists.error());
    if (*exists)
        return fail(ErrorCode::Conflict, tr("This refund is already stored."));
    p.saleRow = sale->rowId;
    r.registerId = m_registerId;
    r.originalSaleId = sale->id;
    r.originalReceiptNo = sale->receiptNo;
    r.actorId = session.userId;
    r.actorName = session.userName;
    r.reason = request.reason.trimmed();
    r.currency = sale->currency;
    r.createdAt = m_clock.nowUtc().toUTC();

    QList<RefundLineRequest> picks = request.lines;
    std::sort(
        picks.begin(), picks.end(),
        [](const RefundLineRequest& a, const RefundLineRequest& b) { return a.lineNo < b.lineNo; });
    QStringList subject;
    for (qsizetype i = 0; i < picks.size(); ++i) {
        const RefundLineRequest& pick = picks[i];
        if (i > 0 && picks[i - 1].lineNo == pick.lineNo)
            return fail(ErrorCode::InvalidInput,
                        tr("Line %1 is picked twice: pick each line once.").arg(pick.lineNo));
        auto it = std::find_if(sale->lines.cbegin(), sale->lines.cend(),
                               [&](const auto& l) { return l.lineNo == pick.lineNo; });
        if (it == sale->lines.cend())
            return fail(ErrorCode::InvalidInput, tr("The sale has no line %1.").arg(pick.lineNo));
        const refundrecords::SaleLine& l = *it;
        if (auto s = checkQuantity(l.name, l.soldByWeight, pick.quantity); !s)
            return std::unexpected(s.error());
        const qint64 left = l.qtyMilli - l.refundedQtyMilli;
        if (pick.quantity.milli() > left)
            return fail(ErrorCode::InvalidInput,
                        tr("Only %1 of %2 can still be refunded (%3 sold, %4 refunded before).")
                            .arg(Quantity::fromMilli(std::max<qint64>(0, left)).toString(), l.name,
                                 Quantity::fromMilli(l.qtyMilli).toString(),
                                 Quantity::fromMilli(l.refundedQtyMilli).toString()));
        // Cumulative: after this refund the line has given back round(T * refunded / sold).
        const qint64 after = l.refundedQtyMilli + pick.quantity.milli();
        auto amountAfter = checked::mulDivRound(l.totalMinor, after, l.qtyMilli);
        auto taxAfter = checked::mulDivRound(l.taxMinor, after, l.qtyMilli);
        if (!amountAfter || !taxAfter)
            return std::unexpected(!amountAfter ? amountAfter.error() : taxAfter.error());
        RefundLine line;
        line.lineNo = static_cast<int>(r.lines.size() + 1);
        line.originalLineNo = l.lineNo;
        line.productId = l.productId;
        line.sku = l.sku;
        line.name = l.name;
        line.quantity = pick.quantity;
        line.amountMinor = *amountAfter - l.refundedMinor;
        line.taxMinor = std::max<qint64>(0, *taxAfter - l.refundedTaxMinor);
        if (line.amountMinor <= 0)
            return fail(ErrorCode::InvalidInput,
                        tr("%1 x %2 is worth nothing to give back: refund more of it at once.")
                            .arg(l.name, pick.quantity.toString()));
        if (auto s = checked::addTo(r.totalMinor, line.amountMinor); !s)
            return std::unexpected(s.error());
        if (auto s = checked::addTo(r.taxMinor, line.taxMinor); !s)
            return std::unexpected(s.error());
        r.lines.append(line);
        subject << QStringLiteral("%1x%2").arg(l.lineNo).arg(pick.quantity.milli());
    }
    if (r.totalMinor > sale->paidMinor - sale->refundedMinor)
        return fail(ErrorCode::InvalidInput,
                    tr("Only %1 of this sale is left to refund.")
                        .arg(money(sale->paidMinor - sale->refundedMinor, r.currency)));

    // Card first (each card tender up to what is left of it), then cash.
    qint64 left = r.totalMinor;
    for (const TenderKind kind : {TenderKind::Card, TenderKind::Cash}) {
        for (const auto& t : sale->tenders) {
            if (t.kind != kind || left == 0)
                continue;
            const qint64 take = std::min(left, t.amountMinor - t.refundedMinor);
            if (take <= 0)
                continue;
            RefundTender rt;
            rt.kind = kind;
            rt.amountMinor = take;
            rt.originalSeq = t.seq;
            rt.idempotencyKey =
                QStringLiteral("%1/%2").arg(uuidText(r.id)).arg(r.tenders.size() + 1);
            r.tenders.append(rt);
            p.chargeReferences.append(t.reference);
            left -= take;
        }
    }
    if (left != 0)
        return fail(ErrorCode::InvalidInput,
                    tr("The sale's tenders do not cover this refund: %1 is more than was paid.")
                        .arg(money(r.totalMinor, r.currency)));
    const bool cash = std::any_of(r.tenders.cbegin(), r.tenders.cend(),
                                  [](const RefundTender& t) { return t.kind == TenderKind::Cash; });
    if (cash) {
        auto shift = drawerFor(m_db, m_registerId, r.currency);
        if (!shift)
            return std::unexpected(shift.error());
        r.shiftId = shift->id;
    } else if (auto shift = salerecords::findOpenShift(m_db, m_registerId); shift) {
        r.shiftId = shift->id;
    }
    r.ask = ApprovalAsk{
        ApprovalKind::Refund, r.totalMinor,
        QStringLiteral("sale %1 lines %2").arg(uuidText(sale->id), subject.join(u',')),
        tr("Refund %1 of receipt %2").arg(money(r.totalMinor, r.currency)).arg(sale->receiptNo)};
    return p;
}

Result<RefundService::Planned> RefundService::planReturn(const Session& session,
                                                         const ReturnRequest& request)
{
    if (auto s = checkReason(request.reason); !s)
        return std::unexpected(s.error());
    if (request.lines.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Name the products that come back."));
    Planned p;
    Refund& r = p.refund;
    r.id = request.id.isNull() ? m_ids.newId() : request.id;
    auto exists = refundrecords::refundExists(m_db, r.id);
    if (!exists)
        return std::unexpected(exists.error());
    if (*exists)
        return fail(ErrorCode::Conflict, tr("This return is already stored."));
    auto shift = salerecords::findOpenShift(m_db, m_registerId);
    if (!shift) {
        if (shift.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Conflict,
                        tr("Cash goes back from the drawer: open a shift first."));
        return std::unexpected(shift.error());
    }
    r.registerId = m_registerId;
    r.shiftId = shift->id;
    r.actorId = session.userId;
    r.actorName = session.userName;
    r.reason = request.reason.trimmed();
    r.currency = shift->currency;
    r.createdAt = m_clock.nowUtc().toUTC();

    QList<CartLine> lines;
    QStringList subject;
    for (const ReturnLineRequest& item : request.lines) {
        auto product = refundrecords::loadProduct(m_db, item.productId);
        if (!product) {
            if (product.error().code == ErrorCode::NotFound)
                return fail(ErrorCode::InvalidInput,
                            tr("There is no product %1 in the catalog.").arg(item.productId));
            return std::unexpected(product.error());
        }
        if (auto s = checkQuantity(product->name, product->soldByWeight, item.quantity); !s)
            return std::unexpected(s.error());
        CartLine l;
        l.productId = product->id;
        l.sku = product->sku;
        l.name = product->name;
        l.unitPriceMinor = product->priceMinor;
        l.quantity = item.quantity;
        l.tax = product->tax;
        l.soldByWeight = product->soldByWeight;
        lines.append(l);
        subject << QStringLiteral("%1x%2").arg(product->id).arg(item.quantity.milli());
    }
    auto totals = priceLines(r.currency, lines, 0);
    if (!totals)
        return std::unexpected(totals.error());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const CartLine& l = lines[i];
        const PricedLine& priced = totals->lines[i];
        if (priced.totalMinor <= 0)
            return fail(ErrorCode::InvalidInput, tr("%1 has no price to give back.").arg(l.name));
        RefundLine line;
        line.lineNo = static_cast<int>(i + 1);
        line.productId = l.productId;
        line.sku = l.sku;
        line.name = l.name;
        line.quantity = l.quantity;
        line.amountMinor = priced.totalMinor;
        line.taxMinor = priced.taxMinor;
        r.lines.append(line);
    }
    r.totalMinor = totals->totalMinor;
    r.taxMinor = totals->taxMinor;
    RefundTender cash;
    cash.kind = TenderKind::Cash;
    cash.amountMinor = r.totalMinor;
    cash.idempotencyKey = QStringLiteral("%1/1").arg(uuidText(r.id));
    r.tenders.append(cash);
    p.chargeReferences.append(QString());
    r.ask =
        ApprovalAsk{ApprovalKind::ReturnNoReceipt, r.totalMinor,
                    QStringLiteral("return %1").arg(subject.join(u',')),
                    tr("Return without receipt, %1 in cash").arg(money(r.totalMinor, r.currency))};
    return p;
}

Result<Refund> RefundService::preview(const Session& session, const RefundRequest& request)
{
    if (auto s = canView(session); !s)
        return std::unexpected(s.error());
    auto p = plan(session, request);
    if (!p)
        return std::unexpected(p.error());
    return p->refund;
}

Result<Refund> RefundService::previewReturn(const Session& session, const ReturnRequest& request)
{
    if (auto s = canView(session); !s)
        return std::unexpected(s.error());
    auto p = planReturn(session, request);
    if (!p)
        return std::unexpected(p.error());
    return p->refund;
}

Result<Refund> RefundService::refund(const Session& session, const RefundRequest& request)
{
    auto set = canView(session);
    if (!set)
        return std::unexpected(set.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto p = plan(session, request);
    if (!p)
        return std::unexpected(p.error());
    return execute(session, *tx, *p, set->contains(Permission::RefundCreate), request.approvalId);
}

Result<Refund> RefundService::returnWithoutReceipt(const Session& session,
                                                   const ReturnRequest& request)
{
    auto set = canView(session);
    if (!set)
        return std::unexpected(set.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto p = planReturn(session, request);
    if (!p)
        return std::unexpected(p.error());
    return execute(session, *tx, *p, set->contains(Permission::ReturnNoReceipt),
                   request.approvalId);
}

// Inside the transaction that planned the refund: the approval is used, the card refunds are
// made, the rows are stored, and all of it commits together. A refusal anywhere rolls back.
Result<Refund> RefundService::execute(const Session& session, Transaction& tx, Planned& planned,
                                      bool allowed, const QUuid& approvalId)
{
    Refund& r = planned.refund;
    qint64 approvalRow = 0;
    qint64 approverId = 0;
    if (!allowed) {
        auto used = m_approvals.consume(session, approvalId, r.ask);
        if (!used)
            return std::unexpected(used.error());
        approvalRow = used->rowId;
        approverId = used->approverId;
    }
    const Admission admission = m_limiter.tryAcquire(m_registerId);
    if (!admission.allowed)
        return fail(ErrorCode::Locked, admission.message);

    for (qsizetype i = 0; i < r.tenders.size(); ++i) {
        RefundTender& t = r.tenders[i];
        if (t.kind != TenderKind::Card)
            continue;
        auto ref = m_processor.refund(planned.chargeReferences.at(i),
                                      Money(t.amountMinor, r.currency), t.idempotencyKey);
        if (!ref) {
            qCInfo(lcRefunds) << "card refund refused for refund" << r.id << ":"
                              << ref.error().message;
            const bool earlier =
                std::any_of(r.tenders.cbegin(), r.tenders.cbegin() + i,
                            [](const RefundTender& e) { return e.kind == TenderKind::Card; });
            return std::unexpected(
                Error{ref.error().code,
                      earlier ? tr("The card refund was refused and nothing was stored; an earlier "
                                   "card part went through: try the same refund again to finish it "
                                   "(it will not be refunded twice). %1")
                                    .arg(ref.error().message)
                              : tr("The card refund was refused and nothing was stored: %1")
                                    .arg(ref.error().message)});
        }
        if (ref->trimmed().isEmpty() || ref->size() > 64)
            return fail(ErrorCode::Internal,
                        tr("The card processor returned a refund reference that cannot be "
                           "stored; nothing was stored."));
        t.reference = *ref;
    }
    if (auto s = refundrecords::insertRefund(m_db, r, planned.saleRow, approvalRow); !s)
        return std::unexpected(s.error());
    if (auto s = audit::record(m_db, AuditEntry{session.userId,
                                                approverId,
                                                auditaction::RefundCreated,
                                                audit::entity("refund", uuidText(r.id)),
                                                {},
                                                auditAfter(r)});
        !s)
        return std::unexpected(s.error());
    if (auto s = tx.commit(); !s) {
        qCCritical(lcRefunds) << "refund" << r.id
                              << "made at the processor but not stored:" << s.error().message;
        return std::unexpected(
            Error{s.error().code, tr("The refund could not be stored: try the same refund again "
                                     "(card parts will not be refunded twice). %1")
                                      .arg(s.error().message)});
    }
    qCInfo(lcRefunds) << "refund stored" << r.id << r.totalMinor << r.currency
                      << (approvalRow > 0 ? "with approval" : "with permission");
    auto stored = refundrecords::loadRefund(m_db, r.id);
    if (!stored)
        return std::unexpected(stored.error());
    stored->ask = r.ask;
    return stored;
}

Result<Refund> RefundService::load(const Session& session, const QUuid& refundId)
{
    auto role = m_access.liveRole(session);
    if (!role)
        return std::unexpected(role.error());
    auto set = m_access.effective(*role, session.storeId);
    if (!set)
        return std::unexpected(set.error());
    if (!set->contains(Permission::SaleCreate) && !set->contains(Permission::RefundCreate) &&
        !set->contains(Permission::ReportsView))
        return fail(ErrorCode::PermissionDenied,
                    tr("Your role (%1) may not %2.")
                        .arg(roleTitle(*role), permissionDescription(Permission::ReportsView)));
    return refundrecords::loadRefund(m_db, refundId);
}

} // namespace pos
