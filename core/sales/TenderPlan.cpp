#include "sales/TenderPlan.h"

#include "money/Checked.h"
#include "money/Money.h"

namespace pos {

namespace {

QString money(qint64 minor, const QString& currency)
{
    return Money(minor, currency).toPlainString();
}

} // namespace

Result<TenderPlan> planTenders(qint64 totalMinor, const QList<TenderRequest>& requests,
                               const QString& currency, bool allowShort)
{
    TenderPlan plan;
    qint64 due = totalMinor;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const TenderRequest& r = requests[i];
        const qint64 n = i + 1;
        if (due == 0)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("tender %1: the sale is already paid in full").arg(n));
        if (r.amountMinor <= 0)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("tender %1: the amount must be more than zero").arg(n));
        Tender t;
        t.kind = r.kind;
        if (r.kind == TenderKind::Card) {
            if (r.tenderedMinor != 0 && r.tenderedMinor != r.amountMinor)
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("tender %1: a card is charged exactly the amount "
                                           "applied")
                                .arg(n));
            if (r.amountMinor > due)
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("tender %1: the card amount %2 is more than the %3 "
                                           "still due (change is given only from cash)")
                                .arg(n)
                                .arg(money(r.amountMinor, currency), money(due, currency)));
            t.amountMinor = r.amountMinor;
            t.tenderedMinor = r.amountMinor;
        } else {
            if (r.tenderedMinor < r.amountMinor)
                return fail(
                    ErrorCode::InvalidInput,
                    QStringLiteral("tender %1: the cash handed over (%2) is less than the "
                                   "amount applied (%3)")
                        .arg(n)
                        .arg(money(r.tenderedMinor, currency), money(r.amountMinor, currency)));
            t.amountMinor = std::min(r.amountMinor, due);
            t.tenderedMinor = r.tenderedMinor;
            auto change = checked::sub(r.tenderedMinor, t.amountMinor);
            if (!change)
                return std::unexpected(change.error());
            auto sum = checked::add(plan.changeMinor, *change);
            if (!sum)
                return std::unexpected(sum.error());
            plan.changeMinor = *sum;
        }
        due -= t.amountMinor; // 0 <= amount <= due
        plan.tenders.append(t);
    }
    plan.stillDueMinor = due;
    if (due > 0 && !allowShort)
        return fail(ErrorCode::InvalidInput, QStringLiteral("tender below total: %1 is still due")
                                                 .arg(Money(due, currency).toString()));
    return plan;
}

} // namespace pos
