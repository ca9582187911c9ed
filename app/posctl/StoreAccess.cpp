#include "StoreAccess.h"

#include "../common/StaffKeys.h"
#include "audit/AuditLog.h"
#include "store/KeychainKeyStore.h"
#include "store/SealedKeyFile.h"
#include "store/StoreFile.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace pos::cli {

Result<SecretBytes> readSecret(const char* prompt, const QString& what)
{
    const bool tty = isatty(STDIN_FILENO) == 1;
    termios old{};
    if (tty) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    SecretBytes buffer(1024);
    std::size_t n = 0;
    int c = 0;
    while (n < buffer.size() && (c = std::fgetc(stdin)) != EOF && c != '\n')
        buffer.data()[n++] = static_cast<unsigned char>(c);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputs("\n", stderr);
    }
    if (n > 0 && buffer.data()[n - 1] == '\r')
        --n;
    if (n == 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("no %1 was given").arg(what));
    return SecretBytes(buffer.data(), n);
}

namespace {

Result<SecretBytes> readPassphrase(const char* prompt)
{
    return readSecret(prompt, QStringLiteral("passphrase"));
}

} // namespace

Result<QString> storePath(const StoreOptions& options)
{
    if (options.dataDir.isEmpty())
        return StoreFile::defaultPath();
    QDir dir(options.dataDir);
    if (!dir.exists() && !QDir().mkpath(options.dataDir))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot create the folder %1").arg(options.dataDir));
    return dir.absoluteFilePath(QStringLiteral("register.db"));
}

Result<OpenStore> openStore(const StoreOptions& options, bool create)
{
    OpenStore open;
    auto path = storePath(options);
    if (!path)
        return std::unexpected(path.error());
    open.path = *path;
    if (!create && !QFileInfo::exists(open.path))
        return fail(
            ErrorCode::NotFound,
            QStringLiteral("there is no store at %1; run 'posctl init' first").arg(open.path));

    if (!options.keyFile.isEmpty()) {
        const bool newFile = !QFileInfo::exists(options.keyFile);
        if (newFile && !create)
            return fail(ErrorCode::NotFound,
                        QStringLiteral("there is no key file at %1").arg(options.keyFile));
        auto pass = readPassphrase(newFile ? "New key file passphrase (at least 12 characters): "
                                           : "Key file passphrase: ");
        if (!pass)
            return std::unexpected(pass.error());
        if (newFile) {
            if (auto s = SealedKeyFile::checkNewPassphrase(*pass); !s)
                return std::unexpected(s.error());
            if (isatty(STDIN_FILENO) == 1) {
                auto again = readPassphrase("Repeat the passphrase: ");
                if (!again)
                    return std::unexpected(again.error());
                if (!again->equals(*pass))
                    return fail(ErrorCode::InvalidInput,
                                QStringLiteral("the two passphrases differ; nothing was created"));
            }
        }
        open.keys = std::make_unique<SealedKeyFile>(options.keyFile, std::move(*pass));
    } else {
        open.keys = std::make_unique<KeychainKeyStore>();
    }
    auto db = create ? StoreFile::openOrCreate(open.path, *open.keys)
                     : StoreFile::openExisting(open.path, *open.keys);
    if (!db) {
        if (db.error().code == ErrorCode::KeychainUnavailable)
            return fail(ErrorCode::KeychainUnavailable,
                        db.error().message +
                            QStringLiteral(" Use --key-file PATH to keep the key in a "
                                           "passphrase-sealed file instead."));
        return std::unexpected(db.error());
    }
    open.db = std::move(*db);
    return open;
}

Status attachAuditLog(OpenStore& store, const QString& registerId)
{
    static const SystemClock clock; // outlives the database that keeps the log
    auto log = AuditLog::open(*store.db, *store.keys, registerId, clock);
    if (!log)
        return fail(log.error().code,
                    QStringLiteral("this register's audit log cannot be opened, so nothing was "
                                   "done: %1")
                        .arg(log.error().message));
    store.db->attachAuditLog(std::move(*log));
    return {};
}

SignedIn::SignedIn(OpenStore open, RegisterSettings settings)
    : m_open(std::move(open)), m_settings(std::move(settings)), m_access(*m_open.db),
      m_auth(*m_open.db, *m_open.keys, app::pinPepperNameFor(m_open.path), m_clock, m_ids,
             m_settings.registerId)
{}

SignedIn::~SignedIn()
{
    if (m_session.isValid())
        (void)m_auth.signOut(m_session, QStringLiteral("posctl command finished"));
}

Status SignedIn::signIn(const QString& userCode)
{
    auto tiles = m_auth.tiles();
    if (!tiles)
        return std::unexpected(tiles.error());
    bool pin = false, totp = false;
    for (const StaffTile& t : std::as_const(*tiles)) {
        if (t.code == userCode) {
            pin = t.signsInWithPin;
            totp = t.needsTotp;
        }
    }
    auto secret = pin ? readSecret("PIN: ", QStringLiteral("PIN"))
                      : readSecret("Password: ", QStringLiteral("password"));
    if (!secret)
        return std::unexpected(secret.error());
    SecretBytes code;
    if (totp) {
        auto c = readSecret("Sign-in code from your authenticator app: ",
                            QStringLiteral("sign-in code"));
        if (!c)
            return std::unexpected(c.error());
        code = std::move(*c);
    }
    auto session = m_auth.signIn(userCode, *secret, code);
    if (!session)
        return std::unexpected(session.error());
    m_session = *session;
    return {};
}

Result<std::unique_ptr<SignedIn>> openSignedIn(const StoreOptions& options, const QString& userCode)
{
    auto store = openStore(options, false);
    if (!store)
        return std::unexpected(store.error());
    auto settings = RegisterSettings::load(*store->db);
    if (!settings) {
        if (settings.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, QStringLiteral("this store has no register settings "
                                                            "yet; run 'posctl init' first"));
        return std::unexpected(settings.error());
    }
    if (auto s = attachAuditLog(*store, settings->registerId); !s)
        return std::unexpected(s.error());
    auto signedIn = std::make_unique<SignedIn>(std::move(*store), std::move(*settings));
    if (auto s = signedIn->signIn(userCode); !s)
        return std::unexpected(s.error());
    return signedIn;
}

} // namespace pos::cli
