#pragma once

// Two companies for the isolation tests (ISO-4), made with `pos-syncd admin` against a running
// pos-syncd (SyncdFixture), with one enrolled register per store that has pushed two sales and
// the start of its signed audit chain, and server-side catalog data per company and per store
// (inserted by the superuser with its change_log rows, as a command would leave them).
//
//   company A: stores A1, A2, A3    company B: stores B1, B2
//   users A: owner 1001, district manager 1002 (manager of A1 + A2), auditor 1003 (A1 + A2),
//            cashier 1004 (A3)
//   users B: owner 2001, cashier 2002 (B1)
//   catalog: per company a tax class, a product "SKU-<company>" and a company setting
//            "currency"; per store a store price of that product (1000 + 100 * n) and a store
//            setting "receipt.footer" = "footer <store name>"

#include "SyncdFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

#include <memory>

namespace pos::test {

struct TenantWorld {
    struct Store {
        QString name;
        QString id;
        qint64 priceMinor = 0;
        std::unique_ptr<TestDevice> device;
    };
    struct Company {
        QString name;
        QString id;
        QString productId;
        QString taxClassId;
        QList<std::shared_ptr<Store>> stores;
        QMap<QString, QString> users; // code -> id
    };

    static inline const QByteArray Password = QByteArrayLiteral("correct horse battery 7");

    Company a;
    Company b;
    QString error;

    // A store by name ("A1"); a name that is not in the world is a mistake in the test.
    std::shared_ptr<Store> store(const QString& name) const
    {
        for (const Company* c : {&a, &b})
            for (const auto& s : c->stores)
                if (s && s->name == name)
                    return s;
        qFatal("TenantWorld has no store %s", qPrintable(name));
    }
    // Its register (after build()).
    TestDevice& device(const QString& storeName) const
    {
        TestDevice* d = store(storeName)->device.get();
        if (!d)
            qFatal("store %s has no register", qPrintable(storeName));
        return *d;
    }

    // Everything above; false with `error` set when a step failed.
    bool build(SyncdFixture& f)
    {
        QElapsedTimer timer;
        timer.start();
        const auto lap = [&](const char* what) {
            timings += QStringLiteral("%1 %2 ms; ").arg(QLatin1String(what)).arg(timer.restart());
            return true;
        };
        return company(f, a, QStringLiteral("Company A"), {"A1", "A2", "A3"}) &&
               company(f, b, QStringLiteral("Company B"), {"B1", "B2"}) && lap("companies") &&
               users(f) && lap("users") && catalog(f, a) && catalog(f, b) && lap("catalog") &&
               enrolAndPush(f, a) && enrolAndPush(f, b) && lap("registers");
    }
    QString timings; // how long each part of build() took

private:
    bool failed(const QString& what)
    {
        error = what;
        return false;
    }

    bool company(SyncdFixture& f, Company& c, const QString& name,
                 std::initializer_list<const char*> stores)
    {
        c.name = name;
        c.id = f.createCompany(name);
        if (c.id.isEmpty())
            return failed(QStringLiteral("create-company: ") + f.error());
        qint64 n = 0;
        for (const char* s : stores) {
            auto st = std::make_shared<Store>();
            st->name = QString::fromLatin1(s);
            st->id = f.createStore(c.id, st->name);
            st->priceMinor = 1000 + 100 * ++n;
            if (st->id.isEmpty())
                return failed(QStringLiteral("create-store: ") + f.error());
            c.stores.append(st);
        }
        return true;
    }

    // Every user through `pos-syncd admin create-user`, side by side (scrypt takes the time).
    bool users(SyncdFixture& f)
    {
        struct Wanted {
            Company* company;
            const char* code;
            const char* role;
            QStringList stores;
        };
        const auto ids = [this](std::initializer_list<const char*> names) {
            QStringList out;
            for (const char* s : names)
                out.append(store(QString::fromLatin1(s))->id);
            return out;
        };
        const QList<Wanted> wanted{{&a, "1001", "owner", {}},
                                   {&a, "1002", "manager", ids({"A1", "A2"})},
                                   {&a, "1003", "auditor", ids({"A1", "A2"})},
                                   {&a, "1004", "cashier", ids({"A3"})},
                                   {&b, "2001", "owner", {}},
                                   {&b, "2002", "cashier", ids({"B1"})}};
        QList<SyncdFixture::AdminCall> calls;
        for (const Wanted& w : wanted)
            calls.append({SyncdFixture::createUserArgs(w.company->id, QString::fromLatin1(w.code),
                                                       QString::fromLatin1(w.role), w.stores),
                          Password});
        const QList<AdminResult> results = f.adminAll(calls);
        for (qsizetype i = 0; i < wanted.size(); ++i) {
            const QString id = f.fact(results[i], QStringLiteral("user"));
            if (id.isEmpty())
                return failed(QStringLiteral("create-user: ") + f.error());
            wanted[i].company->users.insert(QString::fromLatin1(wanted[i].code), id);
        }
        return true;
    }

