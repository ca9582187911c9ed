#pragma once

#include "store/KeyStore.h"

namespace pos {

// ENC-2: for a register where no OS keychain answers. The keys are kept in one file, sealed with
// AES-256-GCM under a key derived from the owner's passphrase with scrypt (N=2^17, r=8, p=1; the
// parameters and salt are stored in the file). A wrong passphrase or a changed file is a clear
// error and the file is left as it was. The passphrase itself is never stored.
class SealedKeyFile final : public KeyStore {
public:
    SealedKeyFile(QString path, SecretBytes passphrase);

    Result<SecretBytes> read(const QString& name) override;
    Status write(const QString& name,
                 const SecretBytes& secret) override; // rewrites atomically, 0600
    Status remove(const QString& name) override;
    QString describe() const override;

    const QString& path() const { return m_path; }
    static QString defaultPathFor(const QString& storePath); // "<store>.keys"

private:
    QString m_path;
    SecretBytes m_passphrase;
};

} // namespace pos
