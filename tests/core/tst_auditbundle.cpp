// AuditVerifier::verifyBundle (AUD-5): a bundle checked offline with nothing but the file. The
// bundles here are written by the test itself from docs/audit-format.md ("Export bundle"), not by
// the exporter, so the reader is held to the document; then lines are tampered with one by one.

#include "AuditTestLog.h"
#include "TestStore.h"
#include "audit/AuditVerifier.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QString RegisterId = TestStore::AuditRegisterId;
constexpr qint64 Rows = 301; // seq 0..300; checkpoints: start (1), shift_close (251), export (301)

QString hex(const QByteArray& b)
{
    return QString::fromLatin1(b.toHex());
}

QJsonObject rowJson(const AuditRow& r)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("row")},
                       {QStringLiteral("seq"), r.seq},
                       {QStringLiteral("at"), r.at},
                       {QStringLiteral("register_id"), r.registerId},
                       {QStringLiteral("actor"), r.actor},
                       {QStringLiteral("approver"), r.approver},
                       {QStringLiteral("action"), r.action},
                       {QStringLiteral("entity"), r.entity},
                       {QStringLiteral("before"), r.before},
                       {QStringLiteral("after"), r.after},
                       {QStringLiteral("app_version"), r.appVersion},
                       {QStringLiteral("host"), r.host},
                       {QStringLiteral("prev_hash"), hex(r.prevHash)},
                       {QStringLiteral("hash"), hex(r.hash)},
                       {QStringLiteral("signature"), hex(r.signature)}};
}

AuditRow rowFrom(const QJsonObject& o)
{
    AuditRow r;
    r.seq = o.value(QStringLiteral("seq")).toInteger();
    r.at = o.value(QStringLiteral("at")).toString();
    r.registerId = o.value(QStringLiteral("register_id")).toString();
    r.actor = o.value(QStringLiteral("actor")).toString();
    r.approver = o.value(QStringLiteral("approver")).toString();
    r.action = o.value(QStringLiteral("action")).toString();
    r.entity = o.value(QStringLiteral("entity")).toString();
    r.before = o.value(QStringLiteral("before")).toString();
    r.after = o.value(QStringLiteral("after")).toString();
    r.appVersion = o.value(QStringLiteral("app_version")).toString();
    r.host = o.value(QStringLiteral("host")).toString();
    r.prevHash = QByteArray::fromHex(o.value(QStringLiteral("prev_hash")).toString().toLatin1());
    r.hash = QByteArray::fromHex(o.value(QStringLiteral("hash")).toString().toLatin1());
    r.signature = QByteArray::fromHex(o.value(QStringLiteral("signature")).toString().toLatin1());
    return r;
}

QJsonObject checkpointJson(const AuditCheckpoint& c)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("checkpoint")},
                       {QStringLiteral("register_id"), c.registerId},
                       {QStringLiteral("row_count"), c.count},
                       {QStringLiteral("head_hash"), hex(c.headHash)},
                       {QStringLiteral("at"), c.at},
                       {QStringLiteral("reason"), c.reason},
                       {QStringLiteral("signature"), hex(c.signature)}};
}

QJsonObject object(const QByteArray& line)
{
    return QJsonDocument::fromJson(line).object();
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

struct Chain {
    QString registerId;
    QByteArray publicKey;
    QList<AuditRow> rows;
    QList<AuditCheckpoint> checkpoints;
};

// The bundle as lines: a header, every row of each register, then every checkpoint.
QList<QByteArray> bundleLines(const QList<Chain>& chains)
{
    QJsonArray registers;
    for (const Chain& c : chains)
        registers.append(QJsonObject{
            {QStringLiteral("register_id"), c.registerId},
            {QStringLiteral("public_key"), QString::fromLatin1(c.publicKey.toBase64())}});
    QList<QByteArray> lines{
        compact({{QStringLiteral("format"), QStringLiteral("pos-audit-bundle")},
                 {QStringLiteral("version"), 1},
                 {QStringLiteral("exported_at"), QStringLiteral("2026-11-21T12:00:00.000Z")},
                 {QStringLiteral("exported_by"), QStringLiteral("1")},
                 {QStringLiteral("registers"), registers}})};
    for (const Chain& c : chains)
        for (const AuditRow& r : c.rows)
            lines.append(compact(rowJson(r)));
    for (const Chain& c : chains)
        for (const AuditCheckpoint& cp : c.checkpoints)
            lines.append(compact(checkpointJson(cp)));
    return lines;
}

// Changes one field of the JSON object on a line.
void setField(QList<QByteArray>& lines, qsizetype index, const char* key, const QJsonValue& value)
{
    QJsonObject o = object(lines[index]);
    if (value.isUndefined())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), value);
    lines[index] = compact(o);
}

