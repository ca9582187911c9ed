// AuditVerifier on a register's store (AUD-4): a log is built through AuditLog as services write
// it, then a dishonest insider with the database key opens the same encrypted file, drops the
// triggers and tampers with it in plain SQL, one kind of damage per test row. The verifier must
// name the kind and the first bad row (docs/audit-format.md, "What the verifier reports").

#include "AuditTestLog.h"
#include "TestStore.h"
#include "audit/AuditVerifier.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncStateStore.h"
#include "sync/WitnessStore.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QFile>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QString RegisterId = TestStore::AuditRegisterId;

// 301 rows (seq 0..300) with a "shift_close" checkpoint after seq 250 (it covers 251 rows); the
// key store's acknowledged checkpoint is that one.
constexpr qint64 Rows = 301;
constexpr qint64 ShiftCloseAfter = 250;

void buildLog(TestStore& store)
{
    appendAuditRows(store.db(), Rows - 1, ShiftCloseAfter);
}

AuditVerdict verifyOwn(TestStore& store, const AuditProgress& progress = {})
{
    auto v = AuditVerifier::verifyOwn(store.db(), progress);
    if (!v)
        qFatal("verifyOwn failed: %s", qPrintable(v.error().message));
    return *v;
}

QByteArray otherPublicKey(const SecretBytes& key)
{
    auto pub = Ed25519::publicKeyFor(key);
    return pub ? *pub : QByteArray();
}

void tamper(const QString& how, TestStore& store)
{
    AuditInsider insider(store);
    QList<AuditRow> rows = insider.rows();
    if (how == u"changed row") {
        insider.exec("UPDATE audit_log SET after_json = '{\"status\":\"open\"}' WHERE seq = 123");
    } else if (how == u"changed genesis key") {
        AuditRow g = rows[0];
        const QByteArray other = otherPublicKey(freshSigningKey());
        g.after = QStringLiteral("{\"public_key\":\"%1\",\"register_id\":\"%2\"}")
                      .arg(QString::fromLatin1(other.toBase64()), RegisterId);
        insider.write(g, 0);
    } else if (how == u"deleted row") {
        insider.exec("DELETE FROM audit_log WHERE seq = 150");
    } else if (how == u"deleted rows") {
        insider.exec("DELETE FROM audit_log WHERE seq BETWEEN 150 AND 152");
    } else if (how == u"deleted genesis") {
        insider.exec("DELETE FROM audit_log WHERE seq = 0");
    } else if (how == u"deleted and renumbered") {
        insider.exec("DELETE FROM audit_log WHERE seq = 170");
        insider.shiftSeq(171, -1);
    } else if (how == u"forged row, hash recomputed") {
        AuditRow r = rows[77];
        r.after = QStringLiteral("{\"status\":\"void\",\"total_minor\":1}");
        r.hash = auditformat::rowHash(r);
        insider.write(r, 77);
        insider.relinkFrom(78);
    } else if (how == u"forged row, other key") {
        const SecretBytes key = freshSigningKey();
        AuditRow r = rows[90];
        r.action = QStringLiteral("sale.complete");
        r.hash = auditformat::rowHash(r);
        r.signature = signWith(key, auditformat::signedMessage(r.hash));
        insider.write(r, 90);
        insider.resignFrom(91, key);
    } else if (how == u"inserted row") {
        const SecretBytes key = freshSigningKey();
        insider.shiftSeq(60, 1);
        AuditRow r = rows[59];
        r.seq = 60;
        r.action = QStringLiteral("shift.cash_in");
        r.prevHash = rows[59].hash;
        r.hash = auditformat::rowHash(r);
        r.signature = signWith(key, auditformat::signedMessage(r.hash));
        insider.insert(r);
    } else if (how == u"rows swapped") {
        insider.swapSeq(30, 40);
    } else if (how == u"neighbours swapped") {
        insider.swapSeq(200, 201);
    } else if (how == u"cut-off tail") {
        insider.exec("DELETE FROM audit_log WHERE seq >= 240");
    } else if (how == u"checkpoint changed") {
        insider.exec("UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000Z' "
                     "WHERE row_count = 251");
    } else if (how == u"re-signed with another key") {
        // The whole chain made again under a key of the insider's: a consistent log that names
        // the insider's key in its first row, with checkpoints to match.
        const SecretBytes key = freshSigningKey();
        AuditRow g = rows[0];
        g.after = QStringLiteral("{\"public_key\":\"%1\",\"register_id\":\"%2\"}")
                      .arg(QString::fromLatin1(otherPublicKey(key).toBase64()), RegisterId);
        insider.write(g, 0);
        insider.resignFrom(0, key);
        const QList<AuditRow> now = insider.rows();
        insider.exec("DELETE FROM audit_checkpoints");
        for (qint64 count : {qint64(1), ShiftCloseAfter + 1}) {
            AuditCheckpoint c{RegisterId,
                              count,
                              now[count - 1].hash,
                              QStringLiteral("2026-11-21T10:00:00.000Z"),
                              QStringLiteral("shift_close"),
                              {}};
            c.signature = signWith(key, auditformat::checkpointMessage(c));
            auto q = insider.db().query("INSERT INTO audit_checkpoints VALUES (?1, ?2, ?3, ?4, "
                                        "?5, ?6)");
            q->bind(1, c.registerId).bind(2, c.count).bind(3, c.headHash).bind(4, c.at);
            q->bind(5, c.reason).bind(6, c.signature);
            requireOk(q->run(), "inserting a checkpoint");
        }
    } else {
        qFatal("unknown tampering %s", qPrintable(how));
    }
}

} // namespace

