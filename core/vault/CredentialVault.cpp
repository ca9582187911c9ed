#include "vault/CredentialVault.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "crypto/Aead.h"
#include "staff/AccessControl.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "vault/FieldKey.h"
#include "vault/Integrations.h"

#include <QJsonObject>
#include <QtEndian>

#include <algorithm>

namespace pos {

namespace {

constexpr char AadTag[] = "POS-VAULT-FIELD-v1";
constexpr int MaskBullets = 8;
constexpr qsizetype MaxTail = 4;

void appendField(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    char length[4];
    qToBigEndian(static_cast<quint32>(utf8.size()), length);
    out.append(length, 4);
    out.append(utf8);
}

QString bullets(int n)
{
    return QString(n, QChar(0x2022));
}

// "••••.com": at most the last 4 characters and never more than half of the value.
QString maskedTail(const SecretBytes& value)
{
    QString text = QString::fromUtf8(reinterpret_cast<const char*>(value.data()),
                                     static_cast<qsizetype>(value.size()));
    const qsizetype shown = std::min(MaxTail, text.size() / 2);
    QString out = bullets(4) + text.right(shown);
    text.fill(QChar(0)); // not secret, but no copy is kept longer than needed
    return out;
}

QJsonObject stateJson(bool isSet, qint64 byId)
{
    QJsonObject o{{QStringLiteral("set"), isSet}};
    if (isSet)
        o.insert(QStringLiteral("set_by"), byId);
    return o;
}

Status unknownField(const QString& integration, const QString& field)
{
    if (!Integrations::find(integration))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("There is no integration named \"%1\".").arg(integration));
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("The integration %1 has no field named \"%2\".")
                    .arg(Integrations::find(integration)->label(), field));
}

QString describeField(const QString& integration, const QString& field)
{
    const Integration* i = Integrations::find(integration);
    const IntegrationField* f = Integrations::findField(integration, field);
    if (!i || !f)
        return integration + QLatin1Char('/') + field;
    return QStringLiteral("the %1 of %2").arg(f->label(), i->label());
}

} // namespace

CredentialVault::CredentialVault(Database& db, AccessControl& access, KeyStore& keys,
                                 QString fieldKeyName, const Clock& clock)
    : m_db(db), m_access(access), m_keys(keys), m_keyName(std::move(fieldKeyName)), m_clock(clock)
{}

QString CredentialVault::fieldKeyNameFor(const QString& storePath)
{
    return FieldKey::nameFor(storePath);
}

QString CredentialVault::entityFor(const QString& integration, const QString& field)
{
    return audit::entity("integration", integration + QLatin1Char('/') + field);
}

QByteArray CredentialVault::aadFor(const QString& companyId, const QString& integration,
                                   const QString& field)
{
    QByteArray aad(AadTag, sizeof(AadTag)); // with its terminating zero: domain separation
    appendField(aad, companyId);
    appendField(aad, integration);
    appendField(aad, field);
    return aad;
}

// ENC-5: the key and its refusal rules are FieldKey's (shared with the authenticator secrets).
Result<SecretBytes> CredentialVault::fieldKey(bool createIfMissing)
{
    return createIfMissing ? FieldKey::readOrCreate(m_keys, m_keyName, m_db)
                           : FieldKey::read(m_keys, m_keyName);
}

Result<QString> CredentialVault::companyOf(const Session& session)
{
    auto q = m_db.query("SELECT c.uuid FROM stores s JOIN companies c ON c.id = s.company_id "
                        "WHERE s.id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, session.storeId);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The store %1 is not in this register's store file.")
                        .arg(session.storeId));
    return q->text(0);
}

Result<std::optional<CredentialVault::Sealed>> CredentialVault::stored(const QString& integration,
                                                                       const QString& field)
{
    auto q = m_db.query("SELECT sealed, updated_by FROM integration_credentials "
                        "WHERE integration = ?1 AND field = ?2");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, integration).bind(2, field);
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<Sealed>();
    return std::optional<Sealed>(Sealed{q->blob(0), q->int64(1)});
}

