#include "KeySetupDialog.h"

#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos::ui {

KeySetupDialog::KeySetupDialog(Mode mode, const QString& storePath, const QString& keyFilePath,
                               const QString& keychainMessage, QWidget* parent)
    : QDialog(parent), m_mode(mode)
{
    setObjectName(QStringLiteral("keySetupDialog"));
    setWindowTitle(mode == Mode::Create ? tr("Protect this register's data")
                                        : tr("Unlock this register's data"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    QString text;
    if (mode == Mode::Create) {
        text = tr("<p><b>No system keychain answered on this computer.</b></p>"
                  "<p>The sales data of this register is encrypted. Its key is normally kept in "
                  "the system keychain, but none is running here (this is common on kiosks).</p>"
                  "<p>Instead, the key can be kept in a <b>key file sealed with a passphrase</b> "
                  "that the owner chooses. The passphrase will be asked every time the register "
                  "starts. Without it the data cannot be opened by anyone — write it down and "
                  "keep it safe.</p>"
                  "<p>The data is never stored unencrypted. If you would rather set up a "
                  "keychain first, choose Quit.</p>");
    } else {
        text = tr("<p><b>This register keeps its key in a sealed key file.</b></p>"
                  "<p>Enter the owner's passphrase to open the sales data.</p>");
    }
    constexpr int TextWidth = 680;
    auto* intro = new WrappedLabel(text, TextWidth, this);
    intro->setObjectName(QStringLiteral("keySetupIntro"));
    intro->setTextFormat(Qt::RichText);
    layout->addWidget(intro);

    QString facts = tr("Data: %1\nKey file: %2").arg(storePath, keyFilePath);
    if (mode == Mode::Create)
        facts += u'\n' + tr("Keychain said: %1").arg(keychainMessage);
    auto* details = new WrappedLabel(facts, TextWidth, this);
    details->setObjectName(QStringLiteral("keySetupDetails"));
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->setProperty("role", QStringLiteral("small"));
    layout->addWidget(details);

    auto* form = new QFormLayout;
    m_passphrase = new QLineEdit(this);
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    if (mode == Mode::Create) {
        m_confirm = new QLineEdit(this);
        m_confirm->setObjectName(QStringLiteral("confirmEdit"));
        m_confirm->setAccessibleName(tr("Repeat passphrase"));
        m_confirm->setEchoMode(QLineEdit::Password);
        form->addRow(tr("&Repeat:"), m_confirm);
        connect(m_confirm, &QLineEdit::textChanged, this, &KeySetupDialog::validate);
    }
    connect(m_passphrase, &QLineEdit::textChanged, this, &KeySetupDialog::validate);
    layout->addLayout(form);

    m_problem = new WrappedLabel({}, TextWidth, this);
    m_problem->setObjectName(QStringLiteral("keySetupProblem"));
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(mode == Mode::Create ? tr("Create sealed key file") : tr("Unlock"),
                              QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("keySetupOk"));
    m_ok->setDefault(true);
    auto* quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("keySetupQuit"));
    connect(buttons, &QDialogButtonBox::accepted, this, &KeySetupDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &KeySetupDialog::reject);
    layout->addWidget(buttons);
    validate();
    m_passphrase->setFocus();
}

void KeySetupDialog::setError(const QString& message)
{
    m_problem->setProperty("kind", QStringLiteral("error"));
    m_problem->setWrappedText(WrappedLabel::sentence(message));
    adjustSize();
}

void KeySetupDialog::validate()
{
    const QString pass = m_passphrase->text();
    QString problem;
    if (m_mode == Mode::Create) {
        // Characters as core counts them (code points), not UTF-16 units.
        const auto characters = pass.toUcs4().size();
        if (characters < MinimumLength)
            problem = tr("Use at least %1 characters (%2 so far). A few unrelated words "
                         "make a good passphrase.")
                          .arg(MinimumLength)
                          .arg(characters);
        else if (m_confirm->text() != pass)
            problem = tr("Repeat the same passphrase in the second field.");
    } else if (pass.isEmpty()) {
        problem = tr("Enter the passphrase.");
    }
    m_ok->setEnabled(problem.isEmpty());
    m_problem->setProperty("kind", QString());
    m_problem->setWrappedText(problem);
    adjustSize();
}

void KeySetupDialog::accept()
{
    validate();
    if (m_ok->isEnabled())
        QDialog::accept();
}

SecretBytes KeySetupDialog::takePassphrase()
{
    QByteArray utf8 = m_passphrase->text().toUtf8();
    m_passphrase->clear();
    if (m_confirm)
        m_confirm->clear();
    return SecretBytes::takeFrom(utf8);
}

} // namespace pos::ui
