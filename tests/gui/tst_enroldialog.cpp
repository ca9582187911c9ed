// Connecting the register to the sync server (Settings > Connect to sync server…; owners): the
// owner types the address and the one-time code from the enrolment sheet; a certificate this
// computer does not trust shows its fingerprint grouped for comparison, and the sheet's must be
// typed and match before the code is sent; a progress bar while it talks to the server, Esc cuts
// it off; success names the company and store and sync starts in the background; mistakes and
// refusals in plain words. The real Enrolment talks to a TLS stand-in for pos-syncd.
#include "EnrolDialog.h"
#include "SyncFixture.h"
#include "UiResources.h"

#include <QAction>
#include <QProgressBar>
#include <QSslConfiguration>

using namespace pos;
using test::FakeRequest;
using test::FakeResponse;
using test::SyncFixture;
using test::whenModal;

namespace {

void type(QLineEdit* edit, const QString& text)
{
    edit->setFocus(Qt::OtherFocusReason);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

class tst_EnrolDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::UiResources::applyCounterStyle(*qApp); } // as the app looks
    void init();
    void cleanup() { QCOMPARE(m_f.stop(), 0); }

    void typingMistakesAreNamedAndNothingIsSent();
    void untrustedCertificateShowsItsPinAndTheSheetsMustMatch();
    void trustedCertificateNeedsNoPin();
    void refusedCodeInPlainWords();
    void unreachableServerInPlainWords();
    void escCutsOffAServerThatDoesNotAnswer();
    void onlyOwnersHaveIt();

private:
    // Opens the dialog from the owner's Settings menu and runs steps on it.
    void withDialog(const std::function<void(ui::EnrolDialog*)>& steps);

    test::SyncFixtureSlot m_f;
    Session m_owner;
    QString m_code;
};

void tst_EnrolDialog::init()
{
    QVERIFY(m_f.start());
    m_owner = m_f->f.staff.signIn(Role::Owner, QStringLiteral("Olga Owner"));
    QVERIFY(m_f->showWindow(m_owner));
    m_code = syncprotocol::newEnrolmentCode(); // as pos-syncd admin enrol-code prints it
}

