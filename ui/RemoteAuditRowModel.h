#pragma once

#include "sync/RemoteAudit.h"

#include <QAbstractTableModel>
#include <memory>

namespace pos::ui {

// The rows of one register's chain as the server sent them, in seq order, for the owner's view
// across registers; the row the check found bad (and every row after it, which cannot be vouched
// for) shows in red. Actors are the register's own user ids: another register's staff numbers
// are its own, so they are shown as numbers.
class RemoteAuditRowModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeqColumn, TimeColumn, ActorColumn, ActionColumn, EntityColumn, ColumnCount };

    explicit RemoteAuditRowModel(QObject* parent = nullptr);

    // The chain's rows (shared with whoever fetched them); badSeq: the first bad row, -1 none.
    void setChain(std::shared_ptr<const RemoteAuditChain> chain, qint64 badSeq);
    void clear() { setChain(nullptr, -1); }
    const AuditRow* rowAt(int row) const;
    bool isDamaged(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const RemoteAuditChain> m_chain;
    qint64 m_badSeq = -1;
};

} // namespace pos::ui
