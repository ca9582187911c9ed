// RBAC-5: manager approvals. A cashier asks; a manager approves on the spot with their PIN
// (through AuthService::verifyApprover) or from the store's queue. Nobody approves their own
// request, the approver needs approvals.grant and the kind's permission in the request's store,
// an approval expires 5 minutes after the request and is used once, for exactly what it was
// given for.
#include "ApprovalHarness.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>
#include <memory>

using namespace pos;
using test::secret;

namespace {

QMutex g_logMutex;
QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext&, const QString& msg)
{
    QMutexLocker lock(&g_logMutex);
    g_log << msg;
}

ApprovalAsk lineVoid(qint64 amount = 398, const QString& subject = QStringLiteral("cart A line 1"))
{
    return ApprovalAsk{ApprovalKind::LineVoid, amount, subject, QStringLiteral("Void Milk")};
}

} // namespace

class TestApprovals : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void kindsMapToPermissions();
    void requestNeedsAReason();
    void managerApprovesOnTheSpotWithPin();
    void wrongPinIsRefusedAndCountsTowardLockout();
    void selfApprovalIsRefused();
    void cashierCannotApprove();
    void approverFromAnotherStoreIsRefused();
    void storeOverridesDecideWhoMayApprove();
    void expiresAfterFiveMinutes();
    void approvedButUnusedExpiresToo();
    void singleUse();
    void usedOnlyForWhatItWasGivenFor();
    void consumeRollsBackWithTheAction();
    void queueFromAnotherRegister();
    void refusedFromTheQueue();
    void requesterWithdraws();
    void recordsMoveOnlyForward();
    void requestsAreRateLimited();
    void pinsStayOutOfLogsAndMessages();
    void roleTable_data();
    void roleTable();

private:
    Result<qint64> consumeInTx(const Session& s, const QUuid& id, const ApprovalAsk& ask);

    std::unique_ptr<test::ApprovalHarness> m_h;
    Session m_cashier;
    Session m_manager;
};

void TestApprovals::init()
{
    m_h = std::make_unique<test::ApprovalHarness>();
    m_cashier = m_h->signIn(Role::Cashier, QStringLiteral("Carla Cashier"), QStringLiteral("11"));
    m_manager = m_h->signIn(Role::Manager, QStringLiteral("Max Manager"), QStringLiteral("21"));
}

void TestApprovals::cleanup()
{
    m_h.reset();
}

Result<qint64> TestApprovals::consumeInTx(const Session& s, const QUuid& id, const ApprovalAsk& ask)
{
    auto tx = Transaction::begin(m_h->db());
    if (!tx)
        return std::unexpected(tx.error());
    auto used = m_h->approvals.consume(s, id, ask);
    if (!used)
        return std::unexpected(used.error());
    if (auto c = tx->commit(); !c)
        return std::unexpected(c.error());
    return used->rowId;
}

void TestApprovals::kindsMapToPermissions()
{
    QCOMPARE(approvalKindPermission(ApprovalKind::LineVoid), Permission::LineVoid);
    QCOMPARE(approvalKindPermission(ApprovalKind::SaleVoid), Permission::SaleVoid);
    QCOMPARE(approvalKindPermission(ApprovalKind::Refund), Permission::RefundCreate);
    QCOMPARE(approvalKindPermission(ApprovalKind::ReturnNoReceipt), Permission::ReturnNoReceipt);
    QCOMPARE(approvalKindPermission(ApprovalKind::Discount), Permission::DiscountOverLimit);
    QCOMPARE(approvalKindPermission(ApprovalKind::PriceOverride), Permission::PriceOverride);
    QCOMPARE(approvalKindPermission(ApprovalKind::NoSale), Permission::DrawerNoSale);
    QCOMPARE(approvalKindPermission(ApprovalKind::CashOut), Permission::CashOutOverLimit);
    for (ApprovalKind k : allApprovalKinds()) {
        QCOMPARE(approvalKindFromName(approvalKindName(k)), std::optional<ApprovalKind>(k));
        QVERIFY(!approvalKindTitle(k).isEmpty());
    }
    QVERIFY(!approvalKindFromName(u"everything").has_value());
}

