// The owner's view across registers (AUD-7) against the real pos-syncd on loopback: a register
// enrolled through core's Enrolment pushes its audit log with the real SyncEngine; a second
// register (TestDevice) pushes a chain of its own in another store; on the first register the
// owner signs in to the server (POST /v1/session) and RemoteAuditSession lists both registers and
// fetches each chain page by page (GET /v1/audit), and RemoteAudit verifies each here with that
// register's key. A row changed in the server's database shows as a changed row; rows cut from
// the server's copy of the desktop's own log show as a cut-off tail; a manager is refused.

#include "../core/AuditTestLog.h"
#include "SyncdFixture.h"
#include "TestStaff.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/RegisterSettings.h"
#include "sync/Enrolment.h"
#include "sync/RemoteAuditSession.h"
#include "sync/SyncEngine.h"
#include "sync/SyncTimer.h"

#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QByteArray OwnerPassword = "owner's long password 1";
const QByteArray ManagerPassword = "manager's long password 2";

// Waits for an asynchronous answer (at most 30 s).
template <class T> T await(std::optional<T>& slot)
{
    if (!QTest::qWaitFor([&] { return slot.has_value(); }, 30000))
        qFatal("no answer within 30 s");
    T out = std::move(*slot);
    slot.reset();
    return out;
}

} // namespace

class tst_remoteaudit_e2e : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void ownerSeesEveryRegisterVerified();
    void rowChangedOnTheServerIsDamaged();
    void rowsCutFromTheServersCopyAreNamed();
    void wrongPasswordAndManagerAreRefused();

private:
    struct Checked {
        RemoteRegister reg;
        RemoteAuditVerdict verdict;
    };
    // Signs the owner in on the desktop and fetches and verifies every register.
    QList<Checked> checkAll();
    void superuserSql(const QByteArray& sql);

    std::unique_ptr<SyncdFixture> m_f;
    QString m_company;
    QString m_storeA;
    QString m_storeB;
    std::unique_ptr<TestStore> m_store;
    std::unique_ptr<TestStaff> m_staff;
    std::unique_ptr<AccessControl> m_access;
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    Session m_owner;
    std::unique_ptr<TestDevice> m_other;
    qint64 m_ownRows = 0;
};

void tst_remoteaudit_e2e::initTestCase()
{
    m_f = std::make_unique<SyncdFixture>();
    QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
    QVERIFY2(m_f->start(), qPrintable(m_f->error()));
    m_company = m_f->createCompany(QStringLiteral("Bakery Ltd"));
    m_storeA = m_f->createStore(m_company, QStringLiteral("Main Street"));
    m_storeB = m_f->createStore(m_company, QStringLiteral("Harbour"));
    QVERIFY2(!m_storeA.isEmpty() && !m_storeB.isEmpty(), qPrintable(m_f->error()));
    const auto users = m_f->adminAll(
        {{SyncdFixture::createUserArgs(m_company, QStringLiteral("7001"), QStringLiteral("owner")),
          OwnerPassword},
         {SyncdFixture::createUserArgs(m_company, QStringLiteral("7002"), QStringLiteral("manager"),
                                       {m_storeA}),
          ManagerPassword}});
    for (const auto& u : users)
        QVERIFY2(u.ok(), qPrintable(u.describe()));

    // The owner's desktop: a register with its own audit log (a checkpoint after row 20).
    m_store = std::make_unique<TestStore>();
    m_staff = std::make_unique<TestStaff>(m_store->db(), m_store->keys());
    m_access = std::make_unique<AccessControl>(m_store->db());
    const RegisterSettings settings{QStringLiteral("Main Street"), QStringLiteral("Office"),
                                    m_staff->registerId(), QStringLiteral("EUR")};
    QVERIFY(settings.save(m_store->db()));
    appendAuditRows(m_store->db(), 40, 20);
    m_owner = m_staff->signIn(Role::Owner, QStringLiteral("Olga Owner"));

    // Enrolled in store A with the sheet's code and pin, through core's Enrolment.
    const QString code = m_f->enrolCode(m_company, m_storeA);
    QVERIFY2(!code.isEmpty(), qPrintable(m_f->error()));
    SequentialIdSource ids;
    AuthService auth(m_store->db(), m_store->keys(), TestStaff::pepperKeyName(), m_clock, ids,
                     m_staff->registerId());
    Enrolment enrolment(m_store->db(), m_store->keys(), *m_access, auth, m_clock);
    QByteArray typed = code.toUtf8();
    std::optional<Result<EnrolmentOutcome>> enrolled;
    enrolment.start(m_owner,
                    EnrolmentRequest{m_f->baseUrl().toString(), SecretBytes::takeFrom(typed),
                                     m_f->certs().server().pin, QStringLiteral("Office")},
                    [&](Result<EnrolmentOutcome> r) { enrolled = std::move(r); });
    const auto outcome = await(enrolled);
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));

    // Its log goes to the server with the real engine.
    auto opener = SyncEngine::openerFor(m_store->db(), m_store->keys());
    QVERIFY(opener);
    SyncEngineOptions o;
    o.registerId = m_staff->registerId();
    o.openDatabase = *opener;
    o.keys = &m_store->keys();
    o.clock = &m_clock;
    o.timer = std::make_unique<ManualSyncTimer>();
    o.automatic = false;
    o.batchRecords = 16; // several batches
    SyncEngine engine(std::move(o));
    std::optional<SyncRunReport> run;
    connect(&engine, &SyncEngine::runFinished, this, [&](const SyncRunReport& r) { run = r; });
    engine.start();
    engine.syncNow();
    const SyncRunReport report = await(run);
    QVERIFY2(report.outcome == SyncRunReport::Outcome::Done, qPrintable(report.error));
    QCOMPARE(report.pendingAfter, 0);
    m_ownRows = m_store->db()
                    .scalar("SELECT count(*) FROM audit_log WHERE register_id = "
                            "'6f1c2a9e-0c4b-4d7e-9a61-3b2f5e8d7c10'")
                    .value_or(-1);
    QCOMPARE(m_ownRows, 42); // the genesis row, 40 more and sync.enrolled

    // Another register in store B with a chain of its own.
    m_other = m_f->enrolDevice(m_company, m_storeB, QStringLiteral("Harbour till"));
    QVERIFY2(m_other, qPrintable(m_f->error()));
    QJsonArray records;
    for (int i = 0; i < 12; ++i)
        records.append(m_other->nextAuditRecord());
    const auto pushed = m_other->push(records);
    QVERIFY2(pushed.status == 200, qPrintable(pushed.describe()));
}

