// The owner's view across registers (AUD-7): what GET /v1/audit answers is read strictly and each
// register's chain is verified on the desktop with that register's key. The "server" here is a
// copy of a real register's chain (written by AuditLog through TestStore) served as JSON pages in
// the contract's form, which a test then changes the way a dishonest server (or someone with its
// database) could: every change must show in the verdict, named and at the right row.
#include "AuditTestLog.h"
#include "crypto/Ed25519.h"
#include "sync/AuditWire.h"
#include "sync/KnownRegisters.h"
#include "sync/RemoteAudit.h"
#include "sync/SyncProtocol.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QString RegisterId = TestStore::AuditRegisterId;
const QString StoreId = QStringLiteral("0b5d7c1e-3a2f-4e6d-8c9b-1a2b3c4d5e6f");
const QString WitnessedAt = QStringLiteral("2026-03-01T12:00:00.000Z");

// 301 rows (seq 0..300); a "shift_close" checkpoint after seq 250 besides the "start" one.
constexpr qint64 Rows = 301;
constexpr qint64 ShiftCloseAfter = 250;

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// What the server holds of one register, in the JSON form it answers with.
struct ServerCopy {
    QList<QJsonObject> rows;        // auditRowToJson, in seq order
    QList<QJsonObject> checkpoints; // auditCheckpointToJson + witness_signature, witnessed_at
    QByteArray signingKey;
    qint64 rowCount = 0;
    QByteArray headHash;
    // A server that cut rows would not send the checkpoints past them; one that did not think of
    // it sends them all (with the first page).
    bool serveEveryCheckpoint = false;

    QJsonObject describe() const
    {
        return QJsonObject{{QStringLiteral("register_id"), RegisterId},
                           {QStringLiteral("name"), QStringLiteral("Till 1")},
                           {QStringLiteral("store_id"), StoreId},
                           {QStringLiteral("store_name"), QStringLiteral("Harbour Street")},
                           {QStringLiteral("signing_key"),
                            signingKey.isEmpty() ? QJsonValue() : QJsonValue(b64(signingKey))},
                           {QStringLiteral("revoked"), false},
                           {QStringLiteral("row_count"), rowCount},
                           {QStringLiteral("head_hash"),
                            headHash.isEmpty() ? QJsonValue() : QJsonValue(b64(headHash))}};
    }

    // One page as server/AuditReadHandler answers it: rows after afterSeq, and the checkpoints
    // whose last row is on the page.
    QJsonObject page(qint64 afterSeq, int limit) const
    {
        QJsonObject o = describe();
        QJsonArray rowList;
        qint64 last = afterSeq;
        for (const QJsonObject& r : rows) {
            const qint64 seq = r.value(QStringLiteral("seq")).toInteger();
            if (seq <= afterSeq || rowList.size() >= limit)
                continue;
            rowList.append(r);
            last = seq;
        }
        QJsonArray checkpointList;
        for (const QJsonObject& c : checkpoints) {
            const qint64 count = c.value(QStringLiteral("row_count")).toInteger();
            if (serveEveryCheckpoint ? afterSeq == -1 : count > afterSeq + 1 && count <= last + 1)
                checkpointList.append(c);
        }
        o.insert(QStringLiteral("rows"), rowList);
        o.insert(QStringLiteral("checkpoints"), checkpointList);
        o.insert(QStringLiteral("next_after_seq"), last);
        o.insert(QStringLiteral("more"), last + 1 < rowCount);
        return o;
    }

    // Every page, read as the desktop reads them.
    RemoteAuditChain fetch(int limit = 64) const
    {
        RemoteAuditChain chain;
        qint64 after = -1;
        for (;;) {
            auto p = RemoteAudit::parsePage(page(after, limit), RegisterId);
            if (!p)
                qFatal("test fixture: a page does not parse: %s", qPrintable(p.error().message));
            chain.reg = p->reg;
            chain.rows.append(p->rows);
            chain.checkpoints.append(p->checkpoints);
            if (!p->more || p->rows.isEmpty())
                return chain;
            after = p->nextAfterSeq;
        }
    }

    qsizetype indexOfRow(qint64 seq) const
    {
        for (qsizetype i = 0; i < rows.size(); ++i)
            if (rows[i].value(QStringLiteral("seq")).toInteger() == seq)
                return i;
        qFatal("test fixture: no row %lld", static_cast<long long>(seq));
    }
};

} // namespace

