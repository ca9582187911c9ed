// BodyGuard: how pos-syncd frames HTTP/1.1 requests before QHttpServer 6.4 reads them (413, 411,
// 400), fed as a client would send them: whole, split at every byte, several on one connection.
// tst_syncserver checks the same refusals over real TLS connections.

#include "BodyGuard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pos::server;

namespace {

constexpr qint64 Limit = 1000;

QByteArray post(qint64 length, const QByteArray& extraHeaders = {})
{
    return "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           extraHeaders + "Content-Length: " + QByteArray::number(length) + "\r\n\r\n" +
           QByteArray(length, 'x');
}

const QByteArray Get = "GET /v1/pull?cursor=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// Feeds `data` in pieces of `step` bytes; the first refusal, if any.
std::optional<BodyGuard::Refusal> feedInSteps(BodyGuard& guard, const QByteArray& data,
                                              qsizetype step)
{
    for (qsizetype at = 0; at < data.size(); at += step) {
        if (auto refused =
                guard.feed(QByteArrayView(data).sliced(at, std::min(step, data.size() - at))))
            return refused;
    }
    return std::nullopt;
}

} // namespace

class tst_bodyguard : public QObject {
    Q_OBJECT

private slots:
    void acceptedRequestsAreFramed_data();
    void acceptedRequestsAreFramed();
    void refusals_data();
    void refusals();
    void bodyBytesAreNotReadAsHeaders();
    void refusalIsFinal();
    void headWithoutEndIsCut();
    void responseIsTheApiErrorShape();
};

void tst_bodyguard::acceptedRequestsAreFramed_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("requests");
    QTest::newRow("one GET") << Get << 1;
    QTest::newRow("POST at the limit") << post(Limit) << 1;
    QTest::newRow("empty POST") << post(0) << 1;
    QTest::newRow("keep-alive: POST, GET, POST") << post(10) + Get + post(Limit) << 3;
    QTest::newRow("LF line ends") << QByteArray("GET /v1/health HTTP/1.1\nHost: a\n\n") << 1;
    QTest::newRow("empty lines before a request") << QByteArray("\r\n") + Get << 1;
    QTest::newRow("GET with a small body") << QByteArray("GET /v1/pull HTTP/1.1\r\n"
                                                         "Content-Length: 3\r\n\r\nabc") +
                                                  Get
                                           << 2;
}

void tst_bodyguard::acceptedRequestsAreFramed()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, requests);
    for (const qsizetype step : {stream.size(), qsizetype(1), qsizetype(7), qsizetype(64)}) {
        BodyGuard guard(Limit);
        const auto refused = feedInSteps(guard, stream, step);
        QVERIFY2(!refused, qPrintable(QStringLiteral("step %1: %2")
                                          .arg(step)
                                          .arg(refused ? refused->message : QString())));
        QCOMPARE(guard.requestsFramed(), requests);
    }
}

