#include "sync/RemoteAudit.h"

#include "audit/AuditChainCheck.h"
#include "audit/AuditVerifierPool.h"
#include "crypto/Ed25519.h"
#include "sync/AuditWire.h"
#include "sync/KnownRegisters.h"
#include "sync/WitnessStore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QUuid>

#include <memory>

namespace pos {

namespace {

constexpr qint64 MaxWholeNumber = qint64(1) << 53;

std::unexpected<Error> bad(const QString& where, const QString& what)
{
    return fail(
        ErrorCode::InvalidInput,
        QStringLiteral("The sync server's audit answer is not usable: %1 %2.").arg(where, what));
}

bool isUuid(const QString& s)
{
    return s.size() == 36 && !QUuid::fromString(s).isNull() && s == s.toLower();
}

Result<QString> textField(const QJsonObject& o, const QString& where, const char* field)
{
    const QJsonValue v = o.value(QLatin1String(field));
    if (!v.isString())
        return bad(where, QStringLiteral("has no text %1").arg(QLatin1String(field)));
    if (v.toString().size() > syncprotocol::MaxAuditTextLength)
        return bad(where, QStringLiteral("has a %1 that is too long").arg(QLatin1String(field)));
    return v.toString();
}

Result<qint64> wholeField(const QJsonObject& o, const QString& where, const char* field,
                          qint64 minimum)
{
    const QJsonValue v = o.value(QLatin1String(field));
    const qint64 a = v.toInteger(-1);
    if (!v.isDouble() || a != v.toInteger(-2) || a < minimum || a > MaxWholeNumber)
        return bad(where, QStringLiteral("has no whole number %1").arg(QLatin1String(field)));
    return a;
}

// base64 of exactly `size` bytes, or null (empty result) when nullAllowed.
Result<QByteArray> binaryField(const QJsonObject& o, const QString& where, const char* field,
                               qsizetype size, bool nullAllowed)
{
    const QJsonValue v = o.value(QLatin1String(field));
    if (nullAllowed && (v.isNull() || v.isUndefined()))
        return QByteArray();
    const auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!v.isString() || !decoded || decoded.decoded.size() != size)
        return bad(
            where,
            QStringLiteral("has no %1 of %2 bytes in base64").arg(QLatin1String(field)).arg(size));
    return decoded.decoded;
}

Result<RemoteRegister> parseRegister(const QJsonObject& o, const QString& where)
{
    RemoteRegister r;
    auto id = textField(o, where, "register_id");
    if (!id)
        return std::unexpected(id.error());
    if (!isUuid(*id))
        return bad(where, QStringLiteral("has a register_id that is not a UUID"));
    r.registerId = *id;
    auto name = textField(o, where, "name");
    if (!name)
        return std::unexpected(name.error());
    r.name = *name;
    auto store = textField(o, where, "store_id");
    if (!store)
        return std::unexpected(store.error());
    if (!isUuid(*store))
        return bad(where, QStringLiteral("has a store_id that is not a UUID"));
    r.storeId = *store;
    // store_name came later: a server that does not send it leaves the store to show by id.
    if (o.contains(QLatin1String("store_name"))) {
        auto storeName = textField(o, where, "store_name");
        if (!storeName)
            return std::unexpected(storeName.error());
        r.storeName = *storeName;
    }
    auto key = binaryField(o, where, "signing_key", 32, true);
    if (!key)
        return std::unexpected(key.error());
    r.signingKey = *key;
    const QJsonValue revoked = o.value(QLatin1String("revoked"));
    if (!revoked.isUndefined() && !revoked.isBool())
        return bad(where, QStringLiteral("has a revoked that is not true or false"));
    r.revoked = revoked.toBool(false);
    auto count = wholeField(o, where, "row_count", 0);
    if (!count)
        return std::unexpected(count.error());
    r.rowCount = *count;
    auto head = binaryField(o, where, "head_hash", 32, true);
    if (!head)
        return std::unexpected(head.error());
    r.headHash = *head;
    if ((r.rowCount == 0) != r.headHash.isEmpty())
        return bad(where, QStringLiteral("has a head_hash that does not fit its row_count"));
    return r;
}

QString rowsText(qint64 n)
{
    return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(n);
}

void decideAt(AuditVerdict& v, AuditDamage damage, qint64 seq, const QString& explanation)
{
    v.damage = damage;
    v.badSeq = seq;
    v.rowsVerified = std::min(v.rowsVerified, std::max<qint64>(seq, 0));
    v.explanation = explanation;
}

QString registerText(const RemoteRegister& reg)
{
    return reg.name.isEmpty() ? reg.registerId
                              : QStringLiteral("%1 (%2)").arg(reg.name, reg.registerId.left(8));
}

QString keySwapped(const RemoteRegister& reg, const KnownRegister& k)
{
    return QStringLiteral("The server shows another signing key for register %1 than this "
                          "desktop saw on %2 (fingerprint %3 then, %4 now): its rows cannot be "
                          "trusted. A register's key never changes (enrolling again gives a new "
                          "register id), so the server's copy of it was replaced.")
        .arg(registerText(reg), KnownRegisters::when(k.firstSeenAt), k.fingerprint,
             reg.signingKey.isEmpty() ? QStringLiteral("(none)")
                                      : AuditVerifier::fingerprint(reg.signingKey));
}

QString cutBelow(const KnownRegister& k, qint64 total)
{
    const qint64 missing = k.rowCount - total;
    return QStringLiteral("This desktop verified %1 of this register on %2, but the server now "
                          "sends only %3: the last %4 removed on the server, or an older copy of "
                          "the log was put back there.")
        .arg(rowsText(k.rowCount), KnownRegisters::when(k.headSeenAt))
        .arg(total)
        .arg(missing == 1 ? QStringLiteral("row was")
                          : QStringLiteral("%1 rows were").arg(missing));
}

QString forkedAt(const KnownRegister& k)
{
    return QStringLiteral("Row %1 is not the row %1 this desktop verified on %2 as this register's "
                          "newest: the server's copy of the log was rolled back and written "
                          "again from there.")
        .arg(k.rowCount - 1)
        .arg(KnownRegisters::when(k.headSeenAt));
}

} // namespace