class TestRemoteAudit : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void honestChainVerifies();
    void damageIsNamed_data();
    void damageIsNamed();
    void keySwapIsSeenWhereTheKeyIsKnown();
    void forgedWitnessIsNamed();
    void noWitnessKeyIsSaid();
    void keyRememberedOnFirstSight();
    void swappedKeyOfAKnownRegisterIsNamed();
    void tailCutBelowTheRememberedHeadIsNamed();
    void goodFetchAdvancesTheRememberedHead();
    void rememberedKeyIsNotReplaced();
    void registerListIsReadStrictly();
    void pageIsReadStrictly_data();
    void pageIsReadStrictly();

private:
    RemoteAuditVerdict verified(const ServerCopy& copy, const QByteArray& knownKey = {},
                                qint64 acknowledged = 0);
    // The server's copy of the test store's chain as it stands.
    ServerCopy serverCopy();
    // The whole chain signed again under `key` and that key enrolled, as a server could.
    ServerCopy resigned(const ServerCopy& copy, const SecretBytes& key);
    // As the owner's desktop does it (RemoteAuditSession): what it remembered of the register,
    // the chain verified against it, and an intact chain remembered.
    RemoteAuditVerdict fetchedByTheDesktop(const ServerCopy& copy,
                                           KnownRegisters::Learned* learned = nullptr);
    std::optional<KnownRegister> remembered();

    std::unique_ptr<TestStore> m_store;
    SecretBytes m_witness;
    QByteArray m_witnessKey;
    ServerCopy m_honest;
    ManualClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
};

void TestRemoteAudit::init()
{
    m_store = std::make_unique<TestStore>();
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    appendAuditRows(m_store->db(), Rows - 1, ShiftCloseAfter); // + the genesis row
    m_witness = freshSigningKey();
    auto pub = Ed25519::publicKeyFor(m_witness);
    QVERIFY(pub);
    m_witnessKey = *pub;

    m_honest = serverCopy();
    QCOMPARE(m_honest.rows.size(), Rows);
    QCOMPARE(m_honest.checkpoints.size(), 2); // "start" (1 row) and "shift_close" (251 rows)
}

ServerCopy TestRemoteAudit::serverCopy()
{
    ServerCopy copy;
    const QList<AuditRow> rows = readAuditRows(m_store->db(), RegisterId);
    for (const AuditRow& r : rows)
        copy.rows.append(syncprotocol::auditRowToJson(r));
    for (const AuditCheckpoint& c : readAuditCheckpoints(m_store->db(), RegisterId)) {
        QJsonObject o = syncprotocol::auditCheckpointToJson(c);
        o.insert(QStringLiteral("witness_signature"),
                 b64(signWith(m_witness, syncprotocol::witnessMessage(c, WitnessedAt))));
        o.insert(QStringLiteral("witnessed_at"), WitnessedAt);
        copy.checkpoints.append(o);
    }
    copy.signingKey = m_store->db().auditLog()->publicKey();
    copy.rowCount = rows.size();
    copy.headHash = rows.last().hash;
    return copy;
}

ServerCopy TestRemoteAudit::resigned(const ServerCopy& original, const SecretBytes& key)
{
    auto pub = Ed25519::publicKeyFor(key);
    if (!pub)
        qFatal("test fixture: no public key");
    ServerCopy copy = original;
    QByteArray prev = auditformat::genesisPrevHash(RegisterId);
    for (QJsonObject& json : copy.rows) {
        auto r = syncprotocol::auditRowFromJson(json);
        if (!r)
            qFatal("test fixture: a row does not parse");
        if (r->seq == 0)
            r->after = QStringLiteral("{\"public_key\":\"%1\",\"register_id\":\"%2\"}")
                           .arg(b64(*pub), RegisterId);
        r->prevHash = prev;
        r->hash = auditformat::rowHash(*r);
        r->signature = signWith(key, auditformat::signedMessage(r->hash));
        prev = r->hash;
        json = syncprotocol::auditRowToJson(*r);
    }
    QList<QJsonObject> checkpoints;
    for (const QJsonObject& json : std::as_const(copy.checkpoints)) {
        auto c = syncprotocol::auditCheckpointFromJson(json);
        auto head = syncprotocol::auditRowFromJson(copy.rows[c->count - 1]);
        c->headHash = head->hash;
        c->signature = signWith(key, auditformat::checkpointMessage(*c));
        QJsonObject o = syncprotocol::auditCheckpointToJson(*c);
        o.insert(QStringLiteral("witness_signature"),
                 b64(signWith(m_witness, syncprotocol::witnessMessage(*c, WitnessedAt))));
        o.insert(QStringLiteral("witnessed_at"), WitnessedAt);
        checkpoints.append(o);
    }
    copy.checkpoints = checkpoints;
    copy.signingKey = *pub;
    copy.headHash = prev;
    return copy;
}