Result<bool> CredentialVault::keyOpensAnyStored(const SecretBytes& key, const QString& company)
{
    auto q = m_db.query("SELECT integration, field, sealed FROM integration_credentials");
    if (!q)
        return std::unexpected(q.error());
    bool opens = false;
    auto s = q->forEach([&] {
        if (opens)
            return;
        const QByteArray aad = aadFor(company, q->text(0), q->text(1));
        opens = Aead::open(key, q->blob(2), aad).has_value(); // wiped at once
    });
    if (!s)
        return std::unexpected(s.error());
    return opens;
}

// Why a stored value did not open: the key opens none of them (a wrong key), or only this one is
// bad (damaged, or copied here from another field).
Error CredentialVault::notOpened(const SecretBytes& key, const QString& company,
                                 const QString& what)
{
    auto others = keyOpensAnyStored(key, company);
    if (others && *others)
        return Error{ErrorCode::WrongKeyOrDamaged,
                     QStringLiteral("The stored value of %1 does not open: it is damaged or was "
                                    "not sealed for this field. It was left as it is; set it "
                                    "again to replace it.")
                         .arg(what)};
    return Error{ErrorCode::WrongKeyOrDamaged,
                 QStringLiteral("The field key in %1 does not open %2: it is not the key the "
                                "credentials were sealed with (or they are damaged). Nothing was "
                                "changed.")
                     .arg(m_keys.describe(), what)};
}

Result<QList<IntegrationState>> CredentialVault::list(const Session& session)
{
    if (auto s = m_access.require(session, Permission::IntegrationsManage); !s)
        return std::unexpected(s.error());
    auto company = companyOf(session);
    if (!company)
        return std::unexpected(company.error());

    QList<IntegrationState> out;
    for (const Integration& i : Integrations::all()) {
        IntegrationState state{i.name, i.label(), {}};
        for (const IntegrationField& f : i.fields) {
            CredentialFieldState field;
            field.field = f.name;
            field.label = f.label();
            field.secret = f.secret;
            state.fields.append(std::move(field));
        }
        out.append(std::move(state));
    }

    auto q = m_db.query("SELECT c.integration, c.field, c.sealed, c.updated_at, c.updated_by, "
                        "coalesce(u.name, '') FROM integration_credentials c "
                        "LEFT JOIN users u ON u.id = c.updated_by");
    if (!q)
        return std::unexpected(q.error());
    // The key is only needed for the tails of non-secret fields; without it they show bullets.
    std::optional<Result<SecretBytes>> key;
    auto s = q->forEach([&] {
        const QString integration = q->text(0);
        const QString field = q->text(1);
        for (IntegrationState& state : out) {
            if (state.name != integration)
                continue;
            for (CredentialFieldState& f : state.fields) {
                if (f.field != field)
                    continue;
                f.isSet = true;
                f.setAt = QDateTime::fromString(q->text(3), Qt::ISODate);
                f.setById = q->int64(4);
                f.setBy = q->text(5);
                f.masked = bullets(MaskBullets);
                if (f.secret)
                    continue;
                if (!key)
                    key = fieldKey(false);
                auto value =
                    *key ? Aead::open(**key, q->blob(2), aadFor(*company, integration, field))
                         : Result<SecretBytes>(std::unexpected(key->error()));
                if (value)
                    f.masked = maskedTail(*value);
                else
                    f.unreadable = true;
            }
        }
    });
    if (!s)
        return std::unexpected(s.error());
    return out;
}

