// ENC-5 as an owner meets it: Settings > Integrations… opens the credentials, the owner sets an
// API key through a field that shows nothing, sees it only as dots with when and by whom, tests
// that it opens, and clears it after a confirmation; a bad shop URL is refused in the form with
// core's words and nothing stored. Only roles with integrations.manage (owners) have the menu
// entry. CredentialVault enforces; these tests check what people see and what reached the store.
#include "CounterFixture.h"
#include "IntegrationsDialog.h"
#include "vault/CredentialVault.h"

#include <QAction>
#include <QMessageBox>
#include <QTableWidget>

Q_DECLARE_METATYPE(pos::Role)

using namespace pos;

using test::Fixture;

namespace {

const QByteArray ApiKeyValue = "sk_live_51Hq3kT9vWzGUItest7c2";
const QString Bullets8 = QString(8, QChar(0x2022));

// Runs f on the next modal widget with this object name once it is on screen; gives up after
// 10 s and closes whatever is modal, so a failing test cannot hang.
void whenModalNamed(const QString& name, std::function<void(QWidget*)> f)
{
    auto* timer = new QTimer(qApp);
    test::pendingWatchers().append(timer);
    timer->setInterval(20);
    auto waited = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, waited, name, f] {
        QWidget* w = QApplication::activeModalWidget();
        if (!w || !w->isVisible() || w->objectName() != name) {
            if (++*waited > 500) {
                test::pendingWatchers().removeAll(timer);
                timer->stop();
                timer->deleteLater();
                qWarning("the dialog %s never appeared", qPrintable(name));
                if (w)
                    w->close();
            }
            return;
        }
        test::pendingWatchers().removeAll(timer);
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

QTableWidget* tableOf(QWidget* dialog)
{
    return child<QTableWidget>(dialog, "integrationsTable");
}

// Selects the row of the field as a person would (a click on it); -1 when not there.
int selectField(QWidget* dialog, const QString& integration, const QString& field)
{
    QTableWidget* t = tableOf(dialog);
    for (int r = 0; r < t->rowCount(); ++r) {
        if (t->item(r, 0)->text() == integration && t->item(r, 1)->text() == field) {
            const QRect cell = t->visualItemRect(t->item(r, 1));
            QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, cell.center());
            return r;
        }
    }
    return -1;
}

QString storedText(QWidget* dialog, int row)
{
    return tableOf(dialog)->item(row, 2)->text();
}

// Every text a person could read in the window and what it opened.
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
                    out << t->item(r, c)->text() << t->item(r, c)->toolTip();
    return out.join(u'\n');
}

qint64 count(Database& db, const char* sql)
{
    return db.scalar(sql).value_or(-1);
}

} // namespace

class tst_IntegrationsDialog : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_f.start()); }
    void cleanup()
    {
        m_vault.reset();
        QCOMPARE(m_f.stop(), 0);
    }

    void menuEntryByRole_data();
    void menuEntryByRole();
    void ownerSetsTestsAndClears();
    void badUrlIsRefusedInTheForm();

private:
    // The counter with this session and the vault in its context (as pos builds it).
    bool showWithVault(const Session& session)
    {
        Fixture& f = *m_f;
        m_vault = std::make_unique<CredentialVault>(
            f.store.db(), f.access, f.store.keys(),
            CredentialVault::fieldKeyNameFor(f.store.path()), f.clock);
        ui::CounterContext context{f.catalog, f.sales,    f.shifts,       f.customers, f.access,
                                   f.clock,   f.settings, session,        f.auth,      f.approvals,
                                   f.actions, f.refunds,  f.staffService, f.reports};
        context.vault = m_vault.get();
        f.window.reset();
        f.window = std::make_unique<ui::CounterWindow>(context);
        f.window->resize(1366, 768);
        f.window->show();
        f.window->activateWindow();
        return QTest::qWaitForWindowActive(f.window.get());
    }

    test::FixtureSlot m_f;
    std::unique_ptr<CredentialVault> m_vault;
};

void tst_IntegrationsDialog::menuEntryByRole_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("shown");
    QTest::newRow("owner") << Role::Owner << true;
    QTest::newRow("manager") << Role::Manager << false;
    QTest::newRow("cashier") << Role::Cashier << false;
    QTest::newRow("auditor") << Role::Auditor << false;
}

void tst_IntegrationsDialog::menuEntryByRole()
{
    QFETCH(Role, role);
    QFETCH(bool, shown);
    Fixture& f = *m_f;
    QVERIFY(showWithVault(f.staff.signIn(role)));
    QCOMPARE(f.window->findChild<QAction*>(QStringLiteral("integrationsAction")) != nullptr, shown);
}

