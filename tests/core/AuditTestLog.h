#pragma once

// For the audit verifier's tests: a log built through AuditLog the way services write it, and an
// "insider" who opens the same encrypted store a second time with the real key (as someone with
// the database key could) and changes audit rows with plain SQL after dropping the triggers.

#include "TestStore.h"
#include "audit/AuditFormat.h"
#include "audit/AuditLog.h"
#include "crypto/Ed25519.h"
#include "store/Database.h"
#include "store/StoreFile.h"

#include <QJsonArray>
#include <QList>
#include <memory>

namespace pos::test {

inline void requireOk(const Status& s, const char* what)
{
    if (!s)
        qFatal("test fixture: %s failed: %s", what, qPrintable(s.error().message));
}

// Varied rows, as different services would write them.
inline AuditEntry sampleAuditEntry(qint64 i)
{
    switch (i % 4) {
    case 0:
        return AuditEntry{3,
                          0,
                          QStringLiteral("sale.void"),
                          audit::entity("sale", i),
                          QJsonObject{{QStringLiteral("status"), QStringLiteral("open")}},
                          QJsonObject{{QStringLiteral("status"), QStringLiteral("void")},
                                      {QStringLiteral("total_minor"), i * 125}}};
    case 1:
        return AuditEntry{0,
                          0,
                          QStringLiteral("auth.sign_in_failed"),
                          audit::entity("user", i),
                          QJsonObject{},
                          QJsonObject{{QStringLiteral("reason"), QStringLiteral("wrong PIN")}}};
    case 2:
        return AuditEntry{4,
                          2,
                          QStringLiteral("refund.create"),
                          audit::entity("refund", i),
                          QJsonObject{},
                          QJsonObject{{QStringLiteral("lines"), QJsonArray{1, 2}},
                                      {QStringLiteral("note"),
                                       QStringLiteral("Kunde: \"defekt\" \u00e4\u00f6\u00fc")}}};
    default:
        return AuditEntry{1,
                          0,
                          QStringLiteral("user.role_change"),
                          audit::entity("user", 7),
                          QJsonObject{{QStringLiteral("role"), QStringLiteral("cashier")}},
                          QJsonObject{{QStringLiteral("role"), QStringLiteral("manager")}}};
    }
}

// Appends `count` rows in transactions of up to `perTransaction`; when a row with seq
// `checkpointAfterSeq` is written, a "shift_close" checkpoint follows it in the same transaction.
inline void appendAuditRows(Database& db, qint64 count, qint64 checkpointAfterSeq = -1,
                            qint64 perTransaction = 50)
{
    qint64 done = 0;
    while (done < count) {
        auto tx = Transaction::begin(db);
        requireOk(tx ? Status{} : Status{std::unexpected(tx.error())}, "beginning a transaction");
        for (qint64 i = 0; i < perTransaction && done < count; ++i, ++done) {
            auto seq = db.auditLog()->append(sampleAuditEntry(done));
            requireOk(seq ? Status{} : Status{std::unexpected(seq.error())}, "appending a row");
            if (*seq == checkpointAfterSeq)
                requireOk(db.auditLog()->checkpoint(QStringLiteral("shift_close")),
                          "writing a checkpoint");
        }
        requireOk(tx->commit(), "committing audit rows");
    }
}

inline QList<AuditRow> readAuditRows(Database& db, const QString& registerId)
{
    QList<AuditRow> rows;
    auto q = db.query("SELECT seq, at, actor, approver, action, entity, before_json, after_json, "
                      "app_version, host, prev_hash, hash, signature FROM audit_log "
                      "WHERE register_id = ?1 ORDER BY seq");
    requireOk(q ? Status{} : Status{std::unexpected(q.error())}, "reading audit rows");
    q->bind(1, registerId);
    requireOk(q->forEach([&] {
        AuditRow r;
        r.seq = q->int64(0);
        r.at = q->text(1);
        r.registerId = registerId;
        r.actor = q->text(2);
        r.approver = q->text(3);
        r.action = q->text(4);
        r.entity = q->text(5);
        r.before = q->text(6);
        r.after = q->text(7);
        r.appVersion = q->text(8);
        r.host = q->text(9);
        r.prevHash = q->blob(10);
        r.hash = q->blob(11);
        r.signature = q->blob(12);
        rows.append(r);
    }),
              "reading audit rows");
    return rows;
}

inline QList<AuditCheckpoint> readAuditCheckpoints(Database& db, const QString& registerId)
{
    QList<AuditCheckpoint> out;
    auto q = db.query("SELECT row_count, head_hash, at, reason, signature FROM audit_checkpoints "
                      "WHERE register_id = ?1 ORDER BY row_count");
    requireOk(q ? Status{} : Status{std::unexpected(q.error())}, "reading checkpoints");
    q->bind(1, registerId);
    requireOk(q->forEach([&] {
        AuditCheckpoint c;
        c.registerId = registerId;
        c.count = q->int64(0);
        c.headHash = q->blob(1);
        c.at = q->text(2);
        c.reason = q->text(3);
        c.signature = q->blob(4);
        out.append(c);
    }),
              "reading checkpoints");
    return out;
}

inline QByteArray signWith(const SecretBytes& key, const QByteArray& message)
{
    auto sig = Ed25519::sign(key, message);
    if (!sig)
        qFatal("test fixture: signing failed");
    return *sig;
}

inline SecretBytes freshSigningKey()
{
    auto k = Ed25519::generatePrivateKey();
    if (!k)
        qFatal("test fixture: no key");
    return std::move(*k);
}

// The dishonest insider: the same store file, opened again with the real database key.
class AuditInsider {
public:
    explicit AuditInsider(TestStore& store, QString registerId = TestStore::AuditRegisterId)
        : m_registerId(std::move(registerId))
    {
        auto key = store.keys().read(StoreFile::keyNameFor(store.path()));
        requireOk(key ? Status{} : Status{std::unexpected(key.error())}, "reading the store key");
        auto db = Database::open(store.path(), *key, Database::Mode::OpenExisting);
        requireOk(db ? Status{} : Status{std::unexpected(db.error())}, "opening the store again");
        m_db = std::move(*db);
        for (const char* sql : {"DROP TRIGGER IF EXISTS audit_log_immutable_u",
                                "DROP TRIGGER IF EXISTS audit_log_immutable_d",
                                "DROP TRIGGER IF EXISTS audit_checkpoints_immutable_u",
                                "DROP TRIGGER IF EXISTS audit_checkpoints_immutable_d"})
            requireOk(m_db->exec(sql), sql);
    }