std::optional<KnownRegister> TestRemoteAudit::remembered()
{
    auto known = KnownRegisters(m_store->db(), m_clock).find(RegisterId);
    if (!known)
        qFatal("reading the remembered register failed: %s", qPrintable(known.error().message));
    return *known;
}

RemoteAuditVerdict TestRemoteAudit::fetchedByTheDesktop(const ServerCopy& copy,
                                                        KnownRegisters::Learned* learned)
{
    RemoteAuditExpectation expect;
    expect.witnessKey = m_witnessKey;
    expect.remembered = remembered();
    const RemoteAuditChain chain = copy.fetch();
    auto v = RemoteAudit::verify(chain, expect);
    if (!v)
        qFatal("verify failed: %s", qPrintable(v.error().message));
    auto l = KnownRegisters(m_store->db(), m_clock).learn(chain, *v);
    if (!l)
        qFatal("remembering failed: %s", qPrintable(l.error().message));
    if (learned)
        *learned = *l;
    return *v;
}

void TestRemoteAudit::cleanup()
{
    m_store.reset();
}

RemoteAuditVerdict TestRemoteAudit::verified(const ServerCopy& copy, const QByteArray& knownKey,
                                             qint64 acknowledged)
{
    auto v =
        RemoteAudit::verify(copy.fetch(), {m_witnessKey, knownKey, acknowledged, std::nullopt});
    if (!v)
        qFatal("verify failed: %s", qPrintable(v.error().message));
    return *v;
}

void TestRemoteAudit::honestChainVerifies()
{
    // Served in pages of 64 rows (five pages): the rows and both checkpoints arrive whole.
    const RemoteAuditChain chain = m_honest.fetch(64);
    QCOMPARE(chain.rows.size(), Rows);
    QCOMPARE(chain.checkpoints.size(), 2);

    qint64 lastDone = 0;
    auto v = RemoteAudit::verify(chain, {m_witnessKey, {}, 0, std::nullopt},
                                 [&](qint64 done, qint64 total) {
                                     lastDone = done;
                                     return total == Rows;
                                 });
    QVERIFY(v);
    QVERIFY2(v->intact(), qPrintable(v->chain.explanation));
    QCOMPARE(v->chain.rowsVerified, Rows);
    QCOMPARE(v->chain.checkpointsVerified, 2);
    QCOMPARE(v->chain.publicKey, m_store->db().auditLog()->publicKey());
    QCOMPARE(v->rowsReceived, Rows);
    QCOMPARE(lastDone, Rows);
    QCOMPARE(v->witnessed, 2);
    QCOMPARE(v->witnessRefused, 0);
    QCOMPARE(v->lastWitnessed.checkpoint.count, ShiftCloseAfter + 1);
    QCOMPARE(v->lastWitnessed.witnessedAt, WitnessedAt);
    QVERIFY(!v->keyKnownHere);

    // The same with the key this desktop knows for it (its own register).
    const RemoteAuditVerdict own = verified(m_honest, m_store->db().auditLog()->publicKey());
    QVERIFY(own.intact());
    QVERIFY(own.keyKnownHere);
}

