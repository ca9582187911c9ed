// POST /v1/session against the real pos-syncd over TLS 1.3 on loopback and a throw-away
// PostgreSQL (CommandWorld): users sign in at an enrolled register and get a token for their
// stores; wrong secrets are refused alike and write nothing; failures lock a user code (AUTH-3 on
// the server), also against guesses sent at once; a deactivated user loses the session. What the
// server stored is read back as the superuser.

#include "CommandWorld.h"

#include <QNetworkReply>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QByteArray& Password = WorldPassword;

} // namespace

class tst_sessions : public QObject, private CommandWorld {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void signInGivesATokenForTheUsersStores();
    void wrongSecretsAreRefusedAlikeAndWriteNothing();
    void repeatedFailuresLockTheUserCode();
    void aUserCodeIsCheckedOneSignInAtATime();
    void deactivatedUserLosesTheSession();
    void theServerLogHoldsNoSecret();
};

void tst_sessions::initTestCase()
{
    const QString problem = setUpWorld();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_sessions::cleanupTestCase()
{
    tearDownWorld();
}

void tst_sessions::signInGivesATokenForTheUsersStores()
{
    ApiReply r = m_d2->signIn(QStringLiteral("10"), QString::fromLatin1(Password));
    m_d2->signOut();
    QCOMPARE(r.status, 200);
    const QString token = r.body.value(QStringLiteral("token")).toString();
    QCOMPARE(token.size(), 43); // 32 bytes, base64url without padding
    QCOMPARE(r.body.value(QStringLiteral("role")).toString(), QStringLiteral("owner"));
    QCOMPARE(r.body.value(QStringLiteral("user_id")).toString(), m_users.owner);
    QStringList stores;
    for (const QJsonValue& s : r.body.value(QStringLiteral("store_ids")).toArray())
        stores.append(s.toString());
    stores.sort();
    QStringList expected{m_s1, m_s2};
    expected.sort();
    QCOMPARE(stores, expected); // an owner: every store of the company
    const QDateTime expires =
        QDateTime::fromString(r.body.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 12 * 3600) < 120);
    // Only the token's hash is stored, bound to this register.
    QCOMPARE(scalar("SELECT count(*) FROM pos.user_tokens WHERE token_hash = $1::bytea AND "
                    "device_id = $2::uuid",
                    {"\\x" + sha256(token.toLatin1()).toHex(), m_d2->registerId().toUtf8()}),
             1);

    // A manager of the High Street store only may not start a session at the Station's till.
    r = m_d2->signIn(QStringLiteral("20"), QString::fromLatin1(Password));
    m_d2->signOut();
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
}

void tst_sessions::wrongSecretsAreRefusedAlikeAndWriteNothing()
{
    const auto before = m_f->rowCounts();
    const ApiReply wrong = m_d1->signIn(QStringLiteral("30"), QStringLiteral("not the password"));
    const ApiReply unknown = m_d1->signIn(QStringLiteral("99"), QString::fromLatin1(Password));
    m_d1->signOut();
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("unauthenticated"));
    QCOMPARE(wrong.raw, unknown.raw); // nothing tells an unknown code from a wrong password
    QVERIFY(!wrong.raw.contains("not the password"));
    const ApiReply malformed =
        m_d1->post("/v1/session", {{QStringLiteral("user_code"), QStringLiteral("x")}});
    QCOMPARE(malformed.status, 400);
    QCOMPARE(changedBesideNonces(before), QStringList());
}

void tst_sessions::repeatedFailuresLockTheUserCode()
{
    // AUTH-3 on the server: the fifth failure in a row locks the code for a while, and then
    // even the right password waits.
    QList<int> statuses;
    for (int i = 0; i < 5; ++i)
        statuses.append(
            m_d1->signIn(QStringLiteral("50"), QStringLiteral("wrong guess %1").arg(i)).status);
    QCOMPARE(statuses, (QList<int>{401, 401, 401, 401, 429}));
    const ApiReply right = m_d1->signIn(QStringLiteral("50"), QString::fromLatin1(Password));
    m_d1->signOut();
    QCOMPARE(right.status, 429);
    QCOMPARE(right.errorCode(), QStringLiteral("locked"));
    QVERIFY2(right.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QStringLiteral("seconds")),
             qPrintable(right.describe()));
    // Another user code is not held up by it.
    QVERIFY(!signIn(*m_d1, QStringLiteral("40")).isEmpty());
}

