#pragma once

// The audit trail tests (tst_audittrail, tst_auditcounter, tst_auditcustomers) share this: a
// register with staff and every audited service on the ApprovalHarness's store, a reader for the
// rows an action added, a structural check of the whole chain (gap-free, linked, hashes right,
// signatures by the register key, as docs/audit-format.md says), and a table runner: each case
// sets up, marks the log's head, drives one action through its real service and lists exactly
// the rows it expects (action, actor, approver, entity, the telling before/after fields).
#include "ApprovalHarness.h"
#include "audit/AuditActions.h"
#include "audit/AuditFormat.h"
#include "catalog/CatalogService.h"
#include "crypto/Ed25519.h"
#include "customers/CustomerService.h"
#include "payments/SimulatedProcessor.h"
#include "sales/CounterActions.h"
#include "sales/RefundService.h"
#include "sales/SaleService.h"
#include "shifts/ShiftService.h"
#include "staff/StaffService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

#include <functional>

namespace pos::audittest {

using namespace Qt::StringLiterals;

inline const QString Pin = QStringLiteral("2468");                       // TestStaff's PIN
inline const QString Password = QStringLiteral("correct horse battery"); // TestStaff's password

inline SecretBytes secretOf(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    return SecretBytes::takeFrom(bytes);
}

inline QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

// A call that is meant to be refused, as a step that succeeds when it was refused with code.
template <class R> Status refusedWith(const R& result, ErrorCode code)
{
    if (result)
        return fail(ErrorCode::Internal, QStringLiteral("it was allowed"));
    if (result.error().code != code)
        return fail(ErrorCode::Internal,
                    QStringLiteral("refused differently: %1").arg(result.error().message));
    return {};
}

template <class R> Status done(const R& result)
{
    if (result)
        return {};
    return std::unexpected(result.error());
}

// A register with staff and every audited service, on the harness's store and manual clock.
struct Fixture {
    test::ApprovalHarness h;
    AccessControl access{h.db()};
    SimulatedProcessor processor;
    ShiftService shifts{
        h.db(), access, h.clock, h.ids, h.staff.registerId(), QStringLiteral("EUR")};
    SaleService sales{h.db(), access, h.clock, h.ids, processor, h.staff.registerId()};
    RefundService refunds{h.db(), h.clock, h.ids, processor, h.approvals, h.staff.registerId()};
    CounterActions counter{h.db(), h.clock, h.ids, h.approvals, h.staff.registerId()};
    CustomerService customers{h.db(), access, h.clock, h.ids};
    CatalogService catalog{h.db(), access, QStringLiteral("EUR")};
    StaffService staff{h.db(), h.auth, h.clock, h.ids};
    Session cashier =
        h.signIn(Role::Cashier, QStringLiteral("Carla Cashier"), QStringLiteral("11"));
    Session manager = h.signIn(Role::Manager, QStringLiteral("Max Manager"), QStringLiteral("21"));
    Session owner = h.signIn(Role::Owner, QStringLiteral("Olga Owner"), QStringLiteral("31"));
    TaxClass tax = h.store.addTaxClass(QStringLiteral("STD"), 190000, true);
    Product milk = h.store.addProduct(QStringLiteral("MILK"), QStringLiteral("Milk 1L"), 199, tax);
    Product bread = h.store.addProduct(QStringLiteral("BREAD"), QStringLiteral("Bread"), 1000, tax);
    Cart cart = milkAndBread();
    // What a case's set-up leaves for its run and its expectations.
    QUuid approvalId;
    QUuid refundId;
    QUuid cartId;
    CompletedSale sale;
    qint64 id = 0;

    Fixture() { shifts.setApprovals(h.approvals); }

    Database& db() { return h.db(); }
    QString reg() const { return h.staff.registerId(); }

