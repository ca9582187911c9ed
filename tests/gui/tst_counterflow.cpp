// Drives the real CounterWindow like a cashier: scanner input into the focused scan field, the
// F-keys, and the modal dialogs they open. Core is real too (a temporary encrypted store with an
// in-memory key store); only the card processor is the simulated one.
#include "Banner.h"
#include "CounterWindow.h"
#include "HeldSalesDialog.h"
#include "ReceiptDialog.h"
#include "SearchResultsList.h"
#include "TenderDialog.h"
#include "TestStore.h"
#include "catalog/Barcode.h"
#include "catalog/CatalogService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace pos;

namespace {

QString ean13(const QString& first12)
{
    return first12 + QString::number(gs1CheckDigit(first12));
}

// Watchers not yet fired: a test that ends with one left over expected a dialog that never came.
QList<QPointer<QTimer>>& pendingWatchers()
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
    test::TestStore store;
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC)};
    SequentialIdSource ids;
    SimulatedProcessor processor;
    RegisterSettings settings{QStringLiteral("Test Store"), QStringLiteral("Till 1"),
                              QStringLiteral("0d6c1e0a-9a3c-4d55-8f55-7a2f3b1c0001"),
                              QStringLiteral("EUR")};
    CatalogService catalog{store.db(), settings.currency};
    SaleService sales{store.db(), clock, ids, processor, settings.registerId};
    ShiftService shifts{store.db(), clock, ids, settings.registerId, settings.currency};
    QString milk = ean13(QStringLiteral("400000000001"));
    QString bread = ean13(QStringLiteral("400000000002"));
    QString soap = ean13(QStringLiteral("400000000003"));
    QString apples = ean13(QStringLiteral("200000000004"));
    std::unique_ptr<ui::CounterWindow> window;

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
        auto added = catalog.addProduct(p);
        if (!added)
            qWarning("%s", qPrintable(added.error().message));
        return added.has_value();
    }

    bool setUp()
    {
        store.addTaxClass(QStringLiteral("STD"), 190000, true);
        if (!addProduct(QStringLiteral("MILK-1"), QStringLiteral("Milk 1 l"), 119, milk) ||
            !addProduct(QStringLiteral("BREAD-1"), QStringLiteral("Rye bread"), 349, bread) ||
            !addProduct(QStringLiteral("SOAP-1"), QStringLiteral("Olive soap"), 279, soap) ||
            !addProduct(QStringLiteral("APPLE-KG"), QStringLiteral("Apples loose"), 299, apples,
                        true))
            return false;
        if (!shifts.open(QStringLiteral("Test Cashier"), 10000))
            return false;
        window = std::make_unique<ui::CounterWindow>(ui::CounterContext{
            catalog, sales, shifts, clock, settings, QStringLiteral("Test Cashier")});
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
};

} // namespace

class tst_CounterFlow : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_f = std::make_unique<Fixture>();
        QVERIFY(m_f->setUp());
    }
    void cleanup()
    {
        int left = 0;
        for (const QPointer<QTimer>& t : std::as_const(pendingWatchers())) {
            if (t) {
                ++left;
                delete t.data();
            }
        }
        pendingWatchers().clear();
        m_f.reset();
        QCOMPARE(left, 0); // every dialog the test expected did appear
    }

    void scanThreeItemsPayCashAndGetReceipt();
    void unknownBarcodeShowsErrorAndAddsNothing();
    void malformedEanShowsCheckDigitError();
    void holdAndResumeWithF5F6();
    void tenderBelowTotalCannotComplete();
    void declinedCardKeepsCartAndSaysWhy();
    void weighedProductTakesQuarterKilo();
    void searchAsYouTypeAddsWithArrowAndEnter();
    void deleteRemovesLineAfterConfirm();
    void orderDiscountWithShiftF3();
    void newSaleAsksBeforeThrowingAway();

private:
    std::unique_ptr<Fixture> m_f;
};

