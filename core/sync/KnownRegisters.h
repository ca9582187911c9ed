#pragma once

#include "Error.h"
#include "sync/RemoteAudit.h"

#include <QList>
#include <QString>
#include <optional>

namespace pos {

class Clock;
class Database;

// The owner's desktop's memory of every register it fetched from the sync server and verified
// (AUD-7, trust on first use; store table known_registers, migration 6): the register's signing
// key as first seen, and the newest head verified since. RemoteAudit::verify holds each later
// fetch to it; only an intact verdict teaches anything, and nothing the server says replaces a
// remembered key (the store refuses it too: the key columns cannot be updated, the head only moves
// forward, no row is deleted).
class KnownRegisters {
public:
    KnownRegisters(Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    Result<std::optional<KnownRegister>> find(const QString& registerId);
    Result<QList<KnownRegister>> all();

    enum class Learned {
        Nothing,      // the chain was not intact, had no rows, or is not past the remembered head
        FirstSeen,    // the register, its key and head are remembered from now on
        HeadAdvanced, // the remembered head moved forward to the chain's newest row
    };
    // After RemoteAudit::verify of `chain`: a register seen for the first time is remembered once
    // its chain is intact (its key, and its newest row as the head); of a known register the head
    // moves forward. A key other than the remembered one is refused (Conflict) and nothing is
    // written.
    Result<Learned> learn(const RemoteAuditChain& chain, const RemoteAuditVerdict& verdict);

    // "2026-03-01 12:00 UTC" for a remembered time.
    static QString when(const QString& at);

private:
    Database& m_db;
    const Clock& m_clock;
};

} // namespace pos
