#include "catalog/CsvReader.h"

namespace pos {

CsvReader::CsvReader(QByteArrayView data) : m_data(data)
{
    if (m_data.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
}

qint64 CsvReader::countRecords(QByteArrayView data)
{
    qint64 records = 0;
    bool quoted = false;
    bool content = false;
    for (const char c : data) {
        if (c == '"')
            quoted = !quoted;
        if (c == '\n' && !quoted) {
            records += content ? 1 : 0;
            content = false;
        } else if (c != '\r') {
            content = true;
        }
    }
    return records + (content ? 1 : 0);
}

void CsvReader::skipLine()
{
    while (m_pos < m_data.size() && m_data[m_pos] != '\n')
        ++m_pos;
    if (m_pos < m_data.size()) {
        ++m_pos;
        ++m_line;
    }
}

// Reads one field starting at m_pos and leaves m_pos on the separator, the line end or the end.
bool CsvReader::field(QString& out, QString& error)
{
    QByteArray raw;
    if (m_pos < m_data.size() && m_data[m_pos] == '"') {
        const qint64 startLine = m_line;
        ++m_pos;
        for (;;) {
            if (m_pos >= m_data.size()) {
                error = QStringLiteral("a quoted field that starts on line %1 is never closed "
                                       "(missing '\"')")
                            .arg(startLine);
                return false;
            }
            const char c = m_data[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '"') {
                    raw.append('"');
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                break;
            }
            if (c == '\n')
                ++m_line;
            raw.append(c);
            ++m_pos;
        }
        if (m_pos < m_data.size() && m_data[m_pos] == '\r' &&
            (m_pos + 1 >= m_data.size() || m_data[m_pos + 1] == '\n'))
            ++m_pos;
        if (m_pos < m_data.size() && m_data[m_pos] != ',' && m_data[m_pos] != '\n') {
            error = QStringLiteral("unexpected text after a closing quote (a quote inside a "
                                   "quoted field must be doubled: \"\")");
            return false;
        }
    } else {
        const qsizetype start = m_pos;
        while (m_pos < m_data.size() && m_data[m_pos] != ',' && m_data[m_pos] != '\n') {
            if (m_data[m_pos] == '"') {
                error = QStringLiteral("a quote inside an unquoted field (quote the whole field "
                                       "and double the quote: \"\")");
                return false;
            }
            ++m_pos;
        }
        qsizetype end = m_pos;
        if (end > start && m_data[end - 1] == '\r' &&
            (m_pos >= m_data.size() || m_data[m_pos] == '\n'))
            --end;
        raw = m_data.sliced(start, end - start).toByteArray();
    }
    m_utf8.resetState();
    out = m_utf8(raw);
    if (m_utf8.hasError()) {
        error = QStringLiteral("the text is not valid UTF-8 (save the file as UTF-8)");
        return false;
    }
    return true;
}

bool CsvReader::next(CsvRecord& record)
{
    // Skip blank lines (LF or CRLF).
    for (;;) {
        if (m_pos >= m_data.size())
            return false;
        if (m_data[m_pos] == '\n') {
            ++m_pos;
            ++m_line;
        } else if (m_data[m_pos] == '\r' && m_pos + 1 < m_data.size() &&
                   m_data[m_pos + 1] == '\n') {
            m_pos += 2;
            ++m_line;
        } else {
            break;
        }
    }
    record.line = m_line;
    record.fields.clear();
    record.error.clear();
    for (;;) {
        QString value;
        if (!field(value, record.error)) {
            if (m_pos < m_data.size())
                skipLine();
            return true;
        }
        record.fields.append(value);
        if (m_pos >= m_data.size())
            return true;
        if (m_data[m_pos] == '\n') {
            ++m_pos;
            ++m_line;
            return true;
        }
        ++m_pos; // ','
    }
}

} // namespace pos