void tst_remoteaudit_e2e::cleanupTestCase()
{
    m_other.reset();
    m_access.reset();
    m_staff.reset();
    m_store.reset();
    m_f.reset();
}

QList<tst_remoteaudit_e2e::Checked> tst_remoteaudit_e2e::checkAll()
{
    RemoteAuditSession remote(m_store->db(), m_store->keys(), *m_access, m_clock);
    remote.setPageSize(7); // several pages per register
    QByteArray typed = OwnerPassword;
    std::optional<Result<RemoteAuditUser>> signedIn;
    remote.signIn(m_owner, QStringLiteral("7001"), SecretBytes::takeFrom(typed),
                  [&](Result<RemoteAuditUser> u) { signedIn = std::move(u); });
    const auto user = await(signedIn);
    if (!user)
        qFatal("sign-in refused: %s", qPrintable(user.error().message));
    if (user->role != u"owner")
        qFatal("signed in as %s", qPrintable(user->role));

    std::optional<Result<QList<RemoteRegister>>> listed;
    remote.listRegisters([&](Result<QList<RemoteRegister>> l) { listed = std::move(l); });
    const auto registers = await(listed);
    if (!registers)
        qFatal("list refused: %s", qPrintable(registers.error().message));

    QList<Checked> out;
    for (const RemoteRegister& reg : *registers) {
        std::optional<Result<RemoteAuditChain>> fetched;
        qint64 pages = 0;
        remote.fetchChain(
            reg.registerId, [&](qint64, qint64) { ++pages; },
            [&](Result<RemoteAuditChain> c) { fetched = std::move(c); });
        const auto chain = await(fetched);
        if (!chain)
            qFatal("fetch refused: %s", qPrintable(chain.error().message));
        if (reg.rowCount > 7 && pages < 2)
            qFatal("one page for %lld rows", static_cast<long long>(reg.rowCount));
        auto expect = remote.expectationFor(reg.registerId);
        if (!expect)
            qFatal("%s", qPrintable(expect.error().message));
        auto verdict = RemoteAudit::verify(*chain, *expect);
        if (!verdict)
            qFatal("%s", qPrintable(verdict.error().message));
        out.append({reg, *verdict});
    }
    return out;
}

void tst_remoteaudit_e2e::superuserSql(const QByteArray& sql)
{
    server::PgConnection* su = m_f->cluster().superuser();
    QVERIFY(su);
    // What someone with the server's database could do: past the triggers that keep audit rows
    // from changing.
    auto done =
        su->execScript("BEGIN; SET LOCAL session_replication_role = replica; " + sql + "; COMMIT");
    QVERIFY2(done, done ? "" : qPrintable(done.error().message));
}

