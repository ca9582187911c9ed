#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QByteArrayView>
#include <cstddef>
#include <cstdint>

namespace pos {

struct ScryptParams {
    std::uint64_t n = 1u << 17; // CPU/memory cost, a power of two
    std::uint32_t r = 8;        // block size
    std::uint32_t p = 1;        // parallelism
};

// scrypt (RFC 7914) through OpenSSL's EVP_KDF "SCRYPT", a memory-hard key derivation for
// passphrases. OpenSSL caps scrypt's memory at 32 MiB by default; derive() raises the cap to what
// the parameters need (128 * r * (N + p + 2) bytes), so N = 2^17, r = 8 (128 MiB) works.
class Scrypt {
public:
    using Params = ScryptParams;
    // OWASP's minimum for scrypt: N = 2^17, r = 8, p = 1 (~128 MiB, ~0.3 s here).
    static constexpr Params Recommended{};

    // The bytes needed by these parameters, or 0 when they are invalid (N not a power of two
    // above 1, r or p zero, or a product that does not fit).
    static std::uint64_t memoryNeeded(const Params& params);

    static Result<SecretBytes> derive(QByteArrayView passphrase, QByteArrayView salt,
                                      const Params& params, std::size_t length);
};

} // namespace pos