void TestApprovals::requestNeedsAReason()
{
    for (const QString& reason : {QString(), QStringLiteral("   "), QString(201, u'x')}) {
        auto r = m_h->approvals.request(m_cashier, lineVoid(), reason);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    }
    auto negative = m_h->approvals.request(m_cashier, lineVoid(-1), QStringLiteral("x"));
    QVERIFY(!negative);
    QCOMPARE(negative.error().code, ErrorCode::InvalidInput);
    QCOMPARE(m_h->count("SELECT count(*) FROM approvals"), 0);
}

void TestApprovals::managerApprovesOnTheSpotWithPin()
{
    auto request =
        m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("customer changed mind"));
    QVERIFY2(request, request ? "" : qPrintable(request.error().message));
    QCOMPARE(request->status, ApprovalStatus::Pending);
    QCOMPARE(request->requesterName, QStringLiteral("Carla Cashier"));
    QCOMPARE(request->expiresAt, request->requestedAt.addSecs(300));

    auto approved = m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), secret("2468"));
    QVERIFY2(approved, approved ? "" : qPrintable(approved.error().message));
    QCOMPARE(approved->status, ApprovalStatus::Approved);
    QCOMPARE(approved->approverName, QStringLiteral("Max Manager"));
    QCOMPARE(approved->approverId, m_manager.userId);

    // The cashier's register sees it, and the record names both people, reason and amount.
    auto seen = m_h->approvals.status(m_cashier, request->id);
    QVERIFY(seen);
    QCOMPARE(seen->status, ApprovalStatus::Approved);
    QCOMPARE(m_h->text("SELECT r.name || '/' || a.name || '/' || ap.reason || '/' || "
                       "ap.amount_minor FROM approvals ap JOIN users r ON r.id = ap.requester_id "
                       "JOIN users a ON a.id = ap.approver_id"),
             QStringLiteral("Carla Cashier/Max Manager/customer changed mind/398"));
    // The manager's proof is recorded as an approval sign-in, not as a session.
    QCOMPARE(m_h->count("SELECT count(*) FROM sessions"), 2);
}

void TestApprovals::wrongPinIsRefusedAndCountsTowardLockout()
{
    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(request);
    auto wrong = m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), secret("1111"));
    QVERIFY(!wrong);
    QVERIFY(wrong.error().code != ErrorCode::Internal);
    QVERIFY(!wrong.error().message.contains(QStringLiteral("1111")));
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Pending);
    QCOMPARE(m_h->count("SELECT count(*) FROM auth_events WHERE kind = 'failure' AND purpose = "
                        "'approval' AND user_id = (SELECT id FROM users WHERE code = '21')"),
             1);

    // Four more wrong PINs lock the manager out: then even the right PIN is not looked at.
    for (int i = 0; i < 4; ++i)
        QVERIFY(!m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), secret("1111")));
    auto locked = m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), secret("2468"));
    QVERIFY(!locked);
    QCOMPARE(locked.error().code, ErrorCode::Locked);
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Pending);
}

void TestApprovals::selfApprovalIsRefused()
{
    // A manager asks for an approval (e.g. while testing a cashier's view) and tries to approve it.
    auto own = m_h->approvals.request(m_manager, lineVoid(), QStringLiteral("mine"));
    QVERIFY(own);
    auto onSpot = m_h->approvals.approveOnSpot(own->id, QStringLiteral("21"), secret("2468"));
    QVERIFY(!onSpot);
    QCOMPARE(onSpot.error().code, ErrorCode::PermissionDenied);
    auto queued = m_h->approvals.approve(m_manager, own->id);
    QVERIFY(!queued);
    QCOMPARE(queued.error().code, ErrorCode::PermissionDenied);
    auto refused = m_h->approvals.refuse(m_manager, own->id, QStringLiteral("no"));
    QVERIFY(!refused);
    QCOMPARE(m_h->approvals.status(m_manager, own->id)->status, ApprovalStatus::Pending);

    // The store refuses it too.
    auto q = m_h->db().query("UPDATE approvals SET status = 'approved', approver_id = "
                             "requester_id WHERE uuid = ?1");
    q->bind(1, own->id.toString(QUuid::WithoutBraces));
    QVERIFY(!q->run());
}