class TestAuditVerifier : public QObject {
    Q_OBJECT

private slots:
    void intactLogVerifies();
    void damageIsNamed_data();
    void damageIsNamed();
    void olderFilePutBack();
    void rowsAfterTheNewestCheckpointAreOnlyAsSafeAsTheKeyStoreCopy();
    void serverWitnessCatchesATailCutWithItsCheckpoint();
    void expectedKeyDecides();
    void noLogAtAll();
    void manyBatches();
    void describeAndFingerprint();
};

void TestAuditVerifier::intactLogVerifies()
{
    TestStore store;
    buildLog(store);
    const AuditVerdict v = verifyOwn(store);
    QVERIFY2(v.intact(), qPrintable(v.explanation));
    QCOMPARE(v.damage, AuditDamage::None);
    QCOMPARE(v.rowsVerified, Rows);
    QCOMPARE(v.checkpointsVerified, 2); // "start" and "shift_close"
    QCOMPARE(v.badSeq, -1);
    QCOMPARE(v.registerId, RegisterId);
    QCOMPARE(v.publicKey, store.db().auditLog()->publicKey());

    // Without any expectation: the genesis row's key, the same result.
    auto bare = AuditVerifier::verifyStore(store.db(), RegisterId, AuditExpectation{});
    QVERIFY(bare.has_value());
    QVERIFY(bare->intact());
    QCOMPARE(bare->rowsVerified, Rows);
    QCOMPARE(bare->publicKey, store.db().auditLog()->publicKey());
}