    Database& db() { return *m_db; }
    void exec(const char* sql) { requireOk(m_db->exec(sql), sql); }
    QList<AuditRow> rows() { return readAuditRows(*m_db, m_registerId); }
    QList<AuditCheckpoint> checkpoints() { return readAuditCheckpoints(*m_db, m_registerId); }

    // Overwrites every field of the row now at `atSeq` with r's.
    void write(const AuditRow& r, qint64 atSeq)
    {
        auto q = m_db->query(
            "UPDATE audit_log SET seq = ?2, at = ?3, actor = ?4, approver = ?5, action = ?6, "
            "entity = ?7, before_json = ?8, after_json = ?9, app_version = ?10, host = ?11, "
            "prev_hash = ?12, hash = ?13, signature = ?14 WHERE register_id = ?1 AND seq = ?15");
        requireOk(q ? Status{} : Status{std::unexpected(q.error())}, "preparing an update");
        bindRow(*q, r);
        q->bind(15, atSeq);
        requireOk(q->run(), "overwriting an audit row");
        if (m_db->changes() != 1)
            qFatal("test fixture: no row at seq %lld", static_cast<long long>(atSeq));
    }

    void insert(const AuditRow& r)
    {
        auto q = m_db->query("INSERT INTO audit_log (register_id, seq, at, actor, approver, "
                             "action, entity, before_json, after_json, app_version, host, "
                             "prev_hash, hash, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                             "?9, ?10, ?11, ?12, ?13, ?14)");
        requireOk(q ? Status{} : Status{std::unexpected(q.error())}, "preparing an insert");
        bindRow(*q, r);
        requireOk(q->run(), "inserting an audit row");
    }

    // Moves every row with seq >= from by `by` (through a far-off range, seq is a primary key).
    void shiftSeq(qint64 from, qint64 by)
    {
        auto a = m_db->query("UPDATE audit_log SET seq = seq + 1000000000 WHERE seq >= ?1");
        a->bind(1, from);
        requireOk(a->run(), "moving rows away");
        auto b =
            m_db->query("UPDATE audit_log SET seq = seq - 1000000000 + ?1 WHERE seq >= 1000000000");
        b->bind(1, by);
        requireOk(b->run(), "moving rows back");
    }

    void swapSeq(qint64 a, qint64 b)
    {
        const auto move = [&](qint64 from, qint64 to) {
            auto q = m_db->query("UPDATE audit_log SET seq = ?2 WHERE seq = ?1");
            q->bind(1, from).bind(2, to);
            requireOk(q->run(), "moving a row");
            if (m_db->changes() != 1)
                qFatal("test fixture: no row at seq %lld", static_cast<long long>(from));
        };
        move(a, 999999999);
        move(b, a);
        move(999999999, b);
    }

    // What an insider who knows the layout but not the key can do: recompute prev_hash and hash
    // of every row from `seq` on (the signatures stay as they were).
    void relinkFrom(qint64 seq) { rewriteFrom(seq, nullptr); }
    // With a key of their own: sign as well.
    void resignFrom(qint64 seq, const SecretBytes& key) { rewriteFrom(seq, &key); }

private:
    static void bindRow(Query& q, const AuditRow& r)
    {
        q.bind(1, r.registerId).bind(2, r.seq).bind(3, r.at).bind(4, r.actor);
        q.bind(5, r.approver).bind(6, r.action).bind(7, r.entity).bind(8, r.before);
        q.bind(9, r.after).bind(10, r.appVersion).bind(11, r.host).bind(12, r.prevHash);
        q.bind(13, r.hash).bind(14, r.signature);
    }

    void rewriteFrom(qint64 seq, const SecretBytes* key)
    {
        QList<AuditRow> all = rows();
        for (qsizetype i = 0; i < all.size(); ++i) {
            AuditRow& r = all[i];
            if (r.seq < seq)
                continue;
            r.prevHash = i == 0 ? auditformat::genesisPrevHash(r.registerId) : all[i - 1].hash;
            r.hash = auditformat::rowHash(r);
            if (key)
                r.signature = signWith(*key, auditformat::signedMessage(r.hash));
            write(r, r.seq);
        }
    }

    QString m_registerId;
    std::unique_ptr<Database> m_db;
};

} // namespace pos::test
