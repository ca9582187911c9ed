#pragma once

#include "Error.h"

#include <QByteArray>
#include <cstddef>
#include <vector>

namespace pos {

// Holds key material. Move-only, wiped with OPENSSL_cleanse on destruction and on move. Never
// convert to QString or QByteArray for logging; toHex is for handing a raw key to SQLCipher only
// and its result is itself a SecretBytes.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    SecretBytes(const unsigned char* data, std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    static Result<SecretBytes> random(std::size_t size);
    // Takes the bytes and wipes the source array.
    static SecretBytes takeFrom(QByteArray& source);

    unsigned char* data() { return m_bytes.data(); }
    const unsigned char* data() const { return m_bytes.data(); }
    std::size_t size() const { return m_bytes.size(); }
    bool isEmpty() const { return m_bytes.empty(); }

    SecretBytes toHex() const;
    // Copies into a QByteArray for an API that needs one (QtKeychain). Wipe it with wipe().
    QByteArray toByteArrayForApi() const;
    static void wipe(QByteArray& bytes);

    bool equals(const SecretBytes& other) const; // constant time

private:
    void clear();
    std::vector<unsigned char> m_bytes;
};

} // namespace pos
