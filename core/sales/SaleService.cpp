#include "sales/SaleService.h"

#include "money/Checked.h"
#include "payments/PaymentProcessor.h"
#include "sales/SaleRecords.h"
#include "sales/TenderPlan.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

namespace pos {

using salerecords::lcSales;

namespace {

// PAY-1 defence in depth: a processor reference that carries a run of 12 or more digits could be
// a card number; it is refused rather than stored.
bool looksLikeCardData(const QString& reference)
{
    int run = 0;
    for (QChar c : reference) {
        if (c.isDigit())
            ++run;
        else if (c != u' ' && c != u'-')
            run = 0;
        if (run >= 12)
            return true;
    }
    return false;
}

} // namespace

SaleService::SaleService(Database& db, AccessControl& access, const Clock& clock, IdSource& ids,
                         PaymentProcessor& processor, QString registerId)
    : m_db(db), m_access(access), m_clock(clock), m_ids(ids), m_processor(processor),
      m_registerId(std::move(registerId))
{}

Status SaleService::requireSaleReading(const Session& session)
{
    auto s = m_access.require(session, Permission::SaleCreate);
    if (!s && s.error().code == ErrorCode::PermissionDenied)
        s = m_access.require(session, Permission::ReportsView);
    return s;
}

Result<CompletedSale> SaleService::complete(const Session& session, const Cart& cart,
                                            const QList<TenderRequest>& tenders)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return std::unexpected(s.error());
    if (cart.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the sale has no lines"));
    auto shift = salerecords::findOpenShift(m_db, m_registerId);
    if (!shift) {
        if (shift.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Conflict, shift.error().message);
        return std::unexpected(shift.error());
    }
    if (shift->currency != cart.currency())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the sale is in %1 but the shift counts %2")
                        .arg(cart.currency(), shift->currency));
    {
        auto q = m_db.query("SELECT 1 FROM sales WHERE uuid = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, cart.id().toString(QUuid::WithoutBraces));
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (*row)
            return fail(ErrorCode::Conflict, QStringLiteral("this sale is already completed"));
    }
    auto totals = cart.totals();
    if (!totals)
        return std::unexpected(totals.error());
    if (tenders.isEmpty() && totals->totalMinor > 0)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("tender below total: %1 is still due").arg(totals->total().toString()));
    auto plan = planTenders(totals->totalMinor, tenders, cart.currency());
    if (!plan)
        return std::unexpected(plan.error());

    CompletedSale sale;
    sale.id = cart.id();
    sale.registerId = m_registerId;
    sale.cashier = session.userName;
    sale.cashierId = session.userId;
    sale.customerId = cart.customerId();
    sale.lines = cart.lines();
    sale.totals = *totals;
    sale.paidMinor = totals->totalMinor;
    sale.changeMinor = plan->changeMinor;
    sale.completedAt = m_clock.nowUtc().toUTC();
    sale.startedAt = cart.startedAt().isValid() ? cart.startedAt().toUTC() : sale.completedAt;

    // Card charges first, each with its own idempotency key (PAY-2). Anything that fails from
    // here on voids what was charged, so no money is taken for a sale that is not stored.
    QList<QString> charged;
    const auto voidCharges = [&] {
        for (const QString& ref : std::as_const(charged)) {
            if (auto s = m_processor.voidCharge(ref); !s)
                qCCritical(lcSales)
                    << "could not void card charge" << ref << ":" << s.error().message;
            else
                qCInfo(lcSales) << "voided card charge" << ref;
        }
    };
    for (Tender t : plan->tenders) {
        t.idempotencyKey = m_ids.newId().toString(QUuid::WithoutBraces);
        if (t.kind == TenderKind::Card) {
            auto ref = m_processor.charge(Money(t.amountMinor, cart.currency()), t.idempotencyKey);
            if (!ref) {
                qCInfo(lcSales) << "card charge refused:" << ref.error().message;
                voidCharges();
                return std::unexpected(ref.error());
            }
            charged.append(*ref);
            if (ref->trimmed().isEmpty() || ref->size() > 64 || looksLikeCardData(*ref)) {
                qCCritical(lcSales) << "the processor returned an unusable reference; voided";
                voidCharges();
                return fail(ErrorCode::Internal,
                            QStringLiteral("the card processor returned a reference that cannot "
                                           "be stored; the charge was voided"));
            }
            t.reference = *ref;
        }
        sale.tenders.append(t);
    }

    auto stored = [&]() -> Result<qint64> {
        auto tx = Transaction::begin(m_db);
        if (!tx)
            return std::unexpected(tx.error());
        // The shift might have been closed while the card was being charged.
        auto now = salerecords::findOpenShift(m_db, m_registerId);
        if (!now)
            return std::unexpected(now.error());
        if (now->id != shift->id)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("the shift changed while the sale was being paid"));
        auto receiptNo = salerecords::insertSale(m_db, sale, shift->id);
        if (!receiptNo)
            return std::unexpected(receiptNo.error());
        if (auto s = tx->commit(); !s)
            return std::unexpected(s.error());
        return *receiptNo;
    }();
    if (!stored) {
        qCWarning(lcSales) << "sale not stored:" << stored.error().message;
        voidCharges();
        return std::unexpected(
            Error{stored.error().code, QStringLiteral("the sale was not stored and card charges "
                                                      "were voided: %1")
                                           .arg(stored.error().message)});
    }
    sale.receiptNo = *stored;
    qCInfo(lcSales) << "sale completed, receipt" << sale.receiptNo;
    return sale;
}

Result<CompletedSale> SaleService::load(const Session& session, const QUuid& id)
{
    if (auto s = requireSaleReading(session); !s)
        return std::unexpected(s.error());
    return salerecords::loadSaleByUuid(m_db, id);
}

Result<CompletedSale> SaleService::loadByReceipt(const Session& session, qint64 receiptNo)
{
    if (auto s = requireSaleReading(session); !s)
        return std::unexpected(s.error());
    return salerecords::loadSaleByReceipt(m_db, m_registerId, receiptNo);
}

Result<qint64> SaleService::completedCount(const Session& session)
{
    if (auto s = requireSaleReading(session); !s)
        return std::unexpected(s.error());
    auto q = m_db.query("SELECT count(*) FROM sales WHERE register_id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, m_registerId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    return *row ? q->int64(0) : 0;
}

} // namespace pos