Chain chainOf(Database& db, const QString& registerId)
{
    return Chain{registerId, db.auditLog() ? db.auditLog()->publicKey() : QByteArray(),
                 readAuditRows(db, registerId), readAuditCheckpoints(db, registerId)};
}

// A register's log as the export leaves it: 301 rows, a shift close, the export's checkpoint.
Chain buildChain(TestStore& store)
{
    appendAuditRows(store.db(), Rows - 1, 250);
    auto tx = Transaction::begin(store.db());
    requireOk(tx ? Status{} : Status{std::unexpected(tx.error())}, "begin");
    requireOk(store.db().auditLog()->checkpoint(QStringLiteral("export")), "export checkpoint");
    requireOk(tx->commit(), "commit");
    return chainOf(store.db(), RegisterId);
}

QString writeFile(const QTemporaryDir& dir, const QList<QByteArray>& lines,
                  const QString& name = QStringLiteral("audit.posaudit"))
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    for (const QByteArray& l : lines) {
        f.write(l);
        f.write("\n");
    }
    return path;
}

QList<AuditVerdict> verify(const QString& path, const QByteArray& expectKey = {})
{
    auto v = AuditVerifier::verifyBundle(path, expectKey);
    if (!v)
        qFatal("verifyBundle failed: %s", qPrintable(v.error().message));
    return *v;
}

// The line index of row `seq` of the first register (line 1 is the header, at index 0).
qsizetype at(qint64 seq)
{
    return static_cast<qsizetype>(seq) + 1;
}

// What an insider editing the bundle can do without the key: recompute hashes from row `seq` on.
void relinkFrom(QList<QByteArray>& lines, qint64 seq)
{
    QByteArray prev = rowFrom(object(lines[at(seq - 1)])).hash;
    for (qint64 s = seq; s < Rows; ++s) {
        AuditRow r = rowFrom(object(lines[at(s)]));
        r.prevHash = prev;
        r.hash = auditformat::rowHash(r);
        lines[at(s)] = compact(rowJson(r));
        prev = r.hash;
    }
}

} // namespace

class TestAuditBundle : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void intactBundleVerifies();
    void tamperedLinesAreNamed_data();
    void tamperedLinesAreNamed();
    void aWholeChainSignedAgainNeedsTheExpectedKey();
    void notABundleIsAnError_data();
    void notABundleIsAnError();
    void severalRegistersGetAVerdictEach();
    void progressAndCancel();

private:
    std::unique_ptr<TestStore> m_store;
    Chain m_chain;
    QList<QByteArray> m_lines;
    QTemporaryDir m_dir;
};

void TestAuditBundle::initTestCase()
{
    m_store = std::make_unique<TestStore>();
    m_chain = buildChain(*m_store);
    QCOMPARE(m_chain.rows.size(), Rows);
    QCOMPARE(m_chain.checkpoints.size(), 3);
    m_lines = bundleLines({m_chain});
    QCOMPARE(m_lines.size(), 1 + Rows + 3);
}

