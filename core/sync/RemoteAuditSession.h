#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"
#include "sync/KnownRegisters.h"
#include "sync/RemoteAudit.h"
#include "sync/SyncTransport.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace pos {

class AccessControl;
class Clock;
class Database;
class KeyStore;

// Who the server signed in for the owner's view (POST /v1/session).
struct RemoteAuditUser {
    QString userId;
    QString role; // "owner", "auditor", ...
    QStringList storeIds;
    QString expiresAt;
};

// The owner's desktop talking to pos-syncd for the audit rows of every register of the owner's
// stores (docs/sync.md "POST /v1/session", "GET /v1/audit"; AUD-7). This register must be
// enrolled: requests are signed with its device key and go only to a pinned server certificate
// (SyncTransport). The acting local session needs audit.view; the server then signs in the
// person with their server user code and password (never logged or kept: the password is wiped
// once sent, the token lives in memory only and goes with this object).
//
// Asynchronous like SyncTransport: every call returns at once and `done` runs later in this
// object's thread (at once for a refusal found before any network). One call at a time.
class RemoteAuditSession : public QObject {
    Q_OBJECT
public:
    RemoteAuditSession(Database& db, KeyStore& keys, AccessControl& access, const Clock& clock,
                       QObject* parent = nullptr);
    ~RemoteAuditSession() override;

    using SignedIn = std::function<void(Result<RemoteAuditUser>)>;
    using Listed = std::function<void(Result<QList<RemoteRegister>>)>;
    using Fetched = std::function<void(Result<RemoteAuditChain>)>;
    using Progress = std::function<void(qint64 rowsFetched, qint64 rowsTotal)>;

    // Checks audit.view for the local session, reads the enrolment and the device key, and asks
    // the server to sign the person in. Errors: PermissionDenied / Unauthenticated (local
    // session), NotFound (this register is not enrolled), Unauthenticated / Locked (the server
    // refused the code or password), PermissionDenied (not an owner or auditor there), Io (the
    // server could not be reached or its certificate was refused).
    void signIn(const Session& session, const QString& userCode, SecretBytes password,
                SignedIn done);
    // The registers of the signed-in person's stores.
    void listRegisters(Listed done);
    // Every page of one register's chain; progress after each page.
    void fetchChain(const QString& registerId, Progress progress, Fetched done);
    // Cuts off a request under way; its `done` runs with an error.
    void cancel();

    bool signedIn() const { return !m_user.userId.isEmpty(); }
    const RemoteAuditUser& user() const { return m_user; }
    QString serverUrl() const;
    // Store id -> name for the stores this desktop knows by name (its own, from enrolment).
    const QHash<QString, QString>& storeNames() const { return m_storeNames; }
    // The server's witness key stored at enrolment, for RemoteAudit::verify.
    const QByteArray& witnessKey() const { return m_witnessKey; }
    // This desktop's own register and its audit key (empty when no audit log is attached):
    // the one register whose key is known here and not only from the server.
    const QString& ownRegisterId() const { return m_ownRegisterId; }
    const QByteArray& ownKey() const { return m_ownKey; }
    // What this desktop knows of a register's chain for RemoteAudit::verify: the witness key;
    // what it remembered of the register from earlier fetches (KnownRegisters); for its own
    // register also its key and the rows the server confirmed storing.
    Result<RemoteAuditExpectation> expectationFor(const QString& registerId);
    // After RemoteAudit::verify: an intact chain is remembered (its key on first sight, its head
    // from then on) in this desktop's store; see KnownRegisters::learn.
    Result<KnownRegisters::Learned> remember(const RemoteAuditChain& chain,
                                             const RemoteAuditVerdict& verdict);

    // Tests: shorter timeouts.
    void setTimeouts(const SyncTimeouts& timeouts) { m_timeouts = timeouts; }
    // The page size asked of the server (1..5000).
    void setPageSize(int rows) { m_pageSize = rows; }

private:
    void fetchPage(qint64 afterSeq);
    void onPage(const SyncReply& reply, qint64 afterSeq);
    void finishFetch(Result<RemoteAuditChain> result);

    Database& m_db;
    KeyStore& m_keys;
    AccessControl& m_access;
    const Clock& m_clock;
    SyncTimeouts m_timeouts;
    int m_pageSize = 1000;
    QPointer<SyncTransport> m_transport;
    RemoteAuditUser m_user;
    QByteArray m_witnessKey;
    QHash<QString, QString> m_storeNames;
    QString m_ownRegisterId;
    QByteArray m_ownKey;
    // The chain being fetched.
    QString m_fetching;
    RemoteAuditChain m_chain;
    Progress m_progress;
    Fetched m_fetched;
};

} // namespace pos
