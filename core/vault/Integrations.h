#pragma once

#include "Error.h"
#include "crypto/SecretBytes.h"

#include <QList>
#include <QString>

namespace pos {

// ENC-5: the integrations whose credentials the vault keeps, and their fields. Every field is
// sealed on its own (CredentialVault); "secret" says whether the UI may show a little of it
// (non-secret fields like a host name: at most their last 4 characters) or nothing at all.
struct IntegrationField {
    enum class Kind {
        Text,  // an id or account name
        Token, // an API key, token, password or passphrase
        Url,   // an https:// address
        Host,  // a host name with an optional :port
    };
    QString name;          // "api_key": what the store and the audit rows use
    const char* labelText; // "API key" (English; label() translates it)
    Kind kind = Kind::Text;
    bool secret = true;
    qsizetype maxLength = 512; // in UTF-8 bytes

    QString label() const;
};

struct Integration {
    QString name;          // "payment"
    const char* labelText; // "Payment processor" (English; label() translates it)
    QList<IntegrationField> fields;

    QString label() const;
};

class Integrations {
public:
    // Every known integration with its fields, in the order the owner's screen shows them.
    static const QList<Integration>& all();
    static const Integration* find(QStringView integration);
    static const IntegrationField* findField(QStringView integration, QStringView field);

    // Whether value may be stored in the field: not empty, within the field's length, valid
    // UTF-8 without control characters, and an https:// address or a host name where the field
    // wants one. The message names the field, never the value.
    static Status validate(const Integration& integration, const IntegrationField& field,
                           const SecretBytes& value);
};

} // namespace pos
