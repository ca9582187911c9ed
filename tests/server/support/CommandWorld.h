#pragma once

// The world of the session and command tests (tst_sessions, tst_commands): a real pos-syncd
// (SyncdFixture) with two companies.
//   "Corner Shops": stores High Street (m_s1) and Station (m_s2); its owner (user code 10, made
//   by the admin command, so hashed as the policy says); made by the owner's user.create with
//   cheap hashes: a manager of High Street (20), a district manager of both stores (30), an
//   auditor of High Street (40) and a manager kept for the lockout test (50); registers Till 1
//   (m_d1, High Street) and Till 2 (m_d2, Station); session tokens of 10, 20, 30 and 40.
//   "Other Co": its own owner (10) and register (m_other).
// Every password is WorldPassword. A test class derives from it (after QObject) and calls
// setUpWorld() in initTestCase and tearDownWorld() in cleanupTestCase.

#include "SyncdFixture.h"
#include "auth/CredentialHash.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pos::test {

inline const QByteArray WorldPassword = QByteArrayLiteral("correct horse battery 7");

class CommandWorld {
protected:
    struct Users {
        QString owner, manager, district, auditor, locked;
    };

    // Empty when the world stands, else what went wrong.
    QString setUpWorld()
    {
        m_f = std::make_unique<SyncdFixture>();
        if (!m_f->ok() || !m_f->start())
            return m_f->error();
        m_company = m_f->createCompany(QStringLiteral("Corner Shops"));
        m_s1 = m_f->createStore(m_company, QStringLiteral("High Street"));
        m_s2 = m_f->createStore(m_company, QStringLiteral("Station"));
        m_otherCompany = m_f->createCompany(QStringLiteral("Other Co"));
        const QString otherStore = m_f->createStore(m_otherCompany, QStringLiteral("Elsewhere"));
        if (m_s2.isEmpty() || otherStore.isEmpty())
            return m_f->error();
        // The owners by the admin command (its password hash costs what the policy says).
        m_users.owner = m_f->createUser(m_company, QStringLiteral("10"), QStringLiteral("owner"),
                                        WorldPassword);
        if (m_users.owner.isEmpty() || m_f->createUser(m_otherCompany, QStringLiteral("10"),
                                                       QStringLiteral("owner"), WorldPassword)
                                           .isEmpty())
            return QStringLiteral("owners: ") + m_f->error();
        m_d1 = m_f->enrolDevice(m_company, m_s1, QStringLiteral("Till 1"));
        m_d2 = m_f->enrolDevice(m_company, m_s2, QStringLiteral("Till 2"));
        m_other = m_f->enrolDevice(m_otherCompany, otherStore, QStringLiteral("Their till"));
        if (!m_d1 || !m_d2 || !m_other)
            return QStringLiteral("registers: ") + m_f->error();
        m_owner = signIn(*m_d1, QStringLiteral("10"));
        if (m_owner.isEmpty())
            return QStringLiteral("the owner cannot sign in");
        // Everyone else by the owner's user.create, with password hashes made on the desktop
        // (cheap parameters here, so the many sign-ins stay quick).
        auto hash = CredentialHash::hashPassword(
            [] {
                QByteArray copy = WorldPassword;
                return SecretBytes::takeFrom(copy);
            }(),
            Scrypt::Params{1u << 10, 8, 1});
        if (!hash)
            return QStringLiteral("no password hash");
        const auto user = [&](const char* code, const char* role, const QStringList& stores) {
            const QString id = newUuid();
            QJsonArray storeIds;
            for (const QString& st : stores)
                storeIds.append(st);
            const ApiReply r = command(m_owner, QStringLiteral("user.create"), id, 0,
                                       {{QStringLiteral("code"), QString::fromLatin1(code)},
                                        {QStringLiteral("name"), QString::fromLatin1(code)},
                                        {QStringLiteral("role"), QString::fromLatin1(role)},
                                        {QStringLiteral("store_ids"), storeIds},
                                        {QStringLiteral("password_hash"), *hash}});
            if (r.status != 200)
                qWarning("user.create: %s", qPrintable(r.describe()));
            return r.status == 200 ? id : QString();
        };
        m_users.manager = user("20", "manager", {m_s1});
        m_users.district = user("30", "manager", {m_s1, m_s2});
        m_users.auditor = user("40", "auditor", {m_s1});
        m_users.locked = user("50", "manager", {m_s1});
        if (m_users.locked.isEmpty())
            return QStringLiteral("users could not be made");
        m_manager = signIn(*m_d1, QStringLiteral("20"));
        m_district = signIn(*m_d2, QStringLiteral("30"));
        m_auditor = signIn(*m_d1, QStringLiteral("40"));
        if (m_manager.isEmpty() || m_district.isEmpty() || m_auditor.isEmpty())
            return QStringLiteral("users cannot sign in");
        return {};
    }

    void tearDownWorld()
    {
        m_d1.reset();
        m_d2.reset();
        m_other.reset();
        m_f.reset();
    }

    // A session token of `code` at `device`, or empty (with a warning saying why).
    QByteArray signIn(TestDevice& device, const QString& code)
    {
        const ApiReply r = device.signIn(code, QString::fromLatin1(WorldPassword));
        device.signOut(); // tokens are passed per request
        if (r.status != 200) {
            qWarning("sign-in of %s: %s", qPrintable(code), qPrintable(r.describe()));
            return {};
        }
        return r.body.value(QStringLiteral("token")).toString().toLatin1();
    }

    // POST /v1/commands with `token`, from `device` (default: Till 2 for the district manager's
    // token, else Till 1).
    ApiReply command(const QByteArray& token, const QString& kind, const QString& id, qint64 base,
                     const QJsonObject& data, const QString& commandId = newUuid(),
                     TestDevice* device = nullptr)
    {
        const QJsonObject body{{QStringLiteral("command_id"), commandId},
                               {QStringLiteral("kind"), kind},
                               {QStringLiteral("id"), id},
                               {QStringLiteral("base_version"), base},
                               {QStringLiteral("data"), data}};
        TestDevice& d = device ? *device : (token == m_district ? *m_d2 : *m_d1);
        return d.post("/v1/commands", body, RequestTamper().withSession(token));
    }

    // One number as the superuser, -1 when there is none.
    qint64 scalar(const QByteArray& sql, const QList<QByteArray>& params = {})
    {
        auto r = m_f->cluster().superuser()->exec(sql, params);
        return r && r->rows() == 1 && !r->isNull(0, 0) ? r->integer(0, 0) : -1;
    }

    // Tables whose row count changed since `before`, besides request_nonces (every signed
    // request spends one).
    QStringList changedBesideNonces(const QMap<QString, qint64>& before)
    {
        QStringList out = SyncdFixture::changedTables(before, m_f->rowCounts());
        out.removeIf([](const QString& line) { return line.startsWith(u"request_nonces:"); });
        return out;
    }

    std::unique_ptr<SyncdFixture> m_f;
    QString m_company, m_s1, m_s2, m_otherCompany;
    Users m_users;
    std::unique_ptr<TestDevice> m_d1, m_d2, m_other;
    QByteArray m_owner, m_manager, m_district, m_auditor;
};

} // namespace pos::test
