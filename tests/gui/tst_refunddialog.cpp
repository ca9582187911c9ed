// Returns and refunds from the counter's Sale menu, driven like a manager and a cashier would:
// the receipt number finds the sale, a quantity per line says what comes back, core's preview
// shows where the money goes, Refund gives it back (to the card through the processor first),
// and the refund receipt is shown.
#include "ApprovalDialog.h"
#include "CounterFixture.h"
#include "RefundDialog.h"
#include "RefundReceiptDialog.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>

using namespace pos;

using test::Fixture;
using test::whenModal;

namespace {

QString visibleText(QWidget* d, const char* name)
{
    auto* label = d->findChild<QLabel*>(QString::fromLatin1(name));
    return label && label->isVisible() ? label->text() : QString();
}

void findReceipt(ui::RefundDialog* d, qint64 number)
{
    auto* field = d->findChild<QLineEdit*>(QStringLiteral("receiptNumberEdit"));
    QTest::keyClicks(field, QString::number(number));
    QTest::keyClick(field, Qt::Key_Enter);
}

void typeInto(QWidget* d, const QString& name, const QString& text)
{
    auto* field = d->findChild<QLineEdit*>(name);
    QVERIFY2(field, qPrintable(name));
    field->selectAll();
    QTest::keyClicks(field, text);
}

} // namespace

class tst_RefundDialog : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void managerRefundsOneOfTwoToTheCard();
    void cashierRefundNeedsManagersApproval();
    void managerReturnsWithoutReceiptInCash();

private:
    // The cashier sells two litres of milk by card; returns the card charge's reference.
    QString sellTwoMilkByCard();
    test::FixtureSlot m_f;
};

QString tst_RefundDialog::sellTwoMilkByCard()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    f.scanCode(f.milk);
    whenModal<ui::TenderDialog>([](ui::TenderDialog* d) {
        whenModal<ui::ReceiptDialog>(
            [](ui::ReceiptDialog* r) { QTest::keyClick(r, Qt::Key_Enter); });
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("cardButton")), Qt::LeftButton);
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("completeButton")),
                          Qt::LeftButton);
    });
    f.press(Qt::Key_F4);
    auto sale = f.sales.loadByReceipt(f.manager, 1);
    if (!sale || sale->tenders.size() != 1 || sale->totals.totalMinor != 238)
        return {};
    return sale->tenders.first().reference;
}

void tst_RefundDialog::managerRefundsOneOfTwoToTheCard()
{
    Fixture& f = *m_f;
    const QString charge = sellTwoMilkByCard();
    QVERIFY(!charge.isEmpty());
    QVERIFY(f.showWindow(f.manager));

    // First refund: one of the two.
    int rows = -1;
    QString left, preview, headline, receipt;
    whenModal<ui::RefundDialog>([&](ui::RefundDialog* d) {
        findReceipt(d, 1);
        auto* table = d->findChild<QTableWidget*>(QStringLiteral("refundLinesTable"));
        rows = table->rowCount();
        left = table->item(0, 3)->text();
        typeInto(d, QStringLiteral("refundQuantity1"), QStringLiteral("1"));
        typeInto(d, QStringLiteral("refundReason"), QStringLiteral("leaking carton"));
        preview = d->findChild<QPlainTextEdit*>(QStringLiteral("refundPreview"))->toPlainText();
        whenModal<ui::RefundReceiptDialog>([&](ui::RefundReceiptDialog* r) {
            headline = r->headline()->text();
            receipt = r->text();
            QTest::keyClick(r, Qt::Key_Enter);
        });
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("refundButton")),
                          Qt::LeftButton);
    });
    f.press(Qt::Key_R, Qt::ControlModifier);

    QCOMPARE(rows, 1);
    QCOMPARE(left, QStringLiteral("2"));
    QVERIFY2(preview.contains(QStringLiteral("back to the card: 1.19")), qPrintable(preview));
    QVERIFY2(headline.contains(QStringLiteral("1.19")), qPrintable(headline));
    QVERIFY2(receipt.contains(QStringLiteral("For receipt 1")), qPrintable(receipt));
    QVERIFY2(receipt.contains(QStringLiteral("To card")), qPrintable(receipt));
    QVERIFY2(!receipt.contains(QStringLiteral("Approved by")), qPrintable(receipt));
    QCOMPARE(f.processor.refundCount(), 1);
    QCOMPARE(f.processor.refundedMinor(charge), 119);
    QCOMPARE(
        f.store.db().scalar("SELECT COUNT(*) FROM refunds WHERE approval_id IS NULL").value_or(-1),
        1);

    // Second: asking for two is refused (one is left); one more is fine and the two together
    // give back exactly what was paid.
    QString tooMuch;
    bool enabledWhenTooMuch = true;
    QString leftNow;
    whenModal<ui::RefundDialog>([&](ui::RefundDialog* d) {
        findReceipt(d, 1);
        leftNow =
            d->findChild<QTableWidget*>(QStringLiteral("refundLinesTable"))->item(0, 3)->text();
        typeInto(d, QStringLiteral("refundReason"), QStringLiteral("second carton too"));
        typeInto(d, QStringLiteral("refundQuantity1"), QStringLiteral("2"));
        tooMuch = visibleText(d, "refundError");
        auto* refund = d->findChild<QPushButton*>(QStringLiteral("refundButton"));
        enabledWhenTooMuch = refund->isEnabled();
        QTest::mouseClick(refund, Qt::LeftButton); // does nothing while refused
        typeInto(d, QStringLiteral("refundQuantity1"), QStringLiteral("1"));
        whenModal<ui::RefundReceiptDialog>(
            [](ui::RefundReceiptDialog* r) { QTest::keyClick(r, Qt::Key_Enter); });
        QTest::mouseClick(refund, Qt::LeftButton);
    });
    f.press(Qt::Key_R, Qt::ControlModifier);

    QCOMPARE(leftNow, QStringLiteral("1"));
    QVERIFY2(tooMuch.contains(QStringLiteral("Only 1")), qPrintable(tooMuch));
    QVERIFY(!enabledWhenTooMuch);
    QCOMPARE(f.processor.refundCount(), 2);
    QCOMPARE(f.processor.refundedMinor(charge), 238);

    // Nothing is left: the line cannot take a quantity any more.
    bool fieldEnabled = true;
    whenModal<ui::RefundDialog>([&](ui::RefundDialog* d) {
        findReceipt(d, 1);
        fieldEnabled = d->findChild<QLineEdit*>(QStringLiteral("refundQuantity1"))->isEnabled();
        d->reject();
    });
    f.press(Qt::Key_R, Qt::ControlModifier);
    QVERIFY(!fieldEnabled);
    QCOMPARE(f.processor.refundCount(), 2);
}

