#include "SetupWizard.h"

#include "QrCodeWidget.h"
#include "WrappedLabel.h"
#include "auth/CredentialHash.h"
#include "auth/Totp.h"

#include <QApplication>
#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int TextWidth = 760;

SecretBytes secretFrom(const QLineEdit* field)
{
    QByteArray utf8 = field->text().toUtf8();
    return SecretBytes::takeFrom(utf8);
}

QLineEdit* secretField(QLineEdit* field)
{
    field->setEchoMode(QLineEdit::Password);
    field->setContextMenuPolicy(Qt::NoContextMenu);
    return field;
}

void setDigits(QLineEdit* field, int maxDigits)
{
    field->setMaxLength(maxDigits);
    field->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,%1}").arg(maxDigits)), field));
}
} // namespace

SetupWizard::SetupWizard(SetupService& setup, const Clock& clock, QWidget* parent)
    : QWizard(parent), m_setup(setup), m_clock(clock)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Set up this register"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setPage(BusinessPage, buildBusinessPage());
    setPage(OwnerPage, buildOwnerPage());
    setPage(AuthenticatorPage, buildAuthenticatorPage());
    setPage(FinishPage, buildFinishPage());
    // Room for the largest page (the QR code beside the steps) from the start, so the window
    // does not jump between pages; it still grows when a message needs more.
    setMinimumSize(980, 640);
    setButtonText(QWizard::FinishButton, tr("Finish and sign in"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));

    // A store from before staff existed keeps its names and currency; never any secret.
    if (auto defaults = m_setup.defaults(); defaults) {
        m_store->setText(defaults->storeName);
        m_register->setText(defaults->registerName);
        m_currency->setText(defaults->currency);
    }
    if (m_register->text().isEmpty())
        m_register->setText(tr("Register 1"));
    if (m_currency->text().isEmpty()) {
        const QString local = QLocale().currencySymbol(QLocale::CurrencyIsoCode);
        m_currency->setText(local.size() == 3 ? local : QStringLiteral("EUR"));
    }

    auto secret = SetupService::newTotpSecret();
    if (secret)
        m_totpSecret = std::move(*secret);
}

SetupWizard::~SetupWizard()
{
    wipeSecrets();
}

QLineEdit* SetupWizard::addField(QWizardPage* page, QFormLayout* form, const QString& label,
                                 const QString& name)
{
    auto* field = new QLineEdit(page);
    field->setObjectName(name);
    auto* caption = new QLabel(label, page);
    caption->setBuddy(field);
    field->setAccessibleName(QString(label).remove(u'&').remove(u':'));
    form->addRow(caption, field);
    return field;
}

QWizardPage* SetupWizard::buildBusinessPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("businessPage"));
    page->setTitle(tr("Your business"));
    page->setSubTitle(tr("This register is new. First the names the receipts and reports use."));
    auto* layout = new QVBoxLayout(page);
    auto* intro = new WrappedLabel(
        tr("Welcome. These steps create the company, the store and this register, and the "
           "owner's account. Nothing here has a preset password: you choose every one."),
        TextWidth, page);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_company = addField(page, form, tr("&Company:"), QStringLiteral("companyEdit"));
    m_store = addField(page, form, tr("&Store:"), QStringLiteral("storeEdit"));
    m_register = addField(page, form, tr("&Register name:"), QStringLiteral("registerEdit"));
    m_currency = addField(page, form, tr("C&urrency:"), QStringLiteral("currencyEdit"));
    m_currency->setMaxLength(3);
    m_currency->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currency->setToolTip(tr("The three-letter ISO 4217 code, for example EUR, USD or GBP."));
    connect(m_currency, &QLineEdit::textEdited, m_currency,
            [this](const QString& text) { m_currency->setText(text.toUpper()); });
    layout->addLayout(form);
    m_businessProblem =
        WrappedLabel::errorLabel(QStringLiteral("businessProblem"), TextWidth, page);
    layout->addWidget(m_businessProblem);
    layout->addStretch(1);
    return page;
}

