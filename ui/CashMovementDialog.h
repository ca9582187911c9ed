#pragma once

#include "AmountDialog.h"
#include "shifts/ShiftService.h"

class QLineEdit;

namespace pos::ui {

// Cash put into the drawer (change from the bank) or taken out of it (to the safe, paying a
// supplier): the amount and why. ShiftService::cashIn / cashOut judge both; their refusal (no
// reason, more out than is in the drawer) is shown here and nothing is stored. A cash out above
// the store's limit goes through ApprovalFlow (RBAC-5) when approvals is given.
class CashMovementDialog final : public AmountDialog {
    Q_OBJECT
public:
    enum class Direction { In, Out };

    CashMovementDialog(Direction direction, ShiftService& shifts, const Session& session,
                       const QString& currency, QWidget* parent = nullptr,
                       ApprovalService* approvals = nullptr);

    QLineEdit* reasonEdit() const { return m_reason; }

    // Enter in the amount with no reason yet moves on to the reason; otherwise core judges both.
    void accept() override;

private:
    QLineEdit* m_reason = nullptr;
};

} // namespace pos::ui
