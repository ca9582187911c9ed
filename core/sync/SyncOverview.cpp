#include "sync/SyncOverview.h"

#include "audit/AuditLog.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

namespace pos {

Result<SyncOverviewData> SyncOverview::read(const Session& session)
{
    if (auto may = m_access.require(session, Permission::ReportsView); !may)
        return std::unexpected(may.error());

    SyncOverviewData out;
    SyncStateStore state(m_db);
    auto enrolment = state.enrolment();
    if (!enrolment)
        return std::unexpected(enrolment.error());
    out.enrolment = *enrolment;

    auto q = m_db.query("SELECT kind, count(*) FROM sync_outbox WHERE sent_at IS NULL "
                        "GROUP BY kind ORDER BY min(seq)");
    if (!q)
        return std::unexpected(q.error());
    auto s = q->forEach([&] {
        const qint64 n = q->int64(1);
        out.pendingByKind.append({q->text(0), n});
        out.pending += n;
    });
    if (!s)
        return std::unexpected(s.error());

    const QString registerId = m_db.auditLog() ? m_db.auditLog()->registerId() : session.registerId;
    auto rows =
        m_db.query("SELECT coalesce(max(seq) + 1, 0) FROM audit_log WHERE register_id = ?1");
    if (!rows)
        return std::unexpected(rows.error());
    rows->bind(1, registerId);
    if (auto has = rows->next(); !has)
        return std::unexpected(has.error());
    out.auditRows = rows->int64(0);

    WitnessStore witnesses(m_db);
    auto list = witnesses.forRegister(registerId);
    if (!list)
        return std::unexpected(list.error());
    out.witnessed = list->size();
    if (!list->isEmpty()) {
        out.lastWitness = list->last();
        if (out.enrolment)
            out.lastWitnessVerifies =
                WitnessStore::verify(*out.lastWitness, out.enrolment->witnessKey);
    }
    return out;
}

} // namespace pos
