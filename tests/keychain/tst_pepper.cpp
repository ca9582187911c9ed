// The PIN pepper in the real OS keychain (the throw-away gnome-keyring of with-keyring.sh): made
// once by AuthService on first use, read back by a later instance (as after a restart), PINs
// hashed with it verify only with it. (That no table holds it: tst_authservice.)
#include "auth/CredentialHash.h"
#include "staff/AuthService.h"
#include "store/KeychainKeyStore.h"
#include "store/StoreFile.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pos;

namespace {

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

} // namespace

class TestPepper : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("run this test through tests/support/with-keyring.sh (ctest does)");
    }

    void pepperLivesInTheKeychain()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        KeychainKeyStore keys(QStringLiteral("pos-register-test"));
        const QString path = dir.filePath(QStringLiteral("register.db"));
        auto db = StoreFile::openOrCreate(path, keys);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        const QString name =
            QStringLiteral("pin-pepper-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(keys.read(name).error().code, ErrorCode::NotFound);

        ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
        SequentialIdSource ids;
        AuthService::Options options;
        options.hashParams = Scrypt::Params{1u << 10, 8, 1};
        QString hash;
        {
            AuthService auth(**db, keys, name, clock, ids, QString(), options);
            auto h = auth.hashPin(secret("7391"));
            QVERIFY2(h.has_value(), h ? "" : qPrintable(h.error().message));
            hash = *h;
        }
        auto stored = keys.read(name);
        QVERIFY2(stored.has_value(), stored ? "" : qPrintable(stored.error().message));
        QCOMPARE(stored->size(), std::size_t{32});

        // A new instance with a new key store object (as after a restart) finds the same one.
        KeychainKeyStore fresh(QStringLiteral("pos-register-test"));
        AuthService again(**db, fresh, name, clock, ids, QString(), options);
        auto pepper = again.pepper();
        QVERIFY2(pepper.has_value(), pepper ? "" : qPrintable(pepper.error().message));
        QVERIFY(pepper->equals(*stored));
        QCOMPARE(*CredentialHash::verifyPin(secret("7391"), *pepper, hash), true);
        auto other = SecretBytes::random(32);
        QCOMPARE(*CredentialHash::verifyPin(secret("7391"), *other, hash), false);

        QVERIFY(keys.remove(name).has_value());
        QVERIFY(keys.remove(StoreFile::keyNameFor(path)).has_value());
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    TestPepper test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pepper.moc"
