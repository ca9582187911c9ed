#include "audit/CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace pos::canonicaljson {

namespace {

constexpr double MaxExact = 9007199254740992.0; // 2^53

void appendString(QString& out, const QString& s)
{
    out.append(u'"');
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out.append(u"\\\"");
            break;
        case '\\':
            out.append(u"\\\\");
            break;
        case '\b':
            out.append(u"\\b");
            break;
        case '\f':
            out.append(u"\\f");
            break;
        case '\n':
            out.append(u"\\n");
            break;
        case '\r':
            out.append(u"\\r");
            break;
        case '\t':
            out.append(u"\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out.append(QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')));
            else
                out.append(c);
        }
    }
    out.append(u'"');
}

Status append(QString& out, const QJsonValue& v, int depth)
{
    if (depth > 32)
        return fail(ErrorCode::InvalidInput, QStringLiteral("audit JSON nests too deeply"));
    switch (v.type()) {
    case QJsonValue::Null:
        out.append(u"null");
        return {};
    case QJsonValue::Bool:
        out.append(v.toBool() ? u"true" : u"false");
        return {};
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > MaxExact)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("audit JSON holds whole numbers only"));
        out.append(QString::number(static_cast<qint64>(d)));
        return {};
    }
    case QJsonValue::String:
        appendString(out, v.toString());
        return {};
    case QJsonValue::Array: {
        out.append(u'[');
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out.append(u',');
            if (auto s = append(out, a.at(i), depth + 1); !s)
                return s;
        }
        out.append(u']');
        return {};
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        QStringList keys = o.keys();
        // UTF-16 code unit order (QString's operator< compares code units).
        std::sort(keys.begin(), keys.end());
        out.append(u'{');
        bool first = true;
        for (const QString& k : keys) {
            if (!first)
                out.append(u',');
            first = false;
            appendString(out, k);
            out.append(u':');
            if (auto s = append(out, o.value(k), depth + 1); !s)
                return s;
        }
        out.append(u'}');
        return {};
    }
    case QJsonValue::Undefined:
        break;
    }
    return fail(ErrorCode::InvalidInput, QStringLiteral("audit JSON holds an undefined value"));
}

} // namespace

Result<QString> serialize(const QJsonValue& value)
{
    QString out;
    if (auto s = append(out, value, 0); !s)
        return std::unexpected(s.error());
    return out;
}

Result<QString> serialize(const QJsonObject& object)
{
    return serialize(QJsonValue(object));
}

Result<QString> canonicalize(const QString& json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("not valid JSON: %1").arg(err.errorString()));
    if (doc.isObject())
        return serialize(doc.object());
    return serialize(QJsonValue(doc.array()));
}

} // namespace pos::canonicaljson
