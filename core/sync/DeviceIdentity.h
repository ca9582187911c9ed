#pragma once

#include "Error.h"
#include "crypto/Ed25519.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace pos {

class KeyStore;

// The register's device key (NET-3): an Ed25519 key in the key store under
// syncprotocol::deviceKeyName(registerId), made at enrolment, that signs every request to the
// sync server. The private key never leaves the key store and this object.
class DeviceIdentity {
public:
    // The existing key, or a new one written to the key store and read back first (enrolment;
    // a key left by an enrolment whose answer was lost is used again, not replaced).
    static Result<DeviceIdentity> loadOrCreate(KeyStore& keys, const QString& registerId);
    // The key of an enrolled register: NotFound when the key store has none.
    static Result<DeviceIdentity> load(KeyStore& keys, const QString& registerId);

    const QString& registerId() const { return m_registerId; }
    const QByteArray& publicKey() const { return m_signer.publicKey(); }

    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    // The X-Pos-* headers of one request: a fresh 16-byte nonce, unixTime, and the signature over
    // syncprotocol::requestSigningBytes. Safe to call from several threads.
    Result<Headers> sign(const QByteArray& method, const QByteArray& pathAndQuery,
                         const QString& companyId, const QByteArray& body, qint64 unixTime,
                         const QByteArray& sessionToken = {}) const;

private:
    static Result<DeviceIdentity> fromSecret(const QString& registerId, const SecretBytes& secret,
                                             const KeyStore& keys);
    DeviceIdentity(QString registerId, Ed25519Signer signer)
        : m_registerId(std::move(registerId)), m_signer(std::move(signer))
    {}
    QString m_registerId;
    Ed25519Signer m_signer;
};

} // namespace pos
