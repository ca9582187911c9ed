#pragma once

#include "Clock.h"
#include "Error.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "staff/Session.h"
#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/RegisterSettings.h"

#include <QString>
#include <memory>

namespace pos::cli {

// Which store posctl works on and where its key lives.
struct StoreOptions {
    QString dataDir; // empty: the user's data folder (the same store the desktop app uses)
    QString keyFile; // non-empty: a passphrase-sealed key file (ENC-2) instead of the keychain
};

struct OpenStore {
    std::unique_ptr<KeyStore> keys;
    std::unique_ptr<Database> db;
    QString path;
};

Result<QString> storePath(const StoreOptions& options);
// create=false refuses to make a new store (every command but init).
Result<OpenStore> openStore(const StoreOptions& options, bool create);

// This register's audit log, opened with the store's key store and attached to its database: a
// store refuses audited changes without one, and a store from before the log starts its chain
// now. Refused (nothing done) when the signing key of a started chain is missing or another one.
Status attachAuditLog(OpenStore& store, const QString& registerId);

// A password, PIN, passphrase or sign-in code: read from the terminal without echo, or from
// standard input (one line) when it is not a terminal, so scripts can pipe it in. Never from the
// command line or the environment. what names it in the error when nothing was given.
Result<SecretBytes> readSecret(const char* prompt, const QString& what);

// A command acting as a signed-in user (RBAC-2: every core operation checks the session). The
// session is ended when this goes away, so a posctl run leaves no live session behind.
class SignedIn {
public:
    SignedIn(OpenStore open, RegisterSettings settings);
    ~SignedIn();
    SignedIn(const SignedIn&) = delete;
    SignedIn& operator=(const SignedIn&) = delete;

    Database& db() { return *m_open.db; }
    const RegisterSettings& settings() const { return m_settings; }
    AccessControl& access() { return m_access; }
    AuthService& auth() { return m_auth; }
    const Session& session() const { return m_session; }
    const QString& path() const { return m_open.path; }
    KeyStore& keys() { return *m_open.keys; }
    const Clock& clock() const { return m_clock; }
    IdSource& ids() { return m_ids; }

    // The user's password or PIN, and an owner's sign-in code on the next line, from the
    // terminal or standard input; then AuthService::signIn.
    Status signIn(const QString& userCode);

private:
    OpenStore m_open;
    RegisterSettings m_settings;
    SystemClock m_clock;
    RandomIdSource m_ids;
    AccessControl m_access;
    AuthService m_auth;
    Session m_session;
};

// Opens a store that init has set up and signs userCode in.
Result<std::unique_ptr<SignedIn>> openSignedIn(const StoreOptions& options,
                                               const QString& userCode);

} // namespace pos::cli