void tst_CounterFlow::scanThreeItemsPayCashAndGetReceipt()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    f.scanCode(f.bread);
    f.scanCode(f.soap);
    QCOMPARE(f.cartRows(), 3);
    QCOMPARE(f.window->cart().lines().size(), 3);
    QVERIFY2(f.labelText("totalValue").contains(QStringLiteral("7.47")),
             qPrintable(f.labelText("totalValue")));
    QVERIFY(f.banner()->isHidden());

    QString changeInDialog;
    bool completeEnabled = false;
    QString receipt;
    QString receiptChange;
    whenModal<ui::TenderDialog>([&](ui::TenderDialog* d) {
        QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("cashEdit")),
                         QStringLiteral("10"));
        changeInDialog = d->findChild<QLabel*>(QStringLiteral("changeLabel"))->text();
        auto* complete = d->findChild<QPushButton*>(QStringLiteral("completeButton"));
        completeEnabled = complete->isEnabled();
        whenModal<ui::ReceiptDialog>([&](ui::ReceiptDialog* r) {
            receipt = r->findChild<QPlainTextEdit*>(QStringLiteral("receiptText"))->toPlainText();
            receiptChange = r->findChild<QLabel*>(QStringLiteral("receiptChangeLabel"))->text();
            QTest::keyClick(r, Qt::Key_Enter);
        });
        QTest::mouseClick(complete, Qt::LeftButton);
    });
    f.press(Qt::Key_F4);

    QVERIFY2(changeInDialog.contains(QStringLiteral("2.53")), qPrintable(changeInDialog));
    QVERIFY(completeEnabled);
    QVERIFY2(receipt.contains(QStringLiteral("7.47")), qPrintable(receipt));
    QVERIFY2(receipt.contains(QStringLiteral("2.53")), qPrintable(receipt));
    QVERIFY2(receiptChange.contains(QStringLiteral("2.53")), qPrintable(receiptChange));

    // A new, empty sale, and the scan field ready for the next customer.
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    QCOMPARE(f.cartRows(), 0);
    QVERIFY(f.window->cart().isEmpty());
    QVERIFY2(f.labelText("totalValue").contains(QStringLiteral("0.00")),
             qPrintable(f.labelText("totalValue")));
    QCOMPARE(f.window->focusWidget(), f.scan());
    f.waitForCounter();

    auto sale = f.sales.loadByReceipt(1);
    QVERIFY2(sale.has_value(), sale ? "" : qPrintable(sale.error().message));
    QCOMPARE(sale->lines.size(), 3);
    QCOMPARE(sale->totals.totalMinor, 747);
    QCOMPARE(sale->cashier, QStringLiteral("Test Cashier"));
    QCOMPARE(sale->tenders.size(), 1);
    QCOMPARE(sale->tenders.first().kind, TenderKind::Cash);
    QCOMPARE(sale->tenders.first().tenderedMinor, 1000);
    QCOMPARE(sale->changeMinor, 253);
}

void tst_CounterFlow::unknownBarcodeShowsErrorAndAddsNothing()
{
    Fixture& f = *m_f;
    const QString unknown = ean13(QStringLiteral("400000000099"));
    f.scanCode(unknown);
    QCOMPARE(f.cartRows(), 0);
    QVERIFY(f.banner()->isError());
    QVERIFY2(f.banner()->text().contains(unknown), qPrintable(f.banner()->text()));
    // The bad code stays selected, so the next scan replaces it.
    QCOMPARE(f.scan()->selectedText(), unknown);
    f.scanCode(f.milk);
    QCOMPARE(f.cartRows(), 1);
    QVERIFY(f.banner()->isHidden());
}

void tst_CounterFlow::malformedEanShowsCheckDigitError()
{
    Fixture& f = *m_f;
    QString bad = f.milk;
    bad[12] = QChar(u'0' + (bad[12].digitValue() + 1) % 10);
    f.scanCode(bad);
    QCOMPARE(f.cartRows(), 0);
    QVERIFY(f.banner()->isError());
    QVERIFY2(f.banner()->text().contains(QStringLiteral("check digit"), Qt::CaseInsensitive),
             qPrintable(f.banner()->text()));
}