void tst_IntegrationsDialog::ownerSetsTestsAndClears()
{
    Fixture& f = *m_f;
    const Session owner = f.staff.signIn(Role::Owner, QStringLiteral("Ada"));
    QVERIFY(showWithVault(owner));
    QAction* action = f.window->findChild<QAction*>(QStringLiteral("integrationsAction"));
    QVERIFY(action);

    int row = -1;
    QString before, echoed, afterSet, afterTest, afterClear, seen, confirmText;
    bool formOpened = false;
    whenModalNamed(QStringLiteral("integrationsDialog"), [&](QWidget* d) {
        row = selectField(d, QStringLiteral("Payment processor"), QStringLiteral("API key"));
        if (row < 0) {
            d->close();
            return;
        }
        before = storedText(d, row);

        whenModalNamed(QStringLiteral("setCredentialForm"), [&](QWidget* form) {
            formOpened = true;
            auto* edit = child<QLineEdit>(form, "credentialEdit");
            QTest::keyClicks(edit, QString::fromLatin1(ApiKeyValue));
            echoed = edit->displayText() + u'|' + visibleText(form);
            QTest::keyClick(edit, Qt::Key_Enter);
        });
        QTest::mouseClick(child<QPushButton>(d, "setCredentialButton"), Qt::LeftButton);
        afterSet = storedText(d, row);
        seen = visibleText(d);

        QTest::mouseClick(child<QPushButton>(d, "testCredentialButton"), Qt::LeftButton);
        afterTest = child<QLabel>(d, "integrationsStatus")->text();

        whenModalNamed(QStringLiteral("clearCredentialConfirm"), [&](QWidget* w) {
            auto* box = qobject_cast<QMessageBox*>(w);
            confirmText = box->text();
            box->button(QMessageBox::Yes)->click();
        });
        QTest::mouseClick(child<QPushButton>(d, "clearCredentialButton"), Qt::LeftButton);
        afterClear = storedText(d, row);
        QTest::keyClick(d, Qt::Key_Escape);
    });
    action->trigger();

    QVERIFY(row >= 0);
    QCOMPARE(before, QStringLiteral("Not set"));
    QVERIFY(formOpened);
    QVERIFY2(!echoed.contains(QString::fromLatin1(ApiKeyValue)), qPrintable(echoed));
    QVERIFY2(!echoed.contains(QString::fromLatin1(ApiKeyValue.left(4))), qPrintable(echoed));
    QCOMPARE(afterSet, Bullets8 + QStringLiteral(" (set 2026-11-21 by Ada)"));
    for (qsizetype at = 0; at + 4 <= ApiKeyValue.size(); ++at)
        QVERIFY(!seen.contains(QString::fromLatin1(ApiKeyValue.mid(at, 4))));
    QVERIFY2(afterTest.contains(QStringLiteral("opens")), qPrintable(afterTest));
    QVERIFY2(confirmText.contains(QStringLiteral("API key")), qPrintable(confirmText));
    QCOMPARE(afterClear, QStringLiteral("Not set"));

    // What reached the store: set, used by the test, cleared; nothing left sealed.
    QCOMPARE(count(f.store.db(), "SELECT count(*) FROM integration_credentials"), 0);
    QCOMPARE(count(f.store.db(), "SELECT count(*) FROM audit_log WHERE entity = "
                                 "'integration:payment/api_key' AND action IN "
                                 "('vault.set', 'vault.used', 'vault.cleared')"),
             3);
}

void tst_IntegrationsDialog::badUrlIsRefusedInTheForm()
{
    Fixture& f = *m_f;
    QVERIFY(showWithVault(f.staff.signIn(Role::Owner, QStringLiteral("Ada"))));
    QString error, stillOpen;
    bool handled = false;
    whenModalNamed(QStringLiteral("integrationsDialog"), [&](QWidget* d) {
        const int row =
            selectField(d, QStringLiteral("Online storefront"), QStringLiteral("Shop URL"));
        if (row < 0) {
            d->close();
            return;
        }
        whenModalNamed(QStringLiteral("setCredentialForm"), [&](QWidget* form) {
            auto* edit = child<QLineEdit>(form, "credentialEdit");
            QTest::keyClicks(edit, QStringLiteral("http://kiosk-shop.example.org"));
            QTest::keyClick(edit, Qt::Key_Enter);
            auto* label = child<QLabel>(form, "formError");
            error = label->isVisible() ? label->text() : QString();
            stillOpen = form->isVisible() ? QStringLiteral("open") : QString();
            QTest::keyClick(edit, Qt::Key_Escape);
            handled = true;
        });
        QVERIFY(QTest::qWaitForWindowActive(d));
        QTest::keyClick(d, Qt::Key_S, Qt::ControlModifier); // Set… by its key (an animated click)
        QTRY_VERIFY(handled);
        QTest::keyClick(d, Qt::Key_Escape);
    });
    f.window->findChild<QAction*>(QStringLiteral("integrationsAction"))->trigger();
    QVERIFY2(error.contains(QStringLiteral("https://")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("kiosk-shop")), qPrintable(error));
    QCOMPARE(stillOpen, QStringLiteral("open"));
    QCOMPARE(count(f.store.db(), "SELECT count(*) FROM integration_credentials"), 0);
}

QTEST_MAIN(tst_IntegrationsDialog)
#include "tst_integrationsdialog.moc"