void TestRemoteAudit::damageIsNamed_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("damage");
    QTest::addColumn<qint64>("badSeq");
    QTest::addColumn<QString>("words");
    const auto row = [](const char* how, AuditDamage d, qint64 seq, const char* words) {
        QTest::newRow(how) << QString::fromLatin1(how) << static_cast<int>(d) << seq
                           << QString::fromLatin1(words);
    };
    row("row changed", AuditDamage::ChangedRow, 120, "changed");
    row("row rewritten with its hash", AuditDamage::ForgedRow, 77, "not signed");
    row("row deleted", AuditDamage::DeletedRow, 200, "missing");
    row("tail cut under a checkpoint", AuditDamage::CutOffTail, 240, "checkpoint");
    row("tail cut, head lowered, acknowledged", AuditDamage::CutOffTail, 280, "confirmed");
    row("tail cut, head kept", AuditDamage::CutOffTail, 290, "sent only 290");
    row("head hash of another row", AuditDamage::ChangedRow, 300, "newest");
    row("another key enrolled", AuditDamage::WrongKey, 0, "another key");
    row("no key enrolled", AuditDamage::Unreadable, 0, "no signing key");
    row("checkpoint changed", AuditDamage::ForgedRow, 250, "checkpoint");
    row("no rows", AuditDamage::Unreadable, 0, "sent none");
}

void TestRemoteAudit::damageIsNamed()
{
    QFETCH(QString, how);
    QFETCH(int, damage);
    QFETCH(qint64, badSeq);
    QFETCH(QString, words);

    ServerCopy copy = m_honest;
    qint64 acknowledged = 0;
    if (how == u"row changed") {
        // The server's database says the void was of another amount.
        QJsonObject& r = copy.rows[copy.indexOfRow(120)];
        r.insert(QStringLiteral("after"),
                 QStringLiteral("{\"status\":\"void\",\"total_minor\":1}"));
    } else if (how == u"row rewritten with its hash") {
        // Changed, and its hash computed again by the rules: only the signature gives it away.
        QJsonObject& r = copy.rows[copy.indexOfRow(77)];
        auto parsed = syncprotocol::auditRowFromJson(r);
        QVERIFY(parsed);
        parsed->action = QStringLiteral("sale.complete");
        parsed->hash = auditformat::rowHash(*parsed);
        r = syncprotocol::auditRowToJson(*parsed);
    } else if (how == u"row deleted") {
        copy.rows.removeAt(copy.indexOfRow(200));
    } else if (how == u"tail cut under a checkpoint") {
        // Rows 240.. gone and the server's head made to fit, but the shift-close checkpoint
        // (rows 0..250) still comes with the rows.
        while (copy.rows.size() > 240)
            copy.rows.removeLast();
        copy.rowCount = 240;
        auto last = syncprotocol::auditRowFromJson(copy.rows.last());
        QVERIFY(last);
        copy.headHash = last->hash;
        copy.serveEveryCheckpoint = true;
    } else if (how == u"tail cut, head lowered, acknowledged") {
        // Rows 280.. gone past the newest checkpoint and the head made to fit: only this
        // desktop's own record of what the server confirmed storing (all 301 rows) shows it.
        while (copy.rows.size() > 280)
            copy.rows.removeLast();
        copy.rowCount = 280;
        auto last = syncprotocol::auditRowFromJson(copy.rows.last());
        QVERIFY(last);
        copy.headHash = last->hash;
        QVERIFY(verified(copy).intact()); // the server's answers alone hold together
        acknowledged = Rows;
    } else if (how == u"tail cut, head kept") {
        while (copy.rows.size() > 290)
            copy.rows.removeLast();
    } else if (how == u"head hash of another row") {
        auto other = syncprotocol::auditRowFromJson(copy.rows[10]);
        QVERIFY(other);
        copy.headHash = other->hash;
    } else if (how == u"another key enrolled") {
        const SecretBytes k = freshSigningKey();
        auto pub = Ed25519::publicKeyFor(k);
        QVERIFY(pub);
        copy.signingKey = *pub;
    } else if (how == u"no key enrolled") {
        copy.signingKey.clear();
    } else if (how == u"checkpoint changed") {
        copy.checkpoints[1].insert(QStringLiteral("at"),
                                   QStringLiteral("2020-01-01T00:00:00.000Z"));
    } else if (how == u"no rows") {
        copy.rows.clear();
        copy.checkpoints.clear();
    } else {
        QFAIL("unknown change");
    }

    const RemoteAuditVerdict v = verified(copy, {}, acknowledged);
    QVERIFY(!v.intact());
    QCOMPARE(static_cast<int>(v.chain.damage), damage);
    QCOMPARE(v.chain.badSeq, badSeq);
    QVERIFY2(v.chain.explanation.contains(words), qPrintable(v.chain.explanation));
    QVERIFY(v.chain.rowsVerified <= badSeq);
}

