#pragma once

#include "store/KeyStore.h"

namespace pos {

// Keys in the OS keychain (Secret Service on Linux) through QtKeychain, never with its insecure
// plaintext fallback. Blocks on a local event loop until the keychain answers or the timeout
// passes. When no Secret Service answers, read/write return ErrorCode::KeychainUnavailable with a
// message a shop owner can act on. Use it from the thread that runs the QCoreApplication (the
// local event loop delivers QtKeychain's and libsecret's answers there); without a running
// application object every call fails with ErrorCode::Internal.
class KeychainKeyStore final : public KeyStore {
public:
    explicit KeychainKeyStore(QString service = QStringLiteral("pos-register"),
                              int timeoutMs = 15000);

    Result<SecretBytes> read(const QString& name) override;
    Status write(const QString& name, const SecretBytes& secret) override;
    Status remove(const QString& name) override;
    QString describe() const override;

private:
    QString m_service;
    int m_timeoutMs;
};

} // namespace pos