void TestApprovals::cashierCannotApprove()
{
    m_h->signIn(Role::Cashier, QStringLiteral("Other Cashier"), QStringLiteral("12"));
    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(request);
    auto r = m_h->approvals.approveOnSpot(request->id, QStringLiteral("12"), secret("2468"));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
    QVERIFY(r.error().message.contains(QStringLiteral("Cashier")));
    const Session other = m_h->staff.sessionFor(
        m_h->db().scalar("SELECT id FROM users WHERE code = '12'").value_or(0));
    auto queued = m_h->approvals.approve(other, request->id);
    QVERIFY(!queued);
    QCOMPARE(queued.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Pending);
}

void TestApprovals::approverFromAnotherStoreIsRefused()
{
    const qint64 otherStore = m_h->staff.addStore(QStringLiteral("Other Store"));
    const qint64 elsewhere =
        m_h->staff.addUser(Role::Manager, QStringLiteral("Elsa Elsewhere"), QStringLiteral("31"));
    // addUser assigns the test store; move her to the other store only.
    auto q = m_h->db().query("DELETE FROM user_stores WHERE user_id = ?1");
    q->bind(1, elsewhere);
    QVERIFY(q->run());
    m_h->staff.assign(elsewhere, otherStore);

    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(request);
    auto onSpot = m_h->approvals.approveOnSpot(request->id, QStringLiteral("31"), secret("2468"));
    QVERIFY(!onSpot);
    QVERIFY(onSpot.error().code == ErrorCode::PermissionDenied ||
            onSpot.error().code == ErrorCode::Unauthenticated);
    // From her own store's queue she does not even see it.
    const Session there = m_h->staff.sessionFor(elsewhere, otherStore);
    auto queued = m_h->approvals.approve(there, request->id);
    QVERIFY(!queued);
    QCOMPARE(queued.error().code, ErrorCode::NotFound);
    auto list = m_h->approvals.pending(there);
    QVERIFY(list);
    QVERIFY(list->isEmpty());
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Pending);
}

void TestApprovals::storeOverridesDecideWhoMayApprove()
{
    // This store takes line voids away from managers: they can no longer approve them either.
    auto q = m_h->db().query("INSERT INTO role_overrides (store_id, role, permission, allowed) "
                             "VALUES (?1, 'manager', 'line.void', 0)");
    q->bind(1, m_h->staff.storeId);
    QVERIFY(q->run());
    auto voidRequest = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(voidRequest);
    auto r = m_h->approvals.approveOnSpot(voidRequest->id, QStringLiteral("21"), secret("2468"));
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
    // Other kinds still work.
    auto price = m_h->askAndApprove(
        m_cashier, ApprovalAsk{ApprovalKind::PriceOverride, 50, QStringLiteral("cart A price"), {}},
        QStringLiteral("21"));
    QVERIFY2(price, price ? "" : qPrintable(price.error().message));
}

