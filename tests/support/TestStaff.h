#pragma once

// Staff for core tests: a company, a store, users of each role and live sessions, inserted with
// plain SQL and cheap hashes (scrypt N=2^10) so tests of other services neither depend on
// AuthService nor pay 0.4 s per sign-in. AuthService itself is tested through its own API.

#include "auth/CredentialHash.h"
#include "staff/Session.h"
#include "store/Database.h"
#include "store/KeyStore.h"

#include <QDateTime>
#include <QTest>
#include <QUuid>

namespace pos::test {

class TestStaff {
public:
    static constexpr Scrypt::Params CheapHash{1u << 10, 8, 1};
    static inline const QString DefaultRegisterId =
        QStringLiteral("6f1c2a9e-0c4b-4d7e-9a61-3b2f5e8d7c10");

    // pepperStore/pepperName: where the PIN pepper goes (AuthService reads it from there).
    TestStaff(Database& db, KeyStore& pepperStore, QString registerId = DefaultRegisterId)
        : m_db(db), m_registerId(std::move(registerId))
    {
        auto pep = SecretBytes::random(32);
        check(pep ? Status{} : Status(std::unexpected(pep.error())), "making a pepper");
        m_pepper = std::move(*pep);
        check(pepperStore.write(pepperKeyName(), m_pepper), "storing the pepper");
        exec("INSERT INTO companies (uuid, name, created_at) VALUES (?1, 'Test Company', ?2)",
             newId());
        companyId = m_db.lastInsertRowId();
        storeId = addStore(QStringLiteral("Test Store"));
        auto q = m_db.query("INSERT INTO registers (uuid, store_id, name, created_at) "
                            "VALUES (?1, ?2, 'Till 1', '2026-01-01T00:00:00Z')");
        q->bind(1, m_registerId).bind(2, storeId);
        check(q->run(), "inserting the register");
    }

    static QString pepperKeyName() { return QStringLiteral("test/pin-pepper"); }
    const SecretBytes& pepper() const { return m_pepper; }
    const QString& registerId() const { return m_registerId; }

    qint64 addStore(const QString& name)
    {
        auto q = m_db.query("INSERT INTO stores (uuid, company_id, name, created_at) "
                            "VALUES (?1, ?2, ?3, '2026-01-01T00:00:00Z')");
        q->bind(1, newId()).bind(2, companyId).bind(3, name);
        check(q->run(), "inserting a store");
        return m_db.lastInsertRowId();
    }

    // A user of the role, assigned to the test store, with PIN (cashiers; managers too) and/or a
    // password (everyone but cashiers). Codes are unique per call unless given.
    qint64 addUser(Role role, const QString& name, QString code = {},
                   const QString& pin = QStringLiteral("2468"),
                   const QString& password = QStringLiteral("correct horse battery"),
                   const QByteArray& totpSecret = {})
    {
        if (code.isEmpty())
            code = QString::number(100 + ++m_users);
        QString pinHash, passwordHash;
        if (role == Role::Cashier || role == Role::Manager)
            pinHash = hash(pin, true);
        if (role != Role::Cashier)
            passwordHash = hash(password, false);
        auto q = m_db.query(
            "INSERT INTO users (uuid, company_id, code, name, role, pin_hash, password_hash, "
            "totp_secret, credentials_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        q->bind(1, newId()).bind(2, companyId).bind(3, code).bind(4, name).bind(5, roleName(role));
        q->bind(6, pinHash).bind(7, passwordHash);
        if (totpSecret.isEmpty())
            q->bindNull(8);
        else
            q->bind(8, totpSecret);
        check(q->run(), "inserting a user");
        const qint64 id = m_db.lastInsertRowId();
        assign(id, storeId);
        return id;
    }

    void assign(qint64 userId, qint64 store)
    {
        auto q = m_db.query("INSERT INTO user_stores (user_id, store_id) VALUES (?1, ?2)");
        q->bind(1, userId).bind(2, store);
        check(q->run(), "assigning a store");
    }

    // A live session for the user in the store, as AuthService::signIn would leave it.
    Session sessionFor(qint64 userId, qint64 store = 0)
    {
        if (store == 0)
            store = storeId;
        auto u = m_db.query("SELECT code, name, role FROM users WHERE id = ?1");
        u->bind(1, userId);
        auto row = u->next();
        check(row && *row ? Status{} : Status(std::unexpected(Error{})), "reading a user");
        Session s;
        s.id = QUuid::createUuid();
        s.userId = userId;
        s.userCode = u->text(0);
        s.userName = u->text(1);
        s.role = roleFromName(u->text(2)).value_or(Role::Cashier);
        s.storeId = store;
        s.registerId = m_registerId;
        s.startedAt = QDateTime::currentDateTimeUtc();
        auto q = m_db.query("INSERT INTO sessions (uuid, user_id, store_id, register_id, "
                            "started_at) VALUES (?1, ?2, ?3, ?4, ?5)");
        q->bind(1, s.id.toString(QUuid::WithoutBraces)).bind(2, userId).bind(3, store);
        q->bind(4, m_registerId).bind(5, s.startedAt.toString(Qt::ISODateWithMs));
        check(q->run(), "inserting a session");
        return s;
    }

    // A new user of the role and a live session for them.
    Session signIn(Role role, const QString& name = {})
    {
        return sessionFor(addUser(role, name.isEmpty() ? roleTitle(role) : name));
    }

    void endSession(const Session& s)
    {
        auto q = m_db.query("UPDATE sessions SET ended_at = '2026-01-01T00:00:00Z', "
                            "end_reason = 'test' WHERE uuid = ?1");
        q->bind(1, s.id.toString(QUuid::WithoutBraces));
        check(q->run(), "ending a session");
    }

    qint64 companyId = 0;
    qint64 storeId = 0;

private:
    QString hash(const QString& secret, bool pin)
    {
        QByteArray bytes = secret.toUtf8();
        SecretBytes s = SecretBytes::takeFrom(bytes);
        auto h = pin ? CredentialHash::hashPin(s, m_pepper, CheapHash)
                     : CredentialHash::hashPassword(s, CheapHash);
        check(h ? Status{} : Status(std::unexpected(h.error())), "hashing a credential");
        return h ? *h : QString();
    }
    static QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
    void exec(const char* sql, const QString& uuid)
    {
        auto q = m_db.query(sql);
        q->bind(1, uuid).bind(2, QStringLiteral("2026-01-01T00:00:00Z"));
        check(q->run(), sql);
    }
    static void check(const Status& s, const char* what)
    {
        if (!s)
            qFatal("test fixture failed %s: %s", what, qPrintable(s.error().message));
    }

    Database& m_db;
    QString m_registerId;
    SecretBytes m_pepper;
    int m_users = 0;
};

} // namespace pos::test
