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
    // Gives money back to the card of an earlier charge (a refund). Idempotent per key like
    // charge(): the same key returns the first refund's reference and refunds nothing more; the
    // same key with another amount or charge is a Conflict. The refunds of one charge together
    // never exceed it (InvalidInput). Returns the processor's refund reference.
    // A processor that cannot refund answers Declined (the default).
    virtual Result<QString> refund(const QString& chargeReference, const Money& amount,
                                   const QString& idempotencyKey)
    {
        Q_UNUSED(chargeReference);
        Q_UNUSED(amount);
        Q_UNUSED(idempotencyKey);
        return fail(ErrorCode::Declined, QStringLiteral("this card processor cannot refund"));
    }
    virtual QString name() const = 0;
};

} // namespace pos
