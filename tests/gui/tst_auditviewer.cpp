// The owner's audit viewer, driven as an owner and as an auditor would: it opens on the newest
// rows (one page of a 5,000-row log, the rest as the table scrolls), the filters narrow the rows
// to exactly what core counts, Enter on a row shows before and after side by side with the
// changed keys marked, the badge says "Verified" on an intact chain and "Damaged at row N: a
// changed row" after a row was edited with raw SQL (trigger dropped), the owner exports through
// the dialog with the authenticator code (a wrong code is refused and writes nothing; the code
// reaches no log), the auditor has no Export, and a cashier or manager has no menu entry and
// is refused by core. Core is real: a temporary encrypted store, rows written through the
// register's AuditLog with a manual clock.
//
// POS_AUDIT_SCREENSHOT=<file.png> saves a picture of the viewer with a row's detail open (and
// <file>-damaged.png, <file>-export.png of the damaged badge and the export dialog).
#include "AuditDetailPane.h"
#include "AuditExportDialog.h"
#include "AuditRowModel.h"
#include "AuditVerifyBadge.h"
#include "AuditViewerWindow.h"
#include "Banner.h"
#include "CounterFixture.h"
#include "audit/AuditExporter.h"
#include "audit/AuditLog.h"
#include "audit/AuditQuery.h"
#include "auth/Totp.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace pos;
using test::whenModal;

namespace {

const QDateTime Start(QDate(2036, 11, 21), QTime(9, 0), QTimeZone::utc());

// Log output while a test runs, to show that the authenticator code never reaches it.
QStringList& capturedLog()
{
    static QStringList lines;
    return lines;
}

void capture(QtMsgType, const QMessageLogContext&, const QString& message)
{
    capturedLog() << message;
}

// A register's store for the viewer: staff (an owner with an authenticator app), the viewer's
// core API and the exporter, and rows written through the register's own AuditLog, timed by a
// manual clock ten years on (the genesis row the store started with has the real time, so it is
// the oldest row).
struct World {
    test::TestStore store;
    test::TestStaff staff{store.db(), store.keys()};
    AccessControl access{store.db()};
    ManualClock clock{Start};
    SequentialIdSource ids;
    AuthService auth{store.db(),         store.keys(), test::TestStaff::pepperKeyName(), clock, ids,
                     staff.registerId(), authOptions()};
    AuditQuery query{store.db(), access};
    AuditExporter exporter{store.db(), access, auth, clock};
    ui::AuditViewerContext context{query, access, store.keys(), clock, &exporter};
    QByteArray ownerTotp;
    qint64 ownerId = 0, annaId = 0, mariaId = 0;

    static AuthService::Options authOptions()
    {
        AuthService::Options o;
        o.hashParams = test::TestStaff::CheapHash;
        return o;
    }

    World()
    {
        auto secret = Totp::generateSecret();
        ownerTotp = QByteArray(reinterpret_cast<const char*>(secret->data()),
                               static_cast<qsizetype>(secret->size()));
        ownerId = staff.addUser(Role::Owner, QStringLiteral("Olaf Owner"), QStringLiteral("900"),
                                {}, QStringLiteral("correct horse battery staple"), ownerTotp);
        annaId = staff.addUser(Role::Cashier, QStringLiteral("Anna Cashier"));
        mariaId = staff.addUser(Role::Manager, QStringLiteral("Maria Manager"));
        auto log = AuditLog::open(store.db(), store.keys(), staff.registerId(), clock);
        if (!log)
            qFatal("opening the audit log: %s", qPrintable(log.error().message));
        store.db().attachAuditLog(std::move(*log));
        writeKnownRows();
    }

    Database& db() { return store.db(); }
    Session owner() { return staff.sessionFor(ownerId); }

    QString totpNow() const
    {
        QByteArray copy = ownerTotp;
        auto code = Totp::codeAt(SecretBytes::takeFrom(copy), clock.nowUtc());
        return QString::fromLatin1(reinterpret_cast<const char*>(code->data()),
                                   static_cast<qsizetype>(code->size()));
    }

