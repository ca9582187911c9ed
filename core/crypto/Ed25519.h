#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>

namespace pos {

// Ed25519 (RFC 8032) through OpenSSL EVP_PKEY. Private keys are the 32-byte seed, public keys the
// 32-byte encoding, signatures 64 bytes. Nothing here is hand-written cryptography.
class Ed25519 {
public:
    static constexpr std::size_t PrivateKeySize = 32;
    static constexpr std::size_t PublicKeySize = 32;
    static constexpr std::size_t SignatureSize = 64;

    static Result<SecretBytes> generatePrivateKey();
    static Result<QByteArray> publicKeyFor(const SecretBytes& privateKey);
    static Result<QByteArray> sign(const SecretBytes& privateKey, QByteArrayView message);
    // false for a wrong signature, a wrong key or sizes that are not Ed25519's; never an error.
    static bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);
};

// A private key parsed once (EVP_PKEY) for signing many messages: the audit log signs every row.
class Ed25519Signer {
public:
    static Result<Ed25519Signer> fromPrivateKey(const SecretBytes& privateKey);
    Ed25519Signer(Ed25519Signer&& other) noexcept;
    Ed25519Signer& operator=(Ed25519Signer&& other) noexcept;
    Ed25519Signer(const Ed25519Signer&) = delete;
    Ed25519Signer& operator=(const Ed25519Signer&) = delete;
    ~Ed25519Signer();

    Result<QByteArray> sign(QByteArrayView message) const;
    const QByteArray& publicKey() const { return m_publicKey; }

private:
    Ed25519Signer() = default;
    void* m_key = nullptr; // EVP_PKEY*
    QByteArray m_publicKey;
};

// A public key parsed once (EVP_PKEY) for verifying many signatures. One per thread.
class Ed25519Verifier {
public:
    static Result<Ed25519Verifier> fromPublicKey(QByteArrayView publicKey);
    Ed25519Verifier(Ed25519Verifier&& other) noexcept;
    Ed25519Verifier& operator=(Ed25519Verifier&& other) noexcept;
    Ed25519Verifier(const Ed25519Verifier&) = delete;
    Ed25519Verifier& operator=(const Ed25519Verifier&) = delete;
    ~Ed25519Verifier();

    bool verify(QByteArrayView message, QByteArrayView signature) const;

private:
    Ed25519Verifier() = default;
    void* m_key = nullptr; // EVP_PKEY*
};

// SHA-256 through EVP.
QByteArray sha256(QByteArrayView data);

} // namespace pos
