#include "store/SealedKeyFile.h"

#include "crypto/Aead.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <bit>
#include <cstring>

Q_DECLARE_LOGGING_CATEGORY(lcKeys)

// Sealed key file, format version 1. All integers are unsigned, big-endian.
//
//   offset  size  field
//        0     8  magic "POSKEYS\x1a"
//        8     1  format version = 1
//        9     1  key derivation = 1 (scrypt)
//       10     1  log2(N) of scrypt (written 17; 14..20 accepted)
//       11     1  r of scrypt (written 8; 1..32 accepted)
//       12     1  p of scrypt (written 1; 1..16 accepted)
//       13     3  reserved, zero
//       16    32  salt (random, made when the file is first written, kept on rewrites)
//   ---- bytes 0..47 are the header, authenticated as AES-GCM additional data ----
//       48    12  nonce (random, new on every write)
//       60     n  AES-256-GCM ciphertext of the payload under KEK = scrypt(passphrase, salt)
//     60+n    16  GCM tag
//
// Payload (only ever in memory, in SecretBytes): u32 entry count, then per entry sorted by name:
// u16 name length, name in UTF-8, u16 key length, key bytes.
//
// Every byte of the file is authenticated: a changed header fails as AAD, a changed nonce,
// ciphertext or tag fails the tag check. A wrong passphrase and a changed file cannot be told
// apart, and the message says so.

