#include "AuditDetailPane.h"

#include "AuditActionText.h"

#include "AuditJsonDiff.h"
#include "AuditRowModel.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

QString hexGroups(const QByteArray& bytes)
{
    const QString hex = QString::fromLatin1(bytes.toHex());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(u' ');
}

QString field(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), value);
}

} // namespace

AuditDetailPane::AuditDetailPane(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("auditDetail"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_damaged = new QLabel(
        tr("The chain check found this row damaged: what it shows may not be what was recorded."),
        this);
    m_damaged->setObjectName(QStringLiteral("detailDamaged"));
    m_damaged->setStyleSheet(QStringLiteral("color: #8a0018; font-weight: bold"));
    m_damaged->hide();
    layout->addWidget(m_damaged);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Not wrapped: a wrapped label may be squeezed below its text by the before/after views.
    m_summary->setWordWrap(false);
    layout->addWidget(m_summary);
    m_changes = new QLabel(this);
    m_changes->setObjectName(QStringLiteral("detailChanges"));
    m_changes->setWordWrap(true);
    layout->addWidget(m_changes);

    auto* sides = new QGridLayout;
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto makeSide = [&](const QString& name, const QString& title, int column) {
        auto* view = new QTextBrowser(this);
        view->setObjectName(name);
        view->setAccessibleName(title);
        view->setFont(mono);
        view->setLineWrapMode(QTextEdit::NoWrap);
        view->setOpenLinks(false);
        view->setTabChangesFocus(true);
        auto* label = new QLabel(title, this);
        label->setBuddy(view);
        label->setStyleSheet(QStringLiteral("font-weight: bold"));
        sides->addWidget(label, 0, column);
        sides->addWidget(view, 1, column);
        return view;
    };
    m_before = makeSide(QStringLiteral("beforeView"), tr("&Before"), 0);
    m_after = makeSide(QStringLiteral("afterView"), tr("A&fter"), 1);
    layout->addLayout(sides, 1);
    clear();
}

void AuditDetailPane::clear()
{
    m_damaged->hide();
    m_summary->setText(tr("Choose a row above and press Enter to see what changed."));
    m_changes->clear();
    m_before->clear();
    m_after->clear();
}

void AuditDetailPane::showRow(const AuditRowModel& model, int row)
{
    const AuditListRow* r = model.rowAt(row);
    if (!r) {
        clear();
        return;
    }
    const AuditRow& a = r->row;
    QString html = QStringLiteral("<table>");
    html +=
        field(tr("Action"), tr("%1 (%2)").arg(auditActionText(a.action), a.action).toHtmlEscaped());
    html += field(tr("What"), a.entity.toHtmlEscaped());
    html +=
        field(tr("When"),
              tr("%1 (UTC %2)").arg(model.localTime(a.at).toHtmlEscaped(), a.at.toHtmlEscaped()));
    html += field(tr("Who"), model.actorText(*r).toHtmlEscaped());
    if (!a.approver.isEmpty())
        html += field(tr("Approved by"), model.approverText(*r).toHtmlEscaped());
    html += field(tr("Register"), tr("%1, row %2 of its chain")
                                      .arg(model.registerText(a.registerId).toHtmlEscaped())
                                      .arg(a.seq));
    html += field(tr("Written by"),
                  tr("version %1 on %2").arg(a.appVersion.toHtmlEscaped(), a.host.toHtmlEscaped()));
    html += field(tr("Row hash"), QStringLiteral("<tt>%1</tt>").arg(hexGroups(a.hash)));
    html += QStringLiteral("</table>");
    m_damaged->setVisible(model.isDamaged(row));
    m_summary->setText(html);

    const AuditJsonDiff diff(a.before, a.after);
    if (a.before == QLatin1String("{}") && a.after != QLatin1String("{}"))
        m_changes->setText(tr("Nothing was there before: the row records what was made."));
    else if (diff.changedKeys().isEmpty())
        m_changes->setText(tr("No recorded value changed."));
    else
        m_changes->setText(tr("Changed (highlighted): %1").arg(diff.changedKeys().join(u", ")));
    m_before->setHtml(diff.beforeHtml());
    m_after->setHtml(diff.afterHtml());
}

void AuditDetailPane::focusBefore()
{
    m_before->setFocus(Qt::OtherFocusReason);
}

} // namespace pos::ui
