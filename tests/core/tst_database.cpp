// The SQLCipher store wrapper refuses every file it cannot trust with a clear error that names
// the file, and leaves that file (and any -wal/-shm beside it) exactly as it was; the cipher and
// connection settings are pinned (ENC-3, ENC-4); migrations are all-or-nothing.

#include "store/Database.h"
#include "store/KeyStore.h"
#include "store/Migrations.h"
#include "store/StoreFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <sqlcipher/sqlite3.h>

using namespace pos;

namespace {

constexpr qint64 PageSize = 4096;

SecretBytes keyOf(char fill)
{
    QByteArray raw(32, fill);
    return SecretBytes::takeFrom(raw);
}

// Every file under dir, by relative path, with its bytes.
QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        files.insert(QDir(dir).relativeFilePath(path),
                     f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>"));
    }
    return files;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Reads every row of every table and index, so that a damaged page anywhere is met.
Status readEverything(Database& db)
{
    auto names = db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                          "'CREATE VIRTUAL%' ORDER BY name");
    if (!names)
        return std::unexpected(names.error());
    QStringList tables;
    for (;;) {
        auto row = names->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        tables << names->text(0);
    }
    for (const QString& t : tables) {
        const QByteArray sql = "SELECT * FROM \"" + t.toUtf8() + "\"";
        auto q = db.query(sql.constData());
        if (!q)
            return std::unexpected(q.error());
        if (auto s = q->run(); !s)
            return s;
    }
    auto check = db.query("PRAGMA integrity_check");
    if (!check)
        return std::unexpected(check.error());
    auto row = check->next();
    if (!row)
        return std::unexpected(row.error());
    if (*row && check->text(0) != QStringLiteral("ok"))
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("integrity check of %1: %2").arg(db.path(), check->text(0)));
    return {};
}

} // namespace

class TestDatabase : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void freshStoreHeaderIsNotPlaintext();
    void pinnedPragmasAreInEffect();
    void reopenWithTheRightKey();
    void oneQueryRunsManyTimes();
    void badBindIsAnError();

    void wrongKeyIsRefusedAndUntouched();
    void wrongKeyWithWalAndShmIsRefusedAndUntouched();
    void randomBytesAreRefusedAndUntouched();
    void plaintextSqliteIsRefusedAndUntouched();
    void emptyFileIsRefusedAndUntouched();
    void truncatedStoreIsRefusedAndUntouched();
    void corruptPageOneIsRefusedAndUntouched();
    void flippedByteInLaterPageFailsOnReadAndUntouched();
    void refusalsThroughStoreFile();

    void failingMigrationRollsBackCompletely();
    void newerSchemaIsRefusedAndUntouched();

private:
    QString storePath() const { return m_dir->filePath(QStringLiteral("register.db")); }
    // A migrated store with enough rows to span many pages, closed cleanly.
    void makeStore(const QString& path, const SecretBytes& key);
    // Opening path with key must fail with an error naming the file, changing no file in the
    // folder and creating none.
    void expectOpenRefused(const QString& path, const SecretBytes& key,
                           std::initializer_list<ErrorCode> codes);

    std::unique_ptr<QTemporaryDir> m_dir;
    SecretBytes m_key = keyOf('\x11');
};

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabase::cleanup()
{
    m_dir.reset();
}

void TestDatabase::makeStore(const QString& path, const SecretBytes& key)
{
    auto db = Database::open(path, key, Database::Mode::CreateNew);
    QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    QVERIFY(migrate(**db).has_value());
    auto tx = Transaction::begin(**db);
    QVERIFY(tx.has_value());
    for (int i = 0; i < 300; ++i) {
        auto q = (*db)->query("INSERT INTO settings (key, value) VALUES (?1, ?2)");
        QVERIFY(q.has_value());
        q->bind(1, QStringLiteral("filler-%1").arg(i, 4, 10, QLatin1Char('0')))
            .bind(2, QString(500, QLatin1Char(static_cast<char>('a' + i % 26))));
        QVERIFY(q->run().has_value());
    }
    QVERIFY(tx->commit().has_value());
}

