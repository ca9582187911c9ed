// Child of pos_bench's cold-start benchmark. Reads the store key as hex from standard input (never
// from the command line or environment), and on the next line the id of a live cashier session
// (as the lock screen would hand over), then either opens the store and shows the real counter
// window (default) or does the bare minimum with SQLCipher (--bare). Prints "ready" when usable.
#include "BareStore.h"

#include "CounterWindow.h"
#include "UiResources.h"
#include "catalog/CatalogService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"
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

// The session the parent made (sessions and users rows), as AuthService::signIn returns it.
Session readSession(Database& db)
{
    char line[80] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return {};
    const QString uuid = QString::fromLatin1(line).trimmed();
    auto q = db.query("SELECT s.user_id, s.store_id, s.register_id, s.started_at, u.code, u.name, "
                      "u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.uuid = ?1");
    if (!q)
        return {};
    q->bind(1, uuid);
    if (!q->next().value_or(false))
        return {};
    Session s;
    s.id = QUuid::fromString(uuid);
    s.userId = q->int64(0);
    s.storeId = q->int64(1);
    s.registerId = q->text(2);
    s.startedAt = QDateTime::fromString(q->text(3), Qt::ISODateWithMs);
    s.userCode = q->text(4);
    s.userName = q->text(5);
    s.role = roleFromName(q->text(6)).value_or(Role::Cashier);
    return s;
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
    const Session session = readSession(**db);
    SystemClock clock;
    RandomIdSource ids;
    SimulatedProcessor processor;
    AccessControl access(**db);
    CatalogService catalog(**db, access, settings->currency);
    SaleService sales(**db, access, clock, ids, processor, settings->registerId);
    ShiftService shifts(**db, access, clock, ids, settings->registerId, settings->currency);
    CustomerService customers(**db, access, clock, ids);
    AuthService auth(**db, keys, QStringLiteral("bench/pin-pepper"), clock, ids,
                     settings->registerId);
    ApprovalService approvals(**db, auth, clock, ids, settings->registerId);
    shifts.setApprovals(approvals);
    CounterActions actions(**db, clock, ids, approvals, settings->registerId);
    RefundService refunds(**db, clock, ids, processor, approvals, settings->registerId);
    StaffService staff(**db, auth, clock, ids);
    ReportService reports(**db, clock, settings->currency);
    if (!shifts.current(session))
        return 1;
    ui::CounterWindow window(ui::CounterContext{catalog, sales, shifts, customers, access, clock,
                                                *settings, session, auth, approvals, actions,
                                                refunds, staff, reports});
    window.resize(1366, 768);
    window.show();
    QApplication::processEvents();
    // Usable means: the window is up and the scan field has the keyboard.
    auto* focus = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    std::puts(focus ? "ready" : "no-focus");
    std::fflush(stdout);
    return 0;
}
