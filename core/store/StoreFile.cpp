#include "store/StoreFile.h"

#include "store/Migrations.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace pos {

Result<QString> StoreFile::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        return fail(ErrorCode::Io, QStringLiteral("no writable data folder for this user"));
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, QStringLiteral("cannot create the data folder %1").arg(dir));
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return QDir(dir).filePath(QStringLiteral("register.db"));
}

QString StoreFile::keyNameFor(const QString& path)
{
    // One entry per store file; the name carries a hash of the absolute path, not the path.
    const QByteArray abs = QFileInfo(path).absoluteFilePath().toUtf8();
    const QByteArray h = QCryptographicHash::hash(abs, QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("store-key-") + QString::fromLatin1(h);
}

Result<std::unique_ptr<Database>> StoreFile::openExisting(const QString& path, KeyStore& keys)
{
    // Say "this is not a store" before "no key for it": the first is what is really wrong.
    if (auto s = Database::checkStoreFile(path); !s)
        return std::unexpected(s.error());
    auto key = keys.read(keyNameFor(path));
    if (!key) {
        if (key.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound,
                        QStringLiteral("%1 holds no key for the store %2, so it cannot be opened. "
                                       "The file was left as it was.")
                            .arg(keys.describe(), path));
        return std::unexpected(key.error());
    }
    auto db = Database::open(path, *key, Database::Mode::OpenExisting);
    if (!db)
        return db;
    if (auto s = migrate(**db); !s)
        return std::unexpected(s.error());
    return db;
}

Result<std::unique_ptr<Database>> StoreFile::openOrCreate(const QString& path, KeyStore& keys)
{
    if (QFileInfo::exists(path))
        return openExisting(path, keys);

    const QString name = keyNameFor(path);
    auto fresh = SecretBytes::random(32);
    if (!fresh)
        return std::unexpected(fresh.error());
    if (auto s = keys.write(name, *fresh); !s)
        return std::unexpected(s.error());
    auto stored = keys.read(name);
    if (!stored)
        return std::unexpected(stored.error());
    if (!stored->equals(*fresh))
        return fail(ErrorCode::Keychain, QStringLiteral("%1 did not keep the new store key; no "
                                                        "store was created")
                                             .arg(keys.describe()));
    auto db = Database::open(path, *stored, Database::Mode::CreateNew);
    if (!db)
        return db;
    if (auto s = migrate(**db); !s) {
        const QString msg = s.error().message;
        db->reset();
        QFile::remove(path);
        return fail(s.error().code, msg);
    }
    return db;
}

} // namespace pos
