// The owner's view across registers from the audit viewer (AUD-7): All registers (from the
// server)… (Ctrl+Shift+S) opens RemoteAuditWindow; the owner signs in to the server with their
// user code and password there, every register of their stores is fetched (a progress bar
// meanwhile) and checked here with its key, each gets its badge, and the rows of the register
// selected show with the bad one in red. The stand-in for pos-syncd (SyncFixture) serves real
// chains written by AuditLog in the contract's JSON, one of them changed as a server could.
#include "../core/AuditTestLog.h"
#include "AuditViewerWindow.h"
#include "RemoteAuditRegisterModel.h"
#include "RemoteAuditRowModel.h"
#include "RemoteAuditWindow.h"
#include "SyncFixture.h"
#include "UiResources.h"
#include "audit/AuditQuery.h"
#include "sync/KnownRegisters.h"

#include <QBrush>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTextBrowser>
#include <QUrlQuery>

using namespace pos;
using test::FakeRequest;
using test::FakeResponse;
using test::SyncFixture;
using test::whenModal;

namespace {

const QString OtherRegister = QStringLiteral("3c9f1b2a-5d4e-4f60-8a7b-9c0d1e2f3a4b");
const QString OtherStore = QStringLiteral("7e1d2c3b-4a59-4687-9a8b-0c1d2e3f4a5b");

// The other register ("Harbour till", row `other`) is red in the check column, the summary counts
// it damaged, and once selected its badge gives `verdict` in full.
void expectOtherDamaged(ui::RemoteAuditWindow* w, int other, const QString& verdict)
{
    ui::RemoteAuditRegisterModel* regs = w->registers();
    QCOMPARE(regs->index(other, ui::RemoteAuditRegisterModel::CheckColumn)
                 .data(Qt::ForegroundRole)
                 .value<QBrush>()
                 .color(),
             QColor(0xb0, 0x00, 0x20));
    QCOMPARE(w->summaryLabel()->text(),
             QStringLiteral("1 of 2 registers' logs are intact; 1 damaged, 0 not checked."));
    w->registerTable()->setFocus();
    w->registerTable()->setCurrentIndex(regs->index(other, 0));
    QCOMPARE(w->badge()->text(), QStringLiteral("Harbour till: ") + verdict);
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// One register as the server holds it.
struct Held {
    QString registerId;
    QString name;
    QString storeId;
    QString storeName;
    QByteArray key;
    QList<AuditRow> rows;

    QJsonObject describe() const
    {
        return QJsonObject{{QStringLiteral("register_id"), registerId},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("store_id"), storeId},
                           {QStringLiteral("store_name"), storeName},
                           {QStringLiteral("signing_key"), b64(key)},
                           {QStringLiteral("revoked"), false},
                           {QStringLiteral("row_count"), rows.size()},
                           {QStringLiteral("head_hash"), b64(rows.last().hash)}};
    }
    QJsonObject page(qint64 afterSeq, qint64 limit) const
    {
        QJsonObject o = describe();
        QJsonArray list;
        qint64 last = afterSeq;
        for (const AuditRow& r : rows)
            if (r.seq > afterSeq && list.size() < limit) {
                list.append(syncprotocol::auditRowToJson(r));
                last = r.seq;
            }
        o.insert(QStringLiteral("rows"), list);
        o.insert(QStringLiteral("checkpoints"), QJsonArray{});
        o.insert(QStringLiteral("next_after_seq"), last);
        o.insert(QStringLiteral("more"), last + 1 < rows.size());
        return o;
    }
};

} // namespace

class tst_RemoteAuditWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::UiResources::applyCounterStyle(*qApp); } // as the app looks
    void init();
    void cleanup();
    void everyRegisterCheckedAndTheChangedOneIsRed();
    void wrongPasswordInPlainWords();
    void keySwappedOnTheServerIsRedInPlainWords();

private:
    FakeResponse serve(const FakeRequest& r);
    // Types the owner's user code and password and waits until every register is checked.
    void signInAndWait(ui::RemoteAuditWindow* w);
    // Opens the audit viewer as the owner, then the view across registers with its key.
    void withRemoteWindow(const std::function<void(ui::RemoteAuditWindow*)>& steps);

    test::SyncFixtureSlot m_f;
    Session m_owner;
    std::unique_ptr<test::TestStore> m_otherStore; // the other register's own store
    QList<Held> m_held;
    QList<AuditRow> m_otherRows; // the other register's chain as it wrote it
    QByteArray m_password = "owner's password";
};