void tst_sessions::aUserCodeIsCheckedOneSignInAtATime()
{
    // pos-syncd carries requests out on several threads. Guesses sent all at once must not all be
    // checked before the first failure counts: while one sign-in for a user code is being
    // checked, another for the same code is refused without being checked.
    auto lock = m_f->directSql();
    QVERIFY2(lock, qPrintable(lock ? QString() : lock.error().message));
    QVERIFY(lock->begin());
    QVERIFY(lock->exec("LOCK TABLE pos.users IN ACCESS EXCLUSIVE MODE"));
    const auto waiting = [&] {
        // pos-syncd's backends only (autovacuum never waits for a lock).
        auto n = lock->exec("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                            "WHERE NOT l.granted AND l.relation = 'pos.users'::regclass AND "
                            "a.usename = $1",
                            {m_f->appLogin().toUtf8()});
        return n ? n->integer(0, 0) : -1;
    };
    const QByteArray rightOne =
        QJsonDocument(QJsonObject{{QStringLiteral("user_code"), QStringLiteral("40")},
                                  {QStringLiteral("password"), QString::fromLatin1(Password)}})
            .toJson(QJsonDocument::Compact);
    QNetworkReply* first = m_d1->start("POST", "/v1/session", rightOne);
    QTRY_COMPARE_WITH_TIMEOUT(waiting(), qint64(1), 15000); // held up reading pos.users

    const ApiReply guess = m_d1->signIn(QStringLiteral("40"), QStringLiteral("a parallel guess"));
    QCOMPARE(guess.status, 429);
    QCOMPARE(guess.errorCode(), QStringLiteral("locked"));
    QVERIFY2(guess.raw.contains("already being checked"), qPrintable(guess.describe()));
    QVERIFY(!first->isFinished());

    QVERIFY(lock->rollback());
    const ApiReply signedIn = finishHttps(first);
    QVERIFY2(signedIn.status == 200, qPrintable(signedIn.describe()));
    // The refused guess was not counted as a failure: the right password still works.
    QVERIFY(!signIn(*m_d1, QStringLiteral("40")).isEmpty());
    m_d1->signOut();
}

void tst_sessions::deactivatedUserLosesTheSession()
{
    const QByteArray token = signIn(*m_d1, QStringLiteral("20"));
    QVERIFY(!token.isEmpty());
    ApiReply r = command(m_owner, QStringLiteral("user.update"), m_users.manager, 1,
                         {{QStringLiteral("active"), false}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
    r = command(token, QStringLiteral("category.create"), newUuid(), 0,
                {{QStringLiteral("name"), QStringLiteral("Snacks")}});
    QCOMPARE(r.status, 401);
    QCOMPARE(scalar("SELECT count(*) FROM pos.user_tokens WHERE user_id = $1::uuid",
                    {m_users.manager.toUtf8()}),
             0);
    r = m_d1->signIn(QStringLiteral("20"), QString::fromLatin1(Password));
    m_d1->signOut();
    QCOMPARE(r.status, 403);
    r = command(m_owner, QStringLiteral("user.update"), m_users.manager, 2,
                {{QStringLiteral("active"), true}});
    QCOMPARE(r.status, 200);
    m_manager = signIn(*m_d1, QStringLiteral("20"));
    QVERIFY(!m_manager.isEmpty());
}

void tst_sessions::theServerLogHoldsNoSecret()
{
    // Every sign-in above is in the server's log by ids only: no password (right or wrong), no
    // token, no credential hash.
    const QString log = m_f->serverLog();
    QVERIFY(log.contains(QStringLiteral("pos.syncd.session")));
    for (const QString& secret : {QString::fromLatin1(Password), QStringLiteral("not the password"),
                                  QStringLiteral("wrong guess"), QStringLiteral("a parallel guess"),
                                  QString::fromLatin1(m_owner), QString::fromLatin1(m_manager),
                                  QString::fromLatin1(m_district), QString::fromLatin1(m_auditor),
                                  QStringLiteral("$scrypt")})
        QVERIFY2(!log.contains(secret), qPrintable(secret.left(12)));
}

QTEST_GUILESS_MAIN(tst_sessions)
#include "tst_sessions.moc"
