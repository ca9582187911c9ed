#pragma once

#include "Error.h"
#include "money/Money.h"

#include <QString>

namespace pos {

// The card terminal/processor behind a card tender. The POS never sees a card number, CVV, track
// data or PIN block (PAY-1): it asks for an amount and gets back the processor's reference, which
// is all that is stored. Charges are idempotent per key (PAY-2): charging again with the same key
// returns the first charge's reference and does not charge twice.
class PaymentProcessor {
public:
    virtual ~PaymentProcessor() = default;
    // ErrorCode::Declined with a reason a cashier can read out, or another error when offline.
    virtual Result<QString> charge(const Money& amount, const QString& idempotencyKey) = 0;
    // Releases a charge that was authorised but whose sale could not be stored.
    virtual Status voidCharge(const QString& reference) = 0;
    virtual QString name() const = 0;
};

} // namespace pos
