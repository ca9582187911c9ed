#pragma once

#include "PgConnection.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBytes.h"

#include <QDateTime>
#include <QStringList>

#include <functional>

namespace pos::server {

// What every handler may use. One per server thread (the PostgreSQL connection is not shared).
struct ServerContext {
    PgConnection& pg;
    const Ed25519Signer& witness; // countersigns register checkpoints (AUD-3)
    QStringList pins;             // SPKI pins of the current (and next) certificate, hex
    std::function<QDateTime()> now = [] {
        return QDateTime::currentDateTimeUtc();
    };
    // Seals the companies' secrets (WitnessKey::secretsKey); enrolment needs it, nothing else.
    const SecretBytes* secretsKey = nullptr;
};

} // namespace pos::server
