// Child of pos_bench's cold-start benchmark. Reads the store key as hex from standard input (never
// from the command line or environment), then either opens the store and shows the real counter
// window (default) or does the bare minimum with SQLCipher (--bare). Prints "ready" when usable.
#include "BareStore.h"

#include "CounterWindow.h"
#include "UiResources.h"
#include "catalog/CatalogService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "store/KeyStore.h"
#include "store/RegisterSettings.h"
#include "store/StoreFile.h"

#include <QApplication>
#include <QLineEdit>
#include <cstdio>
#include <cstring>

using namespace pos;

namespace {

SecretBytes readKey()
{
    char hex[80] = {};
    if (!std::fgets(hex, sizeof hex, stdin))
        return {};
    SecretBytes key(32);
    for (std::size_t i = 0; i < 32; ++i) {
        unsigned v = 0;
        std::sscanf(hex + 2 * i, "%2x", &v);
        key.data()[i] = static_cast<unsigned char>(v);
    }
    std::memset(hex, 0, sizeof hex);
    return key;
}

int bare(const QString& path, const SecretBytes& key)
{
    bench::BareStore store(path, key);
    sqlite3_stmt* s = store.prepare("SELECT count(*) FROM sqlite_master");
    store.check(sqlite3_step(s));
    std::puts("ready");
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return 2;
    const QString path = QString::fromLocal8Bit(argv[1]);
    SecretBytes key = readKey();
    if (argc > 2 && std::strcmp(argv[2], "--bare") == 0)
        return bare(path, key);

    QApplication app(argc, argv);
    ui::UiResources::applyCounterStyle(app);
    MemoryKeyStore keys;
    if (!keys.write(StoreFile::keyNameFor(path), key))
        return 1;
    auto db = StoreFile::openExisting(path, keys);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    auto settings = RegisterSettings::load(**db);
    if (!settings)
        return 1;
    SystemClock clock;
    RandomIdSource ids;
    SimulatedProcessor processor;
    CatalogService catalog(**db, settings->currency);
    SaleService sales(**db, clock, ids, processor, settings->registerId);
    ShiftService shifts(**db, clock, ids, settings->registerId, settings->currency);
    CustomerService customers(**db, clock, ids);
    if (!shifts.current())
        return 1;
    ui::CounterWindow window(ui::CounterContext{catalog, sales, shifts, customers, clock, *settings,
                                                QStringLiteral("Bench Cashier")});
    window.resize(1366, 768);
    window.show();
    QApplication::processEvents();
    // Usable means: the window is up and the scan field has the keyboard.
    auto* focus = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    std::puts(focus ? "ready" : "no-focus");
    std::fflush(stdout);
    return 0;
}
