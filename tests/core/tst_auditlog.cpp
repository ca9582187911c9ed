// AuditLog (AUD-2, AUD-3): the genesis row binds the register id and its public key, rows are
// hash-chained and signed in the caller's transaction, checkpoints are written every 1000 rows and
// copied to the key store only after a commit, the tables refuse UPDATE and DELETE. Hashes and
// signatures are recomputed here from docs/audit-format.md with QCryptographicHash, not with
// AuditFormat.cpp, so a layout that drifts from the document fails. The canonical JSON itself is
// tested in tst_canonicaljson.

#include "Clock.h"
#include "TestStore.h"
#include "audit/AuditFormat.h"
#include "audit/AuditLog.h"
#include "audit/CanonicalJson.h"
#include "crypto/Ed25519.h"
#include "store/StoreFile.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QtEndian>

using namespace pos;
using pos::test::TestStore;

namespace {

const QString RegisterId = TestStore::AuditRegisterId;

// ---- docs/audit-format.md, written out again independently of AuditFormat.cpp ----
void be32(QByteArray& out, quint32 v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(static_cast<char>((v >> shift) & 0xff));
}
void be64(QByteArray& out, quint64 v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.append(static_cast<char>((v >> shift) & 0xff));
}
void field(QByteArray& out, const QString& s)
{
    const QByteArray u = s.toUtf8();
    be32(out, static_cast<quint32>(u.size()));
    out.append(u);
}
QByteArray tag(const char* t)
{
    QByteArray out(t);
    out.append('\0');
    return out;
}
QByteArray sigMessage(const QByteArray& hash)
{
    QByteArray m = tag("POS-AUDIT-SIG-v1");
    m.append(hash);
    return m;
}
QByteArray sha(const QByteArray& in)
{
    return QCryptographicHash::hash(in, QCryptographicHash::Sha256);
}
QByteArray docGenesisPrev(const QString& registerId)
{
    return sha(tag("POS-AUDIT-GENESIS-v1") + registerId.toUtf8());
}
QByteArray docRowHash(const AuditRow& r)
{
    QByteArray in = tag("POS-AUDIT-ROW-v1") + r.prevHash;
    be64(in, static_cast<quint64>(r.seq));
    for (const QString& f : {r.at, r.registerId, r.actor, r.approver, r.action, r.entity, r.before,
                             r.after, r.appVersion, r.host})
        field(in, f);
    return sha(in);
}
QByteArray docCheckpointMessage(const AuditCheckpoint& c)
{
    QByteArray in = tag("POS-AUDIT-CHECKPOINT-v1");
    field(in, c.registerId);
    be64(in, static_cast<quint64>(c.count));
    in.append(c.headHash);
    field(in, c.at);
    field(in, c.reason);
    return in;
}

QList<AuditRow> readRows(Database& db)
{
    QList<AuditRow> rows;
    auto q = db.query("SELECT seq, at, register_id, actor, approver, action, entity, before_json, "
                      "after_json, app_version, host, prev_hash, hash, signature FROM audit_log "
                      "ORDER BY register_id, seq");
    if (!q)
        return rows;
    auto s = q->forEach([&] {
        AuditRow r;
        r.seq = q->int64(0);
        r.at = q->text(1);
        r.registerId = q->text(2);
        r.actor = q->text(3);
        r.approver = q->text(4);
        r.action = q->text(5);
        r.entity = q->text(6);
        r.before = q->text(7);
        r.after = q->text(8);
        r.appVersion = q->text(9);
        r.host = q->text(10);
        r.prevHash = q->blob(11);
        r.hash = q->blob(12);
        r.signature = q->blob(13);
        rows.append(r);
    });
    return s ? rows : QList<AuditRow>{};
}

QList<AuditCheckpoint> readCheckpoints(Database& db)
{
    QList<AuditCheckpoint> out;
    auto q = db.query("SELECT register_id, row_count, head_hash, at, reason, signature "
                      "FROM audit_checkpoints ORDER BY row_count");
    if (!q)
        return out;
    auto s = q->forEach([&] {
        AuditCheckpoint c;
        c.registerId = q->text(0);
        c.count = q->int64(1);
        c.headHash = q->blob(2);
        c.at = q->text(3);
        c.reason = q->text(4);
        c.signature = q->blob(5);
        out.append(c);
    });
    return s ? out : QList<AuditCheckpoint>{};
}

qint64 rowCount(Database& db)
{
    auto n = db.scalar("SELECT count(*) FROM audit_log");
    return n ? *n : -1;
}

// The key store's copy of the acknowledged checkpoint as stored text, or empty.
QByteArray keptCheckpoint(MemoryKeyStore& keys)
{
    auto s = keys.read(AuditLog::checkpointNameFor(RegisterId));
    if (!s)
        return {};
    return QByteArray(reinterpret_cast<const char*>(s->data()), static_cast<qsizetype>(s->size()));
}

AuditEntry entry(const QString& action, qint64 n)
{
    return AuditEntry{12,
                      0,
                      action,
                      audit::entity("sale", n),
                      QJsonObject{},
                      QJsonObject{{QStringLiteral("total_minor"), n * 100}}};
}

// Appends n rows in one transaction.
bool appendRows(Database& db, qint64 n)
{
    auto tx = Transaction::begin(db);
    if (!tx)
        return false;
    for (qint64 i = 0; i < n; ++i)
        if (!audit::record(db, entry(QStringLiteral("sale.void"), i)))
            return false;
    return tx->commit().has_value();
}

QString canon(const QString& json)
{
    auto c = canonicaljson::canonicalize(json);
    return c ? *c : QStringLiteral("<error: %1>").arg(c.error().message);
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

private slots:
    void genesisBindsRegisterIdAndKey();
    void rowsAreChainedSignedAndFollowTheDocument();
    void appendIsRefusedOutsideATransaction();
    void rolledBackRowsVanishAndTheChainContinuesWithoutAGap();
    void aCheckpointAfterEvery1000thRow();
    void keyStoreCopyOnlyAfterCommitAndNeverBackwards();
    void reopeningContinuesTheSameChain();
    void openRefusesAMissingKey();
    void openRefusesAnotherKey();
    void triggersRefuseUpdateAndDelete();
    void beforeAndAfterAreCanonicalJson();
    void fractionsAreRefusedAndNothingIsWritten();
};

void TestAuditLog::genesisBindsRegisterIdAndKey()
{
    MemoryKeyStore keys;
    QTemporaryDir dir;
    auto db = StoreFile::openOrCreate(dir.filePath(QStringLiteral("r.db")), keys);
    QVERIFY(db.has_value());
    ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(10, 15, 30, 123), Qt::UTC));
    QCOMPARE(rowCount(**db), 0);
    auto log = AuditLog::open(**db, keys, RegisterId, clock);
    QVERIFY2(log.has_value(), log ? "" : qPrintable(log.error().message));

    // The key pair: the private key in the key store, its public key is the log's.
    auto priv = keys.read(AuditLog::keyNameFor(RegisterId));
    QVERIFY(priv.has_value());
    QCOMPARE(priv->size(), Ed25519::PrivateKeySize);
    auto pub = Ed25519::publicKeyFor(*priv);
    QVERIFY(pub.has_value());
    QCOMPARE((*log)->publicKey(), *pub);

    const QList<AuditRow> rows = readRows(**db);
    QCOMPARE(rows.size(), 1);
    const AuditRow& g = rows.first();
    QCOMPARE(g.seq, 0);
    QCOMPARE(g.at, QStringLiteral("2026-11-21T10:15:30.123Z"));
    QCOMPARE(g.registerId, RegisterId);
    QCOMPARE(g.actor, QString());
    QCOMPARE(g.approver, QString());
    QCOMPARE(g.action, QStringLiteral("audit.genesis"));
    QCOMPARE(g.entity, QStringLiteral("register:") + RegisterId);
    QCOMPARE(g.before, QStringLiteral("{}"));
    QCOMPARE(g.after, QStringLiteral("{\"public_key\":\"%1\",\"register_id\":\"%2\"}")
                          .arg(QString::fromLatin1(pub->toBase64()), RegisterId));
    QCOMPARE(g.prevHash.toHex(), docGenesisPrev(RegisterId).toHex());
    QCOMPARE(g.hash.toHex(), docRowHash(g).toHex());
    QVERIFY(Ed25519::verify(*pub, sigMessage(g.hash), g.signature));
    // Another register's genesis starts elsewhere: a chain cannot be grafted onto another id.
    QVERIFY(docGenesisPrev(QStringLiteral("another-register")) != g.prevHash);

    // The chain starts with a signed "start" checkpoint, kept in the key store too.
    const QList<AuditCheckpoint> cps = readCheckpoints(**db);
    QCOMPARE(cps.size(), 1);
    QCOMPARE(cps[0].count, 1);
    QCOMPARE(cps[0].reason, QStringLiteral("start"));
    QCOMPARE(cps[0].headHash, g.hash);
    QVERIFY(Ed25519::verify(*pub, docCheckpointMessage(cps[0]), cps[0].signature));
    QCOMPARE(keptCheckpoint(keys), QByteArray("1 ") + g.hash.toHex());
}

