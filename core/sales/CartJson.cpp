// Cart <-> JSON for held sales. Kept apart from Cart.cpp: this file is about a wire format and
// distrust of what comes back from the store, not about ringing up a sale.
#include "sales/Cart.h"

#include "sales/Pricing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

namespace pos {

namespace {

constexpr int FormatVersion = 1;
constexpr qsizetype MaxJsonBytes = 4 * 1024 * 1024;
constexpr qsizetype MaxLines = 5000;

std::unexpected<Error> bad(const QString& what)
{
    return fail(ErrorCode::InvalidInput, QStringLiteral("the held sale is damaged: %1").arg(what));
}

// Integers are exact in Qt 6 JSON (qint64 is kept as an integer, not a double).
Result<qint64> readInt(const QJsonObject& o, QLatin1StringView key, qint64 min, qint64 max)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return bad(QStringLiteral("'%1' is not a number").arg(key));
    const qint64 a = v.toInteger(0);
    const qint64 b = v.toInteger(1);
    if (a != b)
        return bad(QStringLiteral("'%1' is not a whole number").arg(key));
    if (a < min || a > max)
        return bad(QStringLiteral("'%1' is out of range").arg(key));
    return a;
}

Result<QString> readString(const QJsonObject& o, QLatin1StringView key, bool allowEmpty)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return bad(QStringLiteral("'%1' is not text").arg(key));
    QString s = v.toString();
    if (!allowEmpty && s.isEmpty())
        return bad(QStringLiteral("'%1' is empty").arg(key));
    return s;
}

Result<bool> readBool(const QJsonObject& o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isBool())
        return bad(QStringLiteral("'%1' is not true or false").arg(key));
    return v.toBool();
}

constexpr qint64 Max = std::numeric_limits<qint64>::max();

Result<CartLine> readLine(const QJsonValue& value)
{
    if (!value.isObject())
        return bad(QStringLiteral("a line is not an object"));
    const QJsonObject o = value.toObject();
    const QJsonValue taxValue = o.value(QLatin1StringView("tax"));
    if (!taxValue.isObject())
        return bad(QStringLiteral("a line has no tax class"));
    const QJsonObject tax = taxValue.toObject();

    auto productId = readInt(o, QLatin1StringView("productId"), 0, Max);
    auto sku = readString(o, QLatin1StringView("sku"), true);
    auto name = readString(o, QLatin1StringView("name"), false);
    auto price = readInt(o, QLatin1StringView("unitPriceMinor"), 0, Max);
    auto qty = readInt(o, QLatin1StringView("qtyMilli"), 1, Quantity::MaxMilli);
    auto discount = readInt(o, QLatin1StringView("lineDiscountMinor"), 0, Max);
    auto byWeight = readBool(o, QLatin1StringView("soldByWeight"));
    auto taxId = readInt(tax, QLatin1StringView("id"), 0, Max);
    auto taxCode = readString(tax, QLatin1StringView("code"), false);
    auto taxName = readString(tax, QLatin1StringView("name"), true);
    auto rate = readInt(tax, QLatin1StringView("ratePpm"), 0, 1'000'000);
    auto inclusive = readBool(tax, QLatin1StringView("inclusive"));
    for (const Error* e :
         {productId ? nullptr : &productId.error(), sku ? nullptr : &sku.error(),
          name ? nullptr : &name.error(), price ? nullptr : &price.error(),
          qty ? nullptr : &qty.error(), discount ? nullptr : &discount.error(),
          byWeight ? nullptr : &byWeight.error(), taxId ? nullptr : &taxId.error(),
          taxCode ? nullptr : &taxCode.error(), taxName ? nullptr : &taxName.error(),
          rate ? nullptr : &rate.error(), inclusive ? nullptr : &inclusive.error()}) {
        if (e)
            return std::unexpected(*e);
    }
    CartLine l;
    l.productId = *productId;
    l.sku = *sku;
    l.name = *name;
    l.unitPriceMinor = *price;
    l.quantity = Quantity::fromMilli(*qty);
    l.lineDiscountMinor = *discount;
    l.soldByWeight = *byWeight;
    l.tax = TaxClass{*taxId, *taxCode, *taxName, *rate, *inclusive};
    if (!l.soldByWeight && !l.quantity.isWhole())
        return bad(
            QStringLiteral("%1 is sold by the piece but has a fractional quantity").arg(l.name));
    return l;
}

} // namespace

