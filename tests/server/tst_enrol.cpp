// POST /v1/enrol against the real pos-syncd (TLS 1.3, PostgreSQL with row-level security), as a
// register sees it: what a good code gives (ids, names, both pins, the witness key, the time) and
// what the server then holds (the device with both keys, its audit chain starting at the genesis
// prev hash, the code used); one refusal for unknown, used and expired codes, writing nothing; the
// per-address limit on wrong codes; a register id that is already enrolled.

#include "SyncdFixture.h"
#include "WitnessKey.h"
#include "audit/AuditFormat.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace pos;
using namespace pos::test;

namespace {

const QString WrongCode = QStringLiteral(
    "the enrolment code is not valid: it may be mistyped, already used or expired; ask the owner "
    "for a new one");

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray newPublicKey()
{
    auto key = Ed25519::generatePrivateKey();
    return key ? Ed25519::publicKeyFor(*key).value_or(QByteArray()) : QByteArray();
}

QJsonObject enrolBody(const QString& code, const QString& registerId)
{
    return QJsonObject{{QStringLiteral("code"), code},
                       {QStringLiteral("register_id"), registerId},
                       {QStringLiteral("name"), QStringLiteral("Till 9")},
                       {QStringLiteral("signing_key"), b64(newPublicKey())},
                       {QStringLiteral("device_key"), b64(newPublicKey())},
                       {QStringLiteral("audit_head"),
                        QJsonObject{{QStringLiteral("row_count"), 0},
                                    {QStringLiteral("head_hash"), b64(QByteArray(32, '\0'))}}}};
}

} // namespace

class tst_enrol : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void goodCodeEnrolsTheRegister();
    void codeIsComparedWithoutCaseOrDashes();
    void companyPinPepperIsSharedAndSealed();
    void unknownUsedAndExpiredCodesLookTheSame();
    void enrolledRegisterIdIsAConflict();
    void malformedRequestsWriteNothing_data();
    void malformedRequestsWriteNothing();
    void wrongCodesFromOneAddressAreLimited();

private:
    ApiReply enrol(const QJsonObject& body);
    QList<ApiReply> enrolAtOnce(const QList<QJsonObject>& bodies);
    QString newCode() { return m_syncd->enrolCode(m_company, m_store); }
    // What the refusals must leave untouched: every table enrolment writes, as the superuser.
    QList<qint64> written();
    bool codeUsed(const QString& code);

    std::unique_ptr<SyncdFixture> m_syncd;
    QString m_company;
    QString m_store;
};

void tst_enrol::initTestCase()
{
    m_syncd = std::make_unique<SyncdFixture>();
    QVERIFY2(m_syncd->ok(), qPrintable(m_syncd->error()));
    m_company = m_syncd->createCompany(QStringLiteral("Acme Bakery"));
    QVERIFY2(!m_company.isEmpty(), qPrintable(m_syncd->error()));
    m_store = m_syncd->createStore(m_company, QStringLiteral("High Street"));
    QVERIFY2(!m_store.isEmpty(), qPrintable(m_syncd->error()));
}

void tst_enrol::init()
{
    // A fresh process per test: the limit on wrong codes is per address and per process.
    QVERIFY2(m_syncd->restart(), qPrintable(m_syncd->error()));
}

