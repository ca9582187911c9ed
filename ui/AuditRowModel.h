#pragma once

#include "audit/AuditQuery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimeZone>

namespace pos::ui {

// The audit viewer's table: rows of AuditQuery, fetched a page at a time (canFetchMore /
// fetchMore, keyset paging), so a log of a million rows costs one page to open and one page per
// screenful scrolled. Never all rows: the view asks for the next page when it reaches the end of
// what is loaded. Times show in the viewer's time zone (local by default), the stored UTC time is
// the tooltip.
class AuditRowModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        RegisterColumn,
        ActorColumn,
        ApproverColumn,
        ActionColumn,
        EntityColumn,
        ColumnCount
    };

    AuditRowModel(AuditQuery& query, Session session, QObject* parent = nullptr);

    // Starts over with this filter and order: drops what was loaded and loads the first page.
    // On core's refusal the table is empty and failed() says why.
    void setFilter(const AuditFilter& filter, AuditOrder order = AuditOrder::NewestFirst);
    const AuditFilter& filter() const { return m_filter; }
    AuditOrder order() const { return m_order; }

    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }
    // How many pages were asked of core since the last setFilter (for tests and the status line).
    int pagesFetched() const { return m_pages; }
    void setTimeZone(const QTimeZone& zone);
    // Register id -> name, for the register column (unknown ids show shortened).
    void setRegisterNames(const QHash<QString, QString>& names) { m_registerNames = names; }
    // The rows where the chain check found damage (register id -> seq): shown in red.
    void setDamagedRows(const QHash<QString, qint64>& rows);
    bool isDamaged(int row) const;

    const AuditListRow* rowAt(int row) const;
    QString registerText(const QString& registerId) const;
    QString actorText(const AuditListRow& row) const;
    QString approverText(const AuditListRow& row) const;
    QString localTime(const QString& utcText) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void failed(const QString& message);

private:
    AuditQuery& m_query;
    Session m_session;
    AuditFilter m_filter;
    AuditOrder m_order = AuditOrder::NewestFirst;
    QList<AuditListRow> m_rows;
    QHash<QString, QString> m_registerNames;
    QHash<QString, qint64> m_damaged;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    int m_pageSize = 200;
    int m_pages = 0;
    bool m_atEnd = true;
};

} // namespace pos::ui