void TestApprovals::expiresAfterFiveMinutes()
{
    auto inTime = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(inTime);
    m_h->clock.advanceSecs(4 * 60 + 59);
    auto ok = m_h->approvals.approveOnSpot(inTime->id, QStringLiteral("21"), secret("2468"));
    QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
    QVERIFY(consumeInTx(m_cashier, inTime->id, lineVoid()));

    auto late = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(late);
    m_h->clock.advanceSecs(5 * 60);
    auto refused = m_h->approvals.approveOnSpot(late->id, QStringLiteral("21"), secret("2468"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ApprovalRequired);
    QVERIFY(refused.error().message.contains(QStringLiteral("expired")));
    QCOMPARE(m_h->approvals.status(m_cashier, late->id)->status, ApprovalStatus::Expired);
    auto queued = m_h->approvals.approve(m_manager, late->id);
    QVERIFY(!queued);
    QCOMPARE(queued.error().code, ErrorCode::ApprovalRequired);
    auto list = m_h->approvals.pending(m_manager);
    QVERIFY(list);
    QVERIFY(list->isEmpty());
}

void TestApprovals::approvedButUnusedExpiresToo()
{
    auto a = m_h->askAndApprove(m_cashier, lineVoid(), QStringLiteral("21"));
    QVERIFY(a);
    m_h->clock.advanceSecs(5 * 60);
    auto used = consumeInTx(m_cashier, a->id, lineVoid());
    QVERIFY(!used);
    QCOMPARE(used.error().code, ErrorCode::ApprovalRequired);
    QVERIFY(used.error().message.contains(QStringLiteral("expired")));
    QCOMPARE(m_h->count("SELECT count(*) FROM approvals WHERE status = 'used'"), 0);
}

void TestApprovals::singleUse()
{
    auto a = m_h->askAndApprove(m_cashier, lineVoid(), QStringLiteral("21"));
    QVERIFY(a);
    auto first = consumeInTx(m_cashier, a->id, lineVoid());
    QVERIFY2(first, first ? "" : qPrintable(first.error().message));
    auto again = consumeInTx(m_cashier, a->id, lineVoid());
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::ApprovalRequired);
    QVERIFY(again.error().message.contains(QStringLiteral("already used")));
    auto seen = m_h->approvals.status(m_cashier, a->id);
    QCOMPARE(seen->status, ApprovalStatus::Used);
    QVERIFY(seen->usedAt.isValid());
    // A used approval cannot be approved again.
    QVERIFY(!m_h->approvals.approveOnSpot(a->id, QStringLiteral("21"), secret("2468")));
}

void TestApprovals::usedOnlyForWhatItWasGivenFor()
{
    auto a = m_h->askAndApprove(m_cashier, lineVoid(398), QStringLiteral("21"));
    QVERIFY(a);
    const Session other =
        m_h->signIn(Role::Cashier, QStringLiteral("Other Cashier"), QStringLiteral("12"));
    struct Case {
        const char* what;
        Session session;
        ApprovalAsk ask;
    };
    const QList<Case> refused = {
        {"someone else's", other, lineVoid()},
        {"another kind", m_cashier,
         ApprovalAsk{ApprovalKind::SaleVoid, 398, QStringLiteral("cart A line 1"), {}}},
        {"another subject", m_cashier, lineVoid(398, QStringLiteral("cart A line 2"))},
        {"a larger amount", m_cashier, lineVoid(399)},
    };
    for (const Case& c : refused) {
        auto r = consumeInTx(c.session, a->id, c.ask);
        QVERIFY2(!r, c.what);
        QCOMPARE(r.error().code, ErrorCode::ApprovalRequired);
    }
    auto none = consumeInTx(m_cashier, QUuid(), lineVoid());
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::ApprovalRequired);
    QCOMPARE(m_h->approvals.status(m_cashier, a->id)->status, ApprovalStatus::Approved);
    // A smaller amount is within what was approved.
    QVERIFY(consumeInTx(m_cashier, a->id, lineVoid(200)));
}

