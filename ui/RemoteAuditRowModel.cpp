#include "RemoteAuditRowModel.h"

#include "AuditActionText.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace pos::ui {

RemoteAuditRowModel::RemoteAuditRowModel(QObject* parent) : QAbstractTableModel(parent) {}

void RemoteAuditRowModel::setChain(std::shared_ptr<const RemoteAuditChain> chain, qint64 badSeq)
{
    beginResetModel();
    m_chain = std::move(chain);
    m_badSeq = badSeq;
    endResetModel();
}

const AuditRow* RemoteAuditRowModel::rowAt(int row) const
{
    if (!m_chain || row < 0 || row >= m_chain->rows.size())
        return nullptr;
    return &m_chain->rows.at(row);
}

bool RemoteAuditRowModel::isDamaged(int row) const
{
    const AuditRow* r = rowAt(row);
    return r && m_badSeq >= 0 && r->seq >= m_badSeq;
}

int RemoteAuditRowModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_chain ? 0 : static_cast<int>(m_chain->rows.size());
}

int RemoteAuditRowModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemoteAuditRowModel::data(const QModelIndex& index, int role) const
{
    const AuditRow* r = rowAt(index.row());
    if (!r)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeqColumn:
            return QLocale().toString(r->seq);
        case TimeColumn: {
            const QDateTime at = QDateTime::fromString(r->at, Qt::ISODateWithMs);
            return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat)
                                : r->at;
        }
        case ActorColumn:
            if (r->actor.isEmpty())
                return tr("The register itself");
            return r->approver.isEmpty()
                       ? tr("User #%1").arg(r->actor)
                       : tr("User #%1 (approved by #%2)").arg(r->actor, r->approver);
        case ActionColumn:
            return auditActionText(r->action);
        case EntityColumn:
            return r->entity;
        }
    }
    if (role == Qt::ToolTipRole) {
        if (isDamaged(index.row()))
            return r->seq == m_badSeq
                       ? tr("The check found this row bad: see the register's badge.")
                       : tr("After the first bad row: this row cannot be vouched for.");
        if (index.column() == ActionColumn)
            return r->action;
        if (index.column() == TimeColumn)
            return r->at;
    }
    if (role == Qt::ForegroundRole && isDamaged(index.row()))
        return QBrush(QColor(0xb0, 0x00, 0x20));
    if (role == Qt::TextAlignmentRole && index.column() == SeqColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RemoteAuditRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("Row");
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case EntityColumn:
        return tr("What");
    }
    return {};
}

} // namespace pos::ui
