// F7 at the counter, driven like a cashier: add a customer through the dialog, put them on a
// sale and complete it (the stored sale names them), find them again by phone digits, keep
// them through hold and resume, and take them off. Only the name reaches the counter window.
#include "CounterFixture.h"
#include "CustomerDialog.h"
#include "HeldSalesDialog.h"
#include "NewCustomerDialog.h"

#include <QListWidget>

using namespace pos;
using test::Fixture;
using test::whenModal;

namespace {

const QString Name = QStringLiteral("Anna Schmidt");
const QString Phone = QStringLiteral("+49 30 1234-5678");
const QString Email = QStringLiteral("anna@example.org");

// Every text the counter window shows, to check no personal detail but the name is there.
QString allWindowText(QWidget* window)
{
    QStringList texts;
    for (auto* label : window->findChildren<QLabel*>())
        texts << label->text() << label->toolTip();
    for (auto* edit : window->findChildren<QLineEdit*>())
        texts << edit->text();
    return texts.join(u'\n');
}

} // namespace

class tst_CustomerFlow : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void addAttachAndCompleteSale();
    void newCustomerNeedsAName();
    void searchByPhoneDigitsAndPickWithKeys();
    void holdAndResumeKeepsTheCustomer();
    void f7AgainRemovesTheCustomer();
    void longNameIsShortenedNotWidening();

private:
    qint64 addAnna()
    {
        Customer c;
        c.name = Name;
        c.phone = Phone;
        c.email = Email;
        auto id = m_f->customers.add(m_f->cashier, c);
        return id.value_or(0);
    }
    // F7, type into the search, wait for the list, Enter attaches the highlighted customer.
    void attachBySearch(const QString& typed, int downPresses, QStringList* listed = nullptr)
    {
        whenModal<ui::CustomerDialog>([=](ui::CustomerDialog* d) {
            auto* search = d->findChild<QLineEdit*>(QStringLiteral("customerSearch"));
            auto* list = d->findChild<QListWidget*>(QStringLiteral("customerResults"));
            QTest::keyClicks(search, typed);
            QTRY_VERIFY_WITH_TIMEOUT(list->count() > 0, 3000);
            for (int i = 0; i < list->count() && listed; ++i)
                listed->append(list->item(i)->text());
            for (int i = 0; i < downPresses; ++i)
                QTest::keyClick(search, Qt::Key_Down);
            QTest::keyClick(search, Qt::Key_Enter);
        });
        m_f->press(Qt::Key_F7);
    }

    test::FixtureSlot m_f;
};

void tst_CustomerFlow::addAttachAndCompleteSale()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    whenModal<ui::CustomerDialog>([](ui::CustomerDialog* d) {
        QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("customerSearch")),
                         QStringLiteral("Anna"));
        whenModal<ui::NewCustomerDialog>([](ui::NewCustomerDialog* n) {
            // The name typed into the search is carried over.
            QCOMPARE(n->findChild<QLineEdit*>(QStringLiteral("customerNameEdit"))->text(),
                     QStringLiteral("Anna"));
            auto* name = n->findChild<QLineEdit*>(QStringLiteral("customerNameEdit"));
            name->clear();
            QTest::keyClicks(name, Name);
            QTest::keyClicks(n->findChild<QLineEdit*>(QStringLiteral("customerPhoneEdit")), Phone);
            QTest::keyClicks(n->findChild<QLineEdit*>(QStringLiteral("customerEmailEdit")), Email);
            QTest::keyClicks(n->findChild<QLineEdit*>(QStringLiteral("customerNotesEdit")),
                             QStringLiteral("Prefers paper receipts"));
            QTest::keyClick(name, Qt::Key_Enter);
        });
        QTest::keyClick(d, Qt::Key_N, Qt::ControlModifier);
    });
    f.press(Qt::Key_F7);

    QCOMPARE(f.customers.count(f.cashier).value_or(-1), 1);
    auto found = f.customers.search(f.cashier, QStringLiteral("Anna"));
    QVERIFY(found.has_value());
    QCOMPARE(found->size(), 1);
    const qint64 id = found->first().id;
    QCOMPARE(found->first().email, Email);
    QCOMPARE(f.window->cart().customerId(), id);
    QCOMPARE(f.labelText("customerValue"), Name);
    const QString shown = allWindowText(f.window.get());
    QVERIFY2(!shown.contains(QStringLiteral("5678")), qPrintable(shown));
    QVERIFY2(!shown.contains(Email), qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("paper receipts")), qPrintable(shown));

    f.payCash(QStringLiteral("5"));
    auto sale = f.sales.loadByReceipt(f.cashier, 1);
    QVERIFY2(sale.has_value(), sale ? "" : qPrintable(sale.error().message));
    QCOMPARE(sale->customerId, id);
    // The next sale starts without a customer.
    QCOMPARE(f.window->cart().customerId(), 0);
    QVERIFY(f.window->findChild<QLabel*>(QStringLiteral("customerValue"))->isHidden());
}

