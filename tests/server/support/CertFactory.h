#pragma once

// Throw-away X.509 certificates for the server tests, made in process with OpenSSL 3's EVP and
// X509 APIs (no openssl command line, so no key ever appears in an argument list).
//
// One CertFactory writes into a folder:
//   ca.pem                       the test CA (EC P-256)
//   server.pem / server.key      leaf for localhost + 127.0.0.1, signed by the test CA
//   next.pem / next.key          a second leaf of the same CA (certificate rotation, NET-2)
//   wrong-ca.pem                 an unrelated CA
//   wrong.pem / wrong.key        leaf for localhost + 127.0.0.1 signed by the unrelated CA
// Keys are PKCS#8 PEM, unencrypted, mode 0600. EC P-256 because QSslKey (the server's TLS) has
// no Ed25519 type; PostgreSQL and Qt both take P-256.

#include "sync/SyncProtocol.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace pos::test {

struct CertFiles {
    QString certFile;   // PEM certificate
    QString keyFile;    // PEM private key (0600); empty for a CA
    QByteArray certPem; // the certificate as written
    QByteArray certDer;
    QByteArray spkiDer; // DER SubjectPublicKeyInfo
    QString pin;        // syncprotocol::spkiPin(spkiDer): lower-case hex SHA-256
};

class CertFactory {
public:
    // Makes every certificate listed above in `folder` (created if missing). ok() says whether
    // it worked; error() names the step that failed.
    explicit CertFactory(const QString& folder) : m_folder(folder)
    {
        QDir().mkpath(folder);
        m_ok = make();
    }

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QString folder() const { return m_folder; }

    const CertFiles& ca() const { return m_ca; }
    const CertFiles& server() const { return m_server; }
    const CertFiles& next() const { return m_next; }
    const CertFiles& wrongCa() const { return m_wrongCa; }
    const CertFiles& wrong() const { return m_wrong; }
    QString caFile() const { return m_ca.certFile; }

