#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <expected>

namespace pos::server {

// What a handler answers: an HTTP status and a JSON body. Refusals use apiError so every one has
// the shape of docs/sync.md, "Errors".
struct ApiResponse {
    int status = 200;
    QJsonObject body;
};

// A handler step that gives a value or the refusal to answer with.
template <class T> using ApiResult = std::expected<T, ApiResponse>;

inline ApiResponse apiError(int status, const QString& code, const QString& message)
{
    return {status, QJsonObject{{QStringLiteral("error"),
                                 QJsonObject{{QStringLiteral("code"), code},
                                             {QStringLiteral("message"), message}}}}};
}

// Who is asking, after RequestAuth has checked the device signature (and the user token, when
// one was sent). Handlers open their own transaction and call setTenant with companyId and
// storeIds first.
struct RequestContext {
    QString companyId;
    QString registerId;
    QString registerStoreId; // the store the register is enrolled in
    QString userId;          // empty unless a user session token was sent
    QString userRole;        // "owner", "manager", "cashier", "auditor" when userId is set
    QStringList storeIds;    // the register's store, or the user's stores for a user session
};

} // namespace pos::server
