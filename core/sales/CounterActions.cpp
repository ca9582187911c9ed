#include "sales/CounterActions.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "money/Checked.h"
#include "sales/Pricing.h"
#include "sales/SaleRecords.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCounter, "pos.counter")

namespace pos {

namespace {

constexpr qsizetype MaxReason = 200;
constexpr qint64 Ppm = 1'000'000;

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::CounterActions", text);
}

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

Status checkLine(const Cart& cart, int line)
{
    if (line < 0 || line >= cart.lines().size())
        return fail(ErrorCode::InvalidInput, tr("There is no line %1 in this sale.").arg(line + 1));
    return {};
}

Status checkReason(const QString& reason)
{
    const QString text = reason.trimmed();
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Say why."));
    if (text.size() > MaxReason)
        return fail(ErrorCode::InvalidInput,
                    tr("The reason is too long (at most %1 characters).").arg(MaxReason));
    return {};
}

QString lineSubject(const Cart& cart, int line)
{
    return QStringLiteral("cart %1 line %2 %3")
        .arg(uuidText(cart.id()))
        .arg(line + 1)
        .arg(cart.lines().at(line).sku);
}

QString money(const Cart& cart, qint64 minor)
{
    return Money(minor, cart.currency()).toPlainString();
}

// "Milk 1L x 2"
QString lineText(const CartLine& l)
{
    return QStringLiteral("%1 x %2").arg(l.name, l.quantity.toString());
}

Result<qint64> grossOf(const CartLine& l)
{
    return lineGross(l.unitPriceMinor, l.quantity.milli());
}

// floor(amount * ppm / 1,000,000): the part of an amount a limit allows, never rounded up.
qint64 shareOf(qint64 amountMinor, qint64 ppm)
{
    if (amountMinor <= 0 || ppm <= 0)
        return 0;
    const checked::Int128 p = static_cast<checked::Int128>(amountMinor) * ppm;
    return static_cast<qint64>(p / Ppm);
}

} // namespace

// What perform() writes: the counter_events row and its audit row (AUD-1).
struct CounterActions::Record {
    QUuid cartId; // null for a no-sale
    qint64 amountMinor = 0;
    QString detail;
    QString action; // auditaction::...
    QJsonObject before;
    QJsonObject after;
};

namespace {

QJsonObject lineFields(const Cart& cart, int line)
{
    const CartLine& l = cart.lines().at(line);
    return QJsonObject{{QStringLiteral("line"), line + 1},
                       {QStringLiteral("sku"), l.sku},
                       {QStringLiteral("qty_milli"), l.quantity.milli()},
                       {QStringLiteral("unit_price_minor"), l.unitPriceMinor},
                       {QStringLiteral("currency"), cart.currency()}};
}

QJsonObject with(QJsonObject o, const QString& key, const QJsonValue& value)
{
    o.insert(key, value);
    return o;
}

} // namespace

CounterActions::CounterActions(Database& db, const Clock& clock, IdSource& ids,
                               ApprovalService& approvals, QString registerId)
    : m_db(db), m_clock(clock), m_ids(ids), m_approvals(approvals),
      m_registerId(std::move(registerId)), m_access(db)
{}

// ---- what each action would need an approval for ----

Result<ApprovalAsk> CounterActions::askVoidLine(const Cart& cart, int line)
{
    if (auto s = checkLine(cart, line); !s)
        return std::unexpected(s.error());
    Cart candidate = cart;
    if (auto s = candidate.removeLine(line); !s)
        return std::unexpected(s.error());
    const CartLine& l = cart.lines().at(line);
    auto gross = grossOf(l);
    if (!gross)
        return std::unexpected(gross.error());
    return ApprovalAsk{ApprovalKind::LineVoid, *gross,
                       lineSubject(cart, line) + QStringLiteral(" void"),
                       tr("Void %1 (%2)").arg(lineText(l), money(cart, *gross))};
}