void TestRemoteAudit::keySwapIsSeenWhereTheKeyIsKnown()
{
    // The whole chain signed again by the server under a key of its own, and that key enrolled:
    // consistent in itself, so only a key known outside the server shows it.
    const ServerCopy copy = resigned(m_honest, freshSigningKey());

    // Against the server's key alone it holds together (the limit of trusting the server's key).
    QVERIFY(verified(copy).intact());
    // This desktop's own register: its key is known here, and the swap shows.
    const RemoteAuditVerdict own = verified(copy, m_store->db().auditLog()->publicKey());
    QCOMPARE(own.chain.damage, AuditDamage::WrongKey);
    QCOMPARE(own.chain.badSeq, 0);
    QVERIFY2(own.chain.explanation.contains(QStringLiteral("replaced")),
             qPrintable(own.chain.explanation));
    QVERIFY(!own.intact());
}

void TestRemoteAudit::forgedWitnessIsNamed()
{
    ServerCopy copy = m_honest;
    // The server's countersignature of the shift-close checkpoint made with another witness key.
    const SecretBytes other = freshSigningKey();
    auto c = syncprotocol::auditCheckpointFromJson(copy.checkpoints[1]);
    QVERIFY(c);
    copy.checkpoints[1].insert(QStringLiteral("witness_signature"),
                               b64(signWith(other, syncprotocol::witnessMessage(*c, WitnessedAt))));
    // And the first one not countersigned at all.
    copy.checkpoints[0].insert(QStringLiteral("witness_signature"), QJsonValue());

    const RemoteAuditVerdict v = verified(copy);
    QVERIFY(v.chain.intact()); // the register's own signatures are all right
    QVERIFY(!v.intact());
    QCOMPARE(v.witnessed, 0);
    QCOMPARE(v.unwitnessed, 1);
    QCOMPARE(v.witnessRefused, 1);
    QCOMPARE(v.lastWitnessed.checkpoint.count, 0);
    QVERIFY2(v.witnessProblem.contains(QStringLiteral("rows 0 to 250")),
             qPrintable(v.witnessProblem));
}

void TestRemoteAudit::noWitnessKeyIsSaid()
{
    auto v = RemoteAudit::verify(m_honest.fetch(), RemoteAuditExpectation{});
    QVERIFY(v);
    QVERIFY(v->chain.intact());
    QCOMPARE(v->witnessRefused, 2);
    QVERIFY2(v->witnessProblem.contains(QStringLiteral("no witness key")),
             qPrintable(v->witnessProblem));
}

void TestRemoteAudit::keyRememberedOnFirstSight()
{
    // A chain that does not verify teaches the desktop nothing.
    ServerCopy changed = m_honest;
    changed.rows[changed.indexOfRow(120)].insert(QStringLiteral("after"), QStringLiteral("{}"));
    KnownRegisters::Learned learned = KnownRegisters::Learned::FirstSeen;
    QVERIFY(!fetchedByTheDesktop(changed, &learned).intact());
    QCOMPARE(learned, KnownRegisters::Learned::Nothing);
    QVERIFY(!remembered());

    // The first intact chain: its key and head are remembered, with the time.
    const RemoteAuditVerdict first = fetchedByTheDesktop(m_honest, &learned);
    QVERIFY2(first.intact(), qPrintable(first.chain.explanation));
    QVERIFY(!first.remembered); // first seen now
    QCOMPARE(learned, KnownRegisters::Learned::FirstSeen);
    const auto known = remembered();
    QVERIFY(known);
    QCOMPARE(known->signingKey, m_store->db().auditLog()->publicKey());
    QCOMPARE(known->fingerprint, AuditVerifier::fingerprint(known->signingKey));
    QCOMPARE(known->firstSeenAt, QStringLiteral("2026-03-01T12:00:00.000Z"));
    QCOMPARE(known->rowCount, Rows);
    QCOMPARE(known->headHash, m_honest.headHash);

    // The next fetch of the same chain is held to it, and says so.
    m_clock.advanceSecs(3600);
    const RemoteAuditVerdict again = fetchedByTheDesktop(m_honest, &learned);
    QVERIFY(again.intact());
    QVERIFY(again.remembered);
    QCOMPARE(again.remembered->firstSeenAt, known->firstSeenAt);
    QCOMPARE(learned, KnownRegisters::Learned::Nothing);
}

