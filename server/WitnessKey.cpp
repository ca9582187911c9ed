#include "WitnessKey.h"

#include "crypto/SecretBytes.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace pos::server {

namespace {

Q_LOGGING_CATEGORY(lcWitness, "pos.syncd.witness")

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

Error fileError(const QString& path, const QString& what)
{
    return Error{ErrorCode::Io, QStringLiteral("the witness key %1 %2").arg(shown(path), what)};
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

bool writeAll(int fd, const unsigned char* data, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

Status create(const QString& path)
{
    auto key = Ed25519::generatePrivateKey();
    if (!key)
        return std::unexpected(key.error());
    const QByteArray native = QFile::encodeName(path);
    Fd fd(::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0)
        return std::unexpected(
            fileError(path, QStringLiteral("cannot be created: %1").arg(systemError(errno))));
    // The umask cannot widen 0600, but make sure of the mode whatever it was.
    if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0 ||
        !writeAll(fd.get(), key->data(), key->size()) || ::fsync(fd.get()) != 0) {
        const int error = errno;
        ::unlink(native.constData());
        return std::unexpected(
            fileError(path, QStringLiteral("cannot be written: %1").arg(systemError(error))));
    }
    if (::close(fd.release()) != 0) {
        const int error = errno;
        ::unlink(native.constData());
        return std::unexpected(
            fileError(path, QStringLiteral("cannot be written: %1").arg(systemError(error))));
    }
    qCInfo(lcWitness, "made a new witness key (file created with mode 0600)");
    return {};
}

// The seed in the file, after the checks loadOrCreate() documents.
Result<SecretBytes> readSeed(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    Fd fd(::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ELOOP)
            return std::unexpected(
                fileError(path, QStringLiteral("is a symbolic link; name the file itself")));
        return std::unexpected(
            fileError(path, QStringLiteral("cannot be read: %1").arg(systemError(errno))));
    }
    if (::fstat(fd.get(), &info) != 0)
        return std::unexpected(
            fileError(path, QStringLiteral("cannot be read: %1").arg(systemError(errno))));
    if (!S_ISREG(info.st_mode))
        return std::unexpected(fileError(path, QStringLiteral("is not a regular file")));
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return std::unexpected(
            fileError(path, QStringLiteral("may be read or changed by other users (mode %1); "
                                           "make it readable by its owner only (chmod 600)")
                                .arg(info.st_mode & 0777, 3, 8, QLatin1Char('0'))));
    if (info.st_size != static_cast<off_t>(Ed25519::PrivateKeySize))
        return std::unexpected(fileError(
            path, QStringLiteral("must hold exactly %1 bytes").arg(Ed25519::PrivateKeySize)));

    SecretBytes seed(Ed25519::PrivateKeySize);
    std::size_t done = 0;
    while (done < seed.size()) {
        const ssize_t n = ::read(fd.get(), seed.data() + done, seed.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::unexpected(fileError(path, QStringLiteral("could not be read whole")));
        done += static_cast<std::size_t>(n);
    }
    return seed;
}

Status checkConfigured(const QString& path)
{
    if (path.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("no witness key file is configured"));
    return {};
}

} // namespace

Result<Ed25519Signer> WitnessKey::loadOrCreate(const QString& path)
{
    if (auto configured = checkConfigured(path); !configured)
        return std::unexpected(configured.error());
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        if (errno != ENOENT)
            return std::unexpected(
                fileError(path, QStringLiteral("cannot be read: %1").arg(systemError(errno))));
        if (auto made = create(path); !made)
            return std::unexpected(made.error());
    }
    auto seed = readSeed(path);
    if (!seed)
        return std::unexpected(seed.error());
    return Ed25519Signer::fromPrivateKey(*seed);
}

Result<SecretBytes> WitnessKey::secretsKey(const QString& path)
{
    if (auto configured = checkConfigured(path); !configured)
        return std::unexpected(configured.error());
    auto seed = readSeed(path);
    if (!seed)
        return std::unexpected(seed.error());
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr),
                                                          &EVP_KDF_free);
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(
        kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr, &EVP_KDF_CTX_free);
    if (!ctx)
        return fail(ErrorCode::Internal, QStringLiteral("OpenSSL has no HKDF"));
    static const char Label[] = "pos-syncd company secrets v1";
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, seed->data(), seed->size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(Label),
                                          sizeof(Label) - 1),
        OSSL_PARAM_construct_end()};
    SecretBytes key(32);
    if (EVP_KDF_derive(ctx.get(), key.data(), key.size(), params) != 1)
        return fail(ErrorCode::Internal, QStringLiteral("could not derive the secrets key"));
    return key;
}

} // namespace pos::server