void tst_remoteaudit_e2e::ownerSeesEveryRegisterVerified()
{
    const QList<Checked> all = checkAll();
    QCOMPARE(all.size(), 2); // both stores' registers, the owner works in every store
    for (const Checked& c : all) {
        QVERIFY2(c.verdict.intact(),
                 qPrintable(c.verdict.chain.explanation + c.verdict.witnessProblem));
        if (c.reg.registerId == m_staff->registerId()) {
            QCOMPARE(c.reg.storeId, m_storeA);
            QCOMPARE(c.verdict.chain.rowsVerified, m_ownRows);
            QVERIFY(c.verdict.keyKnownHere); // checked against this register's own key
            QCOMPARE(c.verdict.chain.publicKey, m_store->db().auditLog()->publicKey());
            QVERIFY(c.verdict.witnessed >= 2); // "start" and the one after row 20, countersigned
            QCOMPARE(c.verdict.witnessRefused, 0);
        } else {
            QCOMPARE(c.reg.registerId, m_other->registerId());
            QCOMPARE(c.reg.storeId, m_storeB);
            QCOMPARE(c.reg.name, QStringLiteral("Harbour till"));
            QCOMPARE(c.verdict.chain.rowsVerified, 12);
            QVERIFY(!c.verdict.keyKnownHere);
            QCOMPARE(c.verdict.chain.publicKey, m_other->auditPublicKey());
        }
    }
}

void tst_remoteaudit_e2e::rowChangedOnTheServerIsDamaged()
{
    superuserSql("UPDATE pos.audit_rows SET after_json = '{\"note\":\"nothing to see\"}' "
                 "WHERE register_id = '" +
                 m_other->registerId().toLatin1() + "' AND seq = 5");
    const QList<Checked> all = checkAll();
    QCOMPARE(all.size(), 2);
    for (const Checked& c : all) {
        if (c.reg.registerId != m_other->registerId()) {
            QVERIFY(c.verdict.intact()); // the other register is untouched
            continue;
        }
        QVERIFY(!c.verdict.intact());
        QCOMPARE(c.verdict.chain.damage, AuditDamage::ChangedRow);
        QCOMPARE(c.verdict.chain.badSeq, 5);
        QCOMPARE(c.verdict.chain.rowsVerified, 5);
        QVERIFY2(c.verdict.chain.explanation.contains(QStringLiteral("Row 5 was changed")),
                 qPrintable(c.verdict.chain.explanation));
    }
}

void tst_remoteaudit_e2e::rowsCutFromTheServersCopyAreNamed()
{
    // The last three rows of the desktop's own log gone from the server, its head made to fit:
    // the server's answers agree with each other, but it had confirmed storing all 42 rows.
    const QByteArray reg = m_staff->registerId().toLatin1();
    superuserSql("DELETE FROM pos.audit_rows WHERE register_id = '" + reg + "' AND seq >= 38; " +
                 "UPDATE pos.audit_heads SET row_count = 38, head_hash = (SELECT hash FROM "
                 "pos.audit_rows WHERE register_id = '" +
                 reg + "' AND seq = 37) WHERE register_id = '" + reg + "'");
    const QList<Checked> all = checkAll();
    bool seen = false;
    for (const Checked& c : all) {
        if (c.reg.registerId != m_staff->registerId())
            continue;
        seen = true;
        QCOMPARE(c.reg.rowCount, 38);
        QCOMPARE(c.verdict.chain.damage, AuditDamage::CutOffTail);
        QCOMPARE(c.verdict.chain.badSeq, 38);
        QVERIFY2(c.verdict.chain.explanation.contains(QStringLiteral("confirmed")),
                 qPrintable(c.verdict.chain.explanation));
    }
    QVERIFY(seen);
}

void tst_remoteaudit_e2e::wrongPasswordAndManagerAreRefused()
{
    RemoteAuditSession remote(m_store->db(), m_store->keys(), *m_access, m_clock);
    QByteArray wrong = "not the password";
    std::optional<Result<RemoteAuditUser>> signedIn;
    remote.signIn(m_owner, QStringLiteral("7001"), SecretBytes::takeFrom(wrong),
                  [&](Result<RemoteAuditUser> u) { signedIn = std::move(u); });
    auto refused = await(signedIn);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Unauthenticated);
    QVERIFY2(refused.error().message.contains(QStringLiteral("user code or password")),
             qPrintable(refused.error().message));
    QVERIFY(!remote.signedIn());

    // A manager may sign in on the register but not read the audit log.
    QByteArray typed = ManagerPassword;
    remote.signIn(m_owner, QStringLiteral("7002"), SecretBytes::takeFrom(typed),
                  [&](Result<RemoteAuditUser> u) { signedIn = std::move(u); });
    auto manager = await(signedIn);
    QVERIFY2(manager, manager ? "" : qPrintable(manager.error().message));
    QCOMPARE(manager->role, QStringLiteral("manager"));
    std::optional<Result<QList<RemoteRegister>>> listed;
    remote.listRegisters([&](Result<QList<RemoteRegister>> l) { listed = std::move(l); });
    auto list = await(listed);
    QVERIFY(!list);
    QCOMPARE(list.error().code, ErrorCode::PermissionDenied);
    QVERIFY2(list.error().message.contains(QStringLiteral("owners and auditors")),
             qPrintable(list.error().message));
}

QTEST_GUILESS_MAIN(tst_remoteaudit_e2e)
#include "tst_remoteaudit_e2e.moc"
