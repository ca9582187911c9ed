// RBAC-5 at the counter, driven like a cashier and a manager would: a cashier voids a line, the
// approval dialog comes up, a manager types their user code and PIN on the pad (or approves the
// request from the approvals queue on another register), and the line is gone. What the store
// records (counter_events, approvals, the manager's lockout) is read back with SQL.
#include "ApprovalDialog.h"
#include "ApprovalsQueueDialog.h"
#include "CashMovementDialog.h"
#include "CounterFixture.h"
#include "ShiftMenuDialog.h"

#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>

using namespace pos;

using test::Fixture;
using test::whenModal;

namespace {

// What the manager does at the cashier's register: types the code, then the PIN on the pad's keys
// and OK.
void typeCodeAndPin(ui::ApprovalDialog* d, const QString& code, const QString& pin)
{
    auto* codeField = d->findChild<QLineEdit*>(QStringLiteral("approverCode"));
    codeField->clear();
    QTest::keyClicks(codeField, code);
    for (QChar digit : pin)
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("pinKey") + digit),
                          Qt::LeftButton);
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("pinOk")), Qt::LeftButton);
}

void typeReason(ui::ApprovalDialog* d, const QString& reason)
{
    QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("approvalReason")), reason);
}

QString errorText(QWidget* d, const char* name)
{
    auto* label = d->findChild<QLabel*>(QString::fromLatin1(name));
    return label && label->isVisible() ? label->text() : QString();
}

// The confirmation Delete asks first.
void confirmYes()
{
    whenModal<QMessageBox>(
        [](QMessageBox* box) { QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton); });
}

} // namespace

class tst_ApprovalFlow : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_f.start()); }
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void cashierVoidsLineWithManagersPin();
    void wrongPinIsRefusedAndCounted();
    void fiveWrongPinsLockTheManager();
    void cashierCannotApproveOwnRequest();
    void anotherCashierMayNotApprove();
    void queuedRequestApprovedFromAnotherRegister();
    void refusedInTheQueueKeepsTheLine();
    void managerVoidsWithoutApproval();
    void cashOutAboveLimitNeedsApproval();
    void noSaleAndPriceOverrideNeedApproval();

private:
    qint64 count(const char* sql) { return m_f->store.db().scalar(sql).value_or(-1); }
    int managerFailures();

    test::FixtureSlot m_f;
};

int tst_ApprovalFlow::managerFailures()
{
    auto q = m_f->store.db().query("SELECT lockout FROM users WHERE id = ?1");
    q->bind(1, m_f->manager.userId);
    auto row = q->next();
    if (!row || !*row)
        return -1;
    const QJsonObject json = QJsonDocument::fromJson(q->text(0).toUtf8()).object();
    return json.value(QStringLiteral("failures")).toInt(-1);
}

void tst_ApprovalFlow::cashierVoidsLineWithManagersPin()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    f.scanCode(f.bread); // the bread line is selected
    QCOMPARE(f.cartRows(), 2);
    const qint64 sessionsBefore = count("SELECT COUNT(*) FROM sessions");

    QString kind, summary, requester, noReason;
    qint64 requestsWithoutReason = -1;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        kind = d->findChild<QLabel*>(QStringLiteral("approvalKind"))->text();
        summary = d->findChild<QLabel*>(QStringLiteral("approvalSummary"))->text();
        requester = d->findChild<QLabel*>(QStringLiteral("approvalRequester"))->text();
        // Without a reason nothing is asked yet; the PIN waits on the pad.
        typeCodeAndPin(d, f.manager.userCode, QStringLiteral("2468"));
        noReason = errorText(d, "approvalError");
        requestsWithoutReason = count("SELECT COUNT(*) FROM approvals");
        typeReason(d, QStringLiteral("customer changed mind"));
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("pinOk")), Qt::LeftButton);
    });
    f.press(Qt::Key_Delete);

    QVERIFY2(noReason.contains(QStringLiteral("Say why")), qPrintable(noReason));
    QCOMPARE(requestsWithoutReason, 0);
    QCOMPARE(kind, QStringLiteral("Void a line"));
    QVERIFY2(summary.contains(QStringLiteral("Rye bread")), qPrintable(summary));
    QVERIFY2(requester.contains(QStringLiteral("Test Cashier")), qPrintable(requester));
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(f.window->cart().lines().first().name, QStringLiteral("Milk 1 l"));
    QVERIFY2(f.banner()->text().contains(QStringLiteral("Test Manager")),
             qPrintable(f.banner()->text()));

    // Both names, the reason and the amount are on record; the approval is used up.
    auto q = f.store.db().query(
        "SELECT actor.name, requester.name, approver.name, a.reason, a.status, ce.kind, "
        "ce.amount_minor FROM counter_events ce JOIN users actor ON actor.id = ce.actor_id "
        "JOIN approvals a ON a.id = ce.approval_id "
        "JOIN users requester ON requester.id = a.requester_id "
        "JOIN users approver ON approver.id = a.approver_id");
    QVERIFY(q);
    auto row = q->next();
    QVERIFY(row && *row);
    QCOMPARE(q->text(0), QStringLiteral("Test Cashier"));
    QCOMPARE(q->text(1), QStringLiteral("Test Cashier"));
    QCOMPARE(q->text(2), QStringLiteral("Test Manager"));
    QCOMPARE(q->text(3), QStringLiteral("customer changed mind"));
    QCOMPARE(q->text(4), QStringLiteral("used"));
    QCOMPARE(q->text(5), QStringLiteral("line_void"));
    QCOMPARE(q->int64(6), 349);
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events"), 1);

    // The manager proved who they are without a session; the cashier's carries on.
    QCOMPARE(count("SELECT COUNT(*) FROM sessions"), sessionsBefore);
    QCOMPARE(f.access.liveRole(f.cashier).value_or(Role::Auditor), Role::Cashier);
    f.scanCode(f.soap);
    QCOMPARE(f.cartRows(), 2);
}

