#pragma once

// What the counter's GUI tests share: a real CounterWindow on a temporary encrypted store (an
// in-memory key store, a manual clock, the simulated card processor), a cashier signed in (and a
// manager who set the catalog up), four products, an open shift with a 100.00 float, and helpers
// that type and press keys like a cashier and answer the modal dialogs the keys open. The real
// AuthService (cheap hashes; TestStaff's PIN 2468) and ApprovalService let a manager approve at
// the counter with their code and PIN.
#include "Banner.h"
#include "CounterWindow.h"
#include "ReceiptDialog.h"
#include "TenderDialog.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "catalog/Barcode.h"
#include "catalog/CatalogService.h"
#include "customers/CustomerService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/AccessControl.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <memory>

namespace pos::test {

inline QString ean13(const QString& first12)
{
    return first12 + QString::number(gs1CheckDigit(first12));
}

// Watchers not yet fired: a test that ends with one left over expected a dialog that never came.
inline QList<QPointer<QTimer>>& pendingWatchers()
{
    static QList<QPointer<QTimer>> timers;
    return timers;
}

// Runs f on the next modal dialog of type T once it is on screen. Gives up after 10 s and closes
// whatever is modal so a failing test cannot hang.
template <class T, class F> void whenModal(F f)
{
    auto* timer = new QTimer(qApp);
    pendingWatchers().append(timer);
    timer->setInterval(20);
    auto* waited = new int(0);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, waited, f]() mutable {
        auto* w = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!w || !w->isVisible()) {
            if (++*waited > 500) {
                pendingWatchers().removeAll(timer);
                timer->stop();
                timer->deleteLater();
                delete waited;
                qWarning("whenModal: the expected dialog never appeared");
                if (QWidget* other = QApplication::activeModalWidget())
                    other->close();
            }
            return;
        }
        pendingWatchers().removeAll(timer);
        timer->stop();
        timer->deleteLater();
        delete waited;
        f(w);
    });
    timer->start();
}

