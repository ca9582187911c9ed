#include "LockScreen.h"

#include "PinPad.h"
#include "WrappedLabel.h"

#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int TileColumns = 3;
constexpr int ContentWidth = 860;
constexpr int TileHeight = 96;

SecretBytes takeText(QLineEdit* field)
{
    QByteArray utf8 = field->text().toUtf8();
    field->clear();
    return SecretBytes::takeFrom(utf8);
}

QLabel* title(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setProperty("role", QStringLiteral("big"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}
} // namespace

LockScreen::LockScreen(AuthService& auth, QWidget* parent) : QWidget(parent), m_auth(auth)
{
    setObjectName(QStringLiteral("lockScreen"));
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    m_pages = new QStackedWidget(this);
    m_pages->setMaximumWidth(ContentWidth);
    m_pages->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_choosePage = buildChoosePage();
    m_provePage = buildProvePage();
    m_pages->addWidget(m_choosePage);
    m_pages->addWidget(m_provePage);
    outer->addWidget(m_pages, 4);
    outer->addStretch(1);
    setQuitAllowed(false);
}

QWidget* LockScreen::buildChoosePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_chooseTitle = title(page, QStringLiteral("chooseTitle"));
    layout->addWidget(m_chooseTitle);
    m_note = new QLabel(page);
    m_note->setObjectName(QStringLiteral("lockNote"));
    m_note->setWordWrap(true);
    m_note->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_note);

    auto* codeRow = new QHBoxLayout;
    auto* codeLabel = new QLabel(tr("Your &user code:"), page);
    m_code = new QLineEdit(page);
    m_code->setObjectName(QStringLiteral("userCodeField"));
    m_code->setAccessibleName(tr("User code"));
    m_code->setMaxLength(16);
    m_code->setProperty("role", QStringLiteral("bigInput"));
    codeLabel->setBuddy(m_code);
    auto* next = new QPushButton(tr("Next (Enter)"), page);
    next->setObjectName(QStringLiteral("userCodeNext"));
    next->setFocusPolicy(Qt::NoFocus);
    connect(next, &QPushButton::clicked, this, &LockScreen::chooseCode);
    connect(m_code, &QLineEdit::returnPressed, this, &LockScreen::chooseCode);
    codeRow->addWidget(codeLabel);
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(next);
    layout->addLayout(codeRow);

    auto* touch = new QLabel(tr("Or touch your name:"), page);
    touch->setObjectName(QStringLiteral("tilesCaption"));
    layout->addWidget(touch);
    auto* scroll = new QScrollArea(page);
    scroll->setObjectName(QStringLiteral("userTiles"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    // The tiles sit on the screen's own background, not on a grey box.
    scroll->setStyleSheet(QStringLiteral("QScrollArea, QScrollArea > QWidget > QWidget "
                                         "{ background: transparent; }"));
    m_tileBox = new QWidget(scroll);
    m_tileGrid = new QGridLayout(m_tileBox);
    m_tileGrid->setSpacing(10);
    m_tileGrid->setContentsMargins(0, 0, 0, 0);
    m_tileGrid->setAlignment(Qt::AlignTop);
    for (int c = 0; c < TileColumns; ++c)
        m_tileGrid->setColumnStretch(c, 1); // tiles of one width, whatever the names
    scroll->setWidget(m_tileBox);
    layout->addWidget(scroll, 1);

    auto* buttons = new QHBoxLayout;
    m_backToLocked = new QPushButton(page);
    m_backToLocked->setObjectName(QStringLiteral("backToLocked"));
    m_backToLocked->setFocusPolicy(Qt::NoFocus);
    connect(m_backToLocked, &QPushButton::clicked, this, [this] {
        m_switching = false;
        const StaffTile* tile = nullptr;
        for (const StaffTile& t : std::as_const(m_tiles))
            if (t.userId == m_locked->userId)
                tile = &t;
        if (tile)
            prove(*tile, true);
    });
    m_quit = new QPushButton(tr("Quit"), page);
    m_quit->setObjectName(QStringLiteral("lockQuit"));
    m_quit->setFocusPolicy(Qt::NoFocus);
    connect(m_quit, &QPushButton::clicked, this, &LockScreen::quitRequested);
    buttons->addWidget(m_backToLocked);
    buttons->addStretch(1);
    buttons->addWidget(m_quit);
    layout->addLayout(buttons);
    return page;
}

QWidget* LockScreen::buildProvePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(1);
    m_proveTitle = title(page, QStringLiteral("proveTitle"));
    layout->addWidget(m_proveTitle);
    m_who = new QLabel(page);
    m_who->setObjectName(QStringLiteral("lockWho"));
    m_who->setAlignment(Qt::AlignCenter);
    m_who->setWordWrap(true);
    layout->addWidget(m_who);

    m_error = new QLabel(page);
    m_error->setObjectName(QStringLiteral("lockError"));
    m_error->setProperty("kind", QStringLiteral("error"));
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto* pinRow = new QHBoxLayout;
    m_pinPad = new PinPad(page);
    m_pinPad->setFixedWidth(360);
    connect(m_pinPad, &PinPad::submitted, this, &LockScreen::submit);
    pinRow->addStretch(1);
    pinRow->addWidget(m_pinPad);
    pinRow->addStretch(1);
    layout->addLayout(pinRow);

    m_passwordBox = new QWidget(page);
    auto* form = new QGridLayout(m_passwordBox);
    auto* passwordLabel = new QLabel(tr("&Password:"), m_passwordBox);
    m_password = new QLineEdit(m_passwordBox);
    m_password->setObjectName(QStringLiteral("passwordField"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setContextMenuPolicy(Qt::NoContextMenu);
    passwordLabel->setBuddy(m_password);
    form->addWidget(passwordLabel, 0, 0);
    form->addWidget(m_password, 0, 1);
    m_totpLabel = new QLabel(tr("&Code from your authenticator app:"), m_passwordBox);
    m_totpLabel->setWordWrap(true);
    m_totp = new QLineEdit(m_passwordBox);
    m_totp->setObjectName(QStringLiteral("totpField"));
    m_totp->setAccessibleName(tr("Code from your authenticator app"));
    m_totp->setMaxLength(8);
    m_totp->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_totp));
    m_totp->setContextMenuPolicy(Qt::NoContextMenu);
    m_totpLabel->setBuddy(m_totp);
    form->addWidget(m_totpLabel, 1, 0);
    form->addWidget(m_totp, 1, 1);
    m_signIn = new QPushButton(tr("Sign in (Enter)"), m_passwordBox);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setProperty("role", QStringLiteral("primary"));
    m_signIn->setFocusPolicy(Qt::NoFocus);
    form->addWidget(m_signIn, 2, 1);
    form->setColumnStretch(1, 1);
    connect(m_signIn, &QPushButton::clicked, this, &LockScreen::submit);
    // Enter in the password moves on to the code when one is still needed; otherwise it signs in.
    connect(m_password, &QLineEdit::returnPressed, this, [this] {
        if (m_totp->isVisible() && m_totp->text().isEmpty())
            m_totp->setFocus(Qt::OtherFocusReason);
        else
            submit();
    });
    connect(m_totp, &QLineEdit::returnPressed, this, &LockScreen::submit);
    m_passwordBox->setFixedWidth(680);
    layout->addWidget(m_passwordBox, 0, Qt::AlignHCenter);
    m_passwordBox->hide(); // until someone who signs in with a password is chosen
    layout->addStretch(2);

    m_otherUser = new QPushButton(page);
    m_otherUser->setObjectName(QStringLiteral("switchUserButton"));
    m_otherUser->setFocusPolicy(Qt::NoFocus);
    connect(m_otherUser, &QPushButton::clicked, this, [this] {
        clearSecrets();
        m_switching = m_locked.has_value();
        showChoose();
    });
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_otherUser);
    bottom->addStretch(1);
    layout->addLayout(bottom);
    return page;
}

