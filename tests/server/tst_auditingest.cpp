// The server's side of the registers' audit chains (AUD-3, AUD-7, docs/sync.md): rows made by
// core's real AuditLog on a register's store are pushed to PushHandler against a real PostgreSQL
// (as the server's own role, under row-level security); continuity, signatures, forks, gaps,
// rollbacks and other registers' records are refused with their codes and nothing written; the
// server countersigns checkpoints; owners and auditors read the chains back (GET /v1/audit).

#include "AuditRegister.h"
#include "PushFixture.h"
#include "sync/AuditWire.h"
#include "sync/RemoteAudit.h"
#include "sync/SyncProtocol.h"

#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

QJsonObject rowRecord(const AuditRow& r)
{
    return {{QStringLiteral("kind"), QStringLiteral("audit_row")},
            {QStringLiteral("id"), syncprotocol::auditRowId(r.registerId, r.seq)},
            {QStringLiteral("data"), syncprotocol::auditRowToJson(r)}};
}

QJsonObject checkpointRecord(const AuditCheckpoint& c)
{
    return {{QStringLiteral("kind"), QStringLiteral("audit_checkpoint")},
            {QStringLiteral("id"), syncprotocol::auditCheckpointId(c.registerId, c.count)},
            {QStringLiteral("data"), syncprotocol::auditCheckpointToJson(c)}};
}

// A push of these rows and checkpoints; the head is the last row sent unless given.
QJsonObject batch(const std::vector<AuditRow>& rows,
                  const std::vector<AuditCheckpoint>& checkpoints = {},
                  std::optional<std::pair<qint64, QByteArray>> head = std::nullopt,
                  const QString& batchId = freshUuid())
{
    QJsonArray records;
    for (const AuditRow& r : rows)
        records.append(rowRecord(r));
    for (const AuditCheckpoint& c : checkpoints)
        records.append(checkpointRecord(c));
    if (!head)
        head = rows.empty() ? std::pair{qint64(0), QByteArray(32, '\0')}
                            : std::pair{rows.back().seq + 1, rows.back().hash};
    return {
        {QStringLiteral("batch_id"), batchId},
        {QStringLiteral("audit_head"),
         QJsonObject{{QStringLiteral("row_count"), head->first},
                     {QStringLiteral("head_hash"), QString::fromLatin1(head->second.toBase64())}}},
        {QStringLiteral("records"), records}};
}

std::vector<AuditRow> slice(const std::vector<AuditRow>& rows, qint64 from, qint64 to)
{
    return {rows.begin() + from, rows.begin() + to};
}

qint64 number(const server::ApiResponse& r, const char* key)
{
    return r.body.value(QLatin1String(key)).toInteger(-1);
}

} // namespace

class tst_auditingest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void chainIsStoredAndCheckpointsWitnessed();
    void resentRowsAreDuplicates();
    void changedRowIsAFork();
    void rowNotLinkingToTheHeadIsAFork();
    void gapIsRefused();
    void forgedRowsAreRefused();
    void genesisMustNameTheEnrolledKey();
    void shorterHeadIsARollback();
    void recordsOfAnotherRegisterAreForbidden();
    void checkpointsMustLieOnTheChain();
    void ownerReadsTheChainsOfTheirStores();
    void readingIsForOwnersAndAuditorsOfTheStore();

private:
    // An enrolled register with its chain pushed whole (genesis, n rows, their checkpoints).
    struct Pushed {
        std::unique_ptr<AuditRegister> reg;
        PushFixture::Tenant tenant;
        server::RequestContext who;
    };
    Pushed pushedRegister(int rows);
    // Refused with `code`, nothing written.
    void expectRefused(const server::RequestContext& who, const QJsonObject& body, int status,
                       const QString& code);

    PushFixture m_fx;
};

