#pragma once

// Shared by StaffService's source files only (StaffService.cpp, StaffServiceChanges.cpp,
// StaffServiceUndo.cpp): messages, JSON helpers and the credential rule per role.

#include "Clock.h"
#include "Error.h"
#include "staff/Role.h"
#include "staff/StaffService.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <algorithm>
#include <optional>

namespace pos {

namespace staffdetail {

inline constexpr qsizetype MaxName = 100;
inline constexpr qint64 MaxLimitPpm = 1000000;
inline constexpr std::size_t MinTotpSecretBytes = 16; // as SetupService

inline QString tr(const char* text)
{
    return QCoreApplication::translate("pos::StaffService", text);
}

template <class T> std::unexpected<Error> err(const Result<T>& r)
{
    return std::unexpected(r.error());
}

inline QString nowText(const Clock& clock)
{
    return clock.nowUtc().toUTC().toString(Qt::ISODateWithMs);
}

inline QList<qint64> normalized(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

inline QJsonArray idArray(const QList<qint64>& ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return a;
}

inline QList<qint64> idList(const QJsonValue& v)
{
    QList<qint64> out;
    for (const QJsonValue& id : v.toArray())
        out.append(id.toInteger());
    return normalized(out);
}

inline QString stateName(OverrideState s)
{
    switch (s) {
    case OverrideState::Allow:
        return QStringLiteral("allow");
    case OverrideState::Deny:
        return QStringLiteral("deny");
    case OverrideState::Inherit:
        break;
    }
    return QStringLiteral("inherit");
}

inline std::optional<OverrideState> stateFromName(const QString& s)
{
    for (OverrideState st : {OverrideState::Inherit, OverrideState::Allow, OverrideState::Deny})
        if (stateName(st) == s)
            return st;
    return std::nullopt;
}

inline Status checkName(const QString& name)
{
    bool control = false;
    for (QChar c : name)
        control = control || c.unicode() < 0x20 || c.category() == QChar::Other_Control;
    if (name.isEmpty() || name.size() > MaxName || control)
        return fail(ErrorCode::InvalidInput, tr("A name must be 1 to %1 characters of text "
                                                "without control characters.")
                                                 .arg(MaxName));
    return {};
}

inline Status checkCode(const QString& code)
{
    const bool digits =
        std::all_of(code.begin(), code.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (code.size() < 2 || code.size() > 8 || !digits)
        return fail(ErrorCode::InvalidInput, tr("A user code must be 2 to 8 digits."));
    return {};
}

// What someone needs to sign in with a role (AUTH-1/2).
inline Status credentialsFor(Role role, bool hasPin, bool hasPassword, bool hasTotp,
                             const QString& name)
{
    if (role == Role::Cashier && !hasPin)
        return fail(
            ErrorCode::InvalidInput,
            tr("Cashiers sign in with a PIN, and %1 has none: reset their PIN first.").arg(name));
    if (role != Role::Cashier && !hasPassword)
        return fail(ErrorCode::InvalidInput,
                    tr("Managers, auditors and owners sign in with a password, and %1 has none: "
                       "reset their password first.")
                        .arg(name));
    if (role == Role::Owner && !hasTotp)
        return fail(ErrorCode::InvalidInput,
                    tr("Owners also sign in with an authenticator code, and %1 has no "
                       "authenticator enrolled: create a new owner account instead.")
                        .arg(name));
    return {};
}

inline std::unexpected<Error> changedSince(const QString& name)
{
    return fail(ErrorCode::Conflict, tr("%1's account was changed again after this change: undo "
                                        "the later change first.")
                                         .arg(name));
}

} // namespace staffdetail

} // namespace pos
