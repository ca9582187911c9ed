#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"
#include "sync/SyncTransport.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <functional>

namespace pos {

class AccessControl;
class AuthService;
class Clock;
class Database;
class KeyStore;

struct EnrolmentRequest {
    QString serverUrl; // as typed: https://host[:port]
    SecretBytes code;  // the one-time code as typed (dashes, spaces and case do not matter)
    QString typedPin;  // optional: the pin from the enrolment sheet (64 hex digits)
    QString name;      // the register's name on the server; empty: its local name
};

struct EnrolmentOutcome {
    QString serverUrl;
    QString companyId;
    QString companyName;
    QString storeId;
    QString storeName;
    QString registerId;
    QString registerName;
    QStringList pins;
    QString deviceKeyFingerprint; // AuditVerifier::fingerprint of the device's public key
    qint64 clockSkewSeconds = 0;  // server time minus this register's; > 300 s: fix the clock
};

// Enrols this register with a sync server (docs/sync.md "POST /v1/enrol", NET-2, NET-3): checks
// that the acting session is an owner's with settings.manage, makes (or reuses) the device key,
// sends both public keys and the audit chain's head with the one-time code, checks the server's
// certificate (system CA or the typed pin) and that it is among the pins the server sends, then
// stores the server, ids, names, pins and witness key in sync_state, takes the server's company
// and store ids for the local company and store, and writes a `sync.enrolled` audit row, all in
// one transaction, after the company's PIN pepper went into the key store (the register's own is
// kept for the PINs hashed before). Asynchronous: start() returns at once; `done` runs later in
// this thread (at once for a refusal found before any network).
//
// Errors: PermissionDenied / Unauthenticated (the session), InvalidInput (address, code or pin
// as typed, nothing sent), Conflict (already enrolled, or the server knows this register),
// Unauthenticated (the server refused the code), Io (the server could not be reached or its
// certificate was refused; the message says which). The code never appears in a message or log.
class Enrolment : public QObject {
    Q_OBJECT
public:
    // `auth` adopts the company's PIN pepper from the server's answer (AuthService::
    // adoptCompanyPepper), before the enrolment is committed here.
    Enrolment(Database& db, KeyStore& keys, AccessControl& access, AuthService& auth,
              const Clock& clock, QObject* parent = nullptr);
    ~Enrolment() override;

    using Done = std::function<void(Result<EnrolmentOutcome>)>;
    void start(const Session& session, EnrolmentRequest request, Done done);
    // Cuts the request off; done runs with an error.
    void cancel();
    bool busy() const { return m_transport != nullptr; }

    // Tests: shorter timeouts.
    void setTimeouts(const SyncTimeouts& timeouts) { m_timeouts = timeouts; }

private:
    void finish(Result<EnrolmentOutcome> result);
    Result<EnrolmentOutcome> store(const Session& session, const SyncReply& reply);

    Database& m_db;
    KeyStore& m_keys;
    AccessControl& m_access;
    AuthService& m_auth;
    const Clock& m_clock;
    SyncTimeouts m_timeouts;
    QPointer<SyncTransport> m_transport;
    Done m_done;
    Session m_session;
    QString m_serverUrl;
    QString m_registerId;
    QString m_registerName;
    QByteArray m_devicePublicKey;
};

} // namespace pos
