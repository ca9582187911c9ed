#pragma once

#include "TenderTally.h"
#include "sales/SaleService.h"

#include <QDialog>
#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QHBoxLayout;

namespace pos::ui {

class WrappedLabel;

// Takes payment: cash (typed or a quick amount), card, or a split of both. Complete hands the
// cart and the tenders to SaleService::complete; a refusal (declined card, no open shift...) is
// shown here and the cart stays as it was.
class TenderDialog final : public QDialog {
    Q_OBJECT
public:
    TenderDialog(SaleService& sales, const Cart& cart, const CartTotals& totals, Session session,
                 QWidget* parent = nullptr);

    const std::optional<CompletedSale>& completedSale() const { return m_sale; }

public slots:
    void addTypedCash();
    void addCard();
    void complete();

private:
    void addCash(qint64 handedMinor);
    void removeSelectedTender();
    void refresh();
    void rebuildQuickButtons();
    std::optional<qint64> typedCash(QString* error = nullptr) const;
    QString money(qint64 minor) const;
    void showError(const QString& message);

    SaleService& m_sales;
    const Cart& m_cart;
    Session m_session;
    TenderTally m_tally;
    std::optional<CompletedSale> m_sale;

    QLabel* m_due = nullptr;
    QLabel* m_remaining = nullptr;
    QLineEdit* m_cash = nullptr;
    QHBoxLayout* m_quick = nullptr;
    QListWidget* m_tenders = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_card = nullptr;
    QLabel* m_change = nullptr;
    WrappedLabel* m_error = nullptr;
    QPushButton* m_complete = nullptr;
};

} // namespace pos::ui