void tst_RemoteAuditWindow::init()
{
    QVERIFY(m_f.start());
    SyncFixture& s = *m_f;
    m_owner = s.f.staff.signIn(Role::Owner, QStringLiteral("Olga Owner"));
    QVERIFY(s.writeEnrolment(s.server.url()));
    test::appendAuditRows(s.f.store.db(), 30); // this register's day

    // Another register's chain, written by its own AuditLog in a store of its own.
    m_otherStore = std::make_unique<test::TestStore>();
    auto log = AuditLog::open(m_otherStore->db(), m_otherStore->keys(), OtherRegister, s.f.clock);
    QVERIFY(log);
    const QByteArray otherKey = (*log)->publicKey();
    m_otherStore->db().attachAuditLog(std::move(*log));
    test::appendAuditRows(m_otherStore->db(), 12);

    m_otherRows = test::readAuditRows(m_otherStore->db(), OtherRegister);
    m_held = {Held{s.f.settings.registerId, QStringLiteral("Front till"), test::SyncStoreId,
                   QStringLiteral("Main Street"), s.f.store.db().auditLog()->publicKey(),
                   test::readAuditRows(s.f.store.db(), s.f.settings.registerId)},
              Held{OtherRegister, QStringLiteral("Harbour till"), OtherStore,
                   QStringLiteral("Harbour Street"), otherKey, m_otherRows}};
    QCOMPARE(m_held[1].rows.size(), 13);
    // The server's database says row 7 of the other register recorded something else.
    m_held[1].rows[7].after = QStringLiteral("{\"status\":\"nothing happened\"}");
    s.server.setHandler([this](const FakeRequest& r) { return serve(r); });
}

void tst_RemoteAuditWindow::cleanup()
{
    QCOMPARE(m_f.stop(), 0);
    m_otherStore.reset();
}

FakeResponse tst_RemoteAuditWindow::serve(const FakeRequest& r)
{
    if (r.pathAndQuery == "/v1/session") {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (body.value(u"user_code").toString() != u"7001" ||
            body.value(u"password").toString().toUtf8() != m_password)
            return FakeResponse::error(401, "unauthenticated",
                                       "The user code or password is not right.");
        return FakeResponse::json(
            200,
            QJsonObject{{QStringLiteral("token"), QStringLiteral("dG9rZW4tZm9yLXRlc3Rz")},
                        {QStringLiteral("expires_at"), QStringLiteral("2026-11-21T21:30:00Z")},
                        {QStringLiteral("user_id"), QStringLiteral("u-1")},
                        {QStringLiteral("role"), QStringLiteral("owner")},
                        {QStringLiteral("store_ids"), QJsonArray{test::SyncStoreId, OtherStore}}});
    }
    if (r.pathAndQuery == "/v1/audit") {
        QJsonArray list;
        for (const Held& h : std::as_const(m_held))
            list.append(h.describe());
        return FakeResponse::json(200, QJsonObject{{QStringLiteral("registers"), list}});
    }
    if (r.pathAndQuery.startsWith("/v1/audit?")) {
        const QUrlQuery q(QString::fromLatin1(r.pathAndQuery.mid(10)));
        const QString id = q.queryItemValue(QStringLiteral("register_id"));
        for (const Held& h : std::as_const(m_held))
            if (h.registerId == id)
                return FakeResponse::json(
                    200, h.page(q.queryItemValue(QStringLiteral("after_seq")).toLongLong(),
                                q.queryItemValue(QStringLiteral("limit")).toLongLong()));
        return FakeResponse::error(404, "not_found", "there is no such register");
    }
    return m_f->answer(r);
}

