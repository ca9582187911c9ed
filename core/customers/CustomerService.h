#pragma once

#include "Clock.h"
#include "Error.h"

#include <QList>
#include <QString>

namespace pos {

class Database;

// Personal data: stored only inside the encrypted store, never logged, never in error messages.
struct Customer {
    qint64 id = 0;
    QString uuid;
    QString name;
    QString phone;
    QString email;
    QString notes;
};

class CustomerService {
public:
    CustomerService(Database& db, const Clock& clock, IdSource& ids);
    Result<qint64> add(const Customer& customer); // name required; phone/e-mail validated loosely
    Result<Customer> find(qint64 id);
    Result<QList<Customer>> search(QStringView nameOrPhone, int limit = 20);
    Result<qint64> count();

private:
    Database& m_db;
    const Clock& m_clock;
    IdSource& m_ids;
};

} // namespace pos
