#pragma once

#include <QStatusBar>

class QLabel;

namespace pos::ui {

// Who and where: store, register, cashier, the sync state (honest: there is no sync yet) and the
// open shift.
class CounterStatusBar final : public QStatusBar {
    Q_OBJECT
public:
    explicit CounterStatusBar(QWidget* parent = nullptr);
    void setPlace(const QString& store, const QString& registerName);
    void setCashier(const QString& cashier);
    void setShift(const QString& shiftText);

private:
    QLabel* addLabel(const QString& name, const QString& accessibleName);

    QLabel* m_store = nullptr;
    QLabel* m_register = nullptr;
    QLabel* m_cashier = nullptr;
    QLabel* m_sync = nullptr;
    QLabel* m_shift = nullptr;
};

} // namespace pos::ui
