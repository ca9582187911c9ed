#include "store/Database.h"

#include "audit/AuditLog.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QUrl>
#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "pos.store")

namespace pos {

namespace {

constexpr qint64 PageSize = 4096;

// Pinned cipher settings (ENC-3). These are SQLCipher 3.x's values written out explicitly, with a
// 4096-byte page: SQLCipher 4 opens the file with "PRAGMA cipher_compatibility = 3" followed by
// "PRAGMA cipher_page_size = 4096". A raw key skips the passphrase KDF; kdf_iter still pins the
// HMAC key derivation.
constexpr const char* CipherPragmas = "PRAGMA cipher_page_size = 4096;"
                                      "PRAGMA kdf_iter = 64000;"
                                      "PRAGMA cipher_use_hmac = ON;";

// Connection settings: WAL, every commit durable, foreign keys enforced, temporary tables and
// indices never on disk (ENC-4), freed pages overwritten.
constexpr const char* ConnectionPragmas = "PRAGMA synchronous = FULL;"
                                          "PRAGMA foreign_keys = ON;"
                                          "PRAGMA temp_store = MEMORY;"
                                          "PRAGMA secure_delete = ON;";

ErrorCode codeFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        return ErrorCode::WrongKeyOrDamaged;
    case SQLITE_CORRUPT:
        return ErrorCode::Corrupt;
    case SQLITE_CONSTRAINT:
        return ErrorCode::Conflict;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return ErrorCode::Io;
    default:
        return ErrorCode::Storage;
    }
}

// Looks at a store file before SQLCipher touches it, without writing, so that obviously wrong
// files get a precise message.
Status precheckExisting(const QString& path)
{
    QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("the store file %1 does not exist").arg(path));
    if (!info.isFile())
        return fail(ErrorCode::NotADatabase, QStringLiteral("%1 is not a file").arg(path));
    if (info.size() == 0)
        return fail(ErrorCode::NotADatabase,
                    QStringLiteral("the store file %1 is empty: it is not a database").arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot read the store file %1: %2").arg(path, f.errorString()));
    const QByteArray head = f.read(16);
    if (head == QByteArray("SQLite format 3\0", 16))
        return fail(ErrorCode::NotADatabase,
                    QStringLiteral("%1 is an unencrypted SQLite database, not an encrypted store; "
                                   "it was not opened")
                        .arg(path));
    if (info.size() % PageSize != 0)
        return fail(ErrorCode::NotADatabase,
                    QStringLiteral("the store file %1 is damaged or not a database (its size is "
                                   "not a whole number of pages)")
                        .arg(path));
    return {};
}

// "x'<64 hex digits>'": SQLCipher's raw-key form, no passphrase KDF.
int applyKey(sqlite3* db, const SecretBytes& key)
{
    SecretBytes hex = key.toHex();
    SecretBytes rawKey(hex.size() + 3);
    rawKey.data()[0] = 'x';
    rawKey.data()[1] = '\'';
    std::copy(hex.data(), hex.data() + hex.size(), rawKey.data() + 2);
    rawKey.data()[rawKey.size() - 1] = '\'';
    return sqlite3_key(db, rawKey.data(), static_cast<int>(rawKey.size()));
}

