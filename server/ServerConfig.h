#pragma once

#include "Error.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace pos::server {

// pos-syncd's configuration: an INI file (QSettings::IniFormat), given as `--config FILE`.
//
//   [listen]
//   address = 127.0.0.1          ; an IP address (IPv4 or IPv6), required
//   port = 8443                  ; 0..65535, required; 0 picks a free port (tests)
//   [tls]
//   certificate = server.crt     ; PEM, required
//   key = server.key             ; PEM private key of that certificate, required, mode 0600 or
//                                ; stricter (refused when group or others may read it)
//   next_certificate = next.crt  ; PEM, optional: the certificate that will replace it; its pin
//                                ; is handed out at enrolment so registers accept the rotation
//   [database]
//   conninfo = "host=/run/postgresql dbname=pos user=pos_syncd"
//                                ; libpq keywords or URI, required. Over TCP it must say
//                                ; sslmode=verify-full and ssl_min_protocol_version=TLSv1.3
//   admin_conninfo = "host=/run/postgresql dbname=pos user=postgres"
//                                ; optional, only read by `pos-syncd admin`: a role that may
//                                ; SET ROLE pos_owner (init-roles needs a superuser); same TLS rule
//   [witness]
//   key = witness.key            ; 32 raw bytes (Ed25519 seed), required path; created with mode
//                                ; 0600 on first start when missing, refused when group or others
//                                ; may read it
//   [limits]
//   max_body_bytes = 8388608     ; optional, 1..syncprotocol::MaxBodyBytes (the default)
//   workers = 4                  ; optional, 1..MaxWorkers: threads that carry out requests,
//                                ; each with its own PostgreSQL connection; default: the number
//                                ; of CPUs, at least 2 (effectiveWorkers())
//
// Relative paths are relative to the folder of the configuration file. Values are QSettings
// strings: a conninfo with '=' or ';' needs double quotes. No value of the file (the conninfo may
// hold a password) is ever written to a log or an error message; errors name the key only.
struct ServerConfig {
    QHostAddress listenAddress;
    quint16 port = 0;
    QString certificatePath;
    QString keyPath;
    QString nextCertificatePath; // empty: none configured
    QByteArray conninfo;
    QByteArray adminConninfo; // empty: not configured (only `pos-syncd admin` uses it)
    QString witnessKeyPath;
    qint64 maxBodyBytes = 0; // load() sets the default, syncprotocol::MaxBodyBytes
    int workers = 0;         // 0: not configured, effectiveWorkers() decides

    static constexpr int MaxWorkers = 64;
    int effectiveWorkers() const;

    // Reads and checks the file: a missing or unreadable file, a missing key, a bad value or a
    // conninfo that would reach PostgreSQL over TCP without TLS 1.3 is an error naming the key.
    // Files named in it are only checked to exist here; SyncServer and WitnessKey read them.
    static Result<ServerConfig> load(const QString& path);

    // Writes this configuration as an INI file load() reads back (mode 0600: the conninfo may
    // hold a password). Used by `pos-syncd admin` and by the test fixtures.
    Status save(const QString& path) const;
};

} // namespace pos::server