Status CredentialVault::set(const Session& session, const QString& integration,
                            const QString& field, const SecretBytes& value)
{
    if (auto s = m_access.require(session, Permission::IntegrationsManage); !s)
        return s;
    const Integration* i = Integrations::find(integration);
    const IntegrationField* f = Integrations::findField(integration, field);
    if (!i || !f)
        return unknownField(integration, field);
    if (auto s = Integrations::validate(*i, *f, value); !s)
        return s;
    auto company = companyOf(session);
    if (!company)
        return std::unexpected(company.error());
    auto key = fieldKey(true);
    if (!key)
        return std::unexpected(key.error());
    // A key that opens none of what is stored is not the vault's key: sealing with it would
    // leave values no single key opens.
    auto opens = keyOpensAnyStored(*key, *company);
    if (!opens)
        return std::unexpected(opens.error());
    auto count = m_db.scalar("SELECT count(*) FROM integration_credentials");
    if (!count)
        return std::unexpected(count.error());
    if (*count > 0 && !*opens)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("The field key in %1 does not open the integration "
                                   "credentials already stored: it is not the key they were "
                                   "sealed with. Nothing was changed.")
                        .arg(m_keys.describe()));
    auto sealed = Aead::seal(*key, QByteArrayView(value.data(), qsizetype(value.size())),
                             aadFor(*company, integration, field));
    if (!sealed)
        return std::unexpected(sealed.error());

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto before = stored(integration, field);
    if (!before)
        return std::unexpected(before.error());
    auto q = m_db.query("INSERT OR REPLACE INTO integration_credentials "
                        "(integration, field, sealed, updated_at, updated_by) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, integration).bind(2, field).bind(3, *sealed);
    q->bind(4, m_clock.nowUtc().toString(Qt::ISODate)).bind(5, session.userId);
    if (auto s = q->run(); !s)
        return s;
    const AuditEntry entry{session.userId,
                           0,
                           auditaction::VaultSet,
                           entityFor(integration, field),
                           stateJson(before->has_value(), (*before) ? (*before)->setById : 0),
                           stateJson(true, session.userId)};
    if (auto s = audit::record(m_db, entry); !s)
        return s;
    return tx->commit();
}

Status CredentialVault::clear(const Session& session, const QString& integration,
                              const QString& field)
{
    if (auto s = m_access.require(session, Permission::IntegrationsManage); !s)
        return s;
    if (!Integrations::findField(integration, field))
        return unknownField(integration, field);
    // No key needed: clearing is how an owner starts again after losing the field key.
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto before = stored(integration, field);
    if (!before)
        return std::unexpected(before.error());
    if (!before->has_value())
        return fail(ErrorCode::NotFound, QStringLiteral("%1 is not set; there is nothing to clear.")
                                             .arg(describeField(integration, field)));
    auto q =
        m_db.query("DELETE FROM integration_credentials WHERE integration = ?1 AND field = ?2");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, integration).bind(2, field);
    if (auto s = q->run(); !s)
        return s;
    const AuditEntry entry{session.userId,
                           0,
                           auditaction::VaultCleared,
                           entityFor(integration, field),
                           stateJson(true, (*before)->setById),
                           stateJson(false, 0)};
    if (auto s = audit::record(m_db, entry); !s)
        return s;
    return tx->commit();
}

Status CredentialVault::use(const Session& session, const QString& integration,
                            const QString& field, const UseFn& fn)
{
    if (auto s = m_access.require(session, Permission::IntegrationsManage); !s)
        return s;
    if (!Integrations::findField(integration, field))
        return unknownField(integration, field);
    const QString what = describeField(integration, field);
    auto row = stored(integration, field);
    if (!row)
        return std::unexpected(row.error());
    if (!row->has_value())
        return fail(ErrorCode::NotFound, QStringLiteral("%1 is not set.").arg(what));
    auto company = companyOf(session);
    if (!company)
        return std::unexpected(company.error());
    auto key = fieldKey(false);
    if (!key)
        return std::unexpected(key.error());
    auto value = Aead::open(*key, (*row)->sealed, aadFor(*company, integration, field));
    if (!value)
        return std::unexpected(notOpened(*key, *company, what));

    // The use is on record before the value leaves the vault: no audit row, no value.
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    const AuditEntry entry{
        session.userId, 0, auditaction::VaultUsed, entityFor(integration, field), {}, {}};
    if (auto s = audit::record(m_db, entry); !s)
        return s;
    if (auto s = tx->commit(); !s)
        return s;
    return fn(*value); // value is wiped when it goes out of scope
}

} // namespace pos