QWizardPage* SetupWizard::buildOwnerPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("ownerPage"));
    page->setTitle(tr("The owner's account"));
    page->setSubTitle(tr("The owner can do everything, so the account needs a strong password "
                         "and, next, a code from an authenticator app."));
    auto* layout = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    m_ownerName = addField(page, form, tr("Your &name:"), QStringLiteral("ownerNameEdit"));
    m_ownerCode = addField(page, form, tr("Your user &code:"), QStringLiteral("ownerCodeEdit"));
    setDigits(m_ownerCode, 8);
    m_ownerCode->setToolTip(tr("2 to 8 digits. You type it at the lock screen to say who you "
                               "are; it is not a password."));
    m_password =
        secretField(addField(page, form, tr("&Password:"), QStringLiteral("passwordEdit")));
    m_repeat = secretField(
        addField(page, form, tr("Password &again:"), QStringLiteral("repeatPasswordEdit")));
    layout->addLayout(form);
    m_passwordHint = new WrappedLabel({}, TextWidth, page);
    m_passwordHint->setObjectName(QStringLiteral("passwordHint"));
    m_passwordHint->setProperty("role", QStringLiteral("small"));
    layout->addWidget(m_passwordHint);
    connect(m_password, &QLineEdit::textChanged, this, &SetupWizard::updatePasswordHint);
    connect(m_repeat, &QLineEdit::textChanged, this, &SetupWizard::updatePasswordHint);
    updatePasswordHint();
    m_ownerProblem = WrappedLabel::errorLabel(QStringLiteral("ownerProblem"), TextWidth, page);
    layout->addWidget(m_ownerProblem);
    layout->addStretch(1);
    return page;
}

QWizardPage* SetupWizard::buildAuthenticatorPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("authenticatorPage"));
    page->setTitle(tr("Two-step sign-in"));
    page->setSubTitle(tr("The owner signs in with the password and a code from an authenticator "
                         "app on their phone, which changes every 30 seconds."));
    auto* layout = new QHBoxLayout(page);
    m_qr = new QrCodeWidget(page);
    m_qr->setFixedSize(300, 300);
    layout->addWidget(m_qr, 0, Qt::AlignTop);

    auto* right = new QVBoxLayout;
    constexpr int RightWidth = 580;
    auto* steps = new WrappedLabel(
        tr("1. Open an authenticator app on your phone (for example FreeOTP, Aegis or Google "
           "Authenticator) and add an account.\n"
           "2. Scan this QR code, or type the key below.\n"
           "3. Type the 6-digit code the app shows now."),
        RightWidth, page);
    right->addWidget(steps);
    auto* keyCaption = new QLabel(tr("Key:"), page);
    right->addWidget(keyCaption);
    m_secretText = new QLabel(page);
    m_secretText->setObjectName(QStringLiteral("totpSecretText"));
    m_secretText->setWordWrap(false); // eight groups of four fit on one line
    m_secretText->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_secretText->setProperty("role", QStringLiteral("secretKey"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_secretText->setFont(mono);
    m_secretText->setStyleSheet(QStringLiteral("font-family: \"DejaVu Sans Mono\", monospace; "
                                               "font-size: 16pt; font-weight: bold;"));
    m_secretText->setFixedWidth(RightWidth);
    m_secretText->setAccessibleName(tr("Key for the authenticator app"));
    right->addWidget(m_secretText);
    auto* keep = new WrappedLabel(tr("Keep the key secret: whoever has it can make your codes."),
                                  RightWidth, page);
    keep->setProperty("role", QStringLiteral("small"));
    right->addWidget(keep);

    auto* form = new QFormLayout;
    m_totpCode = new QLineEdit(page);
    m_totpCode->setObjectName(QStringLiteral("totpCodeEdit"));
    m_totpCode->setAccessibleName(tr("Code the app shows now"));
    m_totpCode->setProperty("role", QStringLiteral("bigInput"));
    setDigits(m_totpCode, 8);
    m_totpCode->setContextMenuPolicy(Qt::NoContextMenu);
    auto* codeLabel = new QLabel(tr("C&ode the app shows now:"), page);
    codeLabel->setBuddy(m_totpCode);
    form->addRow(codeLabel, m_totpCode);
    right->addLayout(form);
    m_totpProblem = WrappedLabel::errorLabel(QStringLiteral("totpProblem"), RightWidth, page);
    right->addWidget(m_totpProblem);
    right->addStretch(1);
    layout->addLayout(right, 1);
    return page;
}

QWizardPage* SetupWizard::buildFinishPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("finishPage"));
    page->setTitle(tr("Ready"));
    page->setSubTitle(tr("Finish creates everything and signs you in."));
    auto* layout = new QVBoxLayout(page);
    m_summary = new WrappedLabel({}, TextWidth, page);
    m_summary->setObjectName(QStringLiteral("setupSummary"));
    layout->addWidget(m_summary);
    m_demoCatalog = new QCheckBox(
        tr("&Load the demo catalog (500 products with barcodes) to try the counter"), page);
    m_demoCatalog->setObjectName(QStringLiteral("demoCatalogCheck"));
    layout->addWidget(m_demoCatalog);
    auto* later = new WrappedLabel(tr("Add your staff afterwards under Staff. Cashiers sign in "
                                      "with a PIN that you or a manager give them."),
                                   TextWidth, page);
    later->setProperty("role", QStringLiteral("small"));
    layout->addWidget(later);
    m_finishProblem = WrappedLabel::errorLabel(QStringLiteral("finishProblem"), TextWidth, page);
    layout->addWidget(m_finishProblem);
    layout->addStretch(1);
    return page;
}