void tst_ApprovalFlow::wrongPinIsRefusedAndCounted()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    f.scanCode(f.bread);
    QString error;
    int failuresWhileOpen = -1;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        typeReason(d, QStringLiteral("scanned twice"));
        typeCodeAndPin(d, f.manager.userCode, QStringLiteral("1357"));
        error = errorText(d, "approvalError");
        failuresWhileOpen = managerFailures();
        // The PIN is gone from the pad after the try.
        QVERIFY(d->findChild<QLineEdit*>(QStringLiteral("pinField"))->text().isEmpty());
        QTest::keyClick(d, Qt::Key_Escape);
    });
    f.press(Qt::Key_Delete);

    QVERIFY2(error.contains(QStringLiteral("not right")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("1357")), qPrintable(error));
    QCOMPARE(failuresWhileOpen, 1);
    QCOMPARE(managerFailures(), 1);
    QCOMPARE(f.cartRows(), 2); // nothing changed
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM auth_events WHERE kind = 'failure' AND "
                   "purpose = 'approval'"),
             1);
    // Closing the dialog withdrew the request: no manager can approve it later.
    QCOMPARE(count("SELECT COUNT(*) FROM approvals WHERE status = 'cancelled'"), 1);
    QVERIFY(f.banner()->isError());
}

void tst_ApprovalFlow::fiveWrongPinsLockTheManager()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    QStringList errors;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        typeReason(d, QStringLiteral("wrong item"));
        for (int i = 0; i < 6; ++i) {
            typeCodeAndPin(d, f.manager.userCode, QStringLiteral("9999"));
            errors << errorText(d, "approvalError");
        }
        // Even the right PIN is not looked at while the account is locked.
        typeCodeAndPin(d, f.manager.userCode, QStringLiteral("2468"));
        errors << errorText(d, "approvalError");
        QVERIFY(d->isVisible());
        QTest::keyClick(d, Qt::Key_Escape);
    });
    f.press(Qt::Key_Delete);

    QCOMPARE(errors.size(), 7);
    for (int i = 0; i < 4; ++i) {
        QVERIFY2(errors.at(i).contains(QStringLiteral("not right")), qPrintable(errors.at(i)));
        QVERIFY2(!errors.at(i).contains(QStringLiteral("locked")), qPrintable(errors.at(i)));
    }
    for (int i = 4; i < 7; ++i)
        QVERIFY2(errors.at(i).contains(QStringLiteral("locked"), Qt::CaseInsensitive),
                 qPrintable(errors.at(i)));
    QCOMPARE(managerFailures(), 5);
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events"), 0);
}

void tst_ApprovalFlow::cashierCannotApproveOwnRequest()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    QString error;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        typeReason(d, QStringLiteral("mine"));
        typeCodeAndPin(d, f.cashier.userCode, QStringLiteral("2468"));
        error = errorText(d, "approvalError");
        QTest::keyClick(d, Qt::Key_Escape);
    });
    f.press(Qt::Key_Delete);

    QVERIFY2(error.contains(QStringLiteral("own request")), qPrintable(error));
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(count("SELECT COUNT(*) FROM approvals WHERE approver_id IS NOT NULL"), 0);
}

