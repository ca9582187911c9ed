#include "StaffHistoryDialog.h"

#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int TextWidth = 720;
}

StaffHistoryDialog::StaffHistoryDialog(StaffService& staff, Session session, Subject subject,
                                       qint64 id, const QString& title, QWidget* parent)
    : QDialog(parent), m_staff(staff), m_session(std::move(session)), m_subject(subject), m_id(id)
{
    setObjectName(QStringLiteral("staffHistoryDialog"));
    setWindowTitle(title);
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Changes, newest first"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("By"), tr("What")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumSize(TextWidth, 280);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &StaffHistoryDialog::updateButton);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setProperty("role", QStringLiteral("small"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_error = WrappedLabel::errorLabel(QStringLiteral("historyError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_undo = buttons->addButton(tr("Undo (Ctrl+Z)"), QDialogButtonBox::ActionRole);
    m_undo->setObjectName(QStringLiteral("undoChangeButton"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_undo->setAutoDefault(false);
    connect(m_undo, &QPushButton::clicked, this, &StaffHistoryDialog::undoSelected);
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeHistoryButton"));
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::rejected, this, &StaffHistoryDialog::reject);
    layout->addWidget(buttons);
    refresh();
}

void StaffHistoryDialog::refresh()
{
    m_table->setRowCount(0);
    auto changes = m_subject == Subject::User ? m_staff.history(m_session, m_id)
                                              : m_staff.overrideHistory(m_session, m_id);
    if (!changes) {
        m_changes.clear();
        m_error->showError(changes.error().message);
        updateButton();
        return;
    }
    m_changes = *changes;
    const QLocale locale;
    for (const AccessChange& c : std::as_const(m_changes)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(
            row, 0,
            new QTableWidgetItem(locale.toString(c.at.toLocalTime(), QLocale::ShortFormat)));
        m_table->setItem(row, 1, new QTableWidgetItem(c.actorName));
        m_table->setItem(row, 2, new QTableWidgetItem(c.summary));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    if (!m_changes.isEmpty())
        m_table->selectRow(0);
    m_status->setText(m_changes.isEmpty() ? tr("No changes yet.")
                                          : tr("%n change(s).", nullptr, int(m_changes.size())));
    updateButton();
}

void StaffHistoryDialog::updateButton()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_changes.size() || m_table->selectedItems().isEmpty()) {
        m_undo->setEnabled(false);
        m_undo->setToolTip(tr("Choose a change to undo."));
        return;
    }
    const AccessChange& c = m_changes.at(row);
    m_undo->setEnabled(c.undoable);
    if (c.undoable)
        m_undo->setToolTip(tr("Undo this change. The undo is recorded too."));
    else if (c.undoneBy > 0)
        m_undo->setToolTip(tr("This change was undone already."));
    else if (c.undoes > 0)
        m_undo->setToolTip(tr("An undo cannot be undone: make the change again instead."));
    else
        m_undo->setToolTip(tr("A PIN or password reset cannot be undone: the old one is not "
                              "kept. Reset it again instead."));
}

void StaffHistoryDialog::undoSelected()
{
    m_error->hide();
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_changes.size())
        return;
    auto done = m_staff.undo(m_session, m_changes.at(row).id);
    if (!done) {
        m_error->showError(done.error().message);
        return;
    }
    m_changed = true;
    refresh();
    m_status->setText(tr("Undone. The undo is at the top of the list."));
}

} // namespace pos::ui