void tst_CustomerFlow::newCustomerNeedsAName()
{
    Fixture& f = *m_f;
    QString refused;
    bool stillOpen = false;
    whenModal<ui::CustomerDialog>([&](ui::CustomerDialog* d) {
        whenModal<ui::NewCustomerDialog>([&](ui::NewCustomerDialog* n) {
            auto* phone = n->findChild<QLineEdit*>(QStringLiteral("customerPhoneEdit"));
            QTest::keyClicks(phone, Phone);
            QTest::keyClick(phone, Qt::Key_Enter);
            auto* error = n->findChild<QLabel*>(QStringLiteral("customerError"));
            refused = error->isHidden() ? QString() : error->text();
            stillOpen = n->isVisible();
            n->reject();
            d->reject();
        });
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("newCustomerButton")),
                          Qt::LeftButton);
    });
    f.press(Qt::Key_F7);
    // Core's message, shown as a sentence; the phone number is not in it.
    QVERIFY2(refused.contains(QStringLiteral("name is empty")), qPrintable(refused));
    QVERIFY(!refused.contains(QStringLiteral("5678")));
    QVERIFY(stillOpen);
    QCOMPARE(f.customers.count(f.cashier).value_or(-1), 0);
    QCOMPARE(f.window->cart().customerId(), 0);
}

void tst_CustomerFlow::searchByPhoneDigitsAndPickWithKeys()
{
    Fixture& f = *m_f;
    Customer other;
    other.name = QStringLiteral("Anna Schneider");
    other.phone = QStringLiteral("030 99 5678");
    QVERIFY(f.customers.add(f.cashier, other).has_value());
    const qint64 anna = addAnna();
    QVERIFY(anna > 0);

    f.scanCode(f.bread);
    QStringList listed;
    // "5678" is in both numbers; the list is in name order, so Down picks Anna Schneider.
    attachBySearch(QStringLiteral("5678"), 1, &listed);
    QCOMPARE(listed.size(), 2);
    QVERIFY2(listed.first().startsWith(Name), qPrintable(listed.join(u'|')));
    // The list tells namesakes apart by the phone's last digits, never the whole number.
    QVERIFY2(!listed.join(u'|').contains(QStringLiteral("1234")), qPrintable(listed.join(u'|')));
    QCOMPARE(f.labelText("customerValue"), QStringLiteral("Anna Schneider"));

    // A second F7 with other digits, Enter on the first match: Anna Schmidt.
    attachBySearch(QStringLiteral("301234"), 0);
    QCOMPARE(f.window->cart().customerId(), anna);
    QCOMPARE(f.labelText("customerValue"), Name);
}

void tst_CustomerFlow::holdAndResumeKeepsTheCustomer()
{
    Fixture& f = *m_f;
    const qint64 anna = addAnna();
    f.scanCode(f.soap);
    attachBySearch(QStringLiteral("Schm"), 0);
    QCOMPARE(f.window->cart().customerId(), anna);

    f.press(Qt::Key_F5);
    QCOMPARE(f.cartRows(), 0);
    QCOMPARE(f.window->cart().customerId(), 0);
    QVERIFY(f.window->findChild<QLabel*>(QStringLiteral("customerValue"))->isHidden());

    whenModal<ui::HeldSalesDialog>([](ui::HeldSalesDialog* d) {
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("resumeButton")),
                          Qt::LeftButton);
    });
    f.press(Qt::Key_F6);
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(f.window->cart().customerId(), anna);
    QCOMPARE(f.labelText("customerValue"), Name);
    QVERIFY(!f.window->findChild<QLabel*>(QStringLiteral("customerValue"))->isHidden());
}

void tst_CustomerFlow::f7AgainRemovesTheCustomer()
{
    Fixture& f = *m_f;
    addAnna();
    f.scanCode(f.milk);
    attachBySearch(QStringLiteral("anna"), 0);
    QCOMPARE(f.labelText("customerValue"), Name);

    QString current;
    whenModal<ui::CustomerDialog>([&current](ui::CustomerDialog* d) {
        current = d->findChild<QLabel*>(QStringLiteral("currentCustomer"))->text();
        QTest::keyClick(d, Qt::Key_F7);
    });
    f.press(Qt::Key_F7);
    QVERIFY2(current.contains(Name), qPrintable(current));
    QCOMPARE(f.window->cart().customerId(), 0);
    QVERIFY(f.window->findChild<QLabel*>(QStringLiteral("customerValue"))->isHidden());
    QCOMPARE(f.cartRows(), 1); // the sale itself is untouched

    f.payCash(QStringLiteral("2"));
    auto sale = f.sales.loadByReceipt(f.cashier, 1);
    QVERIFY(sale.has_value());
    QCOMPARE(sale->customerId, 0);
}

void tst_CustomerFlow::longNameIsShortenedNotWidening()
{
    Fixture& f = *m_f;
    Customer c;
    c.name = QStringLiteral("Maximiliane Katharina von Hohenzollern-Sigmaringen-Lüdenscheidt");
    QVERIFY(f.customers.add(f.cashier, c).has_value());
    const int width = f.window->width();
    f.scanCode(f.milk);
    attachBySearch(QStringLiteral("Maxi"), 0);
    auto* value = f.window->findChild<QLabel*>(QStringLiteral("customerValue"));
    QVERIFY2(value->text().endsWith(u'…'), qPrintable(value->text()));
    QVERIFY(value->text().startsWith(QStringLiteral("Maxi")));
    QCOMPARE(value->toolTip(), c.name);
    QCOMPARE(f.window->width(), width);
}

QTEST_MAIN(tst_CustomerFlow)
#include "tst_customerflow.moc"
