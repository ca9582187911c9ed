#include "NewStaffDialog.h"

#include "QrCodeWidget.h"
#include "WrappedLabel.h"
#include "staff/SetupService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include <cmath>

namespace pos::ui {

namespace {
constexpr int TextWidth = 560;
constexpr int QrSide = 220;
} // namespace

QLineEdit* NewStaffDialog::secretEdit(bool pin, const QString& objectName, const QString& label,
                                      QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(label);
    edit->setEchoMode(QLineEdit::Password);
    edit->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                              Qt::ImhNoAutoUppercase | (pin ? Qt::ImhDigitsOnly : Qt::ImhNone));
    if (pin) {
        edit->setMaxLength(8);
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9]{0,8}")), edit));
    } else {
        edit->setMaxLength(256);
    }
    edit->setMinimumWidth(TextWidth / 2);
    return edit;
}

SecretBytes NewStaffDialog::take(QLineEdit* edit)
{
    QByteArray bytes = edit->text().toUtf8();
    edit->clear();
    return SecretBytes::takeFrom(bytes);
}

NewStaffDialog::NewStaffDialog(StaffService& staff, Session session, StaffScope scope,
                               QWidget* parent)
    : QDialog(parent), m_staff(staff), m_session(std::move(session)), m_scope(std::move(scope))
{
    setObjectName(QStringLiteral("newStaffDialog"));
    setWindowTitle(tr("New staff member"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("staffNameEdit"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(100);
    m_name->setMinimumWidth(TextWidth / 2);
    form->addRow(tr("&Name"), m_name);

    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("staffCodeEdit"));
    m_code->setAccessibleName(tr("User code"));
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_code));
    m_code->setPlaceholderText(tr("2 to 8 digits, typed at the lock screen"));
    form->addRow(tr("User &code"), m_code);

    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("staffRoleCombo"));
    m_role->setAccessibleName(tr("Role"));
    for (Role r : std::as_const(m_scope.grantableRoles))
        m_role->addItem(roleTitle(r), static_cast<int>(r));
    m_role->setCurrentIndex(m_role->findData(static_cast<int>(Role::Cashier)));
    form->addRow(tr("&Role"), m_role);

    auto* storesBox = new QGroupBox(tr("Stores"), this);
    auto* storesLayout = new QVBoxLayout(storesBox);
    for (const StoreRef& s : std::as_const(m_scope.stores)) {
        auto* box = new QCheckBox(s.name, storesBox);
        box->setObjectName(QStringLiteral("store_%1").arg(s.id));
        box->setProperty("storeId", s.id);
        box->setChecked(s.id == m_session.storeId);
        storesLayout->addWidget(box);
        m_stores.append(box);
    }
    form->addRow(storesBox);

    m_limit = new QDoubleSpinBox(this);
    m_limit->setObjectName(QStringLiteral("staffLimitSpin"));
    m_limit->setAccessibleName(tr("Discount limit"));
    m_limit->setDecimals(1);
    m_limit->setSuffix(QStringLiteral(" %"));
    m_limit->setRange(0.0, static_cast<double>(m_scope.maxDiscountLimitPpm) / 10000.0);
    m_limit->setValue(std::min(10.0, m_limit->maximum()));
    form->addRow(tr("&Discount limit"), m_limit);

    m_credentialHint = new WrappedLabel({}, TextWidth, this);
    m_credentialHint->setObjectName(QStringLiteral("credentialHint"));
    form->addRow(m_credentialHint);
    m_pin = secretEdit(true, QStringLiteral("staffPinEdit"), tr("PIN"), this);
    m_pinAgain = secretEdit(true, QStringLiteral("staffPinAgainEdit"), tr("PIN again"), this);
    m_password = secretEdit(false, QStringLiteral("staffPasswordEdit"), tr("Password"), this);
    m_passwordAgain =
        secretEdit(false, QStringLiteral("staffPasswordAgainEdit"), tr("Password again"), this);
    form->addRow(tr("&PIN"), m_pin);
    form->addRow(tr("PIN again"), m_pinAgain);
    form->addRow(tr("Pass&word"), m_password);
    form->addRow(tr("Password again"), m_passwordAgain);

    // Owners only: the authenticator enrolment, shown while this dialog is open and never again.
    m_totpBox = new QGroupBox(tr("Authenticator app"), this);
    auto* totpLayout = new QVBoxLayout(m_totpBox);
    totpLayout->addWidget(new WrappedLabel(tr("Scan this code with the new owner's authenticator "
                                              "app (or type the text below into it), then enter "
                                              "the 6-digit code the app shows."),
                                           TextWidth - 40, m_totpBox));
    m_qr = new QrCodeWidget(m_totpBox);
    m_qr->setFixedSize(QrSide, QrSide);
    totpLayout->addWidget(m_qr, 0, Qt::AlignHCenter);
    m_totpText = new QLabel(m_totpBox);
    m_totpText->setObjectName(QStringLiteral("totpSecretText"));
    m_totpText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    totpLayout->addWidget(m_totpText, 0, Qt::AlignHCenter);
    m_totpCode =
        secretEdit(true, QStringLiteral("staffTotpCodeEdit"), tr("Code from the app"), m_totpBox);
    totpLayout->addWidget(m_totpCode);
    m_totpBox->hide();
    form->addRow(m_totpBox);

    m_error = WrappedLabel::errorLabel(QStringLiteral("newStaffError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    auto* ok = new QPushButton(tr("Create (Enter)"), buttons);
    ok->setObjectName(QStringLiteral("createStaffButton"));
    ok->setProperty("role", QStringLiteral("primary"));
    buttons->addButton(ok, QDialogButtonBox::AcceptRole);
    ok->setDefault(true);
    buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole)->setAutoDefault(false);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewStaffDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewStaffDialog::reject);
    layout->addWidget(buttons);

    connect(m_role, &QComboBox::currentIndexChanged, this, &NewStaffDialog::roleChanged);
    connect(m_code, &QLineEdit::textChanged, this, &NewStaffDialog::roleChanged);
    roleChanged();
    m_name->setFocus();
}

