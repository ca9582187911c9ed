#pragma once

#include <QString>
#include <QStringView>

// Helpers for putting user input into messages safely: at most 32 characters, control characters
// shown as '?', so that an error line can never be flooded or carry terminal escapes.
namespace pos::catalogtext {

constexpr qsizetype MaxQuoted = 32;

inline QString clip(QStringView text)
{
    QString out;
    const qsizetype n = std::min(text.size(), MaxQuoted);
    out.reserve(n + 1);
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        const bool control = c.unicode() < 0x20 || c.unicode() == 0x7f ||
                             c.category() == QChar::Other_Control ||
                             c.category() == QChar::Other_Format;
        out.append(control ? QChar(u'?') : c);
    }
    if (text.size() > MaxQuoted)
        out.append(QChar(0x2026)); // …
    return out;
}

inline QString quoted(QStringView text)
{
    return u'\'' + clip(text) + u'\'';
}

} // namespace pos::catalogtext
