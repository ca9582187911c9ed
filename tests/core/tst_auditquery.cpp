// AuditQuery, the audit viewer's core: filters by time, actor, action, entity (exact or prefix)
// and register give exactly the rows a plain reading of the table gives; keyset pages in both
// orders and offset windows neither miss nor repeat a row, also across rows written in the same
// millisecond; counts match; rows carry the names of actor and approver; the filter lists hold
// each distinct value once; only audit.view (owners, auditors) may read any of it. The rows are
// written through the real AuditLog (two registers' chains, a manual clock).
#include "RoleTable.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditQuery.h"
#include "staff/AccessControl.h"

#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <memory>
#include <set>

using namespace pos;

namespace {

const QString Till2 = QStringLiteral("b7e0c4d2-5a1f-4c3e-8d9b-2f6a1e0c9d42");
// Ten years on: the genesis row the test store started with (real time) is the oldest row.
const QDateTime Base(QDate(2036, 11, 21), QTime(8, 0), QTimeZone::utc());

// One row as read straight from the table, for the expected answers.
struct Plain {
    AuditKey key;
    QString actor, approver, action, entity;
};

QList<Plain> everyRow(Database& db)
{
    QList<Plain> out;
    auto q = db.query("SELECT at, register_id, seq, actor, approver, action, entity "
                      "FROM audit_log");
    auto ok = q->forEach([&] {
        out.append({{q->text(0), q->text(1), q->int64(2)},
                    q->text(3),
                    q->text(4),
                    q->text(5),
                    q->text(6)});
    });
    if (!ok)
        qFatal("reading the audit log: %s", qPrintable(ok.error().message));
    return out;
}

bool before(const AuditKey& a, const AuditKey& b)
{
    if (a.at != b.at)
        return a.at < b.at;
    if (a.registerId != b.registerId)
        return a.registerId < b.registerId;
    return a.seq < b.seq;
}

bool matches(const Plain& r, const AuditFilter& f)
{
    const QString from = f.from.isValid() ? auditformat::timestamp(f.from.toUTC()) : QString();
    const QString to = f.to.isValid() ? auditformat::timestamp(f.to.toUTC()) : QString();
    if (!from.isEmpty() && r.key.at < from)
        return false;
    if (!to.isEmpty() && !(r.key.at < to))
        return false;
    if (f.actorId && r.actor != (*f.actorId ? QString::number(*f.actorId) : QString()))
        return false;
    if (!f.action.isEmpty() && r.action != f.action)
        return false;
    if (!f.entity.isEmpty()) {
        if (f.entityMatch == AuditFilter::EntityMatch::Exact ? r.entity != f.entity
                                                             : !r.entity.startsWith(f.entity))
            return false;
    }
    if (!f.registerId.isEmpty() && r.key.registerId != f.registerId)
        return false;
    return true;
}

QList<AuditKey> expected(const QList<Plain>& all, const AuditFilter& f, AuditOrder order)
{
    QList<AuditKey> out;
    for (const Plain& r : all)
        if (matches(r, f))
            out.append(r.key);
    std::sort(out.begin(), out.end(), before);
    if (order == AuditOrder::NewestFirst)
        std::reverse(out.begin(), out.end());
    return out;
}

QList<AuditKey> keys(const QList<AuditListRow>& rows)
{
    QList<AuditKey> out;
    for (const AuditListRow& r : rows)
        out.append(r.key());
    return out;
}

QString show(const AuditKey& k)
{
    return QStringLiteral("%1 %2 #%3").arg(k.at, k.registerId.left(4)).arg(k.seq);
}

} // namespace

Q_DECLARE_METATYPE(AuditFilter)
Q_DECLARE_METATYPE(AuditOrder)

// A store with staff and two registers' audit chains.
struct AuditFixture {
    test::TestStore store;
    test::TestStaff staff{store.db(), store.keys()};
    AccessControl access{store.db()};
    AuditQuery query{store.db(), access};
    ManualClock clock{Base};

