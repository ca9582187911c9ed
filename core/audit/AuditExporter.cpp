#include "audit/AuditExporter.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "audit/CanonicalJson.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

Q_DECLARE_LOGGING_CATEGORY(lcAudit)

namespace pos {

namespace {

constexpr qint64 ProgressEvery = 1000;
const QString ExportAction = QStringLiteral("audit.export");
const QString CancelledAction = QStringLiteral("audit.export_cancelled");
const QString FailedAction = QStringLiteral("audit.export_failed");

QString tr(const char* text)
{
    return QCoreApplication::translate("pos::AuditExporter", text);
}

// One register's part of the export: its rows 0..bound-1 as they stood when the export's
// checkpoint was written.
struct Chain {
    QString registerId;
    QString publicKey; // base64, from the genesis row
    qint64 bound = 0;  // rows with seq < bound
    qint64 rows = 0;
};

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

// RFC 4180 with spreadsheets in mind: a cell that would start a formula gets a leading ', and a
// cell with a comma, a quote or a line break is quoted (quotes doubled).
QByteArray csvCell(QString text)
{
    if (!text.isEmpty()) {
        const QChar first = text.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' ||
            first == u'\r')
            text.prepend(u'\'');
    }
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r')) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        text = u'"' + text + u'"';
    }
    return text.toUtf8();
}

QByteArray csvLine(const QStringList& cells)
{
    QByteArray line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += ',';
        line += csvCell(cells[i]);
    }
    line += "\r\n";
    return line;
}

// Both files, written side by side; either both are committed or neither stays.
class Writers {
public:
    Writers(const QString& bundlePath, const QString& csvPath)
        : m_bundle(bundlePath), m_csv(csvPath)
    {}

