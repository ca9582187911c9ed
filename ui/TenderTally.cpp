#include "TenderTally.h"

namespace pos::ui {

TenderTally::TenderTally(qint64 dueMinor, QString currency)
    : m_dueMinor(dueMinor), m_currency(std::move(currency))
{
    clear();
}

void TenderTally::clear()
{
    m_entered.clear();
    (void)replan({});
}

Status TenderTally::replan(const QList<TenderRequest>& entered)
{
    auto plan = planTenders(m_dueMinor, entered, m_currency, true);
    if (!plan)
        return std::unexpected(plan.error());
    m_entered = entered;
    m_plan = *plan;
    m_requests.clear();
    for (const Tender& t : std::as_const(m_plan.tenders))
        m_requests.append(TenderRequest{t.kind, t.amountMinor, t.tenderedMinor});
    return {};
}

Status TenderTally::add(TenderRequest entered)
{
    QList<TenderRequest> next = m_entered;
    next.append(entered);
    return replan(next);
}

Status TenderTally::addCash(qint64 handedMinor)
{
    return add(TenderRequest{TenderKind::Cash, handedMinor, handedMinor});
}

Status TenderTally::addCard()
{
    const qint64 rest = remainingMinor();
    return add(TenderRequest{TenderKind::Card, rest, rest});
}

void TenderTally::remove(int index)
{
    if (index < 0 || index >= m_entered.size())
        return;
    // Enter the rest again in order: a card that took "the rest" takes the new rest.
    QList<TenderRequest> rest = m_entered;
    rest.removeAt(index);
    clear();
    for (const TenderRequest& r : std::as_const(rest)) {
        if (r.kind == TenderKind::Cash)
            (void)addCash(r.tenderedMinor);
        else
            (void)addCard();
    }
}

} // namespace pos::ui
