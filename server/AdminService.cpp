#include "AdminService.h"

#include "AdminServiceDetail.h"
#include "auth/CredentialHash.h"
#include "sync/SyncProtocol.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace pos::server {

using namespace admindetail;

namespace {

Q_LOGGING_CATEGORY(lcAdmin, "pos.syncd.admin")

const QStringList& roles()
{
    static const QStringList names{QStringLiteral("owner"), QStringLiteral("manager"),
                                   QStringLiteral("cashier"), QStringLiteral("auditor")};
    return names;
}

Status checkUserCode(const QString& code)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{2,8}$"));
    if (!digits.match(code).hasMatch())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the user code is 2 to 8 digits"));
    return {};
}

} // namespace

AdminService::AdminService(PgConnection& pg) : m_pg(pg) {}

Status AdminService::beginTenant(const QString& companyId, const QStringList& storeIds)
{
    if (auto b = m_pg.begin(); !b)
        return b;
    Status set = m_pg.execScript("SET LOCAL ROLE pos_owner");
    if (!set)
        set = fail(ErrorCode::PermissionDenied,
                   QStringLiteral("this database role cannot act as pos_owner: run `pos-syncd "
                                  "admin init-roles` as the superuser, or GRANT pos_owner to the "
                                  "admin role"));
    if (set)
        set = setTenant(m_pg, companyId, storeIds);
    if (!set)
        m_pg.rollback();
    return set;
}

Result<QString> AdminService::companyName(const QString& companyId)
{
    auto row = m_pg.exec("SELECT name FROM pos.companies WHERE id = pos.company()");
    if (!row)
        return std::unexpected(row.error());
    if (row->rows() == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("there is no company %1").arg(companyId));
    return row->text(0, 0);
}

Status AdminService::appendChange(const QString& storeId, const QString& kind,
                                  const QString& entityId, qint64 version)
{
    auto row = m_pg.exec("INSERT INTO pos.change_log (company_id, store_id, kind, entity_id, "
                         "version) VALUES (pos.company(), $1, $2, $3, $4)",
                         {storeId.isEmpty() ? QByteArray() : storeId.toUtf8(), kind.toUtf8(),
                          entityId.toUtf8(), QByteArray::number(version)});
    if (!row)
        return std::unexpected(row.error());
    return {};
}