    Status open()
    {
        for (QSaveFile* f : {&m_bundle, &m_csv}) {
            if (!f->open(QIODevice::WriteOnly))
                return fail(ErrorCode::Io,
                            tr("Cannot write %1: %2").arg(f->fileName(), f->errorString()));
            // Only the owner's account may read it (the rows name staff and amounts).
            if (!f->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
                return fail(ErrorCode::Io,
                            tr("Cannot make %1 private to this account.").arg(f->fileName()));
        }
        return {};
    }

    Status bundleLine(const QJsonObject& object)
    {
        auto text = canonicaljson::serialize(object);
        if (!text)
            return std::unexpected(text.error());
        QByteArray line = text->toUtf8();
        line += '\n';
        return write(m_bundle, line);
    }
    Status csv(const QByteArray& bytes) { return write(m_csv, bytes); }

    Status commit()
    {
        if (!m_bundle.commit())
            return fail(ErrorCode::Io,
                        tr("Cannot write %1: %2").arg(m_bundle.fileName(), m_bundle.errorString()));
        if (!m_csv.commit()) {
            const Error e{ErrorCode::Io,
                          tr("Cannot write %1: %2").arg(m_csv.fileName(), m_csv.errorString())};
            QFile::remove(m_bundle.fileName()); // one file without the other is no export
            return std::unexpected(e);
        }
        return {};
    }

private:
    Status write(QSaveFile& file, const QByteArray& bytes)
    {
        if (file.write(bytes) != bytes.size())
            return fail(ErrorCode::Io,
                        tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
        return {};
    }

    QSaveFile m_bundle;
    QSaveFile m_csv;
};

// Names instead of ids for the CSV: staff and registers are few, rows are many.
struct Names {
    QHash<QString, QString> users;     // id as text -> name
    QHash<QString, QString> registers; // uuid -> name
};

Result<Names> loadNames(Database& db)
{
    Names names;
    auto u = db.query("SELECT id, name FROM users");
    if (!u)
        return std::unexpected(u.error());
    if (auto s = u->forEach([&] { names.users.insert(QString::number(u->int64(0)), u->text(1)); });
        !s)
        return std::unexpected(s.error());
    auto r = db.query("SELECT uuid, name FROM registers");
    if (!r)
        return std::unexpected(r.error());
    if (auto s = r->forEach([&] { names.registers.insert(r->text(0), r->text(1)); }); !s)
        return std::unexpected(s.error());
    return names;
}

// The registers whose chains go into the export: this one first, then the store's others whose
// rows this store holds; how far each goes is filled in by the export's transaction.
Result<QList<Chain>> chainsOf(Database& db, const QString& ownRegisterId, qint64 storeId)
{
    QList<Chain> chains{Chain{ownRegisterId, {}, 0, 0}};
    auto q = db.query("SELECT r.uuid FROM registers r WHERE r.store_id = ?1 AND r.uuid <> ?2 AND "
                      "EXISTS (SELECT 1 FROM audit_log a WHERE a.register_id = r.uuid) "
                      "ORDER BY r.uuid");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, storeId).bind(2, ownRegisterId);
    if (auto s = q->forEach([&] { chains.append(Chain{q->text(0), {}, 0, 0}); }); !s)
        return std::unexpected(s.error());
    return chains;
}

// Inside the export's transaction: the rows each chain has now and the key its genesis names.
Status measure(Database& db, Chain& chain)
{
    auto q = db.query("SELECT count(*), COALESCE(max(seq) + 1, 0) FROM audit_log "
                      "WHERE register_id = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, chain.registerId);
    if (auto row = q->next(); !row)
        return std::unexpected(row.error());
    chain.rows = q->int64(0);
    chain.bound = q->int64(1);
    auto g = db.query("SELECT after_json FROM audit_log WHERE register_id = ?1 AND seq = 0");
    if (!g)
        return std::unexpected(g.error());
    g->bind(1, chain.registerId);
    auto genesis = g->next();
    if (!genesis)
        return std::unexpected(genesis.error());
    if (*genesis)
        chain.publicKey = QJsonDocument::fromJson(g->text(0).toUtf8())
                              .object()
                              .value(QStringLiteral("public_key"))
                              .toString();
    return {};
}

Error cancelled()
{
    return Error{ErrorCode::Conflict, tr("The export was cancelled; no file was written.")};
}

// Every row of one chain below its bound, in seq order, into both files.
Status writeRows(Database& db, const Chain& chain, const Names& names, Writers& out, qint64& done,
                 qint64 total, const AuditProgress& progress)
{
    auto q = db.query("SELECT seq, at, actor, approver, action, entity, before_json, after_json, "
                      "app_version, host, prev_hash, hash, signature FROM audit_log "
                      "WHERE register_id = ?1 AND seq < ?2 ORDER BY seq");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, chain.registerId).bind(2, chain.bound);
    const QString registerName = names.registers.value(chain.registerId, chain.registerId);
    const auto nameOf = [&](const QString& id) {
        return id.isEmpty() ? QString() : names.users.value(id, QStringLiteral("user ") + id);
    };
    for (;;) {
        auto has = q->next();
        if (!has)
            return std::unexpected(has.error());
        if (!*has)
            return {};
        const qint64 seq = q->int64(0);
        const QString at = q->text(1), actor = q->text(2), approver = q->text(3);
        const QString action = q->text(4), entity = q->text(5);
        const QString before = q->text(6), after = q->text(7);
        const QByteArray hash = q->blob(11);
        const QJsonObject row{{QStringLiteral("type"), QStringLiteral("row")},
                              {QStringLiteral("seq"), seq},
                              {QStringLiteral("at"), at},
                              {QStringLiteral("register_id"), chain.registerId},
                              {QStringLiteral("actor"), actor},
                              {QStringLiteral("approver"), approver},
                              {QStringLiteral("action"), action},
                              {QStringLiteral("entity"), entity},
                              {QStringLiteral("before"), before},
                              {QStringLiteral("after"), after},
                              {QStringLiteral("app_version"), q->text(8)},
                              {QStringLiteral("host"), q->text(9)},
                              {QStringLiteral("prev_hash"), hex(q->blob(10))},
                              {QStringLiteral("hash"), hex(hash)},
                              {QStringLiteral("signature"), hex(q->blob(12))}};
        if (auto s = out.bundleLine(row); !s)
            return s;
        if (auto s = out.csv(csvLine({QString::number(seq), at, registerName, nameOf(actor),
                                      nameOf(approver), action, entity, before, after, hex(hash)}));
            !s)
            return s;
        ++done;
        if (progress && done % ProgressEvery == 0 && !progress(done, total))
            return std::unexpected(cancelled());
    }
}

// Every checkpoint of one chain that its rows in the export reach.
Status writeCheckpoints(Database& db, const Chain& chain, Writers& out, qint64& count)
{
    auto q = db.query("SELECT row_count, head_hash, at, reason, signature FROM audit_checkpoints "
                      "WHERE register_id = ?1 AND row_count <= ?2 ORDER BY row_count");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, chain.registerId).bind(2, chain.bound);
    for (;;) {
        auto has = q->next();
        if (!has)
            return std::unexpected(has.error());
        if (!*has)
            return {};
        const QJsonObject checkpoint{{QStringLiteral("type"), QStringLiteral("checkpoint")},
                                     {QStringLiteral("register_id"), chain.registerId},
                                     {QStringLiteral("row_count"), q->int64(0)},
                                     {QStringLiteral("head_hash"), hex(q->blob(1))},
                                     {QStringLiteral("at"), q->text(2)},
                                     {QStringLiteral("reason"), q->text(3)},
                                     {QStringLiteral("signature"), hex(q->blob(4))}};
        if (auto s = out.bundleLine(checkpoint); !s)
            return s;
        ++count;
    }
}

} // namespace

