// F10 at the counter, driven like a cashier: cash in and out with a reason (core's refusals shown
// in the dialog, nothing stored), the X report, and closing the shift with the counted cash, its
// Z report and the next shift's float. Core is real (a temporary encrypted store).
#include "CashMovementDialog.h"
#include "CounterFixture.h"
#include "OpenShiftDialog.h"
#include "ReportDialog.h"
#include "ShiftMenuDialog.h"

#include <QPlainTextEdit>

using namespace pos;
using test::Fixture;
using test::whenModal;

namespace {

// One line of core's report: label and value padded to 42 columns (formatShiftReport).
QString reportLine(const QString& label, const QString& value)
{
    return label + QString(42 - label.size() - value.size(), u' ') + value;
}

QString errorText(QWidget* dialog, const char* name)
{
    auto* label = dialog->findChild<QLabel*>(QString::fromLatin1(name));
    return label && !label->isHidden() ? label->text() : QString();
}

// F10, then the menu's key for an operation (I, O, X or Z).
void openFromMenu(Fixture& f, Qt::Key choice)
{
    whenModal<ui::ShiftMenuDialog>(
        [choice](ui::ShiftMenuDialog* menu) { QTest::keyClick(menu, choice); });
    f.press(Qt::Key_F10);
}

// Types the amount, Tab, the reason, Enter: as a cashier fills a cash movement dialog.
void fillMovement(ui::CashMovementDialog* d, const QString& amount, const QString& reason)
{
    QTest::keyClicks(d->edit(), amount);
    QTest::keyClick(d->edit(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), d->reasonEdit());
    QTest::keyClicks(d->reasonEdit(), reason);
    QTest::keyClick(d->reasonEdit(), Qt::Key_Enter);
}

} // namespace

class tst_ShiftFlow : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void cashInWithReason();
    void cashOutAboveDrawerIsRefused();
    void xReportShowsTheFigures();
    void closeRefusedWhileASaleIsInProgress();
    void closeWithCountedCashThenOpenNextShift();

private:
    test::FixtureSlot m_f;
};

void tst_ShiftFlow::cashInWithReason()
{
    Fixture& f = *m_f;
    QString noReason;
    bool stillOpen = false;
    bool enterMovedOn = false;
    whenModal<ui::CashMovementDialog>([&](ui::CashMovementDialog* d) {
        QCOMPARE(d->objectName(), QStringLiteral("cashInDialog"));
        QTest::keyClicks(d->edit(), QStringLiteral("50.00"));
        QTest::keyClick(d->edit(), Qt::Key_Enter); // no reason yet: on to the reason field
        enterMovedOn = QApplication::focusWidget() == d->reasonEdit();
        QTest::keyClick(d->reasonEdit(), Qt::Key_Enter); // still none: core refuses
        noReason = errorText(d, "amountError");
        stillOpen = d->isVisible();
        QTest::keyClicks(d->reasonEdit(), QStringLiteral("Change from the bank"));
        QTest::keyClick(d->reasonEdit(), Qt::Key_Enter);
    });
    openFromMenu(f, Qt::Key_I);
    QVERIFY(enterMovedOn);
    QVERIFY2(noReason.contains(QStringLiteral("why the cash moves")), qPrintable(noReason));
    QVERIFY(stillOpen);
    f.waitForCounter();
    QVERIFY2(f.banner()->text().contains(QStringLiteral("Cash in recorded")),
             qPrintable(f.banner()->text()));

    auto x = f.shifts.xReport(f.cashier);
    QVERIFY(x.has_value());
    QCOMPARE(x->cashInMinor, 5000);
    QCOMPARE(x->expectedCashMinor, 15000);
}

void tst_ShiftFlow::cashOutAboveDrawerIsRefused()
{
    Fixture& f = *m_f;
    QString refused;
    whenModal<ui::CashMovementDialog>([&](ui::CashMovementDialog* d) {
        QCOMPARE(d->objectName(), QStringLiteral("cashOutDialog"));
        fillMovement(d, QStringLiteral("500"), QStringLiteral("To the safe"));
        refused = errorText(d, "amountError");
        d->reject();
    });
    openFromMenu(f, Qt::Key_O);
    // Core's message: only the float (100.00) is in the drawer.
    QVERIFY2(refused.contains(QStringLiteral("100.00")), qPrintable(refused));
    QVERIFY2(refused.contains(QStringLiteral("cannot be taken out")), qPrintable(refused));
    auto x = f.shifts.xReport(f.cashier);
    QVERIFY(x.has_value());
    QCOMPARE(x->cashOutMinor, 0);
    QCOMPARE(x->expectedCashMinor, 10000);
}

