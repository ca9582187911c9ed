#include "EnrolDialog.h"

#include "Banner.h"
#include "WrappedLabel.h"
#include "sync/SyncProtocol.h"
#include "sync/SyncTransport.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

// Empties a field that held a secret typed from a sheet (the code): its text is overwritten.
void wipeField(QLineEdit* edit)
{
    edit->setText(QString(edit->text().size(), u'0'));
    edit->clear();
}

constexpr int NoteWidth = 640;

// A dialog does not ask wrapped labels their height: WrappedLabel sets its own.
QLabel* noteLabel(const QString& text, QWidget* parent)
{
    auto* label = new WrappedLabel(text, NoteWidth, parent);
    label->setProperty("role", QStringLiteral("small"));
    return label;
}

} // namespace

EnrolDialog::EnrolDialog(Enrolment& enrolment, Session session, QWidget* parent)
    : QDialog(parent), m_enrolment(enrolment), m_session(std::move(session))
{
    buildUi();
    m_address->setFocus(Qt::OtherFocusReason);
}

EnrolDialog::~EnrolDialog()
{
    if (m_busy) {
        if (m_probe)
            m_probe->abortAll();
        m_enrolment.cancel();
    }
    delete m_probe.data();
    wipeField(m_code);
}

QString EnrolDialog::groupedPin(const QString& pin)
{
    QStringList groups;
    for (qsizetype i = 0; i < pin.size(); i += 4)
        groups << pin.mid(i, 4);
    QStringList lines;
    for (qsizetype i = 0; i < groups.size(); i += 8)
        lines << groups.mid(i, 8).join(u' ');
    return lines.join(u'\n');
}

void EnrolDialog::setRegisterName(const QString& name)
{
    m_name->setText(name);
}

