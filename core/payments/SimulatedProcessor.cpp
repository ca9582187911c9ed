#include "payments/SimulatedProcessor.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPayments, "pos.payments")

namespace pos {

Result<QString> SimulatedProcessor::charge(const Money& amount, const QString& idempotencyKey)
{
    if (idempotencyKey.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a card charge needs an idempotency key"));
    if (amount.minor() <= 0)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a card charge must be more than zero"));

    // PAY-2: the same key is the same charge, whatever happens in between.
    if (auto it = m_charges.constFind(idempotencyKey); it != m_charges.constEnd()) {
        const Money& first = m_amounts.value(*it);
        if (first != amount)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("this idempotency key was already used for a charge of "
                                       "another amount (%1)")
                            .arg(first.toString()));
        qCDebug(lcPayments) << "repeated charge answered from the first one" << *it;
        return *it;
    }

    if (m_declinePending) {
        m_declinePending = false;
        const QString reason = std::exchange(m_declineReason, QString());
        qCInfo(lcPayments) << "simulated decline";
        return fail(ErrorCode::Declined,
                    reason.isEmpty() ? QStringLiteral("the card was declined")
                                     : QStringLiteral("the card was declined: %1").arg(reason));
    }

    const QString reference = QStringLiteral("SIM-%1").arg(++m_next, 6, 10, QLatin1Char('0'));
    m_charges.insert(idempotencyKey, reference);
    m_amounts.insert(reference, amount);
    qCInfo(lcPayments) << "simulated charge" << reference << amount.toString();
    return reference;
}

Status SimulatedProcessor::voidCharge(const QString& reference)
{
    if (!m_amounts.contains(reference))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("there is no charge with reference %1").arg(reference));
    m_voided.insert(reference); // voiding twice is harmless
    qCInfo(lcPayments) << "simulated void" << reference;
    return {};
}

Result<QString> SimulatedProcessor::refund(const QString& chargeReference, const Money& amount,
                                           const QString& idempotencyKey)
{
    if (idempotencyKey.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a card refund needs an idempotency key"));
    if (amount.minor() <= 0)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a card refund must be more than zero"));

    // PAY-2: the same key is the same refund.
    if (auto it = m_refunds.constFind(idempotencyKey); it != m_refunds.constEnd()) {
        if (it->chargeReference != chargeReference || it->amount != amount)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("this idempotency key was already used for another "
                                       "refund (%1)")
                            .arg(it->amount.toString()));
        qCDebug(lcPayments) << "repeated refund answered from the first one" << it->reference;
        return it->reference;
    }

    auto charged = m_amounts.constFind(chargeReference);
    if (charged == m_amounts.constEnd())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("there is no charge with reference %1").arg(chargeReference));
    if (m_voided.contains(chargeReference))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the charge %1 was voided: there is nothing to refund")
                        .arg(chargeReference));
    if (charged->currency() != amount.currency())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the charge %1 was in %2, not %3")
                        .arg(chargeReference, charged->currency(), amount.currency()));
    const qint64 before = m_refundedMinor.value(chargeReference, 0);
    if (amount.minor() > charged->minor() - before)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("only %1 of the charge %2 is left to refund")
                        .arg(Money(charged->minor() - before, amount.currency()).toString(),
                             chargeReference));

    if (m_declinePending) {
        m_declinePending = false;
        const QString reason = std::exchange(m_declineReason, QString());
        qCInfo(lcPayments) << "simulated refund decline";
        return fail(ErrorCode::Declined,
                    reason.isEmpty() ? QStringLiteral("the refund was declined")
                                     : QStringLiteral("the refund was declined: %1").arg(reason));
    }

    const QString reference =
        QStringLiteral("SIM-R%1").arg(++m_nextRefund, 6, 10, QLatin1Char('0'));
    m_refunds.insert(idempotencyKey, RefundEntry{chargeReference, amount, reference});
    m_refundedMinor.insert(chargeReference, before + amount.minor());
    qCInfo(lcPayments) << "simulated refund" << reference << "of" << chargeReference
                       << amount.toString();
    return reference;
}

} // namespace pos
