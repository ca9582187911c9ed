#pragma once

#include "money/Quantity.h"

#include <QLocale>
#include <QString>

namespace pos::ui {

// Display helpers only: turns core's integer amounts into locale text and a cashier's typed
// number into the plain form core parses. No arithmetic that decides anything happens here.
class MoneyText {
public:
    // "12,34 €" in German, "€12.34" in English.
    static QString format(qint64 minor, const QString& currency, const QLocale& locale = {});
    static QString symbolFor(const QString& currency);
    // Quantity as shown in the cart: "3" for counted goods, "0,250 kg" for weighed goods.
    static QString quantity(const Quantity& q, bool byWeight, const QLocale& locale = {});
    // What core's parsers accept: trims and turns the locale's decimal separator into '.'.
    static QString toPlainNumber(const QString& typed, const QLocale& locale = {});
};

} // namespace pos::ui