void LockScreen::setQuitAllowed(bool allowed)
{
    m_quit->setVisible(allowed);
}

void LockScreen::showSignIn(const QString& note)
{
    m_locked.reset();
    m_switching = false;
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    showChoose();
}

void LockScreen::showLocked(const Session& session)
{
    m_locked = session;
    m_switching = false;
    m_note->clear();
    m_note->hide();
    loadTiles();
    for (const StaffTile& t : std::as_const(m_tiles)) {
        if (t.userId == session.userId) {
            prove(t, true);
            return;
        }
    }
    // No longer a user of this store (deactivated, moved): someone has to sign in.
    m_locked.reset();
    showSignIn(tr("%1 can no longer sign in here. Someone else has to sign in; the sale stays.")
                   .arg(session.userName));
}

void LockScreen::showSwitch(const Session& session)
{
    showLocked(session);
    if (m_locked) {
        m_switching = true;
        showChoose();
    }
}

void LockScreen::showChoose()
{
    clearSecrets();
    m_chooseTitle->setText(m_switching ? tr("Who takes over this register?")
                                       : tr("Who is signing in?"));
    m_backToLocked->setVisible(m_switching);
    if (m_switching)
        m_backToLocked->setText(tr("Back to %1").arg(m_locked->userName));
    loadTiles();
    m_code->clear();
    m_pages->setCurrentWidget(m_choosePage);
    focusFirstField();
}

