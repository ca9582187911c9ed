#pragma once

#include <QString>
#include <expected>

namespace pos {

enum class ErrorCode {
    InvalidInput,        // malformed barcode, bad amount, tender below total, bad CSV row...
    NotFound,            // unknown SKU, no such sale, no key for this store
    Conflict,            // duplicate SKU/barcode, sale already completed
    Overflow,            // an amount or quantity left the representable range
    WrongKeyOrDamaged,   // the database cannot be decrypted with the key we hold
    NotADatabase,        // the file is not an encrypted store (plaintext SQLite, empty, truncated)
    Corrupt,             // the store opened but a page failed its integrity check
    Io,                  // file system error
    KeychainUnavailable, // no Secret Service answered
    Keychain,            // the keychain answered with an error
    Crypto,              // an OpenSSL call failed
    Declined,            // the payment processor declined
    Storage,             // any other SQLite error
    PermissionDenied,    // the acting session's role lacks the permission (RBAC-2)
    Unauthenticated,     // no live session: ended, signed out elsewhere, user deactivated
    ApprovalRequired,    // allowed with a manager's approval (RBAC-5); none given or not valid
    Locked,              // lockout or rate limit (AUTH-3, AUTH-5): try again later
    Internal,
};

// Every fallible operation in core returns Result<T>. The message is for people: it says what
// went wrong and names the file or record, and it never contains a key, PIN, password, card
// number or customer contact detail.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

template <class T> using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, QString message)
{
    return std::unexpected<Error>(Error{code, std::move(message)});
}

} // namespace pos
