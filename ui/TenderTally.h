#pragma once

#include "Error.h"
#include "sales/Tender.h"

#include <QList>

namespace pos::ui {

// What the tender dialog shows while the customer pays: how much is still due and how much change
// the cash handed over so far means. Core has no "preview tenders" call yet (SaleService::complete
// decides for real and re-checks everything), so this tally only sums with core's checked
// arithmetic and builds the TenderRequests as Tender.h defines them: cash applies at most what is
// still due, the rest of it is change; card charges what is still due.
class TenderTally {
public:
    TenderTally(qint64 dueMinor, QString currency);

    Status addCash(qint64 handedMinor);
    Status addCard(); // charges everything still due
    void remove(int index);
    void clear() { m_requests.clear(); }

    qint64 dueMinor() const { return m_dueMinor; }
    qint64 remainingMinor() const; // never below zero
    qint64 changeMinor() const;    // cash handed over beyond what is applied
    bool isCovered() const { return remainingMinor() == 0; }
    const QList<TenderRequest>& requests() const { return m_requests; }
    const QString& currency() const { return m_currency; }

private:
    qint64 appliedMinor() const;
    qint64 m_dueMinor = 0;
    QString m_currency;
    QList<TenderRequest> m_requests;
};

} // namespace pos::ui
