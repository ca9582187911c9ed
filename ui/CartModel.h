#pragma once

#include "sales/Cart.h"

#include <QAbstractTableModel>
#include <QLocale>

namespace pos::ui {

// The cart as a table: name, quantity, unit price, discount, line total. Every number comes from
// core (Cart lines and Cart::totals()); the model only formats.
class CartModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Qty, UnitPrice, Discount, LineTotal, ColumnCount };

    explicit CartModel(QObject* parent = nullptr);

    void setCart(const QList<CartLine>& lines, const CartTotals& totals);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString cell(int row, int column) const;

    QList<CartLine> m_lines;
    CartTotals m_totals;
    QLocale m_locale;
};

} // namespace pos::ui
