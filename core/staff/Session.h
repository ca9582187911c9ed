#pragma once

#include "staff/Role.h"

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace pos {

// Who is acting: a signed-in user on this register, made by AuthService::signIn. Every core
// service operation takes one. The fields are a convenience for display; AccessControl does not
// trust them: it looks the session up by id in the store and checks that it has not ended, that
// the user is still active and assigned to the store, and takes the role from the user's record.
struct Session {
    QUuid id;
    qint64 userId = 0;
    QString userCode;
    QString userName;
    Role role = Role::Cashier;
    qint64 storeId = 0;
    QString registerId;
    QDateTime startedAt;

    bool isValid() const { return !id.isNull() && userId > 0; }
};

} // namespace pos
