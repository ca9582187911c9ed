#include "store/RegisterSettings.h"

#include "store/Database.h"
#include "store/Settings.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUuid>

#include <algorithm>

namespace pos {

namespace {

constexpr const char* Keys[] = {"store_name", "register_name", "register_id", "currency"};

} // namespace

Status RegisterSettings::validate() const
{
    if (storeName.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the store needs a name"));
    if (registerName.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the register needs a name"));
    if (QUuid::fromString(registerId).isNull())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the register id is not a UUID"));
    static const QRegularExpression iso4217(QStringLiteral("^[A-Z]{3}$"));
    if (!iso4217.match(currency).hasMatch())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1' is not a currency code (three capital letters, ISO "
                                   "4217)")
                        .arg(currency.left(16)));
    return {};
}

Result<RegisterSettings> RegisterSettings::load(Database& db)
{
    QStringList values;
    for (const char* key : Keys) {
        auto value = settings::read(db, QString::fromLatin1(key));
        if (!value)
            return std::unexpected(value.error());
        values.append(value->value_or(QString()));
    }
    const auto missing =
        std::count_if(values.cbegin(), values.cend(), [](const QString& v) { return v.isNull(); });
    if (missing == values.size())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("this register is not set up yet (store %1)").arg(db.path()));
    if (missing > 0)
        return fail(
            ErrorCode::Corrupt,
            QStringLiteral("the register settings in store %1 are incomplete").arg(db.path()));
    RegisterSettings s{values[0], values[1], values[2], values[3]};
    if (auto v = s.validate(); !v)
        return fail(ErrorCode::Corrupt, QStringLiteral("the register settings in store %1 are "
                                                       "not valid: %2")
                                            .arg(db.path(), v.error().message));
    return s;
}

Status RegisterSettings::write(Database& db) const
{
    if (auto v = validate(); !v)
        return v;
    const QString values[] = {storeName.trimmed(), registerName.trimmed(), registerId, currency};
    for (qsizetype i = 0; i < 4; ++i)
        if (auto s = settings::write(db, QString::fromLatin1(Keys[i]), values[i]); !s)
            return s;
    return {};
}

Status RegisterSettings::save(Database& db) const
{
    if (auto v = validate(); !v)
        return v;
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto s = write(db); !s)
        return s;
    return tx->commit();
}

} // namespace pos