void TestRemoteAudit::swappedKeyOfAKnownRegisterIsNamed()
{
    fetchedByTheDesktop(m_honest);
    QVERIFY(remembered());
    const QString seenFingerprint = remembered()->fingerprint;

    // Later the server re-signs the whole chain under a key of its own and enrols that key: the
    // gap of trusting the server's key, closed by the key this desktop remembered.
    m_clock.advanceSecs(86400);
    const ServerCopy swapped = resigned(m_honest, freshSigningKey());
    QVERIFY(verified(swapped).intact()); // against the server's key alone it holds together
    KnownRegisters::Learned learned = KnownRegisters::Learned::FirstSeen;
    const RemoteAuditVerdict v = fetchedByTheDesktop(swapped, &learned);
    QVERIFY(!v.intact());
    QCOMPARE(v.chain.damage, AuditDamage::WrongKey);
    QCOMPARE(v.chain.badSeq, 0);
    QCOMPARE(v.chain.rowsVerified, 0);
    const QString expected =
        QStringLiteral("The server shows another signing key for register Till 1 (%1) than this "
                       "desktop saw on 2026-03-01 12:00 UTC (fingerprint %2 then, %3 now): its "
                       "rows cannot be trusted.")
            .arg(RegisterId.left(8), seenFingerprint,
                 AuditVerifier::fingerprint(swapped.signingKey));
    QVERIFY2(v.chain.explanation.startsWith(expected), qPrintable(v.chain.explanation));
    QVERIFY2(
        v.chain.explanation.contains(QStringLiteral("enrolling again gives a new register id")),
        qPrintable(v.chain.explanation));
    QCOMPARE(learned, KnownRegisters::Learned::Nothing);

    // The server taking the key away altogether is the same verdict.
    ServerCopy noKey = m_honest;
    noKey.signingKey.clear();
    const RemoteAuditVerdict none = fetchedByTheDesktop(noKey);
    QCOMPARE(none.chain.damage, AuditDamage::WrongKey);
    QVERIFY2(none.chain.explanation.contains(QStringLiteral("then, (none) now")),
             qPrintable(none.chain.explanation));
}

void TestRemoteAudit::tailCutBelowTheRememberedHeadIsNamed()
{
    fetchedByTheDesktop(m_honest); // rows 0..300 verified on 2026-03-01

    // Rows 280.. removed past the newest checkpoint and the server's head made to fit: its
    // answers hold together, only this desktop's memory shows the cut.
    ServerCopy cut = m_honest;
    while (cut.rows.size() > 280)
        cut.rows.removeLast();
    cut.rowCount = 280;
    auto last = syncprotocol::auditRowFromJson(cut.rows.last());
    QVERIFY(last);
    cut.headHash = last->hash;
    QVERIFY(verified(cut).intact());
    m_clock.advanceSecs(3600);
    const RemoteAuditVerdict v = fetchedByTheDesktop(cut);
    QVERIFY(!v.intact());
    QCOMPARE(v.chain.damage, AuditDamage::CutOffTail);
    QCOMPARE(v.chain.badSeq, 280);
    QCOMPARE(v.chain.explanation,
             QStringLiteral("This desktop verified 301 rows of this register on 2026-03-01 12:00 "
                            "UTC, but the server now sends only 280: the last 21 rows were removed "
                            "on the server, or an older copy of the log was put back there."));
    QCOMPARE(remembered()->rowCount, Rows); // the remembered head stays where it was

    // A remembered head that is not the row the server now has at that place (a history the
    // register signed before its log was put back and written again): a rollback, named there.
    KnownRegister otherHistory = *remembered();
    otherHistory.rowCount = 201;
    otherHistory.headHash = auditformat::genesisPrevHash(QStringLiteral("another history"));
    RemoteAuditExpectation expect{m_witnessKey, {}, 0, otherHistory};
    auto forked = RemoteAudit::verify(m_honest.fetch(), expect);
    QVERIFY(forked);
    QCOMPARE(forked->chain.damage, AuditDamage::OlderFileBack);
    QCOMPARE(forked->chain.badSeq, 200);
    QVERIFY2(forked->chain.explanation.startsWith(
                 QStringLiteral("Row 200 is not the row 200 this desktop verified on 2026-03-01 "
                                "12:00 UTC as this register's newest")),
             qPrintable(forked->chain.explanation));

    // The store keeps the remembered head from moving back.
    auto q = m_store->db().query(
        "UPDATE known_registers SET row_count = 201, head_hash = ?1 WHERE register_id = ?2");
    QVERIFY(q);
    QVERIFY(!q->bind(1, m_honest.headHash).bind(2, RegisterId).run());
}