void tst_RemoteAuditWindow::withRemoteWindow(
    const std::function<void(ui::RemoteAuditWindow*)>& steps)
{
    SyncFixture& s = *m_f;
    AuditQuery query(s.f.store.db(), s.f.access);
    ui::AuditViewerContext context{query, s.f.access, s.f.store.keys(), s.f.clock};
    context.remote = [&s] {
        return std::make_unique<RemoteAuditSession>(s.f.store.db(), s.f.store.keys(), s.f.access,
                                                    s.f.clock);
    };
    ui::AuditViewerWindow viewer(context, m_owner);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowActive(&viewer));
    QVERIFY(viewer.remoteButton());
    bool opened = false;
    whenModal<ui::RemoteAuditWindow>([&](ui::RemoteAuditWindow* w) {
        opened = true;
        steps(w);
        QTest::keyClick(w, Qt::Key_Escape);
    });
    QTest::keyClick(&viewer, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(opened);
}

void tst_RemoteAuditWindow::everyRegisterCheckedAndTheChangedOneIsRed()
{
    SyncFixture& s = *m_f;
    withRemoteWindow([&](ui::RemoteAuditWindow* w) {
        QCOMPARE(w->focusWidget(), w->userCodeEdit());
        QTest::keyClicks(w->userCodeEdit(), QStringLiteral("7001"));
        QTest::keyClick(w->userCodeEdit(), Qt::Key_Tab);
        QTest::keyClicks(w->passwordEdit(), QString::fromUtf8(m_password));
        QCOMPARE(w->passwordEdit()->echoMode(), QLineEdit::Password);
        QSignalSpy checked(w, &ui::RemoteAuditWindow::allChecked);
        QTest::keyClick(w->passwordEdit(), Qt::Key_Return);
        QVERIFY(w->passwordEdit()->text().isEmpty()); // not kept in the field
        QVERIFY(w->working());
        QVERIFY(w->progressBar()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 20000);
        QVERIFY(w->progressBar()->isHidden());
        QVERIFY(w->refreshButton()->isEnabled());

        ui::RemoteAuditRegisterModel* regs = w->registers();
        QCOMPARE(regs->count(), 2);
        const int own = regs->rowOf(s.f.settings.registerId);
        const int other = regs->rowOf(OtherRegister);
        QVERIFY(own >= 0 && other >= 0);
        const auto cell = [&](int row, int column) {
            return regs->index(row, column).data().toString();
        };
        QCOMPARE(cell(own, ui::RemoteAuditRegisterModel::NameColumn),
                 QStringLiteral("Front till (this register)"));
        QCOMPARE(cell(own, ui::RemoteAuditRegisterModel::StoreColumn),
                 QStringLiteral("Main Street"));
        QCOMPARE(cell(own, ui::RemoteAuditRegisterModel::CheckColumn),
                 QStringLiteral("Verified: all %1 rows intact, signed by this register's own key")
                     .arg(m_held[0].rows.size()));
        // The other store by the name the server gives it.
        QCOMPARE(cell(other, ui::RemoteAuditRegisterModel::StoreColumn),
                 QStringLiteral("Harbour Street"));
        const QString bad = cell(other, ui::RemoteAuditRegisterModel::CheckColumn);
        QVERIFY2(bad.startsWith(QStringLiteral("Damaged at row 7: a changed row — Row 7 was "
                                               "changed")),
                 qPrintable(bad));
        QVERIFY2(bad.endsWith(QStringLiteral("Rows 0 to 6 before it are intact.")),
                 qPrintable(bad));
        expectOtherDamaged(w, other, bad);
        if (QTest::currentTestFailed())
            return;
        // The other register's rows (it is selected now): the changed one and those after it in
        // red.
        ui::RemoteAuditRowModel* rows = w->rows();
        QCOMPARE(rows->rowCount(), 13);
        QVERIFY(!rows->isDamaged(6));
        QVERIFY(rows->isDamaged(7));
        QCOMPARE(rows->index(7, ui::RemoteAuditRowModel::SeqColumn).data().toString(),
                 QStringLiteral("7"));
        w->rowTable()->setCurrentIndex(rows->index(7, 0));
        QVERIFY2(w->detail()->toPlainText().contains(QStringLiteral("nothing happened")),
                 qPrintable(w->detail()->toPlainText()));
        QVERIFY2(w->detail()->toPlainText().contains(QStringLiteral("cannot be vouched for")),
                 qPrintable(w->detail()->toPlainText()));
        test::screenshot(w, "remoteaudit");
    });
    QCOMPARE(s.requestsTo("/v1/session"), 1);
}

