#pragma once

#include "ApprovalFlow.h"
#include "CounterContext.h"
#include "CounterMenus.h"
#include "sales/Cart.h"

#include <QMainWindow>
#include <QPointer>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace pos {
class AuthService;
}

namespace pos::ui {

class Banner;
class CartModel;
class CounterStatusBar;
class IdleLock;
class LockScreen;
class SearchResultsList;
class TotalsPanel;

// The counter screen a cashier runs all day with keyboard and barcode scanner. The scan field
// keeps the focus; Enter looks the code up, letters search as you type. Every rule (prices,
// totals, validation, completing a sale) is core's: this window calls the services and shows
// their answers and their error messages.
class CounterWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit CounterWindow(CounterContext context, QWidget* parent = nullptr);
    ~CounterWindow() override;

    const Cart& cart() const { return m_cart; }
    QLineEdit* scanField() const { return m_scan; }

    // Someone else acts at the counter now (CounterWindowBackOffice.cpp): menus and command keys
    // are rebuilt for their permissions; the open sale stays.
    void setSession(const Session& session);

    // AUTH-4 (CounterWindowLock.cpp): the Lock command (Ctrl+L), idle auto-lock after
    // auth.idleLockSeconds() and Switch user; the open sale stays through all of them.
    void enableLocking(AuthService& auth);
    bool isLocked() const;
    IdleLock* idleLock() const { return m_idle; }
    const Session& session() const { return m_ctx.session; }

public slots:
    void submitScan();
    void changeQuantity();
    void lineDiscount();
    void orderDiscount();
    void removeLine();
    void pay();
    void holdSale();
    void showHeldSales();
    void newSale();
    void chooseCustomer();
    void shiftOperations();
    void overridePrice();
    void noSale();
    void refund();
    void lock();
    void switchUser();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildUi();
    QPushButton* addCommand(const QString& text, const QList<QKeySequence>& keys,
                            const QString& name, void (CounterWindow::*slot)());
    void addProduct(const Product& product);
    void search();
    void placeResults();
    void hideResults();
    void moveCartSelection(int delta);
    int selectedLine() const;
    bool confirm(const QString& title, const QString& text, bool defaultYes);
    void startNewSale();
    void refresh(int selectLine = -1);
    void refreshShift();
    void refreshCustomer();
    void backToScan();
    // Screens by role and the menu commands (CounterWindowBackOffice.cpp).
    void applyPermissions();
    void runMenuCommand(CounterMenus::Command command);
    void registerSettings();
    // Sync (CounterWindowBackOffice.cpp): the sync screen and connecting to a sync server.
    void showSync();
    void enrolRegister();
    // RBAC-5: runs a counter action through ApprovalFlow; shows a refusal in the banner. True when
    // done; approver: who approved, if anyone did.
    bool withApproval(const ApprovalFlow::Action& action, const ApprovalFlow::Ask& ask,
                      const QString& reason = {}, QString* approver = nullptr);
    // The same, for an AmountDialog's apply: a refusal or a cancelled approval keeps it open.
    Status approvedStatus(const ApprovalFlow::Action& action, const ApprovalFlow::Ask& ask);
    std::optional<QString> askReason(const QString& title, const QString& prompt,
                                     const QString& name);
    void addLockMenu();
    void showLockScreen(bool switching);
    void resumeAfterLock();
    void takeOver(const Session& session);

    CounterContext m_ctx;
    Cart m_cart;
    QLineEdit* m_scan = nullptr;
    Banner* m_banner = nullptr;
    SearchResultsList* m_results = nullptr;
    QTimer* m_searchTimer = nullptr;
    QTableView* m_table = nullptr;
    CartModel* m_model = nullptr;
    TotalsPanel* m_totals = nullptr;
    CounterStatusBar* m_status = nullptr;
    QWidget* m_commandBar = nullptr;
    QWidget* m_side = nullptr;
    QLabel* m_emptyHint = nullptr;
    qint64 m_shownCustomerId = 0; // whose name m_customerName is
    QString m_customerName;
    CounterMenus* m_menus = nullptr;
    // The lock (CounterWindowLock.cpp)
    AuthService* m_auth = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_counterPage = nullptr;
    LockScreen* m_lockScreen = nullptr;
    IdleLock* m_idle = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_switchAction = nullptr;
    QList<QPointer<QAction>> m_disabledByLock;
    bool m_menuBarWasVisible = false;
};

} // namespace pos::ui
