#pragma once

// A register for the server's audit tests: its own encrypted store (TestStore) and core's real
// AuditLog under a register id of its own, so rows, checkpoints, keys and signatures are the ones
// a till makes; rows and checkpoints read back from its store as the outbox would send them.

#include "PushFixture.h"
#include "TestStore.h"
#include "audit/AuditLog.h"
#include "store/Database.h"

#include <vector>

namespace pos::test {

// A register: its own store file and audit chain (core's AuditLog, real keys and signatures).
class AuditRegister {
public:
    explicit AuditRegister(QString id = freshUuid()) : m_id(std::move(id))
    {
        auto log = AuditLog::open(m_store.db(), m_store.keys(), m_id, m_clock);
        if (!log)
            qFatal("opening the audit log failed: %s", qPrintable(log.error().message));
        m_log = std::move(*log);
    }

    const QString& id() const { return m_id; }
    QByteArray publicKey() const { return m_log->publicKey(); }

    // n audited actions in one transaction (the register's own rows, like a shift's).
    void act(int n)
    {
        auto tx = Transaction::begin(m_store.db());
        QVERIFY(tx.has_value());
        for (int i = 0; i < n; ++i) {
            AuditEntry e;
            e.actorId = 7;
            e.action = QStringLiteral("cash.in");
            e.entity = QStringLiteral("shift:") + QString::number(i);
            e.after = QJsonObject{{QStringLiteral("amount_minor"), 100 + i},
                                  {QStringLiteral("currency"), QStringLiteral("EUR")}};
            QVERIFY(m_log->append(e).has_value());
        }
        QVERIFY(tx->commit().has_value());
    }
    void checkpoint(const QString& reason)
    {
        auto tx = Transaction::begin(m_store.db());
        QVERIFY(tx.has_value());
        QVERIFY(m_log->checkpoint(reason).has_value());
        QVERIFY(tx->commit().has_value());
    }

    std::vector<AuditRow> rows()
    {
        std::vector<AuditRow> out;
        auto q = m_store.db().query(
            "SELECT seq, at, actor, approver, action, entity, before_json, after_json, "
            "app_version, host, prev_hash, hash, signature FROM audit_log WHERE register_id = "
            "?1 ORDER BY seq");
        q->bind(1, m_id);
        auto done = q->forEach([&] {
            AuditRow r;
            r.seq = q->int64(0);
            r.registerId = m_id;
            r.at = q->text(1);
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
            out.push_back(r);
        });
        if (!done)
            qFatal("reading audit rows failed");
        return out;
    }
    std::vector<AuditCheckpoint> checkpoints()
    {
        std::vector<AuditCheckpoint> out;
        auto q = m_store.db().query("SELECT row_count, head_hash, at, reason, signature FROM "
                                    "audit_checkpoints WHERE register_id = ?1 ORDER BY row_count");
        q->bind(1, m_id);
        auto done = q->forEach([&] {
            AuditCheckpoint c;
            c.registerId = m_id;
            c.count = q->int64(0);
            c.headHash = q->blob(1);
            c.at = q->text(2);
            c.reason = q->text(3);
            c.signature = q->blob(4);
            out.push_back(c);
        });
        if (!done)
            qFatal("reading checkpoints failed");
        return out;
    }

private:
    QString m_id;
    TestStore m_store;
    SystemClock m_clock;
    std::unique_ptr<AuditLog> m_log;
};

} // namespace pos::test
