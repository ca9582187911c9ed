// Drives the real CounterWindow like a cashier: scanner input into the focused scan field, the
// F-keys, and the modal dialogs they open. Core is real too (a temporary encrypted store with an
// in-memory key store); only the card processor is the simulated one.
#include "CounterFixture.h"
#include "HeldSalesDialog.h"
#include "ReceiptDialog.h"
#include "SearchResultsList.h"
#include "TenderDialog.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>

using namespace pos;

using test::ean13;
using test::Fixture;
using test::whenModal;

class tst_CounterFlow : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

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
    test::FixtureSlot m_f;
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

    auto sale = f.sales.loadByReceipt(f.cashier, 1);
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
    auto held = f.sales.heldSales(f.cashier);
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
    QCOMPARE(f.sales.heldSales(f.cashier)->size(), 0);
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
    QCOMPARE(f.sales.completedCount(f.cashier).value_or(-1), 0);
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
    QCOMPARE(f.sales.completedCount(f.cashier).value_or(-1), 0);
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
    QVERIFY(f.showWindow(f.manager)); // a cashier needs a manager's approval (tst_approvalflow)
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
    QVERIFY(f.showWindow(f.manager)); // 0.68 of 4.68 is above a cashier's 10% limit
    f.scanCode(f.milk);               // 1.19
    f.scanCode(f.bread);              // 3.49
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
    QVERIFY(f.showWindow(f.manager)); // voiding a sale needs sale.void (tst_approvalflow)
    f.scanCode(f.milk);
    whenModal<QInputDialog>([](QInputDialog* d) { d->reject(); });
    f.press(Qt::Key_F8);
    QCOMPARE(f.cartRows(), 1);
    whenModal<QInputDialog>([](QInputDialog* d) {
        QTest::keyClicks(d->findChild<QLineEdit*>(), QStringLiteral("customer left"));
        d->accept();
    });
    f.press(Qt::Key_F8);
    QCOMPARE(f.cartRows(), 0);
    QCOMPARE(f.store.db()
                 .scalar("SELECT COUNT(*) FROM counter_events WHERE kind = 'sale_void'")
                 .value_or(-1),
             1);
    QCOMPARE(f.sales.completedCount(f.cashier).value_or(-1), 0);
    QCOMPARE(f.sales.heldSales(f.cashier)->size(), 0);
    f.press(Qt::Key_F8); // an empty sale: nothing to ask
    QCOMPARE(f.cartRows(), 0);
}

QTEST_MAIN(tst_CounterFlow)
#include "tst_counterflow.moc"
