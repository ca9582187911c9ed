// The staff screens driven like a manager, a cashier and an owner would: a manager creates a
// cashier with a PIN (typed masked, never shown again), changes a role and undoes it from the
// history; a cashier's staff screen offers nothing; an owner ticks a permission for a role in the
// store's role editor. StaffService enforces; these tests check what people see and that what
// they did reached the store.
#include "NewStaffDialog.h"
#include "RoleEditorDialog.h"
#include "StaffDialog.h"
#include "StaffHistoryDialog.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "staff/StaffService.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace pos;
using test::TestStaff;

namespace {

const QString Pin = QStringLiteral("9731");
const QString Password = QStringLiteral("tangerine velvet 42");

// Runs f on the next modal dialog with this object name once it is on screen; gives up after
// 10 s and closes whatever is modal, so a failing test cannot hang.
void whenModal(const QString& name, std::function<void(QWidget*)> f)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(20);
    auto waited = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, waited, name, f] {
        QWidget* w = QApplication::activeModalWidget();
        if (!w || !w->isVisible() || w->objectName() != name) {
            if (++*waited > 500) {
                timer->stop();
                timer->deleteLater();
                qWarning("the dialog %s never appeared", qPrintable(name));
                if (w)
                    w->close();
            }
            return;
        }
        timer->stop();
        timer->deleteLater();
        f(w);
    });
    timer->start();
}

template <class T> T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QString::fromLatin1(name));
}

// Every text a person could read in the window.
QString visibleText(QWidget* w)
{
    QStringList out;
    for (auto* l : w->findChildren<QLabel*>())
        out << l->text() << l->toolTip();
    for (auto* e : w->findChildren<QLineEdit*>())
        out << e->displayText();
    for (auto* t : w->findChildren<QTableWidget*>())
        for (int r = 0; r < t->rowCount(); ++r)
            for (int c = 0; c < t->columnCount(); ++c)
                if (t->item(r, c))
                    out << t->item(r, c)->text();
    return out.join(u'\n');
}

int rowNamed(QTableWidget* table, const QString& name)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->text() == name)
            return r;
    return -1;
}

struct Fixture {
    test::TestStore store;
    TestStaff staff{store.db(), store.keys()};
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC)};
    SequentialIdSource ids;
    AuthService auth{store.db(),
                     store.keys(),
                     TestStaff::pepperKeyName(),
                     clock,
                     ids,
                     staff.registerId(),
                     AuthService::Options{.hashParams = TestStaff::CheapHash}};
    StaffService service{store.db(), auth, clock, ids};

    QString roleOf(const QString& name)
    {
        auto q = store.db().query("SELECT role FROM users WHERE name = ?1");
        q->bind(1, name);
        return q->next().value_or(false) ? q->text(0) : QString();
    }
};

} // namespace

class tst_StaffDialog : public QObject {
    Q_OBJECT

private slots:
    void managerCreatesCashierThenUndoesARoleChange();
    void managerResetsAPin();
    void cashierSeesNothingEditable();
    void managerCannotEditAnotherManager();
    void ownerChangesARolePermission();
    void ownerCreatesAnOwnerWithAnAuthenticator();
};

