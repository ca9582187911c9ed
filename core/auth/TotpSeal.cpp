#include "auth/TotpSeal.h"

#include "crypto/Aead.h"

#include <QtEndian>

namespace pos {

namespace {

constexpr char Marker[] = "POS-TOTP-v1:";
constexpr char AadTag[] = "POS-TOTP-SECRET-v1";

constexpr qsizetype markerSize()
{
    return static_cast<qsizetype>(sizeof(Marker) - 1);
}

} // namespace

QByteArray TotpSeal::marker()
{
    return QByteArray(Marker, markerSize());
}

QByteArray TotpSeal::aadFor(const QString& userUuid)
{
    QByteArray aad(AadTag, sizeof(AadTag)); // with its terminating zero: domain separation
    const QByteArray uuid = userUuid.toUtf8();
    char length[4];
    qToBigEndian(static_cast<quint32>(uuid.size()), length);
    aad.append(length, 4);
    aad.append(uuid);
    return aad;
}

bool TotpSeal::isSealed(QByteArrayView blob)
{
    return blob.size() > markerSize() + static_cast<qsizetype>(Aead::Overhead) &&
           blob.startsWith(QByteArrayView(Marker, markerSize()));
}

Result<QByteArray> TotpSeal::seal(const SecretBytes& fieldKey, const QString& userUuid,
                                  const SecretBytes& secret)
{
    if (secret.isEmpty() || userUuid.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("An authenticator secret is sealed for a user: both are "
                                   "needed."));
    auto sealed =
        Aead::seal(fieldKey, QByteArrayView(secret.data(), static_cast<qsizetype>(secret.size())),
                   aadFor(userUuid));
    if (!sealed)
        return std::unexpected(sealed.error());
    return marker() + *sealed;
}

Result<SecretBytes> TotpSeal::open(const SecretBytes& fieldKey, const QString& userUuid,
                                   QByteArrayView blob)
{
    if (!isSealed(blob))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The stored authenticator secret is not a sealed one."));
    return Aead::open(fieldKey, blob.sliced(markerSize()), aadFor(userUuid));
}

} // namespace pos
