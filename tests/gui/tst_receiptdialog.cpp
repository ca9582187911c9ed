// The receipt dialog: core's receipt text in monospace, the change in big letters, Save as PDF
// writes a real PDF where the cashier chose, Enter closes.
#include "ReceiptDialog.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pos;

namespace {

CompletedSale sampleSale()
{
    CompletedSale sale;
    sale.id = QUuid::fromString(u"00000000-0000-4000-8000-000000000001");
    sale.registerId = QStringLiteral("reg-1");
    sale.receiptNo = 7;
    sale.cashier = QStringLiteral("Test Cashier");
    CartLine line;
    line.productId = 1;
    line.sku = QStringLiteral("MILK-1");
    line.name = QStringLiteral("Milk 1 l");
    line.unitPriceMinor = 119;
    line.quantity = Quantity::units(2);
    line.tax = TaxClass{1, QStringLiteral("STD"), QStringLiteral("STD"), 190000, true};
    sale.lines = {line};
    PricedLine priced{238, 0, 0, 200, 38, 238};
    sale.totals.currency = QStringLiteral("EUR");
    sale.totals.lines = {priced};
    sale.totals.subtotalMinor = 238;
    sale.totals.taxMinor = 38;
    sale.totals.totalMinor = 238;
    sale.totals.taxes = {TaxSummary{QStringLiteral("STD"), 190000, true, 200, 38}};
    sale.tenders = {Tender{TenderKind::Cash, 238, 500, QString(), QStringLiteral("k1")}};
    sale.paidMinor = 238;
    sale.changeMinor = 262;
    sale.startedAt = QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
    sale.completedAt = sale.startedAt.addSecs(60);
    return sale;
}

} // namespace

class tst_ReceiptDialog : public QObject {
    Q_OBJECT

private slots:
    void showsReceiptAndChange()
    {
        ui::ReceiptDialog d(sampleSale(),
                            ReceiptHeader{QStringLiteral("Test Store"), QStringLiteral("Till 1")});
        const QString text =
            d.findChild<QPlainTextEdit*>(QStringLiteral("receiptText"))->toPlainText();
        QCOMPARE(text, d.receiptText());
        QVERIFY2(text.contains(QStringLiteral("Test Store")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("2.38")), qPrintable(text));
        // 42 columns line up only in a monospace font. (What the offscreen platform matches it
        // to is its own business; under X11 it is DejaVu Sans Mono.)
        const QFont font = d.findChild<QPlainTextEdit*>(QStringLiteral("receiptText"))->font();
        QVERIFY(font.fixedPitch());
        QCOMPARE(font.styleHint(), QFont::Monospace);
        const QString change = d.findChild<QLabel*>(QStringLiteral("receiptChangeLabel"))->text();
        QVERIFY2(change.contains(QStringLiteral("2.62")), qPrintable(change));
    }

    void enterCloses()
    {
        ui::ReceiptDialog d(sampleSale(),
                            ReceiptHeader{QStringLiteral("Test Store"), QStringLiteral("Till 1")});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QTest::keyClick(&d, Qt::Key_Return);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QVERIFY(d.isHidden());
    }

    void savesPdf()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("receipt-7.pdf"));
        ui::ReceiptDialog d(sampleSale(),
                            ReceiptHeader{QStringLiteral("Test Store"), QStringLiteral("Till 1")});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        bool sawFileDialog = false;
        QTimer::singleShot(0, &d, [&] {
            // Wait for the file dialog the button opens, choose the path, accept.
            auto* timer = new QTimer(&d);
            connect(timer, &QTimer::timeout, &d, [&, timer] {
                auto* fd = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
                if (!fd)
                    return;
                timer->stop();
                sawFileDialog = true;
                fd->selectFile(path);
                static_cast<QDialog*>(fd)->accept(); // QFileDialog::accept is protected
            });
            timer->start(20);
        });
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("pdfButton")), Qt::LeftButton);
        QVERIFY(sawFileDialog);
        QFile pdf(path);
        QVERIFY2(pdf.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 500);
    }
};

QTEST_MAIN(tst_ReceiptDialog)
#include "tst_receiptdialog.moc"
