#pragma once

#include <QStatusBar>

class QLabel;

namespace pos::ui {

class SyncStatusWidget;

// Who and where: store, register, cashier, the sync state (SyncStatusWidget: online or offline,
// waiting records, last sync) and the open shift.
class CounterStatusBar final : public QStatusBar {
    Q_OBJECT
public:
    explicit CounterStatusBar(QWidget* parent = nullptr);
    void setPlace(const QString& store, const QString& registerName);
    void setCashier(const QString& cashier);
    void setShift(const QString& shiftText);
    SyncStatusWidget* syncStatus() const { return m_sync; }

private:
    QLabel* addLabel(const QString& name, const QString& accessibleName);

    QLabel* m_store = nullptr;
    QLabel* m_register = nullptr;
    QLabel* m_cashier = nullptr;
    SyncStatusWidget* m_sync = nullptr;
    QLabel* m_shift = nullptr;
};

} // namespace pos::ui
