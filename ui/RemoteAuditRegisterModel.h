#pragma once

#include "sync/RemoteAudit.h"

#include <QAbstractTableModel>
#include <QHash>
#include <optional>

namespace pos::ui {

// One register of the owner's stores in the owner's view across registers, and how far its check
// has come.
struct RemoteAuditEntry {
    enum class State { Waiting, Fetching, Checking, Verified, Damaged, Failed };
    RemoteRegister reg;
    State state = State::Waiting;
    qint64 fetched = 0; // rows fetched so far
    std::optional<RemoteAuditVerdict> verdict;
    QString failure; // Failed: why, in plain words
};

// The registers table of RemoteAuditWindow: name, store, rows on the server, key fingerprint and
// the per-register verify badge ("Verified: all 1,204 rows intact …" in green, "Damaged at row
// 17: …" in red).
class RemoteAuditRegisterModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StoreColumn, RowsColumn, KeyColumn, CheckColumn, ColumnCount };

    explicit RemoteAuditRegisterModel(QObject* parent = nullptr);

    // ownRegisterId: this desktop's register; storeNames: store id -> name where known.
    void setRegisters(const QList<RemoteRegister>& registers, const QString& ownRegisterId,
                      const QHash<QString, QString>& storeNames);
    int count() const { return static_cast<int>(m_entries.size()); }
    const RemoteAuditEntry& entry(int row) const { return m_entries.at(row); }
    RemoteAuditEntry& entry(int row) { return m_entries[row]; }
    // The entry changed: the row is drawn again.
    void changed(int row);
    int rowOf(const QString& registerId) const;

    QString nameText(const RemoteAuditEntry& e) const;
    QString storeText(const RemoteAuditEntry& e) const;
    // The badge's words for the entry as it stands.
    QString checkText(const RemoteAuditEntry& e) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<RemoteAuditEntry> m_entries;
    QString m_own;
    QHash<QString, QString> m_storeNames;
};

} // namespace pos::ui
