#pragma once

#include "catalog/CatalogService.h"
#include "sales/RefundService.h"
#include "store/RegisterSettings.h"

#include <QDialog>
#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace pos::ui {

class SearchResultsList;
class WrappedLabel;

// Returns and refunds at the counter (RBAC-5).
//   - With the receipt: the receipt number finds the sale (RefundService::refundableByReceipt);
//     each line shows what was sold, already refunded and can still come back, and takes the
//     quantity that comes back now. Core's preview shows the amount per line and per tender it
//     goes back to (card first, then cash from the drawer).
//   - Without a receipt: products scanned or searched, with quantities, at today's price, cash
//     only.
// A reason is required. Refund runs through ApprovalFlow: a cashier gets the approval dialog, a
// manager goes straight through, because core says so. Every limit (never more than sold and
// paid, the tender amounts) is core's; its refusal is shown and nothing is given back. After a
// refund the refund receipt is shown (print or PDF) and the dialog closes.
class RefundDialog final : public QDialog {
    Q_OBJECT
public:
    struct Services {
        RefundService& refunds;
        CatalogService& catalog;
        ApprovalService& approvals;
    };

    RefundDialog(Services services, const Session& session, RegisterSettings settings,
                 QWidget* parent = nullptr);
    ~RefundDialog() override;

    // The refund made, once the dialog was accepted.
    const std::optional<Refund>& refund() const { return m_done; }
    const std::optional<Refund>& preview() const { return m_preview; }

public slots:
    void findReceipt();
    void scanReturn();
    void commit();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildReceiptTab();
    QWidget* buildReturnTab();
    bool withReceipt() const;
    void showSale();
    void addReturnProduct(const Product& product);
    void showReturnLines();
    Result<RefundRequest> receiptRequest(const QString& reason) const;
    Result<ReturnRequest> returnRequest(const QString& reason) const;
    Result<Refund> previewWith(const QString& reason);
    Status perform(const QUuid& approvalId);
    void updatePreview();
    void showError(const QString& message);

    Services m_services;
    Session m_session;
    RegisterSettings m_settings;
    QUuid m_attempt; // the refund's id: kept when it fails, so a retry never refunds twice
    std::optional<RefundableSale> m_sale;
    QList<Product> m_returnProducts;
    QStringList m_returnQuantities;
    std::optional<Refund> m_preview;
    std::optional<Refund> m_done;

    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_receiptNo = nullptr;
    QLabel* m_saleInfo = nullptr;
    QTableWidget* m_saleLines = nullptr;
    QList<QLineEdit*> m_saleQuantities; // one per sale line, same order
    QLineEdit* m_returnScan = nullptr;
    SearchResultsList* m_returnResults = nullptr;
    QTableWidget* m_returnLines = nullptr;
    QLineEdit* m_reason = nullptr;
    QPlainTextEdit* m_previewText = nullptr;
    WrappedLabel* m_error = nullptr;
    QPushButton* m_commit = nullptr;
};

} // namespace pos::ui
