#pragma once

// A fresh encrypted store in a temporary folder with an in-memory key store, for core tests.
// Products and tax classes are inserted with plain SQL so that tests of the sale engine do not
// depend on the catalog service.

#include "Clock.h"
#include "audit/AuditLog.h"
#include "catalog/Product.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/StoreFile.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace pos::test {

class TestStore {
public:
    TestStore()
    {
        QVERIFY(m_dir.isValid());
        auto db = StoreFile::openOrCreate(path(), m_keys);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        m_db = std::move(*db);
        attachAudit();
    }

    // The register every test store's audit rows belong to (TestStaff's default register).
    static inline const QString AuditRegisterId =
        QStringLiteral("6f1c2a9e-0c4b-4d7e-9a61-3b2f5e8d7c10");

    QString path() const { return m_dir.filePath(QStringLiteral("register.db")); }
    QString dir() const { return m_dir.path(); }
    Database& db() { return *m_db; }
    MemoryKeyStore& keys() { return m_keys; }
    void close() { m_db.reset(); }
    bool reopen()
    {
        auto db = StoreFile::openExisting(path(), m_keys);
        if (!db)
            return false;
        m_db = std::move(*db);
        attachAudit();
        return true;
    }

    TaxClass addTaxClass(const QString& code, qint64 ratePpm, bool inclusive)
    {
        auto q = m_db->query("INSERT INTO tax_classes (code, name, rate_ppm, inclusive) "
                             "VALUES (?1, ?1, ?2, ?3)");
        q->bind(1, code).bind(2, ratePpm).bind(3, inclusive);
        require(q->run(), "inserting a tax class");
        return TaxClass{m_db->lastInsertRowId(), code, code, ratePpm, inclusive};
    }

    // Inserts a product and returns it as CatalogService would.
    Product addProduct(const QString& sku, const QString& name, qint64 priceMinor,
                       const TaxClass& tax, const QString& barcode = {}, bool byWeight = false,
                       const QString& currency = QStringLiteral("EUR"))
    {
        auto q =
            m_db->query("INSERT INTO products (sku, name, price_minor, cost_minor, "
                        "tax_class_id, active, sold_by_weight) VALUES (?1, ?2, ?3, 0, ?4, 1, ?5)");
        q->bind(1, sku).bind(2, name).bind(3, priceMinor).bind(4, tax.id).bind(5, byWeight);
        require(q->run(), "inserting a product");
        Product p;
        p.id = m_db->lastInsertRowId();
        p.sku = sku;
        p.name = name;
        p.price = Money(priceMinor, currency);
        p.tax = tax;
        p.soldByWeight = byWeight;
        if (!barcode.isEmpty()) {
            auto b = m_db->query("INSERT INTO barcodes (code, product_id) VALUES (?1, ?2)");
            b->bind(1, barcode).bind(2, p.id);
            require(b->run(), "inserting a barcode");
            p.barcodes.append(barcode);
        }
        return p;
    }

private:
    // Every audited change needs the register's audit log (it fails closed without one).
    void attachAudit()
    {
        static SystemClock clock;
        auto log = AuditLog::open(*m_db, m_keys, AuditRegisterId, clock);
        if (!log)
            qFatal("test fixture: opening the audit log failed: %s",
                   qPrintable(log.error().message));
        m_db->attachAuditLog(std::move(*log));
    }

    // Fixture set-up that fails stops the test run (Q_ASSERT would vanish in release builds).
    static void require(const Status& s, const char* what)
    {
        if (!s)
            qFatal("test fixture: %s failed: %s", what, qPrintable(s.error().message));
    }

    QTemporaryDir m_dir;
    MemoryKeyStore m_keys;
    std::unique_ptr<Database> m_db;
};

} // namespace pos::test
