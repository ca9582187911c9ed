#pragma once

#include "catalog/Product.h"

#include <QListWidget>

namespace pos::ui {

// The as-you-type results under the scan field. It never takes the keyboard focus: the scan field
// keeps it and forwards Up/Down/Enter here; a mouse click picks a product too.
class SearchResultsList final : public QListWidget {
    Q_OBJECT
public:
    explicit SearchResultsList(QWidget* parent = nullptr);

    void setProducts(const QList<Product>& products);
    bool hasProducts() const { return !m_products.isEmpty(); }
    void moveSelection(int delta);
    // The highlighted product, or nullptr when the cashier has not moved into the list.
    const Product* current() const;

signals:
    void productChosen(const pos::Product& product);

private:
    QList<Product> m_products;
};

} // namespace pos::ui
