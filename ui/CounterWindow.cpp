#include "CounterWindow.h"

#include "AmountDialog.h"
#include "Banner.h"
#include "CartModel.h"
#include "CounterStatusBar.h"
#include "HeldSalesDialog.h"
#include "ReceiptDialog.h"
#include "SearchResultsList.h"
#include "ShiftFlow.h"
#include "SyncContext.h"
#include "SyncStatusWidget.h"
#include "TenderDialog.h"
#include "TotalsPanel.h"

#include <QAction>
#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int SearchDelayMs = 100;
constexpr int SearchLimit = 20;
} // namespace

CounterWindow::CounterWindow(CounterContext context, QWidget* parent)
    : QMainWindow(parent), m_ctx(std::move(context)), m_cart(m_ctx.settings.currency)
{
    setObjectName(QStringLiteral("counterWindow"));
    setWindowTitle(
        tr("Counter — %1 — %2").arg(m_ctx.settings.storeName, m_ctx.settings.registerName));
    buildUi();
    m_menus = new CounterMenus(this);
    connect(m_menus, &CounterMenus::triggered, this, &CounterWindow::runMenuCommand);
    applyPermissions();
    refresh();
    refreshShift();
    backToScan();
}

CounterWindow::~CounterWindow() = default;

void CounterWindow::buildUi()
{
    auto* central = new QWidget(this);
    central->setObjectName(QStringLiteral("counterCentral"));
    auto* layout = new QVBoxLayout(central);

    m_scan = new QLineEdit(central);
    m_scan->setObjectName(QStringLiteral("scanField"));
    m_scan->setAccessibleName(tr("Scan or search"));
    m_scan->setPlaceholderText(tr("Scan a barcode, or type a name or SKU"));
    m_scan->setClearButtonEnabled(true);
    m_scan->installEventFilter(this);
    layout->addWidget(m_scan);

    m_banner = new Banner(central);
    layout->addWidget(m_banner);

    auto* body = new QHBoxLayout;
    m_model = new CartModel(this);
    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("cartView"));
    m_table->setAccessibleName(tr("Cart"));
    m_table->setModel(m_model);
    m_table->setFocusPolicy(Qt::NoFocus); // the scan field keeps the keyboard
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(48);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CartModel::Name, QHeaderView::Stretch);
    body->addWidget(m_table, 1);

    m_emptyHint =
        new QLabel(tr("Scan an item or type its name to start a sale."), m_table->viewport());
    m_emptyHint->setObjectName(QStringLiteral("emptyCartHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_table->viewport()->installEventFilter(this);

    m_side = new QWidget(central);
    m_side->setObjectName(QStringLiteral("sidePanel"));
    m_side->setFixedWidth(400);
    auto* side = new QVBoxLayout(m_side);
    side->setContentsMargins(0, 0, 0, 0);
    m_totals = new TotalsPanel(m_side);
    side->addWidget(m_totals, 1);
    body->addWidget(m_side);
    layout->addLayout(body, 1);

    m_commandBar = new QWidget(central);
    m_commandBar->setObjectName(QStringLiteral("commandBar"));
    auto* commands = new QGridLayout(m_commandBar);
    commands->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_commandBar);

    const QList<QPushButton*> buttons = {
        addCommand(tr("Quantity"), {Qt::Key_F2}, QStringLiteral("quantityButton"),
                   &CounterWindow::changeQuantity),
        addCommand(tr("Line discount"), {Qt::Key_F3}, QStringLiteral("lineDiscountButton"),
                   &CounterWindow::lineDiscount),
        addCommand(tr("Order discount"), {QKeySequence(Qt::SHIFT | Qt::Key_F3)},
                   QStringLiteral("orderDiscountButton"), &CounterWindow::orderDiscount),
        addCommand(tr("Remove line"), {QKeySequence::Delete}, QStringLiteral("removeButton"),
                   &CounterWindow::removeLine),
        addCommand(tr("Hold sale"), {Qt::Key_F5}, QStringLiteral("holdButton"),
                   &CounterWindow::holdSale),
        addCommand(tr("Held sales"), {Qt::Key_F6}, QStringLiteral("heldButton"),
                   &CounterWindow::showHeldSales),
        addCommand(tr("New sale"), {Qt::Key_F8}, QStringLiteral("newSaleButton"),
                   &CounterWindow::newSale),
    };
    for (int i = 0; i < buttons.size(); ++i)
        commands->addWidget(buttons.at(i), 0, i);

    // Customer and shift sit above PAY: nine buttons in one row would widen the window past a
    // 1366-pixel screen in German.
    auto* sideCommands = new QHBoxLayout;
    sideCommands->addWidget(addCommand(tr("Customer"), {Qt::Key_F7},
                                       QStringLiteral("customerButton"),
                                       &CounterWindow::chooseCustomer));
    sideCommands->addWidget(addCommand(tr("Shift"), {Qt::Key_F10}, QStringLiteral("shiftButton"),
                                       &CounterWindow::shiftOperations));
    side->addLayout(sideCommands);

    QPushButton* payButton = addCommand(tr("PAY"), {Qt::Key_F4, Qt::Key_F12},
                                        QStringLiteral("payButton"), &CounterWindow::pay);
    payButton->setProperty("role", QStringLiteral("primary"));
    side->addWidget(payButton);

    m_results = new SearchResultsList(central);
    m_results->hide();
    connect(m_results, &SearchResultsList::productChosen, this,
            [this](const Product& p) { addProduct(p); });

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &CounterWindow::search);
    connect(m_scan, &QLineEdit::textEdited, this, [this](const QString& text) {
        const bool wordy =
            std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLetter(); });
        if (wordy && !text.trimmed().isEmpty()) {
            m_searchTimer->start();
        } else {
            m_searchTimer->stop();
            hideResults();
        }
    });

    setCentralWidget(central);
    m_status = new CounterStatusBar(this);
    m_status->setPlace(m_ctx.settings.storeName, m_ctx.settings.registerName);
    m_status->setCashier(m_ctx.session.userName);
    setStatusBar(m_status);
    // Sync (issue 5): the status bar follows the engine; a click opens the sync screen.
    if (m_ctx.sync)
        m_status->syncStatus()->setEngine(m_ctx.sync->engine);
    connect(m_status->syncStatus(), &SyncStatusWidget::activated, this,
            [this] { runMenuCommand(CounterMenus::Command::Sync); });
}

