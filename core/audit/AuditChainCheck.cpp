#include "audit/AuditChainCheck.h"

#include "audit/CanonicalJson.h"
#include "crypto/Ed25519.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstring>

namespace pos {

namespace {

QString rows(qint64 n)
{
    return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(n);
}

// The public key a genesis row names, or a reason why it is not a genesis row of this register.
std::optional<QByteArray> genesisKey(const AuditRow& g, const QString& registerId, QString& why)
{
    if (g.action != QLatin1String("audit.genesis")) {
        why = QStringLiteral("it records \"%1\" instead of the start of the log").arg(g.action);
        return std::nullopt;
    }
    if (g.entity != QStringLiteral("register:") + registerId || g.registerId != registerId ||
        g.prevHash != auditformat::genesisPrevHash(registerId)) {
        why = QStringLiteral("it starts the log of another register");
        return std::nullopt;
    }
    const QJsonObject after = QJsonDocument::fromJson(g.after.toUtf8()).object();
    const auto key = QByteArray::fromBase64Encoding(
        after.value(QLatin1String("public_key")).toString().toLatin1(),
        QByteArray::AbortOnBase64DecodingErrors);
    auto canonical = canonicaljson::serialize(after);
    if (!key || key.decoded.size() != 32 || g.before != QLatin1String("{}") || !canonical ||
        *canonical != g.after ||
        after.value(QLatin1String("register_id")).toString() != registerId || after.size() != 2) {
        why = QStringLiteral("it does not name the register's public key as the format requires");
        return std::nullopt;
    }
    return *key;
}

} // namespace

AuditChainCheck::AuditChainCheck(QString registerId, QByteArray key)
    : m_registerId(std::move(registerId)), m_key(std::move(key))
{}

void AuditChainCheck::keepHashAt(qint64 position)
{
    if (position >= 0)
        m_keep.insert(position, QByteArray());
}

void AuditChainCheck::keepEveryHash()
{
    m_keepEvery = true;
}

void AuditChainCheck::decide(AuditDamage damage, qint64 badSeq, QString explanation)
{
    if (m_decided)
        return;
    m_decided = true;
    m_found = Candidate{damage, badSeq, std::move(explanation)};
}

bool AuditChainCheck::feed(const AuditItem& item)
{
    if (item.kind != AuditItem::Kind::Row)
        return !m_decided;
    const AuditRow& r = item.row;
    if (m_keepEvery) {
        Kept k{r.seq, {}};
        std::memcpy(k.hash.data(), r.hash.constData(),
                    static_cast<std::size_t>(std::min<qsizetype>(r.hash.size(), 32)));
        m_every.push_back(k);
    }
    if (m_decided)
        return false;
    if (r.seq != m_next) {
        if (r.seq > m_next)
            m_gapAt = m_next;
        if (r.seq > m_next)
            decide(AuditDamage::DeletedRow, m_next,
                   m_next == 0
                       ? QStringLiteral("Row 0, the start of the log, is missing: it was "
                                        "deleted.")
                       : QStringLiteral("Row %1 is missing: the log goes from row %2 "
                                        "straight to row %3, so %4 deleted.")
                             .arg(m_next)
                             .arg(m_next - 1)
                             .arg(r.seq)
                             .arg(r.seq - m_next == 1
                                      ? QStringLiteral("one row was")
                                      : QStringLiteral("%1 rows were").arg(r.seq - m_next)));
        else
            decide(AuditDamage::Reordered, m_next,
                   QStringLiteral("Row %1 appears again where row %2 should be: the rows are out "
                                  "of order.")
                       .arg(r.seq)
                       .arg(m_next));
        return false;
    }
    const bool linkOk =
        r.prevHash == (m_next == 0 ? auditformat::genesisPrevHash(m_registerId) : m_prevHash);
    if (m_next == 0 && item.hashOk) {
        checkGenesis(item);
        if (m_decided)
            return false;
    }
    if (!linkOk || !item.hashOk || !item.signatureOk) {
        m_bad = item;
        m_decided = true;
        return false;
    }
    if (auto it = m_keep.find(r.seq); it != m_keep.end())
        *it = r.hash;
    m_prevHash = r.hash;
    ++m_next;
    return true;
}

void AuditChainCheck::checkGenesis(const AuditItem& item)
{
    QString why;
    const auto key = genesisKey(item.row, m_registerId, why);
    if (!key) {
        decide(
            AuditDamage::Unreadable, 0,
            QStringLiteral("The first row is not the start of this register's log: %1.").arg(why));
        return;
    }
    if (*key != m_key)
        decide(AuditDamage::WrongKey, 0,
               QStringLiteral("The log was started with another key (fingerprint %1) than the "
                              "one expected for this register (fingerprint %2): the whole log was "
                              "replaced or signed again by someone else.")
                   .arg(AuditVerifier::fingerprint(*key), AuditVerifier::fingerprint(m_key)));
}

std::optional<QByteArray> AuditChainCheck::keptHash(qint64 position) const
{
    if (position < 0 || position >= m_next)
        return std::nullopt;
    if (m_keepEvery) {
        const Kept& k = m_every[static_cast<std::size_t>(position)];
        return QByteArray(k.hash.data(), 32);
    }
    auto it = m_keep.constFind(position);
    if (it == m_keep.constEnd() || it->isEmpty())
        return std::nullopt;
    return *it;
}

std::optional<qint64> AuditChainCheck::lookupKept(const QByteArray& hash) const
{
    if (hash.size() != 32)
        return std::nullopt;
    for (const Kept& k : m_every)
        if (std::memcmp(k.hash.data(), hash.constData(), 32) == 0)
            return k.seq;
    return std::nullopt;
}

AuditChainCheck::Candidate AuditChainCheck::classify(const Ending& ending) const
{
    const AuditItem& it = *m_bad;
    const AuditRow& r = it.row;
    const qint64 n = m_next;
    if (it.hashOk && !it.signatureOk)
        return {AuditDamage::ForgedRow, n,
                QStringLiteral("Row %1 is not signed with this register's key: it was written or "
                               "rewritten by someone who could recompute its fingerprint but "
                               "could not sign it.")
                    .arg(n)};
    // Where the row was signed to be: after the row whose hash is its prev_hash.
    const auto predecessor = [&]() -> std::optional<qint64> {
        if (r.prevHash == auditformat::genesisPrevHash(m_registerId))
            return -1;
        return ending.lookup ? ending.lookup(r.prevHash) : lookupKept(r.prevHash);
    };
    const auto fitsAt = [&](qint64 seq) {
        AuditRow moved = r;
        moved.seq = seq;
        return auditformat::rowHash(moved) == r.hash;
    };
    if (!it.hashOk) {
        if (it.signatureOk) {
            // Its hash and signature may be right for another position: moved, not changed.
            if (const auto m = predecessor()) {
                for (qint64 s : {*m + 1, *m})
                    if (s >= 0 && s != n && fitsAt(s))
                        return {AuditDamage::Reordered, n,
                                QStringLiteral("Row %1 is the row that was signed as row %2: rows "
                                               "were moved out of their order.")
                                    .arg(n)
                                    .arg(s)};
            } else {
                // Its predecessor is gone and it was renumbered down to hide the gap.
                for (qint64 s = n + 1; s <= n + 64; ++s)
                    if (fitsAt(s))
                        return {AuditDamage::DeletedRow, n,
                                QStringLiteral("Row %1 is the row that was signed as row %2: %3 "
                                               "before it deleted and the rows after renumbered "
                                               "to hide the gap.")
                                    .arg(n)
                                    .arg(s)
                                    .arg(s - n == 1 ? QStringLiteral("one row was")
                                                    : QStringLiteral("%1 rows were").arg(s - n))};
            }
        }
        return {AuditDamage::ChangedRow, n,
                QStringLiteral("Row %1 was changed after it was signed (its content no longer "
                               "matches its fingerprint).")
                    .arg(n)};
    }
    // Intact and signed, but it does not follow the row before it.
    const auto m = predecessor();
    if (!m)
        return {AuditDamage::DeletedRow, n,
                QStringLiteral("Row %1 was signed to follow a row that is no longer in the log: "
                               "the row before it was deleted or replaced.")
                    .arg(n)};
    return {AuditDamage::Reordered, n,
            *m < 0 ? QStringLiteral("Row %1 was signed as the first row after the start of the "
                                    "log: rows were moved out of their order.")
                         .arg(n)
                   : QStringLiteral("Row %1 does not follow row %2: it was signed to follow the "
                                    "row that is now row %3, so rows were moved out of their "
                                    "order.")
                         .arg(n)
                         .arg(n - 1)
                         .arg(*m)};
}

AuditVerdict AuditChainCheck::finish(const Ending& ending)
{
    AuditVerdict v;
    v.registerId = m_registerId;
    v.publicKey = m_key;
    QList<Candidate> found; // in order of preference when two name the same row
    if (m_bad) {
        found.append(classify(ending));
    } else if (m_gapAt >= 0 && m_keepEvery &&
               std::any_of(m_every.begin(), m_every.end(),
                           [&](const Kept& k) { return k.seq == m_gapAt; })) {
        // A bundle's missing row that turns up further on: moved, not deleted.
        found.append({AuditDamage::Reordered, m_gapAt,
                      QStringLiteral("Row %1 is not where it belongs: it comes later in the "
                                     "bundle, so the rows are out of order.")
                          .arg(m_gapAt)});
    } else if (m_decided) {
        found.append(m_found);
    }
    const bool rowsIntact = !m_decided;
    const qint64 present = rowsIntact ? m_next : ending.rowsPresent;

    QList<AuditCheckpoint> checkpoints = ending.checkpoints;
    std::stable_sort(checkpoints.begin(), checkpoints.end(),
                     [](const auto& a, const auto& b) { return a.count < b.count; });
    auto verifier = Ed25519Verifier::fromPublicKey(m_key);
    qint64 covered = 0; // rows covered by a checkpoint that is right
    std::optional<Candidate> cut;
    for (const AuditCheckpoint& c : checkpoints) {
        if (!verifier || !verifier->verify(auditformat::checkpointMessage(c), c.signature)) {
            found.append({AuditDamage::ForgedRow, std::clamp<qint64>(c.count - 1, 0, present),
                          QStringLiteral("The checkpoint of %1 for rows 0 to %2 is not signed "
                                         "with this register's key: it was forged or changed.")
                              .arg(c.at)
                              .arg(c.count - 1)});
            continue;
        }
        if (c.count > present) {
            cut =
                Candidate{AuditDamage::CutOffTail, present,
                          QStringLiteral("The log ends with row %1, but a checkpoint signed on %2 "
                                         "says it had %3: the last %4 removed.")
                              .arg(present - 1)
                              .arg(c.at, rows(c.count))
                              .arg(c.count - present == 1
                                       ? QStringLiteral("row was")
                                       : QStringLiteral("%1 rows were").arg(c.count - present))};
            continue;
        }
        const auto head = keptHash(c.count - 1);
        if (head && *head != c.headHash) {
            found.append({AuditDamage::ChangedRow, c.count - 1,
                          QStringLiteral("Row %1 is not the row the checkpoint signed on %2 "
                                         "recorded at that position: the log was rewritten.")
                              .arg(c.count - 1)
                              .arg(c.at)});
            continue;
        }
        if (head) {
            ++v.checkpointsVerified;
            covered = std::max(covered, c.count);
        }
    }
    if (rowsIntact && cut)
        found.append(*cut);
    if (rowsIntact && ending.bundle && !cut && covered < present)
        found.append({AuditDamage::CutOffTail, covered,
                      QStringLiteral("The bundle's checkpoints cover only %1 of its %2 of this "
                                     "register: the export's closing checkpoint is missing, so the "
                                     "end of the bundle was cut off or rows were added to it.")
                          .arg(covered)
                          .arg(rows(present))});
    const AuditCheckpoint& ack = ending.acknowledged;
    if (rowsIntact && ack.count > 0) {
        if (ack.count > present) {
            found.append({AuditDamage::OlderFileBack, present,
                          QStringLiteral("The log has %1, but this register had already written "
                                         "%2 (the checkpoint kept outside the database): an older "
                                         "copy of the database was put back.")
                              .arg(rows(present), rows(ack.count))});
        } else if (const auto head = keptHash(ack.count - 1); head && *head != ack.headHash) {
            found.append({AuditDamage::OlderFileBack, ack.count - 1,
                          QStringLiteral("Row %1 is not the row this register had written at "
                                         "that position (the checkpoint kept outside the "
                                         "database): another copy of the database was put back.")
                              .arg(ack.count - 1)});
        }
    }

    const Candidate* first = nullptr;
    for (const Candidate& c : std::as_const(found))
        if (!first || c.seq < first->seq)
            first = &c;
    if (!first) {
        v.rowsVerified = m_next;
        return v;
    }
    v.damage = first->damage;
    v.badSeq = first->seq;
    v.explanation = first->explanation;
    v.rowsVerified = std::clamp<qint64>(first->seq, 0, m_next);
    return v;
}

} // namespace pos
