#include "CommandContext.h"

#include "auth/CredentialHash.h"
#include "catalog/Barcode.h"
#include "catalog/CatalogText.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcCommandHandler)

namespace pos::server::commands {

using catalogtext::quoted;

QJsonObject Applied::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("version"), version},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("changed"), QJsonArray::fromStringList(changed)}};
}

ApiResponse badRequest(const QString& message)
{
    return apiError(400, QStringLiteral("bad_request"), message);
}

ApiResponse forbidden(const QString& message)
{
    return apiError(403, QStringLiteral("forbidden"), message);
}

ApiResponse notFound(const QString& message)
{
    return apiError(404, QStringLiteral("not_found"), message);
}

ApiResponse conflict(const QString& message)
{
    return apiError(409, QStringLiteral("conflict"), message);
}

ApiResponse unavailable()
{
    return apiError(503, QStringLiteral("unavailable"),
                    QStringLiteral("The server's database did not answer. Try again later."));
}

QString moneyText(qint64 minor)
{
    const qint64 whole = minor / 100;
    const qint64 cents = std::abs(minor % 100);
    return QStringLiteral("%1%2.%3")
        .arg(minor < 0 && whole == 0 ? QStringLiteral("-") : QString())
        .arg(whole)
        .arg(cents, 2, 10, QLatin1Char('0'));
}

QString ppmText(qint64 ppm)
{
    return QString::number(static_cast<double>(ppm) / 1e4, 'g', 7) + u'%';
}

bool validUuid(const QString& text)
{
    return text.size() == 36 && !QUuid::fromString(text).isNull();
}

namespace {

std::optional<qint64> wholeNumber(const QJsonValue& v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < static_cast<double>(min) ||
        d > static_cast<double>(max))
        return std::nullopt;
    return static_cast<qint64>(d);
}

bool hasControl(QStringView s)
{
    for (QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control)
            return true;
    return false;
}

constexpr qint64 MaxMinor = qint64{1} << 53;

} // namespace

QString FieldValue::sqlExpression(int index) const
{
    const QString n = u'$' + QString::number(index);
    switch (spec->type) {
    case FieldType::Money:
        return n + QStringLiteral("::bigint");
    case FieldType::Ppm:
    case FieldType::Limit:
        return n + QStringLiteral("::integer");
    case FieldType::Bool:
        return n + QStringLiteral("::boolean");
    case FieldType::Uuid:
    case FieldType::OptionalUuid:
        return n + QStringLiteral("::uuid");
    case FieldType::Barcodes:
        return QStringLiteral("ARRAY(SELECT jsonb_array_elements_text(%1::jsonb))").arg(n);
    case FieldType::Text:
    case FieldType::Code:
    case FieldType::Role:
    case FieldType::PinHash:
    case FieldType::PasswordHash:
        break;
    }
    return n;
}