Role NewStaffDialog::role() const
{
    return static_cast<Role>(m_role->currentData().toInt());
}

void NewStaffDialog::roleChanged()
{
    switch (role()) {
    case Role::Cashier:
        m_credentialHint->setWrappedText(tr("Cashiers sign in with a PIN of 4 to 8 digits. A "
                                            "password is optional: they need one before they "
                                            "can be given another role."));
        break;
    case Role::Manager:
        m_credentialHint->setWrappedText(tr("Managers sign in with a password of at least 12 "
                                            "characters. A PIN is optional: with it they "
                                            "approve at the counter."));
        break;
    case Role::Auditor:
        m_credentialHint->setWrappedText(
            tr("Auditors sign in with a password of at least 12 characters."));
        break;
    case Role::Owner:
        m_credentialHint->setWrappedText(tr("Owners sign in with a password of at least 12 "
                                            "characters and a code from an authenticator app."));
        break;
    }
    const bool owner = role() == Role::Owner;
    for (QCheckBox* box : std::as_const(m_stores))
        box->setEnabled(!owner); // owners work in every store
    if (owner && m_totpSecret.isEmpty()) {
        auto secret = SetupService::newTotpSecret();
        if (!secret) {
            m_error->showError(secret.error().message);
            return;
        }
        m_totpSecret = std::move(*secret);
        m_totpText->setText(SetupService::secretText(m_totpSecret));
    }
    if (owner)
        m_qr->setText(
            SetupService::provisioningUri(m_totpSecret, m_scope.companyName, m_code->text()));
    m_totpBox->setVisible(owner);
    adjustSize();
}

void NewStaffDialog::accept()
{
    m_error->hide();
    if (m_pin->text() != m_pinAgain->text() || m_password->text() != m_passwordAgain->text()) {
        for (QLineEdit* e : {m_pin, m_pinAgain, m_password, m_passwordAgain})
            e->clear();
        m_error->showError(tr("The PIN or the password typed twice differ: type them again."));
        m_pin->setFocus();
        return;
    }
    NewStaff n;
    n.name = m_name->text();
    n.code = m_code->text();
    n.role = role();
    if (n.role != Role::Owner)
        for (QCheckBox* box : std::as_const(m_stores))
            if (box->isChecked())
                n.storeIds.append(box->property("storeId").toLongLong());
    n.discountLimitPpm = std::llround(m_limit->value() * 10000.0);
    n.pin = take(m_pin);
    n.password = take(m_password);
    m_pinAgain->clear();
    m_passwordAgain->clear();
    if (n.role == Role::Owner) {
        n.totpSecret = SecretBytes(m_totpSecret.data(), m_totpSecret.size());
        n.totpCode = take(m_totpCode);
    }
    auto id = m_staff.create(m_session, n);
    if (!id) {
        m_error->showError(id.error().message);
        return;
    }
    m_created = *id;
    QDialog::accept();
}

} // namespace pos::ui
