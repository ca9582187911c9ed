#pragma once

#include "Error.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBytes.h"

#include <QString>

namespace pos::server {

// The server's witness key (AUD-3): an Ed25519 private key (the 32-byte seed, raw) in the file
// named by [witness] key. pos-syncd countersigns register checkpoints with it; registers get its
// public key at enrolment.
class WitnessKey {
public:
    // Reads the key; when the file does not exist, makes a new key and writes it first, with mode
    // 0600 from the moment the file exists. Refuses (nothing changed) a file that group or others
    // may read or write, that is not a regular file (or is a symbolic link), or that does not hold
    // exactly 32 bytes. The key bytes are wiped from memory once parsed.
    static Result<Ed25519Signer> loadOrCreate(const QString& path);

    // The key that seals the companies' secrets in the database (the PIN pepper, V2.sql):
    // HKDF-SHA256 (OpenSSL EVP_KDF) of the same file's seed with its own label, so it lives only
    // where the witness key lives, outside the database. The same checks as loadOrCreate(); the
    // file must exist. Replacing the witness key file therefore makes the sealed secrets
    // unreadable (enrolment then says so).
    static Result<SecretBytes> secretsKey(const QString& path);
};

} // namespace pos::server
