#include "staff/SetupService.h"

#include "audit/AuditLog.h"
#include "auth/Base32.h"
#include "auth/CredentialHash.h"
#include "auth/Totp.h"
#include "staff/AuthService.h"
#include "store/Database.h"
#include "store/RegisterSettings.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace pos {

namespace {

constexpr int MaxNameChars = 100;
constexpr std::size_t MinTotpSecretBytes = 16;

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::SetupService", text);
}

Status checkName(const QString& value, const QString& blankMessage)
{
    if (value.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, blankMessage);
    if (value.trimmed().size() > MaxNameChars)
        return fail(ErrorCode::InvalidInput,
                    tr("A name may be at most %1 characters long.").arg(MaxNameChars));
    return {};
}

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

SetupService::SetupService(Database& db, AuthService& auth, const Clock& clock, IdSource& ids)
    : m_db(db), m_auth(auth), m_clock(clock), m_ids(ids)
{}

Result<bool> SetupService::isSetUp()
{
    auto any = m_db.scalar("SELECT EXISTS (SELECT 1 FROM users)");
    if (!any)
        return std::unexpected(any.error());
    return *any != 0;
}

Result<SecretBytes> SetupService::newTotpSecret()
{
    return Totp::generateSecret();
}

QString SetupService::provisioningUri(const SecretBytes& secret, const QString& companyName,
                                      const QString& ownerCode)
{
    const QString issuer =
        companyName.trimmed().isEmpty() ? QStringLiteral("Point of Sale") : companyName.trimmed();
    auto uri = Totp::provisioningUri(secret, issuer, ownerCode.trimmed());
    if (!uri)
        return {};
    return QString::fromLatin1(reinterpret_cast<const char*>(uri->data()),
                               static_cast<qsizetype>(uri->size()));
}

QString SetupService::secretText(const SecretBytes& secret)
{
    // Groups of four, as people read and type it; Base32::decode skips the spaces.
    const SecretBytes text = Base32::encode(secret);
    QString out;
    out.reserve(static_cast<qsizetype>(text.size() + text.size() / 4));
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            out += u' ';
        out += QLatin1Char(static_cast<char>(text.data()[i]));
    }
    return out;
}

Result<SetupRequest> SetupService::defaults()
{
    SetupRequest request;
    auto settings = RegisterSettings::load(m_db);
    if (!settings && settings.error().code != ErrorCode::NotFound)
        return std::unexpected(settings.error());
    if (settings) {
        request.storeName = settings->storeName;
        request.registerName = settings->registerName;
        request.currency = settings->currency;
    }
    return request;
}