AuditExporter::AuditExporter(Database& db, AccessControl& access, AuthService& auth,
                             const Clock& clock)
    : m_db(db), m_access(access), m_auth(auth), m_clock(clock)
{}

QString AuditExporter::fileBaseName(const QString& registerName, const QDate& date)
{
    QString name;
    for (const QChar c : registerName.trimmed()) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                           (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
        if (plain)
            name += c;
        else if (!name.isEmpty() && !name.endsWith(u'-'))
            name += u'-';
    }
    while (name.endsWith(u'-'))
        name.chop(1);
    if (name.isEmpty())
        name = QStringLiteral("register");
    return QStringLiteral("audit-%1-%2").arg(name, date.toString(Qt::ISODate));
}

Result<AuditExportFiles> AuditExporter::plannedFiles(const QString& directory)
{
    const AuditLog* log = m_db.auditLog();
    if (!log)
        return fail(ErrorCode::Internal, tr("This register's audit log is not open."));
    if (directory.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Choose a folder to export the audit log to."));
    auto q = m_db.query("SELECT name FROM registers WHERE uuid = ?1");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, log->registerId());
    auto row = q->next();
    if (!row)
        return std::unexpected(row.error());
    const QString name = *row ? q->text(0) : log->registerId();
    const QString base = fileBaseName(name, m_clock.nowUtc().toLocalTime().date());
    const QDir dir(directory);
    AuditExportFiles files;
    files.bundlePath = dir.absoluteFilePath(base + QStringLiteral(".posaudit"));
    files.csvPath = dir.absoluteFilePath(base + QStringLiteral(".csv"));
    return files;
}

