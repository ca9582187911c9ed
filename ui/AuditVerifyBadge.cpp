#include "AuditVerifyBadge.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QThread>
#include <limits>

namespace pos::ui {

namespace {

// The progress bar counts in thousands of rows so that a long chain fits its int range.
int scaled(qint64 rows)
{
    return static_cast<int>(std::min<qint64>(rows / 1000 + 1, std::numeric_limits<int>::max()));
}

// "1a2b 3c4d …": enough of the fingerprint to compare at a glance; the tooltip has all of it.
QString shortFingerprint(const QByteArray& publicKey)
{
    const QStringList groups =
        AuditVerifier::fingerprint(publicKey).split(u' ', Qt::SkipEmptyParts);
    return groups.mid(0, 2).join(u' ') + QStringLiteral(" …");
}

} // namespace

AuditVerifyBadge::AuditVerifyBadge(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("verifyBadge"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("verifyText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("verifyProgress"));
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Checking the audit log"));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress);
    m_progress->hide();
    setState(State::Idle, {});
}

AuditVerifyBadge::~AuditVerifyBadge()
{
    stop();
}

QString AuditVerifyBadge::text() const
{
    return m_text->text();
}

void AuditVerifyBadge::stop()
{
    if (!m_thread)
        return;
    m_cancel->store(true);
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_cancel.reset();
}

void AuditVerifyBadge::start(AuditVerificationPlan plan)
{
    stop();
    m_plan = std::make_unique<AuditVerificationPlan>(std::move(plan));
    m_ownRegisters.clear();
    qint64 rows = 0;
    for (const auto& chain : m_plan->chains) {
        rows += chain.rows;
        if (chain.own)
            m_ownRegisters << chain.registerId;
    }
    m_progress->setRange(0, scaled(rows));
    m_progress->setValue(0);
    m_progress->show();
    setState(State::Checking,
             tr("Checking that the audit log is intact: %1 rows…").arg(QLocale().toString(rows)));

    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    const AuditVerificationPlan* planned = m_plan.get();
    m_thread = QThread::create([this, planned, cancel] {
        QElapsedTimer sinceShown;
        sinceShown.start();
        auto result = AuditQuery::verify(*planned, [&](qint64 done, qint64 total) {
            if (sinceShown.elapsed() >= 50 || done == total) {
                sinceShown.restart();
                QMetaObject::invokeMethod(
                    this,
                    [this, cancel, done, total] {
                        if (!cancel->load())
                            progressed(done, total);
                    },
                    Qt::QueuedConnection);
            }
            return !cancel->load();
        });
        QMetaObject::invokeMethod(
            this,
            [this, cancel, result] {
                if (!cancel->load())
                    done(result);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("auditVerify"));
    m_thread->start(QThread::LowPriority);
}

void AuditVerifyBadge::showFailure(const QString& message)
{
    stop();
    m_progress->hide();
    setState(State::Failed, tr("The audit log could not be checked: %1").arg(message));
    emit finished(m_state);
}

void AuditVerifyBadge::progressed(qint64 done, qint64 total)
{
    m_progress->setMaximum(scaled(total));
    m_progress->setValue(scaled(done));
    const QLocale locale;
    m_text->setText(tr("Checking that the audit log is intact: %1 of %2 rows…")
                        .arg(locale.toString(done), locale.toString(total)));
}

void AuditVerifyBadge::done(const Result<QList<AuditVerdict>>& result)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_progress->hide();
    if (!result) {
        m_verdicts.clear();
        setState(State::Failed,
                 tr("The audit log could not be checked: %1").arg(result.error().message));
        emit finished(m_state);
        return;
    }
    m_verdicts = *result;
    const bool several = m_verdicts.size() > 1;
    QStringList lines;
    QStringList fingerprints;
    bool intact = true;
    for (const AuditVerdict& v : std::as_const(m_verdicts)) {
        intact = intact && v.intact();
        lines << verdictText(v, m_ownRegisters.contains(v.registerId), several);
        fingerprints << tr("%1: key %2")
                            .arg(m_registerNames.value(v.registerId, v.registerId),
                                 AuditVerifier::fingerprint(v.publicKey));
    }
    if (lines.isEmpty())
        lines << tr("The audit log is empty: there is nothing to check yet.");
    setToolTip(fingerprints.join(u'\n'));
    setState(intact ? State::Verified : State::Damaged, lines.join(u'\n'));
    emit finished(m_state);
}

QString AuditVerifyBadge::verdictText(const AuditVerdict& v, bool own, bool several) const
{
    const QLocale locale;
    QString text;
    if (v.intact()) {
        text = own ? tr("Verified: all %1 rows are intact and signed by this register (key %2)")
                         .arg(locale.toString(v.rowsVerified), shortFingerprint(v.publicKey))
                   : tr("Verified: all %1 rows are intact and signed by the key in the chain's "
                        "first row (key %2)")
                         .arg(locale.toString(v.rowsVerified), shortFingerprint(v.publicKey));
    } else {
        // A wrong key or an unreadable log names no row.
        text = v.badSeq >= 0
                   ? tr("Damaged at row %1: %2 — %3")
                         .arg(locale.toString(v.badSeq), AuditVerifier::describe(v.damage),
                              v.explanation)
                   : tr("Damaged: %1 — %2").arg(AuditVerifier::describe(v.damage), v.explanation);
        if (v.rowsVerified == 1)
            text += u' ' + tr("The row before it is intact.");
        else if (v.rowsVerified > 1)
            text +=
                u' ' + tr("The %1 rows before it are intact.").arg(locale.toString(v.rowsVerified));
    }
    if (!several)
        return text;
    const QString name = m_registerNames.value(v.registerId);
    return tr("%1: %2").arg(name.isEmpty() ? v.registerId.left(8) : name, text);
}

void AuditVerifyBadge::setState(State state, const QString& text)
{
    m_state = state;
    m_text->setText(text);
    setAccessibleName(text);
    QString style;
    switch (state) {
    case State::Verified:
        style = QStringLiteral("#verifyBadge { background: #e3f1e6; border: 2px solid #2e7d32; "
                               "border-radius: 4px; } #verifyText { color: #0b4f1c; "
                               "font-weight: bold; }");
        break;
    case State::Damaged:
    case State::Failed:
        style = QStringLiteral("#verifyBadge { background: #fbe3e6; border: 2px solid #b00020; "
                               "border-radius: 4px; } #verifyText { color: #8a0018; "
                               "font-weight: bold; }");
        break;
    case State::Checking:
    case State::Idle:
        style = QStringLiteral("#verifyBadge { background: #f1f1f1; border: 2px solid #9e9e9e; "
                               "border-radius: 4px; }");
        break;
    }
    setStyleSheet(style);
}

} // namespace pos::ui
