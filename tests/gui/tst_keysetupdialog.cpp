// ENC-2, user-visible: the dialog shown when no keychain answers. It offers a passphrase-sealed
// key file or quitting, never a plaintext option, and refuses passphrases under 12 characters or
// not repeated exactly.
#include "KeySetupDialog.h"

#include <QAbstractButton>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using pos::ui::KeySetupDialog;

class tst_KeySetupDialog : public QObject {
    Q_OBJECT

private slots:
    void offersSealedFileOrQuitOnly()
    {
        KeySetupDialog d(KeySetupDialog::Mode::Create, QStringLiteral("/data/register.db"),
                         QStringLiteral("/data/register.db.keys"),
                         QStringLiteral("No system keychain answered"));
        QStringList buttons;
        for (QAbstractButton* b : d.findChildren<QAbstractButton*>())
            buttons << b->objectName();
        buttons.sort();
        QCOMPARE(buttons,
                 (QStringList{QStringLiteral("keySetupOk"), QStringLiteral("keySetupQuit")}));
        for (QAbstractButton* b : d.findChildren<QAbstractButton*>())
            QVERIFY(!b->text().contains(QStringLiteral("plain"), Qt::CaseInsensitive));
        auto* pass = d.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
        auto* confirm = d.findChild<QLineEdit*>(QStringLiteral("confirmEdit"));
        QVERIFY(pass && confirm);
        QCOMPARE(pass->echoMode(), QLineEdit::Password);
        QCOMPARE(confirm->echoMode(), QLineEdit::Password);
    }

    void refusesShortOrUnrepeatedPassphrase()
    {
        KeySetupDialog d(KeySetupDialog::Mode::Create, QStringLiteral("/data/register.db"),
                         QStringLiteral("/data/register.db.keys"), QString());
        auto* pass = d.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
        auto* confirm = d.findChild<QLineEdit*>(QStringLiteral("confirmEdit"));
        auto* ok = d.findChild<QPushButton*>(QStringLiteral("keySetupOk"));
        QVERIFY(!ok->isEnabled());

        const QString eleven = QStringLiteral("abcdefghijk");
        QTest::keyClicks(pass, eleven);
        QTest::keyClicks(confirm, eleven);
        QVERIFY(!ok->isEnabled());
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Rejected)); // accept() refuses too

        QTest::keyClicks(pass, QStringLiteral("l")); // 12, but not repeated yet
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("x"));
        QVERIFY(!ok->isEnabled());
        confirm->backspace();
        QTest::keyClicks(confirm, QStringLiteral("l"));
        QVERIFY(ok->isEnabled());
    }

    void handsOverPassphraseAndWipesFields()
    {
        KeySetupDialog d(KeySetupDialog::Mode::Create, QStringLiteral("/data/register.db"),
                         QStringLiteral("/data/register.db.keys"), QString());
        const QString phrase = QStringLiteral("horse battery stäple");
        // QTest types ASCII only; insert() is what an input method does with "ä".
        d.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->insert(phrase);
        d.findChild<QLineEdit*>(QStringLiteral("confirmEdit"))->insert(phrase);
        QVERIFY(d.findChild<QPushButton*>(QStringLiteral("keySetupOk"))->isEnabled());
        const pos::SecretBytes secret = d.takePassphrase();
        const QByteArray utf8 = phrase.toUtf8();
        QCOMPARE(secret.size(), static_cast<std::size_t>(utf8.size()));
        QVERIFY(std::equal(utf8.begin(), utf8.end(), secret.data(), [](char a, unsigned char b) {
            return static_cast<unsigned char>(a) == b;
        }));
        QVERIFY(d.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->text().isEmpty());
        QVERIFY(d.findChild<QLineEdit*>(QStringLiteral("confirmEdit"))->text().isEmpty());
    }

    void unlockAsksOnce()
    {
        KeySetupDialog d(KeySetupDialog::Mode::Unlock, QStringLiteral("/data/register.db"),
                         QStringLiteral("/data/register.db.keys"), QString());
        QVERIFY(d.findChild<QLineEdit*>(QStringLiteral("confirmEdit")) == nullptr);
        auto* ok = d.findChild<QPushButton*>(QStringLiteral("keySetupOk"));
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("passphraseEdit")),
                         QStringLiteral("x"));
        QVERIFY(ok->isEnabled()); // the length rule is for new passphrases only
    }
};

QTEST_MAIN(tst_KeySetupDialog)
#include "tst_keysetupdialog.moc"