void tst_bodyguard::refusals_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("body one byte over") << post(Limit + 1) << 413 << "too_large";
    QTest::newRow("announced 2 GiB, nothing sent")
        << QByteArray("POST /v1/push HTTP/1.1\r\nContent-Length: 2147483648\r\n\r\n") << 413
        << "too_large";
    QTest::newRow("second request too big") << post(10) + post(Limit + 1) << 413 << "too_large";
    QTest::newRow("POST without Content-Length")
        << QByteArray("POST /v1/push HTTP/1.1\r\nHost: a\r\n\r\n{}") << 411 << "length_required";
    QTest::newRow("chunked") << QByteArray("POST /v1/push HTTP/1.1\r\nTransfer-Encoding: "
                                           "chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
                             << 411 << "length_required";
    QTest::newRow("chunked with a length too")
        << post(2, "Transfer-Encoding: chunked\r\n") << 411 << "length_required";
    QTest::newRow("two lengths") << post(2, "Content-Length: 2\r\n") << 400 << "bad_request";
    QTest::newRow("length not a number")
        << QByteArray("POST /v1/push HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") << 400
        << "bad_request";
    QTest::newRow("negative length")
        << QByteArray("POST /v1/push HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400
        << "bad_request";
    // A bare CR ends a header line for lenient parsers: a length hidden behind one must not slip
    // past us unseen.
    QTest::newRow("bare CR hides a length")
        << QByteArray("GET /v1/pull HTTP/1.1\r\nX-A: 1\rContent-Length: 5000\r\n\r\n") << 400
        << "bad_request";
    QTest::newRow("folded header")
        << QByteArray("POST /v1/push HTTP/1.1\r\nContent-Length: 2\r\n 00\r\n\r\n{}") << 400
        << "bad_request";
    QTest::newRow("space before colon")
        << QByteArray("POST /v1/push HTTP/1.1\r\nContent-Length : 5000\r\n\r\n") << 400
        << "bad_request";
    QTest::newRow("upgrade") << QByteArray("GET /v1/health HTTP/1.1\r\nConnection: Upgrade\r\n"
                                           "Upgrade: websocket\r\n\r\n")
                             << 400 << "bad_request";
    QTest::newRow("CONNECT") << QByteArray("CONNECT /x HTTP/1.1\r\n\r\n") << 400 << "bad_request";
    QTest::newRow("absolute target")
        << QByteArray("GET http://a/v1/health HTTP/1.1\r\n\r\n") << 400 << "bad_request";
    QTest::newRow("not HTTP") << QByteArray("hello\r\n\r\n") << 400 << "bad_request";
    static constexpr char WithNul[] = "GET /v1/health HTTP/1.1\r\nX-A: a\0b\r\n\r\n";
    QTest::newRow("NUL in a header")
        << QByteArray(WithNul, sizeof WithNul - 1) << 400 << "bad_request";
}

void tst_bodyguard::refusals()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    QFETCH(QString, code);
    for (const qsizetype step : {stream.size(), qsizetype(1), qsizetype(5)}) {
        BodyGuard guard(Limit);
        const auto refused = feedInSteps(guard, stream, step);
        QVERIFY2(refused, qPrintable(QStringLiteral("step %1 was not refused").arg(step)));
        QCOMPARE(refused->status, status);
        QCOMPARE(refused->code, code);
        QVERIFY(!refused->message.isEmpty());
    }
}

void tst_bodyguard::bodyBytesAreNotReadAsHeaders()
{
    // A body that looks like a request head is body, counted against the limit, not a request.
    const QByteArray inner = "POST /v1/push HTTP/1.1\r\nContent-Length: 999999\r\n\r\n";
    BodyGuard guard(Limit);
    const QByteArray length = "Content-Length: " + QByteArray::number(inner.size());
    QByteArray outer = post(0);
    outer.replace("Content-Length: 0", length);
    outer += inner;
    QVERIFY(!guard.feed(outer));
    QCOMPARE(guard.requestsFramed(), 1);
    QVERIFY(!guard.feed(Get));
    QCOMPARE(guard.requestsFramed(), 2);
}

void tst_bodyguard::refusalIsFinal()
{
    BodyGuard guard(Limit);
    const auto first = guard.feed(post(Limit + 1));
    QVERIFY(first);
    const auto later = guard.feed(Get);
    QVERIFY(later);
    QCOMPARE(later->status, 413);
    QCOMPARE(guard.requestsFramed(), 0);
}

void tst_bodyguard::headWithoutEndIsCut()
{
    BodyGuard guard(Limit);
    QByteArray head = "GET /v1/pull HTTP/1.1\r\n";
    while (head.size() + 112 < BodyGuard::MaxHeadBytes)
        head += "X-Filler: " + QByteArray(100, 'f') + "\r\n";
    QVERIFY(!guard.feed(head)); // still under the limit
    const auto refused = guard.feed(QByteArray(200, 'f'));
    QVERIFY(refused);
    QCOMPARE(refused->status, 413);
    QCOMPARE(refused->code, QStringLiteral("too_large"));
}

void tst_bodyguard::responseIsTheApiErrorShape()
{
    const BodyGuard::Refusal refusal{411, QStringLiteral("length_required"),
                                     QStringLiteral("send a Content-Length")};
    const QByteArray response = BodyGuard::response(refusal);
    QVERIFY(response.startsWith("HTTP/1.1 411 Length Required\r\n"));
    QVERIFY(response.contains("\r\nConnection: close\r\n"));
    QVERIFY(response.contains("\r\nContent-Type: application/json\r\n"));
    const qsizetype split = response.indexOf("\r\n\r\n");
    QVERIFY(split > 0);
    const QByteArray body = response.mid(split + 4);
    QVERIFY(response.contains(
        QByteArray("Content-Length: " + QByteArray::number(body.size()) + "\r\n")));
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("length_required"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), refusal.message);
}

QTEST_GUILESS_MAIN(tst_bodyguard)
#include "tst_bodyguard.moc"
