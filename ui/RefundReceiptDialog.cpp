#include "RefundReceiptDialog.h"

#include "MoneyText.h"

#include <QLabel>
#include <QStringList>

namespace pos::ui {

namespace {

constexpr qsizetype Width = 42;

QString centered(const QString& text)
{
    const QString t = text.left(Width);
    return QString((Width - t.size()) / 2, u' ') + t;
}

// "left ........ right" in exactly Width columns; the left text gives way to the right one.
QString row(const QString& left, const QString& right)
{
    const qsizetype room = Width - right.size() - 1;
    QString l = left;
    if (l.size() > room)
        l = room > 1 ? l.left(room - 1) + u'~' : QString();
    return l + QString(Width - l.size() - right.size(), u' ') + right;
}

DocumentDialog::Content content(const Refund& refund, const ReceiptHeader& header)
{
    const QString docName =
        refund.originalReceiptNo > 0
            ? RefundReceiptDialog::tr("Refund of receipt %1").arg(refund.originalReceiptNo)
            : RefundReceiptDialog::tr("Return without receipt");
    const QString file =
        QStringLiteral("refund-%1.pdf").arg(refund.id.toString(QUuid::WithoutBraces).left(8));
    return {QStringLiteral("refundReceipt"),
            docName,
            RefundReceiptDialog::tr("GIVEN BACK: %1")
                .arg(MoneyText::format(refund.totalMinor, refund.currency)),
            QStringLiteral("change"),
            RefundReceiptDialog::format(refund, header),
            {docName, file, RefundReceiptDialog::tr("Print refund receipt"),
             RefundReceiptDialog::tr("Save refund receipt as PDF")},
            RefundReceiptDialog::tr("Done (Enter)")};
}

} // namespace

RefundReceiptDialog::RefundReceiptDialog(const Refund& refund, const ReceiptHeader& header,
                                         QWidget* parent)
    : DocumentDialog(content(refund, header), parent)
{
    headline()->setAccessibleName(tr("Amount given back"));
}

QString RefundReceiptDialog::format(const Refund& refund, const ReceiptHeader& header)
{
    const auto m = [&](qint64 minor) {
        return Money(minor, refund.currency).toPlainString();
    };
    QStringList out;
    if (!header.storeName.isEmpty())
        out << centered(header.storeName);
    if (!header.registerName.isEmpty())
        out << centered(header.registerName);
    out << centered(QStringLiteral("*** REFUND ***"));
    out << row(refund.originalReceiptNo > 0
                   ? QStringLiteral("For receipt %1").arg(refund.originalReceiptNo)
                   : QStringLiteral("No receipt"),
               refund.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    out << QString(Width, u'-');
    for (const RefundLine& l : refund.lines) {
        out << l.name.left(Width);
        out << row(QStringLiteral("  x %1").arg(l.quantity.toString()), u'-' + m(l.amountMinor));
    }
    out << QString(Width, u'-');
    out << row(QStringLiteral("TOTAL BACK"), u'-' + m(refund.totalMinor));
    out << row(QStringLiteral("  of which tax"), m(refund.taxMinor));
    out << QString();
    for (const RefundTender& t : refund.tenders) {
        out << row(t.kind == TenderKind::Card ? QStringLiteral("To card") : QStringLiteral("Cash"),
                   m(t.amountMinor));
        if (!t.reference.isEmpty())
            out << QStringLiteral("  ref %1").arg(t.reference).left(Width);
    }
    out << QString();
    out << QStringLiteral("Reason: %1").arg(refund.reason).left(Width);
    out << QStringLiteral("By: %1").arg(refund.actorName).left(Width);
    if (!refund.approverName.isEmpty())
        out << QStringLiteral("Approved by: %1").arg(refund.approverName).left(Width);
    out << QString(Width, u'=');
    return out.join(u'\n') + u'\n';
}

} // namespace pos::ui