Result<ApprovalAsk> CounterActions::askSetQuantity(const Cart& cart, int line, Quantity quantity)
{
    if (auto s = checkLine(cart, line); !s)
        return std::unexpected(s.error());
    Cart candidate = cart;
    if (auto s = candidate.setQuantity(line, quantity); !s)
        return std::unexpected(s.error());
    const CartLine& l = cart.lines().at(line);
    if (quantity.milli() >= l.quantity.milli())
        return fail(ErrorCode::InvalidInput,
                    tr("A higher quantity needs no approval: only lowering one does."));
    auto before = grossOf(l);
    auto after = lineGross(l.unitPriceMinor, quantity.milli());
    if (!before || !after)
        return std::unexpected(!before ? before.error() : after.error());
    const qint64 removed = *before - *after;
    return ApprovalAsk{
        ApprovalKind::LineVoid, removed,
        lineSubject(cart, line) + QStringLiteral(" to %1").arg(quantity.milli()),
        tr("Lower %1 to %2 (%3 off)").arg(lineText(l), quantity.toString(), money(cart, removed))};
}

Result<ApprovalAsk> CounterActions::askVoidSale(const Cart& cart)
{
    if (cart.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("The sale has no lines: there is nothing to void."));
    auto totals = cart.totals();
    if (!totals)
        return std::unexpected(totals.error());
    return ApprovalAsk{ApprovalKind::SaleVoid, totals->totalMinor,
                       QStringLiteral("cart %1 void").arg(uuidText(cart.id())),
                       tr("Void the whole sale (%1 lines, %2)")
                           .arg(cart.lines().size())
                           .arg(money(cart, totals->totalMinor))};
}

Result<ApprovalAsk> CounterActions::askLineDiscount(const Cart& cart, int line,
                                                    qint64 discountMinor)
{
    if (auto s = checkLine(cart, line); !s)
        return std::unexpected(s.error());
    Cart candidate = cart;
    if (auto s = candidate.setLineDiscount(line, discountMinor); !s)
        return std::unexpected(s.error());
    const CartLine& l = cart.lines().at(line);
    return ApprovalAsk{ApprovalKind::Discount, discountMinor,
                       lineSubject(cart, line) + QStringLiteral(" discount"),
                       tr("Discount of %1 on %2").arg(money(cart, discountMinor), lineText(l))};
}

Result<ApprovalAsk> CounterActions::askOrderDiscount(const Cart& cart, qint64 discountMinor)
{
    Cart candidate = cart;
    if (auto s = candidate.setOrderDiscount(discountMinor); !s)
        return std::unexpected(s.error());
    return ApprovalAsk{ApprovalKind::Discount, discountMinor,
                       QStringLiteral("cart %1 order discount").arg(uuidText(cart.id())),
                       tr("Discount of %1 on the whole sale").arg(money(cart, discountMinor))};
}

Result<ApprovalAsk> CounterActions::askOverridePrice(const Cart& cart, int line,
                                                     qint64 newUnitPriceMinor)
{
    if (auto s = checkLine(cart, line); !s)
        return std::unexpected(s.error());
    Cart candidate = cart;
    if (auto s = candidate.setUnitPrice(line, newUnitPriceMinor); !s)
        return std::unexpected(s.error());
    const CartLine& l = cart.lines().at(line);
    auto before = grossOf(l);
    auto after = lineGross(newUnitPriceMinor, l.quantity.milli());
    if (!before || !after)
        return std::unexpected(!before ? before.error() : after.error());
    // What the store gives up (0 for a higher price); the subject pins the exact new price.
    const qint64 lowered = std::max<qint64>(0, *before - *after);
    return ApprovalAsk{
        ApprovalKind::PriceOverride, lowered,
        lineSubject(cart, line) + QStringLiteral(" price %1").arg(newUnitPriceMinor),
        tr("Price of %1 from %2 to %3")
            .arg(l.name, money(cart, l.unitPriceMinor), money(cart, newUnitPriceMinor))};
}

ApprovalAsk CounterActions::askNoSale() const
{
    return ApprovalAsk{ApprovalKind::NoSale, 0,
                       QStringLiteral("register %1 no sale").arg(m_registerId),
                       tr("Open the drawer without a sale")};
}

