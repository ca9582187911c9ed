#include "sync/DeviceIdentity.h"

#include "store/KeyStore.h"
#include "sync/SyncProtocol.h"

namespace pos {

Result<DeviceIdentity> DeviceIdentity::fromSecret(const QString& registerId,
                                                  const SecretBytes& secret, const KeyStore& keys)
{
    if (secret.size() != Ed25519::PrivateKeySize)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("the sync device key of this register in %1 is damaged (not "
                                   "an Ed25519 key): enrol the register again")
                        .arg(keys.describe()));
    auto signer = Ed25519Signer::fromPrivateKey(secret);
    if (!signer)
        return std::unexpected(signer.error());
    return DeviceIdentity(registerId, std::move(*signer));
}

Result<DeviceIdentity> DeviceIdentity::load(KeyStore& keys, const QString& registerId)
{
    auto secret = keys.read(syncprotocol::deviceKeyName(registerId));
    if (!secret) {
        if (secret.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound,
                        QStringLiteral("this register's sync device key is not in %1: enrol the "
                                       "register with the sync server again")
                            .arg(keys.describe()));
        return std::unexpected(secret.error());
    }
    return fromSecret(registerId, *secret, keys);
}

Result<DeviceIdentity> DeviceIdentity::loadOrCreate(KeyStore& keys, const QString& registerId)
{
    const QString name = syncprotocol::deviceKeyName(registerId);
    auto existing = keys.read(name);
    if (existing)
        return fromSecret(registerId, *existing, keys);
    if (existing.error().code != ErrorCode::NotFound)
        return std::unexpected(existing.error());
    auto fresh = Ed25519::generatePrivateKey();
    if (!fresh)
        return std::unexpected(fresh.error());
    if (auto s = keys.write(name, *fresh); !s)
        return std::unexpected(s.error());
    // Read back before it is used: a key the key store lost would make the register unknown to
    // the server after enrolment.
    auto back = keys.read(name);
    if (!back)
        return std::unexpected(back.error());
    if (!back->equals(*fresh))
        return fail(ErrorCode::Keychain,
                    QStringLiteral("%1 did not keep the sync device key it was given")
                        .arg(keys.describe()));
    return fromSecret(registerId, *back, keys);
}

Result<DeviceIdentity::Headers> DeviceIdentity::sign(const QByteArray& method,
                                                     const QByteArray& pathAndQuery,
                                                     const QString& companyId,
                                                     const QByteArray& body, qint64 unixTime,
                                                     const QByteArray& sessionToken) const
{
    auto nonceBytes = SecretBytes::random(syncprotocol::NonceBytes);
    if (!nonceBytes)
        return std::unexpected(nonceBytes.error());
    const QByteArray nonce =
        QByteArray(reinterpret_cast<const char*>(nonceBytes->data()),
                   static_cast<qsizetype>(nonceBytes->size()))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    syncprotocol::SignedRequest r;
    r.method = method.toUpper();
    r.pathAndQuery = pathAndQuery;
    r.companyId = companyId;
    r.registerId = m_registerId;
    r.time = unixTime;
    r.nonce = nonce;
    r.sessionToken = sessionToken;
    r.body = body;
    auto signature = m_signer.sign(syncprotocol::requestSigningBytes(r));
    if (!signature)
        return std::unexpected(signature.error());
    Headers headers{{syncprotocol::HeaderCompany, companyId.toUtf8()},
                    {syncprotocol::HeaderRegister, m_registerId.toUtf8()},
                    {syncprotocol::HeaderTime, QByteArray::number(unixTime)},
                    {syncprotocol::HeaderNonce, nonce},
                    {syncprotocol::HeaderSignature, signature->toBase64()}};
    if (!sessionToken.isEmpty())
        headers.append({syncprotocol::HeaderSession, sessionToken});
    return headers;
}

} // namespace pos
