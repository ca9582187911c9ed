#include "ApprovalDialog.h"

#include "MoneyText.h"
#include "PinPad.h"
#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

constexpr int AskWidth = 460;
constexpr int DefaultPollMs = 2000;

SecretBytes takeText(QLineEdit* field)
{
    QByteArray utf8 = field->text().toUtf8();
    field->clear();
    return SecretBytes::takeFrom(utf8);
}

QLineEdit* secretField(const QString& name, const QString& accessible, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(name);
    field->setAccessibleName(accessible);
    field->setEchoMode(QLineEdit::Password);
    field->setContextMenuPolicy(Qt::NoContextMenu); // no copying a secret out
    return field;
}

} // namespace

ApprovalDialog::ApprovalDialog(ApprovalService& approvals, const Session& requester,
                               const ApprovalAsk& ask, const QString& currency,
                               const QString& reason, QWidget* parent)
    : QDialog(parent), m_approvals(approvals), m_requester(requester), m_ask(ask),
      m_currency(currency)
{
    setObjectName(QStringLiteral("approvalDialog"));
    setWindowTitle(tr("Manager approval"));
    setModal(true);

    auto* layout = new QVBoxLayout(this);
    auto* panels = new QHBoxLayout;
    panels->setSpacing(24);
    panels->addWidget(buildAskPanel(), 0, Qt::AlignTop);
    panels->addWidget(buildManagerPanel(), 0, Qt::AlignTop);
    layout->addLayout(panels);

    m_error = WrappedLabel::errorLabel(QStringLiteral("approvalError"), AskWidth + 400, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("approvalCancel"));
    cancel->setText(tr("Cancel (Esc)"));
    cancel->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &ApprovalDialog::reject);
    layout->addWidget(buttons);

    m_poll = new QTimer(this);
    m_poll->setInterval(DefaultPollMs);
    connect(m_poll, &QTimer::timeout, this, &ApprovalDialog::poll);

    m_reason->setText(reason);
    setPinMode(true);
    if (reason.trimmed().isEmpty())
        m_reason->setFocus(Qt::OtherFocusReason);
    else
        m_code->setFocus(Qt::OtherFocusReason);
}

ApprovalDialog::~ApprovalDialog() = default;

