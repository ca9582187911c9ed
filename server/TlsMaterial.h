#pragma once

#include "Error.h"
#include "ServerConfig.h"

#include <QSslConfiguration>
#include <QStringList>

namespace pos::server {

// The server side of TLS from the configuration: the certificate (chain) and its private key as a
// QSslConfiguration that allows TLS 1.3 only and asks no client certificate, and the pins
// (syncprotocol::spkiPin) of the certificate and of the next one, when configured (NET-2).
struct TlsMaterial {
    QSslConfiguration configuration;
    QStringList pins; // current first

    // Refuses, naming the file: a certificate that is not PEM, a key file that group or others
    // may read, an encrypted or unreadable key, a key that does not belong to the certificate, a
    // key type Qt's TLS cannot use (EC and RSA work). The key's bytes are wiped after parsing.
    static Result<TlsMaterial> load(const ServerConfig& config);
};

} // namespace pos::server
