#pragma once

#include "payments/PaymentProcessor.h"

#include <QHash>
#include <QSet>

namespace pos {

// Serves tests and the demo. Approves every charge unless told to decline the next one; keeps
// charges by idempotency key so that a repeated key returns the same reference (and does not
// charge again; the same key with another amount is a Conflict). References are "SIM-000001",
// "SIM-000002", ... Amounts must be more than zero. declineNext({}) declines with a generic
// reason; a repeated key is answered from the first charge and does not use up a decline.
// Refunds ("SIM-R000001", ...) go back to a charge that exists and was not voided, at most what is
// left of it; declineNext applies to the next charge or refund, whichever comes first.
class SimulatedProcessor final : public PaymentProcessor {
public:
    Result<QString> charge(const Money& amount, const QString& idempotencyKey) override;
    Status voidCharge(const QString& reference) override;
    Result<QString> refund(const QString& chargeReference, const Money& amount,
                           const QString& idempotencyKey) override;
    QString name() const override { return QStringLiteral("Simulated processor"); }

    void declineNext(QString reason)
    {
        m_declineReason = std::move(reason);
        m_declinePending = true;
    }
    int chargeCount() const { return static_cast<int>(m_charges.size()); }
    bool isVoided(const QString& reference) const { return m_voided.contains(reference); }
    int voidCount() const { return static_cast<int>(m_voided.size()); }
    int refundCount() const { return static_cast<int>(m_refunds.size()); }
    // What was refunded to a charge so far.
    qint64 refundedMinor(const QString& chargeReference) const
    {
        return m_refundedMinor.value(chargeReference, 0);
    }

private:
    QHash<QString, QString> m_charges; // idempotency key -> reference
    QHash<QString, Money> m_amounts;   // reference -> amount charged
    QSet<QString> m_voided;
    struct RefundEntry {
        QString chargeReference;
        Money amount;
        QString reference;
    };
    QHash<QString, RefundEntry> m_refunds;  // idempotency key -> refund
    QHash<QString, qint64> m_refundedMinor; // charge reference -> refunded so far
    quint64 m_nextRefund = 0;
    QString m_declineReason;
    bool m_declinePending = false;
    quint64 m_next = 0;
};

} // namespace pos