// ---- discount limits ----

Result<qint64> CounterActions::discountLimitPpm(const Session& session)
{
    auto q = m_db.query("SELECT discount_limit_ppm FROM users WHERE id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, session.userId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::Unauthenticated, tr("You are not signed in any more."));
    return q->int64(0);
}

Result<qint64> CounterActions::lineDiscountLimit(const Session& session, const Cart& cart, int line)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return std::unexpected(s.error());
    if (auto s = checkLine(cart, line); !s)
        return std::unexpected(s.error());
    auto ppm = discountLimitPpm(session);
    if (!ppm)
        return ppm;
    auto gross = grossOf(cart.lines().at(line));
    if (!gross)
        return gross;
    return shareOf(*gross, *ppm);
}

Result<qint64> CounterActions::orderDiscountLimit(const Session& session, const Cart& cart)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return std::unexpected(s.error());
    auto ppm = discountLimitPpm(session);
    if (!ppm)
        return ppm;
    // All the sale's discounts together stay within the share of its gross.
    qint64 gross = 0;
    qint64 lineDiscounts = 0;
    for (const CartLine& l : cart.lines()) {
        auto g = grossOf(l);
        if (!g)
            return g;
        if (auto s = checked::addTo(gross, *g); !s)
            return std::unexpected(s.error());
        if (auto s = checked::addTo(lineDiscounts, l.lineDiscountMinor); !s)
            return std::unexpected(s.error());
    }
    return std::max<qint64>(0, shareOf(gross, *ppm) - lineDiscounts);
}

// ---- the rule ----

Status CounterActions::perform(const Session& session, Permission permission,
                               const ApprovalAsk& ask, const QUuid& approvalId,
                               const Record& record)
{
    auto set = m_access.permissions(session);
    if (!set)
        return std::unexpected(set.error());
    const bool allowed = set->contains(permission);

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    qint64 approvalRow = 0;
    qint64 approverId = 0;
    if (!allowed) {
        auto used = m_approvals.consume(session, approvalId, ask);
        if (!used)
            return std::unexpected(used.error());
        approvalRow = used->rowId;
        approverId = used->approverId;
    }
    auto shift = salerecords::findOpenShift(m_db, m_registerId);
    if (!shift && shift.error().code != ErrorCode::NotFound)
        return std::unexpected(shift.error());

    auto q = m_db.query("INSERT INTO counter_events (uuid, kind, register_id, shift_id, actor_id, "
                        "approval_id, cart_uuid, amount_minor, detail, at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!q)
        return std::unexpected(q.error());
    const QString eventId = uuidText(m_ids.newId());
    q->bind(1, eventId).bind(2, approvalKindName(ask.kind)).bind(3, m_registerId);
    if (shift)
        q->bind(4, shift->id);
    else
        q->bindNull(4);
    q->bind(5, session.userId);
    if (approvalRow > 0)
        q->bind(6, approvalRow);
    else
        q->bindNull(6);
    if (record.cartId.isNull())
        q->bindNull(7);
    else
        q->bind(7, uuidText(record.cartId));
    q->bind(8, record.amountMinor)
        .bind(9, record.detail)
        .bind(10, salerecords::isoUtc(m_clock.nowUtc()));
    if (auto s = q->run(); !s)
        return s;
    QJsonObject after = record.after;
    after.insert(QStringLiteral("event_id"), eventId);
    after.insert(QStringLiteral("amount_minor"), record.amountMinor);
    if (shift)
        after.insert(QStringLiteral("shift_id"), shift->id);
    const QString entity = record.cartId.isNull() ? audit::entity("register", m_registerId)
                                                  : audit::entity("cart", uuidText(record.cartId));
    if (auto s = audit::record(m_db, AuditEntry{session.userId, approverId, record.action, entity,
                                                record.before, after});
        !s)
        return s;
    if (auto s = tx->commit(); !s)
        return s;
    qCInfo(lcCounter) << approvalKindName(ask.kind) << "by user" << session.userId
                      << (approvalRow > 0 ? "with approval" : "with permission");
    return {};
}

// ---- the actions ----

Status CounterActions::voidLine(const Session& session, Cart& cart, int line,
                                const QUuid& approvalId)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return s;
    auto ask = askVoidLine(cart, line);
    if (!ask)
        return std::unexpected(ask.error());
    Cart candidate = cart;
    if (auto s = candidate.removeLine(line); !s)
        return s;
    const CartLine& l = cart.lines().at(line);
    const QJsonObject before = lineFields(cart, line);
    const Record record{cart.id(),
                        ask->amountMinor,
                        tr("line %1 voided: %2 (%3) at %4")
                            .arg(line + 1)
                            .arg(lineText(l), l.sku, money(cart, l.unitPriceMinor)),
                        auditaction::SaleLineVoid,
                        before,
                        with(before, QStringLiteral("qty_milli"), 0)};
    if (auto s = perform(session, Permission::LineVoid, *ask, approvalId, record); !s)
        return s;
    cart = std::move(candidate);
    return {};
}

