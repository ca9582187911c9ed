#pragma once

// In-process fixture for the push and audit handlers (tst_push, tst_auditingest): a throw-away
// PostgreSQL cluster (PgCluster) with the roles pos_owner and pos_app, the schema applied by the
// server's own Migrator, and the server's login role (granted pos_app, owns nothing) connected
// over TLS 1.3 for the handlers. Companies, stores and enrolled registers are inserted by the
// superuser; the handlers are called with a hand-built RequestContext, as RequestAuth would pass
// it after checking the device signature.

#include "AuditReadHandler.h"
#include "Migrator.h"
#include "PgCluster.h"
#include "PushHandler.h"
#include "ServerContext.h"
#include "audit/AuditFormat.h"
#include "crypto/Ed25519.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QUuid>

#include <memory>
#include <optional>

namespace pos::test {

inline QString freshUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

class PushFixture {
public:
    static inline const QString AppLogin = QStringLiteral("push_app");

    // Empty when all is well, else what failed.
    QString setUp()
    {
        if (!m_cluster.ok())
            return m_cluster.error();
        server::PgConnection* su = m_cluster.superuser();
        if (!su)
            return m_cluster.error();
        if (auto roles = su->execScript("CREATE ROLE pos_owner NOLOGIN; CREATE ROLE pos_app "
                                        "NOLOGIN; GRANT CREATE ON DATABASE postgres TO pos_owner");
            !roles)
            return roles.error().message;
        server::Migrator migrator(*su);
        if (auto migrated = migrator.migrate(); !migrated)
            return QStringLiteral("migrate: ") + migrated.error().message;
        const QString passfile = m_cluster.createLoginRole(AppLogin, {QStringLiteral("pos_app")});
        if (passfile.isEmpty())
            return m_cluster.error();
        auto app = server::PgConnection::open(m_cluster.appConninfo(AppLogin, passfile));
        if (!app)
            return app.error().message;
        m_app.emplace(std::move(*app));
        auto key = Ed25519::generatePrivateKey();
        if (!key)
            return key.error().message;
        auto witness = Ed25519Signer::fromPrivateKey(*key);
        if (!witness)
            return witness.error().message;
        m_witness.emplace(std::move(*witness));
        m_ctx =
            std::make_unique<server::ServerContext>(server::ServerContext{*m_app, *m_witness, {}});
        return {};
    }

    PgCluster& cluster() { return m_cluster; }
    server::PgConnection& superuser() { return *m_cluster.superuser(); }
    server::PgConnection& app() { return *m_app; }
    server::ServerContext& ctx() { return *m_ctx; }
    const QByteArray& witnessKey() const { return m_witness->publicKey(); }

    struct Tenant {
        QString company;
        QString store;
    };

    // A new company with one store (as pos-syncd admin would make them).
    Tenant newTenant()
    {
        Tenant t{freshUuid(), freshUuid()};
        const bool ok = exec("INSERT INTO pos.companies (id, name) VALUES ($1, 'Company')",
                             {t.company.toLatin1()}) &&
                        exec("INSERT INTO pos.stores (company_id, id, name) VALUES ($1, $2, "
                             "'Store')",
                             {t.company.toLatin1(), t.store.toLatin1()});
        return ok ? t : Tenant{};
    }
    QString newStore(const QString& company)
    {
        const QString store = freshUuid();
        return exec("INSERT INTO pos.stores (company_id, id, name) VALUES ($1, $2, 'Store')",
                    {company.toLatin1(), store.toLatin1()})
                   ? store
                   : QString();
    }

    // An enrolled register with its audit signing key, as POST /v1/enrol leaves it: the device
    // and its audit head at no rows (the genesis prev hash).
    bool enrol(const Tenant& t, const QString& registerId, const QByteArray& signingKey,
               const QString& name = QStringLiteral("Till"))
    {
        return exec("INSERT INTO pos.devices (company_id, store_id, id, name, signing_key, "
                    "device_key) VALUES ($1, $2, $3, $4, decode($5, 'hex'), decode($6, 'hex'))",
                    {t.company.toLatin1(), t.store.toLatin1(), registerId.toLatin1(), name.toUtf8(),
                     signingKey.toHex(), QByteArray(32, 'k').toHex()}) &&
               exec("INSERT INTO pos.audit_heads (company_id, store_id, register_id, row_count, "
                    "head_hash) VALUES ($1, $2, $3, 0, decode($4, 'hex'))",
                    {t.company.toLatin1(), t.store.toLatin1(), registerId.toLatin1(),
                     auditformat::genesisPrevHash(registerId).toHex()});
    }