    Database& db() { return store.db(); }
    Session signIn(Role role) { return staff.signIn(role); }
    void endSession(const Session& s) { staff.endSession(s); }

    // Writes rows through register registerId's own log, in transactions of `perTransaction`
    // rows that share one timestamp.
    void write(const QString& registerId, const QList<AuditEntry>& entries, int perTransaction)
    {
        auto log = AuditLog::open(store.db(), store.keys(), registerId, clock);
        if (!log)
            qFatal("opening the audit log: %s", qPrintable(log.error().message));
        store.db().attachAuditLog(std::move(*log));
        for (qsizetype i = 0; i < entries.size(); i += perTransaction) {
            auto tx = Transaction::begin(store.db());
            for (qsizetype j = i; j < std::min(entries.size(), i + perTransaction); ++j)
                if (auto s = audit::record(store.db(), entries[j]); !s)
                    qFatal("writing an audit row: %s", qPrintable(s.error().message));
            if (auto s = tx->commit(); !s)
                qFatal("committing audit rows: %s", qPrintable(s.error().message));
            clock.advanceSecs(17);
        }
    }
};

class TestAuditQuery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void filtersGiveExactlyTheMatchingRows_data();
    void filtersGiveExactlyTheMatchingRows();
    void pagesNeitherMissNorRepeat_data();
    void pagesNeitherMissNorRepeat();
    void windowsByOffset();
    void rowsCarryNamesAndFields();
    void filterLists();
    void badRequestsRefused();
    void verificationPlanNamesThisRegistersKey();
    void verifyChecksEveryChainOnItsOwnConnection();
    void roles_data();
    void roles();

private:
    static const test::RoleTable<AuditFixture>& table();
    std::unique_ptr<AuditFixture> m_f;
    QList<Plain> m_all;
    Session m_owner, m_auditor;
    qint64 m_anna = 0, m_maria = 0, m_olaf = 0;
};

void TestAuditQuery::initTestCase()
{
    m_f = std::make_unique<AuditFixture>();
    test::TestStaff& staff = m_f->staff;
    m_anna = staff.addUser(Role::Cashier, QStringLiteral("Anna Cashier"));
    m_maria = staff.addUser(Role::Manager, QStringLiteral("Maria Manager"));
    m_olaf = staff.addUser(Role::Owner, QStringLiteral("Olaf Owner"));
    m_owner = staff.sessionFor(m_olaf);
    m_auditor = staff.signIn(Role::Auditor, QStringLiteral("Udo Auditor"));

    // 1,300 rows on this register (three per transaction, so three per millisecond) and 400 on a
    // second one (one per transaction), their times interleaved with the first's.
    const QStringList actions = {QStringLiteral("sale.complete"), QStringLiteral("line.void"),
                                 QStringLiteral("auth.sign_in_failed"),
                                 QStringLiteral("staff.pin_reset")};
    QList<AuditEntry> entries;
    for (int i = 0; i < 1300; ++i) {
        AuditEntry e;
        const int kind = i % 4;
        e.action = actions[kind];
        e.actorId = i % 13 == 0 ? 0 : (kind == 0 ? m_anna : kind == 3 ? m_olaf : m_maria);
        e.approverId = kind == 1 ? m_maria : 0;
        e.entity =
            kind == 3 ? audit::entity("user", (i / 4) % 12)
            : kind == 2
                ? audit::entity("product", QStringLiteral("Käse-%1").arg(i % 5))
                : audit::entity("sale", QStringLiteral("s%1").arg(i, 4, 10, QLatin1Char('0')));
        e.before = QJsonObject{{QStringLiteral("n"), i}};
        e.after = QJsonObject{{QStringLiteral("n"), i + 1}};
        entries.append(e);
    }
    m_f->write(test::TestStore::AuditRegisterId, entries, 3);
    m_f->clock.set(Base.addSecs(5));
    entries.resize(400);
    m_f->write(Till2, entries, 1);
    m_all = everyRow(m_f->db());
    QCOMPARE(m_all.size(), 1 + 1300 + 1 + 400); // with both genesis rows
}