void TestAuditVerifier::damageIsNamed_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("damageValue");
    QTest::addColumn<qint64>("badSeq");
    QTest::addColumn<QString>("says");

    const auto row = [](const char* how, AuditDamage d, qint64 seq, const char* says) {
        QTest::newRow(how) << QString::fromLatin1(how) << static_cast<int>(d) << seq
                           << QString::fromLatin1(says);
    };
    row("changed row", AuditDamage::ChangedRow, 123, "Row 123 was changed after it was signed");
    row("changed genesis key", AuditDamage::ChangedRow, 0, "Row 0 was changed");
    row("deleted row", AuditDamage::DeletedRow, 150, "Row 150 is missing");
    row("deleted rows", AuditDamage::DeletedRow, 150, "3 rows were deleted");
    row("deleted genesis", AuditDamage::DeletedRow, 0, "start of the log");
    row("deleted and renumbered", AuditDamage::DeletedRow, 170, "signed as row 171");
    row("forged row, hash recomputed", AuditDamage::ForgedRow, 77, "Row 77 is not signed");
    row("forged row, other key", AuditDamage::ForgedRow, 90, "Row 90 is not signed");
    row("inserted row", AuditDamage::ForgedRow, 60, "Row 60 is not signed");
    row("rows swapped", AuditDamage::Reordered, 30, "Row 30 is the row that was signed as row 40");
    row("neighbours swapped", AuditDamage::Reordered, 200,
        "Row 200 is the row that was signed as row 201");
    row("cut-off tail", AuditDamage::CutOffTail, 240, "the last 11 rows were removed");
    row("checkpoint changed", AuditDamage::ForgedRow, 250, "checkpoint");
    row("re-signed with another key", AuditDamage::WrongKey, 0, "another key");
}

void TestAuditVerifier::damageIsNamed()
{
    QFETCH(QString, how);
    QFETCH(int, damageValue);
    const auto damage = static_cast<AuditDamage>(damageValue);
    QFETCH(qint64, badSeq);
    QFETCH(QString, says);

    TestStore store;
    buildLog(store);
    QVERIFY(verifyOwn(store).intact());
    tamper(how, store);

    const AuditVerdict v = verifyOwn(store);
    QVERIFY2(v.damage == damage,
             qPrintable(AuditVerifier::describe(v.damage) + u": " + v.explanation));
    QCOMPARE(v.badSeq, badSeq);
    QCOMPARE(v.rowsVerified, badSeq);
    QVERIFY2(v.explanation.contains(says), qPrintable(v.explanation));
    QVERIFY(!v.intact());
}

void TestAuditVerifier::olderFilePutBack()
{
    TestStore store;
    appendAuditRows(store.db(), 100); // 101 rows; the key store has the "start" checkpoint
    store.close();
    const QString backup = store.dir() + QStringLiteral("/backup.db");
    QVERIFY(QFile::copy(store.path(), backup));
    QVERIFY(!QFile::exists(store.path() + QStringLiteral("-wal")) ||
            QFile(store.path() + QStringLiteral("-wal")).size() == 0);
    QVERIFY(store.reopen());

    // The register goes on: 30 more rows and a shift close; the key store's copy moves on.
    appendAuditRows(store.db(), 30, 130);
    QVERIFY(verifyOwn(store).intact());
    QCOMPARE(store.db().auditLog()->acknowledgedCheckpoint()->count, 131);

    // The old file is put back.
    const auto putBack = [&] {
        store.close();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(store.path() + QLatin1String(suffix));
        QVERIFY(QFile::copy(backup, store.path()));
        QVERIFY(store.reopen());
    };
    putBack();
    AuditVerdict v = verifyOwn(store);
    QCOMPARE(v.damage, AuditDamage::OlderFileBack);
    QCOMPARE(v.badSeq, 101);
    QCOMPARE(v.rowsVerified, 101);
    QVERIFY2(v.explanation.contains(QStringLiteral("The log has 101 rows")) &&
                 v.explanation.contains(QStringLiteral("131 rows")),
             qPrintable(v.explanation));

    // Even when the register has written past that point since: the row at the acknowledged
    // position is not the one recorded there.
    appendAuditRows(store.db(), 40);
    v = verifyOwn(store);
    QCOMPARE(v.damage, AuditDamage::OlderFileBack);
    QCOMPARE(v.badSeq, 130);
    QVERIFY2(v.explanation.contains(QStringLiteral("Row 130 is not the row")),
             qPrintable(v.explanation));

    // Without the key store's copy there is nothing to tell the old file from the new.
    AuditExpectation noCopy;
    noCopy.publicKey = store.db().auditLog()->publicKey();
    auto blind = AuditVerifier::verifyStore(store.db(), RegisterId, noCopy);
    QVERIFY(blind.has_value());
    QVERIFY(blind->intact());
}