QWidget* ApprovalDialog::buildAskPanel()
{
    auto* panel = new QWidget(this);
    panel->setFixedWidth(AskWidth);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* kind = new QLabel(approvalKindTitle(m_ask.kind), panel);
    kind->setObjectName(QStringLiteral("approvalKind"));
    kind->setProperty("role", QStringLiteral("reportTitle"));
    layout->addWidget(kind);

    auto* what = new WrappedLabel(tr("A manager's approval is needed for this:"), AskWidth, panel);
    layout->addWidget(what);
    auto* summary = new WrappedLabel(m_ask.summary, AskWidth, panel);
    summary->setObjectName(QStringLiteral("approvalSummary"));
    summary->setProperty("role", QStringLiteral("small"));
    layout->addWidget(summary);
    auto* amount =
        new QLabel(tr("Amount: %1").arg(MoneyText::format(m_ask.amountMinor, m_currency)), panel);
    amount->setObjectName(QStringLiteral("approvalAmount"));
    layout->addWidget(amount);
    auto* who = new QLabel(tr("Asked by: %1").arg(m_requester.userName), panel);
    who->setObjectName(QStringLiteral("approvalRequester"));
    layout->addWidget(who);

    auto* reasonLabel = new QLabel(tr("&Reason (required):"), panel);
    m_reason = new QLineEdit(panel);
    m_reason->setObjectName(QStringLiteral("approvalReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMaxLength(200);
    m_reason->setPlaceholderText(tr("For example: customer changed their mind"));
    reasonLabel->setBuddy(m_reason);
    connect(m_reason, &QLineEdit::returnPressed, this,
            [this] { m_code->setFocus(Qt::OtherFocusReason); });
    layout->addSpacing(12);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason);

    layout->addSpacing(24);
    auto* queueText = new WrappedLabel(
        tr("No manager at this register? Send the request to the approvals queue: a manager "
           "approves it from another register, and the sale carries on here."),
        AskWidth, panel);
    layout->addWidget(queueText);
    m_queue = new QPushButton(tr("Send to the approvals queue"), panel);
    m_queue->setObjectName(QStringLiteral("queueButton"));
    m_queue->setAutoDefault(false);
    connect(m_queue, &QPushButton::clicked, this, &ApprovalDialog::sendToQueue);
    layout->addWidget(m_queue);
    m_queueStatus = new QLabel(panel);
    m_queueStatus->setObjectName(QStringLiteral("queueStatus"));
    m_queueStatus->setWordWrap(true);
    m_queueStatus->hide();
    layout->addWidget(m_queueStatus);
    layout->addStretch(1);
    return panel;
}

QWidget* ApprovalDialog::buildManagerPanel()
{
    auto* box = new QGroupBox(tr("A manager approves here"), this);
    box->setObjectName(QStringLiteral("managerBox"));
    box->setFixedWidth(380);
    auto* layout = new QVBoxLayout(box);

    auto* codeLabel = new QLabel(tr("Manager's user &code:"), box);
    m_code = new QLineEdit(box);
    m_code->setObjectName(QStringLiteral("approverCode"));
    m_code->setAccessibleName(tr("Manager's user code"));
    m_code->setMaxLength(32);
    codeLabel->setBuddy(m_code);
    layout->addWidget(codeLabel);
    layout->addWidget(m_code);

    auto* modes = new QHBoxLayout;
    m_pinMode = new QPushButton(tr("PIN"), box);
    m_pinMode->setObjectName(QStringLiteral("pinModeButton"));
    m_passwordMode = new QPushButton(tr("Password"), box);
    m_passwordMode->setObjectName(QStringLiteral("passwordModeButton"));
    for (QPushButton* b : {m_pinMode, m_passwordMode}) {
        b->setCheckable(true);
        b->setAutoDefault(false);
        // The chosen way stands out like a selected tab.
        b->setStyleSheet(QStringLiteral("QPushButton:checked { background: #1f3a5f; color: white; "
                                        "border-color: #1f3a5f; }"));
        modes->addWidget(b);
    }
    connect(m_pinMode, &QPushButton::clicked, this, [this] { setPinMode(true); });
    connect(m_passwordMode, &QPushButton::clicked, this, [this] { setPinMode(false); });
    layout->addLayout(modes);

    m_secretPages = new QStackedWidget(box);
    m_pinPad = new PinPad(m_secretPages);
    connect(m_pinPad, &PinPad::submitted, this, &ApprovalDialog::approveHere);
    m_secretPages->addWidget(m_pinPad);

    auto* passwordPage = new QWidget(m_secretPages);
    auto* form = new QVBoxLayout(passwordPage);
    form->setContentsMargins(0, 0, 0, 0);
    auto* passwordLabel = new QLabel(tr("&Password:"), passwordPage);
    m_password = secretField(QStringLiteral("approverPassword"), tr("Password"), passwordPage);
    passwordLabel->setBuddy(m_password);
    auto* totpLabel = new QLabel(tr("Code from the authenticator app (&owners):"), passwordPage);
    totpLabel->setWordWrap(true);
    m_totp = secretField(QStringLiteral("approverTotp"), tr("Code from the authenticator app"),
                         passwordPage);
    m_totp->setEchoMode(QLineEdit::Normal);
    m_totp->setMaxLength(8);
    m_totp->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_totp));
    totpLabel->setBuddy(m_totp);
    m_approve = new QPushButton(tr("Approve"), passwordPage);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_approve->setProperty("role", QStringLiteral("primary"));
    m_approve->setAutoDefault(false);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalDialog::approveHere);
    connect(m_password, &QLineEdit::returnPressed, this, &ApprovalDialog::approveHere);
    connect(m_totp, &QLineEdit::returnPressed, this, &ApprovalDialog::approveHere);
    form->addWidget(passwordLabel);
    form->addWidget(m_password);
    form->addWidget(totpLabel);
    form->addWidget(m_totp);
    form->addWidget(m_approve);
    form->addStretch(1);
    m_secretPages->addWidget(passwordPage);
    layout->addWidget(m_secretPages);

    // Enter in the code field moves on to the PIN or the password.
    connect(m_code, &QLineEdit::returnPressed, this, [this] {
        if (m_secretPages->currentWidget() == m_pinPad)
            m_pinPad->focusField();
        else
            m_password->setFocus(Qt::OtherFocusReason);
    });
    return box;
}

void ApprovalDialog::setPollInterval(int ms)
{
    m_poll->setInterval(ms);
}

void ApprovalDialog::setPinMode(bool pin)
{
    clearSecrets();
    m_pinMode->setChecked(pin);
    m_passwordMode->setChecked(!pin);
    m_secretPages->setCurrentIndex(pin ? 0 : 1);
    if (!m_code->text().isEmpty()) {
        if (pin)
            m_pinPad->focusField();
        else
            m_password->setFocus(Qt::OtherFocusReason);
    }
}

