// ENC-2: the passphrase-sealed key file. Round trip, reopen, wrong passphrase and changed bytes
// refused with the file untouched, owner-only permissions, no key or passphrase bytes on disk.

#include "crypto/SecretBytes.h"
#include "store/SealedKeyFile.h"
#include "store/StoreFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pos;

namespace {

SecretBytes secret(const QByteArray& bytes)
{
    QByteArray copy = bytes;
    return SecretBytes::takeFrom(copy);
}

QByteArray toArray(const SecretBytes& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<qsizetype>(s.size()));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

const QByteArray Passphrase("owner's long passphrase: Lantern-Harbour-42");

} // namespace

class TestSealedKeyFile : public QObject {
    Q_OBJECT

private slots:
    void init();
    void roundTripAndReopen();
    void missingFileAndMissingEntry();
    void wrongPassphraseLeavesFileUntouched();
    void changedByteIsRefused();
    void truncatedAndForeignFilesAreRefused();
    void fileIsOwnerOnlyAndHoldsNoSecretBytes();
    void removeKeepsOtherEntries();
    void servesStoreFile();
    void shortPassphraseMakesNoFile();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(QStringLiteral("register.db.keys")); }
};

void TestSealedKeyFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSealedKeyFile::roundTripAndReopen()
{
    QCOMPARE(SealedKeyFile::defaultPathFor(QStringLiteral("/x/register.db")),
             QStringLiteral("/x/register.db.keys"));
    auto key = SecretBytes::random(32);
    QVERIFY(key.has_value());
    {
        SealedKeyFile file(path(), secret(Passphrase));
        QVERIFY(file.describe().contains(path()));
        auto w = file.write(QStringLiteral("store-key-1"), *key);
        QVERIFY2(w.has_value(), w ? "" : qPrintable(w.error().message));
        auto r = file.read(QStringLiteral("store-key-1"));
        QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
        QVERIFY(r->equals(*key));
        // Overwrite the same name.
        QVERIFY(file.write(QStringLiteral("store-key-1"), secret("second value")).has_value());
        QCOMPARE(toArray(*file.read(QStringLiteral("store-key-1"))), QByteArray("second value"));
        QVERIFY(file.write(QStringLiteral("store-key-1"), *key).has_value());
    }
    SealedKeyFile again(path(), secret(Passphrase));
    auto r = again.read(QStringLiteral("store-key-1"));
    QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    QVERIFY(r->equals(*key));
}

void TestSealedKeyFile::missingFileAndMissingEntry()
{
    SealedKeyFile file(path(), secret(Passphrase));
    auto none = file.read(QStringLiteral("store-key-1"));
    QVERIFY(!none.has_value());
    QCOMPARE(none.error().code, ErrorCode::NotFound);
    QVERIFY(!QFile::exists(path())); // reading never creates the file
    QVERIFY(file.write(QStringLiteral("a"), secret("alpha")).has_value());
    auto missing = file.read(QStringLiteral("b"));
    QVERIFY(!missing.has_value());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(missing.error().message.contains(path()));
}

void TestSealedKeyFile::wrongPassphraseLeavesFileUntouched()
{
    {
        SealedKeyFile file(path(), secret(Passphrase));
        QVERIFY(file.write(QStringLiteral("k"), secret("the key")).has_value());
    }
    const QByteArray before = readAll(path());
    const auto entriesBefore = QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden);
    SealedKeyFile wrong(path(), secret("owner's long passphrase: Lantern-Harbour-43"));
    auto r = wrong.read(QStringLiteral("k"));
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, ErrorCode::WrongKeyOrDamaged);
    QVERIFY2(r.error().message.contains(QStringLiteral("passphrase is wrong")),
             qPrintable(r.error().message));
    QVERIFY(r.error().message.contains(path()));
    QVERIFY(!r.error().message.contains(QString::fromUtf8(Passphrase)));
    // A write or remove with the wrong passphrase must not replace the keys.
    QVERIFY(!wrong.write(QStringLiteral("k"), secret("attacker")).has_value());
    QVERIFY(!wrong.write(QStringLiteral("other"), secret("attacker")).has_value());
    QVERIFY(!wrong.remove(QStringLiteral("k")).has_value());
    QCOMPARE(readAll(path()), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden), entriesBefore);

    SealedKeyFile right(path(), secret(Passphrase));
    QCOMPARE(toArray(*right.read(QStringLiteral("k"))), QByteArray("the key"));
}

void TestSealedKeyFile::changedByteIsRefused()
{
    {
        SealedKeyFile file(path(), secret(Passphrase));
        QVERIFY(file.write(QStringLiteral("k"), secret("the key")).has_value());
    }
    const QByteArray original = readAll(path());
    // One instance serves every probe, so scrypt runs once per distinct header. Bytes 10..12 are
    // the scrypt parameters, 16..47 the salt: changing them changes the key and the AAD.
    SealedKeyFile file(path(), secret(Passphrase));
    const qsizetype probes[] = {0,
                                7,
                                8,
                                9,
                                13,
                                16,
                                47,
                                48,
                                59,
                                60,
                                original.size() / 2,
                                original.size() - 17,
                                original.size() - 1};
    for (qsizetype at : probes) {
        QByteArray changed = original;
        changed[at] = static_cast<char>(changed[at] ^ 0x04);
        writeAll(path(), changed);
        auto r = file.read(QStringLiteral("k"));
        QVERIFY2(!r.has_value(), qPrintable(QStringLiteral("byte %1 changed unnoticed").arg(at)));
        QCOMPARE(r.error().code, ErrorCode::WrongKeyOrDamaged);
        QVERIFY(r.error().message.contains(QStringLiteral("key file was changed")));
        QVERIFY(!file.write(QStringLiteral("k2"), secret("x")).has_value());
        QCOMPARE(readAll(path()), changed); // refused writes leave the changed file alone
    }
    writeAll(path(), original);
    QCOMPARE(toArray(*file.read(QStringLiteral("k"))), QByteArray("the key"));
}

