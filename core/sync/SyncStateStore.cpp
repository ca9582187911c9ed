#include "sync/SyncStateStore.h"

#include "store/Database.h"

namespace pos {

namespace {

QDateTime parseUtc(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace

Result<std::optional<QString>> SyncStateStore::value(const char* key)
{
    auto q = m_db.query("SELECT value FROM sync_state WHERE key = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, QString::fromLatin1(key));
    auto has = q->next();
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return std::optional<QString>();
    return std::optional<QString>(q->text(0));
}

Status SyncStateStore::set(const char* key, const QString& value)
{
    auto q = m_db.query("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, QString::fromLatin1(key)).bind(2, value.isNull() ? QStringLiteral("") : value);
    return q->run();
}

Result<std::optional<SyncEnrolment>> SyncStateStore::enrolment()
{
    auto enrolled = value(syncstate::EnrolledAt);
    if (!enrolled)
        return std::unexpected(enrolled.error());
    if (!*enrolled)
        return std::optional<SyncEnrolment>();
    SyncEnrolment e;
    e.enrolledAt = parseUtc(**enrolled);
    const auto read = [&](const char* key, QString& out) -> Status {
        auto v = value(key);
        if (!v)
            return std::unexpected(v.error());
        if (!*v || (*v)->isEmpty())
            return fail(ErrorCode::Corrupt,
                        QStringLiteral("this register's sync settings in %1 are incomplete (%2 is "
                                       "missing): enrol the register again")
                            .arg(m_db.path(), QString::fromLatin1(key)));
        out = **v;
        return {};
    };
    QString pins, witness;
    for (const auto& [key, out] :
         {std::pair<const char*, QString*>{syncstate::ServerUrl, &e.serverUrl},
          {syncstate::CompanyId, &e.companyId},
          {syncstate::CompanyName, &e.companyName},
          {syncstate::StoreId, &e.storeId},
          {syncstate::StoreName, &e.storeName},
          {syncstate::RegisterName, &e.registerName},
          {syncstate::Pins, &pins},
          {syncstate::WitnessKey, &witness}})
        if (auto s = read(key, *out); !s)
            return std::unexpected(s.error());
    e.pins = pins.split(u',', Qt::SkipEmptyParts);
    const auto key =
        QByteArray::fromBase64Encoding(witness.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!key || key.decoded.size() != 32 || e.pins.isEmpty() || !e.enrolledAt.isValid())
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("this register's sync settings in %1 are damaged: enrol the "
                                   "register again")
                        .arg(m_db.path()));
    e.witnessKey = key.decoded;
    return std::optional<SyncEnrolment>(e);
}

Status SyncStateStore::writeEnrolment(const SyncEnrolment& e)
{
    const std::pair<const char*, QString> values[] = {
        {syncstate::ServerUrl, e.serverUrl},
        {syncstate::CompanyId, e.companyId},
        {syncstate::CompanyName, e.companyName},
        {syncstate::StoreId, e.storeId},
        {syncstate::StoreName, e.storeName},
        {syncstate::RegisterName, e.registerName},
        {syncstate::Pins, e.pins.join(u',')},
        {syncstate::WitnessKey, QString::fromLatin1(e.witnessKey.toBase64())},
        {syncstate::EnrolledAt, e.enrolledAt.toUTC().toString(Qt::ISODateWithMs)},
    };
    for (const auto& [key, v] : values)
        if (auto s = set(key, v); !s)
            return s;
    return {};
}

Result<QDateTime> SyncStateStore::lastSuccess()
{
    auto v = value(syncstate::LastSuccessAt);
    if (!v)
        return std::unexpected(v.error());
    return *v ? parseUtc(**v) : QDateTime();
}

Result<QString> SyncStateStore::lastError()
{
    auto v = value(syncstate::LastError);
    if (!v)
        return std::unexpected(v.error());
    return v->value_or(QString());
}

} // namespace pos
