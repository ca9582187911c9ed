#include "ApprovalsQueueDialog.h"

#include "MoneyText.h"
#include "WrappedLabel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

constexpr int TextWidth = 900;
constexpr int DefaultRefreshMs = 5000;

enum Column { Requester, What, Amount, Reason, Where, Waiting, Left, ColumnCount };

// "3 min" / "45 s"
QString duration(qint64 secs)
{
    secs = std::max<qint64>(secs, 0);
    if (secs < 60)
        return ApprovalsQueueDialog::tr("%1 s").arg(secs);
    return ApprovalsQueueDialog::tr("%1 min %2 s").arg(secs / 60).arg(secs % 60);
}

} // namespace

ApprovalsQueueDialog::ApprovalsQueueDialog(ApprovalService& approvals, const Session& approver,
                                           const Clock& clock, QString currency, QWidget* parent)
    : QDialog(parent), m_approvals(approvals), m_approver(approver), m_clock(clock),
      m_currency(std::move(currency))
{
    setObjectName(QStringLiteral("approvalsQueueDialog"));
    setWindowTitle(tr("Approvals queue"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    auto* intro = new WrappedLabel(
        tr("Requests from the registers of this store that wait for a manager. A request expires "
           "5 minutes after it was made; nobody approves their own."),
        TextWidth, this);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("approvalsTable"));
    m_table->setAccessibleName(tr("Pending requests"));
    m_table->setHorizontalHeaderLabels({tr("Asked by"), tr("What"), tr("Amount"), tr("Reason"),
                                        tr("Register"), tr("Waiting"), tr("Expires in")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    m_table->setMinimumSize(TextWidth, 280);
    layout->addWidget(m_table, 1);

    auto* noteRow = new QHBoxLayout;
    auto* noteLabel = new QLabel(tr("&Note for a refusal:"), this);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("refuseNote"));
    m_note->setAccessibleName(tr("Note for a refusal"));
    m_note->setMaxLength(200);
    noteLabel->setBuddy(m_note);
    noteRow->addWidget(noteLabel);
    noteRow->addWidget(m_note, 1);
    layout->addLayout(noteRow);

    m_empty = new QLabel(tr("No request is waiting."), this);
    m_empty->setObjectName(QStringLiteral("queueEmpty"));
    m_empty->hide();
    layout->addWidget(m_empty);
    m_info = new WrappedLabel({}, TextWidth, this);
    m_info->setObjectName(QStringLiteral("queueInfo"));
    m_info->hide();
    layout->addWidget(m_info);
    m_error = WrappedLabel::errorLabel(QStringLiteral("queueError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_approve = buttons->addButton(tr("Approve"), QDialogButtonBox::ActionRole);
    m_approve->setObjectName(QStringLiteral("queueApproveButton"));
    m_approve->setProperty("role", QStringLiteral("primary"));
    m_refuse = buttons->addButton(tr("Refuse"), QDialogButtonBox::ActionRole);
    m_refuse->setObjectName(QStringLiteral("queueRefuseButton"));
    QPushButton* refreshButton =
        buttons->addButton(tr("Refresh (F5)"), QDialogButtonBox::ResetRole);
    refreshButton->setObjectName(QStringLiteral("queueRefreshButton"));
    QPushButton* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("queueCloseButton"));
    for (QPushButton* b : {m_approve, m_refuse, refreshButton, close})
        b->setAutoDefault(false);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalsQueueDialog::approveSelected);
    connect(m_refuse, &QPushButton::clicked, this, &ApprovalsQueueDialog::refuseSelected);
    connect(refreshButton, &QPushButton::clicked, this, &ApprovalsQueueDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &ApprovalsQueueDialog::reject);
    layout->addWidget(buttons);

    auto* f5 = new QAction(this);
    f5->setShortcut(Qt::Key_F5);
    connect(f5, &QAction::triggered, this, &ApprovalsQueueDialog::refresh);
    addAction(f5);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool chosen = !selectedId().isNull();
        m_approve->setEnabled(chosen);
        m_refuse->setEnabled(chosen);
    });

    m_timer = new QTimer(this);
    m_timer->setInterval(DefaultRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &ApprovalsQueueDialog::refresh);
    m_timer->start();
    refresh();
}

void ApprovalsQueueDialog::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

QUuid ApprovalsQueueDialog::selectedId() const
{
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    if (items.isEmpty())
        return {};
    const int row = items.first()->row();
    return row >= 0 && row < m_pending.size() ? m_pending.at(row).id : QUuid();
}

void ApprovalsQueueDialog::refresh()
{
    const QUuid keep = selectedId();
    auto pending = m_approvals.pending(m_approver);
    if (!pending) {
        m_timer->stop(); // a session that may not see the queue will not see it later either
        m_pending.clear();
        m_table->setRowCount(0);
        showError(pending.error().message);
        return;
    }
    m_pending = *pending;
    const QDateTime now = m_clock.nowUtc();
    m_table->setRowCount(static_cast<int>(m_pending.size()));
    int select = -1;
    for (int row = 0; row < m_pending.size(); ++row) {
        const Approval& a = m_pending.at(row);
        const QStringList cells = {
            a.requesterName,
            approvalKindTitle(a.kind),
            MoneyText::format(a.amountMinor, m_currency),
            a.reason,
            a.registerId == m_approvals.registerId() ? tr("this one") : tr("another"),
            duration(a.requestedAt.secsTo(now)),
            duration(now.secsTo(a.expiresAt)),
        };
        for (int col = 0; col < ColumnCount; ++col) {
            auto* item = new QTableWidgetItem(cells.at(col));
            if (col == What)
                item->setToolTip(a.subject);
            if (col == Amount)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, col, item);
        }
        if (a.id == keep)
            select = row;
    }
    if (select < 0 && !m_pending.isEmpty())
        select = 0;
    if (select >= 0)
        m_table->selectRow(select);
    else
        m_table->clearSelection();
    const bool chosen = !selectedId().isNull();
    m_approve->setEnabled(chosen);
    m_refuse->setEnabled(chosen);
    m_empty->setVisible(m_pending.isEmpty());
}

void ApprovalsQueueDialog::approveSelected()
{
    const QUuid id = selectedId();
    if (id.isNull())
        return;
    auto done = m_approvals.approve(m_approver, id);
    if (!done) {
        showError(done.error().message);
        refresh();
        return;
    }
    m_error->hide();
    showInfo(tr("Approved: %1 for %2 (%3).")
                 .arg(approvalKindTitle(done->kind), done->requesterName,
                      MoneyText::format(done->amountMinor, m_currency)));
    refresh();
}

void ApprovalsQueueDialog::refuseSelected()
{
    const QUuid id = selectedId();
    if (id.isNull())
        return;
    auto done = m_approvals.refuse(m_approver, id, m_note->text());
    if (!done) {
        showError(done.error().message);
        if (done.error().code == ErrorCode::InvalidInput)
            m_note->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_error->hide();
    m_note->clear();
    showInfo(tr("Refused: %1 for %2.").arg(approvalKindTitle(done->kind), done->requesterName));
    refresh();
}

void ApprovalsQueueDialog::showError(const QString& message)
{
    m_error->showError(message);
    adjustSize();
}

void ApprovalsQueueDialog::showInfo(const QString& message)
{
    m_info->setWrappedText(message);
    m_info->show();
}

} // namespace pos::ui