void tst_CounterFlow::holdAndResumeWithF5F6()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    f.scanCode(f.bread);
    QCOMPARE(f.cartRows(), 2);
    f.press(Qt::Key_F5);
    QCOMPARE(f.cartRows(), 0);
    QVERIFY(!f.banner()->isError());
    auto held = f.sales.heldSales();
    QVERIFY(held.has_value());
    QCOMPARE(held->size(), 1);
    QCOMPARE(held->first().totalMinor, 468);

    int listed = -1;
    whenModal<ui::HeldSalesDialog>([&](ui::HeldSalesDialog* d) {
        listed = d->findChild<QTableWidget*>(QStringLiteral("heldTable"))->rowCount();
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("resumeButton")),
                          Qt::LeftButton);
    });
    f.press(Qt::Key_F6);
    QCOMPARE(listed, 1);
    QCOMPARE(f.cartRows(), 2);
    QVERIFY2(f.labelText("totalValue").contains(QStringLiteral("4.68")),
             qPrintable(f.labelText("totalValue")));
    QCOMPARE(f.sales.heldSales()->size(), 0);
}

void tst_CounterFlow::tenderBelowTotalCannotComplete()
{
    Fixture& f = *m_f;
    f.scanCode(f.bread);
    bool enabledBelow = true;
    bool enabledAtTotal = false;
    bool stillOpenAfterF12 = false;
    QString remaining;
    whenModal<ui::TenderDialog>([&](ui::TenderDialog* d) {
        auto* cash = d->findChild<QLineEdit*>(QStringLiteral("cashEdit"));
        auto* complete = d->findChild<QPushButton*>(QStringLiteral("completeButton"));
        QTest::keyClicks(cash, QStringLiteral("3"));
        enabledBelow = complete->isEnabled();
        QTest::keyClick(cash, Qt::Key_F12); // the shortcut must refuse too
        stillOpenAfterF12 = d->isVisible();
        QTest::keyClick(cash, Qt::Key_Enter); // adds the 3.00 as a tender
        remaining = d->findChild<QLabel*>(QStringLiteral("remainingLabel"))->text();
        QTest::keyClicks(cash, QStringLiteral(".49"));
        QTest::keyClicks(cash, QStringLiteral("0"));
        cash->clear();
        QTest::keyClicks(cash, QStringLiteral("0.49"));
        enabledAtTotal = complete->isEnabled();
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("tenderCancelButton")),
                          Qt::LeftButton);
    });
    f.press(Qt::Key_F4);
    QVERIFY(!enabledBelow);
    QVERIFY(stillOpenAfterF12);
    QVERIFY2(remaining.contains(QStringLiteral("0.49")), qPrintable(remaining));
    QVERIFY(enabledAtTotal);
    QCOMPARE(f.sales.completedCount().value_or(-1), 0);
    QCOMPARE(f.cartRows(), 1); // back to the sale, nothing lost
}

void tst_CounterFlow::declinedCardKeepsCartAndSaysWhy()
{
    Fixture& f = *m_f;
    f.scanCode(f.soap);
    f.processor.declineNext(QStringLiteral("insufficient funds"));
    QString error;
    whenModal<ui::TenderDialog>([&](ui::TenderDialog* d) {
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("cardButton")), Qt::LeftButton);
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("completeButton")),
                          Qt::LeftButton);
        auto* label = d->findChild<QLabel*>(QStringLiteral("tenderError"));
        error = label->isHidden() ? QString() : label->text();
        d->reject();
    });
    f.press(Qt::Key_F4);
    QVERIFY2(error.contains(QStringLiteral("insufficient funds")), qPrintable(error));
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(f.sales.completedCount().value_or(-1), 0);
}

