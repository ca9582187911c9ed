#include "TenderTally.h"

#include "money/Checked.h"

#include <QCoreApplication>

namespace pos::ui {

TenderTally::TenderTally(qint64 dueMinor, QString currency)
    : m_dueMinor(dueMinor), m_currency(std::move(currency))
{}

qint64 TenderTally::appliedMinor() const
{
    qint64 sum = 0;
    for (const TenderRequest& r : m_requests)
        sum = checked::add(sum, r.amountMinor).value_or(sum);
    return sum;
}

qint64 TenderTally::remainingMinor() const
{
    const qint64 remaining = checked::sub(m_dueMinor, appliedMinor()).value_or(0);
    return remaining > 0 ? remaining : 0;
}

qint64 TenderTally::changeMinor() const
{
    qint64 change = 0;
    for (const TenderRequest& r : m_requests) {
        if (r.kind == TenderKind::Cash)
            change = checked::add(change, checked::sub(r.tenderedMinor, r.amountMinor).value_or(0))
                         .value_or(change);
    }
    return change;
}

Status TenderTally::addCash(qint64 handedMinor)
{
    if (handedMinor <= 0)
        return fail(ErrorCode::InvalidInput,
                    QCoreApplication::translate("pos::ui::TenderTally",
                                                "Enter the amount the customer hands over."));
    const qint64 remaining = remainingMinor();
    if (remaining == 0)
        return fail(ErrorCode::InvalidInput,
                    QCoreApplication::translate("pos::ui::TenderTally",
                                                "The sale is already paid in full."));
    m_requests.append(
        TenderRequest{TenderKind::Cash, std::min(handedMinor, remaining), handedMinor});
    return {};
}

Status TenderTally::addCard()
{
    const qint64 remaining = remainingMinor();
    if (remaining == 0)
        return fail(ErrorCode::InvalidInput,
                    QCoreApplication::translate("pos::ui::TenderTally",
                                                "The sale is already paid in full."));
    m_requests.append(TenderRequest{TenderKind::Card, remaining, remaining});
    return {};
}

void TenderTally::remove(int index)
{
    if (index < 0 || index >= m_requests.size())
        return;
    // Tally the rest again in order, so what each tender applies still adds up.
    QList<TenderRequest> rest = m_requests;
    rest.removeAt(index);
    m_requests.clear();
    for (const TenderRequest& r : rest) {
        if (r.kind == TenderKind::Cash)
            (void)addCash(r.tenderedMinor);
        else
            (void)addCard();
    }
}

} // namespace pos::ui
