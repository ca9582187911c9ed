#include "audit/AuditVerifier.h"

#include "audit/AuditChainCheck.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifierPool.h"
#include "crypto/Ed25519.h"
#include "store/Database.h"
#include "sync/WitnessStore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pos {

namespace {

// Progress returned false: the check stops and says so (the verdict is not known).
std::unexpected<Error> cancelled()
{
    return fail(ErrorCode::Conflict, QStringLiteral("the check of the audit log was cancelled"));
}

AuditVerdict verdictOf(const QString& registerId, const QByteArray& key, AuditDamage damage,
                       qint64 badSeq, const QString& explanation)
{
    AuditVerdict v;
    v.registerId = registerId;
    v.publicKey = key;
    v.damage = damage;
    v.badSeq = badSeq;
    v.explanation = explanation;
    return v;
}

void readRow(const Query& q, const QString& registerId, AuditRow& r)
{
    r.seq = q.int64(0);
    r.at = q.text(1);
    r.registerId = registerId;
    r.actor = q.text(2);
    r.approver = q.text(3);
    r.action = q.text(4);
    r.entity = q.text(5);
    r.before = q.text(6);
    r.after = q.text(7);
    r.appVersion = q.text(8);
    r.host = q.text(9);
    r.prevHash = q.blob(10);
    r.hash = q.blob(11);
    r.signature = q.blob(12);
}

// The public key named by a genesis row's after_json (empty if it names none).
QByteArray keyNamedBy(const QString& afterJson)
{
    const QJsonObject after = QJsonDocument::fromJson(afterJson.toUtf8()).object();
    const auto key = QByteArray::fromBase64Encoding(
        after.value(QLatin1String("public_key")).toString().toLatin1(),
        QByteArray::AbortOnBase64DecodingErrors);
    return key && key.decoded.size() == 32 ? *key : QByteArray();
}

Result<QList<AuditCheckpoint>> checkpointsOf(Database& db, const QString& registerId)
{
    auto q = db.query("SELECT row_count, head_hash, at, reason, signature FROM audit_checkpoints "
                      "WHERE register_id = ?1 ORDER BY row_count");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, registerId);
    QList<AuditCheckpoint> out;
    auto s = q->forEach([&] {
        AuditCheckpoint c;
        c.registerId = registerId;
        c.count = q->int64(0);
        c.headHash = q->blob(1);
        c.at = q->text(2);
        c.reason = q->text(3);
        c.signature = q->blob(4);
        out.append(c);
    });
    if (!s)
        return std::unexpected(s.error());
    return out;
}

// The sync server's countersigned checkpoints (AUD-3, AUD-4): each one that verifies with the
// witness key must be covered by the log as it is: as many rows, and the same row at its head.
// Whatever comes first in the log wins, the chain's own verdict or this.
Status checkWitnesses(Database& db, const QString& registerId, const QByteArray& witnessKey,
                      qint64 rowsPresent, AuditVerdict& v)
{
    auto witnessed = WitnessStore(db).forRegister(registerId);
    if (!witnessed)
        return std::unexpected(witnessed.error());
    for (const WitnessSignature& w : std::as_const(*witnessed)) {
        if (!WitnessStore::verify(w, witnessKey))
            continue; // not the server's: it proves nothing either way
        AuditDamage damage = AuditDamage::None;
        qint64 bad = -1;
        QString explanation;
        if (w.rowCount > rowsPresent) {
            damage = AuditDamage::CutOffTail;
            bad = rowsPresent;
            explanation =
                QStringLiteral("The log ends with row %1, but the sync server "
                               "countersigned on %2 that it had %3 rows: the last %4 "
                               "removed.")
                    .arg(rowsPresent - 1)
                    .arg(w.witnessedAt)
                    .arg(w.rowCount)
                    .arg(w.rowCount - rowsPresent == 1
                             ? QStringLiteral("row was")
                             : QStringLiteral("%1 rows were").arg(w.rowCount - rowsPresent));
        } else {
            auto q = db.query("SELECT hash FROM audit_log WHERE register_id = ?1 AND seq = ?2");
            if (!q)
                return std::unexpected(q.error());
            q->bind(1, registerId).bind(2, w.rowCount - 1);
            auto has = q->next();
            if (!has)
                return std::unexpected(has.error());
            if (*has && q->blob(0) != w.headHash) {
                damage = AuditDamage::ChangedRow;
                bad = w.rowCount - 1;
                explanation = QStringLiteral("Row %1 is not the row the sync server countersigned "
                                             "at that position on %2: the log was rewritten.")
                                  .arg(w.rowCount - 1)
                                  .arg(w.witnessedAt);
            }
        }
        if (damage == AuditDamage::None) {
            ++v.witnessesVerified;
            continue;
        }
        if (v.intact() || bad < v.badSeq) {
            v.damage = damage;
            v.badSeq = bad;
            v.explanation = explanation;
            v.rowsVerified = std::min(v.rowsVerified, bad);
        }
    }
    return {};
}

} // namespace

