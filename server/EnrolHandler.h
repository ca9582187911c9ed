#pragma once

#include "ApiResponse.h"
#include "ServerContext.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>

#include <chrono>
#include <memory>
#include <optional>

namespace pos::server {

struct EnrolRequest;

// Refused enrolment codes per peer address in the last minute, shared by every worker thread of
// the process. An attempt counts as refused from the moment it is admitted until it is withdrawn
// (it turned out not to be a wrong code), so requests sent in parallel cannot slip past the limit
// while the first ones are still being checked.
class EnrolAttempts {
public:
    using Clock = std::chrono::steady_clock;
    // The attempt's mark, or nothing when the address already has MaxFailuresPerMinute.
    std::optional<Clock::time_point> admit(const QString& peer);
    void withdraw(const QString& peer, Clock::time_point attempt);

private:
    QMutex m_mutex;
    QHash<QString, QList<Clock::time_point>> m_failures; // per peer address, last minute
};

// POST /v1/enrol (docs/sync.md; NET-2, NET-3): a register swaps a one-time enrolment code for its
// place in a store. The code is normalised (syncprotocol::normaliseEnrolmentCode) and found by its
// hash only (pos.enrol_hash lets the enrol_codes policy show that one row); then, in the same
// transaction under the code's company and store, the code is marked used, the device is stored
// with both public keys and its audit chain starts at the server (pos.audit_heads: row_count 0,
// head_hash = the register's genesis prev hash). The answer: company and store ids and names, the
// certificate pins, the witness public key and the server time.
//
// Refusals write nothing: a malformed body (400 bad_request); an unknown, used or expired code
// (401 unauthenticated, one message for all three; SyncServer sends it only after
// RefusalDelayMs); more than MaxFailuresPerMinute refused codes from one address in the last
// minute (429 locked, checked first, so even a right code waits; counted in the EnrolAttempts the
// handlers of one process share); a register id that
// is already enrolled (409 conflict).
class EnrolHandler {
public:
    static constexpr int RefusalDelayMs = 1000;
    static constexpr int MaxFailuresPerMinute = 10;

    explicit EnrolHandler(ServerContext& ctx, std::shared_ptr<EnrolAttempts> attempts =
                                                  std::make_shared<EnrolAttempts>());
    ApiResponse handle(const QHostAddress& peer, const QByteArray& body);

    static QString wrongCodeMessage();

private:
    ApiResponse check(const QHostAddress& peer, const QByteArray& body);
    ApiResponse enrol(const EnrolRequest& request);

    ServerContext& m_ctx;
    std::shared_ptr<EnrolAttempts> m_attempts;
};

} // namespace pos::server