void TestAuditLog::rowsAreChainedSignedAndFollowTheDocument()
{
    TestStore store;
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx.has_value());
        auto seq = store.db().auditLog()->append(
            AuditEntry{7, 3, QStringLiteral("sale.void"), QStringLiteral("sale:41"),
                       QJsonObject{{QStringLiteral("status"), QStringLiteral("open")}},
                       QJsonObject{{QStringLiteral("status"), QStringLiteral("void")}}});
        QVERIFY(seq.has_value());
        QCOMPARE(*seq, 1);
        for (int i = 0; i < 4; ++i)
            QVERIFY(audit::record(store.db(), entry(QStringLiteral("auth.sign_in_failed"), i)));
        QVERIFY(tx->commit());
    }
    const QByteArray pub = store.db().auditLog()->publicKey();
    const QList<AuditRow> rows = readRows(store.db());
    QCOMPARE(rows.size(), 6);
    const QRegularExpression iso(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const AuditRow& r = rows[i];
        QCOMPARE(r.seq, i);
        QVERIFY2(iso.match(r.at).hasMatch(), qPrintable(r.at));
        QCOMPARE(r.hash.toHex(), docRowHash(r).toHex());
        QCOMPARE(r.prevHash, i == 0 ? docGenesisPrev(RegisterId) : rows[i - 1].hash);
        QVERIFY(Ed25519::verify(pub, sigMessage(r.hash), r.signature));
        QVERIFY(!r.appVersion.isEmpty());
    }
    QCOMPARE(rows[1].actor, QStringLiteral("7"));
    QCOMPARE(rows[1].approver, QStringLiteral("3"));
    QCOMPARE(rows[1].before, QStringLiteral("{\"status\":\"open\"}"));
    QCOMPARE(rows[1].after, QStringLiteral("{\"status\":\"void\"}"));
    QCOMPARE(rows[2].approver, QString());
    // A signature made for one row does not fit another.
    QVERIFY(!Ed25519::verify(pub, sigMessage(rows[2].hash), rows[1].signature));
}