Result<Session> SetupService::run(const SetupRequest& request)
{
    // 1. Everything is checked before anything is written.
    const std::pair<const QString*, QString> names[] = {
        {&request.companyName, tr("The company needs a name.")},
        {&request.storeName, tr("The store needs a name.")},
        {&request.registerName, tr("The register needs a name.")},
        {&request.ownerName, tr("The owner needs a name.")}};
    for (const auto& [value, blank] : names)
        if (auto ok = checkName(*value, blank); !ok)
            return std::unexpected(ok.error());
    static const QRegularExpression codeRule(QStringLiteral("^[0-9]{2,8}$"));
    const QString ownerCode = request.ownerCode.trimmed();
    if (!codeRule.match(ownerCode).hasMatch())
        return fail(ErrorCode::InvalidInput, tr("The owner's user code is 2 to 8 digits."));
    if (auto ok = CredentialHash::checkPasswordPolicy(request.ownerPassword); !ok)
        return fail(ErrorCode::InvalidInput,
                    tr("The owner's password is not accepted: %1.").arg(ok.error().message));
    if (request.totpSecret.size() < MinTotpSecretBytes)
        return fail(ErrorCode::InvalidInput,
                    tr("The authenticator app has not been set up: make a new secret first."));
    const QDateTime now = m_clock.nowUtc().toUTC();
    auto verdict = Totp::verify(request.totpSecret, request.totpCode, now, std::nullopt);
    if (!verdict || verdict->outcome != TotpOutcome::Accepted)
        return fail(ErrorCode::InvalidInput,
                    tr("The sign-in code is not right. Type the code the authenticator app shows "
                       "now, and check that the phone's clock is right."));

    auto setUp = isSetUp();
    if (!setUp)
        return std::unexpected(setUp.error());
    if (*setUp)
        return fail(ErrorCode::Conflict, tr("This store is set up already."));

    // A store from before staff existed keeps its register id.
    auto existing = RegisterSettings::load(m_db);
    if (!existing && existing.error().code != ErrorCode::NotFound)
        return std::unexpected(existing.error());
    QString registerId;
    if (existing)
        registerId = existing->registerId;
    else if (!QUuid::fromString(m_auth.registerId()).isNull())
        registerId = m_auth.registerId();
    else
        registerId = uuidText(m_ids.newId());
    if (!m_auth.registerId().isEmpty() && m_auth.registerId() != registerId)
        return fail(ErrorCode::Internal,
                    tr("The sign-in service was made for another register than this store's."));
    RegisterSettings settings{request.storeName.trimmed(), request.registerName.trimmed(),
                              registerId, request.currency.trimmed()};
    if (auto ok = settings.validate(); !ok)
        return std::unexpected(ok.error());

    // 2. The slow and outside parts before the transaction: the password hash, and the PIN
    // pepper (so a key store that does not work is found now, not at the first PIN).
    auto passwordHash = m_auth.hashPassword(request.ownerPassword);
    if (!passwordHash)
        return std::unexpected(passwordHash.error());
    if (auto pep = m_auth.pepper(); !pep)
        return std::unexpected(pep.error());
    // This register's audit chain starts now (its signing key beside the PIN pepper, in its own
    // transaction), so that set-up's own rows are its first ones after the genesis.
    if (AuditLog* log = m_db.auditLog(); !log || log->registerId() != registerId) {
        auto opened = AuditLog::open(m_db, m_auth.m_keys, registerId, m_clock);
        if (!opened)
            return std::unexpected(opened.error());
        m_db.attachAuditLog(std::move(*opened));
    }

    // 3. One transaction.
    const QString at = now.toString(Qt::ISODateWithMs);
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto again = isSetUp(); // another register may have finished meanwhile
    if (!again)
        return std::unexpected(again.error());
    if (*again)
        return fail(ErrorCode::Conflict, tr("This store is set up already."));

    const auto insert = [&](const char* sql, const QList<QVariant>& values) -> Result<qint64> {
        auto q = m_db.query(sql);
        if (!q)
            return std::unexpected(q.error());
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QVariant& v = values[i];
            const int index = static_cast<int>(i + 1);
            if (v.typeId() == QMetaType::QByteArray)
                q->bind(index, v.toByteArray());
            else if (v.typeId() == QMetaType::LongLong)
                q->bind(index, v.toLongLong());
            else
                q->bind(index, v.toString());
        }
        if (auto s = q->run(); !s)
            return std::unexpected(s.error());
        return m_db.lastInsertRowId();
    };
    const auto newId = [&] {
        return uuidText(m_ids.newId());
    };

    auto company = insert("INSERT INTO companies (uuid, name, created_at) VALUES (?1, ?2, ?3)",
                          {newId(), request.companyName.trimmed(), at});
    if (!company)
        return std::unexpected(company.error());
    auto store = insert("INSERT INTO stores (uuid, company_id, name, created_at) "
                        "VALUES (?1, ?2, ?3, ?4)",
                        {newId(), QVariant::fromValue<qint64>(*company), settings.storeName, at});
    if (!store)
        return std::unexpected(store.error());
    auto reg = insert("INSERT INTO registers (uuid, store_id, name, created_at) "
                      "VALUES (?1, ?2, ?3, ?4)",
                      {registerId, QVariant::fromValue<qint64>(*store), settings.registerName, at});
    if (!reg)
        return std::unexpected(reg.error());
    if (auto s = settings.write(m_db); !s)
        return std::unexpected(s.error());

    // ENC-5: the secret is stored sealed with the field key (made now, on first use), bound to
    // the owner's uuid.
    const QString ownerUuid = newId();
    auto totpSealed = m_auth.sealTotpSecret(ownerUuid, request.totpSecret);
    if (!totpSealed)
        return std::unexpected(totpSealed.error());
    auto owner = insert("INSERT INTO users (uuid, company_id, code, name, role, password_hash, "
                        "totp_secret, totp_last_step, credentials_at, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, 'owner', ?5, ?6, ?7, ?8, ?8)",
                        {ownerUuid, QVariant::fromValue<qint64>(*company), ownerCode,
                         request.ownerName.trimmed(), *passwordHash, *totpSealed,
                         QVariant::fromValue<qint64>(static_cast<qint64>(verdict->step)), at});
    if (!owner)
        return std::unexpected(owner.error());
    if (auto s = insert("INSERT INTO user_stores (user_id, store_id) VALUES (?1, ?2)",
                        {QVariant::fromValue<qint64>(*owner), QVariant::fromValue<qint64>(*store)});
        !s)
        return std::unexpected(s.error());

    // What set-up made, in the log (names and the owner's user code; no secret).
    const auto text = [](const QString& value) {
        return QJsonValue(value.trimmed());
    };
    if (auto s = audit::record(
            m_db, AuditEntry{*owner,
                             0,
                             QStringLiteral("setup.completed"),
                             audit::entity("register", registerId),
                             {},
                             {{QStringLiteral("company"), text(request.companyName)},
                              {QStringLiteral("store"), text(settings.storeName)},
                              {QStringLiteral("register"), text(settings.registerName)},
                              {QStringLiteral("currency"), text(settings.currency)}}});
        !s)
        return std::unexpected(s.error());
    if (auto s = audit::record(m_db, AuditEntry{*owner,
                                                0,
                                                QStringLiteral("staff.created"),
                                                audit::entity("user", *owner),
                                                {},
                                                {{QStringLiteral("code"), ownerCode},
                                                 {QStringLiteral("name"), text(request.ownerName)},
                                                 {QStringLiteral("role"), QStringLiteral("owner")},
                                                 {QStringLiteral("store_id"), *store},
                                                 {QStringLiteral("totp"), true}}});
        !s)
        return std::unexpected(s.error());

    // The id is this store's from here on (checked above not to contradict the service's).
    m_auth.adoptRegisterId(registerId);
    auto session = m_auth.openSession(*owner, ownerCode, request.ownerName.trimmed(), Role::Owner,
                                      *store, QStringLiteral("first set-up"));
    if (!session)
        return std::unexpected(session.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    qCInfo(lcAuth) << "first set-up done: company, store, register and owner" << *owner;
    return *session;
}

} // namespace pos