Result<QString> AdminService::createCompany(const QString& rawName)
{
    auto name = checkName(rawName, QStringLiteral("company"));
    if (!name)
        return std::unexpected(name.error());
    // The id first: the row is only visible (and insertable) under its own company setting.
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (auto b = beginTenant(id, {}); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    auto row = m_pg.exec("INSERT INTO pos.companies (id, name) VALUES (pos.company(), $1)",
                         {name->toUtf8()});
    if (!row)
        return std::unexpected(row.error());
    if (auto c = tx.commit(); !c)
        return std::unexpected(c.error());
    qCInfo(lcAdmin) << "company created" << id;
    return id;
}

Result<QString> AdminService::createStore(const QString& companyId, const QString& rawName)
{
    if (auto u = checkUuid(companyId, QStringLiteral("company")); !u)
        return std::unexpected(u.error());
    auto name = checkName(rawName, QStringLiteral("store"));
    if (!name)
        return std::unexpected(name.error());
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (auto b = beginTenant(companyId, {id}); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    if (auto c = companyName(companyId); !c)
        return std::unexpected(c.error());
    auto row = m_pg.exec("INSERT INTO pos.stores (company_id, id, name) VALUES (pos.company(), "
                         "$1, $2)",
                         {id.toUtf8(), name->toUtf8()});
    if (!row)
        return std::unexpected(row.error());
    if (auto s = appendChange(id, QStringLiteral("store"), id, 1); !s)
        return std::unexpected(s.error());
    // Owners work in every store of their company, this one included.
    auto owners = m_pg.exec("INSERT INTO pos.user_stores (company_id, user_id, store_id) "
                            "SELECT company_id, id, $1 FROM pos.users WHERE role = 'owner' "
                            "RETURNING user_id, (SELECT version FROM pos.users u "
                            "WHERE u.id = user_id)",
                            {id.toUtf8()});
    if (!owners)
        return std::unexpected(owners.error());
    for (int r = 0; r < owners->rows(); ++r) {
        const QString owner = owners->text(r, 0);
        for (const QString& kind : {QStringLiteral("user"), QStringLiteral("user_stores")}) {
            if (auto s = appendChange(id, kind, owner, owners->integer(r, 1)); !s)
                return std::unexpected(s.error());
        }
    }
    if (auto c = tx.commit(); !c)
        return std::unexpected(c.error());
    qCInfo(lcAdmin) << "store created" << id << "in company" << companyId;
    return id;
}

Result<AdminService::CreatedUser> AdminService::createUser(const NewUser& user,
                                                           const SecretBytes& password)
{
    if (auto u = checkUuid(user.companyId, QStringLiteral("company")); !u)
        return std::unexpected(u.error());
    if (auto c = checkUserCode(user.code); !c)
        return std::unexpected(c.error());
    auto name = checkName(user.name, QStringLiteral("user"));
    if (!name)
        return std::unexpected(name.error());
    if (!roles().contains(user.role))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the role is one of owner, manager, cashier, auditor"));
    const bool owner = user.role == u"owner";
    QStringList wanted;
    for (const QString& s : user.storeIds) {
        if (auto u = checkUuid(s, QStringLiteral("store")); !u)
            return std::unexpected(u.error());
        const QString id = QUuid::fromString(s).toString(QUuid::WithoutBraces);
        if (!wanted.contains(id))
            wanted.append(id);
    }
    if (owner && !wanted.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("an owner works in every store of the company: leave out "
                                   "--stores"));
    if (!owner && wanted.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a %1 needs at least one store (--stores)").arg(user.role));
    if (auto p = CredentialHash::checkPasswordPolicy(password); !p)
        return std::unexpected(p.error());
    // scrypt before the transaction: it takes a while and needs no database.
    auto hash = CredentialHash::hashPassword(password, m_hashParams);
    if (!hash)
        return std::unexpected(hash.error());

    if (auto b = beginTenant(user.companyId, {}); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    if (auto c = companyName(user.companyId); !c)
        return std::unexpected(c.error());
    auto stores = m_pg.exec("SELECT id FROM pos.stores ORDER BY created_at, id");
    if (!stores)
        return std::unexpected(stores.error());
    QStringList companyStores;
    for (int r = 0; r < stores->rows(); ++r)
        companyStores.append(stores->text(r, 0));
    for (const QString& s : std::as_const(wanted)) {
        if (!companyStores.contains(s))
            return fail(
                ErrorCode::NotFound,
                QStringLiteral("store %1 is not a store of company %2").arg(s, user.companyId));
    }
    const QStringList assigned = owner ? companyStores : wanted;
    if (auto t = setTenant(m_pg, user.companyId, assigned); !t)
        return std::unexpected(t.error());

    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto row = m_pg.exec(
        "INSERT INTO pos.users (company_id, id, code, name, role, "
        "password_hash) VALUES (pos.company(), $1, $2, $3, $4, $5) "
        "RETURNING version",
        {id.toUtf8(), user.code.toUtf8(), name->toUtf8(), user.role.toUtf8(), hash->toUtf8()});
    if (!row) {
        if (row.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("company %1 already has a user with code %2")
                            .arg(user.companyId, user.code));
        return std::unexpected(row.error());
    }
    const qint64 version = row->integer(0, 0);
    for (const QString& s : assigned) {
        auto link = m_pg.exec("INSERT INTO pos.user_stores (company_id, user_id, store_id) "
                              "VALUES (pos.company(), $1, $2)",
                              {id.toUtf8(), s.toUtf8()});
        if (!link)
            return std::unexpected(link.error());
        for (const QString& kind : {QStringLiteral("user"), QStringLiteral("user_stores")}) {
            if (auto c = appendChange(s, kind, id, version); !c)
                return std::unexpected(c.error());
        }
    }
    if (auto c = tx.commit(); !c)
        return std::unexpected(c.error());
    qCInfo(lcAdmin) << "user created" << id << "role" << user.role << "in company" << user.companyId
                    << "stores" << assigned.size();
    return CreatedUser{id, assigned};
}

Result<AdminService::EnrolmentCode>
AdminService::createEnrolmentCode(const QString& companyId, const QString& storeId, int hours)
{
    if (auto u = checkUuid(companyId, QStringLiteral("company")); !u)
        return std::unexpected(u.error());
    if (auto u = checkUuid(storeId, QStringLiteral("store")); !u)
        return std::unexpected(u.error());
    if (hours < 1 || hours > MaxCodeHours)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a code is valid for 1 to %1 hours").arg(MaxCodeHours));
    const QString code = syncprotocol::newEnrolmentCode();
    const QByteArray hash = QByteArray::fromHex(
        syncprotocol::enrolmentCodeHash(syncprotocol::normaliseEnrolmentCode(code)));
    if (code.isEmpty() || hash.size() != 32)
        return fail(ErrorCode::Crypto, QStringLiteral("no random enrolment code could be made"));

    if (auto b = beginTenant(companyId, {storeId}); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    if (auto c = companyName(companyId); !c)
        return std::unexpected(c.error());
    auto store = m_pg.exec("SELECT name FROM pos.stores WHERE id = $1", {storeId.toUtf8()});
    if (!store)
        return std::unexpected(store.error());
    if (store->rows() == 0)
        return fail(
            ErrorCode::NotFound,
            QStringLiteral("store %1 is not a store of company %2").arg(storeId, companyId));
    auto row = m_pg.exec("INSERT INTO pos.enrol_codes (company_id, store_id, code_hash, "
                         "expires_at) VALUES (pos.company(), $1, $2, now() + make_interval("
                         "hours => $3)) RETURNING " +
                             isoUtc("expires_at"),
                         {storeId.toUtf8(), "\\x" + hash.toHex(), QByteArray::number(hours)});
    if (!row)
        return std::unexpected(row.error());
    if (auto c = tx.commit(); !c)
        return std::unexpected(c.error());
    qCInfo(lcAdmin) << "enrolment code made for store" << storeId << "in company" << companyId;
    return EnrolmentCode{code, row->text(0, 0), store->text(0, 0)};
}

Result<QList<AdminService::Device>> AdminService::devices(const QString& companyId,
                                                          const QString& storeId)
{
    if (auto u = checkUuid(companyId, QStringLiteral("company")); !u)
        return std::unexpected(u.error());
    if (!storeId.isEmpty()) {
        if (auto u = checkUuid(storeId, QStringLiteral("store")); !u)
            return std::unexpected(u.error());
    }
    if (auto b = beginTenant(companyId, {}); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    if (auto c = companyName(companyId); !c)
        return std::unexpected(c.error());
    if (!storeId.isEmpty()) {
        auto store = m_pg.exec("SELECT 1 FROM pos.stores WHERE id = $1", {storeId.toUtf8()});
        if (!store)
            return std::unexpected(store.error());
        if (store->rows() == 0)
            return fail(
                ErrorCode::NotFound,
                QStringLiteral("store %1 is not a store of company %2").arg(storeId, companyId));
    }
    auto rows = m_pg.exec("SELECT id, store_id, name, " + isoUtc("enrolled_at") + ", " +
                              isoUtc("revoked_at") +
                              ", revoked_reason FROM pos.devices "
                              "WHERE $1::uuid IS NULL OR store_id = $1::uuid "
                              "ORDER BY enrolled_at, id",
                          {storeId.isEmpty() ? QByteArray() : storeId.toUtf8()});
    if (!rows)
        return std::unexpected(rows.error());
    QList<Device> out;
    for (int r = 0; r < rows->rows(); ++r)
        out.append(Device{rows->text(r, 0), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3),
                          rows->text(r, 4), rows->text(r, 5)});
    return out; // read only: the transaction rolls back
}

Result<QString> AdminService::revokeDevice(const QString& companyId, const QString& deviceId,
                                           const QString& rawReason)
{
    if (auto u = checkUuid(companyId, QStringLiteral("company")); !u)
        return std::unexpected(u.error());
    if (auto u = checkUuid(deviceId, QStringLiteral("device")); !u)
        return std::unexpected(u.error());
    const QString reason = rawReason.trimmed();
    if (reason.size() > MaxReasonChars || hasControl(reason))
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("the reason is one line of at most %1 characters").arg(MaxReasonChars));
    if (auto b = beginTenant(companyId, {}); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    if (auto c = companyName(companyId); !c)
        return std::unexpected(c.error());
    auto device =
        m_pg.exec("SELECT " + isoUtc("revoked_at") + " FROM pos.devices WHERE id = $1 FOR UPDATE",
                  {deviceId.toUtf8()});
    if (!device)
        return std::unexpected(device.error());
    if (device->rows() == 0)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("company %1 has no device %2").arg(companyId, deviceId));
    if (!device->isNull(0, 0))
        return fail(ErrorCode::Conflict, QStringLiteral("device %1 was already revoked at %2")
                                             .arg(deviceId, device->text(0, 0)));
    auto row = m_pg.exec("UPDATE pos.devices SET revoked_at = now(), revoked_reason = $2 "
                         "WHERE id = $1 RETURNING " +
                             isoUtc("revoked_at"),
                         {deviceId.toUtf8(), reason.isEmpty() ? QByteArray() : reason.toUtf8()});
    if (!row)
        return std::unexpected(row.error());
    auto tokens =
        m_pg.exec("DELETE FROM pos.user_tokens WHERE device_id = $1", {deviceId.toUtf8()});
    if (!tokens)
        return std::unexpected(tokens.error());
    if (auto c = tx.commit(); !c)
        return std::unexpected(c.error());
    qCInfo(lcAdmin) << "device revoked" << deviceId << "in company" << companyId;
    return row->text(0, 0);
}

} // namespace pos::server