void TestAuditLog::appendIsRefusedOutsideATransaction()
{
    TestStore store;
    const qint64 before = rowCount(store.db());
    auto s = audit::record(store.db(), entry(QStringLiteral("sale.void"), 1));
    QVERIFY(!s.has_value());
    QVERIFY2(s.error().message.contains(QStringLiteral("transaction")),
             qPrintable(s.error().message));
    QCOMPARE(rowCount(store.db()), before);
    auto c = store.db().auditLog()->checkpoint(QStringLiteral("shift_close"));
    QVERIFY(!c.has_value());

    // Inside one, an entry without an action or an entity is refused too.
    auto tx = Transaction::begin(store.db());
    QVERIFY(tx.has_value());
    auto noAction = store.db().auditLog()->append(
        AuditEntry{1, 0, QString(), QStringLiteral("user:1"), {}, {}});
    QVERIFY(!noAction.has_value());
    QCOMPARE(noAction.error().code, ErrorCode::InvalidInput);
    auto noEntity = store.db().auditLog()->append(
        AuditEntry{1, 0, QStringLiteral("user.create"), QString(), {}, {}});
    QVERIFY(!noEntity.has_value());
    QVERIFY(tx->commit());
    QCOMPARE(rowCount(store.db()), before);

    // A store without an attached log refuses audited changes (fails closed).
    MemoryKeyStore keys;
    QTemporaryDir dir;
    auto bare = StoreFile::openOrCreate(dir.filePath(QStringLiteral("r.db")), keys);
    QVERIFY(bare.has_value());
    auto tx2 = Transaction::begin(**bare);
    QVERIFY(tx2.has_value());
    auto none = audit::record(**bare, entry(QStringLiteral("sale.void"), 1));
    QVERIFY(!none.has_value());
    QVERIFY(none.error().message.contains(QStringLiteral("not open")));
}