void TestApprovals::consumeRollsBackWithTheAction()
{
    auto a = m_h->askAndApprove(m_cashier, lineVoid(), QStringLiteral("21"));
    QVERIFY(a);
    // Outside a transaction it refuses to work at all.
    auto bare = m_h->approvals.consume(m_cashier, a->id, lineVoid());
    QVERIFY(!bare);
    {
        auto tx = Transaction::begin(m_h->db());
        QVERIFY(tx);
        QVERIFY(m_h->approvals.consume(m_cashier, a->id, lineVoid()));
        // The action fails: no commit.
    }
    QCOMPARE(m_h->approvals.status(m_cashier, a->id)->status, ApprovalStatus::Approved);
    QVERIFY(consumeInTx(m_cashier, a->id, lineVoid()));
}

void TestApprovals::queueFromAnotherRegister()
{
    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(request);
    // The cashier cannot see the queue.
    auto denied = m_h->approvals.pending(m_cashier);
    QVERIFY(!denied);
    QCOMPARE(denied.error().code, ErrorCode::PermissionDenied);

    auto list = m_h->approvals.pending(m_manager);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, request->id);
    QCOMPARE(list->first().reason, QStringLiteral("wrong item"));
    QCOMPARE(list->first().requesterName, QStringLiteral("Carla Cashier"));

    auto approved = m_h->approvals.approve(m_manager, request->id);
    QVERIFY2(approved, approved ? "" : qPrintable(approved.error().message));
    // The requester's register polls and sees it approved; the queue is empty.
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Approved);
    QVERIFY(m_h->approvals.pending(m_manager)->isEmpty());
    auto twice = m_h->approvals.approve(m_manager, request->id);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, ErrorCode::Conflict);
    // Someone else's request is not the cashier's to look at.
    const Session other =
        m_h->signIn(Role::Cashier, QStringLiteral("Other Cashier"), QStringLiteral("12"));
    QVERIFY(!m_h->approvals.status(other, request->id));
}

void TestApprovals::refusedFromTheQueue()
{
    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(request);
    auto noReason = m_h->approvals.refuse(m_manager, request->id, QStringLiteral(" "));
    QVERIFY(!noReason);
    QCOMPARE(noReason.error().code, ErrorCode::InvalidInput);
    auto refused = m_h->approvals.refuse(m_manager, request->id, QStringLiteral("scan it again"));
    QVERIFY(refused);
    QCOMPARE(refused->status, ApprovalStatus::Refused);
    QCOMPARE(refused->decisionNote, QStringLiteral("scan it again"));
    QCOMPARE(refused->approverName, QStringLiteral("Max Manager"));
    auto used = consumeInTx(m_cashier, request->id, lineVoid());
    QVERIFY(!used);
    QCOMPARE(used.error().code, ErrorCode::ApprovalRequired);
    QVERIFY(used.error().message.contains(QStringLiteral("refused")));
    QVERIFY(!m_h->approvals.approve(m_manager, request->id));
}

void TestApprovals::requesterWithdraws()
{
    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    QVERIFY(request);
    QVERIFY(!m_h->approvals.cancel(m_manager, request->id)); // not theirs
    QVERIFY(m_h->approvals.cancel(m_cashier, request->id));
    QCOMPARE(m_h->approvals.status(m_cashier, request->id)->status, ApprovalStatus::Cancelled);
    QVERIFY(!m_h->approvals.approve(m_manager, request->id));
}

void TestApprovals::recordsMoveOnlyForward()
{
    auto a = m_h->askAndApprove(m_cashier, lineVoid(), QStringLiteral("21"));
    QVERIFY(a);
    QVERIFY(consumeInTx(m_cashier, a->id, lineVoid()));
    for (const char* sql :
         {"UPDATE approvals SET status = 'approved'", "UPDATE approvals SET amount_minor = 99999",
          "UPDATE approvals SET expires_at = '2099-01-01T00:00:00.000Z'",
          "UPDATE approvals SET decided_at = '2099-01-01T00:00:00.000Z'",
          "DELETE FROM approvals"}) {
        QVERIFY2(!m_h->db().exec(sql), sql);
    }
    QCOMPARE(m_h->approvals.status(m_cashier, a->id)->status, ApprovalStatus::Used);
}

