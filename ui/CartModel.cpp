#include "CartModel.h"

#include "MoneyText.h"
#include "money/Checked.h"

namespace pos::ui {

CartModel::CartModel(QObject* parent) : QAbstractTableModel(parent) {}

void CartModel::setCart(const QList<CartLine>& lines, const CartTotals& totals)
{
    beginResetModel();
    m_lines = lines;
    m_totals = totals;
    endResetModel();
}

int CartModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int CartModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CartModel::cell(int row, int column) const
{
    const CartLine& line = m_lines.at(row);
    const QString& cur = m_totals.currency;
    const bool priced = row < m_totals.lines.size();
    switch (column) {
    case Name:
        return line.name;
    case Qty:
        return MoneyText::quantity(line.quantity, line.soldByWeight, m_locale);
    case UnitPrice: {
        const QString price = MoneyText::format(line.unitPriceMinor, cur, m_locale);
        return line.soldByWeight ? tr("%1/kg").arg(price) : price;
    }
    case Discount: {
        if (!priced)
            return {};
        // Core prices both parts (docs/money.md: a line's discount is d + s); one figure fits the
        // column, the parts are in the tooltip.
        const PricedLine& p = m_totals.lines.at(row);
        const qint64 both = checked::add(p.lineDiscountMinor, p.orderDiscountMinor).value_or(0);
        if (both == 0)
            return {};
        return QStringLiteral("−%1").arg(MoneyText::format(both, cur, m_locale));
    }
    case LineTotal:
        return priced ? MoneyText::format(m_totals.lines.at(row).totalMinor, cur, m_locale)
                      : QString();
    default:
        return {};
    }
}

QVariant CartModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return cell(index.row(), index.column());
    if (role == Qt::ToolTipRole && index.column() == Discount &&
        index.row() < m_totals.lines.size()) {
        const PricedLine& p = m_totals.lines.at(index.row());
        if (p.lineDiscountMinor == 0 && p.orderDiscountMinor == 0)
            return {};
        return tr("Line discount %1, share of the order discount %2")
            .arg(MoneyText::format(p.lineDiscountMinor, m_totals.currency, m_locale),
                 MoneyText::format(p.orderDiscountMinor, m_totals.currency, m_locale));
    }
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() != Name;
        return QVariant::fromValue(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    }
    return {};
}

QVariant CartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::TextAlignmentRole && orientation == Qt::Horizontal)
        return QVariant::fromValue(Qt::AlignVCenter |
                                   (section == Name ? Qt::AlignLeft : Qt::AlignRight));
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Name:
        return tr("Item");
    case Qty:
        return tr("Qty");
    case UnitPrice:
        return tr("Price");
    case Discount:
        return tr("Discount");
    case LineTotal:
        return tr("Total");
    default:
        return {};
    }
}

} // namespace pos::ui
