#pragma once

#include "Error.h"
#include "audit/AuditVerifierPool.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace pos {

// Reads an audit export bundle (docs/audit-format.md, "Export bundle"): UTF-8 JSON Lines, a header
// first, then every row of each register in seq order, then the checkpoints. Lines are read one at
// a time (the file is never held whole) and parsed on the verifier's worker threads.
class AuditBundleReader {
public:
    struct Register {
        QString registerId;
        QByteArray publicKey; // empty when the header's key is not 32 bytes of base64
        QString problem;      // why the header's entry for it cannot be used
    };
    struct Header {
        QString exportedAt;
        QString exportedBy;
        QList<Register> registers;
    };

    // No bundle line is longer than this (a row's before/after are small); a longer line is
    // refused as unreadable rather than read into memory.
    static constexpr qint64 MaxLineBytes = 4 * 1024 * 1024;

    // Opens the file and reads its header (line 1). Io when it cannot be read, InvalidInput when
    // it is not a bundle at all.
    Status open(const QString& path);
    const Header& header() const { return m_header; }

    enum class Next { Line, Oversize, End };
    // The next non-empty line (without its line break) and its number. Oversize: the line was
    // longer than MaxLineBytes and has been skipped. End: nothing more (or a read error, see
    // error()).
    Next next(QByteArray& line, qint64& lineNumber);
    QString error() const { return m_error; }
    qint64 bytesRead() const { return m_file.pos(); }
    qint64 size() const { return m_file.size(); }

    // Parses item.raw (kind Line) into a Row or a Checkpoint, or marks it Unreadable with the
    // reason. Called on worker threads.
    static void parseLine(AuditItem& item);

private:
    QFile m_file;
    Header m_header;
    qint64 m_line = 0;
    QString m_error;
};

} // namespace pos
