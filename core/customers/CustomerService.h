#pragma once

#include "Clock.h"
#include "Error.h"
#include "staff/Session.h"

#include <QList>
#include <QString>

namespace pos {

class AccessControl;
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

// RBAC-2: every operation first checks the acting session with AccessControl (Unauthenticated,
// PermissionDenied): add needs customers.edit; find, search and count need customers.view
// (which auditors do not have: RBAC-3, no customer PII for them).
class CustomerService {
public:
    CustomerService(Database& db, AccessControl& access, const Clock& clock, IdSource& ids);
    // Name required; phone/e-mail validated loosely.
    Result<qint64> add(const Session& session, const Customer& customer);
    Result<Customer> find(const Session& session, qint64 id);
    Result<QList<Customer>> search(const Session& session, QStringView nameOrPhone, int limit = 20);
    Result<qint64> count(const Session& session);

private:
    Database& m_db;
    AccessControl& m_access;
    const Clock& m_clock;
    IdSource& m_ids;
};

} // namespace pos