    void write(const QList<AuditEntry>& entries, int perTransaction = 1)
    {
        for (qsizetype i = 0; i < entries.size(); i += perTransaction) {
            auto tx = Transaction::begin(db());
            for (qsizetype j = i; j < std::min(entries.size(), i + perTransaction); ++j)
                if (auto s = audit::record(db(), entries[j]); !s)
                    qFatal("writing an audit row: %s", qPrintable(s.error().message));
            if (auto s = tx->commit(); !s)
                qFatal("committing audit rows: %s", qPrintable(s.error().message));
            clock.advanceSecs(60);
        }
    }

    // Rows 1..6 of the chain (0 is the genesis).
    void writeKnownRows()
    {
        const auto obj = [](std::initializer_list<std::pair<QString, QJsonValue>> items) {
            QJsonObject o;
            for (const auto& [k, v] : items)
                o.insert(k, v);
            return o;
        };
        write({
            {0, 0, QStringLiteral("auth.sign_in_failed"), audit::entity("user", annaId), {}, {}},
            {annaId, mariaId, QStringLiteral("line.void"), QStringLiteral("sale:s-1001"),
             obj({{QStringLiteral("lines"), 3}, {QStringLiteral("total"), 1167}}),
             obj({{QStringLiteral("lines"), 2}, {QStringLiteral("total"), 818}})},
            {ownerId, 0, QStringLiteral("staff.role_change"), audit::entity("user", annaId),
             obj({{QStringLiteral("name"), QStringLiteral("Anna Cashier")},
                  {QStringLiteral("role"), QStringLiteral("cashier")},
                  {QStringLiteral("stores"), QJsonArray{1}}}),
             obj({{QStringLiteral("name"), QStringLiteral("Anna Cashier")},
                  {QStringLiteral("role"), QStringLiteral("manager")},
                  {QStringLiteral("stores"), QJsonArray{1, 2}}})},
            {ownerId,
             0,
             QStringLiteral("staff.create"),
             audit::entity("user", mariaId),
             {},
             obj({{QStringLiteral("name"), QStringLiteral("Maria Manager")},
                  {QStringLiteral("role"), QStringLiteral("manager")}})},
            {annaId, mariaId, QStringLiteral("line.void"), QStringLiteral("sale:s-1002"),
             obj({{QStringLiteral("lines"), 1}}), obj({{QStringLiteral("lines"), 0}})},
            {mariaId,
             0,
             QStringLiteral("drawer.no_sale"),
             QStringLiteral("shift:7"),
             {},
             obj({{QStringLiteral("reason"), QStringLiteral("change for a 50")}})},
        });
    }
};

// The line of a detail side that holds text.
QString lineWith(const QString& side, QStringView text)
{
    for (const QString& line : side.split(u'\n'))
        if (line.contains(text))
            return line;
    return {};
}

// Under POS_AUDIT_SCREENSHOT: saves a picture of w as <file><suffix>.png.
void screenshot(QWidget* w, const QString& suffix)
{
    QString shot = qEnvironmentVariable("POS_AUDIT_SCREENSHOT");
    if (shot.isEmpty())
        return;
    if (!suffix.isEmpty())
        shot = shot.chopped(4) + suffix + QStringLiteral(".png");
    if (!w->grab().save(shot))
        qWarning("could not save %s", qPrintable(shot));
}

QStringList column(const ui::AuditRowModel* m, int column)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, column).data().toString();
    return out;
}

} // namespace

class tst_AuditViewer : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensOnTheNewestRowsWithTheirNames();
    void filtersNarrowTheRows();
    void enterShowsBeforeAndAfter();
    void keyboardReachesTheFilters();
    void onlyAPageIsFetched();
    void badgeSaysVerifiedOnAnIntactChain();
    void badgeSaysDamagedAfterARawEdit();
    void auditorSeesTheLogButCannotExport();
    void ownerExportsWithTheAuthenticatorCode();
    void menuEntryOnlyForOwnersAndAuditors();
    void cashierAndManagerAreRefusedByCore();