void TestAuditLog::rolledBackRowsVanishAndTheChainContinuesWithoutAGap()
{
    TestStore store;
    QVERIFY(appendRows(store.db(), 3)); // seq 1..3
    const QByteArray head = readRows(store.db()).last().hash;
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx.has_value());
        for (int i = 0; i < 5; ++i)
            QVERIFY(audit::record(store.db(), entry(QStringLiteral("refund.create"), i)));
        QCOMPARE(rowCount(store.db()), 9);
        // no commit: the change and its audit rows are rolled back together
    }
    QCOMPARE(rowCount(store.db()), 4);
    QVERIFY(appendRows(store.db(), 2));
    const QList<AuditRow> rows = readRows(store.db());
    QCOMPARE(rows.size(), 6);
    for (qsizetype i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i].seq, i);
    QCOMPARE(rows[4].prevHash, head);
    QCOMPARE(rows[4].action, QStringLiteral("sale.void"));
    QCOMPARE(rows[5].prevHash, rows[4].hash);
}

void TestAuditLog::aCheckpointAfterEvery1000thRow()
{
    TestStore store;
    // Genesis is row 1; 998 more make 999 rows: no "rows" checkpoint yet.
    QVERIFY(appendRows(store.db(), 998));
    QCOMPARE(readCheckpoints(store.db()).size(), 1);
    QVERIFY(appendRows(store.db(), 1)); // the 1000th row (seq 999)
    QList<AuditCheckpoint> cps = readCheckpoints(store.db());
    QCOMPARE(cps.size(), 2);
    QCOMPARE(cps[1].count, 1000);
    QCOMPARE(cps[1].reason, QStringLiteral("rows"));
    const QList<AuditRow> rows = readRows(store.db());
    QCOMPARE(cps[1].headHash, rows[999].hash);
    QVERIFY(Ed25519::verify(store.db().auditLog()->publicKey(), docCheckpointMessage(cps[1]),
                            cps[1].signature));
    QCOMPARE(keptCheckpoint(store.keys()), QByteArray("1000 ") + rows[999].hash.toHex());

    // The 2000th row falls in the middle of a transaction: its checkpoint covers exactly 2000.
    QVERIFY(appendRows(store.db(), 1005));
    cps = readCheckpoints(store.db());
    QCOMPARE(cps.size(), 3);
    QCOMPARE(cps[2].count, 2000);
    QCOMPARE(cps[2].headHash, readRows(store.db())[1999].hash);
    QVERIFY(keptCheckpoint(store.keys()).startsWith("2000 "));
}