void TestApprovals::requestsAreRateLimited()
{
    ApprovalService::Options options;
    options.requestLimit = {2, 60, QStringLiteral("approval requests")};
    ApprovalService limited(m_h->db(), m_h->auth, m_h->clock, m_h->ids, m_h->staff.registerId(),
                            options);
    QVERIFY(limited.request(m_cashier, lineVoid(), QStringLiteral("a")));
    QVERIFY(limited.request(m_cashier, lineVoid(), QStringLiteral("b")));
    auto third = limited.request(m_cashier, lineVoid(), QStringLiteral("c"));
    QVERIFY(!third);
    QCOMPARE(third.error().code, ErrorCode::Locked);
    QCOMPARE(m_h->count("SELECT count(*) FROM approvals"), 2);
    m_h->clock.advanceSecs(61);
    QVERIFY(limited.request(m_cashier, lineVoid(), QStringLiteral("d")));
}

void TestApprovals::pinsStayOutOfLogsAndMessages()
{
    QLoggingCategory::setFilterRules(QStringLiteral("pos.*=true"));
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    QStringList messages;
    auto request = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("wrong item"));
    for (const char* pin : {"8642", "97531"}) {
        auto wrong = m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), secret(pin));
        if (!wrong)
            messages << wrong.error().message;
    }
    auto ok = m_h->approvals.approveOnSpot(request->id, QStringLiteral("21"), secret("2468"));
    QVERIFY(ok);
    QVERIFY(consumeInTx(m_cashier, request->id, lineVoid()));
    messages << consumeInTx(m_cashier, request->id, lineVoid()).error().message;
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(!g_log.isEmpty());
    for (const QString& line : g_log + messages)
        for (const char* pin : {"8642", "97531", "2468"})
            QVERIFY2(!line.contains(QLatin1StringView(pin)), qPrintable(line));
}

// RBAC-2: every approvals operation as every role.
void TestApprovals::roleTable_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("mayRequest");
    QTest::addColumn<bool>("mayApprove");
    QTest::newRow("owner") << int(Role::Owner) << true << true;
    QTest::newRow("manager") << int(Role::Manager) << true << true;
    QTest::newRow("cashier") << int(Role::Cashier) << true << false;
    QTest::newRow("auditor") << int(Role::Auditor) << false << false;
}

void TestApprovals::roleTable()
{
    QFETCH(int, role);
    QFETCH(bool, mayRequest);
    QFETCH(bool, mayApprove);
    const Session s = m_h->staff.signIn(static_cast<Role>(role));

    auto asked = m_h->approvals.request(s, lineVoid(), QStringLiteral("test"));
    QCOMPARE(asked.has_value(), mayRequest);
    if (!asked)
        QCOMPARE(asked.error().code, ErrorCode::PermissionDenied);

    auto other = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("test"));
    QVERIFY(other);
    auto list = m_h->approvals.pending(s);
    QCOMPARE(list.has_value(), mayApprove);
    auto approved = m_h->approvals.approve(s, other->id);
    QCOMPARE(approved.has_value(), mayApprove);
    if (!approved)
        QCOMPARE(approved.error().code, ErrorCode::PermissionDenied);

    auto third = m_h->approvals.request(m_cashier, lineVoid(), QStringLiteral("test"));
    QVERIFY(third);
    auto refused = m_h->approvals.refuse(s, third->id, QStringLiteral("no"));
    QCOMPARE(refused.has_value(), mayApprove);

    // An ended session can do nothing.
    m_h->staff.endSession(s);
    auto ended = m_h->approvals.request(s, lineVoid(), QStringLiteral("test"));
    QVERIFY(!ended);
    QCOMPARE(ended.error().code, ErrorCode::Unauthenticated);
}

QTEST_GUILESS_MAIN(TestApprovals)
#include "tst_approvals.moc"
