#include "CounterStatusBar.h"

#include "SyncStatusWidget.h"

#include <QLabel>

namespace pos::ui {

CounterStatusBar::CounterStatusBar(QWidget* parent) : QStatusBar(parent)
{
    setObjectName(QStringLiteral("counterStatusBar"));
    setSizeGripEnabled(false);
    m_store = addLabel(QStringLiteral("storeLabel"), tr("Store"));
    m_register = addLabel(QStringLiteral("registerLabel"), tr("Register"));
    m_cashier = addLabel(QStringLiteral("cashierLabel"), tr("Cashier"));
    m_shift = addLabel(QStringLiteral("shiftLabel"), tr("Shift"));
    // Not enrolled until an engine is set: the widget says the register works on its own.
    m_sync = new SyncStatusWidget(this);
    addPermanentWidget(m_sync);
}

QLabel* CounterStatusBar::addLabel(const QString& name, const QString& accessibleName)
{
    auto* label = new QLabel(this);
    label->setObjectName(name);
    label->setAccessibleName(accessibleName);
    const bool stretch = name == u"shiftLabel";
    if (stretch) {
        // The longest text gives way first, so a translation never widens the window past the
        // screen; the full text stays in the tooltip.
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        label->setMinimumWidth(120);
    }
    addPermanentWidget(label, stretch ? 1 : 0);
    return label;
}

void CounterStatusBar::setPlace(const QString& store, const QString& registerName)
{
    m_store->setText(store);
    m_register->setText(registerName);
}

void CounterStatusBar::setCashier(const QString& cashier)
{
    m_cashier->setText(tr("Cashier: %1").arg(cashier));
}

void CounterStatusBar::setShift(const QString& shiftText)
{
    m_shift->setText(shiftText);
    m_shift->setToolTip(shiftText);
}

} // namespace pos::ui
