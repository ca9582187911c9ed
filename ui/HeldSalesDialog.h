#pragma once

#include "sales/SaleService.h"

#include <QDialog>
#include <QUuid>

class QLabel;
class QTableWidget;

namespace pos::ui {

// The sales parked on this register (SaleService::heldSales), newest last; Enter or Resume picks
// one. The caller resumes it through core.
class HeldSalesDialog final : public QDialog {
    Q_OBJECT
public:
    HeldSalesDialog(const QList<HeldSale>& held, const QString& currency,
                    QWidget* parent = nullptr);

    QUuid selectedId() const;

private:
    QList<HeldSale> m_held;
    QTableWidget* m_table = nullptr;
};

} // namespace pos::ui