Result<AuditExportFiles> AuditExporter::exportTo(const Session& session,
                                                 const SecretBytes& totpCode,
                                                 const QString& directory,
                                                 const AuditProgress& progress)
{
    // 1. Who may, and a fresh second factor: nothing is written before both.
    if (auto may = m_access.require(session, Permission::AuditExport); !may)
        return std::unexpected(may.error());
    auto planned = plannedFiles(directory);
    if (!planned)
        return planned;
    AuditExportFiles files = std::move(*planned);
    const QFileInfo where(directory);
    if (where.exists() && (!where.isDir() || !where.isWritable()))
        return fail(ErrorCode::Io, tr("Cannot write into %1.").arg(directory));
    if (auto s = m_auth.confirmSecondFactor(session, totpCode); !s)
        return std::unexpected(s.error());
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(directory));
    AuditLog& log = *m_db.auditLog();
    auto chains = chainsOf(m_db, log.registerId(), session.storeId);
    if (!chains)
        return std::unexpected(chains.error());
    for (const Chain& c : std::as_const(*chains))
        files.registerIds.append(c.registerId);
    const QStringList fileNames{QFileInfo(files.bundlePath).fileName(),
                                QFileInfo(files.csvPath).fileName()};

    // 2. One transaction: how far each chain goes, the export's own row and a checkpoint that
    // covers it (so the bundle's last checkpoint covers every row in it).
    AuditEntry entry;
    entry.actorId = session.userId;
    entry.action = ExportAction;
    entry.entity = audit::entity("register", log.registerId());
    {
        auto tx = Transaction::begin(m_db);
        if (!tx)
            return std::unexpected(tx.error());
        qint64 rows = 1; // the export's own row
        for (Chain& c : *chains) {
            if (auto s = measure(m_db, c); !s)
                return std::unexpected(s.error());
            rows += c.rows;
        }
        entry.after = {{QStringLiteral("rows"), rows},
                       {QStringLiteral("registers"), QJsonArray::fromStringList(files.registerIds)},
                       {QStringLiteral("files"), QJsonArray::fromStringList(fileNames)}};
        auto seq = log.append(entry);
        if (!seq)
            return std::unexpected(seq.error());
        chains->first().bound = *seq + 1;
        chains->first().rows += 1;
        if (auto s = log.checkpoint(QStringLiteral("export")); !s)
            return std::unexpected(s.error());
        if (auto s = tx->commit(); !s)
            return std::unexpected(s.error());
        files.rows = rows;
    }

    // 3. The files, streamed after the commit.
    auto written = [&]() -> Status {
        auto names = loadNames(m_db);
        if (!names)
            return std::unexpected(names.error());
        Writers out(files.bundlePath, files.csvPath);
        if (auto s = out.open(); !s)
            return s;
        if (progress && !progress(0, files.rows))
            return std::unexpected(cancelled());
        QJsonArray registers;
        for (const Chain& c : std::as_const(*chains))
            registers.append(QJsonObject{{QStringLiteral("register_id"), c.registerId},
                                         {QStringLiteral("public_key"), c.publicKey}});
        const QJsonObject header{
            {QStringLiteral("format"), QStringLiteral("pos-audit-bundle")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("exported_at"), auditformat::timestamp(m_clock.nowUtc())},
            {QStringLiteral("exported_by"), QString::number(session.userId)},
            {QStringLiteral("registers"), registers}};
        if (auto s = out.bundleLine(header); !s)
            return s;
        // A byte order mark, so that spreadsheet programs read the names as UTF-8.
        if (auto s = out.csv(QByteArray("\xEF\xBB\xBF") +
                             csvLine({QStringLiteral("seq"), QStringLiteral("time"),
                                      QStringLiteral("register"), QStringLiteral("actor"),
                                      QStringLiteral("approver"), QStringLiteral("action"),
                                      QStringLiteral("entity"), QStringLiteral("before"),
                                      QStringLiteral("after"), QStringLiteral("hash")}));
            !s)
            return s;
        qint64 done = 0;
        for (const Chain& c : std::as_const(*chains))
            if (auto s = writeRows(m_db, c, *names, out, done, files.rows, progress); !s)
                return s;
        files.rows = done; // what was really there (a damaged chain may have gaps)
        for (const Chain& c : std::as_const(*chains))
            if (auto s = writeCheckpoints(m_db, c, out, files.checkpoints); !s)
                return s;
        if (progress && !progress(done, done))
            return std::unexpected(cancelled());
        return out.commit();
    }();
    if (written)
        return files;

    // 4. The log says that the export it recorded produced no files, and why in one word.
    const bool wasCancelled = written.error().code == ErrorCode::Conflict;
    auto noted = [&]() -> Status {
        auto tx = Transaction::begin(m_db);
        if (!tx)
            return std::unexpected(tx.error());
        AuditEntry note{
            session.userId, 0,  wasCancelled ? CancelledAction : FailedAction,
            entry.entity,   {}, {{QStringLiteral("files"), QJsonArray::fromStringList(fileNames)}}};
        if (auto s = audit::record(m_db, note); !s)
            return s;
        return tx->commit();
    }();
    if (!noted)
        qCWarning(lcAudit) << "could not record that an export wrote no files:"
                           << noted.error().message;
    return std::unexpected(written.error());
}

} // namespace pos
