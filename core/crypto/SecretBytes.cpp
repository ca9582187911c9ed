#include "crypto/SecretBytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace pos {

SecretBytes::SecretBytes(std::size_t size) : m_bytes(size, 0) {}

SecretBytes::SecretBytes(const unsigned char* data, std::size_t size) : m_bytes(data, data + size)
{}

SecretBytes::~SecretBytes()
{
    clear();
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : m_bytes(std::move(other.m_bytes))
{
    other.m_bytes.clear();
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept
{
    if (this != &other) {
        clear();
        m_bytes = std::move(other.m_bytes);
        other.m_bytes.clear();
    }
    return *this;
}

void SecretBytes::clear()
{
    if (!m_bytes.empty())
        OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
    m_bytes.clear();
}

Result<SecretBytes> SecretBytes::random(std::size_t size)
{
    SecretBytes s(size);
    if (RAND_priv_bytes(s.data(), static_cast<int>(size)) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("the system random generator failed"));
    return s;
}

SecretBytes SecretBytes::takeFrom(QByteArray& source)
{
    SecretBytes s(reinterpret_cast<const unsigned char*>(source.constData()),
                  static_cast<std::size_t>(source.size()));
    wipe(source);
    return s;
}

SecretBytes SecretBytes::toHex() const
{
    static const char digits[] = "0123456789abcdef";
    SecretBytes hex(m_bytes.size() * 2);
    for (std::size_t i = 0; i < m_bytes.size(); ++i) {
        hex.m_bytes[2 * i] = static_cast<unsigned char>(digits[m_bytes[i] >> 4]);
        hex.m_bytes[2 * i + 1] = static_cast<unsigned char>(digits[m_bytes[i] & 0xf]);
    }
    return hex;
}

QByteArray SecretBytes::toByteArrayForApi() const
{
    return QByteArray(reinterpret_cast<const char*>(m_bytes.data()),
                      static_cast<qsizetype>(m_bytes.size()));
}

void SecretBytes::wipe(QByteArray& bytes)
{
    // A buffer shared with another QByteArray is that one's too: wiping it would corrupt the
    // other copy, and detaching first would only wipe a fresh copy. Drop our reference instead;
    // callers make sure theirs is the last one (see KeychainKeyStore).
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

bool SecretBytes::equals(const SecretBytes& other) const
{
    return m_bytes.size() == other.m_bytes.size() &&
           (m_bytes.empty() ||
            CRYPTO_memcmp(m_bytes.data(), other.m_bytes.data(), m_bytes.size()) == 0);
}

} // namespace pos
