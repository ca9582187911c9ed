// AUTH-1/2 first run: the set-up wizard, filled in from the keyboard like an owner would. No
// secret is prefilled (no default passwords); passwords that differ, a password under the policy
// and a wrong authenticator code are refused with a plain message and the wizard stays where the
// mistake is; the code computed from the key the wizard shows (as the owner's phone would)
// finishes the set-up: the owner is signed in, and is a user of the new store who signs in with
// password and code from then on.
#include "QrCodeWidget.h"
#include "SetupWizard.h"
#include "TestStaff.h"
#include "TestStore.h"
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "staff/AuthService.h"
#include "staff/SetupService.h"
#include "store/RegisterSettings.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <memory>

using namespace pos;
using pos::ui::SetupWizard;

namespace {
const QString Password = QStringLiteral("correct horse battery staple");
}

class tst_SetupWizard : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SequentialIdSource> m_ids;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<SetupService> m_setup;
    std::unique_ptr<SetupWizard> m_wizard;

    template <class T> T* child(const char* name) const
    {
        return m_wizard->findChild<T*>(QString::fromLatin1(name));
    }
    QLineEdit* field(const char* name) const { return child<QLineEdit>(name); }
    void fill(const char* name, const QString& text)
    {
        QLineEdit* f = field(name);
        f->setFocus();
        f->selectAll();
        QTest::keyClick(f, Qt::Key_Delete);
        QTest::keyClicks(f, text);
    }
    // Enter in a field presses the wizard's default button (Next, then Finish).
    void enterIn(const char* name) { QTest::keyClick(field(name), Qt::Key_Return); }
    QString problem(const char* name) const
    {
        auto* label = child<QLabel>(name);
        return label && label->isVisible() ? label->text() : QString();
    }
    // What the owner's phone shows, from the key the wizard shows as text.
    QString codeFromShownKey() const { return codeAt(child<QLabel>("totpSecretText")->text()); }
    QString codeAt(const QString& shownKey) const
    {
        auto key = Base32::decode(shownKey.toLatin1());
        if (!key)
            return {};
        auto code = Totp::codeAt(*key, m_clock->nowUtc());
        return QString::fromLatin1(reinterpret_cast<const char*>(code->data()),
                                   static_cast<qsizetype>(code->size()));
    }
    void makeWizard()
    {
        AuthService::Options options;
        options.hashParams = test::TestStaff::CheapHash;
        m_auth = std::make_unique<AuthService>(m_store->db(), m_store->keys(),
                                               QStringLiteral("test/pin-pepper"), *m_clock, *m_ids,
                                               QString(), options);
        m_setup = std::make_unique<SetupService>(m_store->db(), *m_auth, *m_clock, *m_ids);
        m_wizard = std::make_unique<SetupWizard>(*m_setup, *m_clock);
        m_wizard->show();
        m_wizard->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_wizard.get()));
    }
    void fillBusinessAndOwner()
    {
        fill("companyEdit", QStringLiteral("Corner Shop Ltd"));
        fill("storeEdit", QStringLiteral("High Street"));
        fill("registerEdit", QStringLiteral("Till 1"));
        fill("currencyEdit", QStringLiteral("eur"));
        QCOMPARE(field("currencyEdit")->text(), QStringLiteral("EUR"));
        enterIn("currencyEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::OwnerPage));
        fill("ownerNameEdit", QStringLiteral("Olivia Owner"));
        fill("ownerCodeEdit", QStringLiteral("1001"));
        fill("passwordEdit", Password);
        fill("repeatPasswordEdit", Password);
        enterIn("repeatPasswordEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::AuthenticatorPage));
    }

private slots:
    void init()
    {
        m_store = std::make_unique<test::TestStore>();
        m_clock =
            std::make_unique<ManualClock>(QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC));
        m_ids = std::make_unique<SequentialIdSource>();
    }
    void cleanup()
    {
        m_wizard.reset();
        m_setup.reset();
        m_auth.reset();
        m_store.reset();
    }

    void setsUpTheStoreAndSignsTheOwnerIn()
    {
        makeWizard();
        // Nothing secret is prefilled: there are no default passwords.
        for (const char* name : {"passwordEdit", "repeatPasswordEdit", "totpCodeEdit"})
            QVERIFY(field(name)->text().isEmpty());
        QCOMPARE(field("passwordEdit")->echoMode(), QLineEdit::Password);

        fillBusinessAndOwner();
        // The QR code and the key as text, in groups for typing.
        auto* qr = m_wizard->findChild<ui::QrCodeWidget*>();
        QVERIFY(qr && qr->isVisible() && qr->modules() >= 21);
        const QString shown = child<QLabel>("totpSecretText")->text();
        QVERIFY2(shown.contains(u' ') && shown.section(u' ', 0, 0).size() == 4, qPrintable(shown));
        const QString shownKey = shown;
        const QString code = codeAt(shownKey);
        QCOMPARE(code.size(), 6);
        fill("totpCodeEdit", code);
        enterIn("totpCodeEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::FinishPage));
        QVERIFY(child<QLabel>("setupSummary")->text().contains(QStringLiteral("High Street")));

        auto* demo = child<QCheckBox>("demoCatalogCheck");
        QVERIFY(!demo->isChecked());
        QTest::keyClick(demo, Qt::Key_Space);
        QTest::mouseClick(m_wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QCOMPARE(m_wizard->result(), int(QDialog::Accepted));
        QVERIFY(!m_wizard->isVisible());
        QVERIFY(m_wizard->loadDemoCatalog());

        const auto session = m_wizard->session();
        QVERIFY(session && session->isValid());
        QCOMPARE(session->role, Role::Owner);
        QCOMPARE(session->userName, QStringLiteral("Olivia Owner"));
        QCOMPARE(m_setup->isSetUp().value_or(false), true);
        auto settings = RegisterSettings::load(m_store->db());
        QVERIFY(settings);
        QCOMPARE(settings->storeName, QStringLiteral("High Street"));
        QCOMPARE(settings->registerName, QStringLiteral("Till 1"));
        QCOMPARE(settings->currency, QStringLiteral("EUR"));

        // The owner is a user of the store: a tile that asks for password and code.
        auto tiles = m_auth->tiles();
        QVERIFY(tiles && tiles->size() == 1);
        QCOMPARE(tiles->first().code, QStringLiteral("1001"));
        QVERIFY(!tiles->first().signsInWithPin && tiles->first().needsTotp);
        // The key is no longer on screen. The enrolment code was used up; the next one (as the
        // phone shows it 30 seconds later) signs the owner in with the password.
        QVERIFY(child<QLabel>("totpSecretText")->text().isEmpty());
        const auto signIn = [this](const QString& totp) {
            QByteArray password = Password.toUtf8();
            QByteArray digits = totp.toLatin1();
            return m_auth->signIn(u"1001", SecretBytes::takeFrom(password),
                                  SecretBytes::takeFrom(digits));
        };
        QVERIFY(!signIn(code));
        m_clock->advanceSecs(30);
        auto again = signIn(codeAt(shownKey));
        QVERIFY2(again.has_value(), again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->userId, session->userId);
    }

    void refusesDifferentOrWeakPasswordsAndAWrongCode()
    {
        makeWizard();
        fill("companyEdit", QStringLiteral("Corner Shop Ltd"));
        enterIn("companyEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::BusinessPage)); // store name missing
        QVERIFY(problem("businessProblem").contains(QStringLiteral("store")));
        fill("storeEdit", QStringLiteral("High Street"));
        enterIn("storeEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::OwnerPage));

        fill("ownerNameEdit", QStringLiteral("Olivia Owner"));
        fill("ownerCodeEdit", QStringLiteral("1001"));
        fill("passwordEdit", Password);
        fill("repeatPasswordEdit", QStringLiteral("correct horse battery stapel"));
        enterIn("repeatPasswordEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::OwnerPage));
        QVERIFY2(problem("ownerProblem").contains(QStringLiteral("not the same")),
                 qPrintable(problem("ownerProblem")));

        fill("passwordEdit", QStringLiteral("short one"));
        fill("repeatPasswordEdit", QStringLiteral("short one"));
        enterIn("repeatPasswordEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::OwnerPage));
        QVERIFY2(problem("ownerProblem").contains(QStringLiteral("12")),
                 qPrintable(problem("ownerProblem")));

        fill("passwordEdit", Password);
        fill("repeatPasswordEdit", Password);
        enterIn("repeatPasswordEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::AuthenticatorPage));

        const QString right = codeFromShownKey();
        const QString wrong =
            right == u"123456" ? QStringLiteral("654321") : QStringLiteral("123456");
        fill("totpCodeEdit", wrong);
        enterIn("totpCodeEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::AuthenticatorPage));
        QVERIFY2(problem("totpProblem").contains(QStringLiteral("not right")),
                 qPrintable(problem("totpProblem")));
        QVERIFY(m_wizard->isVisible());
        QCOMPARE(m_setup->isSetUp().value_or(true), false);

        fill("totpCodeEdit", right);
        enterIn("totpCodeEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::FinishPage));
    }

    void aCodeThatRanOutMeanwhileIsAskedForAgain()
    {
        makeWizard();
        fillBusinessAndOwner();
        fill("totpCodeEdit", codeFromShownKey());
        enterIn("totpCodeEdit");
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::FinishPage));
        m_clock->advanceSecs(120); // the owner read the last page slowly
        QTest::mouseClick(m_wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QVERIFY(m_wizard->isVisible());
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::AuthenticatorPage));
        QVERIFY(!problem("totpProblem").isEmpty());
        QCOMPARE(m_setup->isSetUp().value_or(true), false);

        fill("totpCodeEdit", codeFromShownKey());
        enterIn("totpCodeEdit");
        QTest::mouseClick(m_wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QCOMPARE(m_wizard->result(), int(QDialog::Accepted));
        QVERIFY(m_wizard->session().has_value());
    }

    void aStoreFromBeforeStaffKeepsItsNames()
    {
        RegisterSettings old{QStringLiteral("Old Store"), QStringLiteral("Till 9"),
                             QStringLiteral("0d6c1e0a-9a3c-4d55-8f55-7a2f3b1c0009"),
                             QStringLiteral("GBP")};
        QVERIFY(old.save(m_store->db()));
        makeWizard();
        QCOMPARE(field("storeEdit")->text(), QStringLiteral("Old Store"));
        QCOMPARE(field("registerEdit")->text(), QStringLiteral("Till 9"));
        QCOMPARE(field("currencyEdit")->text(), QStringLiteral("GBP"));
        QVERIFY(field("companyEdit")->text().isEmpty());
    }
};

QTEST_MAIN(tst_SetupWizard)
#include "tst_setupwizard.moc"