void tst_ShiftFlow::xReportShowsTheFigures()
{
    Fixture& f = *m_f;
    QVERIFY(f.shifts.cashIn(f.cashier, 5000, QStringLiteral("Bank")));
    QVERIFY(f.shifts.cashOut(f.cashier, 2000, QStringLiteral("Safe")));
    f.scanCode(f.milk); // 1.19
    f.payCash(QStringLiteral("2.00"));
    QCOMPARE(f.sales.completedCount(f.cashier).value_or(-1), 1);

    QString text;
    QString headline;
    bool monospace = false;
    whenModal<ui::ReportDialog>([&](ui::ReportDialog* d) {
        QCOMPARE(d->objectName(), QStringLiteral("xReportDialog"));
        auto* view = d->findChild<QPlainTextEdit*>(QStringLiteral("xReportText"));
        text = view->toPlainText();
        monospace = view->font().fixedPitch();
        headline = d->findChild<QLabel*>(QStringLiteral("xReportHeadline"))->text();
        QVERIFY(d->findChild<QPushButton*>(QStringLiteral("printButton")));
        QVERIFY(d->findChild<QPushButton*>(QStringLiteral("pdfButton")));
        QTest::keyClick(d, Qt::Key_Enter);
    });
    openFromMenu(f, Qt::Key_X);
    // 100.00 float + 1.19 cash sale + 50.00 in - 20.00 out
    QVERIFY2(
        text.contains(reportLine(QStringLiteral("Expected in drawer"), QStringLiteral("131.19"))),
        qPrintable(text));
    QVERIFY2(text.contains(reportLine(QStringLiteral("Cash in"), QStringLiteral("50.00"))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("X REPORT")), qPrintable(text));
    QVERIFY(monospace);
    QVERIFY2(headline.contains(QStringLiteral("X report")), qPrintable(headline));
    QVERIFY(f.shifts.current(f.cashier).has_value()); // an X report changes nothing
}

void tst_ShiftFlow::closeRefusedWhileASaleIsInProgress()
{
    Fixture& f = *m_f;
    f.scanCode(f.bread);
    QString refusal;
    bool stillOpen = false;
    whenModal<ui::ShiftMenuDialog>([&](ui::ShiftMenuDialog* menu) {
        QTest::mouseClick(menu->findChild<QPushButton*>(QStringLiteral("closeShiftButton")),
                          Qt::LeftButton);
        refusal = errorText(menu, "shiftMenuError");
        stillOpen = menu->isVisible();
        QTest::keyClick(menu, Qt::Key_Escape);
    });
    f.press(Qt::Key_F10);
    QVERIFY2(refusal.contains(QStringLiteral("sale is in progress")), qPrintable(refusal));
    QVERIFY(stillOpen);
    QVERIFY(f.shifts.current(f.cashier).has_value());
    QCOMPARE(f.cartRows(), 1); // the sale is still there
}

void tst_ShiftFlow::closeWithCountedCashThenOpenNextShift()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk); // 1.19
    f.payCash(QStringLiteral("5"));
    const qint64 firstShift = f.shifts.current(f.cashier)->id;

    QString zText;
    QString headline;
    bool nextShiftAsked = false;
    QString statusWhileClosed;
    whenModal<ui::AmountDialog>([&](ui::AmountDialog* count) {
        QCOMPARE(count->objectName(), QStringLiteral("closeShiftDialog"));
        whenModal<ui::ReportDialog>([&](ui::ReportDialog* z) {
            QCOMPARE(z->objectName(), QStringLiteral("zReportDialog"));
            zText = z->text();
            headline = z->findChild<QLabel*>(QStringLiteral("zReportHeadline"))->text();
            whenModal<ui::OpenShiftDialog>([&](ui::OpenShiftDialog* next) {
                nextShiftAsked = true;
                statusWhileClosed = f.labelText("shiftLabel");
                next->edit()->clear();
                QTest::keyClicks(next->edit(), QStringLiteral("80"));
                QTest::keyClick(next->edit(), Qt::Key_Enter);
            });
            QTest::keyClick(z, Qt::Key_Enter);
        });
        QTest::keyClicks(count->edit(), QStringLiteral("101.00"));
        QTest::keyClick(count->edit(), Qt::Key_Enter);
    });
    openFromMenu(f, Qt::Key_Z);

    // Expected 100.00 + 1.19 = 101.19, counted 101.00: 0.19 short.
    QVERIFY2(
        zText.contains(reportLine(QStringLiteral("Expected in drawer"), QStringLiteral("101.19"))),
        qPrintable(zText));
    QVERIFY2(zText.contains(reportLine(QStringLiteral("Counted"), QStringLiteral("101.00"))),
             qPrintable(zText));
    QVERIFY2(zText.contains(reportLine(QStringLiteral("Short"), QStringLiteral("0.19"))),
             qPrintable(zText));
    QVERIFY2(headline.contains(QStringLiteral("SHORT")) &&
                 headline.contains(QStringLiteral("0.19")),
             qPrintable(headline));
    QVERIFY(nextShiftAsked);
    QCOMPARE(statusWhileClosed, QStringLiteral("No open shift")); // the status bar follows at once

    auto z = f.shifts.zReport(f.cashier, firstShift);
    QVERIFY(z.has_value());
    QCOMPARE(z->countedCashMinor, 10100);
    QCOMPARE(z->overShortMinor, -19);
    auto next = f.shifts.current(f.cashier);
    QVERIFY(next.has_value());
    QVERIFY(next->id != firstShift);
    QCOMPARE(next->floatMinor, 8000);
    f.waitForCounter();
    QVERIFY(f.window->isVisible());
    QVERIFY2(f.labelText("shiftLabel").contains(QStringLiteral("80.00")),
             qPrintable(f.labelText("shiftLabel")));
    QVERIFY2(f.labelText("shiftLabel").contains(QString::number(next->id)),
             qPrintable(f.labelText("shiftLabel")));
}

QTEST_MAIN(tst_ShiftFlow)
#include "tst_shiftflow.moc"
