// SaleService: parking and resuming carts (held_sales). Split from SaleService.cpp by
// responsibility; same class.
#include "sales/SaleRecords.h"
#include "sales/SaleService.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

namespace pos {

using salerecords::lcSales;

namespace {
constexpr qsizetype MaxLabel = 60;
}

Result<QUuid> SaleService::hold(const Session& session, const Cart& cart, const QString& label)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return std::unexpected(s.error());
    if (cart.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("an empty sale cannot be held"));
    const QDateTime now = m_clock.nowUtc().toUTC();
    QString text = label.simplified();
    if (text.size() > MaxLabel)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the label is too long (at most %1 characters)").arg(MaxLabel));
    if (text.isEmpty())
        text = QStringLiteral("Held %1").arg(now.toLocalTime().toString(QStringLiteral("HH:mm")));

    Cart parked = cart;
    if (!parked.startedAt().isValid())
        parked.setStartedAt(now);
    const QUuid id = m_ids.newId();
    auto q = m_db.query("INSERT INTO held_sales (uuid, label, cashier, held_at, cart, cashier_id) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, id.toString(QUuid::WithoutBraces))
        .bind(2, text)
        .bind(3, session.userName)
        .bind(4, salerecords::isoUtc(now))
        .bind(5, parked.toJson())
        .bind(6, session.userId);
    if (auto s = q->run(); !s)
        return std::unexpected(s.error());
    qCInfo(lcSales) << "sale held" << id;
    return id;
}

Result<QList<HeldSale>> SaleService::heldSales(const Session& session)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return std::unexpected(s.error());
    auto all = m_access.require(session, Permission::HeldAll);
    if (!all && all.error().code != ErrorCode::PermissionDenied)
        return std::unexpected(all.error());
    // Without held.all only one's own; held sales from before staff accounts (no cashier_id)
    // are everyone's business only for those with held.all.
    auto q = m_db.query("SELECT uuid, label, cashier, held_at, cart, cashier_id FROM held_sales "
                        "WHERE ?1 = 1 OR cashier_id = ?2 ORDER BY held_at, id");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, all.has_value()).bind(2, session.userId);
    QList<HeldSale> list;
    if (auto rows = q->forEach([&] {
            HeldSale h;
            h.id = QUuid::fromString(q->text(0));
            h.label = q->text(1);
            h.cashier = q->text(2);
            h.heldAt = salerecords::parseIsoUtc(q->text(3));
            h.cashierId = q->isNull(5) ? 0 : q->int64(5);
            // A damaged cart is still listed (with nothing on it) so that staff can see it exists;
            // resume() then says what is wrong with it.
            auto cart = Cart::fromJson(q->blob(4));
            if (cart) {
                auto totals = cart->totals();
                if (totals) {
                    h.totalMinor = totals->totalMinor;
                    h.lineCount = static_cast<int>(cart->lines().size());
                }
            } else {
                qCWarning(lcSales)
                    << "held sale" << h.id << "cannot be read:" << cart.error().message;
            }
            list.append(h);
        });
        !rows)
        return std::unexpected(rows.error());
    return list;
}

Result<Cart> SaleService::resume(const Session& session, const QUuid& heldId)
{
    if (auto s = m_access.require(session, Permission::SaleCreate); !s)
        return std::unexpected(s.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    const QString key = heldId.toString(QUuid::WithoutBraces);
    QByteArray json;
    {
        auto q = m_db.query("SELECT cart, cashier_id FROM held_sales WHERE uuid = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, key);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::NotFound,
                        QStringLiteral("that held sale is gone (resumed already?)"));
        json = q->blob(0);
        const bool own = !q->isNull(1) && q->int64(1) == session.userId;
        if (!own) {
            if (auto s = m_access.require(session, Permission::HeldAll); !s)
                return std::unexpected(s.error());
        }
    }
    auto cart = Cart::fromJson(json);
    if (!cart)
        return std::unexpected(cart.error());
    auto d = m_db.query("DELETE FROM held_sales WHERE uuid = ?1");
    if (!d)
        return std::unexpected(d.error());
    d->bind(1, key);
    if (auto s = d->run(); !s)
        return std::unexpected(s.error());
    if (m_db.changes() != 1)
        return fail(ErrorCode::NotFound, QStringLiteral("that held sale is gone"));
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcSales) << "held sale resumed" << heldId;
    return std::move(*cart);
}

} // namespace pos