void TestAuditQuery::cleanupTestCase()
{
    m_f.reset();
}

void TestAuditQuery::filtersGiveExactlyTheMatchingRows_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<int>("atLeast"); // a filter that matches nothing would prove nothing
    auto f = [](auto&& set) {
        AuditFilter filter;
        set(filter);
        return filter;
    };
    QTest::newRow("everything") << AuditFilter{} << 1700;
    QTest::newRow("time range") << f([](AuditFilter& x) {
        x.from = Base.addSecs(600);
        x.to = Base.addSecs(3600);
    }) << 100;
    QTest::newRow("from only") << f([](AuditFilter& x) { x.from = Base.addSecs(7000); }) << 50;
    QTest::newRow("to only") << f([](AuditFilter& x) { x.to = Base.addSecs(900); }) << 50;
    QTest::newRow("local times") << f([](AuditFilter& x) {
        x.from = Base.addSecs(600).toTimeZone(QTimeZone("Europe/Berlin"));
        x.to = Base.addSecs(1200).toTimeZone(QTimeZone("Europe/Berlin"));
    }) << 50;
    QTest::newRow("actor") << f([this](AuditFilter& x) { x.actorId = m_maria; }) << 500;
    QTest::newRow("the register itself") << f([](AuditFilter& x) { x.actorId = 0; }) << 100;
    QTest::newRow("action") << f([](AuditFilter& x) { x.action = QStringLiteral("line.void"); })
                            << 400;
    QTest::newRow("exact entity") << f([](AuditFilter& x) {
        x.entity = QStringLiteral("user:1");
        x.entityMatch = AuditFilter::EntityMatch::Exact;
    }) << 30;
    QTest::newRow("entity prefix (user:1, user:10, user:11)")
        << f([](AuditFilter& x) { x.entity = QStringLiteral("user:1"); }) << 80;
    QTest::newRow("entity kind") << f([](AuditFilter& x) { x.entity = QStringLiteral("sale:"); })
                                 << 600;
    QTest::newRow("entity prefix beyond ASCII")
        << f([](AuditFilter& x) { x.entity = QStringLiteral("product:Käse-3"); }) << 30;
    QTest::newRow("register") << f([](AuditFilter& x) { x.registerId = Till2; }) << 401;
    QTest::newRow("all at once") << f([this](AuditFilter& x) {
        x.from = Base.addSecs(100);
        x.to = Base.addSecs(6000);
        x.actorId = m_olaf;
        x.action = QStringLiteral("staff.pin_reset");
        x.entity = QStringLiteral("user:");
        x.registerId = test::TestStore::AuditRegisterId;
    }) << 10;
    QTest::newRow("nothing matches")
        << f([](AuditFilter& x) { x.action = QStringLiteral("no.such_action"); }) << 0;
}

void TestAuditQuery::filtersGiveExactlyTheMatchingRows()
{
    QFETCH(AuditFilter, filter);
    QFETCH(int, atLeast);
    const QList<AuditKey> want = expected(m_all, filter, AuditOrder::NewestFirst);
    QVERIFY2(want.size() >= atLeast, qPrintable(QString::number(want.size())));
    for (const Session& s : {m_owner, m_auditor}) {
        auto rows = m_f->query.window(s, filter, AuditOrder::NewestFirst, 0, AuditQuery::MaxPage);
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
        QCOMPARE(keys(*rows), want.first(std::min<qsizetype>(want.size(), AuditQuery::MaxPage)));
        auto count = m_f->query.count(s, filter);
        QVERIFY(count);
        QCOMPARE(*count, want.size());
    }
}