void EnrolDialog::buildUi()
{
    setObjectName(QStringLiteral("enrolDialog"));
    setWindowTitle(tr("Connect to sync server"));
    setMinimumWidth(NoteWidth + 40);
    auto* layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    // The form.
    auto* form = new QWidget(m_pages);
    auto* formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(noteLabel(
        tr("Type the server's address and the one-time code from the enrolment sheet that the "
           "server's administrator printed for this store. The code works once and is not kept "
           "on this register."),
        form));
    auto* fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_address = new QLineEdit(form);
    m_address->setObjectName(QStringLiteral("addressEdit"));
    m_address->setPlaceholderText(tr("https://sync.example.com:8443"));
    m_address->setAccessibleName(tr("Server address"));
    m_address->setMaxLength(300);
    m_code = new QLineEdit(form);
    m_code->setObjectName(QStringLiteral("codeEdit"));
    m_code->setPlaceholderText(tr("XXXX-XXXX-XXXX-XXXX"));
    m_code->setAccessibleName(tr("One-time code"));
    m_code->setMaxLength(40);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Typed from paper, so shown as typed (not masked), in capitals as on the sheet.
    connect(m_code, &QLineEdit::textEdited, this, [this](const QString& text) {
        const QString upper = text.toUpper();
        if (upper != text) {
            const int cursor = m_code->cursorPosition();
            m_code->setText(upper);
            m_code->setCursorPosition(cursor);
        }
    });
    m_name = new QLineEdit(form);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setAccessibleName(tr("This register's name on the server"));
    m_name->setMaxLength(100);
    auto* addressLabel = new QLabel(tr("Server &address:"), form);
    addressLabel->setBuddy(m_address);
    auto* codeLabel = new QLabel(tr("One-time &code:"), form);
    codeLabel->setBuddy(m_code);
    auto* nameLabel = new QLabel(tr("Register &name:"), form);
    nameLabel->setBuddy(m_name);
    fields->addRow(addressLabel, m_address);
    fields->addRow(codeLabel, m_code);
    fields->addRow(nameLabel, m_name);
    formLayout->addLayout(fields);

    // The certificate check, shown when this computer does not trust the server's certificate.
    m_pinBox = new QWidget(form);
    m_pinBox->setObjectName(QStringLiteral("pinBox"));
    auto* pinLayout = new QVBoxLayout(m_pinBox);
    pinLayout->setContentsMargins(0, 8, 0, 0);
    pinLayout->addWidget(noteLabel(
        tr("This computer does not trust the server's certificate by itself. Compare the "
           "server's fingerprint below with the one on the enrolment sheet, then type the "
           "sheet's fingerprint. Only connect if they are the same."),
        m_pinBox));
    auto* serverPinTitle = new QLabel(tr("The server's fingerprint:"), m_pinBox);
    pinLayout->addWidget(serverPinTitle);
    m_serverPin = new QLabel(m_pinBox);
    m_serverPin->setObjectName(QStringLiteral("serverPinLabel"));
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setPointSizeF(fixed.pointSizeF() * 1.3);
    fixed.setBold(true);
    m_serverPin->setFont(fixed);
    m_serverPin->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverPin->setAccessibleName(tr("The server's fingerprint"));
    m_serverPin->setFrameShape(QFrame::StyledPanel);
    m_serverPin->setMargin(8);
    m_serverPin->setAlignment(Qt::AlignCenter);
    pinLayout->addWidget(m_serverPin);
    m_pin = new QLineEdit(m_pinBox);
    m_pin->setObjectName(QStringLiteral("pinEdit"));
    m_pin->setAccessibleName(tr("Fingerprint from the enrolment sheet"));
    m_pin->setPlaceholderText(tr("64 digits and letters a–f, spaces allowed"));
    m_pin->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pin->setMaxLength(200);
    auto* pinLabel = new QLabel(tr("&Fingerprint from the sheet:"), m_pinBox);
    pinLabel->setBuddy(m_pin);
    auto* pinFields = new QFormLayout;
    pinFields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    pinFields->addRow(pinLabel, m_pin);
    pinLayout->addLayout(pinFields);
    m_pinBox->hide();
    formLayout->addWidget(m_pinBox);

    m_progressText = new WrappedLabel({}, NoteWidth, form);
    m_progressText->setObjectName(QStringLiteral("progressLabel"));
    m_progress = new QProgressBar(form);
    m_progress->setObjectName(QStringLiteral("enrolProgress"));
    m_progress->setRange(0, 0); // busy: a request has no steps to count
    m_progress->setAccessibleName(tr("Talking to the server"));
    m_progress->setTextVisible(false);
    m_progressText->hide();
    m_progress->hide();
    formLayout->addWidget(m_progressText);
    formLayout->addWidget(m_progress);
    m_banner = new Banner(form);
    formLayout->addWidget(m_banner);
    formLayout->addStretch(1);
    auto* buttons = new QDialogButtonBox(form);
    m_connect = buttons->addButton(tr("C&onnect (Enter)"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    m_cancel = buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(48);
    connect(m_connect, &QPushButton::clicked, this, &EnrolDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &EnrolDialog::reject);
    formLayout->addWidget(buttons);
    m_pages->addWidget(form);

    // Done.
    auto* done = new QWidget(m_pages);
    auto* doneLayout = new QVBoxLayout(done);
    auto* title = new QLabel(tr("Connected"), done);
    title->setProperty("role", QStringLiteral("reportTitle"));
    doneLayout->addWidget(title);
    m_doneText = new WrappedLabel({}, NoteWidth, done);
    m_doneText->setObjectName(QStringLiteral("doneLabel"));
    m_doneText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    doneLayout->addWidget(m_doneText);
    doneLayout->addStretch(1);
    auto* doneButtons = new QDialogButtonBox(done);
    m_close = doneButtons->addButton(tr("Close (Enter)"), QDialogButtonBox::AcceptRole);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setMinimumHeight(48);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    doneLayout->addWidget(doneButtons);
    m_pages->addWidget(done);

    setTabOrder(m_address, m_code);
    setTabOrder(m_code, m_name);
    setTabOrder(m_name, m_pin);
    setTabOrder(m_pin, m_connect);
    setTabOrder(m_connect, m_cancel);
}

void EnrolDialog::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_progressText->setVisible(busy);
    m_progressText->setWrappedText(text);
    fitHeight();
    for (QWidget* w : {static_cast<QWidget*>(m_address), static_cast<QWidget*>(m_code),
                       static_cast<QWidget*>(m_name), static_cast<QWidget*>(m_pin),
                       static_cast<QWidget*>(m_connect)})
        w->setEnabled(!busy);
    m_cancel->setText(busy ? tr("Stop (Esc)") : tr("Cancel (Esc)"));
    if (busy)
        m_cancel->setFocus(Qt::OtherFocusReason);
}

void EnrolDialog::showProblem(const QString& message)
{
    m_banner->showError(message);
    fitHeight();
}

void EnrolDialog::fitHeight()
{
    // Wrapped labels (the banner) count only when asked with a width: the dialog grows to what
    // its content needs at its width, so nothing is squeezed or cut off.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void EnrolDialog::submit()
{
    if (m_busy || m_pages->currentIndex() != 0)
        return;
    m_banner->clear();
    auto url = SyncTransport::parseServerUrl(m_address->text());
    if (!url) {
        showProblem(url.error().message);
        m_address->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (syncprotocol::normaliseEnrolmentCode(m_code->text()).isEmpty()) {
        showProblem(tr("The one-time code is 16 letters and digits in four groups of "
                       "four, as on the enrolment sheet. Check what was typed."));
        m_code->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (url->toString() != m_checkedUrl) {
        // Another server than the one looked at: look at its certificate first.
        m_checkedUrl.clear();
        m_serverPinShown.clear();
        m_caTrusted = false;
        m_pinBox->hide();
        m_pin->clear();
        checkCertificate();
        return;
    }
    if (m_caTrusted) {
        startEnrolment({});
        return;
    }
    // The certificate is trusted only by the fingerprint on the sheet.
    if (m_pin->text().trimmed().isEmpty()) {
        showProblem(tr("Type the fingerprint from the enrolment sheet first."));
        m_pin->setFocus(Qt::OtherFocusReason);
        return;
    }
    auto typed = SyncTransport::parsePin(m_pin->text());
    if (!typed) {
        showProblem(typed.error().message);
        m_pin->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (*typed != m_serverPinShown) {
        showProblem(tr("The fingerprint from the sheet is not the server's: this may not "
                       "be your server. Nothing was sent. Check the address and the "
                       "sheet, or ask the server's administrator."));
        m_pin->setFocus(Qt::OtherFocusReason);
        m_pin->selectAll();
        return;
    }
    startEnrolment(*typed);
}

void EnrolDialog::checkCertificate()
{
    auto url = SyncTransport::parseServerUrl(m_address->text());
    if (!url)
        return;
    setBusy(true, tr("Looking at the certificate of %1…").arg(url->toString()));
    delete m_probe.data();
    // No pins and no typed pin: the answer says whether the system's CA check passes, and shows
    // the certificate's pin either way. No code is sent.
    m_probe = new SyncTransport(*url, SyncTrust{}, m_timeouts, this);
    const QString checked = url->toString();
    m_probe->get("/v1/health", [this, checked](const SyncReply& reply) {
        setBusy(false);
        if (reply.ok()) {
            m_checkedUrl = checked;
            m_caTrusted = true;
            startEnrolment({});
            return;
        }
        if (reply.kind == SyncReply::Kind::Insecure && !reply.peerPin.isEmpty()) {
            m_checkedUrl = checked;
            showPinCheck(reply.peerPin);
            return;
        }
        if (reply.kind == SyncReply::Kind::Refused) {
            // It answered over TLS that this computer trusts, just not with "ok" (its database
            // may be down): enrolment says what it says.
            m_checkedUrl = checked;
            m_caTrusted = true;
            startEnrolment({});
            return;
        }
        showProblem(WrappedLabel::sentence(reply.message));
        m_address->setFocus(Qt::OtherFocusReason);
    });
}

void EnrolDialog::showPinCheck(const QString& serverPin)
{
    m_serverPinShown = serverPin;
    m_serverPin->setText(groupedPin(serverPin));
    m_serverPin->setMinimumHeight(m_serverPin->sizeHint().height()); // both lines, always
    m_pinBox->show();
    m_banner->clear(); // the note above the fingerprint says what to do
    m_pin->setFocus(Qt::OtherFocusReason);
    fitHeight();
}

void EnrolDialog::startEnrolment(const QString& typedPin)
{
    QByteArray codeBytes = m_code->text().toUtf8();
    EnrolmentRequest request;
    request.serverUrl = m_address->text();
    request.code = SecretBytes::takeFrom(codeBytes);
    request.typedPin = typedPin;
    request.name = m_name->text();
    setBusy(true, tr("Connecting this register to %1…").arg(request.serverUrl.trimmed()));
    m_enrolment.start(m_session, std::move(request),
                      [this](Result<EnrolmentOutcome> result) { finished(result); });
}

void EnrolDialog::finished(const Result<EnrolmentOutcome>& result)
{
    setBusy(false);
    if (!result) {
        showProblem(WrappedLabel::sentence(result.error().message));
        // A refused code is used up or wrong either way: type it again.
        if (result.error().code == ErrorCode::Unauthenticated ||
            result.error().code == ErrorCode::InvalidInput) {
            m_code->setFocus(Qt::OtherFocusReason);
            m_code->selectAll();
        } else {
            m_connect->setFocus(Qt::OtherFocusReason);
        }
        return;
    }
    m_outcome = *result;
    wipeField(m_code);
    const EnrolmentOutcome& o = *result;
    QString text =
        tr("This register is now connected to %1 — %2 as “%3”.\n\nServer: %4\nThis "
           "register's device key: %5")
            .arg(o.companyName, o.storeName, o.registerName, o.serverUrl, o.deviceKeyFingerprint);
    if (std::abs(o.clockSkewSeconds) > syncprotocol::MaxClockSkewSeconds)
        text += QStringLiteral("\n\n") +
                tr("This register's clock is %1 minutes off the server's. Set it right, or the "
                   "server will refuse to sync.")
                    .arg(std::abs(o.clockSkewSeconds) / 60);
    else
        text += QStringLiteral("\n\n") +
                tr("Sync starts now in the background; the counter never waits for it.");
    m_doneText->setWrappedText(text);
    m_pages->setCurrentIndex(1);
    m_close->setDefault(true);
    m_close->setFocus(Qt::OtherFocusReason);
}

void EnrolDialog::reject()
{
    if (m_busy) {
        // Esc cuts the request off; the dialog stays with what was typed.
        if (m_probe)
            m_probe->abortAll();
        m_enrolment.cancel();
        return;
    }
    if (m_outcome) {
        accept();
        return;
    }
    QDialog::reject();
}

} // namespace pos::ui