void TestSealedKeyFile::truncatedAndForeignFilesAreRefused()
{
    {
        SealedKeyFile file(path(), secret(Passphrase));
        QVERIFY(file.write(QStringLiteral("k"), secret("the key")).has_value());
    }
    const QByteArray original = readAll(path());
    const QByteArray variants[] = {QByteArray(),
                                   original.first(20),
                                   original.first(60),
                                   original.chopped(1),
                                   QByteArray("{\"not\": \"a key file\"}"),
                                   original + QByteArray(1, '\0')};
    for (const QByteArray& v : variants) {
        writeAll(path(), v);
        SealedKeyFile file(path(), secret(Passphrase));
        auto r = file.read(QStringLiteral("k"));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, ErrorCode::WrongKeyOrDamaged);
        QVERIFY(r.error().message.contains(path()));
        QCOMPARE(readAll(path()), v);
    }
}

void TestSealedKeyFile::fileIsOwnerOnlyAndHoldsNoSecretBytes()
{
    const QByteArray key =
        QByteArray::fromHex("8f1e0c3a5b7d9e2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f");
    SealedKeyFile file(path(), secret(Passphrase));
    QVERIFY(file.write(QStringLiteral("store-key-abc"), secret(key)).has_value());
    QVERIFY(file.write(QStringLiteral("store-key-abc"), secret(key)).has_value()); // rewrite
    QCOMPARE(QFile::permissions(path()) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = readAll(path());
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains(key));
    QVERIFY(!bytes.contains(key.toHex()));
    QVERIFY(!bytes.contains(key.first(8)));
    QVERIFY(!bytes.contains(Passphrase));
    QVERIFY(!bytes.contains(Passphrase.first(8)));
    QVERIFY(!bytes.contains("store-key-abc")); // entry names are sealed too
    // No temporary files left behind.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("register.db.keys")});
}

void TestSealedKeyFile::removeKeepsOtherEntries()
{
    SealedKeyFile file(path(), secret(Passphrase));
    QVERIFY(file.write(QStringLiteral("a"), secret("alpha")).has_value());
    QVERIFY(file.write(QStringLiteral("b"), secret("bravo")).has_value());
    QVERIFY(file.remove(QStringLiteral("a")).has_value());
    QVERIFY(file.remove(QStringLiteral("never there")).has_value());
    QCOMPARE(file.read(QStringLiteral("a")).error().code, ErrorCode::NotFound);
    SealedKeyFile again(path(), secret(Passphrase));
    QCOMPARE(toArray(*again.read(QStringLiteral("b"))), QByteArray("bravo"));
}

void TestSealedKeyFile::servesStoreFile()
{
    const QString store = m_dir->filePath(QStringLiteral("register.db"));
    {
        SealedKeyFile keys(SealedKeyFile::defaultPathFor(store), secret(Passphrase));
        auto db = StoreFile::openOrCreate(store, keys);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        QVERIFY((*db)->exec("INSERT INTO settings (key, value) VALUES ('k', 'v')").has_value());
    }
    SealedKeyFile keys(SealedKeyFile::defaultPathFor(store), secret(Passphrase));
    auto db = StoreFile::openExisting(store, keys);
    QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    auto n = (*db)->scalar("SELECT count(*) FROM settings WHERE key = 'k'");
    QVERIFY(n.has_value());
    QCOMPARE(*n, qint64(1));

    SealedKeyFile wrong(SealedKeyFile::defaultPathFor(store), secret("not it"));
    auto refused = StoreFile::openExisting(store, wrong);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, ErrorCode::WrongKeyOrDamaged);
}

void TestSealedKeyFile::shortPassphraseMakesNoFile()
{
    QVERIFY(!SealedKeyFile::checkNewPassphrase(secret("eleven char")));
    QVERIFY(SealedKeyFile::checkNewPassphrase(secret("twelve chars")));
    // Counted in characters, not bytes: eleven accented letters are still too short.
    QVERIFY(
        !SealedKeyFile::checkNewPassphrase(secret("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                                  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9")));
    SealedKeyFile file(path(), secret("short"));
    auto w = file.write(QStringLiteral("k"), secret("the key"));
    QVERIFY(!w);
    QCOMPARE(w.error().code, ErrorCode::InvalidInput);
    QVERIFY(w.error().message.contains(QStringLiteral("at least 12 characters")));
    QVERIFY(!QFileInfo::exists(path()));
}

QTEST_GUILESS_MAIN(TestSealedKeyFile)
#include "tst_sealedkeyfile.moc"
