#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QHash>
#include <QString>
#include <unordered_map>

namespace pos {

// Where secret keys live. The product uses the OS keychain (KeychainKeyStore); a kiosk without a
// Secret Service uses a passphrase-sealed key file (SealedKeyFile, ENC-2); tests may use
// MemoryKeyStore. read() returns ErrorCode::NotFound when no entry exists and
// ErrorCode::KeychainUnavailable when the store itself does not answer.
class KeyStore {
public:
    virtual ~KeyStore() = default;
    virtual Result<SecretBytes> read(const QString& name) = 0;
    virtual Status write(const QString& name, const SecretBytes& secret) = 0;
    virtual Status remove(const QString& name) = 0;
    // For messages: "the system keychain", "the sealed key file /path".
    virtual QString describe() const = 0;
};

class MemoryKeyStore final : public KeyStore {
public:
    Result<SecretBytes> read(const QString& name) override
    {
        auto it = m_entries.find(name);
        if (it == m_entries.end())
            return fail(ErrorCode::NotFound, QStringLiteral("no key named %1 in memory").arg(name));
        return SecretBytes(it->second.data(), it->second.size());
    }
    Status write(const QString& name, const SecretBytes& secret) override
    {
        m_entries.erase(name);
        m_entries.emplace(name, SecretBytes(secret.data(), secret.size()));
        return {};
    }
    Status remove(const QString& name) override
    {
        m_entries.erase(name);
        return {};
    }
    QString describe() const override { return QStringLiteral("the in-memory key store"); }

private:
    std::unordered_map<QString, SecretBytes> m_entries;
};

} // namespace pos