QPushButton* CounterWindow::addCommand(const QString& text, const QList<QKeySequence>& keys,
                                       const QString& name, void (CounterWindow::*slot)())
{
    auto* action = new QAction(text, this);
    action->setObjectName(name + QStringLiteral("Action"));
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    addAction(action);
    connect(action, &QAction::triggered, this, slot);

    QStringList shown;
    for (const QKeySequence& k : keys)
        shown << k.toString(QKeySequence::NativeText);
    auto* button = new QPushButton(text + u'\n' + shown.join(tr(" or ")), this);
    button->setObjectName(name);
    button->setAccessibleName(text);
    button->setAccessibleDescription(tr("Shortcut: %1").arg(shown.join(tr(" or "))));
    button->setFocusPolicy(Qt::NoFocus);
    button->setProperty("role", QStringLiteral("command"));
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

bool CounterWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_emptyHint->setGeometry(m_table->viewport()->rect());
    if (watched != m_scan || event->type() != QEvent::KeyPress)
        return QMainWindow::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool resultsOpen = !m_results->isHidden();
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        submitScan();
        return true;
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int delta = key->key() == Qt::Key_Up ? -1 : 1;
        if (resultsOpen)
            m_results->moveSelection(delta);
        else
            moveCartSelection(delta);
        return true;
    }
    case Qt::Key_Escape:
        if (resultsOpen) {
            m_searchTimer->stop();
            hideResults();
        } else {
            m_scan->clear();
            m_banner->clear();
        }
        return true;
    case Qt::Key_Delete:
        if (m_scan->text().isEmpty() && key->modifiers() == Qt::NoModifier) {
            removeLine();
            return true;
        }
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void CounterWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    if (!m_results->isHidden())
        placeResults();
}

void CounterWindow::submitScan()
{
    m_searchTimer->stop();
    if (!m_results->isHidden()) {
        if (const Product* p = m_results->current()) {
            const Product chosen = *p;
            addProduct(chosen);
            return;
        }
    }
    hideResults();
    const QString text = m_scan->text().trimmed();
    if (text.isEmpty())
        return;
    auto product = m_ctx.catalog.lookupScan(m_ctx.session, text);
    if (!product) {
        m_banner->showError(product.error().message);
        m_scan->selectAll(); // the next scan replaces the bad code
        return;
    }
    addProduct(*product);
}