namespace pos {

namespace {

constexpr char Magic[8] = {'P', 'O', 'S', 'K', 'E', 'Y', 'S', '\x1a'};
constexpr quint8 FormatVersion = 1;
constexpr quint8 KdfScrypt = 1;
constexpr qsizetype SaltSize = 32;
constexpr qsizetype HeaderSize = 16 + SaltSize;
constexpr qint64 MaxFileSize = 1 << 20;

struct Header {
    Scrypt::Params params;
    QByteArray salt;
};

QByteArray makeHeader(const Scrypt::Params& params, const QByteArray& salt)
{
    QByteArray h(HeaderSize, '\0');
    std::memcpy(h.data(), Magic, sizeof Magic);
    h[8] = static_cast<char>(FormatVersion);
    h[9] = static_cast<char>(KdfScrypt);
    h[10] = static_cast<char>(std::countr_zero(params.n));
    h[11] = static_cast<char>(params.r);
    h[12] = static_cast<char>(params.p);
    std::memcpy(h.data() + 16, salt.constData(), static_cast<std::size_t>(SaltSize));
    return h;
}

// Only parameters this build would accept as a cost: a changed file cannot make us spend
// gigabytes or skip the memory-hard work.
bool parseHeader(QByteArrayView h, Header& out)
{
    if (h.size() != HeaderSize || std::memcmp(h.data(), Magic, sizeof Magic) != 0)
        return false;
    const auto u8 = [&](qsizetype i) {
        return static_cast<quint8>(h[i]);
    };
    if (u8(8) != FormatVersion || u8(9) != KdfScrypt || u8(13) || u8(14) || u8(15))
        return false;
    if (u8(10) < 14 || u8(10) > 20 || u8(11) < 1 || u8(11) > 32 || u8(12) < 1 || u8(12) > 16)
        return false;
    out.params.n = std::uint64_t{1} << u8(10);
    out.params.r = u8(11);
    out.params.p = u8(12);
    out.salt = h.sliced(16).toByteArray();
    return true;
}

void putU16(unsigned char*& p, std::size_t v)
{
    *p++ = static_cast<unsigned char>(v >> 8);
    *p++ = static_cast<unsigned char>(v);
}

SecretBytes serialize(const std::map<QString, SecretBytes>& entries)
{
    std::size_t size = 4;
    std::vector<QByteArray> names;
    for (const auto& [name, key] : entries) {
        names.push_back(name.toUtf8());
        size += 2 + static_cast<std::size_t>(names.back().size()) + 2 + key.size();
    }
    SecretBytes out(size);
    unsigned char* p = out.data();
    const std::size_t count = entries.size();
    for (int shift = 24; shift >= 0; shift -= 8)
        *p++ = static_cast<unsigned char>(count >> shift);
    std::size_t i = 0;
    for (const auto& [name, key] : entries) {
        const QByteArray& n = names[i++];
        putU16(p, static_cast<std::size_t>(n.size()));
        std::memcpy(p, n.constData(), static_cast<std::size_t>(n.size()));
        p += n.size();
        putU16(p, key.size());
        if (key.size())
            std::memcpy(p, key.data(), key.size());
        p += key.size();
    }
    return out;
}

bool deserialize(const SecretBytes& payload, std::map<QString, SecretBytes>& out)
{
    const unsigned char* p = payload.data();
    const unsigned char* end = p + payload.size();
    const auto take = [&](std::size_t n) -> const unsigned char* {
        if (static_cast<std::size_t>(end - p) < n)
            return nullptr;
        const unsigned char* at = p;
        p += n;
        return at;
    };
    const unsigned char* c = take(4);
    if (!c)
        return false;
    const std::uint32_t count = (std::uint32_t{c[0]} << 24) | (std::uint32_t{c[1]} << 16) |
                                (std::uint32_t{c[2]} << 8) | std::uint32_t{c[3]};
    for (std::uint32_t i = 0; i < count; ++i) {
        const unsigned char* l = take(2);
        if (!l)
            return false;
        const std::size_t nameLen = (std::size_t{l[0]} << 8) | l[1];
        const unsigned char* name = take(nameLen);
        if (!name)
            return false;
        l = take(2);
        if (!l)
            return false;
        const std::size_t keyLen = (std::size_t{l[0]} << 8) | l[1];
        const unsigned char* key = take(keyLen);
        if (!key && keyLen)
            return false;
        out.insert_or_assign(
            QString::fromUtf8(reinterpret_cast<const char*>(name), static_cast<qsizetype>(nameLen)),
            SecretBytes(key, keyLen));
    }
    return p == end;
}

Status checkName(const QString& name)
{
    if (name.isEmpty() || name.toUtf8().size() > 0xffff)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a key name must not be empty"));
    return {};
}

} // namespace

SealedKeyFile::SealedKeyFile(QString path, SecretBytes passphrase)
    : m_path(std::move(path)), m_passphrase(std::move(passphrase))
{}

QString SealedKeyFile::defaultPathFor(const QString& storePath)
{
    return storePath + QStringLiteral(".keys");
}

QString SealedKeyFile::describe() const
{
    return QStringLiteral("the sealed key file %1").arg(m_path);
}

std::unexpected<Error> SealedKeyFile::changedOrWrongPassphrase() const
{
    return fail(
        ErrorCode::WrongKeyOrDamaged,
        QStringLiteral("The sealed key file %1 could not be opened: the passphrase is wrong "
                       "or the key file was changed. The file was left as it was.")
            .arg(m_path));
}

Result<const SecretBytes*> SealedKeyFile::kekFor(const QByteArray& salt,
                                                 const Scrypt::Params& params)
{
    if (!m_kek.isEmpty() && m_kekSalt == salt && m_kekParams.n == params.n &&
        m_kekParams.r == params.r && m_kekParams.p == params.p)
        return &m_kek;
    if (m_passphrase.isEmpty())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("a passphrase is needed for the sealed key file %1").arg(m_path));
    const QByteArrayView pass(m_passphrase.data(), static_cast<qsizetype>(m_passphrase.size()));
    auto kek = Scrypt::derive(pass, salt, params, Aead::KeySize);
    if (!kek)
        return std::unexpected(kek.error());
    m_kek = std::move(*kek);
    m_kekSalt = salt;
    m_kekParams = params;
    return &m_kek;
}

