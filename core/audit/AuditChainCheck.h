#pragma once

#include "audit/AuditFormat.h"
#include "audit/AuditVerifier.h"
#include "audit/AuditVerifierPool.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace pos {

// The in-order part of checking one register's chain (AUD-4): fed every row in seq order after a
// worker has hashed and signature-checked it, it checks what depends on order (no gap in seq, each
// row's prev_hash is the stored hash of the row before it, the genesis row), stops at the first
// bad row, and at the end names the kind of damage (docs/audit-format.md, "What the verifier
// reports"), slowly if need be: only the first bad row is looked at closely.
class AuditChainCheck {
public:
    // key: the public key the rows are checked against (the expected one, else the genesis row's).
    AuditChainCheck(QString registerId, QByteArray key);

    // The stored hash at these positions is kept for comparison with checkpoints (a store: they
    // are known before the walk). A bundle keeps every hash (its checkpoints come after its rows,
    // and a moved row is looked up among them).
    void keepHashAt(qint64 position);
    void keepEveryHash();

    // The next row in the order the source gives. Returns false once the verdict is known (the
    // rows after the first bad one are then only recorded, when every hash is kept).
    bool feed(const AuditItem& item);
    bool decided() const { return m_decided; }
    qint64 rowsIntact() const { return m_next; }

    // A problem found by the caller (an unreadable bundle line, no usable key, a key other than
    // the expected one): it is the verdict unless an earlier row is already bad.
    void decide(AuditDamage damage, qint64 badSeq, QString explanation);

    // Looks up the seq of the row of this chain whose stored hash is `hash`; nullopt: none.
    using HashLookup = std::function<std::optional<qint64>(const QByteArray& hash)>;

    struct Ending {
        qint64 rowsPresent = 0; // rows in the source (when no row was bad: rowsIntact())
        QList<AuditCheckpoint> checkpoints;
        AuditCheckpoint acknowledged; // count 0: none
        bool bundle = false;          // the last checkpoint must cover every row
        HashLookup lookup;            // for a store; a bundle looks among the kept hashes
    };
    AuditVerdict finish(const Ending& ending);

private:
    struct Candidate {
        AuditDamage damage = AuditDamage::None;
        qint64 seq = -1;
        QString explanation;
    };
    void checkGenesis(const AuditItem& item);
    Candidate classify(const Ending& ending) const;
    std::optional<QByteArray> keptHash(qint64 position) const;
    std::optional<qint64> lookupKept(const QByteArray& hash) const;

    QString m_registerId;
    QByteArray m_key;
    qint64 m_next = 0; // the seq expected next = rows intact so far
    QByteArray m_prevHash;
    bool m_decided = false;
    Candidate m_found;                // set by decide() or by a check in feed()
    std::optional<AuditItem> m_bad;   // the first bad row, looked at closely in finish()
    qint64 m_gapAt = -1;              // the seq found missing, if that was the first fault
    QHash<qint64, QByteArray> m_keep; // position -> stored hash (empty QByteArray: not yet seen)
    bool m_keepEvery = false;
    struct Kept {
        qint64 seq;
        std::array<char, 32> hash;
    };
    std::vector<Kept> m_every;
};

} // namespace pos
