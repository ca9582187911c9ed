#pragma once

// Push bodies as a register sends them (docs/sync.md, POST /v1/push), for tst_push and
// tst_pushregister: completed sales with lines and a cash tender, records, batches without audit
// rows, and the same rows in COPY text format for the benchmark's baseline.

#include "ApiResponse.h"
#include "PushFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace pos::test {

inline constexpr int LinesPerSale = 3;

// A completed sale as a register sends it: LinesPerSale lines and one cash tender.
inline QJsonObject saleData(const QString& registerId, const QString& saleId, qint64 receiptNo)
{
    QJsonArray lines;
    qint64 total = 0;
    for (int l = 1; l <= LinesPerSale; ++l) {
        const qint64 price = 100 * l + receiptNo % 7;
        total += price;
        lines.append(QJsonObject{{QStringLiteral("line_no"), l},
                                 {QStringLiteral("product_sku"), QStringLiteral("SKU-%1").arg(l)},
                                 {QStringLiteral("name"), QStringLiteral("Product %1").arg(l)},
                                 {QStringLiteral("qty_milli"), 1000},
                                 {QStringLiteral("unit_price_minor"), price},
                                 {QStringLiteral("line_discount_minor"), 0},
                                 {QStringLiteral("order_discount_minor"), 0},
                                 {QStringLiteral("net_minor"), price * 100 / 119},
                                 {QStringLiteral("tax_minor"), price - price * 100 / 119},
                                 {QStringLiteral("total_minor"), price},
                                 {QStringLiteral("tax_code"), QStringLiteral("STD")},
                                 {QStringLiteral("tax_rate_ppm"), 190000},
                                 {QStringLiteral("tax_inclusive"), true}});
    }
    const QJsonArray tenders{
        QJsonObject{{QStringLiteral("seq"), 1},
                    {QStringLiteral("kind"), QStringLiteral("cash")},
                    {QStringLiteral("amount_minor"), total},
                    {QStringLiteral("tendered_minor"), total + 50},
                    {QStringLiteral("reference"), QJsonValue::Null},
                    {QStringLiteral("idempotency_key"), QString(saleId + u":1")}}};
    return {{QStringLiteral("register_id"), registerId},
            {QStringLiteral("receipt_no"), receiptNo},
            {QStringLiteral("shift_id"), QJsonValue::Null},
            {QStringLiteral("cashier_id"), freshUuid()},
            {QStringLiteral("cashier"), QStringLiteral("Ann")},
            {QStringLiteral("currency"), QStringLiteral("EUR")},
            {QStringLiteral("subtotal_minor"), total},
            {QStringLiteral("discount_minor"), 0},
            {QStringLiteral("tax_minor"), total - total * 100 / 119},
            {QStringLiteral("total_minor"), total},
            {QStringLiteral("paid_minor"), total + 50},
            {QStringLiteral("change_minor"), 50},
            {QStringLiteral("started_at"), QStringLiteral("2026-11-21T10:15:30.123Z")},
            {QStringLiteral("completed_at"), QStringLiteral("2026-11-21T10:16:02.500Z")},
            {QStringLiteral("lines"), lines},
            {QStringLiteral("tenders"), tenders}};
}

inline QJsonObject record(const char* kind, const QString& id, const QJsonObject& data)
{
    return {{QStringLiteral("kind"), QLatin1String(kind)},
            {QStringLiteral("id"), id},
            {QStringLiteral("data"), data}};
}

// n sales of one register, receipts from `firstReceipt`.
inline QJsonArray sales(const QString& registerId, int n, qint64 firstReceipt = 1)
{
    QJsonArray out;
    for (int i = 0; i < n; ++i) {
        const QString id = freshUuid();
        out.append(record("sale", id, saleData(registerId, id, firstReceipt + i)));
    }
    return out;
}

// A batch without audit rows (the register's chain is pushed by tst_auditingest).
inline QJsonObject batch(const QJsonArray& records, const QString& batchId = freshUuid())
{
    return {{QStringLiteral("batch_id"), batchId},
            {QStringLiteral("audit_head"),
             QJsonObject{{QStringLiteral("row_count"), 0},
                         {QStringLiteral("head_hash"),
                          QString::fromLatin1(QByteArray(32, '\0').toBase64())}}},
            {QStringLiteral("records"), records}};
}

inline QJsonArray part(const QJsonArray& all, qsizetype from, qsizetype to)
{
    QJsonArray out;
    for (qsizetype i = from; i < to; ++i)
        out.append(all.at(i));
    return out;
}

inline qint64 number(const server::ApiResponse& r, const char* key)
{
    return r.body.value(QLatin1String(key)).toInteger(-1);
}

inline QJsonObject withData(const QJsonObject& rec, const QString& key, const QJsonValue& value)
{
    QJsonObject data = rec.value(QStringLiteral("data")).toObject();
    data.insert(key, value);
    QJsonObject out = rec;
    out.insert(QStringLiteral("data"), data);
    return out;
}

} // namespace pos::test