void tst_auditingest::initTestCase()
{
    const QString problem = m_fx.setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

tst_auditingest::Pushed tst_auditingest::pushedRegister(int rows)
{
    Pushed p;
    p.reg = std::make_unique<AuditRegister>();
    p.tenant = m_fx.newTenant();
    if (!m_fx.enrol(p.tenant, p.reg->id(), p.reg->publicKey()))
        qFatal("enrolling failed");
    p.who = PushFixture::device(p.tenant, p.reg->id());
    p.reg->act(rows);
    const auto answer = m_fx.push(p.who, batch(p.reg->rows(), p.reg->checkpoints()));
    if (answer.status != 200)
        qFatal("pushing a fresh chain failed: %s", qPrintable(PushFixture::describe(answer)));
    return p;
}

void tst_auditingest::expectRefused(const server::RequestContext& who, const QJsonObject& body,
                                    int status, const QString& code)
{
    const QByteArray before = m_fx.snapshot();
    const auto answer = m_fx.push(who, body);
    QVERIFY2(answer.status == status && PushFixture::errorCode(answer) == code,
             qPrintable(PushFixture::describe(answer)));
    QVERIFY(!answer.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    QCOMPARE(m_fx.snapshot(), before);
}

void tst_auditingest::chainIsStoredAndCheckpointsWitnessed()
{
    AuditRegister reg;
    const auto tenant = m_fx.newTenant();
    QVERIFY(m_fx.enrol(tenant, reg.id(), reg.publicKey()));
    const auto who = PushFixture::device(tenant, reg.id());
    reg.act(12);
    reg.checkpoint(QStringLiteral("shift_close"));
    const auto rows = reg.rows();
    const auto checkpoints = reg.checkpoints();
    QCOMPARE(rows.size(), std::size_t(13));       // genesis + 12
    QCOMPARE(checkpoints.size(), std::size_t(2)); // start, shift_close

    const auto answer = m_fx.push(who, batch(rows, checkpoints));
    QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
    QCOMPARE(number(answer, "stored"), qint64(15));
    QCOMPARE(number(answer, "duplicates"), qint64(0));
    const QJsonObject head = answer.body.value(QStringLiteral("audit_head")).toObject();
    QCOMPARE(head.value(QStringLiteral("row_count")).toInteger(), qint64(13));
    QCOMPARE(head.value(QStringLiteral("head_hash")).toString(),
             QString::fromLatin1(rows.back().hash.toBase64()));

    // Stored as the register signed them, and the head moved.
    const QByteArray id = reg.id().toLatin1();
    QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.audit_rows WHERE register_id = $1", {id}),
             qint64(13));
    QCOMPARE(m_fx.scalar("SELECT row_count FROM pos.audit_heads WHERE register_id = $1", {id}),
             qint64(13));
    QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.audit_rows WHERE register_id = $1 AND "
                         "hash = decode($2, 'hex') AND seq = 12",
                         {id, rows.back().hash.toHex()}),
             qint64(1));

    // The witness: one countersignature per checkpoint, over syncprotocol::witnessMessage, by the
    // server's witness key; the same one is stored.
    const QJsonArray witness = answer.body.value(QStringLiteral("witness")).toArray();
    QCOMPARE(witness.size(), 2);
    for (qsizetype i = 0; i < witness.size(); ++i) {
        const QJsonObject w = witness.at(i).toObject();
        const AuditCheckpoint& c = checkpoints.at(static_cast<std::size_t>(i));
        QCOMPARE(w.value(QStringLiteral("register_id")).toString(), reg.id());
        QCOMPARE(w.value(QStringLiteral("row_count")).toInteger(), c.count);
        QCOMPARE(w.value(QStringLiteral("head_hash")).toString(),
                 QString::fromLatin1(c.headHash.toBase64()));
        const QString at = w.value(QStringLiteral("witnessed_at")).toString();
        const QByteArray signature =
            QByteArray::fromBase64(w.value(QStringLiteral("signature")).toString().toLatin1());
        QVERIFY(Ed25519::verify(m_fx.witnessKey(), syncprotocol::witnessMessage(c, at), signature));
        AuditCheckpoint other = c;
        other.count += 1;
        QVERIFY(!Ed25519::verify(m_fx.witnessKey(), syncprotocol::witnessMessage(other, at),
                                 signature));
        QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.audit_checkpoints WHERE register_id = $1 "
                             "AND row_count = $2 AND witness_signature = decode($3, 'hex')",
                             {id, QByteArray::number(c.count), signature.toHex()}),
                 qint64(1));
    }
}

