#include "ServerConfig.h"

#include "PgConnection.h"
#include "sync/SyncProtocol.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStringList>
#include <QThread>

#include <algorithm>

namespace pos::server {

namespace {

Error configError(const QString& path, const QString& what)
{
    return Error{
        ErrorCode::InvalidInput,
        QStringLiteral("the configuration %1: %2").arg(QDir::toNativeSeparators(path), what)};
}

// A value as text. QSettings reads an unquoted value with commas as a list; refuse that instead
// of guessing how it was joined.
Result<QString> text(const QSettings& ini, const QString& path, const QString& key, bool required)
{
    const QVariant value = ini.value(key);
    if (!value.isValid() || (value.typeId() == QMetaType::QString && value.toString().isEmpty())) {
        if (required)
            return std::unexpected(configError(path, QStringLiteral("%1 is missing").arg(key)));
        return QString();
    }
    if (value.typeId() == QMetaType::QStringList)
        return std::unexpected(configError(
            path, QStringLiteral("%1 contains a comma: put the value in double quotes").arg(key)));
    return value.toString();
}

QString resolve(const QString& configPath, const QString& file)
{
    if (file.isEmpty() || QDir::isAbsolutePath(file))
        return file;
    return QFileInfo(configPath).absoluteDir().absoluteFilePath(file);
}

Status readableFile(const QString& configPath, const QString& key, const QString& file)
{
    const QFileInfo info(file);
    if (!info.exists())
        return std::unexpected(
            configError(configPath, QStringLiteral("%1 names %2, which does not exist")
                                        .arg(key, QDir::toNativeSeparators(file))));
    if (!info.isFile() || !info.isReadable())
        return std::unexpected(
            configError(configPath, QStringLiteral("%1 names %2, which cannot be read")
                                        .arg(key, QDir::toNativeSeparators(file))));
    return {};
}

Result<qint64> integer(const QSettings& ini, const QString& path, const QString& key,
                       qint64 minimum, qint64 maximum, std::optional<qint64> fallback)
{
    auto raw = text(ini, path, key, !fallback.has_value());
    if (!raw)
        return std::unexpected(raw.error());
    if (raw->isEmpty())
        return *fallback;
    bool ok = false;
    const qint64 value = raw->trimmed().toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::unexpected(
            configError(path, QStringLiteral("%1 must be a whole number from %2 to %3")
                                  .arg(key)
                                  .arg(minimum)
                                  .arg(maximum)));
    return value;
}

QByteArray quoted(const QString& value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\");
    out.replace('"', "\\\"");
    return '"' + out + '"';
}

} // namespace

Result<ServerConfig> ServerConfig::load(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return std::unexpected(configError(path, QStringLiteral("does not exist")));
    {
        QFile probe(path);
        if (!info.isFile() || !probe.open(QIODevice::ReadOnly))
            return std::unexpected(configError(path, QStringLiteral("cannot be read")));
    }
    const QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return std::unexpected(configError(path, QStringLiteral("is not a valid INI file")));

    ServerConfig config;
    auto address = text(ini, path, QStringLiteral("listen/address"), true);
    if (!address)
        return std::unexpected(address.error());
    if (!config.listenAddress.setAddress(address->trimmed()))
        return std::unexpected(configError(
            path, QStringLiteral("listen/address must be an IP address such as 127.0.0.1 or ::1")));
    auto port = integer(ini, path, QStringLiteral("listen/port"), 0, 65535, std::nullopt);
    if (!port)
        return std::unexpected(port.error());
    config.port = static_cast<quint16>(*port);

    struct FileKey {
        QString key;
        QString* target;
        bool required;
        bool mustExist;
    };
    const FileKey files[] = {
        {QStringLiteral("tls/certificate"), &config.certificatePath, true, true},
        {QStringLiteral("tls/key"), &config.keyPath, true, true},
        {QStringLiteral("tls/next_certificate"), &config.nextCertificatePath, false, true},
        {QStringLiteral("witness/key"), &config.witnessKeyPath, true, false},
    };
    for (const FileKey& f : files) {
        auto value = text(ini, path, f.key, f.required);
        if (!value)
            return std::unexpected(value.error());
        *f.target = resolve(path, *value);
        if (f.mustExist && !f.target->isEmpty()) {
            if (auto ok = readableFile(path, f.key, *f.target); !ok)
                return std::unexpected(ok.error());
        }
    }

    auto conninfo = text(ini, path, QStringLiteral("database/conninfo"), true);
    if (!conninfo)
        return std::unexpected(conninfo.error());
    config.conninfo = conninfo->toUtf8();
    if (auto tls = PgConnection::requireTls(config.conninfo); !tls)
        return std::unexpected(
            configError(path, QStringLiteral("database/conninfo: %1").arg(tls.error().message)));

    auto admin = text(ini, path, QStringLiteral("database/admin_conninfo"), false);
    if (!admin)
        return std::unexpected(admin.error());
    config.adminConninfo = admin->toUtf8();
    if (!config.adminConninfo.isEmpty()) {
        if (auto tls = PgConnection::requireTls(config.adminConninfo); !tls)
            return std::unexpected(configError(
                path, QStringLiteral("database/admin_conninfo: %1").arg(tls.error().message)));
    }

    auto limit = integer(ini, path, QStringLiteral("limits/max_body_bytes"), 1,
                         syncprotocol::MaxBodyBytes, syncprotocol::MaxBodyBytes);
    if (!limit)
        return std::unexpected(limit.error());
    config.maxBodyBytes = *limit;
    auto workers = integer(ini, path, QStringLiteral("limits/workers"), 1, MaxWorkers, 0);
    if (!workers)
        return std::unexpected(workers.error());
    config.workers = static_cast<int>(*workers);
    return config;
}

int ServerConfig::effectiveWorkers() const
{
    if (workers > 0)
        return workers;
    // Even on one CPU a second worker pays: one carries out a request while the other waits for
    // PostgreSQL.
    return std::clamp(QThread::idealThreadCount(), 2, 8);
}

Status ServerConfig::save(const QString& path) const
{
    QByteArray out;
    out += "[listen]\naddress=" + quoted(listenAddress.toString()) +
           "\nport=" + QByteArray::number(port) + '\n';
    out += "[tls]\ncertificate=" + quoted(certificatePath) + "\nkey=" + quoted(keyPath) + '\n';
    if (!nextCertificatePath.isEmpty())
        out += "next_certificate=" + quoted(nextCertificatePath) + '\n';
    out += "[database]\nconninfo=" + quoted(QString::fromUtf8(conninfo)) + '\n';
    if (!adminConninfo.isEmpty())
        out += "admin_conninfo=" + quoted(QString::fromUtf8(adminConninfo)) + '\n';
    out += "[witness]\nkey=" + quoted(witnessKeyPath) + '\n';
    if (maxBodyBytes > 0 || workers > 0)
        out += "[limits]\n";
    if (maxBodyBytes > 0)
        out += "max_body_bytes=" + QByteArray::number(maxBodyBytes) + '\n';
    if (workers > 0)
        out += "workers=" + QByteArray::number(workers) + '\n';

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(out) != out.size() || !file.commit())
        return fail(ErrorCode::Io, QStringLiteral("the configuration %1 cannot be written: %2")
                                       .arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace pos::server