void TestAuditVerifier::rowsAfterTheNewestCheckpointAreOnlyAsSafeAsTheKeyStoreCopy()
{
    // Rows after the newest checkpoint are covered by nothing outside themselves: cutting them off
    // leaves a shorter log that is whole. This is the design's limit (docs/audit-format.md,
    // "Checkpoints"), kept visible here; a checkpoint at every shift close narrows it.
    TestStore store;
    buildLog(store);
    {
        AuditInsider insider(store);
        insider.exec("DELETE FROM audit_log WHERE seq > 250");
    }
    const AuditVerdict v = verifyOwn(store);
    QVERIFY(v.intact());
    QCOMPARE(v.rowsVerified, ShiftCloseAfter + 1);
    // One row more and it is caught.
    {
        AuditInsider insider(store);
        insider.exec("DELETE FROM audit_log WHERE seq = 250");
    }
    QCOMPARE(verifyOwn(store).damage, AuditDamage::CutOffTail);
}

void TestAuditVerifier::serverWitnessCatchesATailCutWithItsCheckpoint()
{
    // An export checkpoint covers all 301 rows and the sync server countersigned it (the witness,
    // AUD-3). An insider cuts rows 260.. off and removes that checkpoint too: the file's own
    // checkpoints (1 and 251 rows) still fit, and without the key store's copy only the witness
    // tells.
    TestStore store;
    buildLog(store);
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx);
        QVERIFY(store.db().auditLog()->checkpoint(QStringLiteral("export")));
        QVERIFY(tx->commit());
    }
    const AuditCheckpoint head = readAuditCheckpoints(store.db(), RegisterId).last();
    QCOMPARE(head.count, Rows);
    const SecretBytes witnessPrivate = freshSigningKey();
    const QByteArray witnessKey = otherPublicKey(witnessPrivate);
    QVERIFY(SyncStateStore(store.db())
                .set(syncstate::WitnessKey, QString::fromLatin1(witnessKey.toBase64())));
    const QString at = QStringLiteral("2026-11-21T18:00:00.000Z");
    const auto witness = [&](const AuditCheckpoint& c, const SecretBytes& key) {
        return QJsonObject{
            {QStringLiteral("register_id"), c.registerId},
            {QStringLiteral("row_count"), c.count},
            {QStringLiteral("head_hash"), QString::fromLatin1(c.headHash.toBase64())},
            {QStringLiteral("witnessed_at"), at},
            {QStringLiteral("signature"),
             QString::fromLatin1(signWith(key, syncprotocol::witnessMessage(c, at)).toBase64())}};
    };
    auto kept = WitnessStore(store.db())
                    .storeFromPush(QJsonArray{witness(head, witnessPrivate)}, witnessKey);
    QVERIFY(kept && kept->stored == 1);
    QCOMPARE(verifyOwn(store).witnessesVerified, 1);

    {
        AuditInsider insider(store);
        insider.exec("DELETE FROM audit_log WHERE seq >= 260");
        insider.exec("DELETE FROM audit_checkpoints WHERE row_count = 301");
    }
    AuditExpectation noCopy;
    noCopy.publicKey = store.db().auditLog()->publicKey();
    auto blind = AuditVerifier::verifyStore(store.db(), RegisterId, noCopy);
    QVERIFY(blind && blind->intact()); // without the witness the shorter log looks whole

    noCopy.witnessKey = witnessKey;
    auto v = AuditVerifier::verifyStore(store.db(), RegisterId, noCopy);
    QVERIFY(v.has_value());
    QCOMPARE(v->damage, AuditDamage::CutOffTail);
    QCOMPARE(v->badSeq, 260);
    QCOMPARE(v->rowsVerified, 260);
    QVERIFY2(v->explanation.contains(u"the sync server countersigned") &&
                 v->explanation.contains(u"41 rows were removed"),
             qPrintable(v->explanation));
    QVERIFY(!verifyOwn(store).intact());

    // A witness row that is not the server's signature proves nothing and is not believed.
    TestStore other;
    buildLog(other);
    {
        auto tx = Transaction::begin(other.db());
        QVERIFY(tx);
        QVERIFY(other.db().auditLog()->checkpoint(QStringLiteral("export")));
        QVERIFY(tx->commit());
    }
    const AuditCheckpoint otherHead = readAuditCheckpoints(other.db(), RegisterId).last();
    {
        AuditInsider insider(other);
        auto q =
            insider.db().query("INSERT INTO audit_witness VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        AuditCheckpoint inflated = otherHead;
        inflated.count = Rows + 50;
        q->bind(1, RegisterId).bind(2, inflated.count).bind(3, inflated.headHash);
        q->bind(4, inflated.at).bind(5, inflated.reason).bind(6, at);
        q->bind(7, signWith(freshSigningKey(), syncprotocol::witnessMessage(inflated, at)));
        requireOk(q->run(), "inserting a witness");
    }
    AuditExpectation withWitness;
    withWitness.publicKey = other.db().auditLog()->publicKey();
    withWitness.witnessKey = witnessKey;
    auto forged = AuditVerifier::verifyStore(other.db(), RegisterId, withWitness);
    QVERIFY(forged && forged->intact());
    QCOMPARE(forged->witnessesVerified, 0);

    // The last row replaced by someone holding the register's own key (the chain is whole and
    // signed): the countersigned head no longer matches.
    TestStore third;
    buildLog(third);
    {
        auto tx = Transaction::begin(third.db());
        QVERIFY(tx);
        QVERIFY(third.db().auditLog()->checkpoint(QStringLiteral("export")));
        QVERIFY(tx->commit());
    }
    const AuditCheckpoint thirdHead = readAuditCheckpoints(third.db(), RegisterId).last();
    QVERIFY(SyncStateStore(third.db())
                .set(syncstate::WitnessKey, QString::fromLatin1(witnessKey.toBase64())));
    QVERIFY(WitnessStore(third.db())
                .storeFromPush(QJsonArray{witness(thirdHead, witnessPrivate)}, witnessKey));
    {
        AuditInsider insider(third);
        insider.exec("DELETE FROM audit_log WHERE seq = 300");
        insider.exec("DELETE FROM audit_checkpoints WHERE row_count = 301");
    }
    appendAuditRows(third.db(), 1);
    AuditExpectation thirdExpect;
    thirdExpect.publicKey = third.db().auditLog()->publicKey();
    thirdExpect.witnessKey = witnessKey;
    auto rewritten = AuditVerifier::verifyStore(third.db(), RegisterId, thirdExpect);
    QVERIFY(rewritten.has_value());
    QCOMPARE(rewritten->damage, AuditDamage::ChangedRow);
    QCOMPARE(rewritten->badSeq, 300);
    QVERIFY2(rewritten->explanation.contains(u"countersigned"), qPrintable(rewritten->explanation));
}