void tst_EnrolDialog::withDialog(const std::function<void(ui::EnrolDialog*)>& steps)
{
    bool opened = false;
    whenModal<ui::EnrolDialog>([&](ui::EnrolDialog* d) {
        opened = true;
        steps(d);
        if (d->isVisible())
            QTest::keyClick(d, Qt::Key_Escape);
    });
    auto* action = m_f->f.window->findChild<QAction*>(QStringLiteral("enrolAction"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("&Connect to sync server…"));
    action->trigger();
    QTRY_VERIFY(opened);
    m_f->f.waitForCounter();
}

void tst_EnrolDialog::typingMistakesAreNamedAndNothingIsSent()
{
    SyncFixture& s = *m_f;
    withDialog([&](ui::EnrolDialog* d) {
        QCOMPARE(d->focusWidget(), d->addressEdit());
        QCOMPARE(d->nameEdit()->text(), QStringLiteral("Till 1")); // the register's own name
        QVERIFY(d->pinBox()->isHidden());

        // Plain HTTP is refused: the register talks to the server over TLS only.
        type(d->addressEdit(), QStringLiteral("http://127.0.0.1:%1").arg(s.server.port()));
        type(d->codeEdit(), m_code);
        QTest::keyClick(d->codeEdit(), Qt::Key_Return);
        QVERIFY(d->banner()->isError());
        QVERIFY2(d->banner()->text().contains(QStringLiteral("must start with https://")),
                 qPrintable(d->banner()->text()));
        QCOMPARE(d->focusWidget(), d->addressEdit());

        // A code cut short.
        type(d->addressEdit(), s.server.url());
        type(d->codeEdit(), QStringLiteral("abcd-efgh"));
        QCOMPARE(d->codeEdit()->text(), QStringLiteral("ABCD-EFGH")); // as on the sheet
        QTest::keyClick(d->codeEdit(), Qt::Key_Return);
        QVERIFY2(d->banner()->text().contains(QStringLiteral("16 letters and digits")),
                 qPrintable(d->banner()->text()));
        QCOMPARE(d->focusWidget(), d->codeEdit());
        QVERIFY(!d->busy());
    });
    QVERIFY(s.server.requests().isEmpty());
    QVERIFY(!s.engine);
}

void tst_EnrolDialog::untrustedCertificateShowsItsPinAndTheSheetsMustMatch()
{
    SyncFixture& s = *m_f;
    withDialog([&](ui::EnrolDialog* d) {
        type(d->addressEdit(), s.server.url());
        type(d->codeEdit(), m_code.toLower());
        type(d->nameEdit(), QStringLiteral("Front till"));
        QTest::keyClick(d->nameEdit(), Qt::Key_Return);

        // The server's certificate is signed by no authority this computer knows: its
        // fingerprint shows, grouped, and the fingerprint field takes the keys.
        QTRY_VERIFY(d->pinBox()->isVisible());
        const QString pin = s.certs.server().pin;
        QCOMPARE(d->serverPinLabel()->text(), ui::EnrolDialog::groupedPin(pin));
        QCOMPARE(d->serverPinLabel()->text().split(u'\n').size(), 2);
        QCOMPARE(d->serverPinLabel()->text().split(u'\n').first(),
                 QStringList({pin.mid(0, 4), pin.mid(4, 4), pin.mid(8, 4), pin.mid(12, 4),
                              pin.mid(16, 4), pin.mid(20, 4), pin.mid(24, 4), pin.mid(28, 4)})
                     .join(u' '));
        QCOMPARE(d->focusWidget(), d->pinEdit());
        QCOMPARE(s.requestsTo("/v1/enrol"), 0); // the code has not left the register
        test::screenshot(d, "enrol-pin");

        // A sheet for another server: refused here, nothing sent.
        type(d->pinEdit(), s.certs.next().pin);
        QTest::keyClick(d->pinEdit(), Qt::Key_Return);
        QVERIFY(d->banner()->isError());
        QVERIFY2(d->banner()->text().contains(QStringLiteral("not the server's")),
                 qPrintable(d->banner()->text()));
        QCOMPARE(s.requestsTo("/v1/enrol"), 0);

        // The right sheet, typed in its groups.
        type(d->pinEdit(), ui::EnrolDialog::groupedPin(pin).replace(u'\n', u' ').toUpper());
        QTest::keyClick(d->pinEdit(), Qt::Key_Return);
        QTRY_VERIFY(d->doneLabel()->isVisible());
        const QString done = d->doneLabel()->text();
        QVERIFY2(done.contains(QStringLiteral("connected to Bakery Ltd — Main Street as “Front "
                                              "till”")),
                 qPrintable(done));
        QVERIFY2(done.contains(QStringLiteral("Sync starts now in the background")),
                 qPrintable(done));
        QVERIFY(d->codeEdit()->text().isEmpty()); // not kept
        test::screenshot(d, "enrol-done");
        QTest::keyClick(d, Qt::Key_Return); // Close
    });

    // What reached the server: the code as normalised, once; the register's name.
    QCOMPARE(s.requestsTo("/v1/enrol"), 1);
    for (const FakeRequest& r : s.server.requests()) {
        if (r.pathAndQuery != "/v1/enrol")
            continue;
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"code").toString(), syncprotocol::normaliseEnrolmentCode(m_code));
        QCOMPARE(body.value(u"name").toString(), QStringLiteral("Front till"));
    }
    // Back at the counter: sync runs in the background and the status bar follows it.
    QVERIFY(s.engine);
    QVERIFY2(s.f.banner()->text().contains(QStringLiteral("Connected to Bakery Ltd — Main Street")),
             qPrintable(s.f.banner()->text()));
    QTRY_VERIFY2(s.statusWidget()->text().startsWith(QStringLiteral("● Online · ")),
                 qPrintable(s.statusWidget()->text()));
    QVERIFY(s.requestsTo("/v1/push") > 0);
}

void tst_EnrolDialog::trustedCertificateNeedsNoPin()
{
    SyncFixture& s = *m_f;
    // This computer trusts the test CA, as it would a public authority.
    const QSslConfiguration before = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = before;
    trusting.addCaCertificates(QSslCertificate::fromPath(s.certs.caFile()));
    QSslConfiguration::setDefaultConfiguration(trusting);
    withDialog([&](ui::EnrolDialog* d) {
        type(d->addressEdit(), s.server.url());
        type(d->codeEdit(), m_code);
        QTest::keyClick(d->codeEdit(), Qt::Key_Return);
        QTRY_VERIFY(d->doneLabel()->isVisible());
        QVERIFY(d->pinBox()->isHidden()); // never asked for
        QTest::keyClick(d, Qt::Key_Return);
    });
    QSslConfiguration::setDefaultConfiguration(before);
    QCOMPARE(s.requestsTo("/v1/enrol"), 1);
    QVERIFY(s.engine);
}