// The request is made once, with the reason as it is then; the reason is fixed from there on.
bool ApprovalDialog::ensureRequest()
{
    if (!m_request.id.isNull())
        return true;
    auto request = m_approvals.request(m_requester, m_ask, m_reason->text());
    if (!request) {
        showError(request.error().message);
        if (request.error().code == ErrorCode::InvalidInput)
            m_reason->setFocus(Qt::OtherFocusReason);
        return false;
    }
    m_request = *request;
    m_reason->setReadOnly(true);
    m_poll->start(); // a manager may also take it from the queue meanwhile
    return true;
}

void ApprovalDialog::approveHere()
{
    const bool pin = m_secretPages->currentWidget() == m_pinPad;
    const QString code = m_code->text().trimmed();
    if (code.isEmpty()) {
        clearSecrets();
        showError(tr("Type the manager's user code first."));
        m_code->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (!ensureRequest()) // a reason first; the PIN stays on the pad meanwhile
        return;
    SecretBytes secret = pin ? m_pinPad->takePin() : takeText(m_password);
    SecretBytes totp = pin ? SecretBytes{} : takeText(m_totp);
    if (secret.isEmpty()) {
        showError(pin ? tr("Type the manager's PIN.") : tr("Type the manager's password."));
        return;
    }
    auto done = m_approvals.approveOnSpot(m_request.id, code, secret, totp);
    if (!done) {
        const Error error = done.error();
        if (error.code == ErrorCode::Conflict || error.code == ErrorCode::ApprovalRequired) {
            poll(); // decided elsewhere, or expired: say which
            if (result() == QDialog::Accepted)
                return;
        }
        showError(error.message);
        if (pin)
            m_pinPad->focusField();
        else
            m_password->setFocus(Qt::OtherFocusReason);
        return;
    }
    approved(*done);
}

void ApprovalDialog::sendToQueue()
{
    if (!ensureRequest())
        return;
    m_error->hide();
    m_queue->setEnabled(false);
    m_queueStatus->setText(tr("Waiting in the approvals queue for a manager (until %1)…")
                               .arg(QLocale().toString(m_request.expiresAt.toLocalTime().time(),
                                                       QLocale::ShortFormat)));
    m_queueStatus->show();
    adjustSize();
}

void ApprovalDialog::poll()
{
    if (m_request.id.isNull())
        return;
    auto now = m_approvals.status(m_requester, m_request.id);
    if (!now) {
        m_poll->stop();
        requestEnded(now.error().message);
        return;
    }
    switch (now->status) {
    case ApprovalStatus::Pending:
        return;
    case ApprovalStatus::Approved:
        approved(*now);
        return;
    case ApprovalStatus::Refused:
        requestEnded(
            now->decisionNote.isEmpty()
                ? tr("%1 refused the request.").arg(now->approverName)
                : tr("%1 refused the request: %2").arg(now->approverName, now->decisionNote));
        return;
    case ApprovalStatus::Expired:
        requestEnded(tr("The request expired after 5 minutes without an approval. Ask again."));
        return;
    case ApprovalStatus::Cancelled:
    case ApprovalStatus::Used:
        requestEnded(tr("The request is no longer open. Ask again."));
        return;
    }
}

void ApprovalDialog::approved(const Approval& approval)
{
    m_poll->stop();
    clearSecrets();
    m_approval = approval;
    accept();
}

// The request can no longer be approved: say why; trying again makes a new one.
void ApprovalDialog::requestEnded(const QString& message)
{
    m_poll->stop();
    m_request = Approval{};
    m_reason->setReadOnly(false);
    m_queue->setEnabled(true);
    m_queueStatus->hide();
    showError(message);
}

void ApprovalDialog::showError(const QString& message)
{
    m_error->showError(message);
    adjustSize();
}

void ApprovalDialog::clearSecrets()
{
    m_pinPad->field()->clear();
    m_password->clear();
    m_totp->clear();
}

void ApprovalDialog::reject()
{
    m_poll->stop();
    clearSecrets();
    if (!m_request.id.isNull() && m_approval.id.isNull()) {
        // Withdrawn so no manager approves something nobody waits for any more.
        (void)m_approvals.cancel(m_requester, m_request.id);
        m_request = Approval{};
    }
    QDialog::reject();
}

} // namespace pos::ui