Result<AuditVerdict> AuditVerifier::verifyStore(Database& db, const QString& registerId,
                                                const AuditExpectation& expect,
                                                const AuditProgress& progress)
{
    auto counted = db.query("SELECT count(*) FROM audit_log WHERE register_id = ?1");
    if (!counted)
        return std::unexpected(counted.error());
    counted->bind(1, registerId);
    if (auto has = counted->next(); !has)
        return std::unexpected(has.error());
    const qint64 total = counted->int64(0);
    if (total == 0)
        return verdictOf(registerId, expect.publicKey, AuditDamage::Unreadable, 0,
                         QStringLiteral("There is no audit log for this register: not even its "
                                        "first row."));

    // The key to check against: the expected one, else the one the genesis row names.
    QByteArray key = expect.publicKey;
    if (key.isEmpty()) {
        auto g = db.query("SELECT after_json FROM audit_log WHERE register_id = ?1 AND seq = 0");
        if (!g)
            return std::unexpected(g.error());
        g->bind(1, registerId);
        auto has = g->next();
        if (!has)
            return std::unexpected(has.error());
        if (*has)
            key = keyNamedBy(g->text(0));
    }
    if (key.size() != static_cast<qsizetype>(Ed25519::PublicKeySize))
        return verdictOf(registerId, key,
                         key.isEmpty() ? AuditDamage::Unreadable : AuditDamage::WrongKey, 0,
                         key.isEmpty() ? QStringLiteral("The first row of the log, which names "
                                                        "the register's key, is missing or "
                                                        "unreadable.")
                                       : QStringLiteral("The key expected for this register is "
                                                        "not an Ed25519 public key."));

    // Checkpoints before rows: every checkpoint read here covers rows that are read below.
    auto checkpoints = checkpointsOf(db, registerId);
    if (!checkpoints)
        return std::unexpected(checkpoints.error());
    AuditChainCheck chain(registerId, key);
    for (const AuditCheckpoint& c : std::as_const(*checkpoints))
        chain.keepHashAt(c.count - 1);
    chain.keepHashAt(expect.acknowledged.count - 1);

    auto rowsQuery = db.query("SELECT seq, at, actor, approver, action, entity, before_json, "
                              "after_json, app_version, host, prev_hash, hash, signature "
                              "FROM audit_log WHERE register_id = ?1 ORDER BY seq");
    if (!rowsQuery)
        return std::unexpected(rowsQuery.error());
    Query& q = *rowsQuery;
    q.bind(1, registerId);

    AuditVerifierPool pool({{registerId, key}});
    qint64 read = 0;
    bool more = true;
    bool going = true; // false once the chain's verdict is known
    const auto handleOldest = [&]() -> bool {
        std::unique_ptr<AuditBatch> done = pool.take();
        if (!done)
            return true;
        for (const AuditItem& item : done->items)
            if (!chain.feed(item)) {
                going = false;
                break;
            }
        return !progress || progress(done->progress, total);
    };
    while (going && (more || !pool.empty())) {
        if (!more || pool.full()) {
            if (!handleOldest()) {
                pool.stop();
                return cancelled();
            }
            continue;
        }
        auto batch = std::make_unique<AuditBatch>();
        batch->items.reserve(AuditVerifierPool::BatchRows);
        while (batch->items.size() < AuditVerifierPool::BatchRows) {
            auto has = q.next();
            if (!has) {
                pool.stop();
                return std::unexpected(has.error());
            }
            if (!*has) {
                more = false;
                break;
            }
            AuditItem& item = batch->items.emplace_back();
            readRow(q, registerId, item.row);
        }
        read += static_cast<qint64>(batch->items.size());
        batch->progress = read;
        if (!batch->items.empty())
            pool.submit(std::move(batch));
    }
    pool.stop();

    AuditChainCheck::Ending ending;
    ending.rowsPresent = std::max(total, read);
    ending.checkpoints = *checkpoints;
    ending.acknowledged = expect.acknowledged;
    ending.lookup = [&db, &registerId](const QByteArray& hash) -> std::optional<qint64> {
        auto l = db.query("SELECT seq FROM audit_log WHERE hash = ?1 AND register_id = ?2");
        if (!l)
            return std::nullopt;
        l->bind(1, hash).bind(2, registerId);
        auto has = l->next();
        if (!has || !*has)
            return std::nullopt;
        return l->int64(0);
    };
    AuditVerdict verdict = chain.finish(ending);
    if (!expect.witnessKey.isEmpty())
        if (auto s = checkWitnesses(db, registerId, expect.witnessKey, total, verdict); !s)
            return std::unexpected(s.error());
    return verdict;
}