ApiResult<QList<FieldValue>> CommandContext::fields(const QJsonObject& data,
                                                    const QList<const FieldSpec*>& specs) const
{
    QList<FieldValue> out;
    for (auto it = data.begin(); it != data.end(); ++it) {
        const FieldSpec* spec = nullptr;
        for (const FieldSpec* s : specs)
            if (it.key() == QLatin1String(s->name))
                spec = s;
        if (!spec)
            return std::unexpected(
                badRequest(QStringLiteral("This command has no field %1.").arg(quoted(it.key()))));
        const QJsonValue v = it.value();
        const QString label = QString::fromLatin1(spec->label);
        FieldValue f;
        f.spec = spec;
        const auto bad = [&](const QString& rule) {
            return std::unexpected(badRequest(QStringLiteral("The %1 %2.").arg(label, rule)));
        };
        switch (spec->type) {
        case FieldType::Text: {
            const QString text = v.toString().trimmed();
            if (!v.isString() || text.isEmpty() || text.size() > 200 || hasControl(text))
                return bad(QStringLiteral("must be 1 to 200 characters of text without control "
                                          "characters"));
            f.json = text;
            f.param = text.toUtf8();
            break;
        }
        case FieldType::Code: {
            const QString text = v.toString().trimmed();
            bool digits = v.isString() && text.size() >= 2 && text.size() <= 8;
            for (QChar c : text)
                digits = digits && c >= u'0' && c <= u'9';
            if (!digits)
                return bad(QStringLiteral("must be 2 to 8 digits"));
            f.json = text;
            f.param = text.toUtf8();
            break;
        }
        case FieldType::Money: {
            const auto n = wholeNumber(v, 0, MaxMinor);
            if (!n)
                return bad(QStringLiteral("must be a whole number of minor units, 0 or more"));
            f.json = *n;
            f.param = QByteArray::number(*n);
            break;
        }
        case FieldType::Ppm:
        case FieldType::Limit: {
            const auto n = wholeNumber(v, 0, 1000000);
            if (!n)
                return bad(QStringLiteral("must be a whole number of parts per million from 0 "
                                          "to 1000000"));
            f.json = *n;
            f.param = QByteArray::number(*n);
            break;
        }
        case FieldType::Bool:
            if (!v.isBool())
                return bad(QStringLiteral("must be true or false"));
            f.json = v;
            f.param = v.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
            break;
        case FieldType::OptionalUuid:
            if (v.isNull()) {
                f.json = QJsonValue::Null;
                break; // param stays a null QByteArray: SQL NULL
            }
            [[fallthrough]];
        case FieldType::Uuid:
            if (!v.isString() || !validUuid(v.toString()))
                return bad(QStringLiteral("must be a UUID"));
            f.json = v.toString().toLower();
            f.param = v.toString().toLower().toUtf8();
            break;
        case FieldType::Barcodes: {
            if (!v.isArray())
                return bad(QStringLiteral("must be a list of barcodes"));
            QJsonArray codes;
            QSet<QString> seen;
            for (const QJsonValue& c : v.toArray()) {
                auto code = validateBarcode(c.toString());
                if (!c.isString() || !code)
                    return std::unexpected(
                        badRequest(code ? QStringLiteral("Every barcode must be text.")
                                        : code.error().message));
                if (seen.contains(code->code))
                    return std::unexpected(badRequest(
                        QStringLiteral("Barcode %1 is listed twice.").arg(quoted(code->code))));
                seen.insert(code->code);
                codes.append(code->code);
            }
            f.json = codes;
            f.param = QJsonDocument(codes).toJson(QJsonDocument::Compact);
            break;
        }
        case FieldType::Role:
            if (!v.isString() || !roleFromName(v.toString()))
                return bad(QStringLiteral("must be owner, manager, cashier or auditor"));
            f.json = v;
            f.param = v.toString().toUtf8();
            break;
        case FieldType::PinHash:
        case FieldType::PasswordHash: {
            // Credential hashes are made on the desktop (core/auth/CredentialHash): the server
            // never sees a PIN or password in a command.
            const auto want = spec->type == FieldType::PinHash ? CredentialHash::Kind::Pin
                                                               : CredentialHash::Kind::Password;
            const auto parsed = v.isString() ? CredentialHash::parse(v.toString())
                                             : Result<CredentialHash::Parsed>(std::unexpected(
                                                   Error{ErrorCode::InvalidInput, {}}));
            if (!parsed || parsed->kind != want)
                return bad(QStringLiteral("is not a credential hash this program makes"));
            f.json = v;
            f.param = v.toString().toUtf8();
            break;
        }
        }
        out.append(std::move(f));
    }
    // In the kind's own order (not the JSON object's), so messages list fields the same way.
    std::stable_sort(out.begin(), out.end(), [&](const FieldValue& a, const FieldValue& b) {
        return specs.indexOf(a.spec) < specs.indexOf(b.spec);
    });
    return out;
}

std::optional<ApiResponse> CommandContext::requireIn(Permission permission,
                                                     const QString& storeId) const
{
    if (!m_actor.stores.contains(storeId))
        return forbidden(QStringLiteral("That store is not one of yours."));
    if (isOwner() || m_actor.inStore.value(storeId).contains(permission))
        return std::nullopt;
    return forbidden(QStringLiteral("Your role (%1) may not %2 in that store.")
                         .arg(roleTitle(m_actor.role), permissionDescription(permission)));
}

std::optional<ApiResponse> CommandContext::requireEverywhere(Permission permission) const
{
    if (isOwner())
        return std::nullopt;
    bool all = !m_actor.stores.isEmpty();
    for (const QString& store : m_actor.stores)
        all = all && m_actor.inStore.value(store).contains(permission);
    if (all)
        return std::nullopt;
    return forbidden(
        QStringLiteral("Your role (%1) may not %2 for the whole company (this changes every "
                       "store, and you may not do it in every store you work in).")
            .arg(roleTitle(m_actor.role), permissionDescription(permission)));
}