void TestDatabase::expectOpenRefused(const QString& path, const SecretBytes& key,
                                     std::initializer_list<ErrorCode> codes)
{
    const auto before = snapshot(m_dir->path());
    {
        auto db = Database::open(path, key, Database::Mode::OpenExisting);
        QVERIFY2(!db.has_value(), "a file that should be refused was opened");
        QVERIFY2(std::find(codes.begin(), codes.end(), db.error().code) != codes.end(),
                 qPrintable(QStringLiteral("unexpected error code %1: %2")
                                .arg(static_cast<int>(db.error().code))
                                .arg(db.error().message)));
        QVERIFY2(db.error().message.contains(path), qPrintable(db.error().message));
        qInfo("%s", qPrintable(db.error().message));
    }
    const auto after = snapshot(m_dir->path());
    QCOMPARE(after.keys(), before.keys());
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QVERIFY2(after.value(it.key()) == it.value(),
                 qPrintable(it.key() + QStringLiteral(" changed")));
}

void TestDatabase::freshStoreHeaderIsNotPlaintext()
{
    makeStore(storePath(), m_key);
    const QByteArray bytes = readAll(storePath());
    QVERIFY(bytes.size() >= PageSize);
    QCOMPARE(bytes.size() % PageSize, 0);
    QVERIFY(!bytes.startsWith("SQLite format 3"));
    QVERIFY(!bytes.contains("CREATE TABLE"));
    QVERIFY(!bytes.contains("filler-0001"));
    QCOMPARE(QFile::permissions(storePath()) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestDatabase::pinnedPragmasAreInEffect()
{
    makeStore(storePath(), m_key);
    auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
    QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    const auto text = [&](const char* sql) {
        auto q = (*db)->query(sql);
        if (!q)
            return QStringLiteral("<error: %1>").arg(q.error().message);
        auto row = q->next();
        return row && *row ? q->text(0) : QStringLiteral("<no row>");
    };
    QCOMPARE(text("PRAGMA cipher_page_size"), QStringLiteral("4096"));
    QCOMPARE(text("PRAGMA page_size"), QStringLiteral("4096"));
    QCOMPARE(text("PRAGMA kdf_iter"), QStringLiteral("64000"));
    QCOMPARE(text("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(text("PRAGMA synchronous"), QStringLiteral("2"));
    QCOMPARE(text("PRAGMA foreign_keys"), QStringLiteral("1"));
    QCOMPARE(text("PRAGMA temp_store"), QStringLiteral("2"));
    QCOMPARE(text("PRAGMA secure_delete"), QStringLiteral("1"));
}

void TestDatabase::reopenWithTheRightKey()
{
    makeStore(storePath(), m_key);
    auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
    QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    QVERIFY(readEverything(**db).has_value());
    QCOMPARE(*(*db)->scalar("SELECT count(*) FROM settings"), qint64(300));
    QCOMPARE(schemaVersion(**db), storeMigrations().back().version);
    // Creating over an existing file is refused, too.
    auto again = Database::open(storePath(), m_key, Database::Mode::CreateNew);
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
}

// One Query may run an INSERT again with new values (a bind after a step resets the statement;
// before, SQLite refused the bind silently and the second run repeated the first row).
void TestDatabase::oneQueryRunsManyTimes()
{
    makeStore(storePath(), m_key);
    auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
    QVERIFY(db.has_value());
    auto q = (*db)->query("INSERT INTO settings (key, value) VALUES (?1, ?2)");
    QVERIFY(q.has_value());
    for (int i = 0; i < 3; ++i) {
        q->bind(1, QStringLiteral("reuse-%1").arg(i)).bind(2, QString::number(i));
        QVERIFY(q->run().has_value());
    }
    QCOMPARE(*(*db)->scalar("SELECT count(*) FROM settings WHERE key LIKE 'reuse-%'"), qint64(3));
    QCOMPARE(*(*db)->scalar("SELECT sum(value) FROM settings WHERE key LIKE 'reuse-%'"), qint64(3));
}

void TestDatabase::badBindIsAnError()
{
    makeStore(storePath(), m_key);
    auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
    QVERIFY(db.has_value());
    auto q = (*db)->query("INSERT INTO settings (key, value) VALUES (?1, ?2)");
    QVERIFY(q.has_value());
    q->bind(1, QStringLiteral("k")).bind(2, QStringLiteral("v")).bind(3, QStringLiteral("x"));
    auto r = q->run();
    QVERIFY(!r.has_value());
    QVERIFY2(r.error().message.contains(QStringLiteral("could not be bound")),
             qPrintable(r.error().message));
    QCOMPARE(*(*db)->scalar("SELECT count(*) FROM settings WHERE key = 'k'"), qint64(0));
}

void TestDatabase::wrongKeyIsRefusedAndUntouched()
{
    makeStore(storePath(), m_key);
    expectOpenRefused(storePath(), keyOf('\x22'), {ErrorCode::WrongKeyOrDamaged});
    auto wrongSize =
        Database::open(storePath(), keyOf('\x22').toHex(), Database::Mode::OpenExisting);
    QVERIFY(!wrongSize.has_value());
    QCOMPARE(wrongSize.error().code, ErrorCode::InvalidInput);
}

void TestDatabase::wrongKeyWithWalAndShmIsRefusedAndUntouched()
{
    // Copy the store while a writer holds it open, so the copy has a live -wal and -shm.
    QTemporaryDir live;
    const QString livePath = live.filePath(QStringLiteral("register.db"));
    makeStore(livePath, m_key);
    auto db = Database::open(livePath, m_key, Database::Mode::OpenExisting);
    QVERIFY(db.has_value());
    QVERIFY((*db)->exec("INSERT INTO settings (key, value) VALUES ('late', 'in the wal')"));
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const QString from = livePath + QLatin1String(suffix);
        QVERIFY2(QFile::exists(from), suffix);
        QVERIFY(QFile::copy(from, storePath() + QLatin1String(suffix)));
    }
    db->reset();
    QVERIFY(QFileInfo(storePath() + QStringLiteral("-wal")).size() > 0);
    expectOpenRefused(storePath(), keyOf('\x22'), {ErrorCode::WrongKeyOrDamaged});
}

void TestDatabase::randomBytesAreRefusedAndUntouched()
{
    QByteArray noise(2 * PageSize, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(noise.data()),
                                          noise.size() / 4);
    QVERIFY(writeAll(storePath(), noise));
    expectOpenRefused(storePath(), m_key, {ErrorCode::WrongKeyOrDamaged});
    QVERIFY(writeAll(storePath(), noise.first(5000)));
    expectOpenRefused(storePath(), m_key, {ErrorCode::NotADatabase});
}

void TestDatabase::plaintextSqliteIsRefusedAndUntouched()
{
    // Written by the very same SQLCipher library, with no key: an ordinary SQLite file.
    sqlite3* raw = nullptr;
    const QByteArray native = QFile::encodeName(storePath());
    QCOMPARE(sqlite3_open_v2(native.constData(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             nullptr),
             SQLITE_OK);
    QCOMPARE(sqlite3_exec(raw,
                          "PRAGMA page_size = 4096; CREATE TABLE settings (key TEXT, value TEXT);"
                          "INSERT INTO settings VALUES ('shop', 'plain');",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(raw);
    QVERIFY(readAll(storePath()).startsWith("SQLite format 3"));
    expectOpenRefused(storePath(), m_key, {ErrorCode::NotADatabase});
    auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
    QVERIFY(db.error().message.contains(QStringLiteral("unencrypted")));
}

void TestDatabase::emptyFileIsRefusedAndUntouched()
{
    QVERIFY(writeAll(storePath(), QByteArray()));
    expectOpenRefused(storePath(), m_key, {ErrorCode::NotADatabase});
    auto missing = Database::open(m_dir->filePath(QStringLiteral("nope.db")), m_key,
                                  Database::Mode::OpenExisting);
    QVERIFY(!missing.has_value());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("nope.db"))));
}

void TestDatabase::truncatedStoreIsRefusedAndUntouched()
{
    makeStore(storePath(), m_key);
    const QByteArray whole = readAll(storePath());
    QVERIFY(whole.size() > 8 * PageSize);

    // Cut inside a page: refused before SQLCipher reads it.
    QVERIFY(writeAll(storePath(), whole.first(whole.size() - 100)));
    expectOpenRefused(storePath(), m_key, {ErrorCode::NotADatabase});
    QVERIFY(writeAll(storePath(), whole.first(100)));
    expectOpenRefused(storePath(), m_key, {ErrorCode::NotADatabase});

    // Cut at a page boundary: page 1 is genuine, so the store opens, and the loss shows as a
    // clear error when the missing pages are read. Nothing is written back.
    QVERIFY(writeAll(storePath(), whole.first(3 * PageSize)));
    const auto before = snapshot(m_dir->path());
    {
        auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
        if (db) {
            auto read = readEverything(**db);
            QVERIFY2(!read.has_value(), "a truncated store read as complete");
            QVERIFY2(read.error().message.contains(storePath()), qPrintable(read.error().message));
            qInfo("%s", qPrintable(read.error().message));
        } else {
            QVERIFY(db.error().message.contains(storePath()));
        }
    }
    QCOMPARE(snapshot(m_dir->path()), before);
}

void TestDatabase::corruptPageOneIsRefusedAndUntouched()
{
    makeStore(storePath(), m_key);
    const QByteArray whole = readAll(storePath());
    // SQLCipher 3 page 1: a 16-byte salt, the encrypted page, then 48 reserved bytes: a 16-byte
    // IV at 4048, a 20-byte HMAC-SHA1 at 4064 and 12 bytes of padding that nothing reads (and
    // nothing authenticates). Byte 5 is in the salt, 100 in the ciphertext, 4050 in the IV and
    // 4070 in the HMAC.
    for (qsizetype at : {qsizetype(5), qsizetype(100), qsizetype(4050), qsizetype(4070)}) {
        QByteArray changed = whole;
        changed[at] = static_cast<char>(changed[at] ^ 0x01);
        QVERIFY(writeAll(storePath(), changed));
        expectOpenRefused(storePath(), m_key, {ErrorCode::WrongKeyOrDamaged});
    }
}

void TestDatabase::flippedByteInLaterPageFailsOnReadAndUntouched()
{
    makeStore(storePath(), m_key);
    QByteArray bytes = readAll(storePath());
    const qsizetype pages = bytes.size() / PageSize;
    QVERIFY(pages > 8);
    const qsizetype at = (pages / 2) * PageSize + 1000;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    QVERIFY(writeAll(storePath(), bytes));

    const auto before = snapshot(m_dir->path());
    {
        auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message)); // page 1 is fine
        auto read = readEverything(**db);
        QVERIFY2(!read.has_value(), "a changed page was read without an error");
        QVERIFY2(read.error().message.contains(storePath()), qPrintable(read.error().message));
        QVERIFY(read.error().code == ErrorCode::Corrupt ||
                read.error().code == ErrorCode::WrongKeyOrDamaged ||
                read.error().code == ErrorCode::Storage);
        qInfo("%s", qPrintable(read.error().message));
    }
    QCOMPARE(snapshot(m_dir->path()), before);
}

void TestDatabase::refusalsThroughStoreFile()
{
    // The way the app opens its store: StoreFile reads the key, opens, and migrates.
    MemoryKeyStore keys;
    {
        auto db = StoreFile::openOrCreate(storePath(), keys);
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    }
    QVERIFY(keys.write(StoreFile::keyNameFor(storePath()), keyOf('\x33')).has_value());
    const auto before = snapshot(m_dir->path());
    auto wrong = StoreFile::openExisting(storePath(), keys);
    QVERIFY(!wrong.has_value());
    QCOMPARE(wrong.error().code, ErrorCode::WrongKeyOrDamaged);
    QVERIFY(wrong.error().message.contains(storePath()));
    // openOrCreate must not "repair" an existing file by making a new one.
    auto again = StoreFile::openOrCreate(storePath(), keys);
    QVERIFY(!again.has_value());
    QCOMPARE(snapshot(m_dir->path()), before);

    MemoryKeyStore empty;
    auto noKey = StoreFile::openExisting(storePath(), empty);
    QVERIFY(!noKey.has_value());
    QCOMPARE(noKey.error().code, ErrorCode::NotFound);
    QVERIFY(noKey.error().message.contains(storePath()));
    QCOMPARE(snapshot(m_dir->path()), before);

    // A file that is no store at all is called that, even when no key is held for it.
    const QString text = m_dir->filePath(QStringLiteral("notes.db"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4080, 'x'));
    f.close();
    const auto withText = snapshot(m_dir->path());
    auto foreign = StoreFile::openExisting(text, empty);
    QVERIFY(!foreign.has_value());
    QCOMPARE(foreign.error().code, ErrorCode::NotADatabase);
    QVERIFY(foreign.error().message.contains(text));
    QCOMPARE(snapshot(m_dir->path()), withText);
}

void TestDatabase::failingMigrationRollsBackCompletely()
{
    static const std::array<Migration, 2> migrations{{
        {1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
        {2, "broken",
         "CREATE TABLE second_table (id INTEGER PRIMARY KEY);"
         "INSERT INTO first_table (name) VALUES ('from migration 2');"
         "CREATE TABLE third_table (id INTEGER PRIMARY KEY,, oops);"},
    }};
    auto db = Database::open(storePath(), m_key, Database::Mode::CreateNew);
    QVERIFY(db.has_value());
    auto s = migrate(**db, migrations);
    QVERIFY(!s.has_value());
    QVERIFY2(s.error().message.contains(QStringLiteral("migration 2")),
             qPrintable(s.error().message));
    QCOMPARE(schemaVersion(**db), 1);
    QCOMPARE(*(*db)->scalar("SELECT count(*) FROM sqlite_master WHERE name = 'first_table'"),
             qint64(1));
    QCOMPARE(*(*db)->scalar("SELECT count(*) FROM sqlite_master WHERE name IN "
                            "('second_table', 'third_table')"),
             qint64(0));
    QCOMPARE(*(*db)->scalar("SELECT count(*) FROM first_table"), qint64(0));
    // Still usable, and the same after reopening.
    QVERIFY((*db)->exec("INSERT INTO first_table (name) VALUES ('after')").has_value());
    db->reset();
    auto reopened = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
    QVERIFY(reopened.has_value());
    QCOMPARE(schemaVersion(**reopened), 1);
    QCOMPARE(*(*reopened)->scalar("SELECT count(*) FROM sqlite_master WHERE name = "
                                  "'second_table'"),
             qint64(0));
}

void TestDatabase::newerSchemaIsRefusedAndUntouched()
{
    makeStore(storePath(), m_key);
    {
        auto db = Database::open(storePath(), m_key, Database::Mode::OpenExisting);
        QVERIFY(db.has_value());
        QVERIFY((*db)->exec("PRAGMA user_version = 99").has_value());
    }
    MemoryKeyStore keys;
    QVERIFY(keys.write(StoreFile::keyNameFor(storePath()), m_key).has_value());
    const auto before = snapshot(m_dir->path());
    {
        auto db = StoreFile::openExisting(storePath(), keys);
        QVERIFY(!db.has_value());
        QCOMPARE(db.error().code, ErrorCode::Conflict);
        QVERIFY2(db.error().message.contains(storePath()), qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(QStringLiteral("newer version")));
    }
    QCOMPARE(snapshot(m_dir->path()), before);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
