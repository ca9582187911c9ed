// The owner's view across registers (AUD-7): what GET /v1/audit answers is read strictly and each
// register's chain is verified on the desktop with that register's key. The "server" here is a
// copy of a real register's chain (written by AuditLog through TestStore) served as JSON pages in
// the contract's form, which a test then changes the way a dishonest server (or someone with its
// database) could: every change must show in the verdict, named and at the right row.
#include "AuditTestLog.h"
#include "crypto/Ed25519.h"
#include "sync/AuditWire.h"
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
    void registerListIsReadStrictly();
    void pageIsReadStrictly_data();
    void pageIsReadStrictly();

private:
    RemoteAuditVerdict verified(const ServerCopy& copy, const QByteArray& knownKey = {},
                                qint64 acknowledged = 0);

    std::unique_ptr<TestStore> m_store;
    SecretBytes m_witness;
    QByteArray m_witnessKey;
    ServerCopy m_honest;
};

void TestRemoteAudit::init()
{
    m_store = std::make_unique<TestStore>();
    appendAuditRows(m_store->db(), Rows - 1, ShiftCloseAfter); // + the genesis row
    m_witness = freshSigningKey();
    auto pub = Ed25519::publicKeyFor(m_witness);
    QVERIFY(pub);
    m_witnessKey = *pub;

    m_honest = {};
    const QList<AuditRow> rows = readAuditRows(m_store->db(), RegisterId);
    QCOMPARE(rows.size(), Rows);
    for (const AuditRow& r : rows)
        m_honest.rows.append(syncprotocol::auditRowToJson(r));
    const QList<AuditCheckpoint> checkpoints = readAuditCheckpoints(m_store->db(), RegisterId);
    QCOMPARE(checkpoints.size(), 2); // "start" (1 row) and "shift_close" (251 rows)
    for (const AuditCheckpoint& c : checkpoints) {
        QJsonObject o = syncprotocol::auditCheckpointToJson(c);
        o.insert(QStringLiteral("witness_signature"),
                 b64(signWith(m_witness, syncprotocol::witnessMessage(c, WitnessedAt))));
        o.insert(QStringLiteral("witnessed_at"), WitnessedAt);
        m_honest.checkpoints.append(o);
    }
    m_honest.signingKey = m_store->db().auditLog()->publicKey();
    m_honest.rowCount = Rows;
    m_honest.headHash = rows.last().hash;
}

void TestRemoteAudit::cleanup()
{
    m_store.reset();
}

RemoteAuditVerdict TestRemoteAudit::verified(const ServerCopy& copy, const QByteArray& knownKey,
                                             qint64 acknowledged)
{
    auto v = RemoteAudit::verify(copy.fetch(), {m_witnessKey, knownKey, acknowledged});
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
    auto v = RemoteAudit::verify(chain, {m_witnessKey, {}, 0}, [&](qint64 done, qint64 total) {
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
    const SecretBytes key = freshSigningKey();
    auto pub = Ed25519::publicKeyFor(key);
    QVERIFY(pub);
    ServerCopy copy = m_honest;
    QByteArray prev = auditformat::genesisPrevHash(RegisterId);
    for (QJsonObject& json : copy.rows) {
        auto r = syncprotocol::auditRowFromJson(json);
        QVERIFY(r);
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
        QVERIFY(c);
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
    QCOMPARE(list->at(0).signingKey, m_honest.signingKey);
    QCOMPARE(list->at(0).rowCount, Rows);
    QCOMPARE(list->at(0).headHash, m_honest.headHash);

    // A register that has pushed nothing yet: no head.
    QJsonObject fresh = one;
    fresh.insert(QStringLiteral("row_count"), 0);
    fresh.insert(QStringLiteral("head_hash"), QJsonValue());
    QVERIFY(
        RemoteAudit::parseRegisters(QJsonObject{{QStringLiteral("registers"), QJsonArray{fresh}}}));

    QJsonObject badId = one;
    badId.insert(QStringLiteral("register_id"), QStringLiteral("../../etc"));
    QJsonObject badKey = one;
    badKey.insert(QStringLiteral("signing_key"), QStringLiteral("AAAA"));
    QJsonObject badHead = one;
    badHead.insert(QStringLiteral("head_hash"), QJsonValue());
    for (const QJsonObject& bad : {badId, badKey, badHead}) {
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