Status CounterActions::setQuantity(const Session& session, Cart& cart, int line, Quantity quantity,
                                   const QUuid& approvalId)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return s;
    if (auto s = checkLine(cart, line); !s)
        return s;
    const CartLine& l = cart.lines().at(line);
    if (quantity.milli() >= l.quantity.milli())
        return cart.setQuantity(line, quantity);
    auto ask = askSetQuantity(cart, line, quantity);
    if (!ask)
        return std::unexpected(ask.error());
    Cart candidate = cart;
    if (auto s = candidate.setQuantity(line, quantity); !s)
        return s;
    const QJsonObject before = lineFields(cart, line);
    const Record record{cart.id(),
                        ask->amountMinor,
                        tr("line %1 lowered: %2 (%3) to %4")
                            .arg(line + 1)
                            .arg(lineText(l), l.sku, quantity.toString()),
                        auditaction::SaleLineVoid,
                        before,
                        with(before, QStringLiteral("qty_milli"), quantity.milli())};
    if (auto s = perform(session, Permission::LineVoid, *ask, approvalId, record); !s)
        return s;
    cart = std::move(candidate);
    return {};
}

Status CounterActions::voidSale(const Session& session, Cart& cart, const QString& reason,
                                const QUuid& approvalId)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return s;
    if (auto s = checkReason(reason); !s)
        return s;
    auto ask = askVoidSale(cart);
    if (!ask)
        return std::unexpected(ask.error());
    const Record record{
        cart.id(),
        ask->amountMinor,
        tr("sale voided (%1 lines): %2").arg(cart.lines().size()).arg(reason.trimmed()),
        auditaction::SaleVoid,
        {{QStringLiteral("lines"), static_cast<qint64>(cart.lines().size())},
         {QStringLiteral("total_minor"), ask->amountMinor},
         {QStringLiteral("currency"), cart.currency()}},
        {{QStringLiteral("lines"), 0}, {QStringLiteral("reason"), reason.trimmed()}}};
    if (auto s = perform(session, Permission::SaleVoid, *ask, approvalId, record); !s)
        return s;
    cart = Cart(cart.currency());
    return {};
}

Status CounterActions::setLineDiscount(const Session& session, Cart& cart, int line,
                                       qint64 discountMinor, const QUuid& approvalId)
{
    auto limit = lineDiscountLimit(session, cart, line); // checks sale.create and the line
    if (!limit)
        return std::unexpected(limit.error());
    Cart candidate = cart;
    if (auto s = candidate.setLineDiscount(line, discountMinor); !s)
        return s;
    const CartLine& l = cart.lines().at(line);
    // Within the limit, or no more than is already given: ringing up only.
    if (discountMinor <= *limit || discountMinor <= l.lineDiscountMinor) {
        cart = std::move(candidate);
        return {};
    }
    auto ask = askLineDiscount(cart, line, discountMinor);
    if (!ask)
        return std::unexpected(ask.error());
    const QJsonObject fields = lineFields(cart, line);
    const Record record{cart.id(),
                        discountMinor,
                        tr("discount of %1 on line %2: %3 (%4); limit %5")
                            .arg(money(cart, discountMinor))
                            .arg(line + 1)
                            .arg(lineText(l), l.sku, money(cart, *limit)),
                        auditaction::SaleDiscountOverLimit,
                        with(fields, QStringLiteral("discount_minor"), l.lineDiscountMinor),
                        with(with(fields, QStringLiteral("discount_minor"), discountMinor),
                             QStringLiteral("limit_minor"), *limit)};
    if (auto s = perform(session, Permission::DiscountOverLimit, *ask, approvalId, record); !s)
        return s;
    cart = std::move(candidate);
    return {};
}