private:
    std::unique_ptr<ui::AuditViewerWindow> open(const Session& s)
    {
        auto w = std::make_unique<ui::AuditViewerWindow>(m_w->context, s);
        w->setTimeZone(QTimeZone("Europe/Berlin"));
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get()))
            qWarning("the audit viewer did not become active");
        return w;
    }
    Session owner() { return m_w->owner(); }

    std::unique_ptr<World> m_w;
};

void tst_AuditViewer::init()
{
    m_w = std::make_unique<World>();
}

void tst_AuditViewer::cleanup()
{
    m_w.reset();
    QCOMPARE(test::dropPendingWatchers(), 0);
}

void tst_AuditViewer::opensOnTheNewestRowsWithTheirNames()
{
    auto w = open(owner());
    const ui::AuditRowModel* m = w->model();
    const QStringList actions = column(m, ui::AuditRowModel::ActionColumn);
    QVERIFY2(actions.size() >= 7, qPrintable(actions.join(u',')));
    QCOMPARE(actions.first(), QStringLiteral("Drawer opened (no sale)")); // newest first
    QCOMPARE(m->index(0, ui::AuditRowModel::ActorColumn).data().toString(),
             QStringLiteral("Maria Manager"));
    QCOMPARE(m->index(0, ui::AuditRowModel::EntityColumn).data().toString(),
             QStringLiteral("shift:7"));
    // 09:05 UTC is 10:05 in Berlin; the tooltip has the stored UTC time.
    QVERIFY2(m->index(0, ui::AuditRowModel::TimeColumn).data().toString().endsWith(u"10:05:00"),
             qPrintable(m->index(0, 0).data().toString()));
    QCOMPARE(m->index(0, ui::AuditRowModel::TimeColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("2036-11-21T09:05:00.000Z (UTC)"));
    QCOMPARE(m->index(0, ui::AuditRowModel::RegisterColumn).data().toString(),
             QStringLiteral("Till 1"));
    const int voidRow = static_cast<int>(actions.indexOf(u"line.void"));
    QCOMPARE(m->index(voidRow, ui::AuditRowModel::ApproverColumn).data().toString(),
             QStringLiteral("Maria Manager"));
    const int failedRow = static_cast<int>(actions.indexOf(u"Sign-in failed"));
    QCOMPARE(m->index(failedRow, ui::AuditRowModel::ActorColumn).data().toString(),
             ui::AuditRowModel::tr("The register itself"));
    auto count = m_w->query.count(owner(), {});
    QVERIFY(count);
    QCOMPARE(m->rowCount(), *count);
    QVERIFY2(w->countLabel()->text().contains(QString::number(*count)),
             qPrintable(w->countLabel()->text()));
}

void tst_AuditViewer::filtersNarrowTheRows()
{
    auto w = open(owner());
    const ui::AuditRowModel* m = w->model();
    auto* action = w->findChild<QComboBox*>(QStringLiteral("actionBox"));
    action->setCurrentIndex(action->findText(QStringLiteral("line.void")));
    QCOMPARE(column(m, ui::AuditRowModel::ActionColumn),
             QStringList(2, QStringLiteral("line.void")));
    QCOMPARE(column(m, ui::AuditRowModel::EntityColumn),
             (QStringList{QStringLiteral("sale:s-1002"), QStringLiteral("sale:s-1001")}));
    QVERIFY2(w->countLabel()->text().startsWith(u"2 rows"), qPrintable(w->countLabel()->text()));

    // Who: the owner's rows only (with the action back to any).
    action->setCurrentIndex(0);
    auto* actor = w->findChild<QComboBox*>(QStringLiteral("actorBox"));
    actor->setCurrentIndex(actor->findText(QStringLiteral("Olaf Owner (900)")));
    QCOMPARE(column(m, ui::AuditRowModel::ActionColumn),
             (QStringList{QStringLiteral("staff.create"), QStringLiteral("staff.role_change")}));
    actor->setCurrentIndex(0);

    // What: a prefix, then exactly one entity.
    auto* entity = w->findChild<QLineEdit*>(QStringLiteral("entityEdit"));
    QTest::keyClicks(entity, QStringLiteral("user:"));
    QTest::keyClick(entity, Qt::Key_Return);
    QCOMPARE(m->rowCount(), 3);
    entity->clear();
    QTest::keyClicks(entity, QStringLiteral("user:%1").arg(m_w->annaId));
    w->findChild<QCheckBox*>(QStringLiteral("exactBox"))->setChecked(true);
    QCOMPARE(column(m, ui::AuditRowModel::ActionColumn),
             (QStringList{QStringLiteral("staff.role_change"), QStringLiteral("Sign-in failed")}));
    entity->clear();
    QTest::keyClick(entity, Qt::Key_Return);

    // Time: 10:01 to 10:03 Berlin time is 09:01 to 09:03 UTC: rows 2 and 3.
    auto* period = w->findChild<QComboBox*>(QStringLiteral("periodBox"));
    period->setCurrentIndex(ui::AuditViewerWindow::ChosenRange);
    w->findChild<QDateTimeEdit*>(QStringLiteral("fromEdit"))
        ->setDateTime(QDateTime(Start.date(), QTime(10, 1)));
    w->findChild<QDateTimeEdit*>(QStringLiteral("toEdit"))
        ->setDateTime(QDateTime(Start.date(), QTime(10, 3)));
    QTRY_COMPARE(column(m, ui::AuditRowModel::ActionColumn),
                 (QStringList{QStringLiteral("staff.role_change"), QStringLiteral("line.void")}));
    // Today (the clock's day) has every row again but the genesis, which is from the real time.
    period->setCurrentIndex(ui::AuditViewerWindow::Today);
    QCOMPARE(m->rowCount(), 6);

    // Register: this register's rows; the order turns round.
    period->setCurrentIndex(ui::AuditViewerWindow::AnyTime);
    auto* reg = w->findChild<QComboBox*>(QStringLiteral("registerBox"));
    reg->setCurrentIndex(reg->findText(QStringLiteral("Till 1")));
    w->findChild<QComboBox*>(QStringLiteral("orderBox"))->setCurrentIndex(1);
    QCOMPARE(m->index(0, ui::AuditRowModel::ActionColumn).data().toString(),
             QStringLiteral("Audit log started"));
    QCOMPARE(m->index(0, ui::AuditRowModel::ActionColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("audit.genesis"));
    QCOMPARE(w->filter().registerId, test::TestStore::AuditRegisterId);
}

void tst_AuditViewer::enterShowsBeforeAndAfter()
{
    auto w = open(owner());
    const QStringList actions = column(w->model(), ui::AuditRowModel::ActionColumn);
    const int row = static_cast<int>(actions.indexOf(u"staff.role_change"));
    QVERIFY(row >= 0);
    w->table()->setFocus();
    w->table()->setCurrentIndex(w->model()->index(row, 0));
    QTest::keyClick(w->table(), Qt::Key_Return);
    ui::AuditDetailPane* d = w->detail();
    QTRY_COMPARE(QApplication::focusWidget(), d->beforeView());
    const QString before = d->beforeView()->toPlainText();
    const QString after = d->afterView()->toPlainText();
    QVERIFY2(before.contains(u"\"role\": \"cashier\""), qPrintable(before));
    QVERIFY2(after.contains(u"\"role\": \"manager\""), qPrintable(after));
    QVERIFY(before.contains(u"\"name\": \"Anna Cashier\""));
    // The changed keys are named and marked; the unchanged one is not.
    QCOMPARE(
        d->changes()->text(),
        ui::AuditDetailPane::tr("Changed (highlighted): %1").arg(QStringLiteral("role, stores")));
    QVERIFY2(lineWith(after, u"\"role\"").startsWith(u'\u25c6'), qPrintable(after));
    QVERIFY2(lineWith(before, u"\"stores\"").startsWith(u'\u25c6'), qPrintable(before));
    QVERIFY(!lineWith(after, u"\"name\"").startsWith(u'\u25c6'));
    QVERIFY(d->summary()->text().contains(u"Olaf Owner"));
    QVERIFY(d->summary()->text().contains(u"row 3 of its chain"));
    // Esc in the detail goes back to the table; Esc there closes.
    QTest::keyClick(d->beforeView(), Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), w->table());
    QVERIFY(w->isVisible());

    // A row made from nothing says so.
    w->table()->setCurrentIndex(
        w->model()->index(static_cast<int>(actions.indexOf(u"staff.create")), 0));
    QVERIFY(d->changes()->text().startsWith(u"Nothing was there before"));

    if (qEnvironmentVariableIsSet("POS_AUDIT_SCREENSHOT")) {
        w->table()->setCurrentIndex(w->model()->index(row, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w->badge()->state(), ui::AuditVerifyBadge::State::Verified,
                                  20000);
        screenshot(w.get(), {});
    }
}

void tst_AuditViewer::keyboardReachesTheFilters()
{
    auto w = open(owner());
    QTRY_COMPARE(QApplication::focusWidget(), w->table());
    QTest::keyClick(w.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("entityEdit"));
    // Tab walks the filters in order and reaches the table.
    QStringList walked;
    for (int i = 0; i < 4; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        walked << QApplication::focusWidget()->objectName();
    }
    QCOMPARE(walked, (QStringList{QStringLiteral("exactBox"), QStringLiteral("registerBox"),
                                  QStringLiteral("orderBox"), QStringLiteral("auditTable")}));
    QTest::keyClick(w.get(), Qt::Key_W, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("actorBox"));
}

void tst_AuditViewer::onlyAPageIsFetched()
{
    QList<AuditEntry> many;
    for (int i = 0; i < 5000; ++i)
        many.append({m_w->annaId,
                     0,
                     QStringLiteral("sale.complete"),
                     QStringLiteral("sale:bulk-%1").arg(i),
                     {},
                     {}});
    m_w->write(many, 250);
    auto w = open(owner());
    ui::AuditRowModel* m = w->model();
    QCOMPARE(m->pagesFetched(), 1);
    QCOMPARE(m->rowCount(), m->pageSize());
    QVERIFY(m->canFetchMore({}));
    QVERIFY2(w->countLabel()->text().startsWith(QLocale().toString(5000 + 7)),
             qPrintable(w->countLabel()->text()));
    // Scrolling to the end of what is loaded fetches the next page, and only that.
    w->table()->scrollToBottom();
    QTRY_COMPARE(m->rowCount(), 2 * m->pageSize());
    QCOMPARE(m->pagesFetched(), 2);
    // The pages join without a gap or a repeat.
    QStringList entities = column(m, ui::AuditRowModel::EntityColumn);
    QCOMPARE(entities.at(0), QStringLiteral("sale:bulk-4999"));
    QCOMPARE(entities.at(2 * m->pageSize() - 1),
             QStringLiteral("sale:bulk-%1").arg(5000 - 2 * m->pageSize()));
    entities.removeDuplicates();
    QCOMPARE(entities.size(), 2 * m->pageSize());
}

void tst_AuditViewer::badgeSaysVerifiedOnAnIntactChain()
{
    auto w = open(owner());
    ui::AuditVerifyBadge* badge = w->badge();
    QTRY_COMPARE_WITH_TIMEOUT(badge->state(), ui::AuditVerifyBadge::State::Verified, 20000);
    const QString text = badge->text();
    QVERIFY2(text.startsWith(u"Verified: all 7 rows are intact and signed by this register (key "),
             qPrintable(text));
    const QString fingerprint = AuditVerifier::fingerprint(m_w->db().auditLog()->publicKey());
    QVERIFY2(text.contains(fingerprint.left(9)), qPrintable(text + u" / " + fingerprint));
    QVERIFY(!badge->progressBar()->isVisible());
}

void tst_AuditViewer::badgeSaysDamagedAfterARawEdit()
{
    // A dishonest insider with the key: drops the trigger and edits row 3.
    Database& db = m_w->db();
    QVERIFY(db.exec("DROP TRIGGER audit_log_immutable_u"));
    QVERIFY(db.exec("UPDATE audit_log SET after_json = '{\"role\":\"cashier\"}' WHERE seq = 3"));
    auto w = open(owner());
    ui::AuditVerifyBadge* badge = w->badge();
    QTRY_COMPARE_WITH_TIMEOUT(badge->state(), ui::AuditVerifyBadge::State::Damaged, 20000);
    const QString text = badge->text();
    QVERIFY2(
        text.startsWith(u"Damaged at row 3: " + AuditVerifier::describe(AuditDamage::ChangedRow)),
        qPrintable(text));
    QVERIFY2(text.contains(u"The 3 rows before it are intact."), qPrintable(text));
    // The damaged row stands out in the table, and its detail says so.
    const QStringList actions = column(w->model(), ui::AuditRowModel::ActionColumn);
    const int damaged = static_cast<int>(actions.indexOf(u"staff.role_change"));
    QVERIFY(w->model()->isDamaged(damaged));
    QVERIFY(w->model()->index(damaged, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!w->model()->isDamaged(damaged + 1));
    QVERIFY(!w->model()->index(damaged + 1, 0).data(Qt::BackgroundRole).isValid());
    w->table()->setCurrentIndex(w->model()->index(damaged, 0));
    QVERIFY(w->detail()->damagedNote()->isVisible());
    w->table()->setCurrentIndex(w->model()->index(damaged + 1, 0));
    QVERIFY(!w->detail()->damagedNote()->isVisible());
    w->table()->setCurrentIndex(w->model()->index(damaged, 0));
    screenshot(w.get(), QStringLiteral("-damaged"));
}

void tst_AuditViewer::auditorSeesTheLogButCannotExport()
{
    const Session auditor = m_w->staff.signIn(Role::Auditor, QStringLiteral("Udo Auditor"));
    auto w = open(auditor);
    QVERIFY(w->model()->rowCount() >= 7);
    QVERIFY(!w->banner()->isError());
    QVERIFY(w->exportButton() == nullptr);
    QVERIFY(!w->findChild<QPushButton*>(QStringLiteral("exportButton")));
    QTRY_COMPARE_WITH_TIMEOUT(w->badge()->state(), ui::AuditVerifyBadge::State::Verified, 20000);
    // And the owner has it.
    auto o = open(owner());
    QVERIFY(o->exportButton() && o->exportButton()->isVisible());
}

void tst_AuditViewer::ownerExportsWithTheAuthenticatorCode()
{
    QTemporaryDir dir;
    auto w = open(owner());
    const QString right = m_w->totpNow();
    const QString wrong = right == u"000000" ? QStringLiteral("111111") : QStringLiteral("000000");
    capturedLog().clear();
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    QString refusal;
    bool fieldCleared = false;
    bool exported = false;
    whenModal<ui::AuditExportDialog>([&](ui::AuditExportDialog* d) {
        d->setDirectory(dir.path());
        auto* code = d->findChild<QLineEdit*>(QStringLiteral("totpField"));
        auto* go = d->findChild<QPushButton*>(QStringLiteral("exportButton"));
        QTest::keyClicks(code, wrong);
        QTest::mouseClick(go, Qt::LeftButton);
        auto* error = d->findChild<QLabel*>(QStringLiteral("exportError"));
        refusal = error->isVisible() ? error->text() : QString();
        screenshot(d, QStringLiteral("-export"));
        fieldCleared = code->text().isEmpty();
        QTest::keyClicks(code, right);
        QTest::keyClick(code, Qt::Key_Return);
        exported = d->result() == QDialog::Accepted;
    });
    // A button's shortcut clicks it a moment later (animateClick).
    QTest::keyClick(w.get(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(exported, 20000);
    qInstallMessageHandler(previous);
    QVERIFY2(!refusal.isEmpty(), "a wrong code was not refused");
    QVERIFY(fieldCleared);
    QVERIFY2(w->banner()->text().startsWith(u"Exported"), qPrintable(w->banner()->text()));
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 2);
    QVERIFY(files.at(0).endsWith(u".csv") && files.at(1).endsWith(u".posaudit"));
    // The export is itself a row, now the newest one.
    QCOMPARE(w->model()->index(0, ui::AuditRowModel::ActionColumn).data().toString(),
             QStringLiteral("Audit log exported"));
    // Neither code went to the log output.
    for (const QString& line : std::as_const(capturedLog()))
        QVERIFY2(!line.contains(right) && !line.contains(wrong), qPrintable(line));
}

void tst_AuditViewer::menuEntryOnlyForOwnersAndAuditors()
{
    // The counter as the app builds it, with the viewer wired in.
    test::Fixture f;
    QVERIFY(f.setUp());
    AuditQuery query(f.store.db(), f.access);
    ui::AuditViewerContext context{query, f.access, f.store.keys(), f.clock, nullptr};
    const auto showCounter = [&](const Session& s) {
        ui::CounterContext ctx{
            f.catalog, f.sales, f.shifts,    f.customers, f.access,  f.clock,        f.settings,
            s,         f.auth,  f.approvals, f.actions,   f.refunds, f.staffService, f.reports};
        ctx.audit = &context;
        f.window.reset();
        f.window = std::make_unique<ui::CounterWindow>(ctx);
        f.window->resize(1366, 768);
        f.window->show();
        f.window->activateWindow();
        return QTest::qWaitForWindowActive(f.window.get());
    };
    const QString name = QStringLiteral("auditLogAction");
    for (const Session& s : {f.cashier, f.manager}) {
        QVERIFY(showCounter(s));
        QVERIFY2(!f.window->findChild<QAction*>(name), qPrintable(roleName(s.role)));
    }
    const Session owner = f.staff.signIn(Role::Owner, QStringLiteral("Olaf Owner"));
    const Session auditor = f.staff.signIn(Role::Auditor, QStringLiteral("Udo Auditor"));
    for (const Session& s : {owner, auditor}) {
        QVERIFY(showCounter(s));
        auto* action = f.window->findChild<QAction*>(name);
        QVERIFY2(action, qPrintable(roleName(s.role)));
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
        bool opened = false;
        whenModal<ui::AuditViewerWindow>([&](ui::AuditViewerWindow* v) {
            opened = v->model()->rowCount() >= 1 && !v->banner()->isError();
            v->reject();
        });
        QTest::keyClick(f.window.get(), Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(opened, qPrintable(roleName(s.role)));
    }
    f.window.reset();
}

void tst_AuditViewer::cashierAndManagerAreRefusedByCore()
{
    for (Role role : {Role::Cashier, Role::Manager}) {
        const Session s = m_w->staff.signIn(role);
        auto page = m_w->query.page(s, {}, {});
        QVERIFY(!page);
        QCOMPARE(page.error().code, ErrorCode::PermissionDenied);
        // Even a window opened for them (no menu offers one) shows nothing but the refusal.
        auto w = open(s);
        QCOMPARE(w->model()->rowCount(), 0);
        QVERIFY(w->banner()->isError());
        QCOMPARE(w->banner()->accessibleDescription(), page.error().message);
        QCOMPARE(w->badge()->state(), ui::AuditVerifyBadge::State::Failed);
        QVERIFY(!w->exportButton());
    }
}

QTEST_MAIN(tst_AuditViewer)
#include "tst_auditviewer.moc"
