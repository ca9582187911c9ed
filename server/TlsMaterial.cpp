#include "TlsMaterial.h"

#include "crypto/SecretBytes.h"
#include "sync/SyncProtocol.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

namespace pos::server {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Error tlsError(const QString& file, const QString& what)
{
    return Error{ErrorCode::InvalidInput,
                 QStringLiteral("the TLS file %1 %2").arg(QDir::toNativeSeparators(file), what)};
}

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            tlsError(path, QStringLiteral("cannot be read: %1").arg(file.errorString())));
    return file.readAll();
}

// No passphrase prompt (OpenSSL would ask on the terminal): an encrypted key is an error.
int noPassphrase(char*, int, int, void*)
{
    return 0;
}

QString pinOf(X509* cert)
{
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(X509_get0_pubkey(cert), &der);
    if (length <= 0)
        return {};
    const QByteArray spki(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return syncprotocol::spkiPin(spki);
}

Result<X509Ptr> parseCertificate(const QString& path, const QByteArray& pem)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())), BIO_free);
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr,
                 X509_free);
    if (!cert)
        return std::unexpected(tlsError(path, QStringLiteral("holds no PEM certificate")));
    return cert;
}

} // namespace

Result<TlsMaterial> TlsMaterial::load(const ServerConfig& config)
{
    auto certPem = readFile(config.certificatePath);
    if (!certPem)
        return std::unexpected(certPem.error());
    auto cert = parseCertificate(config.certificatePath, *certPem);
    if (!cert)
        return std::unexpected(cert.error());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
    if (chain.isEmpty())
        return std::unexpected(
            tlsError(config.certificatePath, QStringLiteral("holds no PEM certificate")));

    struct stat info {};
    if (::stat(QFile::encodeName(config.keyPath).constData(), &info) != 0)
        return std::unexpected(tlsError(config.keyPath, QStringLiteral("cannot be read")));
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return std::unexpected(tlsError(
            config.keyPath, QStringLiteral("may be read or changed by other users (mode %1); make "
                                           "it readable by its owner only (chmod 600)")
                                .arg(info.st_mode & 0777, 3, 8, QLatin1Char('0'))));
    auto keyPem = readFile(config.keyPath);
    if (!keyPem)
        return std::unexpected(keyPem.error());
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    {
        Bio bio(BIO_new_mem_buf(keyPem->constData(), static_cast<int>(keyPem->size())), BIO_free);
        Key key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr,
                EVP_PKEY_free);
        if (!key) {
            SecretBytes::wipe(*keyPem);
            return std::unexpected(
                tlsError(config.keyPath, QStringLiteral("holds no unencrypted PEM private key")));
        }
        if (X509_check_private_key(cert->get(), key.get()) != 1) {
            SecretBytes::wipe(*keyPem);
            return std::unexpected(tlsError(
                config.keyPath, QStringLiteral("is not the key of the certificate %1")
                                    .arg(QDir::toNativeSeparators(config.certificatePath))));
        }
        switch (EVP_PKEY_get_base_id(key.get())) {
        case EVP_PKEY_EC:
            algorithm = QSsl::Ec;
            break;
        case EVP_PKEY_RSA:
            algorithm = QSsl::Rsa;
            break;
        default:
            SecretBytes::wipe(*keyPem);
            return std::unexpected(tlsError(
                config.keyPath, QStringLiteral("holds a key type the server's TLS cannot use; use "
                                               "an EC (P-256) or RSA key")));
        }
    }
    const QSslKey key(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
    SecretBytes::wipe(*keyPem);
    if (key.isNull())
        return std::unexpected(
            tlsError(config.keyPath, QStringLiteral("cannot be used by Qt's TLS")));

    TlsMaterial out;
    out.pins.append(pinOf(cert->get()));
    if (!config.nextCertificatePath.isEmpty()) {
        auto nextPem = readFile(config.nextCertificatePath);
        if (!nextPem)
            return std::unexpected(nextPem.error());
        auto next = parseCertificate(config.nextCertificatePath, *nextPem);
        if (!next)
            return std::unexpected(next.error());
        const QString nextPin = pinOf(next->get());
        if (!out.pins.contains(nextPin))
            out.pins.append(nextPin);
    }
    if (out.pins.contains(QString()))
        return std::unexpected(
            tlsError(config.certificatePath, QStringLiteral("has no public key")));

    QSslConfiguration tls;
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    out.configuration = tls;
    return out;
}

} // namespace pos::server