Result<SealedKeyFile::Contents> SealedKeyFile::load()
{
    Contents contents;
    QFile f(m_path);
    if (!f.exists())
        return contents;
    if (!f.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::Io,
            QStringLiteral("cannot read the sealed key file %1: %2").arg(m_path, f.errorString()));
    if (f.size() > MaxFileSize)
        return changedOrWrongPassphrase();
    const QByteArray data = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return fail(
            ErrorCode::Io,
            QStringLiteral("cannot read the sealed key file %1: %2").arg(m_path, f.errorString()));
    contents.exists = true;
    Header header;
    if (data.size() < HeaderSize + static_cast<qsizetype>(Aead::Overhead) ||
        !parseHeader(QByteArrayView(data).first(HeaderSize), header))
        return changedOrWrongPassphrase();
    auto kek = kekFor(header.salt, header.params);
    if (!kek)
        return std::unexpected(kek.error());
    contents.header = data.first(HeaderSize);
    auto payload = Aead::open(**kek, QByteArrayView(data).sliced(HeaderSize), contents.header);
    if (!payload) {
        if (payload.error().code == ErrorCode::WrongKeyOrDamaged)
            return changedOrWrongPassphrase();
        return std::unexpected(payload.error());
    }
    if (!deserialize(*payload, contents.entries))
        return changedOrWrongPassphrase();
    return contents;
}

Status SealedKeyFile::save(const QByteArray& header, const std::map<QString, SecretBytes>& entries)
{
    Header parsed;
    if (!parseHeader(header, parsed))
        return fail(ErrorCode::Internal, QStringLiteral("bad sealed key file header"));
    auto kek = kekFor(parsed.salt, parsed.params);
    if (!kek)
        return std::unexpected(kek.error());
    const SecretBytes payload = serialize(entries);
    auto sealed = Aead::seal(
        **kek, QByteArrayView(payload.data(), static_cast<qsizetype>(payload.size())), header);
    if (!sealed)
        return std::unexpected(sealed.error());

    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, QStringLiteral("cannot create the folder %1").arg(dir));
    // QSaveFile writes a temporary file beside the target, syncs it and renames it over the old
    // one, so a crash leaves either the old or the new file, never a torn one.
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly) ||
        !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        f.write(header) != header.size() || f.write(*sealed) != sealed->size() || !f.commit())
        return fail(
            ErrorCode::Io,
            QStringLiteral("cannot write the sealed key file %1: %2").arg(m_path, f.errorString()));
    return {};
}

Result<SecretBytes> SealedKeyFile::read(const QString& name)
{
    auto contents = load();
    if (!contents)
        return std::unexpected(contents.error());
    auto it = contents->entries.find(name);
    if (it == contents->entries.end())
        return fail(
            ErrorCode::NotFound,
            QStringLiteral("the sealed key file %1 holds no key named %2").arg(m_path, name));
    return std::move(it->second);
}

Status SealedKeyFile::checkNewPassphrase(const SecretBytes& utf8)
{
    int characters = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if ((utf8.data()[i] & 0xC0) != 0x80) // not a UTF-8 continuation byte
            ++characters;
    }
    if (characters < MinimumPassphraseLength)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the passphrase for a new key file needs at least %1 characters")
                        .arg(MinimumPassphraseLength));
    return {};
}

Status SealedKeyFile::write(const QString& name, const SecretBytes& secret)
{
    if (auto s = checkName(name); !s)
        return s;
    if (secret.size() > 0xffff)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the key is too long"));
    // Never overwrite a file we could not open: a wrong passphrase must not destroy the keys.
    auto contents = load();
    if (!contents)
        return std::unexpected(contents.error());
    QByteArray header = contents->header;
    if (!contents->exists) {
        if (auto s = checkNewPassphrase(m_passphrase); !s)
            return s;
        auto salt = SecretBytes::random(static_cast<std::size_t>(SaltSize));
        if (!salt)
            return std::unexpected(salt.error());
        header = makeHeader(Scrypt::Recommended,
                            QByteArray(reinterpret_cast<const char*>(salt->data()), SaltSize));
    }
    contents->entries.insert_or_assign(name, SecretBytes(secret.data(), secret.size()));
    if (auto s = save(header, contents->entries); !s)
        return s;
    qCInfo(lcKeys) << "stored key" << name << "in the sealed key file" << m_path;
    return {};
}

Status SealedKeyFile::remove(const QString& name)
{
    auto contents = load();
    if (!contents)
        return std::unexpected(contents.error());
    if (!contents->exists || contents->entries.erase(name) == 0)
        return {};
    return save(contents->header, contents->entries);
}

} // namespace pos
