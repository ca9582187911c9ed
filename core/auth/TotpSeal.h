#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace pos {

// ENC-5: an owner's authenticator (TOTP) secret as users.totp_secret keeps it, sealed with
// AES-256-GCM under the field key (FieldKey) on top of the database encryption:
//
//     marker() || Aead::seal output (nonce || ciphertext || tag)
//
// The AAD is a domain tag and the user's uuid, so a sealed secret copied to another user (or
// into an integration credential) does not open. A store from before sealing holds the raw
// secret; isSealed() tells the two apart (a raw secret is random bytes and does not start with
// the marker).
class TotpSeal {
public:
    // "POS-TOTP-v1:", 12 bytes.
    static QByteArray marker();
    static QByteArray aadFor(const QString& userUuid);

    static Result<QByteArray> seal(const SecretBytes& fieldKey, const QString& userUuid,
                                   const SecretBytes& secret);
    // WrongKeyOrDamaged for a wrong key, a changed byte or another user's sealed secret;
    // InvalidInput when blob is not sealed at all.
    static Result<SecretBytes> open(const SecretBytes& fieldKey, const QString& userUuid,
                                    QByteArrayView blob);
    static bool isSealed(QByteArrayView blob);
};

} // namespace pos
