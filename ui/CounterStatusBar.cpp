#include "CounterStatusBar.h"

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
    m_sync = addLabel(QStringLiteral("syncLabel"), tr("Connection"));
    // There is no sync yet: say so instead of pretending to be online.
    m_sync->setText(tr("● Offline — working locally"));
    m_sync->setProperty("kind", QStringLiteral("offline"));
    m_sync->setToolTip(tr("Sales are stored on this register only. Syncing with the central "
                          "server is not set up yet."));
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