void SetupWizard::initializePage(int id)
{
    QWizard::initializePage(id);
    if (id == AuthenticatorPage) {
        // The app shows the company and the owner's code beside the codes; same key throughout.
        m_qr->setText(SetupService::provisioningUri(m_totpSecret, m_company->text().trimmed(),
                                                    m_ownerCode->text().trimmed()));
        m_secretText->setText(SetupService::secretText(m_totpSecret));
        m_totpCode->setFocus();
    } else if (id == FinishPage) {
        m_summary->setWrappedText(
            tr("Company: %1\nStore: %2\nRegister: %3 (%4)\nOwner: %5, user code %6")
                .arg(m_company->text().trimmed(), m_store->text().trimmed(),
                     m_register->text().trimmed(), m_currency->text(),
                     m_ownerName->text().trimmed(), m_ownerCode->text()));
    }
}

bool SetupWizard::loadDemoCatalog() const
{
    return m_demoCatalog->isChecked();
}

bool SetupWizard::validateCurrentPage()
{
    switch (currentId()) {
    case BusinessPage:
        return checkBusiness();
    case OwnerPage:
        return checkOwner();
    case AuthenticatorPage:
        return checkAuthenticatorCode();
    case FinishPage:
        return finish();
    default:
        return QWizard::validateCurrentPage();
    }
}

void SetupWizard::showProblem(WrappedLabel* label, const QString& message)
{
    if (message.isEmpty()) {
        label->setWrappedText({});
        label->hide();
        return;
    }
    label->showError(message); // grows the window when the message needs room
    label->show();
}

bool SetupWizard::checkBusiness()
{
    QString problem;
    if (m_company->text().trimmed().isEmpty())
        problem = tr("Enter the company's name.");
    else if (m_store->text().trimmed().isEmpty())
        problem = tr("Enter the store's name.");
    else if (m_register->text().trimmed().isEmpty())
        problem = tr("Give this register a name, for example \"Register 1\".");
    else if (m_currency->text().size() != 3)
        problem = tr("The currency is a three-letter code, for example EUR.");
    showProblem(m_businessProblem, problem);
    return problem.isEmpty();
}

