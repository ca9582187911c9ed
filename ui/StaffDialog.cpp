#include "StaffDialog.h"

#include "NewStaffDialog.h"
#include "StaffHistoryDialog.h"
#include "WrappedLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace pos::ui {

namespace {
constexpr int TextWidth = 760;
constexpr int FormWidth = 480;

enum Column { NameCol, CodeCol, RoleCol, StoresCol, LimitCol, ActiveCol, ColumnCount };

QString percent(qint64 ppm)
{
    return QLocale().toString(static_cast<double>(ppm) / 10000.0, 'f', 1) + QStringLiteral(" %");
}

std::unexpected<Error> formError(const QString& message)
{
    return fail(ErrorCode::InvalidInput, message);
}
} // namespace

StaffDialog::StaffDialog(StaffService& staff, Session session, QWidget* parent)
    : QDialog(parent), m_staff(staff), m_session(std::move(session))
{
    setObjectName(QStringLiteral("staffDialog"));
    setWindowTitle(tr("Staff"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("staffTable"));
    m_table->setAccessibleName(tr("Staff"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Code"), tr("Role"), tr("Stores"), tr("Discount limit"), tr("Active")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setMinimumSize(TextWidth, 320);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &StaffDialog::updateButtons);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("staffStatus"));
    m_status->setProperty("role", QStringLiteral("small"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_error = WrappedLabel::errorLabel(QStringLiteral("staffError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* grid = new QGridLayout;
    layout->addLayout(grid);
    m_new = addAction(tr("New… (Ctrl+N)"), QStringLiteral("newStaffButton"),
                      QKeySequence(Qt::CTRL | Qt::Key_N), &StaffDialog::createNew);
    m_active = addAction(tr("Deactivate (Ctrl+D)"), QStringLiteral("toggleActiveButton"),
                         QKeySequence(Qt::CTRL | Qt::Key_D), &StaffDialog::toggleActive);
    m_pin = addAction(tr("Reset PIN… (Ctrl+P)"), QStringLiteral("resetPinButton"),
                      QKeySequence(Qt::CTRL | Qt::Key_P), &StaffDialog::resetPin);
    m_password =
        addAction(tr("Reset password… (Ctrl+Shift+P)"), QStringLiteral("resetPasswordButton"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &StaffDialog::resetPassword);
    m_role = addAction(tr("Change role… (Ctrl+R)"), QStringLiteral("changeRoleButton"),
                       QKeySequence(Qt::CTRL | Qt::Key_R), &StaffDialog::changeRole);
    m_stores = addAction(tr("Stores… (Ctrl+S)"), QStringLiteral("storesButton"),
                         QKeySequence(Qt::CTRL | Qt::Key_S), &StaffDialog::changeStores);
    m_limit = addAction(tr("Discount limit… (Ctrl+L)"), QStringLiteral("limitButton"),
                        QKeySequence(Qt::CTRL | Qt::Key_L), &StaffDialog::changeLimit);
    m_history = addAction(tr("History and undo… (Ctrl+H)"), QStringLiteral("historyButton"),
                          QKeySequence(Qt::CTRL | Qt::Key_H), &StaffDialog::showHistory);
    for (int i = 0; i < m_actions.size(); ++i)
        grid->addWidget(m_actions.at(i), i / 4, i % 4);

    auto* buttons = new QDialogButtonBox(this);
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeStaffButton"));
    close->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::rejected, this, &StaffDialog::reject);
    layout->addWidget(buttons);

    refresh();
    m_table->setFocus();
}

QPushButton* StaffDialog::addAction(const QString& text, const QString& objectName,
                                    const QKeySequence& key, void (StaffDialog::*slot)())
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setShortcut(key); // a disabled button's key does nothing
    button->setAutoDefault(false);
    button->setMinimumHeight(56);
    connect(button, &QPushButton::clicked, this, slot);
    m_actions.append(button);
    return button;
}

void StaffDialog::refresh()
{
    const StaffMember* current = selected();
    const qint64 keep = current ? current->id : 0;
    m_table->setRowCount(0);
    m_members.clear();
    auto scope = m_staff.scope(m_session);
    auto members = scope ? m_staff.list(m_session)
                         : Result<QList<StaffMember>>(std::unexpected(scope.error()));
    if (!members) {
        m_scope = {};
        m_status->setText(tr("Nothing to show."));
        m_error->showError(members.error().message);
        updateButtons();
        return;
    }
    m_scope = *scope;
    m_members = *members;
    for (const StaffMember& m : std::as_const(m_members)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{m.name,
                                m.code,
                                roleTitle(m.role),
                                m.role == Role::Owner ? tr("All stores")
                                                      : m.storeNames.join(QStringLiteral(", ")),
                                percent(m.discountLimitPpm),
                                m.active ? tr("Active") : tr("Inactive")};
        for (int col = 0; col < ColumnCount; ++col) {
            auto* item = new QTableWidgetItem(cells.at(col));
            if (!m.active)
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            m_table->setItem(row, col, item);
        }
        if (m.id == keep)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    if (!selected() && !m_members.isEmpty())
        m_table->selectRow(0);
    m_status->setText(tr("%n staff member(s).", nullptr, int(m_members.size())));
    updateButtons();
}

const StaffMember* StaffDialog::selected() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_members.size() || m_table->selectedItems().isEmpty())
        return nullptr;
    return &m_members.at(row);
}

void StaffDialog::updateButtons()
{
    const StaffMember* m = selected();
    const bool manage = m_scope.permissions.contains(Permission::UsersManage);
    const bool can = manage && m && m->manageable;
    m_new->setEnabled(manage && !m_scope.grantableRoles.isEmpty());
    m_active->setText(m && !m->active ? tr("Reactivate (Ctrl+D)") : tr("Deactivate (Ctrl+D)"));
    m_active->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D)); // setText resets it
    m_active->setEnabled(can);
    m_pin->setEnabled(can);
    m_password->setEnabled(can);
    m_limit->setEnabled(can);
    m_role->setEnabled(can && m_scope.grantableRoles.size() > 1);
    m_stores->setEnabled(can && m_scope.permissions.contains(Permission::StoresAssign));
    m_history->setEnabled(manage && m);
}

void StaffDialog::reportDone(const QString& message)
{
    m_error->hide();
    refresh();
    m_status->setText(message);
}

bool StaffDialog::runForm(const QString& objectName, const QString& title, QWidget* fields,
                          const std::function<Result<qint64>()>& apply)
{
    m_error->hide();
    QDialog d(this);
    d.setObjectName(objectName);
    d.setWindowTitle(title);
    d.setModal(true);
    auto* layout = new QVBoxLayout(&d);
    fields->setParent(&d);
    layout->addWidget(fields);
    auto* error = WrappedLabel::errorLabel(QStringLiteral("formError"), FormWidth, &d);
    layout->addWidget(error);
    auto* buttons = new QDialogButtonBox(&d);
    auto* ok = new QPushButton(tr("OK (Enter)"), buttons);
    ok->setObjectName(QStringLiteral("formOkButton"));
    ok->setProperty("role", QStringLiteral("primary"));
    buttons->addButton(ok, QDialogButtonBox::AcceptRole);
    ok->setDefault(true);
    buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole)->setAutoDefault(false);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::accepted, &d, [&] {
        error->hide();
        auto result = apply();
        if (!result) {
            error->showError(result.error().message);
            return;
        }
        d.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    layout->addWidget(buttons);
    const bool accepted = d.exec() == QDialog::Accepted;
    regainFocus();
    return accepted;
}

void StaffDialog::regainFocus()
{
    // Keys keep working after a form closes, whatever the window manager does with focus.
    activateWindow();
    m_table->setFocus();
}

void StaffDialog::createNew()
{
    NewStaffDialog dialog(m_staff, m_session, m_scope, this);
    const int result = dialog.exec();
    regainFocus();
    if (result != QDialog::Accepted)
        return;
    reportDone(tr("The new account is ready: they can sign in now."));
    for (int row = 0; row < m_members.size(); ++row)
        if (m_members.at(row).id == dialog.createdUserId())
            m_table->selectRow(row);
}

void StaffDialog::toggleActive()
{
    const StaffMember* m = selected();
    if (!m)
        return;
    const QString name = m->name;
    const bool wasActive = m->active;
    auto r =
        wasActive ? m_staff.deactivate(m_session, m->id) : m_staff.reactivate(m_session, m->id);
    if (!r) {
        m_error->showError(r.error().message);
        return;
    }
    reportDone(wasActive ? tr("%1 is deactivated and signed out. History can undo it.").arg(name)
                         : tr("%1 is active again.").arg(name));
}

void StaffDialog::resetPin()
{
    resetCredential(true);
}

void StaffDialog::resetPassword()
{
    resetCredential(false);
}

// One form for both: the new secret twice, masked, cleared after every try; only core's answer
// (or "the two differ") is shown.
void StaffDialog::resetCredential(bool pin)
{
    const StaffMember* m = selected();
    if (!m)
        return;
    const qint64 id = m->id;
    const QString name = m->name;
    auto* fields = new QWidget;
    auto* form = new QFormLayout(fields);
    form->addRow(new WrappedLabel(pin ? tr("A new PIN for %1 (4 to 8 digits). Their open sessions "
                                           "end: they sign in again with it.")
                                            .arg(name)
                                      : tr("A new password for %1 (at least 12 characters). Their "
                                           "open sessions end.")
                                            .arg(name),
                                  FormWidth, fields));
    const QString label = pin ? tr("New PIN") : tr("New password");
    const QString againLabel = pin ? tr("New PIN again") : tr("New password again");
    auto* secretEdit = NewStaffDialog::secretEdit(
        pin, pin ? QStringLiteral("newPinEdit") : QStringLiteral("newPasswordEdit"), label, fields);
    auto* again = NewStaffDialog::secretEdit(
        pin, pin ? QStringLiteral("newPinAgainEdit") : QStringLiteral("newPasswordAgainEdit"),
        againLabel, fields);
    form->addRow(label, secretEdit);
    form->addRow(againLabel, again);
    const bool ok =
        runForm(pin ? QStringLiteral("resetPinForm") : QStringLiteral("resetPasswordForm"),
                pin ? tr("Reset PIN") : tr("Reset password"), fields, [&] {
                    const bool same = secretEdit->text() == again->text();
                    again->clear();
                    SecretBytes secret = NewStaffDialog::take(secretEdit);
                    if (!same)
                        return Result<qint64>(
                            formError(pin ? tr("The two PINs differ: type them again.")
                                          : tr("The two passwords differ: type them again.")));
                    return pin ? m_staff.resetPin(m_session, id, secret)
                               : m_staff.resetPassword(m_session, id, secret);
                });
    if (ok)
        reportDone(pin ? tr("%1's PIN is reset; their open sessions ended.").arg(name)
                       : tr("%1's password is reset; their open sessions ended.").arg(name));
}

void StaffDialog::changeRole()
{
    const StaffMember* m = selected();
    if (!m)
        return;
    const qint64 id = m->id;
    const QString name = m->name;
    auto* fields = new QWidget;
    auto* form = new QFormLayout(fields);
    form->addRow(new WrappedLabel(tr("%1 is now: %2. Their open sessions end when the role "
                                     "changes.")
                                      .arg(name, roleTitle(m->role)),
                                  FormWidth, fields));
    auto* combo = new QComboBox(fields);
    combo->setObjectName(QStringLiteral("newRoleCombo"));
    combo->setAccessibleName(tr("New role"));
    for (Role r : std::as_const(m_scope.grantableRoles))
        if (r != m->role)
            combo->addItem(roleTitle(r), static_cast<int>(r));
    form->addRow(tr("New role"), combo);
    QString chosen; // the form and its combo box are gone when runForm returns
    const bool ok = runForm(QStringLiteral("changeRoleForm"), tr("Change role"), fields, [&] {
        chosen = combo->currentText();
        return m_staff.changeRole(m_session, id, static_cast<Role>(combo->currentData().toInt()));
    });
    if (ok)
        reportDone(tr("%1 is now: %2.").arg(name, chosen));
}

void StaffDialog::changeStores()
{
    const StaffMember* m = selected();
    if (!m)
        return;
    const qint64 id = m->id;
    const QString name = m->name;
    auto* fields = new QWidget;
    auto* box = new QVBoxLayout(fields);
    box->addWidget(new WrappedLabel(tr("The stores %1 works in:").arg(name), FormWidth, fields));
    QList<QCheckBox*> checks;
    for (const StoreRef& s : std::as_const(m_scope.stores)) {
        auto* check = new QCheckBox(s.name, fields);
        check->setObjectName(QStringLiteral("store_%1").arg(s.id));
        check->setProperty("storeId", s.id);
        check->setChecked(m->storeIds.contains(s.id));
        box->addWidget(check);
        checks.append(check);
    }
    const bool ok = runForm(QStringLiteral("storesForm"), tr("Stores"), fields, [&] {
        QList<qint64> stores;
        for (QCheckBox* check : std::as_const(checks))
            if (check->isChecked())
                stores.append(check->property("storeId").toLongLong());
        return m_staff.assignStores(m_session, id, stores);
    });
    if (ok)
        reportDone(tr("%1's stores are changed.").arg(name));
}

void StaffDialog::changeLimit()
{
    const StaffMember* m = selected();
    if (!m)
        return;
    const qint64 id = m->id;
    const QString name = m->name;
    auto* fields = new QWidget;
    auto* form = new QFormLayout(fields);
    form->addRow(new WrappedLabel(tr("The largest discount %1 may give without a manager's "
                                     "approval.")
                                      .arg(name),
                                  FormWidth, fields));
    auto* spin = new QDoubleSpinBox(fields);
    spin->setObjectName(QStringLiteral("newLimitSpin"));
    spin->setAccessibleName(tr("Discount limit"));
    spin->setDecimals(1);
    spin->setSuffix(QStringLiteral(" %"));
    spin->setRange(0.0, static_cast<double>(m_scope.maxDiscountLimitPpm) / 10000.0);
    spin->setValue(static_cast<double>(m->discountLimitPpm) / 10000.0);
    form->addRow(tr("Discount limit"), spin);
    const bool ok = runForm(QStringLiteral("limitForm"), tr("Discount limit"), fields, [&] {
        return m_staff.setDiscountLimit(m_session, id, std::llround(spin->value() * 10000.0));
    });
    if (ok)
        reportDone(tr("%1's discount limit is changed.").arg(name));
}

void StaffDialog::showHistory()
{
    const StaffMember* m = selected();
    if (!m)
        return;
    StaffHistoryDialog dialog(m_staff, m_session, StaffHistoryDialog::Subject::User, m->id,
                              tr("Changes to %1").arg(m->name), this);
    dialog.exec();
    regainFocus();
    if (dialog.changed())
        reportDone(tr("Undone."));
}

} // namespace pos::ui
