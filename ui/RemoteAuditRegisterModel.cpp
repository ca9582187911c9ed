#include "RemoteAuditRegisterModel.h"

#include "sync/KnownRegisters.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace pos::ui {

namespace {

QString shortFingerprint(const QByteArray& key)
{
    if (key.isEmpty())
        return {};
    const QStringList groups = AuditVerifier::fingerprint(key).split(u' ', Qt::SkipEmptyParts);
    return groups.mid(0, 2).join(u' ') + QStringLiteral(" …");
}

} // namespace

RemoteAuditRegisterModel::RemoteAuditRegisterModel(QObject* parent) : QAbstractTableModel(parent) {}

void RemoteAuditRegisterModel::setRegisters(const QList<RemoteRegister>& registers,
                                            const QString& ownRegisterId,
                                            const QHash<QString, QString>& storeNames)
{
    beginResetModel();
    m_entries.clear();
    for (const RemoteRegister& r : registers) {
        RemoteAuditEntry e;
        e.reg = r;
        m_entries.append(e);
    }
    m_own = ownRegisterId;
    m_storeNames = storeNames;
    endResetModel();
}

void RemoteAuditRegisterModel::changed(int row)
{
    if (row >= 0 && row < count())
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int RemoteAuditRegisterModel::rowOf(const QString& registerId) const
{
    for (int i = 0; i < count(); ++i)
        if (m_entries.at(i).reg.registerId == registerId)
            return i;
    return -1;
}

QString RemoteAuditRegisterModel::nameText(const RemoteAuditEntry& e) const
{
    QString name = e.reg.name.isEmpty() ? e.reg.registerId.left(8) : e.reg.name;
    if (e.reg.registerId == m_own)
        name = tr("%1 (this register)").arg(name);
    if (e.reg.revoked)
        name = tr("%1 (revoked)").arg(name);
    return name;
}

QString RemoteAuditRegisterModel::storeText(const RemoteAuditEntry& e) const
{
    // The server's name for the store now; this desktop's own store as enrolment named it.
    const QString name =
        e.reg.storeName.isEmpty() ? m_storeNames.value(e.reg.storeId) : e.reg.storeName;
    return name.isEmpty() ? tr("Store %1").arg(e.reg.storeId.left(8)) : name;
}

QString RemoteAuditRegisterModel::checkText(const RemoteAuditEntry& e) const
{
    const QLocale locale;
    switch (e.state) {
    case RemoteAuditEntry::State::Waiting:
        return tr("Waiting");
    case RemoteAuditEntry::State::Fetching:
        return tr("Fetching: %1 of %2 rows…")
            .arg(locale.toString(e.fetched), locale.toString(e.reg.rowCount));
    case RemoteAuditEntry::State::Checking:
        return tr("Checking %1 rows…").arg(locale.toString(e.fetched));
    case RemoteAuditEntry::State::Failed:
        return tr("Not checked: %1").arg(e.failure);
    case RemoteAuditEntry::State::Verified:
    case RemoteAuditEntry::State::Damaged:
        break;
    }
    if (!e.verdict)
        return {};
    const RemoteAuditVerdict& v = *e.verdict;
    if (!v.chain.intact()) {
        QString text = v.chain.badSeq >= 0
                           ? tr("Damaged at row %1: %2 — %3")
                                 .arg(locale.toString(v.chain.badSeq),
                                      AuditVerifier::describe(v.chain.damage), v.chain.explanation)
                           : tr("Damaged: %1 — %2")
                                 .arg(AuditVerifier::describe(v.chain.damage), v.chain.explanation);
        if (v.chain.rowsVerified > 0)
            text += u' ' + tr("Rows 0 to %1 before it are intact.")
                               .arg(locale.toString(v.chain.rowsVerified - 1));
        return text;
    }
    if (v.witnessRefused > 0)
        return tr("Damaged: the server's countersignature is wrong — %1").arg(v.witnessProblem);
    const QString rows = locale.toString(v.chain.rowsVerified);
    QString text =
        v.keyKnownHere
            ? tr("Verified: all %1 rows intact, signed by this register's own key").arg(rows)
        : v.remembered
            ? tr("Verified: all %1 rows intact, signed by the key this desktop first saw for it "
                 "on %2")
                  .arg(rows, KnownRegisters::when(v.remembered->firstSeenAt))
            : tr("Verified: all %1 rows intact, signed by the register's enrolled key (seen here "
                 "for the first time: this desktop remembers it from now on)")
                  .arg(rows);
    if (v.lastWitnessed.checkpoint.count > 0)
        text += u' ' + tr("(the server countersigned rows 0 to %1)")
                           .arg(locale.toString(v.lastWitnessed.checkpoint.count - 1));
    return text;
}

int RemoteAuditRegisterModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

int RemoteAuditRegisterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemoteAuditRegisterModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const RemoteAuditEntry& e = m_entries.at(index.row());
    const bool bad =
        e.state == RemoteAuditEntry::State::Damaged || e.state == RemoteAuditEntry::State::Failed;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return nameText(e);
        case StoreColumn:
            return storeText(e);
        case RowsColumn:
            return QLocale().toString(e.reg.rowCount);
        case KeyColumn:
            return e.reg.signingKey.isEmpty() ? tr("none") : shortFingerprint(e.reg.signingKey);
        case CheckColumn:
            return checkText(e);
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case KeyColumn:
            return e.reg.signingKey.isEmpty()
                       ? tr("The server has no signing key for this register.")
                       : tr("The register's audit key as enrolled on the server: %1")
                                 .arg(AuditVerifier::fingerprint(e.reg.signingKey)) +
                             (e.verdict && e.verdict->remembered
                                  ? u'\n' + tr("The key this desktop first saw for it on %1: %2")
                                                .arg(KnownRegisters::when(
                                                         e.verdict->remembered->firstSeenAt),
                                                     e.verdict->remembered->fingerprint)
                                  : QString());
        case NameColumn:
            return e.reg.registerId;
        default:
            return checkText(e);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == CheckColumn) {
        if (bad)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        if (e.state == RemoteAuditEntry::State::Verified)
            return QBrush(QColor(0x0b, 0x4f, 0x1c));
    }
    if (role == Qt::TextAlignmentRole && index.column() == RowsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RemoteAuditRegisterModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Register");
    case StoreColumn:
        return tr("Store");
    case RowsColumn:
        return tr("Rows on the server");
    case KeyColumn:
        return tr("Key");
    case CheckColumn:
        return tr("Check");
    }
    return {};
}

} // namespace pos::ui
