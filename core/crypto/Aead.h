#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>

namespace pos {

// AES-256-GCM through OpenSSL EVP: 256-bit key, 96-bit nonce, 128-bit tag, optional additional
// authenticated data (AAD). Nothing here is hand-written cryptography.
class Aead {
public:
    static constexpr std::size_t KeySize = 32;
    static constexpr std::size_t NonceSize = 12;
    static constexpr std::size_t TagSize = 16;
    static constexpr std::size_t Overhead = NonceSize + TagSize;

    // Seals with a fresh random nonce. Returns nonce || ciphertext || tag.
    static Result<QByteArray> seal(const SecretBytes& key, QByteArrayView plaintext,
                                   QByteArrayView aad = {});
    // Opens what seal() made. A wrong key, a changed byte anywhere (nonce, ciphertext, tag) or
    // different AAD gives ErrorCode::WrongKeyOrDamaged and no plaintext at all.
    static Result<SecretBytes> open(const SecretBytes& key, QByteArrayView sealed,
                                    QByteArrayView aad = {});

    // The same with a caller-chosen nonce; returns ciphertext || tag. For known-answer tests and
    // formats that keep the nonce elsewhere. Never use one nonce twice under one key.
    static Result<QByteArray> sealWithNonce(const SecretBytes& key, QByteArrayView nonce,
                                            QByteArrayView plaintext, QByteArrayView aad = {});
    static Result<SecretBytes> openWithNonce(const SecretBytes& key, QByteArrayView nonce,
                                             QByteArrayView ciphertextAndTag,
                                             QByteArrayView aad = {});
};

} // namespace pos