Result<QList<RemoteRegister>> RemoteAudit::parseRegisters(const QJsonObject& body)
{
    const QJsonValue list = body.value(QLatin1String("registers"));
    if (!list.isArray())
        return bad(QStringLiteral("the list"), QStringLiteral("has no registers"));
    QList<RemoteRegister> out;
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("register %1 of the list").arg(i + 1);
        if (!array.at(i).isObject())
            return bad(where, QStringLiteral("is not an object"));
        auto r = parseRegister(array.at(i).toObject(), where);
        if (!r)
            return std::unexpected(r.error());
        out.append(*r);
    }
    return out;
}

Result<RemoteAuditPage> RemoteAudit::parsePage(const QJsonObject& body, const QString& registerId)
{
    RemoteAuditPage page;
    auto reg = parseRegister(body, QStringLiteral("the page"));
    if (!reg)
        return std::unexpected(reg.error());
    if (reg->registerId != registerId)
        return bad(QStringLiteral("the page"), QStringLiteral("is of another register"));
    page.reg = *reg;

    const QJsonValue rows = body.value(QLatin1String("rows"));
    const QJsonValue checkpoints = body.value(QLatin1String("checkpoints"));
    if (!rows.isArray() || !checkpoints.isArray())
        return bad(QStringLiteral("the page"), QStringLiteral("has no rows or checkpoints"));
    for (const QJsonValue& v : rows.toArray()) {
        auto row = syncprotocol::auditRowFromJson(v.toObject());
        if (!v.isObject() || !row)
            return bad(QStringLiteral("a row"),
                       row ? QStringLiteral("is not an object") : row.error().message);
        if (row->registerId != registerId)
            return bad(QStringLiteral("row %1").arg(row->seq),
                       QStringLiteral("belongs to another register"));
        page.rows.append(*row);
    }
    for (const QJsonValue& v : checkpoints.toArray()) {
        const QJsonObject o = v.toObject();
        auto c = syncprotocol::auditCheckpointFromJson(o);
        if (!v.isObject() || !c)
            return bad(QStringLiteral("a checkpoint"),
                       c ? QStringLiteral("is not an object") : c.error().message);
        if (c->registerId != registerId)
            return bad(QStringLiteral("a checkpoint"),
                       QStringLiteral("belongs to another register"));
        RemoteCheckpoint rc;
        rc.checkpoint = *c;
        const QString where = QStringLiteral("the checkpoint of %1").arg(rowsText(c->count));
        auto witness = binaryField(o, where, "witness_signature", 64, true);
        if (!witness)
            return std::unexpected(witness.error());
        rc.witnessSignature = *witness;
        if (!rc.witnessSignature.isEmpty()) {
            auto at = textField(o, where, "witnessed_at");
            if (!at)
                return std::unexpected(at.error());
            rc.witnessedAt = *at;
        }
        page.checkpoints.append(rc);
    }
    auto next = wholeField(body, QStringLiteral("the page"), "next_after_seq", -1);
    if (!next)
        return std::unexpected(next.error());
    page.nextAfterSeq = *next;
    const QJsonValue more = body.value(QLatin1String("more"));
    if (!more.isBool())
        return bad(QStringLiteral("the page"), QStringLiteral("does not say whether more follows"));
    page.more = more.toBool();
    return page;
}