    // The pin of a PEM certificate, as a register stores it (docs/sync.md, NET-2).
    static QString pinOfPem(const QByteArray& certPem)
    {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(
            BIO_new_mem_buf(certPem.constData(), static_cast<int>(certPem.size())), BIO_free);
        if (!bio)
            return {};
        std::unique_ptr<X509, decltype(&X509_free)> cert(
            PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
        if (!cert)
            return {};
        return syncprotocol::spkiPin(spkiOf(X509_get0_pubkey(cert.get())));
    }

private:
    using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
    using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

    static Key newKey()
    {
        return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    }

    static QByteArray spkiOf(EVP_PKEY* key)
    {
        unsigned char* der = nullptr;
        const int length = i2d_PUBKEY(key, &der);
        if (length <= 0)
            return {};
        QByteArray out(reinterpret_cast<const char*>(der), length);
        OPENSSL_free(der);
        return out;
    }

    static bool addExtension(X509* cert, X509* issuer, int nid, const char* value)
    {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        if (!ext)
            return false;
        const bool added = X509_add_ext(cert, ext, -1) == 1;
        X509_EXTENSION_free(ext);
        return added;
    }

    // A certificate for `key`; self-signed when issuer is null (a CA).
    Cert makeCert(EVP_PKEY* key, const char* commonName, X509* issuer, EVP_PKEY* issuerKey)
    {
        Cert cert(X509_new(), X509_free);
        if (!cert)
            return cert;
        unsigned char serial[16];
        if (RAND_bytes(serial, sizeof serial) != 1)
            return Cert(nullptr, X509_free);
        serial[0] &= 0x7f; // positive
        BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
        const bool serialOk =
            bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
        BN_free(bn);
        X509_NAME* name = X509_get_subject_name(cert.get());
        const bool ok =
            serialOk && X509_set_version(cert.get(), 2) == 1 &&
            X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr &&
            X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600) != nullptr &&
            X509_set_pubkey(cert.get(), key) == 1 &&
            X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char*>("pos tests"), -1, -1,
                                       0) == 1 &&
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char*>(commonName), -1, -1,
                                       0) == 1 &&
            X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name) == 1;
        if (!ok)
            return Cert(nullptr, X509_free);
        X509* signer = issuer ? issuer : cert.get();
        bool extOk = addExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
        if (!issuer) {
            extOk = extOk &&
                    addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
                    addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
        } else {
            extOk =
                extOk &&
                addExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always") &&
                addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
                addExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature") &&
                addExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth") &&
                addExtension(cert.get(), signer, NID_subject_alt_name,
                             "DNS:localhost,IP:127.0.0.1");
        }
        if (!extOk || X509_sign(cert.get(), issuer ? issuerKey : key, EVP_sha256()) <= 0)
            return Cert(nullptr, X509_free);
        return cert;
    }

    static QByteArray pemOf(X509* cert)
    {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
        if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
            return {};
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio.get(), &data);
        return QByteArray(data, static_cast<qsizetype>(length));
    }

    static QByteArray derOf(X509* cert)
    {
        unsigned char* der = nullptr;
        const int length = i2d_X509(cert, &der);
        if (length <= 0)
            return {};
        QByteArray out(reinterpret_cast<const char*>(der), length);
        OPENSSL_free(der);
        return out;
    }

    // The private key goes straight from OpenSSL's buffer into a file that is 0600 from the
    // moment it exists; the buffer is wiped.
    bool writeKey(EVP_PKEY* key, const QString& path)
    {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_secmem()), BIO_free);
        if (!bio ||
            PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
            return false;
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio.get(), &data);
        QFile file(path);
        QFile::remove(path);
        if (!file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return false;
        const bool written = file.write(data, length) == length;
        OPENSSL_cleanse(data, static_cast<size_t>(length));
        return written && file.flush();
    }

    bool writeFile(const QString& path, const QByteArray& data)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return file.write(data) == data.size() && file.flush();
    }

    bool writeOut(CertFiles& out, const QString& base, X509* cert, EVP_PKEY* key)
    {
        out.certFile = QDir(m_folder).filePath(base + QStringLiteral(".pem"));
        out.certPem = pemOf(cert);
        out.certDer = derOf(cert);
        out.spkiDer = spkiOf(X509_get0_pubkey(cert));
        out.pin = syncprotocol::spkiPin(out.spkiDer);
        if (out.certPem.isEmpty() || out.spkiDer.isEmpty() || !writeFile(out.certFile, out.certPem))
            return failed(QStringLiteral("writing ") + out.certFile);
        if (key) {
            out.keyFile = QDir(m_folder).filePath(base + QStringLiteral(".key"));
            if (!writeKey(key, out.keyFile))
                return failed(QStringLiteral("writing ") + out.keyFile);
        }
        return true;
    }

    bool failed(const QString& what)
    {
        m_error = what;
        return false;
    }

    bool make()
    {
        Key caKey = newKey(), serverKey = newKey(), nextKey = newKey(), wrongCaKey = newKey(),
            wrongKey = newKey();
        if (!caKey || !serverKey || !nextKey || !wrongCaKey || !wrongKey)
            return failed(QStringLiteral("making EC P-256 keys"));
        Cert ca = makeCert(caKey.get(), "pos test CA", nullptr, nullptr);
        Cert wrongCa = makeCert(wrongCaKey.get(), "pos unrelated CA", nullptr, nullptr);
        if (!ca || !wrongCa)
            return failed(QStringLiteral("making the CA certificates"));
        Cert server = makeCert(serverKey.get(), "localhost", ca.get(), caKey.get());
        Cert next = makeCert(nextKey.get(), "localhost", ca.get(), caKey.get());
        Cert wrong = makeCert(wrongKey.get(), "localhost", wrongCa.get(), wrongCaKey.get());
        if (!server || !next || !wrong)
            return failed(QStringLiteral("making the leaf certificates"));
        return writeOut(m_ca, QStringLiteral("ca"), ca.get(), nullptr) &&
               writeOut(m_server, QStringLiteral("server"), server.get(), serverKey.get()) &&
               writeOut(m_next, QStringLiteral("next"), next.get(), nextKey.get()) &&
               writeOut(m_wrongCa, QStringLiteral("wrong-ca"), wrongCa.get(), nullptr) &&
               writeOut(m_wrong, QStringLiteral("wrong"), wrong.get(), wrongKey.get());
    }

    QString m_folder;
    QString m_error;
    bool m_ok = false;
    CertFiles m_ca, m_server, m_next, m_wrongCa, m_wrong;
};

} // namespace pos::test
