#pragma once

#include "Error.h"
#include "sales/TenderPlan.h"

#include <QList>

namespace pos::ui {

// The tenders the cashier has entered in the tender dialog. It holds only what was entered (cash
// handed over, or "card for the rest"); what each tender applies, what is still due and the change
// come from core's planTenders, the same rule SaleService::complete applies for real.
class TenderTally {
public:
    TenderTally(qint64 dueMinor, QString currency);

    Status addCash(qint64 handedMinor); // core's message when refused; nothing changes then
    Status addCard();                   // charges everything still due
    void remove(int index);
    void clear();

    qint64 dueMinor() const { return m_dueMinor; }
    qint64 remainingMinor() const { return m_plan.stillDueMinor; }
    qint64 changeMinor() const { return m_plan.changeMinor; }
    bool isCovered() const { return m_plan.stillDueMinor == 0; }
    // The requests as core applies them (cash: amount applied and amount handed over).
    const QList<TenderRequest>& requests() const { return m_requests; }
    const QString& currency() const { return m_currency; }

private:
    Status add(TenderRequest entered);
    Status replan(const QList<TenderRequest>& entered);

    qint64 m_dueMinor = 0;
    QString m_currency;
    QList<TenderRequest> m_entered;
    QList<TenderRequest> m_requests;
    TenderPlan m_plan;
};

} // namespace pos::ui
