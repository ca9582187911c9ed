#pragma once

#include "sales/Cart.h"

#include <QFrame>

class QGridLayout;
class QLabel;

namespace pos::ui {

// Running totals beside the cart: subtotal, discounts, tax and a big TOTAL, all from
// Cart::totals(); above them the customer on the sale, by name only.
class TotalsPanel final : public QFrame {
    Q_OBJECT
public:
    explicit TotalsPanel(QWidget* parent = nullptr);
    void setTotals(const CartTotals& totals);
    // The customer on the sale, by name only (empty: none, the row is hidden).
    void setCustomer(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showCustomer();
    QLabel* addRow(QGridLayout* grid, int row, const QString& caption, const QString& name);

    QLabel* m_subtotal = nullptr;
    QLabel* m_discount = nullptr;
    QLabel* m_tax = nullptr;
    QLabel* m_total = nullptr;
    QLabel* m_customerCaption = nullptr;
    QLabel* m_customer = nullptr;
    QString m_customerName;
};

} // namespace pos::ui
