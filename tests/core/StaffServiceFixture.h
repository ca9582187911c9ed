#pragma once

// What tst_staffservice and tst_staffroletable share: a store with staff, StaffService over a
// cheap-hash AuthService, readers for users and access_changes rows, and a check that a refused
// change leaves every staff table exactly as it was.
#include "staff/StaffService.h"

#include "auth/CredentialHash.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"

#include "../support/TestStaff.h"
#include "../support/TestStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

namespace pos::test {

inline SecretBytes secret(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    return SecretBytes::takeFrom(bytes);
}

inline QJsonObject obj(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

inline const QString NewPin = QStringLiteral("9731");
inline const QString NewPassword = QStringLiteral("tangerine velvet 42");

struct ChangeRow {
    qint64 actor = 0, target = 0, store = 0, undoes = 0;
    QString kind;
    QJsonObject before, after;
};

// Everything a staff change could touch, to prove a refused one touched nothing.
inline QString snapshot(Database& db)
{
    QString out;
    for (const char* sql :
         {"SELECT group_concat(x, '|') FROM (SELECT id || role || active || discount_limit_ppm || "
          "ifnull(pin_hash, '-') || ifnull(password_hash, '-') || lockout AS x FROM users "
          "ORDER BY id)",
          "SELECT group_concat(user_id || ':' || store_id) FROM user_stores",
          "SELECT group_concat(store_id || role || permission || allowed) FROM role_overrides",
          "SELECT group_concat(uuid || ifnull(ended_at, 'open')) FROM sessions",
          "SELECT COUNT(*) FROM access_changes"}) {
        auto q = db.query(sql);
        if (q && q->next().value_or(false))
            out += q->text(0) + u'\n';
    }
    return out;
}

struct StaffFixture {
    test::TestStore store;
    TestStaff staff{store.db(), store.keys()};
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC)};
    SequentialIdSource ids;
    AuthService auth{store.db(),
                     store.keys(),
                     TestStaff::pepperKeyName(),
                     clock,
                     ids,
                     staff.registerId(),
                     AuthService::Options{.hashParams = TestStaff::CheapHash}};
    StaffService service{store.db(), auth, clock, ids};
    AccessControl access{store.db()};
    qint64 otherStore = staff.addStore(QStringLiteral("Harbour Street"));

    Database& db() { return store.db(); }
    NewStaff cashier(const QString& code = QStringLiteral("4711"))
    {
        NewStaff n;
        n.name = QStringLiteral("Cara Cashier");
        n.code = code;
        n.role = Role::Cashier;
        n.storeIds = {staff.storeId};
        n.discountLimitPpm = 50000;
        n.pin = secret(NewPin);
        return n;
    }
    ChangeRow change(qint64 id)
    {
        auto q = db().query("SELECT actor_id, ifnull(target_user_id, 0), ifnull(store_id, 0), "
                            "kind, before_json, after_json, ifnull(undoes, 0) "
                            "FROM access_changes WHERE id = ?1");
        q->bind(1, id);
        ChangeRow r;
        if (!q->next().value_or(false))
            return r;
        r.actor = q->int64(0);
        r.target = q->int64(1);
        r.store = q->int64(2);
        r.kind = q->text(3);
        r.before = QJsonDocument::fromJson(q->text(4).toUtf8()).object();
        r.after = QJsonDocument::fromJson(q->text(5).toUtf8()).object();
        r.undoes = q->int64(6);
        return r;
    }
    QString column(const char* sql, qint64 id)
    {
        auto q = db().query(sql);
        q->bind(1, id);
        return q->next().value_or(false) && !q->isNull(0) ? q->text(0) : QString();
    }
    QString role(qint64 id) { return column("SELECT role FROM users WHERE id = ?1", id); }
    bool live(const Session& s) { return access.require(s, Permission::CatalogView).has_value(); }
};

// A refusal with this code that leaves every staff table as it was.
template <class T>
bool refused(StaffFixture& f, ErrorCode code, const std::function<Result<T>()>& call,
             const QString& words = {})
{
    const QString before = snapshot(f.db());
    auto r = call();
    if (r) {
        qWarning("expected a refusal, but it was done");
        return false;
    }
    if (r.error().code != code || (!words.isEmpty() && !r.error().message.contains(words))) {
        qWarning("unexpected refusal (%d): %s", int(r.error().code), qPrintable(r.error().message));
        return false;
    }
    return snapshot(f.db()) == before;
}
inline bool refusedChange(StaffFixture& f, ErrorCode code, const std::function<Result<qint64>()>& c,
                          const QString& words = {})
{
    return refused<qint64>(f, code, c, words);
}

} // namespace pos::test
