#include "catalog/Barcode.h"

#include "catalog/CatalogText.h"

namespace pos {

namespace {

constexpr qsizetype MaxInternalLength = 32;

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isInternalChar(QChar c)
{
    return isAsciiDigit(c) || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'-' ||
           c == u'_' || c == u'.';
}

QString kindName(qsizetype length)
{
    switch (length) {
    case 8:
        return QStringLiteral("EAN-8");
    case 12:
        return QStringLiteral("UPC-A");
    default:
        return QStringLiteral("EAN-13");
    }
}

Result<Barcode> invalid(QStringView code, const QString& why)
{
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("barcode %1 is not valid: %2").arg(catalogtext::quoted(code), why));
}

} // namespace

int gs1CheckDigit(QStringView digitsWithoutCheck)
{
    // From the right: the digit next to the check digit has weight 3, then 1, 3, 1...
    int sum = 0;
    int weight = 3;
    for (qsizetype i = digitsWithoutCheck.size() - 1; i >= 0; --i) {
        const QChar c = digitsWithoutCheck[i];
        const int d = isAsciiDigit(c) ? c.unicode() - u'0' : 0;
        sum += d * weight;
        weight = weight == 3 ? 1 : 3;
    }
    return (10 - sum % 10) % 10;
}

Result<Barcode> validateBarcode(QStringView text)
{
    const QStringView code = text.trimmed();
    if (code.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the barcode is empty"));

    bool allDigits = true;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code[i];
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control ||
            c.category() == QChar::Other_Format)
            return invalid(
                code, QStringLiteral("it contains a control character at position %1").arg(i + 1));
        if (c.isSpace())
            return invalid(code, QStringLiteral("it contains a space at position %1").arg(i + 1));
        if (!isInternalChar(c))
            return invalid(code,
                           QStringLiteral("the character '%1' at position %2 is not allowed (use "
                                          "A-Z, a-z, 0-9, '-', '_' or '.')")
                               .arg(QString(c))
                               .arg(i + 1));
        if (!isAsciiDigit(c))
            allDigits = false;
    }

    const qsizetype n = code.size();
    if (allDigits && (n == 8 || n == 12 || n == 13)) {
        const int expected = gs1CheckDigit(code.first(n - 1));
        const int actual = code[n - 1].unicode() - u'0';
        if (expected != actual)
            return invalid(code, QStringLiteral("the %1 check digit should be %2, not %3")
                                     .arg(kindName(n))
                                     .arg(expected)
                                     .arg(actual));
        const BarcodeKind kind = n == 8    ? BarcodeKind::Ean8
                                 : n == 12 ? BarcodeKind::UpcA
                                           : BarcodeKind::Ean13;
        return Barcode{kind, code.toString()};
    }
    if (n > MaxInternalLength)
        return invalid(code, QStringLiteral("it is %1 characters long; an internal code has at "
                                            "most %2 and EAN/UPC codes have 8, 12 or 13 digits")
                                 .arg(n)
                                 .arg(MaxInternalLength));
    return Barcode{BarcodeKind::Internal, code.toString()};
}

} // namespace pos
