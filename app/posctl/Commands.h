#pragma once

#include "StoreAccess.h"

namespace pos::cli {

// Each returns the process exit code: 0 success, 1 refused or failed (with a message on
// standard error), 2 wrong usage. Every command but init acts as the signed-in user (user code
// from --user; password or PIN, and an owner's sign-in code, from the terminal or standard
// input) and core checks that user's permissions.
struct InitOptions {
    QString storeName;
    QString registerName;
    QString currency;
    QString companyName;
    QString ownerName;
    QString ownerCode;
};
// Creates the store and sets up the company, store, this register and the owner (SetupService):
// the owner's password twice, then the authenticator app is enrolled with the secret printed
// here and the code it shows is read back. A store that has staff already is left as it is.
int runInit(const StoreOptions& options, const InitOptions& init);
// RATE in percent ("19", "7.25"); prices of an inclusive class already contain the tax.
int runTaxClass(const StoreOptions& options, const QString& user, const QString& code,
                const QString& rate, const QString& name, bool exclusive);
int runImportCatalog(const StoreOptions& options, const QString& user, const QString& csvPath);
int runSeedDemo(const StoreOptions& options, const QString& user, qint64 products, qint64 customers,
                qint64 sales);
int runReport(const StoreOptions& options, const QString& user, bool z, const QString& countedText);

} // namespace pos::cli