    // Milk 2 x 1.99 (line 1), bread 1 x 10.00 (line 2): 13.98.
    Cart milkAndBread()
    {
        Cart c(QStringLiteral("EUR"));
        c.addProduct(milk, Quantity::units(2)).value();
        c.addProduct(bread).value();
        return c;
    }
    // The cashier asks, the manager (code 21) approves on the spot.
    void approve(const Result<ApprovalAsk>& ask)
    {
        QVERIFY2(ask, ask ? "" : qPrintable(ask.error().message));
        auto a = h.askAndApprove(cashier, *ask, QStringLiteral("21"));
        QVERIFY2(a, a ? "" : qPrintable(a.error().message));
        approvalId = a->id;
    }
    void request(const ApprovalAsk& ask)
    {
        auto a = h.approvals.request(cashier, ask, QStringLiteral("customer changed mind"));
        QVERIFY2(a, a ? "" : qPrintable(a.error().message));
        approvalId = a->id;
    }
    void openShift(qint64 floatMinor = 10000)
    {
        auto s = shifts.open(cashier, floatMinor);
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    }
    void sellForCash()
    {
        openShift();
        auto s =
            sales.complete(cashier, milkAndBread(), {TenderRequest{TenderKind::Cash, 1398, 2000}});
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        sale = *s;
    }
    RefundRequest refundOfBread(QUuid approval = {})
    {
        if (refundId.isNull())
            refundId = h.ids.newId();
        return RefundRequest{refundId,
                             sale.id,
                             {RefundLineRequest{2, Quantity::units(1)}},
                             QStringLiteral("stale"),
                             approval};
    }
    void failSignIn(const QString& code, const QString& secret, int times = 1)
    {
        for (int i = 0; i < times; ++i)
            QVERIFY(!h.auth.signIn(code, secretOf(secret)));
    }
    qint64 lastId(const char* sql) { return h.count(sql); }
    QString text(const char* sql) { return h.text(sql); }
};

// One audit row as stored, with its JSON parsed.
struct StoredRow {
    qint64 seq = 0;
    QString actor, approver, action, entity, beforeText, afterText;
    QJsonObject before, after;
};

inline QList<StoredRow> rowsAfter(Database& db, qint64 seq)
{
    QList<StoredRow> out;
    auto q = db.query("SELECT seq, actor, approver, action, entity, before_json, after_json "
                      "FROM audit_log WHERE seq > ?1 ORDER BY seq");
    if (!q)
        return out;
    q->bind(1, seq);
    auto ok = q->forEach([&] {
        StoredRow r;
        r.seq = q->int64(0);
        r.actor = q->text(1);
        r.approver = q->text(2);
        r.action = q->text(3);
        r.entity = q->text(4);
        r.beforeText = q->text(5);
        r.afterText = q->text(6);
        r.before = QJsonDocument::fromJson(r.beforeText.toUtf8()).object();
        r.after = QJsonDocument::fromJson(r.afterText.toUtf8()).object();
        out.append(r);
    });
    Q_UNUSED(ok);
    return out;
}

inline qint64 head(Database& db)
{
    return db.scalar("SELECT coalesce(max(seq), -1) FROM audit_log").value_or(-2);
}

// The chain as docs/audit-format.md describes it: gap-free from the genesis, each row linked to
// the one before, each hash right for its fields and signed by the register key. Empty when it
// holds; otherwise what is wrong.
inline QString chainProblem(Database& db)
{
    AuditLog* log = db.auditLog();
    if (!log)
        return QStringLiteral("no audit log");
    auto q = db.query("SELECT seq, at, register_id, actor, approver, action, entity, before_json, "
                      "after_json, app_version, host, prev_hash, hash, signature FROM audit_log "
                      "WHERE register_id = ?1 ORDER BY seq");
    if (!q)
        return q.error().message;
    q->bind(1, log->registerId());
    QString problem;
    qint64 expectedSeq = 0;
    QByteArray prev = auditformat::genesisPrevHash(log->registerId());
    auto ok = q->forEach([&] {
        if (!problem.isEmpty())
            return;
        AuditRow r;
        r.seq = q->int64(0);
        r.at = q->text(1);
        r.registerId = q->text(2);
        r.actor = q->text(3);
        r.approver = q->text(4);
        r.action = q->text(5);
        r.entity = q->text(6);
        r.before = q->text(7);
        r.after = q->text(8);
        r.appVersion = q->text(9);
        r.host = q->text(10);
        r.prevHash = q->blob(11);
        r.hash = q->blob(12);
        r.signature = q->blob(13);
        if (r.seq != expectedSeq)
            problem = QStringLiteral("row %1 where %2 was expected").arg(r.seq).arg(expectedSeq);
        else if (r.prevHash != prev)
            problem = QStringLiteral("row %1 does not link to the row before").arg(r.seq);
        else if (auditformat::rowHash(r) != r.hash)
            problem = QStringLiteral("row %1's hash is not its fields'").arg(r.seq);
        else if (!Ed25519::verify(log->publicKey(), auditformat::signedMessage(r.hash),
                                  r.signature))
            problem = QStringLiteral("row %1's signature does not verify").arg(r.seq);
        prev = r.hash;
        ++expectedSeq;
    });
    if (!ok)
        return ok.error().message;
    return problem;
}

// What a case expects of one new row. before/after: only the keys given are compared.
struct Expected {
    QString action;
    qint64 actor = 0;
    qint64 approver = 0;
    QString entity;
    QJsonObject before;
    QJsonObject after;
};

inline QString idText(qint64 id)
{
    return id > 0 ? QString::number(id) : QString();
}

inline QString user(qint64 id)
{
    return audit::entity("user", id);
}

inline QString approvalEntity(const Fixture& f)
{
    return audit::entity("approval", uuidText(f.approvalId));
}

struct Case {
    std::function<void(Fixture&)> setup; // before the log's head is marked
    std::function<Status(Fixture&)> run;
    std::function<QList<Expected>(Fixture&)> expect;
};

// Every stored audit row's before/after and entity, as one text to search.
inline QString everything(Database& db)
{
    QStringList out;
    auto q = db.query("SELECT actor || '|' || approver || '|' || action || '|' || entity || '|' || "
                      "before_json || '|' || after_json FROM audit_log");
    if (q)
        Q_UNUSED(q->forEach([&] { out << q->text(0); }));
    return out.join(u'\n');
}

// For a test's _data(): one row per case, named by it.
inline void addCaseRows(const QMap<QString, Case>& cases)
{
    QTest::addColumn<QString>("name");
    for (auto it = cases.cbegin(); it != cases.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key();
}

// For the test function: runs the current row's case on a fresh fixture and compares the rows it
// added with the expected ones, in order; then checks the whole chain.
inline void verifyCase(const QMap<QString, Case>& cases)
{
    QFETCH(QString, name);
    const Case& c = cases[name];
    Fixture f;
    c.setup(f);
    if (QTest::currentTestFailed())
        return;
    const qint64 mark = head(f.db());
    const Status result = c.run(f);
    QVERIFY2(result, result ? "" : qPrintable(result.error().message));

    const QList<StoredRow> rows = rowsAfter(f.db(), mark);
    const QList<Expected> expected = c.expect(f);
    QStringList actions;
    for (const StoredRow& r : rows)
        actions << r.action;
    QVERIFY2(rows.size() == expected.size(), qPrintable(u"new rows: "_s + actions.join(u", ")));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const StoredRow& r = rows[i];
        const Expected& e = expected[i];
        QCOMPARE(r.action, e.action);
        QCOMPARE(r.actor, idText(e.actor));
        QCOMPARE(r.approver, idText(e.approver));
        QCOMPARE(r.entity, e.entity);
        for (auto it = e.before.begin(); it != e.before.end(); ++it)
            QVERIFY2(r.before.value(it.key()) == it.value(),
                     qPrintable(r.action + u" before: "_s + r.beforeText));
        for (auto it = e.after.begin(); it != e.after.end(); ++it)
            QVERIFY2(r.after.value(it.key()) == it.value(),
                     qPrintable(r.action + u" after: "_s + r.afterText));
        QVERIFY2(auditaction::all().contains(r.action), qPrintable(r.action));
        // Never a credential hash in any row.
        QVERIFY(!r.beforeText.contains(u"scrypt") && !r.afterText.contains(u"scrypt"));
    }
    const QString problem = chainProblem(f.db());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

} // namespace pos::audittest