void CounterWindow::addProduct(const Product& product)
{
    hideResults();
    Quantity quantity = Quantity::units(1);
    if (product.soldByWeight) {
        // No scale is connected: the cashier keys the weight. Core parses and checks it.
        bool chosen = false;
        AmountDialog dialog(
            tr("Weight"), tr("Weight of %1 in kg (for example 0.250):").arg(product.name), {},
            [&quantity, &chosen](const QString& text) -> Status {
                auto q = Quantity::parse(text);
                if (!q)
                    return std::unexpected(q.error());
                quantity = *q;
                chosen = true;
                return {};
            },
            this);
        dialog.setObjectName(QStringLiteral("weightDialog"));
        if (dialog.exec() != QDialog::Accepted || !chosen) {
            backToScan();
            return;
        }
    }
    const bool first = m_cart.isEmpty();
    Cart before = m_cart;
    if (first)
        m_cart.setStartedAt(m_ctx.clock.nowUtc());
    auto line = m_cart.addProduct(product, quantity);
    if (!line) {
        m_cart = std::move(before);
        m_banner->showError(line.error().message);
        backToScan();
        return;
    }
    m_scan->clear();
    m_banner->clear();
    refresh(*line);
    backToScan();
}

void CounterWindow::search()
{
    const QString text = m_scan->text().trimmed();
    if (text.isEmpty()) {
        hideResults();
        return;
    }
    auto found = m_ctx.catalog.search(m_ctx.session, text, SearchLimit);
    if (!found) {
        hideResults();
        m_banner->showError(found.error().message);
        return;
    }
    m_results->setProducts(*found);
    if (found->isEmpty()) {
        hideResults();
        return;
    }
    placeResults();
    m_results->show();
    m_results->raise();
}

void CounterWindow::placeResults()
{
    const QRect field = m_scan->geometry();
    const int rowHeight = std::max(m_results->sizeHintForRow(0), 40);
    const int rows = std::min(static_cast<int>(m_results->count()), 8);
    const int available = centralWidget()->height() - field.bottom() - 8;
    const int height = std::min(rows * rowHeight + 2 * m_results->frameWidth() + 4, available);
    m_results->setGeometry(field.left(), field.bottom() + 2, field.width(), height);
}

void CounterWindow::hideResults()
{
    m_results->hide();
    m_results->setCurrentRow(-1);
}

void CounterWindow::moveCartSelection(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    int row = selectedLine();
    row = row < 0 ? (delta < 0 ? rows - 1 : 0) : std::clamp(row + delta, 0, rows - 1);
    m_table->selectRow(row);
}

int CounterWindow::selectedLine() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid() && m_table->selectionModel()->isRowSelected(current.row()))
        return current.row();
    return -1;
}

void CounterWindow::refresh(int selectLine)
{
    auto totals = m_cart.totals();
    if (!totals) {
        m_banner->showError(totals.error().message);
        return;
    }
    m_model->setCart(m_cart.lines(), *totals);
    m_totals->setTotals(*totals);
    refreshCustomer();
    m_emptyHint->setGeometry(m_table->viewport()->rect());
    m_emptyHint->setVisible(m_cart.isEmpty());
    if (selectLine >= 0 && selectLine < m_model->rowCount()) {
        m_table->selectRow(selectLine);
        m_table->scrollTo(m_model->index(selectLine, 0));
    }
}

void CounterWindow::refreshShift()
{
    auto shift = m_ctx.shifts.current(m_ctx.session);
    if (!shift) {
        m_status->setShift(tr("No open shift"));
        return;
    }
    m_status->setShift(ShiftFlow::summary(*shift));
}

void CounterWindow::refreshCustomer()
{
    // The cart carries only the id (also through hold and resume); the name comes from core.
    const qint64 id = m_cart.customerId();
    if (id != m_shownCustomerId) {
        m_shownCustomerId = id;
        m_customerName.clear();
        if (id != 0) {
            auto customer = m_ctx.customers.find(m_ctx.session, id);
            m_customerName = customer ? customer->name : tr("Customer %1").arg(id);
        }
    }
    m_totals->setCustomer(m_customerName);
}

void CounterWindow::backToScan()
{
    // After a dialog the counter takes the keyboard back at once, even where no window manager
    // hands activation back (kiosk sessions, offscreen tests).
    if (isVisible() && !isActiveWindow() && !QApplication::activeModalWidget())
        activateWindow();
    m_scan->setFocus(Qt::OtherFocusReason);
}

bool CounterWindow::confirm(const QString& title, const QString& text, bool defaultYes)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("confirmBox"));
    box.button(QMessageBox::Yes)->setText(defaultYes ? tr("Yes (Enter)") : tr("Yes"));
    box.button(QMessageBox::No)->setText(defaultYes ? tr("No (Esc)") : tr("No (Enter or Esc)"));
    box.setDefaultButton(defaultYes ? QMessageBox::Yes : QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    const bool yes = box.exec() == QMessageBox::Yes;
    backToScan();
    return yes;
}

void CounterWindow::startNewSale()
{
    m_cart = Cart(m_ctx.settings.currency);
    m_scan->clear();
    hideResults();
    refresh();
    backToScan();
}

} // namespace pos::ui
