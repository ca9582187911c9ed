#include "AuditRowModel.h"

#include "AuditActionText.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace pos::ui {

AuditRowModel::AuditRowModel(AuditQuery& query, Session session, QObject* parent)
    : QAbstractTableModel(parent), m_query(query), m_session(std::move(session))
{}

void AuditRowModel::setFilter(const AuditFilter& filter, AuditOrder order)
{
    beginResetModel();
    m_filter = filter;
    m_order = order;
    m_rows.clear();
    m_pages = 0;
    m_atEnd = false;
    endResetModel();
    fetchMore({});
}

void AuditRowModel::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn));
}

bool AuditRowModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void AuditRowModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    AuditPageRequest request{m_order, std::nullopt, m_pageSize};
    if (!m_rows.isEmpty())
        request.after = m_rows.last().key();
    auto page = m_query.page(m_session, m_filter, request);
    ++m_pages;
    if (!page) {
        m_atEnd = true; // no retry loop from the view; a new filter tries again
        emit failed(page.error().message);
        return;
    }
    m_atEnd = page->size() < m_pageSize;
    if (page->isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
    m_rows.append(std::move(*page));
    endInsertRows();
}

void AuditRowModel::setDamagedRows(const QHash<QString, qint64>& rows)
{
    m_damaged = rows;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

bool AuditRowModel::isDamaged(int row) const
{
    const AuditListRow* r = rowAt(row);
    if (!r)
        return false;
    const auto it = m_damaged.constFind(r->row.registerId);
    return it != m_damaged.cend() && *it == r->row.seq;
}

const AuditListRow* AuditRowModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

int AuditRowModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AuditRowModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditRowModel::localTime(const QString& utcText) const
{
    QDateTime at = QDateTime::fromString(utcText, Qt::ISODateWithMs);
    if (!at.isValid())
        return utcText; // a damaged row: show what is stored
    at = at.toTimeZone(m_zone);
    return QLocale().toString(at.date(), QLocale::ShortFormat) + u' ' +
           at.time().toString(QStringLiteral("HH:mm:ss"));
}

QString AuditRowModel::registerText(const QString& registerId) const
{
    const QString name = m_registerNames.value(registerId);
    return name.isEmpty() ? registerId.left(8) : name;
}

QString AuditRowModel::actorText(const AuditListRow& r) const
{
    if (r.row.actor.isEmpty())
        return tr("The register itself");
    return r.actorName.isEmpty() ? tr("User #%1").arg(r.row.actor) : r.actorName;
}

QString AuditRowModel::approverText(const AuditListRow& r) const
{
    if (r.row.approver.isEmpty())
        return {};
    return r.approverName.isEmpty() ? tr("User #%1").arg(r.row.approver) : r.approverName;
}

QVariant AuditRowModel::data(const QModelIndex& index, int role) const
{
    const AuditListRow* r = rowAt(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const auto column = static_cast<Column>(index.column());
    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn:
            return localTime(r->row.at);
        case RegisterColumn:
            return registerText(r->row.registerId);
        case ActorColumn:
            return actorText(*r);
        case ApproverColumn:
            return approverText(*r);
        case ActionColumn:
            return auditActionText(r->row.action);
        case EntityColumn:
            return r->row.entity;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::BackgroundRole && isDamaged(index.row()))
        return QColor(0xfb, 0xe3, 0xe6);
    if (role == Qt::ForegroundRole && isDamaged(index.row()))
        return QColor(0x8a, 0x00, 0x18);
    if (role == Qt::ToolTipRole && isDamaged(index.row()))
        return tr("The chain check found this row damaged.");
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case TimeColumn:
            return tr("%1 (UTC)").arg(r->row.at);
        case RegisterColumn:
            return tr("Register %1, row %2").arg(r->row.registerId).arg(r->row.seq);
        case ActorColumn:
            return r->row.actor.isEmpty() ? QString() : tr("User id %1").arg(r->row.actor);
        case ApproverColumn:
            return r->row.approver.isEmpty() ? QString() : tr("User id %1").arg(r->row.approver);
        case ActionColumn:
            return r->row.action; // the name in the log, e.g. auth.sign_in_failed
        case EntityColumn:
        case ColumnCount:
            break;
        }
        return {};
    }
    return {};
}

QVariant AuditRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case TimeColumn:
        return tr("Time");
    case RegisterColumn:
        return tr("Register");
    case ActorColumn:
        return tr("Who");
    case ApproverColumn:
        return tr("Approved by");
    case ActionColumn:
        return tr("Action");
    case EntityColumn:
        return tr("What");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pos::ui