Result<AuditVerdict> AuditVerifier::verifyOwn(Database& db, const AuditProgress& progress)
{
    AuditLog* log = db.auditLog();
    if (!log)
        return fail(ErrorCode::Internal,
                    QStringLiteral("this register's audit log is not open, so it cannot be "
                                   "checked"));
    auto acknowledged = log->acknowledgedCheckpoint();
    if (!acknowledged)
        return std::unexpected(acknowledged.error());
    AuditExpectation expect;
    expect.publicKey = log->publicKey();
    expect.acknowledged = *acknowledged;
    auto witnessKey = WitnessStore(db).witnessKey();
    if (!witnessKey)
        return std::unexpected(witnessKey.error());
    expect.witnessKey = *witnessKey;
    return verifyStore(db, log->registerId(), expect, progress);
}

QString AuditVerifier::fingerprint(const QByteArray& publicKey)
{
    const QByteArray hex = sha256(publicKey).left(16).toHex();
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << QString::fromLatin1(hex.mid(i, 4));
    return groups.join(u' ');
}

QString AuditVerifier::describe(AuditDamage damage)
{
    switch (damage) {
    case AuditDamage::None:
        return QStringLiteral("no damage");
    case AuditDamage::ChangedRow:
        return QStringLiteral("a changed row");
    case AuditDamage::DeletedRow:
        return QStringLiteral("a deleted row");
    case AuditDamage::ForgedRow:
        return QStringLiteral("a forged row");
    case AuditDamage::Reordered:
        return QStringLiteral("rows out of order");
    case AuditDamage::CutOffTail:
        return QStringLiteral("a cut-off tail");
    case AuditDamage::OlderFileBack:
        return QStringLiteral("an older copy put back");
    case AuditDamage::WrongKey:
        return QStringLiteral("the wrong key");
    case AuditDamage::Unreadable:
        return QStringLiteral("an unreadable log");
    }
    return QStringLiteral("unknown damage");
}

} // namespace pos
