#pragma once

#include "Error.h"
#include "staff/Session.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace pos {

class AccessControl;
class Database;

struct ImportIssue {
    qint64 line = 0; // physical line the bad record starts on (the header is line 1)
    QString message;
};

struct ImportReport {
    qint64 imported = 0;       // 0 whenever issues is not empty
    QList<ImportIssue> issues; // every bad row, in file order
};

// `posctl import-catalog FILE.csv`: products from an RFC 4180 CSV file (UTF-8, optional BOM, CRLF
// or LF). The header names the columns, in any order, case-insensitive:
//   sku, name, price, tax_code              required
//   cost, category, barcodes, active, sold_by_weight   optional
// barcodes are separated by '|'; price and cost are decimal amounts in the store currency;
// active and sold_by_weight take 1/0, yes/no or true/false (defaults: active 1, weight 0).
//
// Every row is checked (fields, tax code, barcodes, duplicates within the file and against the
// catalog) and every bad row is reported with its line number. A file with any bad row imports
// nothing; a good file is imported in one transaction. A file that cannot be read, is empty or
// has a bad header is an Error.
//
// RBAC-2: the acting session needs catalog.edit (checked before the file is read).
class CsvImporter {
public:
    // done/total count row checks and then row inserts: total is twice the number of rows.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    CsvImporter(Database& db, AccessControl& access, QString currency);

    Result<ImportReport> importFile(const Session& session, const QString& path,
                                    const Progress& progress = {});
    // sourceName names the data in errors ("catalog.csv").
    Result<ImportReport> importData(const Session& session, const QByteArray& data,
                                    const QString& sourceName, const Progress& progress = {});

private:
    Database& m_db;
    AccessControl& m_access;
    QString m_currency;
};

Result<ImportReport> importCsv(Database& db, AccessControl& access, const Session& session,
                               const QString& path, const QString& currency,
                               std::function<void(qint64 done, qint64 total)> progress = {});

} // namespace pos
