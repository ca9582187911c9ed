#pragma once

#include "audit/AuditFormat.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace pos::syncprotocol {

// The wire contract of docs/sync.md, shared by the registers (core/sync) and pos-syncd (server/).

inline constexpr int ApiVersion = 1;
inline constexpr qint64 MaxBodyBytes = 8 * 1024 * 1024;
inline constexpr qint64 MaxClockSkewSeconds = 300;
inline constexpr qint64 NonceLifetimeSeconds = 15 * 60;
inline constexpr int NonceBytes = 16;

inline constexpr char HeaderCompany[] = "X-Pos-Company";
inline constexpr char HeaderRegister[] = "X-Pos-Register";
inline constexpr char HeaderTime[] = "X-Pos-Time";
inline constexpr char HeaderNonce[] = "X-Pos-Nonce";
inline constexpr char HeaderSignature[] = "X-Pos-Signature";
inline constexpr char HeaderSession[] = "X-Pos-Session";

// Keychain entry of the key that signs requests (the audit key is audit-signing-key-<register>).
QString deviceKeyName(const QString& registerId);

struct SignedRequest {
    QByteArray method;       // "GET", "POST"
    QByteArray pathAndQuery; // "/v1/pull?cursor=12", exactly as sent
    QString companyId;       // UUID text without braces
    QString registerId;      // UUID text without braces
    qint64 time = 0;         // Unix seconds
    QByteArray nonce;        // base64url, no padding
    QByteArray sessionToken; // empty unless user-scoped
    QByteArray body;         // the exact body bytes
};

// The bytes the device key signs (docs/sync.md, "Device authentication").
QByteArray requestSigningBytes(const SignedRequest& request);

// The bytes the server's witness key signs for a register's checkpoint.
QByteArray witnessMessage(const AuditCheckpoint& checkpoint, const QString& witnessedAt);

// SHA-256 of the DER SubjectPublicKeyInfo of a certificate, lower-case hex: a pin (NET-2).
QString spkiPin(const QByteArray& subjectPublicKeyInfoDer);
// The pin of a DER-encoded X.509 certificate: its SubjectPublicKeyInfo taken out with OpenSSL and
// hashed as above. Empty when the bytes are not a certificate.
QString certificatePin(const QByteArray& certificateDer);

// Enrolment codes: 16 Crockford base-32 characters in groups of four, 80 random bits.
QString newEnrolmentCode();
// Upper case, dashes and spaces removed, I/L -> 1 and O -> 0; empty if anything else remains or
// the length is not 16.
QString normaliseEnrolmentCode(const QString& typed);
// Lower-case hex SHA-256 of the normalised code: what the server stores and looks up.
QByteArray enrolmentCodeHash(const QString& normalisedCode);

} // namespace pos::syncprotocol