void TestRemoteAudit::goodFetchAdvancesTheRememberedHead()
{
    fetchedByTheDesktop(m_honest);
    const QString firstSeen = remembered()->firstSeenAt;

    // The register goes on trading and pushes its new rows; the desktop fetches again later.
    appendAuditRows(m_store->db(), 40);
    const ServerCopy grown = serverCopy();
    QCOMPARE(grown.rowCount, Rows + 40);
    m_clock.advanceSecs(7200);
    KnownRegisters::Learned learned = KnownRegisters::Learned::Nothing;
    const RemoteAuditVerdict v = fetchedByTheDesktop(grown, &learned);
    QVERIFY2(v.intact(), qPrintable(v.chain.explanation));
    QCOMPARE(learned, KnownRegisters::Learned::HeadAdvanced);
    const auto known = remembered();
    QCOMPARE(known->rowCount, Rows + 40);
    QCOMPARE(known->headHash, grown.headHash);
    QCOMPARE(known->headSeenAt, QStringLiteral("2026-03-01T14:00:00.000Z"));
    QCOMPARE(known->firstSeenAt, firstSeen);

    // From now on the old answer (301 rows) is a cut: the head moved forward for good.
    const RemoteAuditVerdict old = fetchedByTheDesktop(m_honest);
    QCOMPARE(old.chain.damage, AuditDamage::CutOffTail);
    QCOMPARE(old.chain.badSeq, Rows);
    QVERIFY2(old.chain.explanation.contains(QStringLiteral("verified 341 rows")),
             qPrintable(old.chain.explanation));
}

void TestRemoteAudit::rememberedKeyIsNotReplaced()
{
    fetchedByTheDesktop(m_honest);
    const KnownRegister before = *remembered();

    // A verdict reached with the server's key alone (as if the desktop had not asked its memory)
    // still cannot teach it another key.
    const ServerCopy swapped = resigned(m_honest, freshSigningKey());
    const RemoteAuditChain chain = swapped.fetch();
    auto v = RemoteAudit::verify(chain, {m_witnessKey, {}, 0, std::nullopt});
    QVERIFY(v && v->intact());
    auto learned = KnownRegisters(m_store->db(), m_clock).learn(chain, *v);
    QVERIFY(!learned);
    QCOMPARE(learned.error().code, ErrorCode::Conflict);
    QVERIFY2(learned.error().message.contains(QStringLiteral("the key it remembered is kept")),
             qPrintable(learned.error().message));
    QCOMPARE(remembered()->signingKey, before.signingKey);
    QCOMPARE(remembered()->rowCount, before.rowCount);

    // Nor can anything else that writes to the store: the key is fixed, the head only moves
    // forward, and the register is never forgotten.
    const QByteArray other = swapped.signingKey;
    for (const char* sql : {"UPDATE known_registers SET signing_key = ?1",
                            "UPDATE known_registers SET head_hash = ?1",
                            "UPDATE known_registers SET row_count = 5 WHERE ?1 IS NOT NULL",
                            "DELETE FROM known_registers WHERE ?1 IS NOT NULL"}) {
        auto q = m_store->db().query(sql);
        QVERIFY(q);
        auto s = q->bind(1, other).run();
        QVERIFY2(!s, sql);
    }
    QCOMPARE(remembered()->signingKey, before.signingKey);
    QCOMPARE(remembered()->headHash, before.headHash);
}

