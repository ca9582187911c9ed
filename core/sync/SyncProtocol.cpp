#include "sync/SyncProtocol.h"

#include "crypto/Ed25519.h"

#include <QtEndian>

#include <array>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <string_view>

namespace pos::syncprotocol {

namespace {

void line(QByteArray& out, QByteArrayView field)
{
    out.append(field);
    out.append('\n');
}

void lengthPrefixed(QByteArray& out, QByteArrayView field)
{
    std::array<uchar, 4> length{};
    qToBigEndian(static_cast<quint32>(field.size()), length.data());
    out.append(reinterpret_cast<const char*>(length.data()), 4);
    out.append(field);
}

constexpr char Crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

} // namespace

QString deviceKeyName(const QString& registerId)
{
    return QStringLiteral("sync-device-key-") + registerId;
}

QByteArray requestSigningBytes(const SignedRequest& r)
{
    QByteArray out;
    line(out, "POS-SYNC-REQ-v1");
    line(out, r.method.toUpper());
    line(out, r.pathAndQuery);
    line(out, r.companyId.toUtf8());
    line(out, r.registerId.toUtf8());
    line(out, QByteArray::number(r.time));
    line(out, r.nonce);
    line(out, r.sessionToken);
    line(out, sha256(r.body).toHex());
    return out;
}

QByteArray witnessMessage(const AuditCheckpoint& checkpoint, const QString& witnessedAt)
{
    QByteArray out("POS-AUDIT-WITNESS-v1");
    out.append('\0');
    lengthPrefixed(out, auditformat::checkpointMessage(checkpoint));
    lengthPrefixed(out, witnessedAt.toUtf8());
    return out;
}

QString spkiPin(const QByteArray& subjectPublicKeyInfoDer)
{
    return QString::fromLatin1(sha256(subjectPublicKeyInfoDer).toHex());
}

QString certificatePin(const QByteArray& certificateDer)
{
    const auto* in = reinterpret_cast<const unsigned char*>(certificateDer.constData());
    X509* cert = d2i_X509(nullptr, &in, static_cast<long>(certificateDer.size()));
    if (!cert)
        return {};
    unsigned char* spki = nullptr;
    const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &spki);
    QString pin;
    if (length > 0)
        pin = spkiPin(QByteArray(reinterpret_cast<const char*>(spki), length));
    OPENSSL_free(spki);
    X509_free(cert);
    return pin;
}

QString newEnrolmentCode()
{
    std::array<unsigned char, 10> bits{};
    if (RAND_bytes(bits.data(), static_cast<int>(bits.size())) != 1)
        return {};
    // 80 bits -> 16 symbols of 5 bits.
    QString code;
    quint32 buffer = 0;
    int held = 0;
    for (unsigned char b : bits) {
        buffer = (buffer << 8) | b;
        held += 8;
        while (held >= 5) {
            held -= 5;
            code.append(QLatin1Char(Crockford[(buffer >> held) & 31U]));
        }
    }
    return code.mid(0, 4) + u'-' + code.mid(4, 4) + u'-' + code.mid(8, 4) + u'-' + code.mid(12, 4);
}

QString normaliseEnrolmentCode(const QString& typed)
{
    QString out;
    for (QChar c : typed) {
        if (c == u'-' || c.isSpace())
            continue;
        c = c.toUpper();
        if (c == u'I' || c == u'L')
            c = u'1';
        else if (c == u'O')
            c = u'0';
        if (c.unicode() > 127 || std::string_view(Crockford).find(static_cast<char>(c.unicode())) ==
                                     std::string_view::npos)
            return {};
        out.append(c);
    }
    return out.size() == 16 ? out : QString();
}

QByteArray enrolmentCodeHash(const QString& normalisedCode)
{
    return sha256(normalisedCode.toLatin1()).toHex();
}

} // namespace pos::syncprotocol
