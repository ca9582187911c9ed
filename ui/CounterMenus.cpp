#include "CounterMenus.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>

namespace pos::ui {

namespace {

using P = Permission;

struct CommandNeeds {
    const char* button; // CounterWindow's command button; its action is <button>Action
    Permission needs;
};

// The counter's own commands. Voids, lower quantities, discounts and the like stay with
// sale.create: a cashier asks for a manager's approval through them.
constexpr CommandNeeds CounterCommands[] = {
    {"quantityButton", P::SaleCreate},      {"lineDiscountButton", P::SaleCreate},
    {"orderDiscountButton", P::SaleCreate}, {"removeButton", P::SaleCreate},
    {"holdButton", P::SaleCreate},          {"heldButton", P::SaleCreate},
    {"newSaleButton", P::SaleCreate},       {"payButton", P::SaleCreate},
    {"customerButton", P::CustomersView},   {"shiftButton", P::ShiftOwn},
};

struct MenuEntry {
    CounterMenus::Command command;
    const char* name;
    const char* text;
    QKeySequence key; // empty: none
};

} // namespace

CounterMenus::CounterMenus(QMainWindow* window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("counterMenus"));
}

bool CounterMenus::sells(const PermissionSet& permissions)
{
    return permissions.contains(P::SaleCreate);
}

bool CounterMenus::shows(Command command, const PermissionSet& p)
{
    switch (command) {
    case Command::Refund:
        return p.contains(P::SaleCreate) || p.contains(P::RefundCreate);
    case Command::PriceOverride:
        return p.contains(P::SaleCreate);
    case Command::NoSale:
        return p.contains(P::SaleCreate) && p.contains(P::ShiftOwn);
    case Command::ApprovalsQueue:
        return p.contains(P::ApprovalsGrant);
    case Command::Staff:
        return p.contains(P::UsersManage);
    case Command::Reports:
        return p.contains(P::ReportsView);
    case Command::Roles:
        return p.contains(P::RolesManage);
    case Command::Settings:
        return p.contains(P::SettingsManage);
    case Command::Integrations:
        return p.contains(P::IntegrationsManage);
    case Command::AuditLog:
        return p.contains(P::AuditView);
    case Command::Sync:
        return p.contains(P::ReportsView);
    case Command::Enrol:
        return p.contains(P::SettingsManage);
    }
    return false;
}

bool CounterMenus::showsCommand(const QString& buttonName, const PermissionSet& permissions)
{
    for (const CommandNeeds& c : CounterCommands)
        if (buttonName == QLatin1StringView(c.button))
            return permissions.contains(c.needs);
    return false;
}

void CounterMenus::apply(const PermissionSet& permissions)
{
    for (const CommandNeeds& c : CounterCommands) {
        const QString name = QString::fromLatin1(c.button);
        const bool shown = permissions.contains(c.needs);
        if (auto* action = m_window->findChild<QAction*>(name + QStringLiteral("Action")))
            action->setEnabled(shown);
        if (auto* button = m_window->findChild<QPushButton*>(name))
            button->setVisible(shown);
    }

    // A new menu bar each time: what the previous session could use goes with the old one.
    auto* bar = new QMenuBar(m_window);
    bar->setObjectName(QStringLiteral("counterMenuBar"));
    m_window->setMenuBar(bar); // deletes the old bar and its actions

    struct Menu {
        const char* name;
        QString title;
        QList<MenuEntry> entries;
    };
    const QList<Menu> menus = {
        {"saleMenu",
         tr("&Sale"),
         {{Command::Refund, "refundAction", QT_TR_NOOP("&Return or refund…"),
           QKeySequence(Qt::CTRL | Qt::Key_R)},
          {Command::PriceOverride, "priceOverrideAction", QT_TR_NOOP("&Price of the line…"),
           QKeySequence(Qt::Key_F11)},
          {Command::NoSale, "noSaleAction", QT_TR_NOOP("&No sale (open the drawer)…"),
           QKeySequence(Qt::CTRL | Qt::Key_D)}}},
        {"backOfficeMenu",
         tr("&Back office"),
         {{Command::ApprovalsQueue, "approvalsQueueAction", QT_TR_NOOP("&Approvals queue…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)},
          {Command::Reports, "reportsAction", QT_TR_NOOP("&Reports…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
          {Command::Staff, "staffAction", QT_TR_NOOP("S&taff…"), {}},
          {Command::AuditLog, "auditLogAction", QT_TR_NOOP("A&udit log…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)},
          {Command::Sync, "syncAction", QT_TR_NOOP("S&ync…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}}},
        {"settingsMenu",
         tr("Se&ttings"),
         {{Command::Roles, "rolesAction", QT_TR_NOOP("&Roles and permissions…"), {}},
          {Command::Settings, "settingsAction", QT_TR_NOOP("Register &settings…"), {}},
          {Command::Integrations, "integrationsAction", QT_TR_NOOP("&Integrations…"), {}},
          {Command::Enrol, "enrolAction", QT_TR_NOOP("&Connect to sync server…"), {}}}},
    };
    for (const Menu& m : menus) {
        QMenu* menu = nullptr;
        for (const MenuEntry& e : m.entries) {
            if (!shows(e.command, permissions))
                continue;
            if (!menu) {
                menu = bar->addMenu(m.title);
                menu->setObjectName(QString::fromLatin1(m.name));
            }
            QAction* action = menu->addAction(tr(e.text));
            action->setObjectName(QString::fromLatin1(e.name));
            action->setShortcut(e.key);
            action->setShortcutContext(Qt::WindowShortcut);
            const Command command = e.command;
            connect(action, &QAction::triggered, this,
                    [this, command] { emit triggered(command); });
        }
    }
    bar->setVisible(!bar->actions().isEmpty());
}

} // namespace pos::ui