void TestAuditQuery::pagesNeitherMissNorRepeat_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<AuditOrder>("order");
    QTest::addColumn<int>("pageSize");
    AuditFilter action;
    action.action = QStringLiteral("sale.complete");
    AuditFilter prefix;
    prefix.entity = QStringLiteral("user:1");
    AuditFilter range;
    range.from = Base.addSecs(1000);
    range.to = Base.addSecs(5000);
    // Page sizes that split the three rows of one millisecond across pages.
    QTest::newRow("newest first, 200") << AuditFilter{} << AuditOrder::NewestFirst << 200;
    QTest::newRow("newest first, 7") << AuditFilter{} << AuditOrder::NewestFirst << 7;
    QTest::newRow("oldest first, 7") << AuditFilter{} << AuditOrder::OldestFirst << 7;
    QTest::newRow("oldest first, 1") << range << AuditOrder::OldestFirst << 1;
    QTest::newRow("action, newest first, 10") << action << AuditOrder::NewestFirst << 10;
    QTest::newRow("action, oldest first, 11") << action << AuditOrder::OldestFirst << 11;
    QTest::newRow("entity prefix, 4") << prefix << AuditOrder::NewestFirst << 4;
}

void TestAuditQuery::pagesNeitherMissNorRepeat()
{
    QFETCH(AuditFilter, filter);
    QFETCH(AuditOrder, order);
    QFETCH(int, pageSize);
    const QList<AuditKey> want = expected(m_all, filter, order);
    QList<AuditKey> got;
    AuditPageRequest request{order, std::nullopt, pageSize};
    for (int pages = 0;; ++pages) {
        QVERIFY2(pages <= want.size() / pageSize + 1, "more pages than rows");
        auto page = m_f->query.page(m_auditor, filter, request);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QVERIFY(page->size() <= pageSize);
        got += keys(*page);
        if (page->size() < pageSize)
            break;
        request.after = page->last().key();
    }
    QCOMPARE(got.size(), want.size());
    for (qsizetype i = 0; i < want.size(); ++i)
        QVERIFY2(
            got[i] == want[i],
            qPrintable(
                QStringLiteral("at %1: %2 instead of %3").arg(i).arg(show(got[i]), show(want[i]))));
}

void TestAuditQuery::windowsByOffset()
{
    AuditFilter filter;
    filter.registerId = test::TestStore::AuditRegisterId;
    const QList<AuditKey> want = expected(m_all, filter, AuditOrder::OldestFirst);
    QList<AuditKey> got;
    for (qint64 offset = 0; offset < want.size(); offset += 250) {
        auto rows = m_f->query.window(m_owner, filter, AuditOrder::OldestFirst, offset, 250);
        QVERIFY(rows);
        got += keys(*rows);
    }
    QCOMPARE(got, want);
    QCOMPARE(got.first().seq, 0);
    QCOMPARE(got.last().seq, 1300);
    auto past = m_f->query.window(m_owner, filter, AuditOrder::OldestFirst, want.size(), 10);
    QVERIFY(past);
    QVERIFY(past->isEmpty());
}

void TestAuditQuery::rowsCarryNamesAndFields()
{
    AuditFilter filter;
    filter.action = QStringLiteral("line.void");
    filter.registerId = test::TestStore::AuditRegisterId;
    auto rows = m_f->query.page(m_owner, filter, {AuditOrder::OldestFirst, std::nullopt, 2});
    QVERIFY(rows);
    QCOMPARE(rows->size(), 2);
    const AuditListRow& first = rows->first(); // entry 1: Maria voids, Maria approves
    QCOMPARE(first.row.seq, 2);
    QCOMPARE(first.row.actor, QString::number(m_maria));
    QCOMPARE(first.actorName, QStringLiteral("Maria Manager"));
    QCOMPARE(first.row.approver, QString::number(m_maria));
    QCOMPARE(first.approverName, QStringLiteral("Maria Manager"));
    QCOMPARE(first.row.entity, QStringLiteral("sale:s0001"));
    QCOMPARE(first.row.before, QStringLiteral("{\"n\":1}"));
    QCOMPARE(first.row.after, QStringLiteral("{\"n\":2}"));
    QCOMPARE(first.row.hash.size(), 32);
    QCOMPARE(first.row.signature.size(), 64);
    QCOMPARE(first.row.hash, auditformat::rowHash(first.row)); // every hashed field came back

    AuditFilter self;
    self.actorId = 0;
    self.action = QStringLiteral("sale.complete");
    auto own = m_f->query.page(m_owner, self, {AuditOrder::OldestFirst, std::nullopt, 1});
    QVERIFY(own);
    QCOMPARE(own->size(), 1);
    QVERIFY(own->first().row.actor.isEmpty());
    QVERIFY(own->first().actorName.isEmpty());
    QVERIFY(own->first().approverName.isEmpty());
}