ApiResponse CommandContext::databaseError(const Error& error, const QString& uniqueMessage)
{
    const QByteArray state = m_pg.sqlState();
    m_pg.rollback();
    if (state == "23505")
        return conflict(uniqueMessage.isEmpty()
                            ? QStringLiteral("That is there already: reload and try again.")
                            : uniqueMessage);
    if (state == "23503")
        return badRequest(QStringLiteral("The command names something that does not exist (a "
                                         "tax class, category, product, store or user)."));
    if (state == "23514" || state == "22P02" || state == "22003")
        return badRequest(QStringLiteral("A value of the command is out of range."));
    if (state == "42501")
        return forbidden(QStringLiteral("That is not yours to change."));
    if (state == "40001" || state == "40P01")
        return apiError(409, QStringLiteral("stale"),
                        QStringLiteral("Someone else changed this at the same moment: reload "
                                       "and try again."));
    qCWarning(lcCommandHandler) << "a command failed in the database:" << error.message;
    return unavailable();
}

std::optional<ApiResponse> CommandContext::appendChange(const QString& storeId, const QString& kind,
                                                        const QString& entityId, qint64 version,
                                                        bool deleted)
{
    auto r =
        m_pg.exec("INSERT INTO pos.change_log (company_id, store_id, kind, entity_id, "
                  "version, deleted) VALUES ($1::uuid, $2::uuid, $3, $4, $5::bigint, "
                  "$6::boolean)",
                  {m_who.companyId.toUtf8(), storeId.isEmpty() ? QByteArray() : storeId.toUtf8(),
                   kind.toUtf8(), entityId.toUtf8(), QByteArray::number(version),
                   deleted ? QByteArrayLiteral("true") : QByteArrayLiteral("false")});
    if (!r)
        return databaseError(r.error());
    return std::nullopt;
}

ApiResult<qint64> CommandContext::loggedVersion(const QString& storeId, const QString& kind,
                                                const QString& entityId)
{
    auto r = m_pg.exec(
        "SELECT coalesce(max(version), 0) FROM pos.change_log WHERE kind = $1 "
        "AND entity_id = $2 AND store_id IS NOT DISTINCT FROM $3::uuid",
        {kind.toUtf8(), entityId.toUtf8(), storeId.isEmpty() ? QByteArray() : storeId.toUtf8()});
    if (!r)
        return std::unexpected(databaseError(r.error()));
    return r->integer(0, 0);
}

ApiResponse CommandContext::stale(const QString& entity, const QString& subject, qint64 base,
                                  qint64 current,
                                  const std::function<QString(const QString&)>& valueText,
                                  const QHash<QString, QString>& labels)
{
    QStringList changed;
    bool byOthers = false;
    bool known = false;
    auto history = m_pg.exec("SELECT result::text, user_id FROM pos.commands "
                             "WHERE result->>'entity' = $1 AND (result->>'version')::bigint > "
                             "$2::bigint ORDER BY (result->>'version')::bigint",
                             {entity.toUtf8(), QByteArray::number(base)});
    if (history) {
        for (int r = 0; r < history->rows(); ++r) {
            known = true;
            byOthers = byOthers || history->text(r, 1) != m_actor.id;
            const QJsonObject result = QJsonDocument::fromJson(history->value(r, 0)).object();
            for (const QJsonValue& f : result.value(QStringLiteral("changed")).toArray())
                if (labels.contains(f.toString()) && !changed.contains(f.toString()))
                    changed.append(f.toString());
        }
    }
    m_pg.rollback();
    const QString who = !known || byOthers ? QStringLiteral("someone else")
                                           : QStringLiteral("you, in an earlier edit");
    const QString tail =
        QStringLiteral("your edit was based on version %1. Reload and try again.").arg(base);
    QString message;
    if (current == 0 && base > 0) { // it never existed here
        message = QStringLiteral("%1 was removed by %2; %3").arg(subject, who, tail);
    } else if (changed.isEmpty()) {
        message = QStringLiteral("%1 was changed by %2 (version %3); %4")
                      .arg(subject, who)
                      .arg(current)
                      .arg(tail);
    } else {
        QStringList names, values;
        for (const QString& f : changed) {
            names.append(labels.value(f));
            values.append(valueText(f));
        }
        const auto list = [](QStringList items) {
            if (items.size() == 1)
                return items.first();
            const QString last = items.takeLast();
            return QString(items.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last);
        };
        QString what = list(names);
        what[0] = what[0].toUpper();
        if (changed.size() == 1)
            message = QStringLiteral("%1 of %2 was changed to %3 by %4 (version %5); %6")
                          .arg(what, subject, values.first(), who)
                          .arg(current)
                          .arg(tail);
        else
            message = QStringLiteral("%1 of %2 were changed by %3 (now %4; version %5); %6")
                          .arg(what, subject, who, list(values))
                          .arg(current)
                          .arg(tail);
    }
    return apiError(409, QStringLiteral("stale"), message);
}

} // namespace pos::server::commands
