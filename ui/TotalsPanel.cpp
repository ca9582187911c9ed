#include "TotalsPanel.h"

#include "MoneyText.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>

namespace pos::ui {

TotalsPanel::TotalsPanel(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("totalsPanel"));
    setAccessibleName(tr("Sale totals"));
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    m_customerCaption = new QLabel(tr("Customer"), this);
    m_customerCaption->setProperty("role", QStringLiteral("caption"));
    m_customer = new QLabel(this);
    m_customer->setObjectName(QStringLiteral("customerValue"));
    m_customer->setAccessibleName(tr("Customer"));
    m_customer->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // A long name gives way (elided to the width it gets) rather than widening the panel.
    m_customer->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_customer->installEventFilter(this);
    grid->addWidget(m_customerCaption, 0, 0);
    grid->addWidget(m_customer, 0, 1);
    setCustomer({});
    m_subtotal = addRow(grid, 1, tr("Subtotal"), QStringLiteral("subtotalValue"));
    m_discount = addRow(grid, 2, tr("Discounts"), QStringLiteral("discountValue"));
    m_tax = addRow(grid, 3, tr("Tax"), QStringLiteral("taxValue"));

    auto* caption = new QLabel(tr("TOTAL"), this);
    caption->setObjectName(QStringLiteral("totalCaption"));
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("totalValue"));
    m_total->setAccessibleName(tr("Total to pay"));
    m_total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(caption, 4, 0, 1, 2);
    grid->addWidget(m_total, 5, 0, 1, 2);
    grid->setRowStretch(6, 1);
}

QLabel* TotalsPanel::addRow(QGridLayout* grid, int row, const QString& caption, const QString& name)
{
    auto* label = new QLabel(caption, this);
    label->setProperty("role", QStringLiteral("caption"));
    auto* value = new QLabel(this);
    value->setObjectName(name);
    value->setAccessibleName(caption);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(label, row, 0);
    grid->addWidget(value, row, 1);
    return value;
}

void TotalsPanel::setCustomer(const QString& name)
{
    m_customerName = name;
    m_customer->setToolTip(name);
    m_customerCaption->setVisible(!name.isEmpty());
    m_customer->setVisible(!name.isEmpty());
    showCustomer();
}

void TotalsPanel::showCustomer()
{
    const int room = m_customer->contentsRect().width();
    m_customer->setText(
        room > 0 ? m_customer->fontMetrics().elidedText(m_customerName, Qt::ElideRight, room)
                 : m_customerName);
}

bool TotalsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_customer &&
        (event->type() == QEvent::Resize || event->type() == QEvent::FontChange ||
         event->type() == QEvent::StyleChange))
        showCustomer();
    return QFrame::eventFilter(watched, event);
}

void TotalsPanel::setTotals(const CartTotals& totals)
{
    const QLocale locale;
    const QString& cur = totals.currency;
    m_subtotal->setText(MoneyText::format(totals.subtotalMinor, cur, locale));
    m_discount->setText(totals.discountMinor == 0 ? MoneyText::format(0, cur, locale)
                                                  : QStringLiteral("−%1").arg(MoneyText::format(
                                                        totals.discountMinor, cur, locale)));
    m_tax->setText(MoneyText::format(totals.taxMinor, cur, locale));
    m_total->setText(MoneyText::format(totals.totalMinor, cur, locale));
}

} // namespace pos::ui
