#include "SearchResultsList.h"

#include "MoneyText.h"

namespace pos::ui {

SearchResultsList::SearchResultsList(QWidget* parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("searchResults"));
    setAccessibleName(tr("Search results"));
    setFocusPolicy(Qt::NoFocus);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const int row = this->row(item);
        if (row >= 0 && row < m_products.size())
            emit productChosen(m_products.at(row));
    });
}

void SearchResultsList::setProducts(const QList<Product>& products)
{
    m_products = products;
    clear();
    const QLocale locale;
    for (const Product& p : products) {
        QString price = MoneyText::format(p.price.minor(), p.price.currency(), locale);
        if (p.soldByWeight)
            price = tr("%1/kg").arg(price);
        addItem(QStringLiteral("%1   ·   %2   ·   %3").arg(p.name, p.sku, price));
    }
    setCurrentRow(-1);
}

void SearchResultsList::moveSelection(int delta)
{
    if (m_products.isEmpty())
        return;
    const int last = static_cast<int>(m_products.size()) - 1;
    int row = currentRow() + delta;
    if (currentRow() < 0 && delta < 0)
        row = last;
    setCurrentRow(std::clamp(row, 0, last));
}

const Product* SearchResultsList::current() const
{
    const int row = currentRow();
    if (row < 0 || row >= m_products.size())
        return nullptr;
    return &m_products.at(row);
}

} // namespace pos::ui
