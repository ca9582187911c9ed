#include "RoleEditorDialog.h"

#include "StaffHistoryDialog.h"
#include "WrappedLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int TextWidth = 760;

int key(Role role, Permission permission)
{
    return static_cast<int>(role) * 64 + static_cast<int>(permission);
}
} // namespace

int RoleEditorDialog::columnOf(Role role)
{
    return static_cast<int>(allRoles().indexOf(role));
}

int RoleEditorDialog::rowOf(Permission permission)
{
    return static_cast<int>(permission);
}

RoleEditorDialog::RoleEditorDialog(StaffService& staff, Session session, QWidget* parent)
    : QDialog(parent), m_staff(staff), m_session(std::move(session))
{
    setObjectName(QStringLiteral("roleEditorDialog"));
    setWindowTitle(tr("Roles and permissions"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    m_store = new QComboBox(this);
    m_store->setObjectName(QStringLiteral("roleStoreCombo"));
    m_store->setAccessibleName(tr("Store"));
    form->addRow(tr("&Store"), m_store);
    layout->addLayout(form);
    layout->addWidget(new WrappedLabel(tr("Ticked: the role may do this in the store. Bold: "
                                          "changed from the role's default for this store. "
                                          "Owners may always do everything."),
                                       TextWidth, this));

    const QList<Role> roles = allRoles();
    const QList<Permission> permissions = allPermissions();
    m_table = new QTableWidget(int(permissions.size()), int(roles.size()), this);
    m_table->setObjectName(QStringLiteral("permissionTable"));
    m_table->setAccessibleName(tr("Permissions by role"));
    QStringList columns;
    for (Role r : roles)
        columns.append(roleTitle(r));
    m_table->setHorizontalHeaderLabels(columns);
    for (Permission p : permissions) {
        auto* header = new QTableWidgetItem(permissionDescription(p));
        header->setToolTip(permissionName(p));
        m_table->setVerticalHeaderItem(rowOf(p), header);
        for (Role r : roles) {
            auto* item = new QTableWidgetItem;
            item->setFlags(r == Role::Owner ? Qt::ItemIsUserCheckable
                                            : Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            m_table->setItem(rowOf(p), columnOf(r), item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setMinimumSize(TextWidth, 420);
    connect(m_table, &QTableWidget::itemChanged, this, &RoleEditorDialog::cellChanged);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("roleEditorStatus"));
    m_status->setProperty("role", QStringLiteral("small"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_error = WrappedLabel::errorLabel(QStringLiteral("roleEditorError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_save = new QPushButton(tr("Save (Ctrl+S)"), buttons);
    m_save->setObjectName(QStringLiteral("saveRolesButton"));
    m_save->setProperty("role", QStringLiteral("primary"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    m_history = buttons->addButton(tr("History and undo… (Ctrl+H)"), QDialogButtonBox::ActionRole);
    m_history->setObjectName(QStringLiteral("roleHistoryButton"));
    m_history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeRolesButton"));
    for (QAbstractButton* b : buttons->buttons()) {
        b->setMinimumHeight(56);
        if (auto* push = qobject_cast<QPushButton*>(b))
            push->setAutoDefault(false);
    }
    connect(m_save, &QPushButton::clicked, this, &RoleEditorDialog::save);
    connect(m_history, &QPushButton::clicked, this, &RoleEditorDialog::showHistory);
    connect(buttons, &QDialogButtonBox::rejected, this, &RoleEditorDialog::reject);
    layout->addWidget(buttons);

    auto scope = m_staff.scope(m_session);
    if (scope) {
        m_scope = *scope;
        for (const StoreRef& s : std::as_const(m_scope.stores))
            m_store->addItem(s.name, s.id);
        const int here = m_store->findData(m_session.storeId);
        m_store->setCurrentIndex(here >= 0 ? here : 0);
    }
    connect(m_store, &QComboBox::currentIndexChanged, this, &RoleEditorDialog::load);
    load();
}

qint64 RoleEditorDialog::storeId() const
{
    return m_store->currentIndex() >= 0 ? m_store->currentData().toLongLong() : m_session.storeId;
}

void RoleEditorDialog::load()
{
    const bool discarded = !m_touched.isEmpty();
    m_touched.clear();
    m_stored.clear();
    m_error->hide();
    auto overrides = m_staff.roleOverrides(m_session, storeId());
    const bool ok = overrides.has_value();
    m_table->setEnabled(ok);
    m_save->setEnabled(false);
    m_history->setEnabled(ok);
    m_store->setEnabled(ok);
    if (!ok) {
        m_error->showError(overrides.error().message);
        return;
    }
    for (const RoleOverride& o : std::as_const(*overrides))
        m_stored.insert(key(o.role, o.permission),
                        o.allowed ? OverrideState::Allow : OverrideState::Deny);
    m_loading = true;
    for (Permission p : allPermissions())
        for (Role r : allRoles()) {
            QTableWidgetItem* item = m_table->item(rowOf(p), columnOf(r));
            const OverrideState stored = m_stored.value(key(r, p), OverrideState::Inherit);
            const bool allowed = stored == OverrideState::Inherit
                                     ? defaultPermissions(r).contains(p)
                                     : stored == OverrideState::Allow;
            item->setCheckState(allowed ? Qt::Checked : Qt::Unchecked);
            style(item, r, p);
        }
    m_loading = false;
    m_status->setText(discarded ? tr("Unsaved changes for the other store were discarded.")
                                : tr("%n change(s) from the defaults in this store.", nullptr,
                                     int(m_stored.size())));
}

void RoleEditorDialog::style(QTableWidgetItem* item, Role role, Permission permission)
{
    const bool byDefault = defaultPermissions(role).contains(permission);
    const bool allowed = item->checkState() == Qt::Checked;
    QFont font = item->font();
    font.setBold(allowed != byDefault);
    item->setFont(font);
    const QString def = byDefault ? tr("allowed") : tr("not allowed");
    if (role == Role::Owner)
        item->setToolTip(tr("Owners may always do everything."));
    else if (allowed != byDefault)
        item->setToolTip(
            tr("Changed for this store. The %1 role's default: %2.").arg(roleTitle(role), def));
    else
        item->setToolTip(tr("The %1 role's default: %2.").arg(roleTitle(role), def));
    item->setData(Qt::AccessibleTextRole,
                  QStringLiteral("%1, %2: %3")
                      .arg(roleTitle(role), permissionDescription(permission),
                           allowed ? tr("allowed") : tr("not allowed")));
}

void RoleEditorDialog::cellChanged(QTableWidgetItem* item)
{
    if (m_loading)
        return;
    const Role role = allRoles().at(item->column());
    const auto permission = static_cast<Permission>(item->row());
    m_loading = true; // style() changes the item again
    style(item, role, permission);
    m_loading = false;
    m_touched.insert(key(role, permission));
    m_save->setEnabled(true);
    m_status->setText(tr("Not saved yet: Save (Ctrl+S) applies the changes."));
}

void RoleEditorDialog::save()
{
    m_error->hide();
    int saved = 0;
    for (int k : std::as_const(m_touched)) {
        const auto role = static_cast<Role>(k / 64);
        const auto permission = static_cast<Permission>(k % 64);
        const bool allowed =
            m_table->item(rowOf(permission), columnOf(role))->checkState() == Qt::Checked;
        const OverrideState wanted = allowed == defaultPermissions(role).contains(permission)
                                         ? OverrideState::Inherit
                                         : (allowed ? OverrideState::Allow : OverrideState::Deny);
        if (wanted == m_stored.value(k, OverrideState::Inherit))
            continue;
        auto done = m_staff.setRoleOverride(m_session, storeId(), role, permission, wanted);
        if (!done) {
            m_touched.clear();
            load();
            m_error->showError(done.error().message);
            return;
        }
        ++saved;
    }
    m_touched.clear();
    load();
    m_status->setText(tr("Saved: %n change(s).", nullptr, saved));
}

void RoleEditorDialog::showHistory()
{
    StaffHistoryDialog dialog(m_staff, m_session, StaffHistoryDialog::Subject::StoreOverrides,
                              storeId(), tr("Permission changes in %1").arg(m_store->currentText()),
                              this);
    dialog.exec();
    activateWindow(); // keys keep working after the history closes
    if (dialog.changed())
        load();
}

} // namespace pos::ui