void tst_auditingest::resentRowsAreDuplicates()
{
    auto p = pushedRegister(5);
    const auto rows = p.reg->rows();
    const auto checkpoints = p.reg->checkpoints();
    const QByteArray before = m_fx.snapshot();

    // The same rows under a new batch id: all duplicates, nothing new but the batch record.
    const auto again = m_fx.push(p.who, batch(rows, checkpoints));
    QVERIFY2(again.status == 200, qPrintable(PushFixture::describe(again)));
    QCOMPARE(number(again, "stored"), qint64(0));
    QCOMPARE(number(again, "duplicates"), qint64(rows.size() + checkpoints.size()));
    QCOMPARE(again.body.value(QStringLiteral("witness")).toArray().size(),
             qsizetype(checkpoints.size()));
    const QByteArray id = p.reg->id().toLatin1();
    QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.audit_rows WHERE register_id = $1", {id}),
             qint64(rows.size()));

    // The same batch id once more: the stored answer, and not even a batch record is added.
    const QJsonObject body = batch(rows, checkpoints);
    const auto first = m_fx.push(p.who, body);
    QCOMPARE(first.status, 200);
    const QByteArray afterFirst = m_fx.snapshot();
    const auto second = m_fx.push(p.who, body);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.body, first.body);
    QCOMPARE(m_fx.snapshot(), afterFirst);
    QVERIFY(afterFirst != before); // only push_batches grew
    QCOMPARE(m_fx.scalar("SELECT count(*) FROM pos.audit_checkpoints WHERE register_id = $1", {id}),
             qint64(checkpoints.size()));

    // The chain continues from where the server is.
    p.reg->act(3);
    const auto all = p.reg->rows();
    const auto next = m_fx.push(p.who, batch(slice(all, qint64(rows.size()), qint64(all.size()))));
    QVERIFY2(next.status == 200, qPrintable(PushFixture::describe(next)));
    QCOMPARE(number(next, "stored"), qint64(3));
    QCOMPARE(m_fx.scalar("SELECT row_count FROM pos.audit_heads WHERE register_id = $1", {id}),
             qint64(all.size()));
}

void tst_auditingest::changedRowIsAFork()
{
    auto p = pushedRegister(6);
    auto rows = p.reg->rows();
    rows[3].after = QStringLiteral("{\"amount_minor\":999,\"currency\":\"EUR\"}");
    rows[3].hash = auditformat::rowHash(rows[3]);
    expectRefused(p.who, batch(rows), 409, QStringLiteral("fork"));
    // Only the signature differs: still not the row the server holds.
    rows = p.reg->rows();
    rows[2].signature[5] = static_cast<char>(rows[2].signature[5] ^ 1);
    expectRefused(p.who, batch(rows), 409, QStringLiteral("fork"));
}

void tst_auditingest::rowNotLinkingToTheHeadIsAFork()
{
    auto p = pushedRegister(4);
    const qint64 held = qint64(p.reg->rows().size());
    p.reg->act(2);
    auto rows = slice(p.reg->rows(), held, held + 2);
    rows[0].prevHash = QByteArray(32, 'x');
    expectRefused(p.who, batch(rows), 409, QStringLiteral("fork"));
    // An audit_head at the server's count with another hash: a fork as well.
    const auto all = p.reg->rows();
    expectRefused(p.who, batch({}, {}, std::pair{held, all.back().hash}), 409,
                  QStringLiteral("fork"));
}

void tst_auditingest::gapIsRefused()
{
    auto p = pushedRegister(3);
    const qint64 held = qint64(p.reg->rows().size());
    p.reg->act(5);
    const auto all = p.reg->rows();
    // Rows held+2 .. end without held, held+1.
    expectRefused(p.who, batch(slice(all, held + 2, qint64(all.size()))), 400,
                  QStringLiteral("bad_request"));
    // A first push that does not start at the genesis.
    AuditRegister fresh;
    const auto tenant = m_fx.newTenant();
    QVERIFY(m_fx.enrol(tenant, fresh.id(), fresh.publicKey()));
    fresh.act(3);
    const auto freshRows = fresh.rows();
    expectRefused(PushFixture::device(tenant, fresh.id()),
                  batch(slice(freshRows, 1, qint64(freshRows.size()))), 400,
                  QStringLiteral("bad_request"));
}