void TestRemoteAudit::registerListIsReadStrictly()
{
    const QJsonObject one = m_honest.describe();
    auto list =
        RemoteAudit::parseRegisters(QJsonObject{{QStringLiteral("registers"), QJsonArray{one}}});
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->at(0).registerId, RegisterId);
    QCOMPARE(list->at(0).name, QStringLiteral("Till 1"));
    QCOMPARE(list->at(0).storeId, StoreId);
    QCOMPARE(list->at(0).storeName, QStringLiteral("Harbour Street"));
    QCOMPARE(list->at(0).signingKey, m_honest.signingKey);
    QCOMPARE(list->at(0).rowCount, Rows);
    QCOMPARE(list->at(0).headHash, m_honest.headHash);

    // A register that has pushed nothing yet: no head.
    QJsonObject fresh = one;
    fresh.insert(QStringLiteral("row_count"), 0);
    fresh.insert(QStringLiteral("head_hash"), QJsonValue());
    QVERIFY(
        RemoteAudit::parseRegisters(QJsonObject{{QStringLiteral("registers"), QJsonArray{fresh}}}));
    // A server from before store names: the store shows by id.
    QJsonObject unnamed = one;
    unnamed.remove(QStringLiteral("store_name"));
    auto withoutName = RemoteAudit::parseRegisters(
        QJsonObject{{QStringLiteral("registers"), QJsonArray{unnamed}}});
    QVERIFY(withoutName && withoutName->at(0).storeName.isEmpty());

    QJsonObject badId = one;
    badId.insert(QStringLiteral("register_id"), QStringLiteral("../../etc"));
    QJsonObject badKey = one;
    badKey.insert(QStringLiteral("signing_key"), QStringLiteral("AAAA"));
    QJsonObject badHead = one;
    badHead.insert(QStringLiteral("head_hash"), QJsonValue());
    QJsonObject badStoreName = one;
    badStoreName.insert(QStringLiteral("store_name"), 7);
    for (const QJsonObject& bad : {badId, badKey, badHead, badStoreName}) {
        auto refused = RemoteAudit::parseRegisters(
            QJsonObject{{QStringLiteral("registers"), QJsonArray{bad}}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
        QVERIFY2(refused.error().message.contains(QStringLiteral("register 1 of the list")),
                 qPrintable(refused.error().message));
    }
    QVERIFY(!RemoteAudit::parseRegisters(QJsonObject{}));
}

void TestRemoteAudit::pageIsReadStrictly_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("words");
    QTest::newRow("row of another register")
        << QStringLiteral("row register") << "another register";
    QTest::newRow("page of another register")
        << QStringLiteral("page register") << "another register";
    QTest::newRow("row hash not base64") << QStringLiteral("row hash") << "hash";
    QTest::newRow("witness too short") << QStringLiteral("witness") << "witness_signature";
    QTest::newRow("no more flag") << QStringLiteral("more") << "more follows";
}

void TestRemoteAudit::pageIsReadStrictly()
{
    QFETCH(QString, how);
    QFETCH(QString, words);
    QJsonObject page = m_honest.page(-1, 300); // rows 0..299 and both checkpoints
    QJsonArray rows = page.value(QStringLiteral("rows")).toArray();
    QJsonArray checkpoints = page.value(QStringLiteral("checkpoints")).toArray();
    QCOMPARE(checkpoints.size(), 2);
    if (how == u"row register") {
        QJsonObject r = rows[5].toObject();
        r.insert(QStringLiteral("register_id"), StoreId);
        rows[5] = r;
    } else if (how == u"page register") {
        page.insert(QStringLiteral("register_id"), StoreId);
    } else if (how == u"row hash") {
        QJsonObject r = rows[5].toObject();
        r.insert(QStringLiteral("hash"), QStringLiteral("not base64!"));
        rows[5] = r;
    } else if (how == u"witness") {
        QJsonObject c = checkpoints[0].toObject();
        c.insert(QStringLiteral("witness_signature"), QStringLiteral("AAAA"));
        checkpoints[0] = c;
    } else if (how == u"more") {
        page.remove(QStringLiteral("more"));
    }
    page.insert(QStringLiteral("rows"), rows);
    page.insert(QStringLiteral("checkpoints"), checkpoints);
    auto parsed = RemoteAudit::parsePage(page, RegisterId);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    QVERIFY2(parsed.error().message.contains(words), qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestRemoteAudit)
#include "tst_remoteaudit.moc"