Result<RemoteAuditVerdict> RemoteAudit::verify(const RemoteAuditChain& chain,
                                               const RemoteAuditExpectation& expect,
                                               const AuditProgress& progress)
{
    const QByteArray& knownKey = expect.knownKey;
    const QByteArray& witnessKey = expect.witnessKey;
    const std::optional<KnownRegister>& remembered = expect.remembered;
    const RemoteRegister& reg = chain.reg;
    RemoteAuditVerdict out;
    out.rowsReceived = chain.rows.size();
    out.keyKnownHere = !knownKey.isEmpty();
    out.remembered = remembered;
    // This desktop's own key first, then the key it remembered, and only then the server's.
    const QByteArray key = !knownKey.isEmpty()      ? knownKey
                           : remembered.has_value() ? remembered->signingKey
                                                    : reg.signingKey;

    AuditChainCheck check(reg.registerId, key);
    if (knownKey.isEmpty() && remembered && reg.signingKey != remembered->signingKey)
        check.decide(AuditDamage::WrongKey, 0, keySwapped(reg, *remembered));
    else if (key.size() != static_cast<qsizetype>(Ed25519::PublicKeySize))
        check.decide(AuditDamage::Unreadable, 0,
                     QStringLiteral("The server has no signing key for this register, so its "
                                    "log cannot be checked."));
    else if (!knownKey.isEmpty() && reg.signingKey != knownKey)
        check.decide(AuditDamage::WrongKey, 0,
                     QStringLiteral("The server names the key %1 for this register, but this "
                                    "register's own key is %2: the server's copy of the key was "
                                    "replaced.")
                         .arg(reg.signingKey.isEmpty() ? QStringLiteral("(none)")
                                                       : AuditVerifier::fingerprint(reg.signingKey),
                              AuditVerifier::fingerprint(knownKey)));
    else if (chain.rows.isEmpty())
        check.decide(AuditDamage::Unreadable, 0,
                     reg.rowCount > 0
                         ? QStringLiteral("The server says it holds %1 of this register but sent "
                                          "none.")
                               .arg(rowsText(reg.rowCount))
                         : QStringLiteral("The server holds no rows of this register yet, not "
                                          "even the first."));

    QList<AuditCheckpoint> checkpoints;
    for (const RemoteCheckpoint& c : chain.checkpoints) {
        checkpoints.append(c.checkpoint);
        check.keepHashAt(c.checkpoint.count - 1);
    }
    check.keepHashAt(reg.rowCount - 1);

    const qint64 total = chain.rows.size();
    if (!check.decided()) {
        // The same path as the store's rows: hashed and signature-checked on every core, then
        // checked in order.
        AuditVerifierPool pool({{reg.registerId, key}});
        qsizetype next = 0;
        qint64 read = 0;
        bool going = true;
        while (going && (next < chain.rows.size() || !pool.empty())) {
            if (next >= chain.rows.size() || pool.full()) {
                std::unique_ptr<AuditBatch> done = pool.take();
                if (!done)
                    continue;
                for (const AuditItem& item : done->items)
                    if (!check.feed(item)) {
                        going = false;
                        break;
                    }
                if (progress && !progress(done->progress, total)) {
                    pool.stop();
                    return fail(ErrorCode::Conflict,
                                QStringLiteral("the check of the server's audit log was "
                                               "cancelled"));
                }
                continue;
            }
            auto batch = std::make_unique<AuditBatch>();
            batch->items.reserve(AuditVerifierPool::BatchRows);
            while (batch->items.size() < AuditVerifierPool::BatchRows && next < chain.rows.size()) {
                AuditItem& item = batch->items.emplace_back();
                item.row = chain.rows.at(next++);
            }
            read += static_cast<qint64>(batch->items.size());
            batch->progress = read;
            pool.submit(std::move(batch));
        }
        pool.stop();
    }

    AuditChainCheck::Ending ending;
    ending.rowsPresent = total;
    ending.checkpoints = checkpoints;
    ending.lookup = [&chain](const QByteArray& hash) -> std::optional<qint64> {
        for (const AuditRow& r : chain.rows)
            if (r.hash == hash)
                return r.seq;
        return std::nullopt;
    };
    out.chain = check.finish(ending);

    // Rows the server confirmed storing to this desktop must still be there.
    if (out.chain.intact() && total < expect.rowsAcknowledged)
        decideAt(
            out.chain, AuditDamage::CutOffTail, total,
            QStringLiteral("The server confirmed to this register that it stored %1 of its "
                           "log, but now sends only %2: the last %3 removed on the server.")
                .arg(rowsText(expect.rowsAcknowledged))
                .arg(total)
                .arg(expect.rowsAcknowledged - total == 1
                         ? QStringLiteral("row was")
                         : QStringLiteral("%1 rows were").arg(expect.rowsAcknowledged - total)));
    // The head this desktop verified on an earlier fetch must still be there, unchanged.
    else if (out.chain.intact() && remembered && total < remembered->rowCount)
        decideAt(out.chain, AuditDamage::CutOffTail, total, cutBelow(*remembered, total));
    else if (out.chain.intact() && remembered && remembered->rowCount > 0 &&
             chain.rows.at(remembered->rowCount - 1).hash != remembered->headHash)
        decideAt(out.chain, AuditDamage::OlderFileBack, remembered->rowCount - 1,
                 forkedAt(*remembered));
    // What the server says it holds must be what it sent: rows it left out at the end are a
    // cut-off tail even where no checkpoint covers them yet.
    else if (out.chain.intact() && total < reg.rowCount)
        decideAt(out.chain, AuditDamage::CutOffTail, total,
                 QStringLiteral("The server says it holds %1 of this register but sent only %2: "
                                "the last %3 missing.")
                     .arg(rowsText(reg.rowCount))
                     .arg(total)
                     .arg(reg.rowCount - total == 1
                              ? QStringLiteral("row is")
                              : QStringLiteral("%1 rows are").arg(reg.rowCount - total)));
    else if (out.chain.intact() && reg.rowCount > 0 && total >= reg.rowCount &&
             chain.rows.at(reg.rowCount - 1).hash != reg.headHash)
        decideAt(out.chain, AuditDamage::ChangedRow, reg.rowCount - 1,
                 QStringLiteral("Row %1 is not the row the server names as this register's "
                                "newest: the server's answers disagree with each other.")
                     .arg(reg.rowCount - 1));

    // The server's countersignatures (AUD-3), with the witness key enrolment stored.
    for (const RemoteCheckpoint& c : chain.checkpoints) {
        if (c.witnessSignature.isEmpty()) {
            ++out.unwitnessed;
            continue;
        }
        WitnessSignature w;
        w.registerId = reg.registerId;
        w.rowCount = c.checkpoint.count;
        w.headHash = c.checkpoint.headHash;
        w.checkpointAt = c.checkpoint.at;
        w.reason = c.checkpoint.reason;
        w.witnessedAt = c.witnessedAt;
        w.signature = c.witnessSignature;
        if (witnessKey.size() == 32 && WitnessStore::verify(w, witnessKey)) {
            ++out.witnessed;
            if (c.checkpoint.count > out.lastWitnessed.checkpoint.count)
                out.lastWitnessed = c;
            continue;
        }
        if (out.witnessRefused++ == 0)
            out.witnessProblem =
                witnessKey.size() != 32
                    ? QStringLiteral("This register has no witness key of the server, so the "
                                     "server's countersignatures cannot be checked.")
                    : QStringLiteral("The server's countersignature of the checkpoint for rows 0 "
                                     "to %1 (%2) does not verify with the witness key this "
                                     "register received at enrolment.")
                          .arg(c.checkpoint.count - 1)
                          .arg(c.checkpoint.at);
    }
    return out;
}

} // namespace pos