void TestAuditQuery::filterLists()
{
    auto actions = m_f->query.actions(m_auditor);
    QVERIFY(actions);
    QCOMPARE(*actions,
             (QStringList{QStringLiteral("audit.genesis"), QStringLiteral("auth.sign_in_failed"),
                          QStringLiteral("line.void"), QStringLiteral("sale.complete"),
                          QStringLiteral("staff.pin_reset")}));
    auto actors = m_f->query.actors(m_auditor);
    QVERIFY(actors);
    QList<std::pair<qint64, QString>> got;
    for (const AuditActor& a : *actors)
        got.append({a.userId, a.name});
    QCOMPARE(got, (QList<std::pair<qint64, QString>>{{0, QString()},
                                                     {m_anna, QStringLiteral("Anna Cashier")},
                                                     {m_maria, QStringLiteral("Maria Manager")},
                                                     {m_olaf, QStringLiteral("Olaf Owner")}}));
    auto registers = m_f->query.registers(m_auditor);
    QVERIFY(registers);
    QCOMPARE(registers->size(), 2);
    std::set<QString> ids;
    for (const AuditRegister& r : *registers) {
        ids.insert(r.id);
        // TestStaff's register is in the registers table; the second one is not.
        QCOMPARE(r.name,
                 r.id == test::TestStore::AuditRegisterId ? QStringLiteral("Till 1") : QString());
    }
    QCOMPARE(ids, (std::set<QString>{test::TestStore::AuditRegisterId, Till2}));
}

void TestAuditQuery::badRequestsRefused()
{
    AuditFilter backwards;
    backwards.from = Base.addSecs(100);
    backwards.to = Base;
    auto r1 = m_f->query.page(m_owner, backwards, {});
    QVERIFY(!r1);
    QCOMPARE(r1.error().code, ErrorCode::InvalidInput);
    auto r2 = m_f->query.count(m_owner, backwards);
    QVERIFY(!r2);
    QCOMPARE(r2.error().code, ErrorCode::InvalidInput);
    for (int limit : {0, -1, AuditQuery::MaxPage + 1}) {
        auto r = m_f->query.page(m_owner, {}, {AuditOrder::NewestFirst, std::nullopt, limit});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    }
    auto r3 = m_f->query.window(m_owner, {}, AuditOrder::NewestFirst, -1, 10);
    QVERIFY(!r3);
    QCOMPARE(r3.error().code, ErrorCode::InvalidInput);
    // A time range of no length is empty, not an error.
    AuditFilter empty;
    empty.from = empty.to = Base.addSecs(500);
    auto r4 = m_f->query.count(m_owner, empty);
    QVERIFY(r4);
    QCOMPARE(*r4, 0);
}

