#pragma once

#include "staff/AuthService.h"
#include "staff/Session.h"

#include <QWidget>
#include <optional>

class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace pos::ui {

class PinPad;

// AUTH-1/2/4 on screen. Two steps: who (a tile per person of this store, or their user code
// typed and Enter), then proof: the PIN pad for counter staff, a password (and the code from the
// authenticator app for owners) for everyone else. Core (AuthService) judges every attempt; its
// answer is shown in plain words (wrong, or locked with the wait) and the secret fields are
// cleared after each try.
//
// Sign-in mode (at start): a new session. Unlock mode (the counter locked itself or was locked):
// the locked person proves it again and their session carries on, or "Switch user" lets someone
// else sign in; then the old session ends as switched away and the new one replaces it.
class LockScreen final : public QWidget {
    Q_OBJECT
public:
    explicit LockScreen(AuthService& auth, QWidget* parent = nullptr);

    // Nobody is signed in: choose who. note: shown above the tiles (why we are here).
    void showSignIn(const QString& note = {});
    // session is locked: it asks that person first.
    void showLocked(const Session& session);
    // session hands over: someone else signs in (or goes back to session's person).
    void showSwitch(const Session& session);
    // At start there is nobody to go back to: a Quit button ends the program.
    void setQuitAllowed(bool allowed);

    bool isUnlocking() const { return m_locked.has_value(); }
    // Gives the keyboard to the field that is asked for now (after a dialog closed, say).
    void takeFocus() { focusFirstField(); }

signals:
    // A new session: a sign-in, or someone else took over a locked register (the old session
    // has been ended as switched away).
    void signedIn(const pos::Session& session);
    // The locked session proved itself again and carries on.
    void unlocked();
    void quitRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildChoosePage();
    QWidget* buildProvePage();
    void showChoose();
    void loadTiles();
    void chooseCode();
    void prove(const StaffTile& who, bool known);
    void submit();
    void succeeded(Session session);
    void failed(const Error& error);
    void showError(const QString& message);
    void clearSecrets();
    void focusFirstField();

    AuthService& m_auth;
    std::optional<Session> m_locked;
    QList<StaffTile> m_tiles;
    StaffTile m_chosen;       // for an unknown code: only the code, PIN pad
    bool m_switching = false; // unlock mode, someone else signs in

    QStackedWidget* m_pages = nullptr;
    QWidget* m_choosePage = nullptr;
    QWidget* m_provePage = nullptr;
    QLabel* m_chooseTitle = nullptr;
    QLabel* m_note = nullptr;
    QWidget* m_tileBox = nullptr;
    QGridLayout* m_tileGrid = nullptr;
    QLineEdit* m_code = nullptr;
    QPushButton* m_backToLocked = nullptr;
    QPushButton* m_quit = nullptr;

    QLabel* m_proveTitle = nullptr;
    QLabel* m_who = nullptr;
    PinPad* m_pinPad = nullptr;
    QWidget* m_passwordBox = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_totpLabel = nullptr;
    QLineEdit* m_totp = nullptr;
    QPushButton* m_signIn = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_otherUser = nullptr;
};

} // namespace pos::ui