void TestAuditLog::keyStoreCopyOnlyAfterCommitAndNeverBackwards()
{
    TestStore store;
    AuditLog* log = store.db().auditLog();
    const QByteArray start = keptCheckpoint(store.keys());
    QVERIFY(start.startsWith("1 "));

    // Rolled back: neither the checkpoint row nor the key store copy.
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx.has_value());
        QVERIFY(audit::record(store.db(), entry(QStringLiteral("shift.close"), 1)));
        QVERIFY(log->checkpoint(QStringLiteral("shift_close")));
        QCOMPARE(readCheckpoints(store.db()).size(), 2);
        QCOMPARE(keptCheckpoint(store.keys()), start);
    }
    QCOMPARE(readCheckpoints(store.db()).size(), 1);
    QCOMPARE(keptCheckpoint(store.keys()), start);
    auto ack = log->acknowledgedCheckpoint();
    QVERIFY(ack.has_value());
    QCOMPARE(ack->count, 1);

    // Committed: the copy moves only once COMMIT has happened.
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx.has_value());
        QVERIFY(audit::record(store.db(), entry(QStringLiteral("shift.close"), 2)));
        QVERIFY(log->checkpoint(QStringLiteral("shift_close")));
        QCOMPARE(keptCheckpoint(store.keys()), start);
        QVERIFY(tx->commit());
    }
    const QByteArray head = readRows(store.db()).last().hash;
    QCOMPARE(keptCheckpoint(store.keys()), QByteArray("2 ") + head.toHex());
    ack = log->acknowledgedCheckpoint();
    QVERIFY(ack.has_value());
    QCOMPARE(ack->count, 2);
    QCOMPARE(ack->headHash, head);

    // Never backwards: a copy that is further on (another writer got there first) is kept.
    const QByteArray ahead = QByteArray("5000 ") + QByteArray(32, 'a').toHex();
    QByteArray aheadCopy = ahead;
    QVERIFY(store.keys().write(AuditLog::checkpointNameFor(RegisterId),
                               SecretBytes::takeFrom(aheadCopy)));
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx.has_value());
        QVERIFY(audit::record(store.db(), entry(QStringLiteral("shift.close"), 3)));
        QVERIFY(log->checkpoint(QStringLiteral("shift_close")));
        QVERIFY(tx->commit());
    }
    QCOMPARE(readCheckpoints(store.db()).last().count, 3);
    QCOMPARE(keptCheckpoint(store.keys()), ahead);
}

void TestAuditLog::reopeningContinuesTheSameChain()
{
    TestStore store;
    QVERIFY(appendRows(store.db(), 2));
    const QByteArray pub = store.db().auditLog()->publicKey();
    store.close();
    QVERIFY(store.reopen()); // AuditLog::open again with the key from the key store
    QCOMPARE(store.db().auditLog()->publicKey(), pub);
    QCOMPARE(rowCount(store.db()), 3); // no second genesis
    QVERIFY(appendRows(store.db(), 1));
    const QList<AuditRow> rows = readRows(store.db());
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[3].seq, 3);
    QCOMPARE(rows[3].prevHash, rows[2].hash);
}

void TestAuditLog::openRefusesAMissingKey()
{
    TestStore store;
    SystemClock clock;
    QVERIFY(store.keys().remove(AuditLog::keyNameFor(RegisterId)));
    auto log = AuditLog::open(store.db(), store.keys(), RegisterId, clock);
    QVERIFY(!log.has_value());
    QCOMPARE(log.error().code, ErrorCode::NotFound);
    QVERIFY2(log.error().message.contains(QStringLiteral("signing key")) &&
                 log.error().message.contains(store.keys().describe()),
             qPrintable(log.error().message));
    // Nothing was started over: still one genesis, no new key.
    QCOMPARE(rowCount(store.db()), 1);
    QVERIFY(!store.keys().read(AuditLog::keyNameFor(RegisterId)).has_value());
}

void TestAuditLog::openRefusesAnotherKey()
{
    TestStore store;
    SystemClock clock;
    auto other = Ed25519::generatePrivateKey();
    QVERIFY(other.has_value());
    const QByteArray otherHex = QByteArray(reinterpret_cast<const char*>(other->data()),
                                           static_cast<qsizetype>(other->size()))
                                    .toHex();
    QVERIFY(store.keys().write(AuditLog::keyNameFor(RegisterId), *other));
    auto log = AuditLog::open(store.db(), store.keys(), RegisterId, clock);
    QVERIFY(!log.has_value());
    QCOMPARE(log.error().code, ErrorCode::WrongKeyOrDamaged);
    QVERIFY2(log.error().message.contains(QStringLiteral("not the key")),
             qPrintable(log.error().message));
    QVERIFY(!log.error().message.contains(QString::fromLatin1(otherHex)));
    QCOMPARE(rowCount(store.db()), 1);
}