void LockScreen::loadTiles()
{
    while (QLayoutItem* item = m_tileGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto tiles = m_auth.tiles();
    m_tiles = tiles ? *tiles : QList<StaffTile>{};
    if (!tiles) {
        auto* problem = new QLabel(WrappedLabel::sentence(tiles.error().message), m_tileBox);
        problem->setProperty("kind", QStringLiteral("error"));
        problem->setWordWrap(true);
        m_tileGrid->addWidget(problem, 0, 0, 1, TileColumns);
        return;
    }
    for (int i = 0; i < m_tiles.size(); ++i) {
        const StaffTile& t = m_tiles.at(i);
        auto* tile = new QPushButton(m_tileBox);
        // The style sheet's font is there once polished: long names end in "..." instead of
        // being cut at both sides.
        tile->ensurePolished();
        const int textWidth = ContentWidth / TileColumns - 48;
        tile->setText(tile->fontMetrics().elidedText(t.name, Qt::ElideRight, textWidth) + u'\n' +
                      roleTitle(t.role));
        tile->setObjectName(QStringLiteral("userTile"));
        tile->setProperty("userCode", t.code);
        tile->setProperty("role", QStringLiteral("userTile"));
        tile->setAccessibleName(tr("%1, %2").arg(t.name, roleTitle(t.role)));
        tile->setFocusPolicy(Qt::NoFocus);
        tile->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        tile->setStyleSheet(QStringLiteral("min-height: %1px;").arg(TileHeight));
        tile->setToolTip(tile->accessibleName());
        const StaffTile copy = t;
        connect(tile, &QPushButton::clicked, this, [this, copy] { prove(copy, true); });
        m_tileGrid->addWidget(tile, i / TileColumns, i % TileColumns);
    }
}

void LockScreen::chooseCode()
{
    const QString code = m_code->text().trimmed();
    if (code.isEmpty()) {
        focusFirstField();
        return;
    }
    for (const StaffTile& t : std::as_const(m_tiles)) {
        if (t.code == code) {
            prove(t, true);
            return;
        }
    }
    // Not one of the tiles: ask for a PIN all the same and let core refuse it, so the screen
    // does not tell which codes exist.
    StaffTile unknown;
    unknown.code = code;
    unknown.signsInWithPin = true;
    prove(unknown, false);
}

void LockScreen::prove(const StaffTile& who, bool known)
{
    clearSecrets();
    m_chosen = who;
    m_error->hide();
    const bool unlocking = m_locked && !m_switching && who.userId == m_locked->userId;
    if (unlocking) {
        m_proveTitle->setText(tr("Locked"));
        m_who->setText(
            who.signsInWithPin
                ? tr("%1 (%2): enter your PIN to carry on.").arg(who.name, roleTitle(who.role))
                : tr("%1 (%2): enter your password to carry on.")
                      .arg(who.name, roleTitle(who.role)));
        m_otherUser->setText(tr("Switch user"));
    } else {
        m_proveTitle->setText(known ? who.name : tr("User %1").arg(who.code));
        m_who->setText(known ? roleTitle(who.role) : QString());
        m_otherUser->setText(m_switching ? tr("Back") : tr("Someone else"));
    }
    m_pinPad->setVisible(who.signsInWithPin);
    m_passwordBox->setVisible(!who.signsInWithPin);
    m_totpLabel->setVisible(who.needsTotp);
    m_totp->setVisible(who.needsTotp);
    m_pages->setCurrentWidget(m_provePage);
    focusFirstField();
}

void LockScreen::submit()
{
    SecretBytes secret = m_chosen.signsInWithPin ? m_pinPad->takePin() : takeText(m_password);
    SecretBytes code = m_chosen.needsTotp ? takeText(m_totp) : SecretBytes{};
    if (secret.isEmpty()) {
        showError(m_chosen.signsInWithPin ? tr("Enter your PIN.") : tr("Enter your password."));
        return;
    }
    if (m_chosen.needsTotp && code.isEmpty()) {
        showError(tr("Enter the code your authenticator app shows now."));
        return;
    }
    const bool unlocking = m_locked && !m_switching && m_chosen.userId == m_locked->userId;
    QApplication::setOverrideCursor(Qt::WaitCursor); // hashing takes a moment on purpose
    if (unlocking) {
        const Status done = m_auth.unlock(*m_locked, secret, code);
        QApplication::restoreOverrideCursor();
        if (done) {
            m_error->hide();
            emit unlocked();
        } else if (done.error().code == ErrorCode::Unauthenticated) {
            // The session was ended meanwhile (a password change elsewhere...): sign in anew.
            const QString name = m_locked->userName;
            m_switching = true;
            showChoose();
            m_note->setText(
                tr("The session of %1 has ended. Sign in again; the sale stays.").arg(name));
            m_note->show();
        } else {
            failed(done.error());
        }
        return;
    }
    auto session = m_auth.signIn(m_chosen.code, secret, code);
    QApplication::restoreOverrideCursor();
    if (!session) {
        failed(session.error());
        return;
    }
    succeeded(std::move(*session));
}

void LockScreen::succeeded(Session session)
{
    m_error->hide();
    if (m_locked) {
        // Someone else took over the register: the locked session ends, the sale stays.
        if (auto ended = m_auth.switchedAway(*m_locked); !ended)
            qWarning("LockScreen: the previous session could not be ended: %s",
                     qPrintable(ended.error().message));
        m_locked.reset();
        m_switching = false;
    }
    emit signedIn(session);
}

void LockScreen::failed(const Error& error)
{
    showError(WrappedLabel::sentence(error.message));
}

void LockScreen::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    QApplication::beep();
    focusFirstField();
}

void LockScreen::clearSecrets()
{
    m_pinPad->clear();
    m_password->clear();
    m_totp->clear();
}

void LockScreen::focusFirstField()
{
    if (m_pages->currentWidget() == m_choosePage)
        m_code->setFocus(Qt::OtherFocusReason);
    else if (m_chosen.signsInWithPin)
        m_pinPad->field()->setFocus(Qt::OtherFocusReason);
    else
        m_password->setFocus(Qt::OtherFocusReason);
}

void LockScreen::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    focusFirstField();
}

} // namespace pos::ui
