#pragma once

#include "crypto/Scrypt.h"
#include "store/KeyStore.h"

#include <QByteArray>
#include <map>

namespace pos {

// ENC-2: for a register where no OS keychain answers. The keys are kept in one file, sealed with
// AES-256-GCM under a key derived from the owner's passphrase with scrypt (N=2^17, r=8, p=1; the
// parameters and salt are stored in the file). A wrong passphrase or a changed file is a clear
// error and the file is left as it was. The passphrase itself is never stored.
//
// The key-encryption key is derived once per instance and per salt (scrypt at N=2^17 takes about
// 0.3 s and 128 MiB) and kept in a wiping SecretBytes. The file format is described at the top of
// SealedKeyFile.cpp.
class SealedKeyFile final : public KeyStore {
public:
    SealedKeyFile(QString path, SecretBytes passphrase);

    Result<SecretBytes> read(const QString& name) override;
    Status write(const QString& name,
                 const SecretBytes& secret) override; // rewrites atomically, 0600
    Status remove(const QString& name) override;
    QString describe() const override;

    // A new key file needs a passphrase of at least this many characters (Unicode code points);
    // write() refuses a shorter one when it would create the file. The desktop dialog and posctl
    // ask checkNewPassphrase() first so that they can say why before anything is made.
    static constexpr int MinimumPassphraseLength = 12;
    static Status checkNewPassphrase(const SecretBytes& utf8);

    const QString& path() const { return m_path; }
    static QString defaultPathFor(const QString& storePath); // "<store>.keys"

private:
    struct Contents {
        bool exists = false;
        QByteArray header; // the authenticated header of the file read, empty when new
        std::map<QString, SecretBytes> entries;
    };
    Result<Contents> load();
    Status save(const QByteArray& header, const std::map<QString, SecretBytes>& entries);
    Result<const SecretBytes*> kekFor(const QByteArray& salt, const Scrypt::Params& params);
    std::unexpected<Error> changedOrWrongPassphrase() const;

    QString m_path;
    SecretBytes m_passphrase;
    SecretBytes m_kek;
    QByteArray m_kekSalt;
    Scrypt::Params m_kekParams;
};

} // namespace pos