void tst_ApprovalFlow::anotherCashierMayNotApprove()
{
    Fixture& f = *m_f;
    const qint64 other =
        f.staff.addUser(Role::Cashier, QStringLiteral("Other Cashier"), QStringLiteral("7007"));
    QVERIFY(other > 0);
    f.scanCode(f.milk);
    QString error;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        typeReason(d, QStringLiteral("wrong item"));
        typeCodeAndPin(d, QStringLiteral("7007"), QStringLiteral("2468"));
        error = errorText(d, "approvalError");
        QTest::keyClick(d, Qt::Key_Escape);
    });
    f.press(Qt::Key_Delete);

    QVERIFY2(error.contains(QStringLiteral("may not approve")), qPrintable(error));
    QCOMPARE(f.cartRows(), 1);
}

void tst_ApprovalFlow::queuedRequestApprovedFromAnotherRegister()
{
    Fixture& f = *m_f;
    // A second manager at another register of the same store, with that register's services.
    const Session other = f.staff.sessionFor(
        f.staff.addUser(Role::Manager, QStringLiteral("Other Manager"), QStringLiteral("8008")));
    ApprovalService otherTill(f.store.db(), f.auth, f.clock, f.ids,
                              QStringLiteral("0d6c1e0a-9a3c-4d55-8f55-7a2f3b1c0002"));

    f.scanCode(f.milk);
    f.scanCode(f.bread);
    QString waiting;
    int queued = -1;
    QString queuedWho, queuedReason;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        typeReason(d, QStringLiteral("customer has no money"));
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("queueButton")),
                          Qt::LeftButton);
        waiting = d->findChild<QLabel*>(QStringLiteral("queueStatus"))->text();

        // Meanwhile, on the other register:
        ui::ApprovalsQueueDialog queue(otherTill, other, f.clock, f.settings.currency, d);
        whenModal<ui::ApprovalsQueueDialog>([&](ui::ApprovalsQueueDialog* q) {
            QTableWidget* table = q->table();
            queued = table->rowCount();
            if (queued == 1) {
                queuedWho = table->item(0, 0)->text();
                queuedReason = table->item(0, 3)->text();
            }
            QTest::mouseClick(q->findChild<QPushButton*>(QStringLiteral("queueApproveButton")),
                              Qt::LeftButton);
            QCOMPARE(table->rowCount(), 0);
            QTest::keyClick(q, Qt::Key_Escape);
        });
        queue.exec();
        // Back at the cashier's register the dialog sees the approval on its next look.
    });
    f.press(Qt::Key_Delete);

    QVERIFY2(waiting.contains(QStringLiteral("Waiting")), qPrintable(waiting));
    QCOMPARE(queued, 1);
    QCOMPARE(queuedWho, QStringLiteral("Test Cashier"));
    QCOMPARE(queuedReason, QStringLiteral("customer has no money"));
    QCOMPARE(f.cartRows(), 1);
    auto q = f.store.db().query("SELECT approver.name FROM counter_events ce "
                                "JOIN approvals a ON a.id = ce.approval_id "
                                "JOIN users approver ON approver.id = a.approver_id");
    QVERIFY(q);
    auto row = q->next();
    QVERIFY(row && *row);
    QCOMPARE(q->text(0), QStringLiteral("Other Manager"));
}

void tst_ApprovalFlow::refusedInTheQueueKeepsTheLine()
{
    Fixture& f = *m_f;
    f.scanCode(f.milk);
    QString refusal, noteError;
    confirmYes();
    whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* d) {
        typeReason(d, QStringLiteral("changed mind"));
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("queueButton")),
                          Qt::LeftButton);
        ui::ApprovalsQueueDialog queue(f.approvals, f.manager, f.clock, f.settings.currency, d);
        whenModal<ui::ApprovalsQueueDialog>([&](ui::ApprovalsQueueDialog* q) {
            auto* refuse = q->findChild<QPushButton*>(QStringLiteral("queueRefuseButton"));
            QTest::mouseClick(refuse, Qt::LeftButton); // no note yet: core wants one
            noteError = errorText(q, "queueError");
            QTest::keyClicks(q->findChild<QLineEdit*>(QStringLiteral("refuseNote")),
                             QStringLiteral("keep it"));
            QTest::mouseClick(refuse, Qt::LeftButton);
            QTest::keyClick(q, Qt::Key_Escape);
        });
        queue.exec();
        QTRY_VERIFY_WITH_TIMEOUT(!errorText(d, "approvalError").isEmpty(), 5000);
        refusal = errorText(d, "approvalError");
        QTest::keyClick(d, Qt::Key_Escape);
    });
    f.press(Qt::Key_Delete);

    QVERIFY2(!noteError.isEmpty(), "refusing without a note was not refused");
    QVERIFY2(refusal.contains(QStringLiteral("Test Manager")) &&
                 refusal.contains(QStringLiteral("keep it")),
             qPrintable(refusal));
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events"), 0);
}

