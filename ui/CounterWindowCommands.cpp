// The counter's commands (F2 ... F12): each asks core to change or finish the sale and shows
// core's answer. Kept apart from CounterWindow.cpp (layout, scanning, searching) to keep both
// files small.
#include "CounterWindow.h"

#include "AmountDialog.h"
#include "Banner.h"
#include "CustomerDialog.h"
#include "HeldSalesDialog.h"
#include "MoneyText.h"
#include "ReceiptDialog.h"
#include "ShiftFlow.h"
#include "TenderDialog.h"

#include <QLineEdit>

namespace pos::ui {

void CounterWindow::changeQuantity()
{
    const int line = selectedLine();
    if (line < 0) {
        m_banner->showError(tr("Select a line in the cart first (Up/Down), then press F2."));
        return;
    }
    const CartLine& current = m_cart.lines().at(line);
    const QString prompt = current.soldByWeight
                               ? tr("Weight of %1 in kg (for example 0.250):").arg(current.name)
                               : tr("Quantity of %1:").arg(current.name);
    const QString initial = MoneyText::quantity(current.quantity, false);
    AmountDialog dialog(
        current.soldByWeight ? tr("Weight") : tr("Quantity"), prompt, initial,
        [this, line](const QString& text) -> Status {
            auto q = Quantity::parse(text);
            if (!q)
                return std::unexpected(q.error());
            // Raising is ringing up; lowering is a void of the difference (RBAC-5).
            return approvedStatus(
                [this, line, wanted = *q](const QUuid& id) {
                    return m_ctx.actions.setQuantity(m_ctx.session, m_cart, line, wanted, id);
                },
                [this, line, wanted = *q] {
                    return CounterActions::askSetQuantity(m_cart, line, wanted);
                });
        },
        this);
    dialog.setObjectName(QStringLiteral("quantityDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        m_banner->clear();
        refresh(line);
    }
    backToScan();
}

void CounterWindow::lineDiscount()
{
    const int line = selectedLine();
    if (line < 0) {
        m_banner->showError(tr("Select a line in the cart first (Up/Down), then press F3."));
        return;
    }
    const CartLine& current = m_cart.lines().at(line);
    const QString currency = m_cart.currency();
    AmountDialog dialog(
        tr("Line discount"),
        tr("Discount off %1, as an amount in %2 (0 removes it):").arg(current.name, currency),
        Money(current.lineDiscountMinor, currency).toPlainString(),
        AmountDialog::money(currency,
                            [this, line](qint64 minor) {
                                return approvedStatus(
                                    [this, line, minor](const QUuid& id) {
                                        return m_ctx.actions.setLineDiscount(m_ctx.session, m_cart,
                                                                             line, minor, id);
                                    },
                                    [this, line, minor] {
                                        return CounterActions::askLineDiscount(m_cart, line, minor);
                                    });
                            }),
        this);
    dialog.setObjectName(QStringLiteral("lineDiscountDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        m_banner->clear();
        refresh(line);
    }
    backToScan();
}

void CounterWindow::orderDiscount()
{
    if (m_cart.isEmpty()) {
        m_banner->showError(tr("The cart is empty: scan something first."));
        return;
    }
    const QString currency = m_cart.currency();
    AmountDialog dialog(
        tr("Order discount"),
        tr("Discount off the whole sale, as an amount in %1 (0 removes it):").arg(currency),
        Money(m_cart.orderDiscountMinor(), currency).toPlainString(),
        AmountDialog::money(
            currency,
            [this](qint64 minor) {
                return approvedStatus(
                    [this, minor](const QUuid& id) {
                        return m_ctx.actions.setOrderDiscount(m_ctx.session, m_cart, minor, id);
                    },
                    [this, minor] { return CounterActions::askOrderDiscount(m_cart, minor); });
            }),
        this);
    dialog.setObjectName(QStringLiteral("orderDiscountDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        m_banner->clear();
        refresh(selectedLine());
    }
    backToScan();
}

void CounterWindow::removeLine()
{
    const int line = selectedLine();
    if (line < 0) {
        m_banner->showError(tr("Select a line in the cart first (Up/Down), then press Delete."));
        return;
    }
    const QString name = m_cart.lines().at(line).name;
    if (!confirm(tr("Remove line"), tr("Remove %1 from the sale?").arg(name), true))
        return;
    QString approver;
    if (!withApproval(
            [this, line](const QUuid& id) {
                return m_ctx.actions.voidLine(m_ctx.session, m_cart, line, id);
            },
            [this, line] { return CounterActions::askVoidLine(m_cart, line); }, {}, &approver)) {
        backToScan();
        return;
    }
    m_banner->showInfo(approver.isEmpty() ? tr("Removed %1.").arg(name)
                                          : tr("Removed %1 (approved by %2).").arg(name, approver));
    refresh(std::min(line, static_cast<int>(m_cart.lines().size()) - 1));
    backToScan();
}

void CounterWindow::overridePrice()
{
    hideResults();
    const int line = selectedLine();
    if (line < 0) {
        m_banner->showError(tr("Select a line in the cart first (Up/Down), then press F11."));
        return;
    }
    const CartLine& current = m_cart.lines().at(line);
    const QString currency = m_cart.currency();
    AmountDialog dialog(
        tr("Price of the line"),
        current.soldByWeight ? tr("New price per kg of %1, in %2:").arg(current.name, currency)
                             : tr("New unit price of %1, in %2:").arg(current.name, currency),
        Money(current.unitPriceMinor, currency).toPlainString(),
        AmountDialog::money(
            currency,
            [this, line](qint64 minor) {
                return approvedStatus(
                    [this, line, minor](const QUuid& id) {
                        return m_ctx.actions.overridePrice(m_ctx.session, m_cart, line, minor, id);
                    },
                    [this, line, minor] {
                        return CounterActions::askOverridePrice(m_cart, line, minor);
                    });
            }),
        this);
    dialog.setObjectName(QStringLiteral("priceOverrideDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        m_banner->clear();
        refresh(line);
    }
    backToScan();
}

void CounterWindow::noSale()
{
    hideResults();
    const auto reason = askReason(tr("No sale"), tr("Open the drawer without a sale. Say why:"),
                                  QStringLiteral("noSaleDialog"));
    if (!reason) {
        backToScan();
        return;
    }
    QString approver;
    if (withApproval(
            [this, reason](const QUuid& id) {
                return m_ctx.actions.noSale(m_ctx.session, *reason, id);
            },
            [this] { return m_ctx.actions.askNoSale(); }, *reason, &approver))
        m_banner->showInfo(approver.isEmpty()
                               ? tr("Drawer opened (no sale).")
                               : tr("Drawer opened (no sale), approved by %1.").arg(approver));
    backToScan();
}

void CounterWindow::pay()
{
    hideResults();
    if (m_cart.isEmpty()) {
        m_banner->showError(tr("The cart is empty: scan something first."));
        backToScan();
        return;
    }
    auto totals = m_cart.totals();
    if (!totals) {
        m_banner->showError(totals.error().message);
        return;
    }
    TenderDialog tender(m_ctx.sales, m_cart, *totals, m_ctx.session, this);
    if (tender.exec() != QDialog::Accepted || !tender.completedSale()) {
        backToScan(); // the cart stays as it was
        return;
    }
    const CompletedSale sale = *tender.completedSale();
    startNewSale();
    m_banner->showInfo(tr("Receipt %1 completed.").arg(sale.receiptNo));
    ReceiptDialog receipt(
        sale, ReceiptHeader{m_ctx.settings.storeName, m_ctx.settings.registerName}, this);
    receipt.exec();
    backToScan();
}

void CounterWindow::holdSale()
{
    hideResults();
    if (m_cart.isEmpty()) {
        m_banner->showError(tr("The cart is empty: there is nothing to hold."));
        return;
    }
    auto held = m_ctx.sales.hold(m_ctx.session, m_cart, QString());
    if (!held) {
        m_banner->showError(held.error().message);
        return;
    }
    startNewSale();
    m_banner->showInfo(tr("Sale held. Press F6 to resume it."));
}

void CounterWindow::showHeldSales()
{
    hideResults();
    if (!m_cart.isEmpty()) {
        m_banner->showError(tr("Finish or hold (F5) the current sale before resuming another."));
        return;
    }
    auto held = m_ctx.sales.heldSales(m_ctx.session);
    if (!held) {
        m_banner->showError(held.error().message);
        return;
    }
    HeldSalesDialog dialog(*held, m_ctx.settings.currency, this);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedId().isNull()) {
        backToScan();
        return;
    }
    auto cart = m_ctx.sales.resume(m_ctx.session, dialog.selectedId());
    if (!cart) {
        m_banner->showError(cart.error().message);
        backToScan();
        return;
    }
    m_cart = std::move(*cart);
    m_banner->showInfo(tr("Held sale resumed."));
    refresh(static_cast<int>(m_cart.lines().size()) - 1);
    backToScan();
}

void CounterWindow::newSale()
{
    hideResults();
    if (m_cart.isEmpty()) {
        startNewSale();
        m_banner->clear();
        return;
    }
    // A sale with lines is voided: recorded with its reason, and a cashier needs a manager.
    const auto reason =
        askReason(tr("Void the sale"), tr("Void the whole sale and start a new one? Say why:"),
                  QStringLiteral("voidSaleDialog"));
    if (!reason) {
        backToScan();
        return;
    }
    QString approver;
    if (!withApproval(
            [this, reason](const QUuid& id) {
                return m_ctx.actions.voidSale(m_ctx.session, m_cart, *reason, id);
            },
            [this] { return CounterActions::askVoidSale(m_cart); }, *reason, &approver)) {
        backToScan();
        return;
    }
    startNewSale();
    m_banner->showInfo(approver.isEmpty() ? tr("Sale voided.")
                                          : tr("Sale voided (approved by %1).").arg(approver));
}

void CounterWindow::chooseCustomer()
{
    hideResults();
    CustomerDialog dialog(m_ctx.customers, m_ctx.session,
                          m_cart.customerId() != 0 ? m_customerName : QString(), this);
    if (dialog.exec() != QDialog::Accepted) {
        backToScan();
        return;
    }
    if (dialog.outcome() == CustomerDialog::Outcome::Remove) {
        m_cart.setCustomerId(0);
        m_banner->showInfo(tr("Customer removed from the sale."));
    } else if (dialog.outcome() == CustomerDialog::Outcome::Attach) {
        const Customer& chosen = dialog.chosen();
        m_cart.setCustomerId(chosen.id);
        m_shownCustomerId = chosen.id;
        m_customerName = chosen.name;
        m_banner->showInfo(tr("Customer %1 is on this sale.").arg(chosen.name));
    }
    refresh(selectedLine());
    backToScan();
}

void CounterWindow::shiftOperations()
{
    hideResults();
    ShiftFlow flow(
        m_ctx.shifts, m_ctx.settings, m_ctx.session, [this] { refreshShift(); }, this,
        &m_ctx.approvals);
    const ShiftFlow::Outcome outcome = flow.run(!m_cart.isEmpty());
    refreshShift();
    if (!outcome.error.isEmpty())
        m_banner->showError(outcome.error);
    else if (!outcome.info.isEmpty())
        m_banner->showInfo(outcome.info);
    if (outcome.quit) {
        close(); // the shift is closed and no new one opened: the register stops here
        return;
    }
    backToScan();
}

} // namespace pos::ui