void TestAuditBundle::intactBundleVerifies()
{
    const QString path = writeFile(m_dir, m_lines);
    QList<AuditVerdict> v = verify(path);
    QCOMPARE(v.size(), 1);
    QVERIFY2(v[0].intact(), qPrintable(v[0].explanation));
    QCOMPARE(v[0].registerId, RegisterId);
    QCOMPARE(v[0].publicKey, m_chain.publicKey);
    QCOMPARE(v[0].rowsVerified, Rows);
    QCOMPARE(v[0].checkpointsVerified, 3);

    v = verify(path, m_chain.publicKey);
    QVERIFY(v[0].intact());

    // --expect-key with another key: the bundle's key is not the register's.
    const QByteArray other = *Ed25519::publicKeyFor(freshSigningKey());
    v = verify(path, other);
    QCOMPARE(v[0].damage, AuditDamage::WrongKey);
    QCOMPARE(v[0].badSeq, 0);
    QVERIFY(v[0].explanation.contains(AuditVerifier::fingerprint(other)));
    QVERIFY(v[0].explanation.contains(AuditVerifier::fingerprint(m_chain.publicKey)));

    // Windows line ends and a missing last line break change nothing.
    QByteArray crlf = m_lines.join("\r\n");
    QFile f(m_dir.filePath(QStringLiteral("crlf.posaudit")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(crlf);
    f.close();
    v = verify(f.fileName());
    QVERIFY2(v[0].intact(), qPrintable(v[0].explanation));
}

void TestAuditBundle::tamperedLinesAreNamed_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("damageValue");
    QTest::addColumn<qint64>("badSeq");
    QTest::addColumn<QString>("says");
    const auto row = [](const char* how, AuditDamage d, qint64 seq, const char* says) {
        QTest::newRow(how) << QString::fromLatin1(how) << static_cast<int>(d) << seq
                           << QString::fromLatin1(says);
    };
    row("changed row", AuditDamage::ChangedRow, 57, "Row 57 was changed");
    row("row removed", AuditDamage::DeletedRow, 80, "Row 80 is missing");
    row("lines swapped", AuditDamage::Reordered, 30, "comes later in the bundle");
    row("seq swapped", AuditDamage::Reordered, 30, "signed as row 40");
    row("forged row", AuditDamage::ForgedRow, 90, "Row 90 is not signed");
    row("bad hex", AuditDamage::Unreadable, 20, "Line 22");
    row("short signature", AuditDamage::Unreadable, 21, "\"signature\"");
    row("missing field", AuditDamage::Unreadable, 33, "\"host\"");
    row("not JSON", AuditDamage::Unreadable, 10, "Line 12");
    row("oversize line", AuditDamage::Unreadable, 44, "Line 46");
    row("unknown line type", AuditDamage::Unreadable, 6, "Line 8");
    row("rows cut off", AuditDamage::CutOffTail, 281, "the last 20 rows were removed");
    row("closing checkpoint removed", AuditDamage::CutOffTail, 251, "closing checkpoint");
    row("checkpoint changed", AuditDamage::ForgedRow, 250, "checkpoint");
    row("header key swapped", AuditDamage::WrongKey, 0, "another key");
}

void TestAuditBundle::tamperedLinesAreNamed()
{
    QFETCH(QString, how);
    QFETCH(int, damageValue);
    QFETCH(qint64, badSeq);
    QFETCH(QString, says);
    const auto damage = static_cast<AuditDamage>(damageValue);

    QList<QByteArray> lines = m_lines;
    if (how == u"changed row") {
        setField(lines, at(57), "after", QStringLiteral("{}"));
    } else if (how == u"row removed") {
        lines.removeAt(at(80));
    } else if (how == u"lines swapped") {
        lines.swapItemsAt(at(30), at(40));
    } else if (how == u"seq swapped") {
        lines.swapItemsAt(at(30), at(40));
        setField(lines, at(30), "seq", 30);
        setField(lines, at(40), "seq", 40);
    } else if (how == u"forged row") {
        setField(lines, at(90), "after", QStringLiteral("{\"total_minor\":0}"));
        relinkFrom(lines, 90);
    } else if (how == u"bad hex") {
        QString h = object(lines[at(20)]).value(QStringLiteral("hash")).toString();
        h.replace(0, 2, QStringLiteral("zz"));
        setField(lines, at(20), "hash", h);
    } else if (how == u"short signature") {
        setField(lines, at(21), "signature",
                 object(lines[at(21)]).value(QStringLiteral("signature")).toString().left(126));
    } else if (how == u"missing field") {
        setField(lines, at(33), "host", QJsonValue(QJsonValue::Undefined));
    } else if (how == u"not JSON") {
        lines[at(10)] = "{\"type\":\"row\",\"seq\":10,";
    } else if (how == u"oversize line") {
        setField(lines, at(44), "after", QString(5 * 1024 * 1024, u'x'));
    } else if (how == u"unknown line type") {
        lines.insert(at(6), "{\"type\":\"note\",\"text\":\"hello\"}");
    } else if (how == u"rows cut off") {
        lines.remove(at(281), 20);
    } else if (how == u"closing checkpoint removed") {
        lines.removeLast();
    } else if (how == u"checkpoint changed") {
        setField(lines, lines.size() - 2, "reason", QStringLiteral("rows"));
    } else if (how == u"header key swapped") {
        QJsonObject header = object(lines[0]);
        header.insert(
            QStringLiteral("registers"),
            QJsonArray{QJsonObject{
                {QStringLiteral("register_id"), RegisterId},
                {QStringLiteral("public_key"),
                 QString::fromLatin1(Ed25519::publicKeyFor(freshSigningKey())->toBase64())}}});
        lines[0] = compact(header);
    }
    const QList<AuditVerdict> v = verify(writeFile(m_dir, lines));
    QCOMPARE(v.size(), 1);
    QVERIFY2(v[0].damage == damage,
             qPrintable(AuditVerifier::describe(v[0].damage) + u": " + v[0].explanation));
    QCOMPARE(v[0].badSeq, badSeq);
    QVERIFY2(v[0].explanation.contains(says), qPrintable(v[0].explanation));
}

void TestAuditBundle::aWholeChainSignedAgainNeedsTheExpectedKey()
{
    // Someone rebuilds the whole bundle under a key of their own: every line is consistent. Only
    // the register's key (its fingerprint, or --expect-key) tells it apart.
    const SecretBytes key = freshSigningKey();
    const QByteArray pub = *Ed25519::publicKeyFor(key);
    Chain fake = m_chain;
    fake.publicKey = pub;
    for (qsizetype i = 0; i < fake.rows.size(); ++i) {
        AuditRow& r = fake.rows[i];
        if (i == 0)
            r.after = QStringLiteral("{\"public_key\":\"%1\",\"register_id\":\"%2\"}")
                          .arg(QString::fromLatin1(pub.toBase64()), RegisterId);
        else
            r.prevHash = fake.rows[i - 1].hash;
        r.hash = auditformat::rowHash(r);
        r.signature = signWith(key, auditformat::signedMessage(r.hash));
    }
    for (AuditCheckpoint& c : fake.checkpoints) {
        c.headHash = fake.rows[c.count - 1].hash;
        c.signature = signWith(key, auditformat::checkpointMessage(c));
    }
    const QString path = writeFile(m_dir, bundleLines({fake}));
    QList<AuditVerdict> v = verify(path);
    QVERIFY(v[0].intact());
    QCOMPARE(AuditVerifier::fingerprint(v[0].publicKey), AuditVerifier::fingerprint(pub));
    QVERIFY(AuditVerifier::fingerprint(pub) != AuditVerifier::fingerprint(m_chain.publicKey));

    v = verify(path, m_chain.publicKey);
    QCOMPARE(v[0].damage, AuditDamage::WrongKey);
    QCOMPARE(v[0].badSeq, 0);
    QCOMPARE(v[0].rowsVerified, 0);
}

void TestAuditBundle::notABundleIsAnError_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("code");
    const int invalid = static_cast<int>(ErrorCode::InvalidInput);
    QTest::newRow("empty") << QByteArray() << invalid;
    QTest::newRow("blank lines") << QByteArray("\n\n\n") << invalid;
    QTest::newRow("a CSV") << QByteArray("seq,at,action\n0,2026-11-21,audit.genesis\n") << invalid;
    QTest::newRow("other format") << QByteArray("{\"format\":\"something\",\"version\":1}\n")
                                  << invalid;
    QTest::newRow("version 2") << QByteArray("{\"format\":\"pos-audit-bundle\",\"version\":2,"
                                             "\"registers\":[{\"register_id\":\"a\","
                                             "\"public_key\":\"\"}]}\n")
                               << invalid;
    QTest::newRow("no registers")
        << QByteArray("{\"format\":\"pos-audit-bundle\",\"version\":1,\"registers\":[]}\n")
        << invalid;
    QTest::newRow("a register twice")
        << QByteArray("{\"format\":\"pos-audit-bundle\",\"version\":1,\"registers\":["
                      "{\"register_id\":\"a\",\"public_key\":\"\"},"
                      "{\"register_id\":\"a\",\"public_key\":\"\"}]}\n")
        << invalid;
}

