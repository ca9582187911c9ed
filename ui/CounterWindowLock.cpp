// AUTH-4 at the counter: the Lock command (Ctrl+L), idle auto-lock and switching user. While
// locked the counter's own content is hidden (a stacked widget shows the lock screen instead),
// its commands and menus are disabled, and the sale in progress stays untouched in m_cart:
// unlocking (the same person's PIN or password) or a new person signing in brings it back.
// Kept apart from CounterWindow.cpp so the lock is one piece.
#include "CounterWindow.h"

#include "CounterStatusBar.h"
#include "IdleLock.h"
#include "LockScreen.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTimer>

namespace pos::ui {

void CounterWindow::enableLocking(AuthService& auth)
{
    if (m_lockScreen)
        return;
    m_auth = &auth;
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("counterStack"));
    m_counterPage = takeCentralWidget();
    m_stack->addWidget(m_counterPage);
    m_lockScreen = new LockScreen(auth, m_stack);
    m_stack->addWidget(m_lockScreen);
    m_stack->setCurrentWidget(m_counterPage);
    setCentralWidget(m_stack);
    m_stack->show(); // at once, not when the event loop next runs
    connect(m_lockScreen, &LockScreen::unlocked, this, &CounterWindow::resumeAfterLock);
    connect(m_lockScreen, &LockScreen::signedIn, this,
            [this](const Session& session) { takeOver(session); });

    m_lockAction = new QAction(tr("&Lock"), this);
    m_lockAction->setObjectName(QStringLiteral("lockAction"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_lockAction, &QAction::triggered, this, &CounterWindow::lock);
    addAction(m_lockAction);
    m_switchAction = new QAction(tr("S&witch user…"), this);
    m_switchAction->setObjectName(QStringLiteral("switchUserAction"));
    m_switchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_switchAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_switchAction, &QAction::triggered, this, &CounterWindow::switchUser);
    addAction(m_switchAction);
    addLockMenu();

    m_idle = new IdleLock(this);
    auto seconds = auth.idleLockSeconds();
    m_idle->setInterval(std::chrono::seconds(seconds ? *seconds : 300));
    connect(m_idle, &IdleLock::idle, this, &CounterWindow::lock);
    m_idle->start();
    backToScan(); // moving the content into the stack took the focus away
}

void CounterWindow::addLockMenu()
{
    // The menu bar may be rebuilt for another session's permissions; the actions stay the
    // window's, so they are only added to the new bar again.
    if (!m_lockAction || menuBar()->findChild<QMenu*>(QStringLiteral("userMenu")))
        return;
    QMenu* menu = menuBar()->addMenu(tr("&User"));
    menu->setObjectName(QStringLiteral("userMenu"));
    menu->addAction(m_lockAction);
    menu->addAction(m_switchAction);
    menuBar()->setVisible(true);
}

bool CounterWindow::isLocked() const
{
    return m_stack && m_stack->currentWidget() == m_lockScreen;
}

void CounterWindow::lock()
{
    showLockScreen(false);
}

void CounterWindow::switchUser()
{
    showLockScreen(true);
}

void CounterWindow::showLockScreen(bool switching)
{
    if (!m_lockScreen || isLocked())
        return;
    m_idle->stop();
    // Whatever dialog was open (a payment, a discount...) is cancelled: nothing of the counter
    // may stay usable behind the lock. Each of them leaves the sale as it was when cancelled.
    for (int guard = 0; guard < 16; ++guard) {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            break;
        dialog->reject();
    }
    hideResults();
    // Every command and menu entry goes dark; what was enabled comes back on unlock.
    m_disabledByLock.clear();
    QList<QAction*> actions = this->actions();
    actions += menuBar()->findChildren<QAction*>();
    for (QAction* action : std::as_const(actions)) {
        if (action->isEnabled() && action != m_lockAction && action != m_switchAction) {
            action->setEnabled(false);
            m_disabledByLock.append(action);
        }
    }
    m_lockAction->setEnabled(false);
    m_switchAction->setEnabled(false);
    m_menuBarWasVisible = menuBar()->isVisible();
    menuBar()->hide();
    m_stack->setCurrentWidget(m_lockScreen);
    if (switching)
        m_lockScreen->showSwitch(m_ctx.session);
    else
        m_lockScreen->showLocked(m_ctx.session);
    m_status->setCashier(tr("%1 (locked)").arg(m_ctx.session.userName));
    if (!isActiveWindow() && isVisible())
        activateWindow();
    // A dialog that just closed hands the focus back to the window later: take it then too.
    QTimer::singleShot(0, m_lockScreen, [this] { m_lockScreen->takeFocus(); });
}

void CounterWindow::resumeAfterLock()
{
    for (const QPointer<QAction>& action : std::as_const(m_disabledByLock))
        if (action)
            action->setEnabled(true);
    m_disabledByLock.clear();
    m_lockAction->setEnabled(true);
    m_switchAction->setEnabled(true);
    menuBar()->setVisible(m_menuBarWasVisible);
    m_stack->setCurrentWidget(m_counterPage);
    m_status->setCashier(m_ctx.session.userName);
    m_idle->start();
    refreshShift();
    backToScan();
}

void CounterWindow::takeOver(const Session& session)
{
    // The previous session has been ended as switched away (LockScreen did); the cart stays.
    m_ctx.session = session;
    resumeAfterLock();
    setSession(session); // menus and command keys for the new person's role, User menu again
}

} // namespace pos::ui