void tst_CounterFlow::weighedProductTakesQuarterKilo()
{
    Fixture& f = *m_f;
    whenModal<QDialog>([](QDialog* d) {
        QCOMPARE(d->objectName(), QStringLiteral("weightDialog"));
        QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("amountEdit")),
                         QStringLiteral("0.250"));
        QTest::keyClick(d->findChild<QLineEdit*>(QStringLiteral("amountEdit")), Qt::Key_Enter);
    });
    f.scanCode(f.apples);
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(f.window->cart().lines().first().quantity.milli(), 250);
    // 2.99/kg x 0.250 kg = 0.7475, rounded half away from zero by core.
    QVERIFY2(f.labelText("totalValue").contains(QStringLiteral("0.75")),
             qPrintable(f.labelText("totalValue")));

    // F2 on the selected line: a new weight, also with three decimals.
    whenModal<QDialog>([](QDialog* d) {
        auto* edit = d->findChild<QLineEdit*>(QStringLiteral("amountEdit"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("0.500"));
        QTest::keyClick(edit, Qt::Key_Enter);
    });
    f.press(Qt::Key_F2);
    QCOMPARE(f.window->cart().lines().first().quantity.milli(), 500);
    QVERIFY2(f.labelText("totalValue").contains(QStringLiteral("1.50")),
             qPrintable(f.labelText("totalValue")));
}

void tst_CounterFlow::searchAsYouTypeAddsWithArrowAndEnter()
{
    Fixture& f = *m_f;
    auto* results = f.window->findChild<ui::SearchResultsList*>();
    QTest::keyClicks(f.scan(), QStringLiteral("oli"));
    QTRY_VERIFY_WITH_TIMEOUT(!results->isHidden(), 2000);
    QCOMPARE(results->count(), 1);
    f.press(Qt::Key_Down);
    f.press(Qt::Key_Enter);
    QVERIFY(results->isHidden());
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(f.window->cart().lines().first().name, QStringLiteral("Olive soap"));
    QVERIFY(f.scan()->text().isEmpty());

    // Esc closes the list and adds nothing.
    QTest::keyClicks(f.scan(), QStringLiteral("mil"));
    QTRY_VERIFY_WITH_TIMEOUT(!results->isHidden(), 2000);
    f.press(Qt::Key_Escape);
    QVERIFY(results->isHidden());
    QCOMPARE(f.cartRows(), 1);
}

void tst_CounterFlow::deleteRemovesLineAfterConfirm()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    f.scanCode(f.bread);
    f.press(Qt::Key_Up); // select the milk line
    whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); });
    f.press(Qt::Key_Delete);
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(f.window->cart().lines().first().name, QStringLiteral("Rye bread"));
}

void tst_CounterFlow::orderDiscountWithShiftF3()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);  // 1.19
    f.scanCode(f.bread); // 3.49
    QString refused;
    whenModal<QDialog>([&refused](QDialog* d) {
        auto* edit = d->findChild<QLineEdit*>(QStringLiteral("amountEdit"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("99"));
        QTest::keyClick(edit, Qt::Key_Enter); // more than the sale: core refuses, dialog stays
        auto* error = d->findChild<QLabel*>(QStringLiteral("amountError"));
        refused = error->isHidden() ? QString() : error->text();
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("0.68"));
        QTest::keyClick(edit, Qt::Key_Enter);
    });
    f.press(Qt::Key_F3, Qt::ShiftModifier);
    QVERIFY2(!refused.isEmpty(), "core's refusal is shown in the dialog");
    QCOMPARE(f.window->cart().orderDiscountMinor(), 68);
    QVERIFY2(f.labelText("totalValue").contains(QStringLiteral("4.00")),
             qPrintable(f.labelText("totalValue")));
    QVERIFY2(f.labelText("discountValue").contains(QStringLiteral("0.68")),
             qPrintable(f.labelText("discountValue")));
}

void tst_CounterFlow::newSaleAsksBeforeThrowingAway()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::No)->click(); });
    f.press(Qt::Key_F8);
    QCOMPARE(f.cartRows(), 1);
    whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); });
    f.press(Qt::Key_F8);
    QCOMPARE(f.cartRows(), 0);
    QCOMPARE(f.sales.completedCount().value_or(-1), 0);
    QCOMPARE(f.sales.heldSales()->size(), 0);
    f.press(Qt::Key_F8); // an empty sale: nothing to ask
    QCOMPARE(f.cartRows(), 0);
}

QTEST_MAIN(tst_CounterFlow)
#include "tst_counterflow.moc"
