#include "store/KeychainKeyStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcKeys, "pos.keys")

namespace pos {

namespace {

QString unavailableMessage()
{
    return QStringLiteral("No system keychain answered (Secret Service not running or locked). "
                          "This register can keep its key in a passphrase-sealed key file "
                          "instead.");
}

// libsecret reports "no D-Bus session", "no Secret Service on the bus", "the service could not be
// started" and D-Bus timeouts as plain OtherError; only the text tells them apart from a real
// keychain error. A locked collection that cannot prompt (a kiosk, a headless session) is the
// same situation for the owner: no keychain they can use right now.
bool looksUnavailable(QKeychain::Error code, const QString& text)
{
    if (code == QKeychain::NoBackendAvailable || code == QKeychain::NotImplemented)
        return true;
    if (code != QKeychain::OtherError && code != QKeychain::AccessDenied)
        return false;
    static const char* const markers[] = {
        "org.freedesktop.DBus.Error.", // ServiceUnknown, NoServer, Spawn.*, NoReply, TimedOut...
        "Could not connect",           // no bus at DBUS_SESSION_BUS_ADDRESS
        "autolaunch",                  // no session bus and no X11 to start one
        "Cannot spawn a message bus",
        "D-Bus is not running",
        "No keychain service",
        "Timeout was reached",
        "org.freedesktop.secrets",
        "locked",
        "prompt",
    };
    for (const char* m : markers) {
        if (text.contains(QLatin1String(m), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

enum class Outcome { Finished, TimedOut, NoEventLoop };

// Starts the job and waits for it on a local event loop. On timeout the job is left to delete
// itself when (if ever) its backend answers: deleting it now would leave libsecret a dangling
// callback pointer.
Outcome runJob(std::unique_ptr<QKeychain::Job>& job, int timeoutMs)
{
    // startingUp()/closingDown() rather than QCoreApplication::instance(): the inline instance()
    // reads a copy-relocated pointer that is null in code compiled with -fPIE.
    if (QCoreApplication::startingUp() || QCoreApplication::closingDown())
        return Outcome::NoEventLoop;
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never the plaintext QSettings store
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool finished = false;
    QObject::connect(job.get(), &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    job->start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (finished)
        return Outcome::Finished;
    QObject::disconnect(job.get(), nullptr, &loop, nullptr);
    job->setAutoDelete(true);
    (void)job.release();
    return Outcome::TimedOut;
}

std::unexpected<Error> failure(Outcome outcome, const QKeychain::Job* job, const QString& what)
{
    if (outcome == Outcome::NoEventLoop)
        return fail(ErrorCode::Internal,
                    QStringLiteral("the system keychain can only be used while the application "
                                   "runs"));
    if (outcome == Outcome::TimedOut) {
        qCWarning(lcKeys) << "the system keychain did not answer in time while" << what;
        return fail(ErrorCode::KeychainUnavailable, unavailableMessage());
    }
    const QString text = job->errorString();
    qCWarning(lcKeys) << "keychain error while" << what << ":" << job->error() << text;
    if (looksUnavailable(job->error(), text))
        return fail(ErrorCode::KeychainUnavailable, unavailableMessage());
    return fail(ErrorCode::Keychain,
                QStringLiteral("The system keychain refused %1: %2").arg(what, text));
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString service, int timeoutMs)
    : m_service(std::move(service)), m_timeoutMs(timeoutMs)
{}

QString KeychainKeyStore::describe() const
{
    return QStringLiteral("the system keychain");
}

Result<SecretBytes> KeychainKeyStore::read(const QString& name)
{
    auto* readJob = new QKeychain::ReadPasswordJob(m_service);
    std::unique_ptr<QKeychain::Job> job(readJob);
    readJob->setKey(name);
    const Outcome outcome = runJob(job, m_timeoutMs);
    if (outcome != Outcome::Finished)
        return failure(outcome, nullptr, QStringLiteral("reading the key %1").arg(name));
    if (readJob->error() == QKeychain::EntryNotFound)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("the system keychain holds no key named %1").arg(name));
    if (readJob->error() != QKeychain::NoError)
        return failure(outcome, readJob, QStringLiteral("reading the key %1").arg(name));
    // Share the job's buffer, then drop the job: our array is the last owner and wiping it wipes
    // the only copy QtKeychain handed us.
    QByteArray data = readJob->binaryData();
    job.reset();
    return SecretBytes::takeFrom(data);
}

Status KeychainKeyStore::write(const QString& name, const SecretBytes& secret)
{
    auto* writeJob = new QKeychain::WritePasswordJob(m_service);
    std::unique_ptr<QKeychain::Job> job(writeJob);
    writeJob->setKey(name);
    QByteArray data = secret.toByteArrayForApi();
    writeJob->setBinaryData(data);
    const Outcome outcome = runJob(job, m_timeoutMs);
    if (outcome == Outcome::Finished) {
        writeJob->setBinaryData(QByteArray()); // the job lets go, so the wipe below is real
        SecretBytes::wipe(data);
    } else {
        data.clear(); // the pending job still holds it; nothing to wipe safely
    }
    if (outcome != Outcome::Finished || writeJob->error() != QKeychain::NoError)
        return failure(outcome, outcome == Outcome::Finished ? writeJob : nullptr,
                       QStringLiteral("storing the key %1").arg(name));
    qCInfo(lcKeys) << "stored key" << name << "in the system keychain";
    return {};
}

Status KeychainKeyStore::remove(const QString& name)
{
    auto* deleteJob = new QKeychain::DeletePasswordJob(m_service);
    std::unique_ptr<QKeychain::Job> job(deleteJob);
    deleteJob->setKey(name);
    const Outcome outcome = runJob(job, m_timeoutMs);
    if (outcome == Outcome::Finished && (deleteJob->error() == QKeychain::NoError ||
                                         deleteJob->error() == QKeychain::EntryNotFound))
        return {};
    return failure(outcome, outcome == Outcome::Finished ? deleteJob : nullptr,
                   QStringLiteral("removing the key %1").arg(name));
}

} // namespace pos
