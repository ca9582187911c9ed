#pragma once

// Where the desktop app and posctl keep the PIN pepper of a store (AUTH-1: PIN hashes are keyed
// with a secret that lives in the key store, never in the database). Both must use the same name,
// so it is made in one place: one entry per store file, like the store key itself.

#include "store/StoreFile.h"

#include <QString>

namespace pos::app {

inline QString pinPepperNameFor(const QString& storePath)
{
    QString name = StoreFile::keyNameFor(storePath);
    name.replace(QStringLiteral("store-key-"), QStringLiteral("pin-pepper-"));
    return name;
}

} // namespace pos::app