    // A register enrolled in a new company's store, and what RequestAuth hands its requests
    // (its signing key does not matter to pushes without audit rows).
    struct Till {
        Tenant tenant;
        QString id;
        server::RequestContext who;
    };
    Till newTill()
    {
        Till t;
        t.tenant = newTenant();
        t.id = freshUuid();
        if (!enrol(t.tenant, t.id, QByteArray(32, 's')))
            qFatal("test fixture: enrolling a register failed");
        t.who = device(t.tenant, t.id);
        return t;
    }
    // Rows of a pushed-data table in the till's store, as the superuser sees them.
    qint64 countInStore(const char* table, const Till& till)
    {
        return scalar(QByteArray("SELECT count(*) FROM pos.") + table + " WHERE store_id = $1",
                      {till.tenant.store.toLatin1()});
    }

    // What RequestAuth hands a handler for a register's request.
    static server::RequestContext device(const Tenant& t, const QString& registerId)
    {
        server::RequestContext who;
        who.companyId = t.company;
        who.registerId = registerId;
        who.registerStoreId = t.store;
        who.storeIds = {t.store};
        return who;
    }
    // ... and for a user session on that register.
    static server::RequestContext user(const Tenant& t, const QString& registerId,
                                       const QString& role, const QStringList& storeIds)
    {
        server::RequestContext who = device(t, registerId);
        who.userId = freshUuid();
        who.userRole = role;
        who.storeIds = storeIds;
        return who;
    }

    server::ApiResponse push(const server::RequestContext& who, const QJsonObject& body)
    {
        return pushRaw(who, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    server::ApiResponse pushRaw(const server::RequestContext& who, const QByteArray& body)
    {
        server::PushHandler handler(*m_ctx);
        return handler.handle(who, body, {});
    }
    server::ApiResponse readAudit(const server::RequestContext& who, const QString& query)
    {
        server::AuditReadHandler handler(*m_ctx);
        return handler.handle(who, {}, QUrlQuery(query));
    }

    // A scalar as the superuser (no row-level security): what is really stored. -1 on failure.
    qint64 scalar(const QByteArray& sql, const QList<QByteArray>& params = {})
    {
        auto r = superuser().exec(sql, params);
        return r && r->rows() == 1 && !r->isNull(0, 0) ? r->integer(0, 0) : -1;
    }
    // Every row of every pushed-data table, as text, for "nothing was written" checks.
    QByteArray snapshot()
    {
        QByteArray out;
        for (const char* table : {"push_batches", "sales", "sale_lines", "sale_tenders", "refunds",
                                  "refund_lines", "shifts", "approvals", "cash_movements",
                                  "audit_rows", "audit_checkpoints", "audit_heads"}) {
            auto r = superuser().exec(QByteArray("SELECT coalesce(string_agg(t::text, '|' ORDER "
                                                 "BY t::text), '') FROM pos.") +
                                      table + " t");
            out += table + QByteArray(":") + (r ? r->value(0, 0) : QByteArray("?")) + '\n';
        }
        return out;
    }

    static QString errorCode(const server::ApiResponse& r)
    {
        return r.body.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
    static QString describe(const server::ApiResponse& r)
    {
        return QString::number(r.status) + u' ' +
               QString::fromUtf8(QJsonDocument(r.body).toJson(QJsonDocument::Compact).left(600));
    }

private:
    bool exec(const QByteArray& sql, const QList<QByteArray>& params)
    {
        auto r = superuser().exec(sql, params);
        if (!r)
            qWarning("fixture SQL failed: %s", qPrintable(r.error().message));
        return r.has_value();
    }

    PgCluster m_cluster;
    std::optional<server::PgConnection> m_app;
    std::optional<Ed25519Signer> m_witness;
    std::unique_ptr<server::ServerContext> m_ctx;
};

} // namespace pos::test