void TestAuditQuery::verificationPlanNamesThisRegistersKey()
{
    // The fixture's last log written (and still attached) is Till2's.
    auto plan = m_f->query.verificationPlan(m_auditor, m_f->store.keys());
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message));
    QCOMPARE(plan->storePath, m_f->store.path());
    QCOMPARE(plan->storeKey.size(), 32);
    QCOMPARE(plan->chains.size(), 2);
    const auto& own = plan->chains.first();
    QCOMPARE(own.registerId, Till2);
    QCOMPARE(own.rows, 401);
    QVERIFY(own.own);
    QCOMPARE(own.expect.publicKey, m_f->db().auditLog()->publicKey());
    // 401 rows (genesis + 400): the checkpoint of the start is what the key store holds.
    QCOMPARE(own.expect.acknowledged.count, 1);
    const auto& other = plan->chains.last();
    QCOMPARE(other.registerId, test::TestStore::AuditRegisterId);
    QCOMPARE(other.rows, 1301);
    QVERIFY(!other.own);
    QVERIFY(other.expect.publicKey.isEmpty());
}

void TestAuditQuery::verifyChecksEveryChainOnItsOwnConnection()
{
    auto plan = m_f->query.verificationPlan(m_owner, m_f->store.keys());
    QVERIFY(plan);
    qint64 lastDone = -1, lastTotal = -1;
    bool backwards = false;
    auto verdicts = AuditQuery::verify(*plan, [&](qint64 done, qint64 total) {
        backwards = backwards || done < lastDone;
        lastDone = done;
        lastTotal = total;
        return true;
    });
    QVERIFY2(verdicts, qPrintable(verdicts ? QString() : verdicts.error().message));
    QCOMPARE(verdicts->size(), 2);
    QCOMPARE(verdicts->at(0).registerId, Till2);
    QVERIFY2(verdicts->at(0).intact(), qPrintable(verdicts->at(0).explanation));
    QCOMPARE(verdicts->at(0).rowsVerified, 401);
    QCOMPARE(verdicts->at(0).publicKey, m_f->db().auditLog()->publicKey());
    QCOMPARE(verdicts->at(1).registerId, test::TestStore::AuditRegisterId);
    QVERIFY(verdicts->at(1).intact());
    QCOMPARE(verdicts->at(1).rowsVerified, 1301);
    QVERIFY(!backwards);
    QCOMPARE(lastDone, 1702);
    QCOMPARE(lastTotal, 1702);

    // Cancelled from the progress callback: an error, not a verdict.
    auto cancelled = AuditQuery::verify(*plan, [](qint64, qint64) { return false; });
    QVERIFY(!cancelled);
}

const test::RoleTable<AuditFixture>& TestAuditQuery::table()
{
    using R = Role;
    const QList<Role> viewers{R::Owner, R::Auditor};
    static const auto t =
        test::RoleTable<AuditFixture>()
            .add(QStringLiteral("audit.page"), viewers,
                 [](AuditFixture& f, const Session& s) {
                     return test::asStatus(f.query.page(s, {}, {}));
                 })
            .add(QStringLiteral("audit.window"), viewers,
                 [](AuditFixture& f, const Session& s) {
                     return test::asStatus(f.query.window(s, {}, AuditOrder::OldestFirst, 0, 5));
                 })
            .add(QStringLiteral("audit.count"), viewers,
                 [](AuditFixture& f, const Session& s) {
                     return test::asStatus(f.query.count(s, {}));
                 })
            .add(QStringLiteral("audit.actions"), viewers,
                 [](AuditFixture& f, const Session& s) {
                     return test::asStatus(f.query.actions(s));
                 })
            .add(
                QStringLiteral("audit.actors"), viewers,
                [](AuditFixture& f, const Session& s) { return test::asStatus(f.query.actors(s)); })
            .add(QStringLiteral("audit.registers"), viewers,
                 [](AuditFixture& f, const Session& s) {
                     return test::asStatus(f.query.registers(s));
                 })
            .add(QStringLiteral("audit.verificationPlan"), viewers,
                 [](AuditFixture& f, const Session& s) {
                     return test::asStatus(f.query.verificationPlan(s, f.store.keys()));
                 });
    return t;
}

void TestAuditQuery::roles_data()
{
    table().addRows();
}

void TestAuditQuery::roles()
{
    AuditFixture f;
    table().verifyRow(f);
}

QTEST_GUILESS_MAIN(TestAuditQuery)
#include "tst_auditquery.moc"