Status CounterActions::setOrderDiscount(const Session& session, Cart& cart, qint64 discountMinor,
                                        const QUuid& approvalId)
{
    auto limit = orderDiscountLimit(session, cart); // checks sale.create
    if (!limit)
        return std::unexpected(limit.error());
    Cart candidate = cart;
    if (auto s = candidate.setOrderDiscount(discountMinor); !s)
        return s;
    if (discountMinor <= *limit || discountMinor <= cart.orderDiscountMinor()) {
        cart = std::move(candidate);
        return {};
    }
    auto ask = askOrderDiscount(cart, discountMinor);
    if (!ask)
        return std::unexpected(ask.error());
    const Record record{cart.id(),
                        discountMinor,
                        tr("discount of %1 on the whole sale; limit %2")
                            .arg(money(cart, discountMinor), money(cart, *limit)),
                        auditaction::SaleDiscountOverLimit,
                        {{QStringLiteral("order_discount_minor"), cart.orderDiscountMinor()},
                         {QStringLiteral("currency"), cart.currency()}},
                        {{QStringLiteral("order_discount_minor"), discountMinor},
                         {QStringLiteral("limit_minor"), *limit},
                         {QStringLiteral("currency"), cart.currency()}}};
    if (auto s = perform(session, Permission::DiscountOverLimit, *ask, approvalId, record); !s)
        return s;
    cart = std::move(candidate);
    return {};
}

Status CounterActions::overridePrice(const Session& session, Cart& cart, int line,
                                     qint64 newUnitPriceMinor, const QUuid& approvalId)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return s;
    auto ask = askOverridePrice(cart, line, newUnitPriceMinor);
    if (!ask)
        return std::unexpected(ask.error());
    const CartLine& l = cart.lines().at(line);
    if (newUnitPriceMinor == l.unitPriceMinor)
        return {};
    Cart candidate = cart;
    if (auto s = candidate.setUnitPrice(line, newUnitPriceMinor); !s)
        return s;
    const QJsonObject before = lineFields(cart, line);
    const Record record{
        cart.id(),
        ask->amountMinor,
        tr("price of line %1, %2 (%3), from %4 to %5")
            .arg(line + 1)
            .arg(l.name, l.sku, money(cart, l.unitPriceMinor), money(cart, newUnitPriceMinor)),
        auditaction::SalePriceOverride,
        before,
        with(before, QStringLiteral("unit_price_minor"), newUnitPriceMinor)};
    if (auto s = perform(session, Permission::PriceOverride, *ask, approvalId, record); !s)
        return s;
    cart = std::move(candidate);
    return {};
}

Status CounterActions::noSale(const Session& session, const QString& reason,
                              const QUuid& approvalId)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return s;
    if (auto s = checkReason(reason); !s)
        return s;
    auto shift = salerecords::findOpenShift(m_db, m_registerId);
    if (!shift) {
        if (shift.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Conflict, shift.error().message);
        return std::unexpected(shift.error());
    }
    const Record record{QUuid(),
                        0,
                        reason.trimmed(),
                        auditaction::DrawerNoSale,
                        {},
                        {{QStringLiteral("reason"), reason.trimmed()}}};
    return perform(session, Permission::DrawerNoSale, askNoSale(), approvalId, record);
}

} // namespace pos
