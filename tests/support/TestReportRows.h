#pragma once

// Rows for tests of the read-side reports, inserted with plain SQL: completed sales with their
// lines, counter events (voids) with their approvals, and refunds. The services that write these
// rows are tested through their own APIs; a report only reads them.

#include "store/Database.h"

#include <QHash>
#include <QList>
#include <QUuid>

namespace pos::test {

class TestReportRows {
public:
    struct Line {
        qint64 productId = 0; // 0: no product
        qint64 qtyMilli = 1000;
        qint64 netMinor = 0;
        qint64 totalMinor = 0;
    };

    explicit TestReportRows(Database& db) : m_db(db) {}

    QString addRegister(qint64 storeId, const QString& name)
    {
        const QString id = newId();
        auto q = m_db.query("INSERT INTO registers (uuid, store_id, name, created_at) "
                            "VALUES (?1, ?2, ?3, '2026-01-01T00:00:00Z')");
        q->bind(1, id).bind(2, storeId).bind(3, name);
        check(q->run(), "inserting a register");
        return id;
    }

    qint64 addCategory(const QString& name)
    {
        auto q = m_db.query("INSERT INTO categories (name) VALUES (?1)");
        q->bind(1, name);
        check(q->run(), "inserting a category");
        return m_db.lastInsertRowId();
    }

    void setCategoryAndCost(qint64 productId, qint64 categoryId, qint64 costMinor)
    {
        auto q = m_db.query("UPDATE products SET category_id = ?2, cost_minor = ?3 WHERE id = ?1");
        q->bind(1, productId).bind(3, costMinor);
        if (categoryId > 0)
            q->bind(2, categoryId);
        else
            q->bindNull(2);
        check(q->run(), "updating a product");
    }

    qint64 addCustomer(const QString& name, const QString& phone)
    {
        auto q = m_db.query("INSERT INTO customers (uuid, name, phone, created_at) "
                            "VALUES (?1, ?2, ?3, '2026-01-01T00:00:00Z')");
        q->bind(1, newId()).bind(2, name).bind(3, phone);
        check(q->run(), "inserting a customer");
        return m_db.lastInsertRowId();
    }

    // A completed sale; its totals are the sums of its lines. completedAt: ISO 8601 UTC as the
    // sale engine writes it ("2026-11-21T08:15:00.000Z"). cashierId 0: a sale recorded before
    // staff accounts, with only the cashier's name.
    qint64 addSale(const QString& registerId, qint64 cashierId, const QString& cashierName,
                   const QString& completedAt, const QList<Line>& lines, qint64 customerId = 0,
                   const QString& currency = QStringLiteral("EUR"))
    {
        qint64 net = 0, total = 0;
        for (const Line& l : lines) {
            net += l.netMinor;
            total += l.totalMinor;
        }
        QString cashier = cashierName;
        if (cashierId > 0) { // the sale engine records the name beside the id
            auto u = m_db.query("SELECT name FROM users WHERE id = ?1");
            u->bind(1, cashierId);
            auto row = u->next();
            check(row && *row ? Status{} : Status(std::unexpected(Error{})), "reading a user");
            cashier = u->text(0);
        }
        const qint64 receiptNo = ++m_receipts[registerId];
        auto q = m_db.query(
            "INSERT INTO sales (uuid, register_id, receipt_no, cashier, customer_id, currency, "
            "subtotal_minor, discount_minor, tax_minor, total_minor, paid_minor, change_minor, "
            "started_at, completed_at, cashier_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?7, ?7, 0, ?9, ?9, ?10)");
        q->bind(1, newId()).bind(2, registerId).bind(3, receiptNo).bind(4, cashier);
        if (customerId > 0)
            q->bind(5, customerId);
        else
            q->bindNull(5);
        q->bind(6, currency).bind(7, total).bind(8, total - net).bind(9, completedAt);
        if (cashierId > 0)
            q->bind(10, cashierId);
        else
            q->bindNull(10);
        check(q->run(), "inserting a sale");
        const qint64 saleId = m_db.lastInsertRowId();
        int no = 0;
        for (const Line& l : lines) {
            auto ql = m_db.query(
                "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, qty_milli, "
                "unit_price_minor, line_discount_minor, order_discount_minor, net_minor, "
                "tax_minor, total_minor, tax_code, tax_rate_ppm, tax_inclusive) "
                "VALUES (?1, ?2, ?3, 'SKU', 'Item', ?4, ?5, 0, 0, ?6, ?7, ?5, 'STD', 190000, 1)");
            ql->bind(1, saleId).bind(2, ++no).bind(4, l.qtyMilli).bind(5, l.totalMinor);
            if (l.productId > 0)
                ql->bind(3, l.productId);
            else
                ql->bindNull(3);
            ql->bind(6, l.netMinor).bind(7, l.totalMinor - l.netMinor);
            check(ql->run(), "inserting a sale line");
        }
        return saleId;
    }

    // A line or sale void ("line_void", "sale_void"; any counter event kind), approved by
    // approverId when it is not 0.
    void addCounterEvent(const QString& kind, qint64 storeId, const QString& registerId,
                         qint64 actorId, qint64 amountMinor, const QString& at,
                         qint64 approverId = 0)
    {
        qint64 approvalId = 0;
        if (approverId > 0) {
            auto a = m_db.query(
                "INSERT INTO approvals (uuid, kind, store_id, register_id, requester_id, "
                "approver_id, reason, amount_minor, subject, requested_at, expires_at, "
                "decided_at, used_at, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'test', ?7, "
                "'cart', ?8, ?8, ?8, ?8, 'used')");
            a->bind(1, newId()).bind(2, kind).bind(3, storeId).bind(4, registerId);
            a->bind(5, actorId).bind(6, approverId).bind(7, amountMinor).bind(8, at);
            check(a->run(), "inserting an approval");
            approvalId = m_db.lastInsertRowId();
        }
        auto q = m_db.query("INSERT INTO counter_events (uuid, kind, register_id, actor_id, "
                            "approval_id, amount_minor, detail, at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'test', ?7)");
        q->bind(1, newId()).bind(2, kind).bind(3, registerId).bind(4, actorId);
        if (approvalId > 0)
            q->bind(5, approvalId);
        else
            q->bindNull(5);
        q->bind(6, amountMinor).bind(7, at);
        check(q->run(), "inserting a counter event");
    }

    // A refund of totalMinor; with a receipt when originalSaleId is not 0.
    void addRefund(const QString& registerId, qint64 actorId, qint64 totalMinor, const QString& at,
                   qint64 originalSaleId = 0, const QString& reason = QStringLiteral("test"))
    {
        auto q = m_db.query("INSERT INTO refunds (uuid, register_id, original_sale_id, actor_id, "
                            "reason, currency, total_minor, tax_minor, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, 'EUR', ?6, 0, ?7)");
        q->bind(1, newId()).bind(2, registerId).bind(4, actorId).bind(5, reason);
        if (originalSaleId > 0)
            q->bind(3, originalSaleId);
        else
            q->bindNull(3);
        q->bind(6, totalMinor).bind(7, at);
        check(q->run(), "inserting a refund");
    }

private:
    static QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
    static void check(const Status& s, const char* what)
    {
        if (!s)
            qFatal("test fixture failed %s: %s", what, qPrintable(s.error().message));
    }

    Database& m_db;
    QHash<QString, qint64> m_receipts;
};

} // namespace pos::test
