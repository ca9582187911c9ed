#include "auth/Base32.h"

#include <cstdint>

namespace pos {

namespace {

constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(char c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

} // namespace

SecretBytes Base32::encode(QByteArrayView data)
{
    const auto size = static_cast<std::size_t>(data.size());
    SecretBytes out((size * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t o = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | static_cast<unsigned char>(data[static_cast<qsizetype>(i)]);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.data()[o++] = static_cast<unsigned char>(Alphabet[(buffer >> bits) & 0x1fu]);
        }
        buffer &= (1u << bits) - 1u; // keep only the bits not yet written
    }
    if (bits > 0)
        out.data()[o++] = static_cast<unsigned char>(Alphabet[(buffer << (5 - bits)) & 0x1fu]);
    buffer = 0;
    return out;
}

SecretBytes Base32::encode(const SecretBytes& data)
{
    return encode(QByteArrayView(reinterpret_cast<const char*>(data.data()),
                                 static_cast<qsizetype>(data.size())));
}

Result<SecretBytes> Base32::decode(QByteArrayView text)
{
    const auto invalid = [] {
        return fail(ErrorCode::InvalidInput, QStringLiteral("not a valid base32 secret"));
    };
    qsizetype end = text.size();
    while (end > 0 && (text[end - 1] == '=' || text[end - 1] == ' '))
        --end;
    std::size_t symbols = 0;
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == ' ')
            continue;
        if (valueOf(text[i]) < 0)
            return invalid();
        ++symbols;
    }
    // 8 symbols carry 5 bytes; a final group of 1, 3 or 6 symbols is impossible.
    const std::size_t rest = symbols % 8;
    if (rest == 1 || rest == 3 || rest == 6)
        return invalid();
    SecretBytes out(symbols * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t o = 0;
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == ' ')
            continue;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(valueOf(text[i]));
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.data()[o++] = static_cast<unsigned char>(buffer >> bits);
            buffer &= (1u << bits) - 1u;
        }
    }
    const bool leftoverZero = buffer == 0;
    buffer = 0;
    if (!leftoverZero)
        return invalid();
    return out;
}

} // namespace pos
