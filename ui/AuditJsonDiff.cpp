#include "AuditJsonDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <optional>
#include <set>

namespace pos::ui {

namespace {

struct Line {
    QString text;
    bool changed = false;
};

// A value as JSON text; objects and arrays over several lines, two spaces per level.
QStringList valueLines(const QJsonValue& v)
{
    QByteArray json;
    if (v.isObject())
        json = QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented);
    else if (v.isArray())
        json = QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented);
    else {
        // A scalar: written as the only element of an array, without the brackets.
        json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        return {QString::fromUtf8(json.mid(1, json.size() - 2))};
    }
    QStringList out;
    for (const QByteArray& raw : json.trimmed().split('\n')) {
        qsizetype spaces = 0;
        while (spaces < raw.size() && raw.at(spaces) == ' ')
            ++spaces;
        out << QString(spaces / 2, u' ') + QString::fromUtf8(raw.mid(spaces));
    }
    return out;
}

QString keyText(const QString& key)
{
    return valueLines(QJsonValue(key)).constFirst() + QStringLiteral(": ");
}

// Renders obj (keys in order) compared with other, which the other side holds at the same place
// (null when it holds no object there).
void renderObject(const QJsonObject& obj, const QJsonObject* other, int indent, const QString& path,
                  std::set<QString>& changed, QList<Line>& lines)
{
    const QString pad(indent * 2, u' ');
    const QStringList keys = obj.keys();
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString& key = keys[i];
        const QJsonValue v = obj.value(key);
        const bool inOther = other && other->contains(key);
        const QJsonValue ov = inOther ? other->value(key) : QJsonValue();
        const QString comma = i + 1 < keys.size() ? QStringLiteral(",") : QString();
        const QString keyPath = path.isEmpty() ? key : path + u'.' + key;
        if (v.isObject() && inOther && ov.isObject() && !v.toObject().isEmpty()) {
            const QJsonObject nested = ov.toObject();
            lines.append({pad + keyText(key) + u'{', false});
            renderObject(v.toObject(), &nested, indent + 1, keyPath, changed, lines);
            lines.append({pad + u'}' + comma, false});
            continue;
        }
        const bool differs = !inOther || v != ov;
        if (differs)
            changed.insert(keyPath);
        QStringList text = valueLines(v);
        text.first().prepend(keyText(key));
        text.last().append(comma);
        for (const QString& t : std::as_const(text))
            lines.append({pad + t, differs});
    }
}

QString toHtml(const QList<Line>& lines)
{
    QString html = QStringLiteral("<pre style=\"margin:0\">");
    for (const Line& l : lines) {
        if (l.changed)
            html += QStringLiteral("<span style=\"background-color:%1; font-weight:bold\">")
                        .arg(AuditJsonDiff::highlightColor()) +
                    QStringLiteral("&#9670; ") + l.text.toHtmlEscaped() +
                    QStringLiteral("</span>\n");
        else
            html += QStringLiteral("  ") + l.text.toHtmlEscaped() + u'\n';
    }
    html += QStringLiteral("</pre>");
    return html;
}

std::optional<QJsonObject> parseObject(const QString& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QString sideHtml(const QString& json, const std::optional<QJsonObject>& obj,
                 const std::optional<QJsonObject>& other, std::set<QString>& changed)
{
    if (!obj)
        return QStringLiteral("<pre style=\"margin:0\">") + json.toHtmlEscaped() +
               QStringLiteral("</pre>");
    QList<Line> lines;
    if (obj->isEmpty()) {
        lines.append({QStringLiteral("{}"), false});
        return toHtml(lines);
    }
    lines.append({QStringLiteral("{"), false});
    renderObject(*obj, other ? &*other : nullptr, 1, {}, changed, lines);
    lines.append({QStringLiteral("}"), false});
    return toHtml(lines);
}

} // namespace

QString AuditJsonDiff::highlightColor()
{
    return QStringLiteral("#ffe08a");
}

AuditJsonDiff::AuditJsonDiff(const QString& beforeJson, const QString& afterJson)
{
    const auto before = parseObject(beforeJson);
    const auto after = parseObject(afterJson);
    std::set<QString> changed;
    m_beforeHtml = sideHtml(beforeJson, before, after, changed);
    m_afterHtml = sideHtml(afterJson, after, before, changed);
    for (const QString& k : changed)
        m_changed << k;
}

} // namespace pos::ui
