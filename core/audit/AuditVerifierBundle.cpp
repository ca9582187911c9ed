// AuditVerifier::verifyBundle: an export bundle checked offline with nothing but the file
// (docs/audit-format.md, "Export bundle"). The lines are read here and parsed, hashed and
// signature-checked on the worker threads; each register's chain is then checked in order.
#include "audit/AuditBundleReader.h"
#include "audit/AuditChainCheck.h"
#include "audit/AuditVerifier.h"
#include "audit/AuditVerifierPool.h"

#include <memory>
#include <vector>

namespace pos {

namespace {

struct BundleChain {
    BundleChain(const QString& registerId, const QByteArray& key) : check(registerId, key)
    {
        check.keepEveryHash();
    }
    AuditChainCheck check;
    QList<AuditCheckpoint> checkpoints;
    qint64 rows = 0;
};

} // namespace

Result<QList<AuditVerdict>> AuditVerifier::verifyBundle(const QString& path,
                                                        const QByteArray& expectKey,
                                                        const AuditProgress& progress)
{
    AuditBundleReader reader;
    if (auto s = reader.open(path); !s)
        return std::unexpected(s.error());

    std::vector<std::unique_ptr<BundleChain>> chains;
    QHash<QString, BundleChain*> byId;
    QHash<QString, QByteArray> keys;
    for (const AuditBundleReader::Register& reg : reader.header().registers) {
        auto& chain =
            chains.emplace_back(std::make_unique<BundleChain>(reg.registerId, reg.publicKey));
        byId.insert(reg.registerId, chain.get());
        if (!reg.problem.isEmpty()) {
            chain->check.decide(AuditDamage::Unreadable, 0,
                                QStringLiteral("The bundle's header is unreadable for this "
                                               "register: %1.")
                                    .arg(reg.problem));
            continue;
        }
        keys.insert(reg.registerId, reg.publicKey);
        if (!expectKey.isEmpty() && reg.publicKey != expectKey)
            chain->check.decide(
                AuditDamage::WrongKey, 0,
                QStringLiteral("The bundle names the key %1 for this register, not the expected "
                               "key %2: the key (and the log with it) was substituted.")
                    .arg(fingerprint(reg.publicKey), fingerprint(expectKey)));
    }

    // Registers the header does not list, in the order their lines turn up.
    QList<AuditVerdict> strays;
    const auto stray = [&](const QString& registerId, qint64 line, qint64 seq) {
        for (const AuditVerdict& v : std::as_const(strays))
            if (v.registerId == registerId)
                return;
        AuditVerdict v;
        v.registerId = registerId;
        v.damage = AuditDamage::Unreadable;
        v.badSeq = std::max<qint64>(seq, 0);
        v.explanation = QStringLiteral("Line %1 of the bundle belongs to register %2, which the "
                                       "bundle's header does not list, so it cannot be checked.")
                            .arg(line)
                            .arg(registerId);
        strays.append(v);
    };

    BundleChain* current = nullptr; // the chain whose rows the lines are in
    const auto handle = [&](const AuditItem& item) {
        switch (item.kind) {
        case AuditItem::Kind::Row: {
            BundleChain* chain = byId.value(item.row.registerId);
            if (!chain) {
                stray(item.row.registerId, item.line, item.row.seq);
                return;
            }
            current = chain;
            ++chain->rows;
            chain->check.feed(item);
            return;
        }
        case AuditItem::Kind::Checkpoint: {
            current = nullptr;
            BundleChain* chain = byId.value(item.checkpoint.registerId);
            if (!chain) {
                stray(item.checkpoint.registerId, item.line, -1);
                return;
            }
            chain->checkpoints.append(item.checkpoint);
            return;
        }
        case AuditItem::Kind::Line:
        case AuditItem::Kind::Unreadable: {
            const QString why = QStringLiteral("Line %1 of the bundle cannot be read: %2.")
                                    .arg(item.line)
                                    .arg(item.problem);
            BundleChain* chain = byId.value(item.row.registerId, current);
            if (chain) {
                chain->check.decide(AuditDamage::Unreadable, chain->check.rowsIntact(), why);
                return;
            }
            // Not knowing whose line it was, no chain can be vouched for.
            for (auto& c : chains)
                c->check.decide(AuditDamage::Unreadable, c->check.rowsIntact(), why);
            return;
        }
        }
    };

    AuditVerifierPool pool(keys);
    const qint64 total = reader.size();
    bool more = true;
    while (more || !pool.empty()) {
        if (!more || pool.full()) {
            std::unique_ptr<AuditBatch> done = pool.take();
            if (!done)
                continue;
            for (const AuditItem& item : done->items)
                handle(item);
            if (progress && !progress(done->progress, total)) {
                pool.stop();
                return fail(ErrorCode::Conflict,
                            QStringLiteral("the check of the audit bundle was cancelled"));
            }
            continue;
        }
        auto batch = std::make_unique<AuditBatch>();
        batch->items.reserve(AuditVerifierPool::BatchRows);
        while (batch->items.size() < AuditVerifierPool::BatchRows) {
            AuditItem item;
            const auto next = reader.next(item.raw, item.line);
            if (next == AuditBundleReader::Next::End) {
                more = false;
                break;
            }
            if (next == AuditBundleReader::Next::Oversize) {
                item.kind = AuditItem::Kind::Unreadable;
                item.problem = QStringLiteral("it is longer than any line of a bundle may be");
            } else {
                item.kind = AuditItem::Kind::Line;
            }
            batch->items.push_back(std::move(item));
        }
        batch->progress = reader.bytesRead();
        if (!batch->items.empty())
            pool.submit(std::move(batch));
    }
    pool.stop();
    if (!reader.error().isEmpty())
        return fail(ErrorCode::Io, reader.error());

    QList<AuditVerdict> verdicts;
    for (auto& chain : chains) {
        if (chain->rows == 0)
            chain->check.decide(AuditDamage::Unreadable, 0,
                                QStringLiteral("The bundle holds no rows of this register, not "
                                               "even the first."));
        AuditChainCheck::Ending ending;
        ending.rowsPresent = chain->rows;
        ending.checkpoints = chain->checkpoints;
        ending.bundle = true;
        verdicts.append(chain->check.finish(ending));
    }
    verdicts.append(strays);
    return verdicts;
}

} // namespace pos