void TestAuditBundle::notABundleIsAnError()
{
    QFETCH(QByteArray, content);
    QFETCH(int, code);
    QFile f(m_dir.filePath(QStringLiteral("bad.posaudit")));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();
    auto v = AuditVerifier::verifyBundle(f.fileName());
    QVERIFY(!v.has_value());
    QCOMPARE(static_cast<int>(v.error().code), code);
    QVERIFY2(v.error().message.contains(f.fileName()), qPrintable(v.error().message));

    auto none = AuditVerifier::verifyBundle(m_dir.filePath(QStringLiteral("no-such-file")));
    QVERIFY(!none.has_value());
    QCOMPARE(none.error().code, ErrorCode::Io);
}

void TestAuditBundle::severalRegistersGetAVerdictEach()
{
    // A second register with its own store and key.
    const QString other = QStringLiteral("b5d0c3a1-7e2f-4c8a-9b1d-2f6e8a0c4d17");
    QTemporaryDir dir;
    MemoryKeyStore keys;
    auto db = StoreFile::openOrCreate(dir.filePath(QStringLiteral("b.db")), keys);
    QVERIFY(db.has_value());
    SystemClock clock;
    auto log = AuditLog::open(**db, keys, other, clock);
    QVERIFY(log.has_value());
    (*db)->attachAuditLog(std::move(*log));
    appendAuditRows(**db, 20);
    {
        auto tx = Transaction::begin(**db);
        QVERIFY(tx.has_value());
        QVERIFY((*db)->auditLog()->checkpoint(QStringLiteral("export")));
        QVERIFY(tx->commit());
    }
    const Chain second = chainOf(**db, other);

    QList<QByteArray> lines = bundleLines({m_chain, second});
    QList<AuditVerdict> v = verify(writeFile(m_dir, lines));
    QCOMPARE(v.size(), 2);
    QVERIFY2(v[0].intact() && v[1].intact(), qPrintable(v[0].explanation + v[1].explanation));
    QCOMPARE(v[1].registerId, other);
    QCOMPARE(v[1].rowsVerified, 21);
    QCOMPARE(v[1].publicKey, second.publicKey);

    // The second register's row 5 changed: the first register's chain is still vouched for.
    setField(lines, 1 + Rows + 5, "actor", QStringLiteral("99"));
    // And a row of a register the header does not list.
    QJsonObject stray = object(lines[1 + Rows + 6]);
    stray.insert(QStringLiteral("register_id"), QStringLiteral("not-in-the-header"));
    lines.insert(1 + Rows + 21, compact(stray));
    v = verify(writeFile(m_dir, lines));
    QCOMPARE(v.size(), 3);
    QVERIFY(v[0].intact());
    QCOMPARE(v[1].damage, AuditDamage::ChangedRow);
    QCOMPARE(v[1].badSeq, 5);
    QCOMPARE(v[2].registerId, QStringLiteral("not-in-the-header"));
    QCOMPARE(v[2].damage, AuditDamage::Unreadable);
    QVERIFY2(v[2].explanation.contains(QStringLiteral("does not list")),
             qPrintable(v[2].explanation));

    // A register in the header without a single row.
    QJsonObject header = object(lines[0]);
    QJsonArray registers = header.value(QStringLiteral("registers")).toArray();
    registers.append(QJsonObject{
        {QStringLiteral("register_id"), QStringLiteral("empty")},
        {QStringLiteral("public_key"), QString::fromLatin1(second.publicKey.toBase64())}});
    header.insert(QStringLiteral("registers"), registers);
    lines[0] = compact(header);
    v = verify(writeFile(m_dir, lines));
    QCOMPARE(v.size(), 4);
    QCOMPARE(v[2].registerId, QStringLiteral("empty"));
    QCOMPARE(v[2].damage, AuditDamage::Unreadable);
    QVERIFY(v[2].explanation.contains(QStringLiteral("no rows")));
}

void TestAuditBundle::progressAndCancel()
{
    const QString path = writeFile(m_dir, m_lines);
    const qint64 size = QFileInfo(path).size();
    QList<qint64> done;
    auto v = AuditVerifier::verifyBundle(path, {}, [&](qint64 d, qint64 total) {
        if (total != size)
            return false;
        done.append(d);
        return true;
    });
    QVERIFY(v.has_value());
    QVERIFY((*v)[0].intact());
    QVERIFY(!done.isEmpty());
    QCOMPARE(done.last(), size);

    auto cancelled = AuditVerifier::verifyBundle(path, {}, [](qint64, qint64) { return false; });
    QVERIFY(!cancelled.has_value());
    QCOMPARE(cancelled.error().code, ErrorCode::Conflict);
}

QTEST_GUILESS_MAIN(TestAuditBundle)
#include "tst_auditbundle.moc"