void tst_StaffDialog::managerCreatesCashierThenUndoesARoleChange()
{
    Fixture f;
    const Session manager = f.staff.signIn(Role::Manager, QStringLiteral("Mia Manager"));
    ui::StaffDialog dialog(f.service, manager);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* table = child<QTableWidget>(&dialog, "staffTable");
    QCOMPARE(table->rowCount(), 1);

    bool filled = false;
    whenModal(QStringLiteral("newStaffDialog"), [&](QWidget* d) {
        QTest::keyClicks(child<QLineEdit>(d, "staffNameEdit"), QStringLiteral("Cara Cashier"));
        QTest::keyClicks(child<QLineEdit>(d, "staffCodeEdit"), QStringLiteral("4711"));
        auto* roles = child<QComboBox>(d, "staffRoleCombo");
        QCOMPARE(roles->count(), 2); // a manager gives Cashier or Auditor only
        QCOMPARE(roles->currentText(), QStringLiteral("Cashier"));
        auto* pin = child<QLineEdit>(d, "staffPinEdit");
        QTest::keyClicks(pin, Pin);
        QCOMPARE(pin->echoMode(), QLineEdit::Password);
        QVERIFY(!pin->displayText().contains(Pin));
        QTest::keyClicks(child<QLineEdit>(d, "staffPinAgainEdit"), Pin);
        // A password too, so the cashier can be made an auditor below.
        QTest::keyClicks(child<QLineEdit>(d, "staffPasswordEdit"), Password);
        QTest::keyClicks(child<QLineEdit>(d, "staffPasswordAgainEdit"), Password);
        QVERIFY(!visibleText(d).contains(Pin) && !visibleText(d).contains(Password));
        filled = true;
        QTest::mouseClick(child<QPushButton>(d, "createStaffButton"), Qt::LeftButton);
    });
    // A button's key "clicks" it the way a tap does, a moment later: wait for the form.
    QTRY_COMPARE(QApplication::activeWindow(), &dialog);
    QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(filled);
    QCOMPARE(table->rowCount(), 2);
    const int cara = rowNamed(table, QStringLiteral("Cara Cashier"));
    QVERIFY(cara >= 0);
    QCOMPARE(table->item(cara, 1)->text(), QStringLiteral("4711"));
    QCOMPARE(table->item(cara, 2)->text(), QStringLiteral("Cashier"));
    QCOMPARE(table->item(cara, 3)->text(), QStringLiteral("Test Store"));
    QCOMPARE(table->item(cara, 5)->text(), QStringLiteral("Active"));
    QCOMPARE(f.roleOf(QStringLiteral("Cara Cashier")), QStringLiteral("cashier"));
    QVERIFY(!visibleText(&dialog).contains(Pin) && !visibleText(&dialog).contains(Password));

    // Change Cara's role to Auditor.
    table->selectRow(cara);
    bool changed = false;
    whenModal(QStringLiteral("changeRoleForm"), [&](QWidget* d) {
        auto* combo = child<QComboBox>(d, "newRoleCombo");
        combo->setCurrentIndex(combo->findText(QStringLiteral("Auditor")));
        QTest::mouseClick(child<QPushButton>(d, "formOkButton"), Qt::LeftButton);
        changed = true;
    });
    QTRY_COMPARE(QApplication::activeWindow(), &dialog);
    QTest::keyClick(&dialog, Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY(changed);
    QCOMPARE(table->item(rowNamed(table, QStringLiteral("Cara Cashier")), 2)->text(),
             QStringLiteral("Auditor"));
    QCOMPARE(f.roleOf(QStringLiteral("Cara Cashier")), QStringLiteral("auditor"));

    // History: the role change is on top; Undo puts Cara back, and the undo cannot be undone.
    QStringList seen;
    whenModal(QStringLiteral("staffHistoryDialog"), [&](QWidget* d) {
        auto* history = child<QTableWidget>(d, "historyTable");
        auto* undo = child<QPushButton>(d, "undoChangeButton");
        seen << history->item(0, 2)->text();
        QVERIFY(undo->isEnabled());
        QTest::mouseClick(undo, Qt::LeftButton);
        seen << history->item(0, 2)->text() << history->item(1, 2)->text();
        history->selectRow(0);
        seen << (undo->isEnabled() ? QStringLiteral("undo enabled") : QStringLiteral("no undo"));
        QTest::mouseClick(child<QPushButton>(d, "closeHistoryButton"), Qt::LeftButton);
    });
    QTRY_COMPARE(QApplication::activeWindow(), &dialog);
    QTest::keyClick(&dialog, Qt::Key_H, Qt::ControlModifier);
    QTRY_COMPARE(seen.size(), 4);
    QCOMPARE(seen.value(0), QStringLiteral("Role: Cashier → Auditor"));
    QVERIFY(seen.value(1).startsWith(QStringLiteral("Undo of change")));
    QVERIFY(seen.value(1).endsWith(QStringLiteral("Role: Auditor → Cashier")));
    QCOMPARE(seen.value(2), QStringLiteral("Role: Cashier → Auditor"));
    QCOMPARE(seen.value(3), QStringLiteral("no undo"));
    QCOMPARE(table->item(rowNamed(table, QStringLiteral("Cara Cashier")), 2)->text(),
             QStringLiteral("Cashier"));
    QCOMPARE(f.roleOf(QStringLiteral("Cara Cashier")), QStringLiteral("cashier"));
    QCOMPARE(
        f.store.db().scalar("SELECT COUNT(*) FROM access_changes WHERE undoes IS NOT NULL").value(),
        qint64(1));
}

void tst_StaffDialog::managerResetsAPin()
{
    Fixture f;
    const Session manager = f.staff.signIn(Role::Manager);
    const Session cashier = f.staff.signIn(Role::Cashier, QStringLiteral("Carl"));
    ui::StaffDialog dialog(f.service, manager);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* table = child<QTableWidget>(&dialog, "staffTable");
    table->selectRow(rowNamed(table, QStringLiteral("Carl")));

    QString mismatch;
    whenModal(QStringLiteral("resetPinForm"), [&](QWidget* d) {
        QTest::keyClicks(child<QLineEdit>(d, "newPinEdit"), Pin);
        QTest::keyClicks(child<QLineEdit>(d, "newPinAgainEdit"), QStringLiteral("9732"));
        QTest::mouseClick(child<QPushButton>(d, "formOkButton"), Qt::LeftButton);
        auto* error = child<QLabel>(d, "formError");
        mismatch = error->isVisible() ? error->text() : QString();
        QCOMPARE(child<QLineEdit>(d, "newPinEdit")->text(), QString()); // cleared, retype
        QTest::keyClicks(child<QLineEdit>(d, "newPinEdit"), Pin);
        QTest::keyClicks(child<QLineEdit>(d, "newPinAgainEdit"), Pin);
        QTest::mouseClick(child<QPushButton>(d, "formOkButton"), Qt::LeftButton);
    });
    QTRY_COMPARE(QApplication::activeWindow(), &dialog);
    QTest::keyClick(&dialog, Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(!mismatch.isEmpty());
    QTRY_VERIFY(QApplication::activeModalWidget() == &dialog);
    QVERIFY(mismatch.contains(QStringLiteral("differ")));
    QVERIFY(child<QLabel>(&dialog, "staffStatus")->text().contains(QStringLiteral("Carl's PIN")));
    AccessControl access(f.store.db());
    QCOMPARE(access.require(cashier, Permission::SaleCreate).error().code,
             ErrorCode::Unauthenticated); // signed out by the reset
    auto signedIn = f.auth.signIn(cashier.userCode, [] {
        QByteArray b = Pin.toUtf8();
        return SecretBytes::takeFrom(b);
    }());
    QVERIFY2(signedIn, signedIn ? "" : qPrintable(signedIn.error().message));
    QVERIFY(!visibleText(&dialog).contains(Pin));
}

void tst_StaffDialog::cashierSeesNothingEditable()
{
    Fixture f;
    f.staff.addUser(Role::Cashier, QStringLiteral("Colleague"));
    const Session cashier = f.staff.signIn(Role::Cashier);
    ui::StaffDialog dialog(f.service, cashier);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(child<QTableWidget>(&dialog, "staffTable")->rowCount(), 0);
    auto* error = child<QLabel>(&dialog, "staffError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("may not manage staff")));
    for (const char* name :
         {"newStaffButton", "toggleActiveButton", "resetPinButton", "resetPasswordButton",
          "changeRoleButton", "storesButton", "limitButton", "historyButton"})
        QVERIFY2(!child<QPushButton>(&dialog, name)->isEnabled(), name);
    QTRY_COMPARE(QApplication::activeWindow(), &dialog);
    QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier);
    QTest::qWait(400);                                    // longer than a button's animated click
    QCOMPARE(QApplication::activeModalWidget(), &dialog); // no form opened
}

void tst_StaffDialog::managerCannotEditAnotherManager()
{
    Fixture f;
    const Session manager = f.staff.signIn(Role::Manager, QStringLiteral("Mia"));
    f.staff.addUser(Role::Manager, QStringLiteral("Max"));
    f.staff.addUser(Role::Cashier, QStringLiteral("Carl"));
    ui::StaffDialog dialog(f.service, manager);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* table = child<QTableWidget>(&dialog, "staffTable");
    QCOMPARE(table->rowCount(), 3);
    for (const QString& name : {QStringLiteral("Max"), QStringLiteral("Mia")}) {
        table->selectRow(rowNamed(table, name));
        for (const char* button : {"toggleActiveButton", "resetPinButton", "changeRoleButton"})
            QVERIFY2(!child<QPushButton>(&dialog, button)->isEnabled(), button);
        QVERIFY(child<QPushButton>(&dialog, "historyButton")->isEnabled());
    }
    table->selectRow(rowNamed(table, QStringLiteral("Carl")));
    for (const char* button : {"toggleActiveButton", "resetPinButton", "changeRoleButton"})
        QVERIFY2(child<QPushButton>(&dialog, button)->isEnabled(), button);
    // Managers do not hold stores.assign by default.
    QVERIFY(!child<QPushButton>(&dialog, "storesButton")->isEnabled());
    QVERIFY(child<QPushButton>(&dialog, "newStaffButton")->isEnabled());
}

void tst_StaffDialog::ownerChangesARolePermission()
{
    Fixture f;
    const Session owner = f.staff.signIn(Role::Owner);
    const Session cashier = f.staff.signIn(Role::Cashier);
    AccessControl access(f.store.db());
    QVERIFY(!access.require(cashier, Permission::DrawerNoSale));

    ui::RoleEditorDialog editor(f.service, owner);
    editor.show();
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    auto* table = child<QTableWidget>(&editor, "permissionTable");
    using ui::RoleEditorDialog;
    QTableWidgetItem* cell = table->item(RoleEditorDialog::rowOf(Permission::DrawerNoSale),
                                         RoleEditorDialog::columnOf(Role::Cashier));
    QCOMPARE(cell->checkState(), Qt::Unchecked);
    QVERIFY(!cell->font().bold());
    QVERIFY(
        !(table->item(0, RoleEditorDialog::columnOf(Role::Owner))->flags() & Qt::ItemIsEnabled));
    auto* save = child<QPushButton>(&editor, "saveRolesButton");
    QVERIFY(!save->isEnabled());
    cell->setCheckState(Qt::Checked); // what a click on the box does
    QVERIFY(cell->font().bold());
    QVERIFY(save->isEnabled());
    QTRY_COMPARE(QApplication::activeWindow(), &editor);
    QTest::keyClick(&editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(access.require(cashier, Permission::DrawerNoSale));
    QVERIFY(table
                ->item(RoleEditorDialog::rowOf(Permission::DrawerNoSale),
                       RoleEditorDialog::columnOf(Role::Cashier))
                ->font()
                .bold());
    // Back to the default: the override goes.
    cell->setCheckState(Qt::Unchecked);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!access.require(cashier, Permission::DrawerNoSale));
    QCOMPARE(f.store.db().scalar("SELECT COUNT(*) FROM role_overrides").value(), qint64(0));

    // A manager's role editor shows why it is empty.
    ui::RoleEditorDialog managers(f.service, f.staff.signIn(Role::Manager));
    QVERIFY(!child<QTableWidget>(&managers, "permissionTable")->isEnabled());
    QVERIFY(child<QLabel>(&managers, "roleEditorError")
                ->text()
                .contains(QStringLiteral("change what each role may do")));
}

void tst_StaffDialog::ownerCreatesAnOwnerWithAnAuthenticator()
{
    Fixture f;
    const Session owner = f.staff.signIn(Role::Owner, QStringLiteral("Olga"));
    ui::StaffDialog dialog(f.service, owner);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    QString wrongCodeError;
    bool created = false;
    whenModal(QStringLiteral("newStaffDialog"), [&](QWidget* d) {
        QTest::keyClicks(child<QLineEdit>(d, "staffNameEdit"), QStringLiteral("Otto Owner"));
        QTest::keyClicks(child<QLineEdit>(d, "staffCodeEdit"), QStringLiteral("88"));
        auto* roles = child<QComboBox>(d, "staffRoleCombo");
        roles->setCurrentIndex(roles->findText(QStringLiteral("Owner")));
        auto* text = child<QLabel>(d, "totpSecretText");
        QVERIFY(text->isVisible());
        // What the owner's phone does with the text: decode it and show the code for now.
        QByteArray typed = text->text().toLatin1();
        auto key = Base32::decode(typed);
        QVERIFY(key);
        auto typePasswords = [&] {
            QTest::keyClicks(child<QLineEdit>(d, "staffPasswordEdit"), Password);
            QTest::keyClicks(child<QLineEdit>(d, "staffPasswordAgainEdit"), Password);
        };
        auto typeCode = [&](const QDateTime& at) {
            auto code = Totp::codeAt(*key, at);
            QTest::keyClicks(child<QLineEdit>(d, "staffTotpCodeEdit"),
                             QString::fromLatin1(reinterpret_cast<const char*>(code->data()),
                                                 qsizetype(code->size())));
        };
        typePasswords();
        typeCode(f.clock.nowUtc().addSecs(3600)); // an old phone clock: refused
        QTest::mouseClick(child<QPushButton>(d, "createStaffButton"), Qt::LeftButton);
        wrongCodeError = child<QLabel>(d, "newStaffError")->text();
        typePasswords(); // secrets are cleared after every try
        typeCode(f.clock.nowUtc());
        QTest::mouseClick(child<QPushButton>(d, "createStaffButton"), Qt::LeftButton);
        created = true;
    });
    QTRY_COMPARE(QApplication::activeWindow(), &dialog);
    QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(created);
    QVERIFY(wrongCodeError.contains(QStringLiteral("authenticator code")));
    auto* table = child<QTableWidget>(&dialog, "staffTable");
    const int otto = rowNamed(table, QStringLiteral("Otto Owner"));
    QVERIFY(otto >= 0);
    QCOMPARE(table->item(otto, 2)->text(), QStringLiteral("Owner"));
    QCOMPARE(table->item(otto, 3)->text(), QStringLiteral("All stores"));
    QCOMPARE(f.roleOf(QStringLiteral("Otto Owner")), QStringLiteral("owner"));
    // The secret was on screen only while enrolling.
    QVERIFY(dialog.findChildren<QLabel*>(QStringLiteral("totpSecretText")).isEmpty());
}

QTEST_MAIN(tst_StaffDialog)
#include "tst_staffdialog.moc"