struct Fixture {
    TestStore store;
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC)};
    SequentialIdSource ids;
    SimulatedProcessor processor;
    RegisterSettings settings{QStringLiteral("Test Store"), QStringLiteral("Till 1"),
                              QStringLiteral("0d6c1e0a-9a3c-4d55-8f55-7a2f3b1c0001"),
                              QStringLiteral("EUR")};
    AccessControl access{store.db()};
    TestStaff staff{store.db(), store.keys(), settings.registerId};
    Session cashier = staff.signIn(Role::Cashier, QStringLiteral("Test Cashier"));
    Session manager = staff.signIn(Role::Manager, QStringLiteral("Test Manager"));
    CatalogService catalog{store.db(), access, settings.currency};
    SaleService sales{store.db(), access, clock, ids, processor, settings.registerId};
    ShiftService shifts{store.db(), access, clock, ids, settings.registerId, settings.currency};
    CustomerService customers{store.db(), access, clock, ids};
    AuthService auth{store.db(),          store.keys(), TestStaff::pepperKeyName(), clock, ids,
                     settings.registerId, authOptions()};
    ApprovalService approvals{store.db(), auth, clock, ids, settings.registerId};
    CounterActions actions{store.db(), clock, ids, approvals, settings.registerId};
    RefundService refunds{store.db(), clock, ids, processor, approvals, settings.registerId};
    StaffService staffService{store.db(), auth, clock, ids};
    ReportService reports{store.db(), clock, settings.currency};
    QString milk = ean13(QStringLiteral("400000000001"));
    QString bread = ean13(QStringLiteral("400000000002"));
    QString soap = ean13(QStringLiteral("400000000003"));
    QString apples = ean13(QStringLiteral("200000000004"));
    std::unique_ptr<ui::CounterWindow> window;

    static AuthService::Options authOptions()
    {
        AuthService::Options o;
        o.hashParams = TestStaff::CheapHash;
        return o;
    }

    bool addProduct(const QString& sku, const QString& name, qint64 price, const QString& code,
                    bool byWeight = false)
    {
        NewProduct p;
        p.sku = sku;
        p.name = name;
        p.priceMinor = price;
        p.taxCode = QStringLiteral("STD");
        p.soldByWeight = byWeight;
        p.barcodes = {code};
        auto added = catalog.addProduct(manager, p); // the back office's work
        if (!added)
            qWarning("%s", qPrintable(added.error().message));
        return added.has_value();
    }

    bool setUp()
    {
        store.addTaxClass(QStringLiteral("STD"), 190000, true);
        shifts.setApprovals(approvals);
        if (!addProduct(QStringLiteral("MILK-1"), QStringLiteral("Milk 1 l"), 119, milk) ||
            !addProduct(QStringLiteral("BREAD-1"), QStringLiteral("Rye bread"), 349, bread) ||
            !addProduct(QStringLiteral("SOAP-1"), QStringLiteral("Olive soap"), 279, soap) ||
            !addProduct(QStringLiteral("APPLE-KG"), QStringLiteral("Apples loose"), 299, apples,
                        true))
            return false;
        if (!shifts.open(cashier, 10000))
            return false;
        return showWindow(cashier);
    }

    // A new counter window with this session at the till (the old one closes).
    bool showWindow(const Session& session)
    {
        window.reset();
        window = std::make_unique<ui::CounterWindow>(
            ui::CounterContext{catalog, sales, shifts, customers, access, clock, settings, session,
                               auth, approvals, actions, refunds, staffService, reports});
        window->resize(1366, 768);
        window->show();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window.get());
    }

    QLineEdit* scan() const { return window->scanField(); }
    QString labelText(const char* name) const
    {
        auto* label = window->findChild<QLabel*>(QString::fromLatin1(name));
        return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
    }
    ui::Banner* banner() const { return window->findChild<ui::Banner*>(); }
    int cartRows() const { return window->findChild<QTableView*>()->model()->rowCount(); }

    // What a scanner does: types the code into whatever has the focus, then Enter.
    // After a dialog closes the window system gives the counter back its activation a moment
    // later; a cashier's next key press lands then.
    void waitForCounter()
    {
        QTRY_COMPARE(QApplication::activeWindow(), window.get());
        QTRY_COMPARE(QApplication::focusWidget(), scan());
    }
    void scanCode(const QString& code)
    {
        waitForCounter();
        if (QTest::currentTestFailed())
            return;
        QTest::keyClicks(QApplication::focusWidget(), code);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Enter);
    }
    void press(Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
    {
        waitForCounter();
        if (QTest::currentTestFailed())
            return;
        QTest::keyClick(QApplication::focusWidget(), key, mods);
    }
    // Pays the whole cart in cash with F4 (tendered: what the customer hands over, "2.00") and
    // closes the receipt with Enter.
    void payCash(const QString& tendered)
    {
        whenModal<ui::TenderDialog>([tendered](ui::TenderDialog* d) {
            whenModal<ui::ReceiptDialog>(
                [](ui::ReceiptDialog* r) { QTest::keyClick(r, Qt::Key_Enter); });
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("cashEdit")), tendered);
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("completeButton")),
                              Qt::LeftButton);
        });
        press(Qt::Key_F4);
    }
};

// For each test's cleanup(): deletes the watchers still waiting and says how many there were.
// A test that ends with one left over expected a dialog that never came.
inline int dropPendingWatchers()
{
    int left = 0;
    for (const QPointer<QTimer>& t : std::as_const(pendingWatchers())) {
        if (t) {
            ++left;
            delete t.data();
        }
    }
    pendingWatchers().clear();
    return left;
}

// A test class's fixture member: init() calls start(), cleanup() checks stop() == 0 (every
// dialog the test expected did appear).
class FixtureSlot {
public:
    bool start()
    {
        m_f = std::make_unique<Fixture>();
        return m_f->setUp();
    }
    int stop()
    {
        const int left = dropPendingWatchers();
        m_f.reset();
        return left;
    }
    Fixture& operator*() { return *m_f; }
    Fixture* operator->() { return m_f.get(); }

private:
    std::unique_ptr<Fixture> m_f;
};

} // namespace pos::test
