#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <vector>

// Strict reading of JSON request bodies for pos-syncd (PushRecords.cpp): typed fields with their
// ranges, UUIDs and UTC times, and messages that name the field's path.

namespace pos::server {

inline constexpr qint64 MaxJsonWhole = qint64(1) << 53; // exact in every JSON reader

inline bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

// Lower-case UUID text, 36 characters (as the registers and PostgreSQL write them).
inline bool isUuid(QStringView s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != u'-' : !isHex(s[i]))
            return false;
    }
    return true;
}

// `count` ASCII digits at `at`, their value within [low, high].
inline bool digits(QStringView s, qsizetype at, qsizetype count, int low, int high)
{
    int v = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        if (!s[i].isDigit() || s[i].unicode() > 127)
            return false;
        v = v * 10 + (s[i].unicode() - u'0');
    }
    return v >= low && v <= high;
}

// "2026-11-21T10:15:30.123Z": UTC, seconds, an optional fraction of 1 to 6 digits. (A day the
// month does not have is left to PostgreSQL, which refuses it: 400.)
inline bool isUtcTime(QStringView s)
{
    if (s.size() < 20 || s.size() > 27 || s.back() != u'Z')
        return false;
    if (s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':')
        return false;
    if (!digits(s, 0, 4, 1970, 9999) || !digits(s, 5, 2, 1, 12) || !digits(s, 8, 2, 1, 31) ||
        !digits(s, 11, 2, 0, 23) || !digits(s, 14, 2, 0, 59) || !digits(s, 17, 2, 0, 59))
        return false;
    if (s.size() == 20)
        return true;
    return s[19] == u'.' && s.size() >= 22 && digits(s, 20, s.size() - 21, 0, 999999);
}

// Reads fields of one JSON object under a path ("records[3].data.lines[0]"); the first problem
// is kept and every later read returns a harmless default, so a parser reads straight through
// and checks failed() once. The path is only spelled out for a problem.
class JsonFieldReader {
public:
    explicit JsonFieldReader(QString path) : m_path(std::move(path)) {}
    // The object at parent's `field` (and `[index]` of it when index >= 0).
    JsonFieldReader(const JsonFieldReader& parent, const char* field, qsizetype index = -1)
        : m_parent(&parent), m_field(field), m_index(index)
    {}

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    void adopt(const JsonFieldReader& child)
    {
        if (!failed() && child.failed())
            m_error = child.m_error;
    }
    void problem(const QString& field, const char* what)
    {
        if (!failed())
            m_error = name(field) + u' ' + QLatin1String(what);
    }
    QString path() const
    {
        if (!m_parent)
            return m_path;
        QString here = m_parent->name(QLatin1String(m_field));
        if (m_index >= 0)
            here += u'[' + QString::number(m_index) + u']';
        return here;
    }
    QString name(const QString& field) const
    {
        const QString base = path();
        return base.isEmpty() ? field : base + u'.' + field;
    }

