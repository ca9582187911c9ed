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

} // namespace pos