void TestAuditVerifier::expectedKeyDecides()
{
    TestStore store;
    appendAuditRows(store.db(), 20);
    const QByteArray other = otherPublicKey(freshSigningKey());
    auto v = AuditVerifier::verifyStore(store.db(), RegisterId, AuditExpectation{other, {}, {}});
    QVERIFY(v.has_value());
    QCOMPARE(v->damage, AuditDamage::WrongKey);
    QCOMPARE(v->badSeq, 0);
    QCOMPARE(v->rowsVerified, 0);
    QVERIFY(v->explanation.contains(AuditVerifier::fingerprint(other)));
    QVERIFY(
        v->explanation.contains(AuditVerifier::fingerprint(store.db().auditLog()->publicKey())));

    // A key that is not a key at all.
    v = AuditVerifier::verifyStore(store.db(), RegisterId, AuditExpectation{"short", {}, {}});
    QVERIFY(v.has_value());
    QCOMPARE(v->damage, AuditDamage::WrongKey);
}

void TestAuditVerifier::noLogAtAll()
{
    TestStore store;
    auto v = AuditVerifier::verifyStore(store.db(), QStringLiteral("no-such-register"),
                                        AuditExpectation{});
    QVERIFY(v.has_value());
    QCOMPARE(v->damage, AuditDamage::Unreadable);
    QCOMPARE(v->badSeq, 0);
    QVERIFY(v->explanation.contains(QStringLiteral("no audit log")));

    // No log attached: verifyOwn refuses rather than vouching for nothing.
    MemoryKeyStore keys;
    QTemporaryDir dir;
    auto bare = StoreFile::openOrCreate(dir.filePath(QStringLiteral("r.db")), keys);
    QVERIFY(bare.has_value());
    QVERIFY(!AuditVerifier::verifyOwn(**bare).has_value());
}