void tst_EnrolDialog::refusedCodeInPlainWords()
{
    SyncFixture& s = *m_f;
    s.server.setHandler([&s](const FakeRequest& r) {
        if (r.pathAndQuery == "/v1/enrol")
            return FakeResponse::error(401, "unauthenticated",
                                       "this enrolment code is unknown, used or expired");
        return s.answer(r);
    });
    withDialog([&](ui::EnrolDialog* d) {
        type(d->addressEdit(), s.server.url());
        type(d->codeEdit(), m_code);
        QTest::keyClick(d->codeEdit(), Qt::Key_Return);
        QTRY_VERIFY(d->pinBox()->isVisible());
        type(d->pinEdit(), s.certs.server().pin);
        QTest::keyClick(d->pinEdit(), Qt::Key_Return);
        QTRY_VERIFY(!d->busy() && d->banner()->isError());
        QVERIFY2(d->banner()->text().contains(QStringLiteral("did not accept the enrolment code")),
                 qPrintable(d->banner()->text()));
        QCOMPARE(d->focusWidget(), d->codeEdit()); // to type it again
        QCOMPARE(d->codeEdit()->selectedText(), d->codeEdit()->text());
        QVERIFY(!d->doneLabel()->isVisible());
        test::screenshot(d, "enrol-refused");
    });
    QCOMPARE(s.requestsTo("/v1/enrol"), 1);
    QVERIFY(!s.engine);
    auto enrolled = SyncStateStore(s.f.store.db()).enrolment();
    QVERIFY(enrolled && !*enrolled); // nothing stored
}

void tst_EnrolDialog::unreachableServerInPlainWords()
{
    SyncFixture& s = *m_f;
    withDialog([&](ui::EnrolDialog* d) {
        type(d->addressEdit(),
             QStringLiteral("https://127.0.0.1:%1").arg(test::FakeSyncServer::closedPort()));
        type(d->codeEdit(), m_code);
        QTest::keyClick(d->codeEdit(), Qt::Key_Return);
        QTRY_VERIFY(!d->busy() && d->banner()->isError());
        QVERIFY2(d->banner()->text().contains(QStringLiteral("could not be reached")),
                 qPrintable(d->banner()->text()));
        QVERIFY(d->pinBox()->isHidden());
        QVERIFY(d->addressEdit()->isEnabled());
    });
    QVERIFY(!s.engine);
}

void tst_EnrolDialog::escCutsOffAServerThatDoesNotAnswer()
{
    SyncFixture& s = *m_f;
    s.server.setHandler([&s](const FakeRequest& r) {
        if (r.pathAndQuery == "/v1/enrol")
            return FakeResponse{200, {}, true, false}; // takes the request, never answers
        return s.answer(r);
    });
    withDialog([&](ui::EnrolDialog* d) {
        type(d->addressEdit(), s.server.url());
        type(d->codeEdit(), m_code);
        QTest::keyClick(d->codeEdit(), Qt::Key_Return);
        QTRY_VERIFY(d->pinBox()->isVisible());
        type(d->pinEdit(), s.certs.server().pin);
        QTest::keyClick(d->pinEdit(), Qt::Key_Return);
        QTRY_COMPARE(s.requestsTo("/v1/enrol"), 1);
        QVERIFY(d->busy());
        QVERIFY(d->progressBar()->isVisible());
        QVERIFY2(
            d->progressLabel()->text().startsWith(QStringLiteral("Connecting this register to")),
            qPrintable(d->progressLabel()->text()));
        QVERIFY(!d->codeEdit()->isEnabled());
        test::screenshot(d, "enrol-busy");

        QTest::keyClick(d, Qt::Key_Escape); // stops the request, the dialog stays
        QTRY_VERIFY(!d->busy());
        QVERIFY(d->isVisible());
        QVERIFY(d->progressBar()->isHidden());
        QVERIFY2(d->banner()->text().contains(QStringLiteral("cut off")),
                 qPrintable(d->banner()->text()));
        QVERIFY(d->codeEdit()->isEnabled());
    });
    QVERIFY(!s.engine);
}

void tst_EnrolDialog::onlyOwnersHaveIt()
{
    SyncFixture& s = *m_f;
    for (const Session& who : {s.f.manager, s.f.cashier}) {
        QVERIFY(s.showWindow(who));
        QVERIFY(!s.f.window->findChild<QAction*>(QStringLiteral("enrolAction")));
    }
    // And core refuses a manager even if the dialog were shown.
    ui::EnrolDialog dialog(s.enrolment, s.f.manager);
    dialog.show();
    type(dialog.addressEdit(), s.server.url());
    type(dialog.codeEdit(), m_code);
    QTest::keyClick(dialog.codeEdit(), Qt::Key_Return);
    QTRY_VERIFY(dialog.pinBox()->isVisible());
    type(dialog.pinEdit(), s.certs.server().pin);
    QTest::keyClick(dialog.pinEdit(), Qt::Key_Return);
    QTRY_VERIFY(!dialog.busy() && dialog.banner()->isError());
    QVERIFY2(dialog.banner()->text().contains(QStringLiteral("(Manager) may not")),
             qPrintable(dialog.banner()->text()));
    QCOMPARE(s.requestsTo("/v1/enrol"), 0);
}

QTEST_MAIN(tst_EnrolDialog)
#include "tst_enroldialog.moc"