void SetupWizard::updatePasswordHint()
{
    const auto characters = m_password->text().toUcs4().size();
    QString hint = tr("At least %1 characters (%2 so far). A few unrelated words make a good "
                      "password that is easy to type.")
                       .arg(CredentialHash::MinPasswordChars)
                       .arg(characters);
    if (!m_repeat->text().isEmpty() && m_repeat->text() != m_password->text())
        hint += u' ' + tr("The second password is not the same yet.");
    m_passwordHint->setWrappedText(hint);
}

bool SetupWizard::checkOwner()
{
    QString problem;
    const auto codeLength = m_ownerCode->text().size();
    if (m_ownerName->text().trimmed().isEmpty()) {
        problem = tr("Enter your name.");
    } else if (codeLength < 2) {
        problem = tr("Choose a user code of 2 to 8 digits.");
    } else if (m_password->text() != m_repeat->text()) {
        problem = tr("The two passwords are not the same. Type the same password twice.");
        m_repeat->clear();
    } else if (auto ok = CredentialHash::checkPasswordPolicy(secretFrom(m_password)); !ok) {
        problem = tr("This password is not accepted: %1").arg(ok.error().message);
    }
    showProblem(m_ownerProblem, problem);
    return problem.isEmpty();
}

bool SetupWizard::checkAuthenticatorCode()
{
    QString problem;
    if (m_totpSecret.isEmpty()) {
        problem = tr("No key could be made for the authenticator app. Close the wizard and start "
                     "the register again.");
    } else if (m_totpCode->text().isEmpty()) {
        problem = tr("Type the 6-digit code the app shows now.");
    } else {
        // A first look only; SetupService::run checks the code again and stores its step.
        auto verdict =
            Totp::verify(m_totpSecret, secretFrom(m_totpCode), m_clock.nowUtc(), std::nullopt);
        if (!verdict || verdict->outcome != TotpOutcome::Accepted) {
            problem = tr("That code is not right. Type the code the app shows now, and check "
                         "that the phone's clock is right.");
            m_totpCode->clear();
        }
    }
    showProblem(m_totpProblem, problem);
    return problem.isEmpty();
}

bool SetupWizard::finish()
{
    SetupRequest request;
    request.companyName = m_company->text().trimmed();
    request.storeName = m_store->text().trimmed();
    request.registerName = m_register->text().trimmed();
    request.currency = m_currency->text();
    request.ownerName = m_ownerName->text().trimmed();
    request.ownerCode = m_ownerCode->text();
    request.ownerPassword = secretFrom(m_password);
    request.totpSecret = SecretBytes(m_totpSecret.data(), m_totpSecret.size());
    request.totpCode = secretFrom(m_totpCode);

    // The code may have run out while the owner read this page: ask for the current one there.
    auto verdict = Totp::verify(m_totpSecret, request.totpCode, m_clock.nowUtc(), std::nullopt);
    if (!verdict || verdict->outcome != TotpOutcome::Accepted) {
        m_totpCode->clear();
        back();
        showProblem(m_totpProblem, tr("The code has changed meanwhile. Type the code the app "
                                      "shows now."));
        return false;
    }

    QApplication::setOverrideCursor(Qt::WaitCursor); // the password hash takes a moment
    auto session = m_setup.run(request);
    QApplication::restoreOverrideCursor();
    if (!session) {
        showProblem(m_finishProblem, session.error().message);
        return false;
    }
    m_session = std::move(*session);
    wipeSecrets();
    return true;
}

void SetupWizard::wipeSecrets()
{
    if (m_password)
        m_password->clear();
    if (m_repeat)
        m_repeat->clear();
    if (m_totpCode)
        m_totpCode->clear();
    if (m_secretText)
        m_secretText->clear();
    if (m_qr)
        m_qr->clear();
    m_totpSecret = SecretBytes();
}

} // namespace pos::ui