void tst_auditingest::forgedRowsAreRefused()
{
    auto p = pushedRegister(2);
    const qint64 held = qint64(p.reg->rows().size());
    p.reg->act(3);
    const auto all = p.reg->rows();
    auto rows = slice(all, held, qint64(all.size()));

    // A signature that is not the register's.
    auto forged = rows;
    forged[1].signature[10] = static_cast<char>(forged[1].signature[10] ^ 0x40);
    expectRefused(p.who, batch(forged), 400, QStringLiteral("bad_request"));
    // A row signed by another key (hash and link right).
    AuditRegister other;
    auto foreign = rows;
    foreign[0].signature = other.rows().front().signature;
    expectRefused(p.who, batch(foreign), 400, QStringLiteral("bad_request"));
    // A changed field under the original hash and signature.
    auto changed = rows;
    changed[2].action = QStringLiteral("cash.out");
    expectRefused(p.who, batch(changed), 400, QStringLiteral("bad_request"));

    // The genuine rows still go in afterwards.
    const auto answer = m_fx.push(p.who, batch(rows));
    QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
    QCOMPARE(number(answer, "stored"), qint64(3));
}

void tst_auditingest::genesisMustNameTheEnrolledKey()
{
    // The register enrolled one key but its chain was started with another.
    AuditRegister reg;
    AuditRegister impostor(reg.id()); // same register id, its own key pair
    const auto tenant = m_fx.newTenant();
    QVERIFY(m_fx.enrol(tenant, reg.id(), reg.publicKey()));
    const auto who = PushFixture::device(tenant, reg.id());
    expectRefused(who, batch(impostor.rows()), 400, QStringLiteral("bad_request"));
    // The real chain is accepted.
    const auto answer = m_fx.push(who, batch(reg.rows(), reg.checkpoints()));
    QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
}

void tst_auditingest::shorterHeadIsARollback()
{
    auto p = pushedRegister(9);
    const auto rows = p.reg->rows();
    // The register's store was put back to an older copy: it reports fewer rows.
    expectRefused(p.who, batch(slice(rows, 0, 5)), 409, QStringLiteral("rollback"));
    expectRefused(p.who, batch({}, {}, std::pair{qint64(4), rows.at(3).hash}), 409,
                  QStringLiteral("rollback"));
}

void tst_auditingest::recordsOfAnotherRegisterAreForbidden()
{
    auto a = pushedRegister(2);
    // Register B in the same store pushes A's next rows (ISO-3).
    AuditRegister b;
    QVERIFY(m_fx.enrol(a.tenant, b.id(), b.publicKey()));
    const auto whoB = PushFixture::device(a.tenant, b.id());
    const qint64 held = qint64(a.reg->rows().size());
    a.reg->act(2);
    const auto all = a.reg->rows();
    expectRefused(whoB, batch(slice(all, held, qint64(all.size()))), 403,
                  QStringLiteral("forbidden"));
    // Mixed with B's own genesis: still refused whole.
    auto mixed = b.rows();
    mixed.push_back(all.back());
    expectRefused(whoB, batch(mixed), 403, QStringLiteral("forbidden"));
    // A's checkpoint through B.
    expectRefused(whoB, batch({}, a.reg->checkpoints(), std::pair{qint64(0), QByteArray(32, 0)}),
                  403, QStringLiteral("forbidden"));
}

void tst_auditingest::checkpointsMustLieOnTheChain()
{
    auto p = pushedRegister(3);
    const qint64 held = qint64(p.reg->rows().size());
    p.reg->act(2);
    p.reg->checkpoint(QStringLiteral("export"));
    const auto checkpoints = p.reg->checkpoints();
    const AuditCheckpoint latest = checkpoints.back();
    QCOMPARE(latest.count, held + 2);
    // Its rows are not on the server yet.
    expectRefused(
        p.who, batch({}, {latest}, std::pair{held, p.reg->rows().at(std::size_t(held - 1)).hash}),
        400, QStringLiteral("bad_request"));
    // A checkpoint signature that is not the register's.
    const auto all = p.reg->rows();
    auto forged = latest;
    forged.signature[0] = static_cast<char>(forged.signature[0] ^ 1);
    expectRefused(p.who, batch(slice(all, held, qint64(all.size())), {forged}), 400,
                  QStringLiteral("bad_request"));
    // With its rows it is stored and witnessed.
    const auto answer = m_fx.push(p.who, batch(slice(all, held, qint64(all.size())), {latest}));
    QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
    QCOMPARE(number(answer, "stored"), qint64(3));
    QCOMPARE(answer.body.value(QStringLiteral("witness")).toArray().size(), 1);
}