    // Server-authoritative data as the superuser writes it, each change with its change_log row.
    bool catalog(SyncdFixture& f, Company& c)
    {
        server::PgConnection* pg = f.cluster().superuser();
        if (!pg)
            return failed(QStringLiteral("no superuser connection"));
        c.taxClassId = newUuid();
        c.productId = newUuid();
        const QByteArray company = c.id.toUtf8();
        const QByteArray sku = "SKU-" + c.name.right(1).toUtf8();
        auto run = [&](const QByteArray& sql, const QList<QByteArray>& params) {
            auto r = pg->exec(sql, params);
            if (!r)
                error = QStringLiteral("catalog: ") + r.error().message;
            return r.has_value();
        };
        bool ok =
            run("INSERT INTO pos.tax_classes (company_id, id, code, name, rate_ppm, inclusive) "
                "VALUES ($1::uuid, $2::uuid, 'STD', 'Standard', 200000, true)",
                {company, c.taxClassId.toUtf8()}) &&
            run("INSERT INTO pos.products (company_id, id, sku, name, price_minor, tax_class_id) "
                "VALUES ($1::uuid, $2::uuid, $3, 'Coffee', 1000, $4::uuid)",
                {company, c.productId.toUtf8(), sku, c.taxClassId.toUtf8()}) &&
            run("INSERT INTO pos.settings (company_id, store_id, key, value) "
                "VALUES ($1::uuid, NULL, 'currency', 'EUR')",
                {company}) &&
            run("INSERT INTO pos.change_log (company_id, store_id, kind, entity_id, version) "
                "VALUES ($1::uuid, NULL, 'tax_class', $2, 1), ($1::uuid, NULL, 'product', $3, 1), "
                "($1::uuid, NULL, 'setting', 'currency', 1)",
                {company, c.taxClassId.toUtf8(), c.productId.toUtf8()});
        for (const auto& s : c.stores) {
            const QByteArray st = s->id.toUtf8();
            ok = ok &&
                 run("INSERT INTO pos.store_prices (company_id, store_id, product_id, price_minor) "
                     "VALUES ($1::uuid, $2::uuid, $3::uuid, $4::bigint)",
                     {company, st, c.productId.toUtf8(), QByteArray::number(s->priceMinor)}) &&
                 run("INSERT INTO pos.settings (company_id, store_id, key, value) "
                     "VALUES ($1::uuid, $2::uuid, 'receipt.footer', $3)",
                     {company, st, "footer " + s->name.toUtf8()}) &&
                 run("INSERT INTO pos.change_log (company_id, store_id, kind, entity_id, version) "
                     "VALUES ($1::uuid, $2::uuid, 'store_price', $3, 1), "
                     "($1::uuid, $2::uuid, 'setting', 'receipt.footer', 1)",
                     {company, st, c.productId.toUtf8()});
        }
        return ok;
    }

    // One register per store: enrolled with a one-time code, then one batch with the genesis
    // row, one more audit row and two sales.
    bool enrolAndPush(SyncdFixture& f, Company& c)
    {
        for (const auto& s : c.stores) {
            s->device = f.enrolDevice(c.id, s->id, QStringLiteral("Till ") + s->name);
            if (!s->device)
                return failed(QStringLiteral("enrol in ") + s->name + u' ' + f.error());
            TestDevice& d = *s->device;
            const QJsonArray records{d.nextAuditRecord(), d.nextAuditRecord(), d.saleRecord(1),
                                     d.saleRecord(2)};
            const ApiReply pushed = d.push(records);
            if (pushed.status != 200)
                return failed(QStringLiteral("push from ") + s->name + u' ' + pushed.describe());
        }
        return true;
    }
};

} // namespace pos::test