// Checks the key against page 1 of the main file on a connection that cannot change anything:
// "immutable" makes SQLite open read-only, take no locks and ignore any -wal/-shm. Without this,
// a wrong key on a store with a -wal beside it made SQLite run WAL recovery, then checkpoint the
// WAL into the main file and delete the -wal and -shm when the failed connection closed.
// Returns the SQLite result code; SQLITE_NOTADB or SQLITE_CORRUPT mean a wrong key or page 1
// damaged, anything else is left to the real open to report.
int probeKey(const QString& path, const SecretBytes& key)
{
    const QByteArray uri =
        QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?immutable=1";
    sqlite3* probe = nullptr;
    int rc = sqlite3_open_v2(uri.constData(), &probe,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_OK)
        rc = applyKey(probe, key);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(probe, CipherPragmas, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(probe, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    sqlite3_close_v2(probe);
    return rc;
}

} // namespace

Status Database::checkStoreFile(const QString& path)
{
    return precheckExisting(path);
}

// ---- Query ----------------------------------------------------------------------------------

Query::Query(Query&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_stepped(other.m_stepped),
      m_bindError(other.m_bindError)
{
    other.m_stmt = nullptr;
}

Query::~Query()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

void Query::readyToBind()
{
    // Binding after a step needs a reset first (SQLite refuses it with SQLITE_MISUSE otherwise and
    // the next step would silently reuse the old values): one Query may run an INSERT many times.
    if (m_stepped) {
        sqlite3_reset(m_stmt);
        m_stepped = false;
    }
}

void Query::bound(int rc)
{
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
}

Query& Query::bind(int index, qint64 value)
{
    readyToBind();
    bound(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Query& Query::bind(int index, const QString& value)
{
    if (value.isNull())
        return bindNull(index);
    readyToBind();
    const QByteArray utf8 = value.toUtf8();
    bound(sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                            SQLITE_TRANSIENT));
    return *this;
}

Query& Query::bind(int index, const QByteArray& value)
{
    if (value.isNull())
        return bindNull(index);
    readyToBind();
    bound(sqlite3_bind_blob(m_stmt, index, value.constData(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
    return *this;
}

Query& Query::bindNull(int index)
{
    readyToBind();
    bound(sqlite3_bind_null(m_stmt, index));
    return *this;
}

Result<bool> Query::next()
{
    if (m_bindError != SQLITE_OK)
        return fail(ErrorCode::Internal,
                    QStringLiteral("a value could not be bound to a query (%1, store %2)")
                        .arg(QString::fromUtf8(sqlite3_errstr(m_bindError)), m_db->path()));
    m_stepped = true;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return std::unexpected(m_db->lastError(QStringLiteral("reading the store")));
}

Status Query::run()
{
    return forEach([] {});
}

qint64 Query::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Query::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Query::blob(int column) const
{
    const void* p = sqlite3_column_blob(m_stmt, column);
    return QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, column));
}

bool Query::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

// ---- Database -------------------------------------------------------------------------------

Database::Database(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}

Database::~Database()
{
    m_auditLog.reset();
    for (sqlite3_stmt* s : std::as_const(m_cache))
        sqlite3_finalize(s);
    if (m_db)
        sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString& path, const SecretBytes& key,
                                                 Mode mode)
{
    if (key.size() != 32)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the store key must be 256 bits"));
    if (mode == Mode::OpenExisting) {
        if (auto s = checkStoreFile(path); !s)
            return std::unexpected(s.error());
        if (const int probe = probeKey(path, key) & 0xff;
            probe == SQLITE_NOTADB || probe == SQLITE_CORRUPT)
            return fail(ErrorCode::WrongKeyOrDamaged,
                        QStringLiteral("the store file %1 cannot be decrypted with the key held "
                                       "for it: the key is wrong or the file is damaged. The file "
                                       "was left as it was.")
                            .arg(path));
    } else {
        if (QFileInfo::exists(path))
            return fail(
                ErrorCode::Conflict,
                QStringLiteral("cannot create the store %1: a file is already there").arg(path));
        // Create the file owner-only before SQLite opens it; SQLite gives its WAL and shared
        // memory files the same permissions.
        QFile f(path);
        if (!f.open(QIODevice::NewOnly | QIODevice::WriteOnly) ||
            !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return fail(
                ErrorCode::Io,
                QStringLiteral("cannot create the store file %1: %2").arg(path, f.errorString()));
    }

    sqlite3* raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(path);
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(nativePath.constData(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK)
        return std::unexpected(db->lastError(QStringLiteral("opening the store")));

    rc = applyKey(raw, key);
    if (rc != SQLITE_OK)
        return std::unexpected(db->lastError(QStringLiteral("setting the store key")));
    if (auto s = db->exec(CipherPragmas); !s)
        return std::unexpected(s.error());

    // The first read decrypts page 1 and checks its HMAC: a wrong key or a damaged header fails
    // here, before anything could be written.
    rc = sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
            return fail(ErrorCode::WrongKeyOrDamaged,
                        QStringLiteral("the store file %1 cannot be decrypted with the key held "
                                       "for it: the key is wrong or the file is damaged. The file "
                                       "was left as it was.")
                            .arg(path));
        return std::unexpected(db->lastError(QStringLiteral("opening the store")));
    }

    sqlite3_busy_timeout(raw, 5000);
    auto mode_ = db->query("PRAGMA journal_mode = WAL");
    if (!mode_)
        return std::unexpected(mode_.error());
    auto row = mode_->next();
    if (!row || !*row || mode_->text(0) != QStringLiteral("wal"))
        return fail(ErrorCode::Storage,
                    QStringLiteral("cannot switch the store %1 to write-ahead logging").arg(path));
    if (auto s = db->exec(ConnectionPragmas); !s)
        return std::unexpected(s.error());
    return db;
}

Status Database::exec(const char* sql)
{
    char* msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK)
        return std::unexpected(lastError(QStringLiteral("updating the store")));
    return {};
}

Result<Query> Database::query(const char* sql)
{
    const QByteArray key(sql);
    // A statement still stepping belongs to an enclosing loop over the same SQL: use another.
    for (auto it = m_cache.constFind(key); it != m_cache.constEnd() && it.key() == key; ++it) {
        if (!sqlite3_stmt_busy(it.value()))
            return Query(this, it.value());
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return std::unexpected(lastError(QStringLiteral("preparing a query")));
    m_cache.insert(key, stmt);
    return Query(this, stmt);
}

Result<qint64> Database::scalar(const char* sql)
{
    auto q = query(sql);
    if (!q)
        return std::unexpected(q.error());
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, QStringLiteral("the query returned no row"));
    return q->int64(0);
}

Status Database::begin()
{
    return exec("BEGIN IMMEDIATE");
}

Status Database::commit()
{
    if (auto s = exec("COMMIT"); !s)
        return s;
    auto actions = std::exchange(m_afterCommit, {});
    for (auto& action : actions)
        action();
    return {};
}

void Database::rollback()
{
    m_afterCommit.clear();
    if (!sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

void Database::afterCommit(std::function<void()> action)
{
    m_afterCommit.push_back(std::move(action));
}

void Database::attachAuditLog(std::unique_ptr<AuditLog> log)
{
    m_auditLog = std::move(log);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Error Database::lastError(const QString& context) const
{
    const int rc = sqlite3_extended_errcode(m_db);
    const QString msg = QString::fromUtf8(sqlite3_errmsg(m_db));
    return Error{codeFor(rc), QStringLiteral("%1: %2 (store %3)").arg(context, msg, m_path)};
}

// ---- Transaction ----------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& db)
{
    if (auto s = db.begin(); !s)
        return std::unexpected(s.error());
    return Transaction(&db);
}

Transaction::~Transaction()
{
    if (m_db)
        m_db->rollback();
}

Status Transaction::commit()
{
    Database* db = std::exchange(m_db, nullptr);
    if (auto s = db->commit(); !s) {
        db->rollback();
        return s;
    }
    return {};
}

} // namespace pos