    // Refuses keys not in `keys` (a field the server would silently drop is a mistake).
    void only(const QJsonObject& o, std::initializer_list<const char*> keys)
    {
        // Every listed key is required (nullable ones as null), so a well-formed object has no
        // more keys than the list; a missing one is reported by its read.
        if (o.size() <= qsizetype(keys.size()))
            return;
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char* k : keys)
                known = known || it.key() == QLatin1String(k);
            if (!known) {
                problem(it.key().left(40), "is not a known field");
                return;
            }
        }
    }

    // Present and not null; null is allowed only where `nullable`.
    std::optional<QJsonValue> value(const QJsonObject& o, const char* field, bool nullable)
    {
        const QJsonValue v = o.value(QLatin1String(field));
        if (v.isUndefined()) {
            problem(QLatin1String(field), "is missing");
            return std::nullopt;
        }
        if (v.isNull()) {
            if (!nullable)
                problem(QLatin1String(field), "must not be null");
            return std::nullopt;
        }
        return v;
    }

    QString text(const QJsonObject& o, const char* field, qsizetype maxLength,
                 bool nullable = false, bool nonEmpty = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return {};
        if (!v->isString()) {
            problem(QLatin1String(field), "is not a string");
            return {};
        }
        QString s = v->toString();
        if (s.size() > maxLength)
            problem(QLatin1String(field), "is too long");
        else if (s.contains(QChar(u'\0')))
            problem(QLatin1String(field), "holds a NUL character");
        else if (nonEmpty && s.isEmpty())
            problem(QLatin1String(field), "is empty");
        return s;
    }

    QString uuid(const QJsonObject& o, const char* field, bool nullable = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return {};
        QString s = v->toString();
        if (!v->isString() || !isUuid(s))
            problem(QLatin1String(field), "is not a UUID (lower-case, 36 characters)");
        return s;
    }

    QString time(const QJsonObject& o, const char* field, bool nullable = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return {};
        QString s = v->toString();
        if (!v->isString() || !isUtcTime(s))
            problem(QLatin1String(field), "is not a UTC time like 2026-11-21T10:15:30.123Z");
        return s;
    }

    qint64 integer(const QJsonObject& o, const char* field, qint64 minimum, qint64 maximum,
                   bool nullable = false)
    {
        auto v = value(o, field, nullable);
        if (!v)
            return 0;
        if (!v->isDouble()) {
            problem(QLatin1String(field), "is not a number");
            return 0;
        }
        const qint64 a = v->toInteger(-1);
        if (a != v->toInteger(-2) || std::abs(v->toDouble()) > double(MaxJsonWhole)) {
            problem(QLatin1String(field), "is not a whole number in range");
            return 0;
        }
        if (a < minimum)
            problem(QLatin1String(field), minimum == 0 ? "is negative" : "is too small");
        else if (a > maximum)
            problem(QLatin1String(field), "is too large");
        return a;
    }

    void boolean(const QJsonObject& o, const char* field)
    {
        auto v = value(o, field, false);
        if (v && !v->isBool())
            problem(QLatin1String(field), "is not true or false");
    }

    void oneOf(const QJsonObject& o, const char* field, std::initializer_list<const char*> allowed)
    {
        const QString s = text(o, field, 64);
        if (failed())
            return;
        for (const char* a : allowed) {
            if (s == QLatin1String(a))
                return;
        }
        problem(QLatin1String(field), "has a value that is not allowed");
    }

    void currency(const QJsonObject& o, const char* field)
    {
        const QString s = text(o, field, 3);
        const bool letters = s.size() == 3 && std::all_of(s.begin(), s.end(), [](QChar c) {
                                 return c >= u'A' && c <= u'Z';
                             });
        if (!failed() && !letters)
            problem(QLatin1String(field), "is not a currency code like EUR");
    }

    QJsonObject object(const QJsonObject& o, const char* field)
    {
        auto v = value(o, field, false);
        if (v && !v->isObject())
            problem(QLatin1String(field), "is not an object");
        return v ? v->toObject() : QJsonObject();
    }

    QJsonArray array(const QJsonObject& o, const char* field, qsizetype maxSize)
    {
        auto v = value(o, field, false);
        if (!v)
            return {};
        if (!v->isArray()) {
            problem(QLatin1String(field), "is not an array");
            return {};
        }
        QJsonArray a = v->toArray();
        if (a.size() > maxSize)
            problem(QLatin1String(field), "has too many entries");
        return a;
    }

    // Each entry of `field` as an object, with a reader under "field[i]"; `unique` names an
    // integer field that must not repeat.
    template <class F>
    void entries(const QJsonObject& o, const char* field, qsizetype maxSize, const char* unique,
                 F&& each)
    {
        const QJsonArray a = array(o, field, maxSize);
        std::vector<qint64> seen;
        seen.reserve(std::size_t(a.size()));
        for (qsizetype i = 0; i < a.size() && !failed(); ++i) {
            JsonFieldReader r(*this, field, i);
            if (!a.at(i).isObject()) {
                problem(QLatin1String(field) + u'[' + QString::number(i) + u']',
                        "is not an object");
                return;
            }
            const QJsonObject entry = a.at(i).toObject();
            each(r, entry);
            if (!r.failed()) {
                const qint64 key = entry.value(QLatin1String(unique)).toInteger();
                if (std::find(seen.begin(), seen.end(), key) != seen.end())
                    r.problem(QLatin1String(unique), "repeats an earlier entry's");
                seen.push_back(key);
            }
            adopt(r);
        }
    }

private:
    QString m_path;
    const JsonFieldReader* m_parent = nullptr;
    const char* m_field = nullptr;
    qsizetype m_index = -1;
    QString m_error;
};

} // namespace pos::server