void TestAuditVerifier::manyBatches()
{
    // More rows than one batch of the worker threads holds, checkpoints every 1000 rows.
    TestStore store;
    appendAuditRows(store.db(), 5000, -1, 1000);
    QList<std::pair<qint64, qint64>> calls;
    AuditVerdict v = verifyOwn(store, [&](qint64 done, qint64 total) {
        calls.append({done, total});
        return true;
    });
    QVERIFY2(v.intact(), qPrintable(v.explanation));
    QCOMPARE(v.rowsVerified, 5001);
    QCOMPARE(v.checkpointsVerified, 6); // start, then 1000 .. 5000
    QVERIFY(calls.size() >= 3);
    for (qsizetype i = 1; i < calls.size(); ++i)
        QVERIFY(calls[i].first > calls[i - 1].first);
    QCOMPARE(calls.last(), std::make_pair(qint64(5001), qint64(5001)));

    // Cancelled on the first progress call: an error, not a verdict.
    auto cancelled = AuditVerifier::verifyOwn(store.db(), [](qint64, qint64) { return false; });
    QVERIFY(!cancelled.has_value());
    QCOMPARE(cancelled.error().code, ErrorCode::Conflict);
    QVERIFY(cancelled.error().message.contains(QStringLiteral("cancelled")));

    // A row moved from the last batch to the first, then one changed in a later batch.
    {
        AuditInsider insider(store);
        insider.swapSeq(100, 4500);
    }
    v = verifyOwn(store);
    QCOMPARE(v.damage, AuditDamage::Reordered);
    QCOMPARE(v.badSeq, 100);
    {
        AuditInsider insider(store);
        insider.swapSeq(100, 4500);
        insider.exec("UPDATE audit_log SET host = 'elsewhere' WHERE seq = 4100");
    }
    v = verifyOwn(store);
    QCOMPARE(v.damage, AuditDamage::ChangedRow);
    QCOMPARE(v.badSeq, 4100);
    QCOMPARE(v.rowsVerified, 4100);
    QCOMPARE(v.checkpointsVerified, 5); // the one at 5000 is past the bad row
}

void TestAuditVerifier::describeAndFingerprint()
{
    QCOMPARE(AuditVerifier::describe(AuditDamage::ChangedRow), QStringLiteral("a changed row"));
    QCOMPARE(AuditVerifier::describe(AuditDamage::CutOffTail), QStringLiteral("a cut-off tail"));
    QCOMPARE(AuditVerifier::describe(AuditDamage::None), QStringLiteral("no damage"));
    for (auto d : {AuditDamage::DeletedRow, AuditDamage::ForgedRow, AuditDamage::Reordered,
                   AuditDamage::OlderFileBack, AuditDamage::WrongKey, AuditDamage::Unreadable})
        QVERIFY(!AuditVerifier::describe(d).isEmpty());

    // RFC 8032 TEST 1's public key; SHA-256 of it computed independently (Python hashlib).
    const QByteArray pub =
        QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    QCOMPARE(AuditVerifier::fingerprint(pub),
             QStringLiteral("21fe 31df a154 a261 626b f854 046f d227"));
}

QTEST_GUILESS_MAIN(TestAuditVerifier)
#include "tst_auditverifier.moc"
