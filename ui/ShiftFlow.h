#pragma once

#include "shifts/ShiftService.h"
#include "store/RegisterSettings.h"

#include <QCoreApplication>
#include <QString>
#include <functional>

class QWidget;

namespace pos::ui {

// What F10 does at the counter: the shift menu, then the chosen operation with its dialogs
// (cash in or out, the X report, or closing the shift with the counted cash, its Z report and
// the next shift's float). Every figure and every refusal is ShiftService's.
class ShiftFlow {
    Q_DECLARE_TR_FUNCTIONS(pos::ui::ShiftFlow)
public:
    struct Outcome {
        QString info;      // what happened, for the counter's banner
        QString error;     // core's refusal that no dialog showed
        bool quit = false; // the shift closed and the cashier chose not to open the next one
    };

    // shiftChanged: called as soon as a shift closes or opens, so the status bar follows.
    // approvals: for a cash out above the store's limit (RBAC-5); without it only a session with
    // cash.out_over_limit can take out more.
    ShiftFlow(ShiftService& shifts, const RegisterSettings& settings, const Session& session,
              std::function<void()> shiftChanged, QWidget* parent,
              ApprovalService* approvals = nullptr);

    // saleInProgress: the cart is not empty, so the shift cannot close now.
    Outcome run(bool saleInProgress);

    // "Shift 3 since 09:30 · Demo Cashier · float 100.00", for the status bar and the menu.
    static QString summary(const Shift& shift);

private:
    Outcome cashMovement(bool in);
    Outcome xReport();
    Outcome closeShift();
    void showReport(const ShiftReport& report);

    ShiftService& m_shifts;
    const RegisterSettings& m_settings;
    Session m_session;
    std::function<void()> m_shiftChanged;
    QWidget* m_parent = nullptr;
    ApprovalService* m_approvals = nullptr;
};

} // namespace pos::ui
