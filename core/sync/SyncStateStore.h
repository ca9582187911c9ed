#pragma once

#include "Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace pos {

class Database;

// Keys of the sync_state table (store migration V5). Never a key, token or code in it.
namespace syncstate {
inline constexpr char ServerUrl[] = "server_url";
inline constexpr char CompanyId[] = "company_id";
inline constexpr char CompanyName[] = "company_name";
inline constexpr char StoreId[] = "store_id";
inline constexpr char StoreName[] = "store_name";
inline constexpr char RegisterName[] = "register_name";
inline constexpr char Pins[] = "pins";              // lower-case hex, comma-separated
inline constexpr char WitnessKey[] = "witness_key"; // base64 of the server's Ed25519 key
inline constexpr char EnrolledAt[] = "enrolled_at"; // ISO 8601 UTC
inline constexpr char PullCursor[] = "pull_cursor"; // decimal; PullApplier's
inline constexpr char LastSuccessAt[] = "last_success_at";
inline constexpr char LastError[] = "last_error"; // plain words; empty after a good run
inline constexpr char LastErrorAt[] = "last_error_at";
} // namespace syncstate

// What enrolment stored: where the server is and who this register is there.
struct SyncEnrolment {
    QString serverUrl;
    QString companyId;
    QString companyName;
    QString storeId;
    QString storeName;
    QString registerName;
    QStringList pins;
    QByteArray witnessKey; // 32 bytes
    QDateTime enrolledAt;  // UTC
};

// Typed access to sync_state. Reads and single writes stand alone; writeEnrolment() and set()
// also work inside the caller's transaction.
class SyncStateStore {
public:
    explicit SyncStateStore(Database& db) : m_db(db) {}

    Result<std::optional<QString>> value(const char* key);
    Status set(const char* key, const QString& value);

    // nullopt when the register has not been enrolled; Corrupt when only part is there.
    Result<std::optional<SyncEnrolment>> enrolment();
    Status writeEnrolment(const SyncEnrolment& e);

    Result<QDateTime> lastSuccess(); // invalid: never
    Result<QString> lastError();     // empty: none

private:
    Database& m_db;
};

} // namespace pos