void tst_auditingest::ownerReadsTheChainsOfTheirStores()
{
    auto p = pushedRegister(7);
    p.reg->checkpoint(QStringLiteral("shift_close"));
    const auto rows = p.reg->rows();
    const auto checkpoints = p.reg->checkpoints();
    const auto pushed = m_fx.push(
        p.who, batch({}, {checkpoints.back()}, std::pair{qint64(rows.size()), rows.back().hash}));
    QVERIFY2(pushed.status == 200, qPrintable(PushFixture::describe(pushed)));
    // A second register of the store, enrolled but not pushed yet.
    AuditRegister idle;
    QVERIFY(m_fx.enrol(p.tenant, idle.id(), idle.publicKey(), QStringLiteral("Till 2")));
    const auto owner =
        PushFixture::user(p.tenant, p.reg->id(), QStringLiteral("owner"), {p.tenant.store});
    // The store as the owner named it (the desktop shows other stores by this name).
    QCOMPARE(m_fx.scalar("WITH renamed AS (UPDATE pos.stores SET name = 'Harbour Street' "
                         "WHERE id = $1 RETURNING 1) SELECT count(*) FROM renamed",
                         {p.tenant.store.toLatin1()}),
             qint64(1));

    // The registers of the owner's stores with their heads, read by the desktop's own parser.
    const auto list = m_fx.readAudit(owner, {});
    QVERIFY2(list.status == 200, qPrintable(PushFixture::describe(list)));
    auto registers = RemoteAudit::parseRegisters(list.body);
    QVERIFY2(registers.has_value(), registers ? "" : qPrintable(registers.error().message));
    QCOMPARE(registers->size(), 2);
    for (const RemoteRegister& r : *registers) {
        QCOMPARE(r.storeId, p.tenant.store);
        QCOMPARE(r.storeName, QStringLiteral("Harbour Street"));
        QVERIFY(!r.revoked);
        if (r.registerId == p.reg->id()) {
            QCOMPARE(r.rowCount, qint64(rows.size()));
            QCOMPARE(r.headHash, rows.back().hash);
            QCOMPARE(r.signingKey, p.reg->publicKey());
        } else {
            QCOMPARE(r.registerId, idle.id());
            QCOMPARE(r.rowCount, qint64(0));
            QCOMPARE(r.signingKey, idle.publicKey());
        }
    }

    // Paged by seq; the desktop reads each page strictly and verifies the whole chain with the
    // register's key and the witness key (AUD-7).
    RemoteAuditChain chain;
    qint64 after = -1;
    int pages = 0;
    while (pages < 10) {
        const auto answer = m_fx.readAudit(
            owner,
            QStringLiteral("register_id=%1&after_seq=%2&limit=3").arg(p.reg->id()).arg(after));
        QVERIFY2(answer.status == 200, qPrintable(PushFixture::describe(answer)));
        auto page = RemoteAudit::parsePage(answer.body, p.reg->id());
        QVERIFY2(page.has_value(), page ? "" : qPrintable(page.error().message));
        QVERIFY(page->rows.size() <= 3);
        ++pages;
        chain.reg = page->reg;
        chain.rows += page->rows;
        chain.checkpoints += page->checkpoints;
        after = page->nextAfterSeq;
        if (!page->more)
            break;
    }
    QCOMPARE(pages, 3); // 8 rows (genesis + 7) in pages of 3
    QCOMPARE(chain.reg.storeName, QStringLiteral("Harbour Street"));
    QCOMPARE(chain.rows.size(), qsizetype(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const AuditRow& got = chain.rows.at(qsizetype(i));
        QCOMPARE(got.seq, rows[i].seq);
        QCOMPARE(got.after, rows[i].after);
        QCOMPARE(got.hash, rows[i].hash);
        QCOMPARE(got.signature, rows[i].signature);
    }
    QCOMPARE(chain.checkpoints.size(), qsizetype(checkpoints.size()));
    RemoteAuditExpectation expect;
    expect.witnessKey = m_fx.witnessKey();
    expect.knownKey = p.reg->publicKey();
    expect.rowsAcknowledged = qint64(rows.size());
    auto verdict = RemoteAudit::verify(chain, expect);
    QVERIFY2(verdict.has_value(), verdict ? "" : qPrintable(verdict.error().message));
    QVERIFY2(verdict->intact(), qPrintable(verdict->chain.explanation + verdict->witnessProblem));
    QCOMPARE(verdict->witnessed, qint64(checkpoints.size()));
    QCOMPARE(verdict->unwitnessed, qint64(0));

    // An auditor of the store reads the same in one page.
    const auto auditor =
        PushFixture::user(p.tenant, p.reg->id(), QStringLiteral("auditor"), {p.tenant.store});
    const auto byAuditor =
        m_fx.readAudit(auditor, QStringLiteral("register_id=%1&limit=5000").arg(p.reg->id()));
    QCOMPARE(byAuditor.status, 200);
    QCOMPARE(byAuditor.body.value(QStringLiteral("rows")).toArray().size(), qsizetype(rows.size()));
    QCOMPARE(byAuditor.body.value(QStringLiteral("more")).toBool(), false);
}

void tst_auditingest::readingIsForOwnersAndAuditorsOfTheStore()
{
    auto p = pushedRegister(2);
    const QString query = QStringLiteral("register_id=") + p.reg->id();
    // No user session, or a role without audit access.
    QCOMPARE(m_fx.readAudit(p.who, query).status, 403);
    for (const char* role : {"cashier", "manager"}) {
        const auto who =
            PushFixture::user(p.tenant, p.reg->id(), QLatin1String(role), {p.tenant.store});
        const auto answer = m_fx.readAudit(who, query);
        QCOMPARE(answer.status, 403);
        QCOMPARE(PushFixture::errorCode(answer), QStringLiteral("forbidden"));
    }
    // An auditor of another store of the same company: refused, and the list is empty (ISO-2).
    const QString otherStore = m_fx.newStore(p.tenant.company);
    QVERIFY(!otherStore.isEmpty());
    const auto elsewhere =
        PushFixture::user(p.tenant, p.reg->id(), QStringLiteral("auditor"), {otherStore});
    const auto refused = m_fx.readAudit(elsewhere, query);
    QCOMPARE(refused.status, 403);
    const auto list = m_fx.readAudit(elsewhere, {});
    QCOMPARE(list.status, 200);
    QCOMPARE(list.body.value(QStringLiteral("registers")).toArray().size(), 0);
    // An owner of another company naming this register (forged id): nothing found, no rows.
    const auto other = m_fx.newTenant();
    const auto stranger =
        PushFixture::user(other, freshUuid(), QStringLiteral("owner"), {other.store});
    const auto foreign = m_fx.readAudit(stranger, query);
    QCOMPARE(foreign.status, 404);
    QVERIFY(!foreign.body.contains(QStringLiteral("rows")));
    // ... or claiming this company's store while the tenant setting is its own company.
    auto forged = stranger;
    forged.storeIds = {p.tenant.store};
    const auto forgedAnswer = m_fx.readAudit(forged, query);
    QVERIFY(forgedAnswer.status == 404 || forgedAnswer.status == 403);
    // Bad paging.
    const auto owner =
        PushFixture::user(p.tenant, p.reg->id(), QStringLiteral("owner"), {p.tenant.store});
    QCOMPARE(m_fx.readAudit(owner, query + QStringLiteral("&limit=5001")).status, 400);
    QCOMPARE(m_fx.readAudit(owner, query + QStringLiteral("&after_seq=x")).status, 400);
    QCOMPARE(m_fx.readAudit(owner, QStringLiteral("register_id=nope")).status, 400);
}

QTEST_GUILESS_MAIN(tst_auditingest)
#include "tst_auditingest.moc"
