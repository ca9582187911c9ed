#include "RemoteAuditWindow.h"

#include "AuditActionText.h"
#include "AuditJsonDiff.h"
#include "Banner.h"
#include "RemoteAuditRegisterModel.h"
#include "RemoteAuditRowModel.h"
#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QThread>
#include <QVBoxLayout>
#include <limits>

namespace pos::ui {

namespace {

// Progress in thousands of rows, so that long chains fit the bar's int range.
int scaled(qint64 rows)
{
    return static_cast<int>(std::min<qint64>(rows / 1000 + 1, std::numeric_limits<int>::max()));
}

QTableView* makeTable(const QString& name, const QString& accessibleName, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setTabKeyNavigation(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

RemoteAuditWindow::RemoteAuditWindow(std::unique_ptr<RemoteAuditSession> remote, Session session,
                                     QWidget* parent)
    : QDialog(parent), m_remote(std::move(remote)), m_session(std::move(session))
{
    m_registers = new RemoteAuditRegisterModel(this);
    m_rows = new RemoteAuditRowModel(this);
    buildUi();
    m_userCode->setFocus(Qt::OtherFocusReason);
}

RemoteAuditWindow::~RemoteAuditWindow()
{
    stopWorker();
    // The password field is emptied; the session token goes with the session object.
    m_password->clear();
}

void RemoteAuditWindow::buildUi()
{
    setObjectName(QStringLiteral("remoteAuditWindow"));
    setWindowTitle(tr("Audit logs of all registers (from the server)"));
    setMinimumSize(960, 640);
    resize(1200, 800);
    auto* layout = new QVBoxLayout(this);

    auto* intro = new QLabel(
        tr("The audit logs of every register of your stores as the sync server holds them. Each "
           "is checked here, on this computer, with that register's own key: a row changed on "
           "the server shows as damaged. This computer remembers each register's key and newest "
           "row the first time it verifies them, so a key swapped or rows removed on the server "
           "later show as damaged too."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* signInRow = new QHBoxLayout;
    m_server = new QLabel(this);
    m_server->setObjectName(QStringLiteral("serverLabel"));
    m_userCode = new QLineEdit(this);
    m_userCode->setObjectName(QStringLiteral("userCodeEdit"));
    m_userCode->setAccessibleName(tr("Your user code on the sync server"));
    m_userCode->setMaxLength(8);
    m_userCode->setInputMethodHints(Qt::ImhDigitsOnly);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("Your password on the sync server"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(1024);
    m_signIn = new QPushButton(tr("S&ign in (Enter)"), this);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    auto* codeLabel = new QLabel(tr("&User code:"), this);
    codeLabel->setBuddy(m_userCode);
    auto* passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    signInRow->addWidget(codeLabel);
    signInRow->addWidget(m_userCode);
    signInRow->addWidget(passwordLabel);
    signInRow->addWidget(m_password, 1);
    signInRow->addWidget(m_signIn);
    layout->addLayout(signInRow);
    layout->addWidget(m_server);
    connect(m_signIn, &QPushButton::clicked, this, &RemoteAuditWindow::signIn);
    connect(m_userCode, &QLineEdit::returnPressed, this, &RemoteAuditWindow::signIn);
    connect(m_password, &QLineEdit::returnPressed, this, &RemoteAuditWindow::signIn);

    m_banner = new Banner(this);
    layout->addWidget(m_banner);
    auto* progressRow = new QHBoxLayout;
    m_progressText = new QLabel(this);
    m_progressText->setObjectName(QStringLiteral("progressLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("fetchProgress"));
    m_progress->setAccessibleName(tr("Fetching and checking the registers' logs"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(320);
    progressRow->addWidget(m_progressText, 1);
    progressRow->addWidget(m_progress);
    layout->addLayout(progressRow);
    m_progress->hide();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_registerTable = makeTable(QStringLiteral("registerTable"), tr("Registers"), this);
    m_registerTable->setModel(m_registers);
    m_rowTable = makeTable(QStringLiteral("rowTable"), tr("The register's audit rows"), this);
    m_rowTable->setModel(m_rows);
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("rowDetail"));
    m_detail->setAccessibleName(tr("The row's detail"));
    // The selected register's badge in full, above its rows.
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("registerBadge"));
    m_badge->setWordWrap(true);
    m_badge->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badge->setMargin(6);
    m_badge->hide();
    auto* rowsBox = new QWidget(this);
    auto* rowsLayout = new QVBoxLayout(rowsBox);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_badge);
    rowsLayout->addWidget(m_rowTable, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_registerTable);
    splitter->addWidget(rowsBox);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    auto* buttons = new QDialogButtonBox(this);
    m_refresh = buttons->addButton(tr("Fetch and check &again (F5)"), QDialogButtonBox::ActionRole);
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setEnabled(false);
    connect(m_refresh, &QPushButton::clicked, this, &RemoteAuditWindow::fetchAll);
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    for (QAbstractButton* b : buttons->buttons()) {
        if (auto* push = qobject_cast<QPushButton*>(b)) {
            push->setAutoDefault(false);
            push->setDefault(false);
        }
        b->setMinimumHeight(48);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &RemoteAuditWindow::reject);
    layout->addWidget(buttons);

    // The badge follows the selected register's check as it goes.
    connect(m_registers, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& first) {
        if (first.row() == m_registerTable->currentIndex().row())
            showBadge(first.row());
    });
    connect(m_registerTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showRegister(current.row()); });
    connect(m_rowTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showRow(current.row()); });

    for (auto [a, b] : {std::pair<QWidget*, QWidget*>{m_userCode, m_password},
                        {m_password, m_signIn},
                        {m_signIn, m_registerTable},
                        {m_registerTable, m_rowTable},
                        {m_rowTable, m_detail}})
        setTabOrder(a, b);
}

void RemoteAuditWindow::signIn()
{
    if (m_working)
        return;
    m_banner->clear();
    QByteArray typed = m_password->text().toUtf8();
    SecretBytes password = SecretBytes::takeFrom(typed);
    m_password->clear();
    m_working = true;
    m_signIn->setEnabled(false);
    m_progressText->setText(tr("Signing in to the sync server…"));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_remote->signIn(m_session, m_userCode->text(), std::move(password),
                     [this](const Result<RemoteAuditUser>& user) {
                         if (!m_working)
                             return; // stopped
                         m_working = false;
                         m_signIn->setEnabled(true);
                         m_progress->hide();
                         m_progressText->clear();
                         if (!user) {
                             m_banner->showError(WrappedLabel::sentence(user.error().message));
                             m_password->setFocus(Qt::OtherFocusReason);
                             return;
                         }
                         m_server->setText(
                             tr("Signed in to %1 as user %2 (%3).")
                                 .arg(m_remote->serverUrl(), m_userCode->text(), user->role));
                         fetchAll();
                     });
}

void RemoteAuditWindow::fetchAll()
{
    if (m_working || !m_remote->signedIn())
        return;
    m_working = true;
    m_refresh->setEnabled(false);
    m_banner->clear();
    m_summary->clear();
    m_rows->clear();
    m_detail->clear();
    m_chains.clear();
    m_progressText->setText(tr("Listing the registers of your stores…"));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_remote->listRegisters([this](const Result<QList<RemoteRegister>>& list) {
        if (!m_working)
            return; // stopped
        if (!list) {
            m_working = false;
            m_refresh->setEnabled(true);
            m_progress->hide();
            m_progressText->clear();
            m_banner->showError(WrappedLabel::sentence(list.error().message));
            return;
        }
        m_registers->setRegisters(*list, m_remote->ownRegisterId(), m_remote->storeNames());
        fitRegisterColumns();
        qint64 total = 0;
        for (const RemoteRegister& r : *list)
            total += r.rowCount;
        m_progress->setRange(0, scaled(total));
        m_progress->setValue(0);
        m_next = 0;
        if (m_registers->count() > 0)
            m_registerTable->setCurrentIndex(m_registers->index(0, 0));
        fetchNext();
    });
}

void RemoteAuditWindow::fetchNext()
{
    if (m_next >= m_registers->count()) {
        finishAll();
        return;
    }
    const int row = m_next++;
    RemoteAuditEntry& e = m_registers->entry(row);
    e.state = RemoteAuditEntry::State::Fetching;
    e.fetched = 0;
    m_registers->changed(row);
    const QString name = m_registers->nameText(e);
    qint64 before = 0;
    for (int i = 0; i < row; ++i)
        before += m_registers->entry(i).reg.rowCount;
    m_progressText->setText(tr("Fetching the log of %1…").arg(name));
    m_remote->fetchChain(
        e.reg.registerId,
        [this, row, name, before](qint64 fetched, qint64 total) {
            if (!m_working)
                return;
            RemoteAuditEntry& entry = m_registers->entry(row);
            entry.fetched = fetched;
            m_registers->changed(row);
            m_progress->setValue(std::min(m_progress->maximum(), scaled(before + fetched)));
            m_progressText->setText(
                tr("Fetching the log of %1: %2 of %3 rows…")
                    .arg(name, QLocale().toString(fetched), QLocale().toString(total)));
        },
        [this, row](Result<RemoteAuditChain> chain) {
            if (!m_working)
                return; // stopped
            if (!chain) {
                fail(row, chain.error().message);
                fetchNext();
                return;
            }
            verify(row, std::move(*chain));
        });
}

void RemoteAuditWindow::verify(int row, RemoteAuditChain chain)
{
    RemoteAuditEntry& e = m_registers->entry(row);
    e.state = RemoteAuditEntry::State::Checking;
    e.fetched = chain.rows.size();
    e.reg = chain.reg;
    m_registers->changed(row);
    m_progressText->setText(tr("Checking the log of %1…").arg(m_registers->nameText(e)));
    auto expect = m_remote->expectationFor(chain.reg.registerId);
    if (!expect) {
        fail(row, expect.error().message);
        fetchNext();
        return;
    }
    const QString id = chain.reg.registerId;
    auto fetched = std::make_shared<const RemoteAuditChain>(std::move(chain));
    m_chains.insert(id, fetched);

    stopWorker();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    m_worker = QThread::create([this, row, fetched, expectation = *expect, cancel] {
        auto result = RemoteAudit::verify(*fetched, expectation,
                                          [&](qint64, qint64) { return !cancel->load(); });
        QMetaObject::invokeMethod(
            this,
            [this, row, cancel, result] {
                if (!cancel->load())
                    verified(row, result);
            },
            Qt::QueuedConnection);
    });
    m_worker->setObjectName(QStringLiteral("remoteAuditVerify"));
    m_worker->start(QThread::LowPriority);
}

void RemoteAuditWindow::verified(int row, const Result<RemoteAuditVerdict>& result)
{
    stopWorker();
    if (!result) {
        fail(row, result.error().message);
    } else {
        RemoteAuditEntry& e = m_registers->entry(row);
        e.verdict = *result;
        e.state =
            result->intact() ? RemoteAuditEntry::State::Verified : RemoteAuditEntry::State::Damaged;
        // An intact chain is remembered (its key on first sight, its head from then on), so the
        // next fetch is held to it.
        if (auto chain = m_chains.value(e.reg.registerId); chain && result->intact()) {
            if (auto learned = m_remote->remember(*chain, *result); !learned)
                m_banner->showError(tr("This desktop could not remember what it verified of %1: %2")
                                        .arg(m_registers->nameText(e),
                                             WrappedLabel::sentence(learned.error().message)));
        }
        m_registers->changed(row);
        if (m_registerTable->currentIndex().row() == row)
            showRegister(row);
    }
    fetchNext();
}

void RemoteAuditWindow::fail(int row, const QString& message)
{
    RemoteAuditEntry& e = m_registers->entry(row);
    e.state = RemoteAuditEntry::State::Failed;
    e.failure = message;
    m_registers->changed(row);
}

void RemoteAuditWindow::finishAll()
{
    m_working = false;
    m_signIn->setEnabled(true);
    m_refresh->setEnabled(true);
    m_progress->hide();
    m_progressText->clear();
    int verified = 0, damaged = 0, failed = 0;
    for (int i = 0; i < m_registers->count(); ++i) {
        switch (m_registers->entry(i).state) {
        case RemoteAuditEntry::State::Verified:
            ++verified;
            break;
        case RemoteAuditEntry::State::Damaged:
            ++damaged;
            break;
        default:
            ++failed;
            break;
        }
    }
    if (m_registers->count() == 0)
        m_summary->setText(tr("The server holds no register of your stores."));
    else if (damaged == 0 && failed == 0)
        m_summary->setText(tr("All %1 registers' logs are intact.").arg(verified));
    else
        m_summary->setText(tr("%1 of %2 registers' logs are intact; %3 damaged, %4 not checked.")
                               .arg(verified)
                               .arg(m_registers->count())
                               .arg(damaged)
                               .arg(failed));
    m_summary->setProperty("kind", damaged + failed > 0 ? QStringLiteral("error") : QString());
    m_summary->style()->unpolish(m_summary);
    m_summary->style()->polish(m_summary);
    showRegister(m_registerTable->currentIndex().row());
    emit allChecked();
}

void RemoteAuditWindow::fitRegisterColumns()
{
    // Name, store, rows and key as wide as they are; the check takes the rest (its full words
    // are in the badge above the rows).
    for (int c = 0; c < RemoteAuditRegisterModel::CheckColumn; ++c)
        m_registerTable->resizeColumnToContents(c);
}

void RemoteAuditWindow::showBadge(int row)
{
    QString style;
    if (row < 0 || row >= m_registers->count()) {
        m_badge->clear();
        m_badge->hide();
        return;
    }
    const RemoteAuditEntry& e = m_registers->entry(row);
    m_badge->setText(tr("%1: %2").arg(m_registers->nameText(e), m_registers->checkText(e)));
    switch (e.state) {
    case RemoteAuditEntry::State::Verified:
        style = QStringLiteral("background: #e3f1e6; border: 2px solid #2e7d32; color: #0b4f1c; "
                               "font-weight: bold;");
        break;
    case RemoteAuditEntry::State::Damaged:
    case RemoteAuditEntry::State::Failed:
        style = QStringLiteral("background: #fbe3e6; border: 2px solid #b00020; color: #8a0018; "
                               "font-weight: bold;");
        break;
    default:
        style = QStringLiteral("background: #f1f1f1; border: 2px solid #9e9e9e;");
        break;
    }
    m_badge->setStyleSheet(
        QStringLiteral("QLabel#registerBadge { %1 border-radius: 4px; }").arg(style));
    m_badge->show();
    // The whole verdict stays readable: the splitter gives the rows' pane room for every line.
    m_badge->setMinimumHeight(m_badge->heightForWidth(std::max(m_badge->width(), 480)));
}

void RemoteAuditWindow::showRegister(int row)
{
    m_detail->clear();
    showBadge(row);
    if (row < 0 || row >= m_registers->count()) {
        m_rows->clear();
        return;
    }
    const RemoteAuditEntry& e = m_registers->entry(row);
    auto it = m_chains.constFind(e.reg.registerId);
    if (it == m_chains.constEnd() || e.state == RemoteAuditEntry::State::Checking) {
        m_rows->clear();
        return;
    }
    m_rows->setChain(*it, e.verdict && !e.verdict->chain.intact() ? e.verdict->chain.badSeq : -1);
    m_rowTable->resizeColumnsToContents();
}

void RemoteAuditWindow::showRow(int row)
{
    const AuditRow* r = m_rows->rowAt(row);
    if (!r) {
        m_detail->clear();
        return;
    }
    const AuditJsonDiff diff(r->before, r->after);
    QString html = QStringLiteral("<p><b>%1</b> — %2<br/>%3</p>")
                       .arg(auditActionText(r->action).toHtmlEscaped(), r->entity.toHtmlEscaped(),
                            tr("Row %1 of register %2, %3")
                                .arg(r->seq)
                                .arg(r->registerId, r->at)
                                .toHtmlEscaped());
    if (m_rows->isDamaged(row))
        html += QStringLiteral("<p style=\"color:#b00020\"><b>%1</b></p>")
                    .arg(tr("The check found damage at or before this row: it cannot be vouched "
                            "for.")
                             .toHtmlEscaped());
    html += QStringLiteral("<table width=\"100%\"><tr><th align=\"left\">%1</th>"
                           "<th align=\"left\">%2</th></tr><tr><td valign=\"top\">%3</td>"
                           "<td valign=\"top\">%4</td></tr></table>")
                .arg(tr("Before").toHtmlEscaped(), tr("After").toHtmlEscaped(), diff.beforeHtml(),
                     diff.afterHtml());
    m_detail->setHtml(html);
}

void RemoteAuditWindow::stopWorker()
{
    if (!m_worker)
        return;
    if (m_cancel)
        m_cancel->store(true);
    m_worker->wait();
    delete m_worker;
    m_worker = nullptr;
    m_cancel.reset();
}

void RemoteAuditWindow::reject()
{
    if (m_working) {
        // Esc stops the sign-in, fetch or check under way; the window stays.
        m_next = m_registers->count();
        m_working = false; // the cut-off request's answer finds nothing more to do
        m_remote->cancel();
        stopWorker();
        for (int i = 0; i < m_registers->count(); ++i) {
            const auto state = m_registers->entry(i).state;
            if (state != RemoteAuditEntry::State::Verified &&
                state != RemoteAuditEntry::State::Damaged &&
                state != RemoteAuditEntry::State::Failed)
                fail(i, tr("stopped before it was checked"));
        }
        finishAll();
        m_signIn->setEnabled(true);
        m_progressText->setText(tr("Stopped."));
        return;
    }
    QDialog::reject();
}

} // namespace pos::ui