void tst_RemoteAuditWindow::wrongPasswordInPlainWords()
{
    withRemoteWindow([&](ui::RemoteAuditWindow* w) {
        QTest::keyClicks(w->userCodeEdit(), QStringLiteral("7001"));
        QTest::keyClicks(w->passwordEdit(), QStringLiteral("guess"));
        QTest::keyClick(w->passwordEdit(), Qt::Key_Return);
        QTRY_VERIFY(w->banner()->isError());
        QVERIFY2(w->banner()->text().contains(QStringLiteral("user code or password is not right")),
                 qPrintable(w->banner()->text()));
        QCOMPARE(w->registers()->count(), 0);
        QCOMPARE(w->focusWidget(), w->passwordEdit()); // to type it again
        QVERIFY(!w->refreshButton()->isEnabled());
    });
    QCOMPARE(m_f->requestsTo("/v1/audit"), 0);
}

void tst_RemoteAuditWindow::signInAndWait(ui::RemoteAuditWindow* w)
{
    QTest::keyClicks(w->userCodeEdit(), QStringLiteral("7001"));
    QTest::keyClicks(w->passwordEdit(), QString::fromUtf8(m_password));
    QSignalSpy checked(w, &ui::RemoteAuditWindow::allChecked);
    QTest::keyClick(w->passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 20000);
}

void tst_RemoteAuditWindow::keySwappedOnTheServerIsRedInPlainWords()
{
    SyncFixture& s = *m_f;
    m_held[1].rows = m_otherRows; // the other register's chain as it wrote it
    const QByteArray seenKey = m_held[1].key;
    withRemoteWindow([&](ui::RemoteAuditWindow* w) {
        signInAndWait(w);
        ui::RemoteAuditRegisterModel* regs = w->registers();
        const int other = regs->rowOf(OtherRegister);
        QVERIFY(other >= 0);
        const auto check = [&] {
            return regs->index(other, ui::RemoteAuditRegisterModel::CheckColumn).data().toString();
        };
        // First sight: verified with the server's key, and remembered on this desktop.
        QCOMPARE(check(),
                 QStringLiteral("Verified: all 13 rows intact, signed by the register's enrolled "
                                "key (seen here for the first time: this desktop remembers it "
                                "from now on)"));
        auto known = KnownRegisters(s.f.store.db(), s.f.clock).find(OtherRegister);
        QVERIFY(known && *known);
        QCOMPARE((*known)->signingKey, seenKey);
        QCOMPARE((*known)->rowCount, 13);
        const QString seenOn = KnownRegisters::when((*known)->firstSeenAt);

        // Then the server's copy is replaced: the same register id, its whole chain signed under
        // another key (a fresh AuditLog for that id) and that key enrolled.
        test::TestStore forgery;
        auto log = AuditLog::open(forgery.db(), forgery.keys(), OtherRegister, s.f.clock);
        QVERIFY(log);
        m_held[1].key = (*log)->publicKey();
        forgery.db().attachAuditLog(std::move(*log));
        test::appendAuditRows(forgery.db(), 12);
        m_held[1].rows = test::readAuditRows(forgery.db(), OtherRegister);

        QSignalSpy checked(w, &ui::RemoteAuditWindow::allChecked);
        QTest::keyClick(w, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 20000);
        const QString expected =
            QStringLiteral("Damaged at row 0: the wrong key — The server shows another signing "
                           "key for register Harbour till (%1) than this desktop saw on %2 "
                           "(fingerprint %3 then, %4 now): its rows cannot be trusted.")
                .arg(OtherRegister.left(8), seenOn, AuditVerifier::fingerprint(seenKey),
                     AuditVerifier::fingerprint(m_held[1].key));
        QVERIFY2(check().startsWith(expected), qPrintable(check()));
        QVERIFY2(check().contains(QStringLiteral("a new register id")), qPrintable(check()));
        expectOtherDamaged(w, other, check());
        if (QTest::currentTestFailed())
            return;
        test::screenshot(w, "remoteaudit-keyswap");

        // The server's key was not learnt: the desktop still holds the key it first saw.
        auto still = KnownRegisters(s.f.store.db(), s.f.clock).find(OtherRegister);
        QVERIFY(still && *still);
        QCOMPARE((*still)->signingKey, seenKey);
    });
}

QTEST_MAIN(tst_RemoteAuditWindow)
#include "tst_remoteauditwindow.moc"
