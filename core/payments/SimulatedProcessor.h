#pragma once

#include "payments/PaymentProcessor.h"

#include <QHash>
#include <QSet>

namespace pos {

// Serves tests and the demo. Approves every charge unless told to decline the next one; keeps
// charges by idempotency key so that a repeated key returns the same reference.
class SimulatedProcessor final : public PaymentProcessor {
public:
    Result<QString> charge(const Money& amount, const QString& idempotencyKey) override;
    Status voidCharge(const QString& reference) override;
    QString name() const override { return QStringLiteral("Simulated processor"); }

    void declineNext(QString reason) { m_declineReason = std::move(reason); }
    int chargeCount() const { return static_cast<int>(m_charges.size()); }
    bool isVoided(const QString& reference) const { return m_voided.contains(reference); }

private:
    QHash<QString, QString> m_charges; // idempotency key -> reference
    QSet<QString> m_voided;
    QString m_declineReason;
    quint64 m_next = 0;
};

} // namespace pos