void tst_RefundDialog::cashierRefundNeedsManagersApproval()
{
    Fixture& f = *m_f;
    const QString charge = sellTwoMilkByCard();
    QVERIFY(!charge.isEmpty());

    QString asked, receipt;
    whenModal<ui::RefundDialog>([&](ui::RefundDialog* d) {
        findReceipt(d, 1);
        typeInto(d, QStringLiteral("refundQuantity1"), QStringLiteral("2"));
        typeInto(d, QStringLiteral("refundReason"), QStringLiteral("customer returned both"));
        whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* a) {
            asked = a->findChild<QLabel*>(QStringLiteral("approvalSummary"))->text();
            // The refund's reason is already there; the manager types code and PIN.
            QTest::keyClicks(a->findChild<QLineEdit*>(QStringLiteral("approverCode")),
                             f.manager.userCode);
            QTest::keyClicks(a->findChild<QLineEdit*>(QStringLiteral("pinField")),
                             QStringLiteral("2468"));
            QTest::keyClick(a->findChild<QLineEdit*>(QStringLiteral("pinField")), Qt::Key_Enter);
        });
        whenModal<ui::RefundReceiptDialog>([&](ui::RefundReceiptDialog* r) {
            receipt = r->text();
            QTest::keyClick(r, Qt::Key_Enter);
        });
        QTest::keyClick(d, Qt::Key_F12);
    });
    f.press(Qt::Key_R, Qt::ControlModifier);

    QVERIFY2(asked.contains(QStringLiteral("receipt 1")), qPrintable(asked));
    QVERIFY2(receipt.contains(QStringLiteral("Approved by: Test Manager")), qPrintable(receipt));
    QVERIFY2(receipt.contains(QStringLiteral("By: Test Cashier")), qPrintable(receipt));
    QCOMPARE(f.processor.refundedMinor(charge), 238);
    auto q = f.store.db().query("SELECT a.status, approver.name FROM refunds r "
                                "JOIN approvals a ON a.id = r.approval_id "
                                "JOIN users approver ON approver.id = a.approver_id");
    QVERIFY(q);
    auto row = q->next();
    QVERIFY(row && *row);
    QCOMPARE(q->text(0), QStringLiteral("used"));
    QCOMPARE(q->text(1), QStringLiteral("Test Manager"));
}

void tst_RefundDialog::managerReturnsWithoutReceiptInCash()
{
    Fixture& f = *m_f;
    QVERIFY(f.showWindow(f.manager));
    QString preview, receipt;
    whenModal<ui::RefundDialog>([&](ui::RefundDialog* d) {
        auto* tabs = d->findChild<QTabWidget*>(QStringLiteral("refundTabs"));
        tabs->setCurrentIndex(1);
        auto* scan = d->findChild<QLineEdit*>(QStringLiteral("returnScanEdit"));
        QTest::keyClicks(scan, f.soap);
        QTest::keyClick(scan, Qt::Key_Enter);
        QTest::keyClicks(scan, f.soap); // scanned twice: two of them
        QTest::keyClick(scan, Qt::Key_Enter);
        typeInto(d, QStringLiteral("refundReason"), QStringLiteral("unwanted gift"));
        preview = d->findChild<QPlainTextEdit*>(QStringLiteral("refundPreview"))->toPlainText();
        whenModal<ui::RefundReceiptDialog>([&](ui::RefundReceiptDialog* r) {
            receipt = r->text();
            QTest::keyClick(r, Qt::Key_Enter);
        });
        QTest::keyClick(d, Qt::Key_F12);
    });
    f.press(Qt::Key_R, Qt::ControlModifier);

    QVERIFY2(preview.contains(QStringLiteral("in cash from the drawer: 5.58")),
             qPrintable(preview));
    QVERIFY2(receipt.contains(QStringLiteral("No receipt")), qPrintable(receipt));
    QCOMPARE(f.processor.refundCount(), 0);
    QCOMPARE(f.store.db().scalar("SELECT total_minor FROM refunds").value_or(-1), 558);
}

QTEST_MAIN(tst_RefundDialog)
#include "tst_refunddialog.moc"