void TestAuditLog::triggersRefuseUpdateAndDelete()
{
    TestStore store;
    QVERIFY(appendRows(store.db(), 2));
    const QList<AuditRow> before = readRows(store.db());
    for (const char* sql : {"UPDATE audit_log SET after_json = '{}' WHERE seq = 1",
                            "UPDATE audit_log SET seq = 7 WHERE seq = 2",
                            "DELETE FROM audit_log WHERE seq = 2", "DELETE FROM audit_log"}) {
        auto s = store.db().exec(sql);
        QVERIFY2(!s.has_value(), sql);
        QVERIFY2(s.error().message.contains(QStringLiteral("audit row cannot be")),
                 qPrintable(s.error().message));
    }
    for (const char* sql :
         {"UPDATE audit_checkpoints SET row_count = 9", "DELETE FROM audit_checkpoints"}) {
        auto s = store.db().exec(sql);
        QVERIFY2(!s.has_value(), sql);
        QVERIFY2(s.error().message.contains(QStringLiteral("audit checkpoint cannot be")),
                 qPrintable(s.error().message));
    }
    const QList<AuditRow> after = readRows(store.db());
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].hash, before[i].hash);
        QCOMPARE(after[i].after, before[i].after);
    }
    QCOMPARE(readCheckpoints(store.db()).size(), 1);
}

void TestAuditLog::beforeAndAfterAreCanonicalJson()
{
    TestStore store;
    auto tx = Transaction::begin(store.db());
    QVERIFY(tx.has_value());
    QJsonObject before{{QStringLiteral("role"), QStringLiteral("cashier")},
                       {QStringLiteral("active"), true},
                       {QStringLiteral("discount_limit_ppm"), 100000}};
    QJsonObject after{{QStringLiteral("role"), QStringLiteral("manager")},
                      {QStringLiteral("stores"), QJsonArray{3, 1}},
                      {QStringLiteral("note"), QStringLiteral("line\n\"two\"")},
                      {QStringLiteral("approved_by"), QJsonValue()}};
    QVERIFY(audit::record(store.db(), AuditEntry{1, 0, QStringLiteral("user.role_change"),
                                                 QStringLiteral("user:5"), before, after}));
    QVERIFY(tx->commit());
    const AuditRow r = readRows(store.db()).last();
    QCOMPARE(r.before,
             QStringLiteral(R"({"active":true,"discount_limit_ppm":100000,"role":"cashier"})"));
    QCOMPARE(r.after,
             QStringLiteral("{\"approved_by\":null,\"note\":\"line\\n\\\"two\\\"\",\"role\":"
                            "\"manager\",\"stores\":[3,1]}"));
    // What is stored is canonical: canonicalizing it again changes nothing.
    QCOMPARE(canon(r.before), r.before);
    QCOMPARE(canon(r.after), r.after);
}

void TestAuditLog::fractionsAreRefusedAndNothingIsWritten()
{
    TestStore store;
    const qint64 before = rowCount(store.db());
    {
        auto tx = Transaction::begin(store.db());
        QVERIFY(tx.has_value());
        auto s = audit::record(
            store.db(), AuditEntry{1, 0, QStringLiteral("sale.discount"), QStringLiteral("sale:1"),
                                   QJsonObject{}, QJsonObject{{QStringLiteral("amount"), 12.5}}});
        QVERIFY(!s.has_value());
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QVERIFY(s.error().message.contains(QStringLiteral("whole numbers")));
        QCOMPARE(rowCount(store.db()), before);
        QVERIFY(tx->commit());
    }
    QCOMPARE(rowCount(store.db()), before);
    QVERIFY(!canonicaljson::serialize(QJsonObject{{QStringLiteral("x"), 0.1}}).has_value());
    QVERIFY(!canonicaljson::canonicalize(QStringLiteral(R"({"x":[1,2.25]})")).has_value());
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