QByteArray Cart::toJson() const
{
    QJsonArray lines;
    for (const CartLine& l : m_lines) {
        QJsonObject tax{{QStringLiteral("id"), l.tax.id},
                        {QStringLiteral("code"), l.tax.code},
                        {QStringLiteral("name"), l.tax.name},
                        {QStringLiteral("ratePpm"), l.tax.ratePpm},
                        {QStringLiteral("inclusive"), l.tax.inclusive}};
        lines.append(QJsonObject{{QStringLiteral("productId"), l.productId},
                                 {QStringLiteral("sku"), l.sku},
                                 {QStringLiteral("name"), l.name},
                                 {QStringLiteral("unitPriceMinor"), l.unitPriceMinor},
                                 {QStringLiteral("qtyMilli"), l.quantity.milli()},
                                 {QStringLiteral("lineDiscountMinor"), l.lineDiscountMinor},
                                 {QStringLiteral("soldByWeight"), l.soldByWeight},
                                 {QStringLiteral("tax"), tax}});
    }
    QJsonObject root{{QStringLiteral("version"), FormatVersion},
                     {QStringLiteral("id"), m_id.toString(QUuid::WithoutBraces)},
                     {QStringLiteral("currency"), m_currency},
                     {QStringLiteral("orderDiscountMinor"), m_orderDiscountMinor},
                     {QStringLiteral("customerId"), m_customerId},
                     {QStringLiteral("lines"), lines}};
    if (m_startedAt.isValid())
        root.insert(QStringLiteral("startedAt"), m_startedAt.toUTC().toString(Qt::ISODateWithMs));
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<Cart> Cart::fromJson(const QByteArray& json)
{
    if (json.size() > MaxJsonBytes)
        return bad(QStringLiteral("it is too large"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return bad(QStringLiteral("it is not valid JSON (%1 at offset %2)")
                       .arg(error.errorString())
                       .arg(error.offset));
    if (!doc.isObject())
        return bad(QStringLiteral("it is not a JSON object"));
    const QJsonObject root = doc.object();

    auto version = readInt(root, QLatin1StringView("version"), 0, Max);
    if (!version)
        return std::unexpected(version.error());
    if (*version != FormatVersion)
        return bad(QStringLiteral("unknown format version %1").arg(*version));
    auto idText = readString(root, QLatin1StringView("id"), false);
    if (!idText)
        return std::unexpected(idText.error());
    const QUuid id = QUuid::fromString(*idText);
    if (id.isNull())
        return bad(QStringLiteral("'id' is not a UUID"));
    auto currency = readString(root, QLatin1StringView("currency"), false);
    if (!currency)
        return std::unexpected(currency.error());
    static const QRegularExpression iso4217(QStringLiteral("^[A-Z]{3}$"));
    if (!iso4217.match(*currency).hasMatch())
        return bad(QStringLiteral("'currency' is not an ISO 4217 code"));
    auto orderDiscount = readInt(root, QLatin1StringView("orderDiscountMinor"), 0, Max);
    if (!orderDiscount)
        return std::unexpected(orderDiscount.error());
    auto customerId = readInt(root, QLatin1StringView("customerId"), 0, Max);
    if (!customerId)
        return std::unexpected(customerId.error());
    QDateTime startedAt;
    if (root.contains(QLatin1StringView("startedAt"))) {
        auto text = readString(root, QLatin1StringView("startedAt"), false);
        if (!text)
            return std::unexpected(text.error());
        startedAt = QDateTime::fromString(*text, Qt::ISODateWithMs);
        if (!startedAt.isValid())
            return bad(QStringLiteral("'startedAt' is not an ISO 8601 time"));
        startedAt = startedAt.toUTC();
    }
    const QJsonValue linesValue = root.value(QLatin1StringView("lines"));
    if (!linesValue.isArray())
        return bad(QStringLiteral("'lines' is not a list"));
    const QJsonArray linesArray = linesValue.toArray();
    if (linesArray.size() > MaxLines)
        return bad(QStringLiteral("it has too many lines"));
    QList<CartLine> lines;
    lines.reserve(linesArray.size());
    for (const QJsonValue& v : linesArray) {
        auto line = readLine(v);
        if (!line)
            return std::unexpected(line.error());
        lines.append(*line);
    }
    // The same invariants as a cart built by hand: discounts in range, no overflow.
    auto totals = priceLines(*currency, lines, *orderDiscount);
    if (!totals)
        return bad(totals.error().message);

    Cart cart(*currency, id);
    cart.m_lines = std::move(lines);
    cart.m_orderDiscountMinor = *orderDiscount;
    cart.m_customerId = *customerId;
    cart.m_startedAt = startedAt;
    return cart;
}

} // namespace pos