void tst_ApprovalFlow::managerVoidsWithoutApproval()
{
    Fixture& f = *m_f;
    QVERIFY(f.showWindow(f.manager));
    f.scanCode(f.milk);
    f.scanCode(f.bread);
    confirmYes();
    f.press(Qt::Key_Delete); // no approval dialog: a manager may void
    QCOMPARE(f.cartRows(), 1);
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events WHERE approval_id IS NULL AND "
                   "kind = 'line_void'"),
             1);
    QCOMPARE(count("SELECT COUNT(*) FROM approvals"), 0);
}

void tst_ApprovalFlow::cashOutAboveLimitNeedsApproval()
{
    Fixture& f = *m_f;
    QVERIFY(f.shifts.cashIn(f.cashier, 10000, QStringLiteral("change from the bank")));
    QString kind, amount;
    whenModal<ui::ShiftMenuDialog>(
        [](ui::ShiftMenuDialog* menu) { QTest::keyClick(menu, Qt::Key_O); });
    whenModal<ui::CashMovementDialog>([&](ui::CashMovementDialog* d) {
        whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* a) {
            kind = a->findChild<QLabel*>(QStringLiteral("approvalKind"))->text();
            amount = a->findChild<QLabel*>(QStringLiteral("approvalAmount"))->text();
            typeCodeAndPin(a, f.manager.userCode, QStringLiteral("2468"));
        });
        QTest::keyClicks(d->edit(), QStringLiteral("150"));
        QTest::keyClicks(d->reasonEdit(), QStringLiteral("to the safe"));
        QTest::keyClick(d->reasonEdit(), Qt::Key_Enter);
    });
    f.press(Qt::Key_F10);

    QCOMPARE(kind, QStringLiteral("Cash out above the limit"));
    QVERIFY2(amount.contains(QStringLiteral("150.00")), qPrintable(amount));
    QCOMPARE(f.shifts.xReport(f.cashier)->cashOutMinor, 15000);
    auto q = f.store.db().query("SELECT approver.name, a.reason FROM cash_movements m "
                                "JOIN approvals a ON a.id = m.approval_id "
                                "JOIN users approver ON approver.id = a.approver_id");
    QVERIFY(q);
    auto row = q->next();
    QVERIFY(row && *row);
    QCOMPARE(q->text(0), QStringLiteral("Test Manager"));
    QCOMPARE(q->text(1), QStringLiteral("to the safe"));
}

void tst_ApprovalFlow::noSaleAndPriceOverrideNeedApproval()
{
    Fixture& f = *m_f;
    // No sale: the reason typed first is already in the approval dialog.
    QString carriedReason;
    whenModal<QInputDialog>([&](QInputDialog* d) {
        whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* a) {
            carriedReason = a->findChild<QLineEdit*>(QStringLiteral("approvalReason"))->text();
            typeCodeAndPin(a, f.manager.userCode, QStringLiteral("2468"));
        });
        QTest::keyClicks(d->findChild<QLineEdit*>(), QStringLiteral("change for a customer"));
        d->accept();
    });
    f.press(Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(carriedReason, QStringLiteral("change for a customer"));
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events WHERE kind = 'no_sale' AND "
                   "approval_id IS NOT NULL"),
             1);

    // A price override, cancelled at the approval: the price stays.
    f.scanCode(f.soap);
    whenModal<QDialog>([&](QDialog* d) {
        QCOMPARE(d->objectName(), QStringLiteral("priceOverrideDialog"));
        auto* edit = d->findChild<QLineEdit*>(QStringLiteral("amountEdit"));
        whenModal<ui::ApprovalDialog>([](ui::ApprovalDialog* a) {
            typeReason(a, QStringLiteral("damaged box"));
            QTest::keyClick(a, Qt::Key_Escape);
        });
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("1.99"));
        QTest::keyClick(edit, Qt::Key_Enter);
        // Back in the price dialog with the reason it did not change.
        QVERIFY(!errorText(d, "amountError").isEmpty());
        whenModal<ui::ApprovalDialog>([&](ui::ApprovalDialog* a) {
            typeReason(a, QStringLiteral("damaged box"));
            typeCodeAndPin(a, f.manager.userCode, QStringLiteral("2468"));
        });
        QTest::keyClick(edit, Qt::Key_Enter);
    });
    f.press(Qt::Key_F11);
    QCOMPARE(f.window->cart().lines().first().unitPriceMinor, 199);
    QCOMPARE(count("SELECT COUNT(*) FROM counter_events WHERE kind = 'price_override'"), 1);
    // The cancelled dialog had not asked yet (a request is made on Approve or Send): one request.
    QCOMPARE(count("SELECT COUNT(*) FROM approvals WHERE kind = 'price_override'"), 1);
}

QTEST_MAIN(tst_ApprovalFlow)
#include "tst_approvalflow.moc"
