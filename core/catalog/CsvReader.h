#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringDecoder>

namespace pos {

// One record of an RFC 4180 file: its fields as text, the physical line it starts on, and a
// problem when the record is malformed (then fields may be incomplete).
struct CsvRecord {
    qint64 line = 0;
    QList<QString> fields;
    QString error;
};

// Reads RFC 4180 CSV from UTF-8 bytes: comma separated, fields optionally in double quotes with
// "" for a quote, quoted fields may hold commas and line breaks, records end with CRLF or LF, a
// leading UTF-8 byte order mark is skipped. Blank lines are skipped. After a malformed record
// (text after a closing quote, a quote inside an unquoted field, invalid UTF-8) reading resumes
// on the next line; an unterminated quote ends the file.
class CsvReader {
public:
    explicit CsvReader(QByteArrayView data);

    bool next(CsvRecord& record); // false at the end
    qint64 position() const { return m_pos; }

    // Records in data, counted the cheap way (quotes and line ends only), for progress totals.
    static qint64 countRecords(QByteArrayView data);

private:
    void skipLine();
    bool field(QString& out, QString& error);

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    QStringDecoder m_utf8{QStringDecoder::Utf8, QStringDecoder::Flag::Stateless};
};

} // namespace pos
