#pragma once

#include "Error.h"
#include "sales/Tender.h"

#include <QList>

namespace pos {

struct TenderPlan {
    QList<Tender> tenders;    // what each request applies to the sale, in order
    qint64 changeMinor = 0;   // cash handed over beyond what is applied
    qint64 stillDueMinor = 0; // 0 once the tenders cover the total
};

// Applies tender requests in order to a total (docs/money.md, "Tenders and change"): a card may not
// exceed what is still due; cash applies up to what is due and the rest is change; a tender after
// the sale is paid in full is refused. SaleService::complete uses it with allowShort = false (a
// plan that leaves something due is "tender below total"); the tender dialog uses it with
// allowShort = true to show what is still due and the change while the customer pays.
Result<TenderPlan> planTenders(qint64 totalMinor, const QList<TenderRequest>& requests,
                               const QString& currency, bool allowShort = false);

} // namespace pos
