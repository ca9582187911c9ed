// KeychainKeyStore against a real Secret Service: the throw-away, unlocked gnome-keyring that
// tests/support/with-keyring.sh starts on a private D-Bus session. The "no keychain" cases run
// this same executable again as a child process whose D-Bus session address leads nowhere (or to
// a bus without a Secret Service), because QtDBus and libsecret keep their first connection for
// the life of a process.

#include "store/KeychainKeyStore.h"
#include "store/StoreFile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <cstdio>

using namespace pos;

namespace {

const char* const ChildFlag = "--keychain-unavailable-child";

QString uniqueName(const char* prefix)
{
    return QString::fromLatin1(prefix) + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

// The child's whole job: every operation must say "no keychain", quickly and in plain words.
int runUnavailableChild()
{
    KeychainKeyStore keys(QStringLiteral("pos-register-test"), 3000);
    auto r = keys.read(QStringLiteral("store-key-child"));
    auto w = keys.write(QStringLiteral("store-key-child"), secret("never stored"));
    auto d = keys.remove(QStringLiteral("store-key-child"));
    const auto code = [](const Error& e) {
        return static_cast<int>(e.code);
    };
    std::printf("read=%d write=%d remove=%d\n", r ? -1 : code(r.error()), w ? -1 : code(w.error()),
                d ? -1 : code(d.error()));
    if (!r)
        std::printf("message=%s\n", qPrintable(r.error().message));
    const int want = static_cast<int>(ErrorCode::KeychainUnavailable);
    return (!r && !w && !d && code(r.error()) == want && code(w.error()) == want &&
            code(d.error()) == want)
               ? 0
               : 1;
}

} // namespace

class TestKeychainKeyStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void writeReadRemoveRoundTrip();
    void missingEntryIsNotFound();
    void servicesAreSeparate();
    void storeFileCreatesAndReopensWithTheKeychain();
    void unavailableWhenNoBusAnswers();
    void unavailableWhenTheBusHasNoSecretService();

private:
    void runChild(const QProcessEnvironment& env, const QString& program, const QStringList& args);
    KeychainKeyStore m_keys{QStringLiteral("pos-register-test"), 15000};
};

void TestKeychainKeyStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("run this test through tests/support/with-keyring.sh (ctest does)");
}

void TestKeychainKeyStore::writeReadRemoveRoundTrip()
{
    const QString name = uniqueName("store-key-");
    auto key = SecretBytes::random(32);
    QVERIFY(key.has_value());
    key->data()[0] = 0; // binary data with a NUL and high bytes must survive
    key->data()[1] = 0xff;
    auto w = m_keys.write(name, *key);
    QVERIFY2(w.has_value(), w ? "" : qPrintable(w.error().message));
    auto r = m_keys.read(name);
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QVERIFY(r->equals(*key));

    auto other = SecretBytes::random(32);
    QVERIFY(m_keys.write(name, *other).has_value()); // overwrite
    QVERIFY(m_keys.read(name)->equals(*other));

    auto d = m_keys.remove(name);
    QVERIFY2(d.has_value(), d ? "" : qPrintable(d.error().message));
    auto gone = m_keys.read(name);
    QVERIFY(!gone.has_value());
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
    QVERIFY(m_keys.remove(name).has_value()); // removing twice is harmless
    QCOMPARE(m_keys.describe(), QStringLiteral("the system keychain"));
}

void TestKeychainKeyStore::missingEntryIsNotFound()
{
    const QString name = uniqueName("never-written-");
    auto r = m_keys.read(name);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QVERIFY(r.error().message.contains(name));
}

void TestKeychainKeyStore::servicesAreSeparate()
{
    const QString name = uniqueName("store-key-");
    QVERIFY(m_keys.write(name, secret("register A")).has_value());
    KeychainKeyStore other(QStringLiteral("pos-register-other"));
    auto r = other.read(name);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QVERIFY(m_keys.remove(name).has_value());
}

void TestKeychainKeyStore::storeFileCreatesAndReopensWithTheKeychain()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("register.db"));
    {
        auto db = StoreFile::openOrCreate(path, m_keys);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        QVERIFY((*db)->exec("INSERT INTO settings (key, value) VALUES ('till', '3')").has_value());
    }
    {
        KeychainKeyStore fresh(QStringLiteral("pos-register-test"));
        auto db = StoreFile::openOrCreate(path, fresh); // exists now: opens, does not recreate
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        auto n = (*db)->scalar("SELECT count(*) FROM settings WHERE key = 'till'");
        QVERIFY(n.has_value());
        QCOMPARE(*n, qint64(1));
    }
    // Without its keychain entry the store is refused with a message naming file and keychain.
    QVERIFY(m_keys.remove(StoreFile::keyNameFor(path)).has_value());
    auto refused = StoreFile::openExisting(path, m_keys);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, ErrorCode::NotFound);
    QVERIFY(refused.error().message.contains(path));
    QVERIFY(refused.error().message.contains(QStringLiteral("system keychain")));
}

void TestKeychainKeyStore::runChild(const QProcessEnvironment& env, const QString& program,
                                    const QStringList& args)
{
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    child.start(program, args);
    QVERIFY(child.waitForStarted());
    QVERIFY2(child.waitForFinished(60000), "the no-keychain child hung");
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    const QString err = QString::fromUtf8(child.readAllStandardError());
    qInfo("child finished in %lld ms: %s", t.elapsed(), qPrintable(out.trimmed()));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("No system keychain answered")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("passphrase-sealed key file")));
}

void TestKeychainKeyStore::unavailableWhenNoBusAnswers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-bus")));
    runChild(env, QCoreApplication::applicationFilePath(), {QString::fromLatin1(ChildFlag)});
}

void TestKeychainKeyStore::unavailableWhenTheBusHasNoSecretService()
{
    // A fresh session bus of its own, where nothing owns org.freedesktop.secrets. D-Bus could
    // still activate gnome-keyring there; it would come up locked with nobody to unlock it, which
    // is the same situation for the shop owner.
    const QString runSession = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (runSession.isEmpty())
        QSKIP("dbus-run-session is not installed");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    runChild(env, runSession,
             {QStringLiteral("--"), QCoreApplication::applicationFilePath(),
              QString::fromLatin1(ChildFlag)});
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], ChildFlag) == 0)
        return runUnavailableChild();
    TestKeychainKeyStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainkeystore.moc"
