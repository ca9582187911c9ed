#pragma once

#include "money/Money.h"

#include <QString>

namespace pos {

enum class TenderKind { Cash, Card };

// What the cashier enters in the tender dialog. For cash, tenderedMinor is what the customer
// handed over (it may exceed amountMinor: the difference is change due). For card, amountMinor is
// charged through the processor and tenderedMinor equals it.
struct TenderRequest {
    TenderKind kind = TenderKind::Cash;
    qint64 amountMinor = 0;   // applied to the sale
    qint64 tenderedMinor = 0; // handed over (cash) or charged (card)
};

struct Tender {
    TenderKind kind = TenderKind::Cash;
    qint64 amountMinor = 0;
    qint64 tenderedMinor = 0;
    QString reference;      // processor reference for card; empty for cash
    QString idempotencyKey; // one per tender (PAY-2)
};

} // namespace pos