ApiReply tst_enrol::enrol(const QJsonObject& body)
{
    QNetworkAccessManager nam;
    return sendHttps(nam, m_syncd->caCertificates(), "POST", m_syncd->url("/v1/enrol"), {},
                     QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// Sends all at once (a refused code is answered after a delay; the server keeps serving).
QList<ApiReply> tst_enrol::enrolAtOnce(const QList<QJsonObject>& bodies)
{
    QNetworkAccessManager nam;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setCaCertificates(m_syncd->caCertificates());
    QList<QNetworkReply*> replies;
    for (const QJsonObject& body : bodies) {
        QNetworkRequest request(m_syncd->url("/v1/enrol"));
        request.setSslConfiguration(tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        replies.append(nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    QList<ApiReply> out;
    for (QNetworkReply* reply : replies) {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(20000);
        }
        ApiReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.raw = reply->readAll();
        r.body = QJsonDocument::fromJson(r.raw).object();
        out.append(r);
        reply->deleteLater();
    }
    return out;
}

QList<qint64> tst_enrol::written()
{
    return {m_syncd->countRows(QStringLiteral("devices")),
            m_syncd->countRows(QStringLiteral("audit_heads")),
            m_syncd->countRows(QStringLiteral("request_nonces"))};
}

bool tst_enrol::codeUsed(const QString& code)
{
    server::PgConnection* pg = m_syncd->cluster().superuser();
    if (!pg)
        return false;
    auto r =
        pg->exec("SELECT used_at IS NOT NULL FROM pos.enrol_codes WHERE code_hash = "
                 "decode($1, 'hex')",
                 {syncprotocol::enrolmentCodeHash(syncprotocol::normaliseEnrolmentCode(code))});
    return r && r->rows() == 1 && r->boolean(0, 0);
}

void tst_enrol::goodCodeEnrolsTheRegister()
{
    const QString code = newCode();
    QVERIFY2(!code.isEmpty(), qPrintable(m_syncd->error()));
    TestDevice device(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 1"));
    const ApiReply reply = device.enrol(code);
    QVERIFY2(reply.status == 200, qPrintable(reply.describe()));

    // What the register keeps.
    QCOMPARE(reply.body.value(QStringLiteral("company_id")).toString(), m_company);
    QCOMPARE(reply.body.value(QStringLiteral("company_name")).toString(),
             QStringLiteral("Acme Bakery"));
    QCOMPARE(reply.body.value(QStringLiteral("store_id")).toString(), m_store);
    QCOMPARE(reply.body.value(QStringLiteral("store_name")).toString(),
             QStringLiteral("High Street"));
    QCOMPARE(reply.body.value(QStringLiteral("register_id")).toString(), device.registerId());
    QCOMPARE(device.pins(),
             QStringList({m_syncd->certs().server().pin, m_syncd->certs().next().pin}));
    auto witness = server::WitnessKey::loadOrCreate(m_syncd->cluster().folder() +
                                                    QStringLiteral("/witness.key"));
    QVERIFY(witness);
    QCOMPARE(device.witnessKey(), witness->publicKey());
    const qint64 serverTime = reply.body.value(QStringLiteral("server_time")).toInteger();
    QVERIFY(qAbs(serverTime - QDateTime::currentSecsSinceEpoch()) < 120);

    // What the server holds.
    server::PgConnection* pg = m_syncd->cluster().superuser();
    QVERIFY(pg);
    auto row = pg->exec("SELECT company_id, store_id, name, signing_key, device_key, revoked_at "
                        "IS NULL FROM pos.devices WHERE id = $1",
                        {device.registerId().toUtf8()});
    QVERIFY(row && row->rows() == 1);
    QCOMPARE(row->text(0, 0), m_company);
    QCOMPARE(row->text(0, 1), m_store);
    QCOMPARE(row->text(0, 2), QStringLiteral("Till 1"));
    QCOMPARE(row->bytes(0, 3), device.auditPublicKey());
    QCOMPARE(row->bytes(0, 4), device.devicePublicKey());
    QVERIFY(row->boolean(0, 5));
    auto head = pg->exec("SELECT store_id, row_count, head_hash FROM pos.audit_heads "
                         "WHERE register_id = $1",
                         {device.registerId().toUtf8()});
    QVERIFY(head && head->rows() == 1);
    QCOMPARE(head->text(0, 0), m_store);
    QCOMPARE(head->integer(0, 1), 0);
    QCOMPARE(head->bytes(0, 2), auditformat::genesisPrevHash(device.registerId()));
    auto used =
        pg->exec("SELECT used_at IS NOT NULL, used_by FROM pos.enrol_codes "
                 "WHERE code_hash = decode($1, 'hex')",
                 {syncprotocol::enrolmentCodeHash(syncprotocol::normaliseEnrolmentCode(code))});
    QVERIFY(used && used->rows() == 1);
    QVERIFY(used->boolean(0, 0));
    QCOMPARE(used->text(0, 1), device.registerId());

    // The log names the register, never the code.
    QVERIFY(m_syncd->serverLog().contains(device.registerId()));
    QVERIFY(!m_syncd->serverLog().contains(code));
    QVERIFY(!m_syncd->serverLog().contains(syncprotocol::normaliseEnrolmentCode(code)));
}

void tst_enrol::companyPinPepperIsSharedAndSealed()
{
    const auto pepperOf = [](const ApiReply& reply) {
        return QByteArray::fromBase64(
            reply.body.value(QStringLiteral("pin_pepper")).toString().toLatin1());
    };
    // Two registers of one company get the same pepper; another company's is another.
    TestDevice first(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 1"));
    const ApiReply a = first.enrol(newCode());
    QVERIFY2(a.status == 200, qPrintable(a.describe()));
    TestDevice second(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 2"));
    const ApiReply b = second.enrol(newCode());
    QVERIFY2(b.status == 200, qPrintable(b.describe()));
    const QByteArray pepper = pepperOf(a);
    QCOMPARE(pepper.size(), 32);
    QCOMPARE(pepperOf(b), pepper);
    const QString otherCompany = m_syncd->createCompany(QStringLiteral("Corner Shop"));
    const QString otherStore = m_syncd->createStore(otherCompany, QStringLiteral("Corner"));
    QVERIFY2(!otherStore.isEmpty(), qPrintable(m_syncd->error()));
    TestDevice third(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 1"));
    const ApiReply c = third.enrol(m_syncd->enrolCode(otherCompany, otherStore));
    QVERIFY2(c.status == 200, qPrintable(c.describe()));
    QCOMPARE(pepperOf(c).size(), 32);
    QVERIFY(pepperOf(c) != pepper);

    // The database holds it sealed only: one row per company, never the pepper's bytes.
    server::PgConnection* pg = m_syncd->cluster().superuser();
    QVERIFY(pg);
    auto rows = pg->exec("SELECT company_id, pin_pepper_sealed FROM pos.company_secrets");
    QVERIFY(rows);
    QCOMPARE(rows->rows(), 2);
    for (int i = 0; i < rows->rows(); ++i) {
        QCOMPARE(rows->bytes(i, 1).size(), 12 + 32 + 16);
        QVERIFY(!rows->bytes(i, 1).contains(pepper));
        QVERIFY(!rows->bytes(i, 1).contains(pepperOf(c)));
    }
    QVERIFY(!m_syncd->serverLog().contains(QString::fromLatin1(pepper.toBase64())));

    // With another witness key file the sealed pepper does not open: enrolment is refused in
    // plain words, the code stays unused and nothing is written. The right file makes it work.
    const QString keyPath = m_syncd->cluster().folder() + QStringLiteral("/witness.key");
    QFile keyFile(keyPath);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray original = keyFile.readAll();
    keyFile.close();
    QVERIFY(keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    keyFile.write(QByteArray(32, '\x11'));
    keyFile.close();
    QVERIFY2(m_syncd->restart(), qPrintable(m_syncd->error()));
    const QString code = newCode();
    const auto before = written();
    TestDevice fourth(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 3"));
    const ApiReply refused = fourth.enrol(code);
    QCOMPARE(refused.status, 503);
    QVERIFY2(refused.raw.contains("witness key file"), qPrintable(refused.describe()));
    QVERIFY(!refused.body.contains(QStringLiteral("pin_pepper")));
    QCOMPARE(written(), before);
    QVERIFY(!codeUsed(code));
    QVERIFY(keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    keyFile.write(original);
    keyFile.close();
    QVERIFY2(m_syncd->restart(), qPrintable(m_syncd->error()));
    const ApiReply again = fourth.enrol(code);
    QVERIFY2(again.status == 200, qPrintable(again.describe()));
    QCOMPARE(pepperOf(again), pepper);
}

void tst_enrol::codeIsComparedWithoutCaseOrDashes()
{
    const QString code = newCode();
    QVERIFY(!code.isEmpty());
    // As someone might type it from the sheet: lower case, spaces instead of dashes, O for 0.
    QString typed = code.toLower();
    typed.replace(u'-', u' ');
    typed.replace(u'0', u'o');
    TestDevice device(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 2"));
    const ApiReply reply = device.enrol(typed);
    QVERIFY2(reply.status == 200, qPrintable(reply.describe()));
    QVERIFY(codeUsed(code));
}

void tst_enrol::unknownUsedAndExpiredCodesLookTheSame()
{
    const QString used = newCode();
    TestDevice first(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 3"));
    QCOMPARE(first.enrol(used).status, 200);
    const QString expired = newCode();
    server::PgConnection* pg = m_syncd->cluster().superuser();
    QVERIFY(pg);
    QVERIFY(
        pg->exec("UPDATE pos.enrol_codes SET expires_at = now() - interval '1 second' "
                 "WHERE code_hash = decode($1, 'hex')",
                 {syncprotocol::enrolmentCodeHash(syncprotocol::normaliseEnrolmentCode(expired))}));
    const QString unknown = QStringLiteral("ABCD-EFGH-JKMN-PQRS");
    const QString notACode = QStringLiteral("hello");

    const QList<qint64> before = written();
    const QList<ApiReply> replies =
        enrolAtOnce({enrolBody(used, newUuid()), enrolBody(expired, newUuid()),
                     enrolBody(unknown, newUuid()), enrolBody(notACode, newUuid())});
    for (const ApiReply& reply : replies) {
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
        QCOMPARE(reply.body.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString(),
                 WrongCode);
        QCOMPARE(reply.raw, replies.first().raw); // byte for byte the same answer
    }
    QCOMPARE(written(), before);
    QVERIFY(!codeUsed(expired));
}

void tst_enrol::enrolledRegisterIdIsAConflict()
{
    TestDevice device(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 4"));
    QCOMPARE(device.enrol(newCode()).status, 200);

    // The same register id again, with a fresh code (in this company or another).
    const QString other = m_syncd->createCompany(QStringLiteral("Other Co"));
    const QString otherStore = m_syncd->createStore(other, QStringLiteral("Elsewhere"));
    QVERIFY(!otherStore.isEmpty());
    for (const QString& code : {newCode(), m_syncd->enrolCode(other, otherStore)}) {
        QVERIFY(!code.isEmpty());
        const QList<qint64> before = written();
        const ApiReply reply = enrol(enrolBody(code, device.registerId()));
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("conflict"));
        QCOMPARE(written(), before);
        QVERIFY(!codeUsed(code)); // the code still works for a register that is new
    }
}

void tst_enrol::malformedRequestsWriteNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    const auto with = [](const QString& key, const QJsonValue& value) {
        QJsonObject body = enrolBody(QStringLiteral("CODE"), newUuid());
        if (value.isUndefined())
            body.remove(key);
        else
            body.insert(key, value);
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    };
    QTest::newRow("not JSON") << QByteArray("{\"code\":") << "JSON";
    QTest::newRow("array") << QByteArray("[]") << "JSON";
    QTest::newRow("no register id")
        << with(QStringLiteral("register_id"), QJsonValue::Undefined) << "register_id";
    QTest::newRow("register id with braces")
        << with(QStringLiteral("register_id"), QString(u'{' + newUuid() + u'}')) << "register_id";
    QTest::newRow("register id upper case")
        << with(QStringLiteral("register_id"), newUuid().toUpper()) << "register_id";
    QTest::newRow("empty name") << with(QStringLiteral("name"), QStringLiteral(" ")) << "name";
    QTest::newRow("short key") << with(QStringLiteral("device_key"), b64(QByteArray(31, 'k')))
                               << "device_key";
    QTest::newRow("no signing key")
        << with(QStringLiteral("signing_key"), QJsonValue::Undefined) << "signing_key";
    QTest::newRow("no audit head")
        << with(QStringLiteral("audit_head"), QJsonValue::Undefined) << "audit_head";
}

void tst_enrol::malformedRequestsWriteNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    const QString code = newCode();
    QJsonObject json = QJsonDocument::fromJson(body).object();
    if (json.contains(QStringLiteral("code"))) {
        json.insert(QStringLiteral("code"), code);
        body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    }
    const QList<qint64> before = written();
    QNetworkAccessManager nam;
    const ApiReply reply =
        sendHttps(nam, m_syncd->caCertificates(), "POST", m_syncd->url("/v1/enrol"), {}, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    const QString message = reply.body.value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QCOMPARE(written(), before);
    QVERIFY(!codeUsed(code));

    // The same key twice is refused too.
    QJsonObject same = enrolBody(code, newUuid());
    same.insert(QStringLiteral("device_key"), same.value(QStringLiteral("signing_key")));
    QCOMPARE(enrol(same).status, 400);
    QVERIFY(!codeUsed(code));
}

void tst_enrol::wrongCodesFromOneAddressAreLimited()
{
    const QString good = newCode();
    QList<QJsonObject> wrong;
    for (int i = 0; i < 12; ++i)
        wrong.append(
            enrolBody(QStringLiteral("ZZZZ-ZZZZ-ZZZZ-Z%1Z").arg(i, 2, 10, QChar(u'0')), newUuid()));
    // Sent all at once to a server that checks them on several threads: still only ten are
    // checked, the other two are refused unchecked.
    QMap<int, int> statuses;
    for (const ApiReply& reply : enrolAtOnce(wrong))
        ++statuses[reply.status];
    QCOMPARE(statuses, (QMap<int, int>{{401, 10}, {429, 2}}));

    // The next attempt within the minute is refused whatever the code, a right one too, and
    // the right code is not spent.
    TestDevice device(m_syncd->baseUrl(), m_syncd->caCertificates(), QStringLiteral("Till 5"));
    const ApiReply refused = device.enrol(good);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), QStringLiteral("locked"));
    QVERIFY(!codeUsed(good));

    // Another process (the limit is kept in memory) lets the right code through.
    QVERIFY(m_syncd->restart());
    QCOMPARE(device.enrol(good).status, 200);
}

QTEST_GUILESS_MAIN(tst_enrol)
#include "tst_enrol.moc"
