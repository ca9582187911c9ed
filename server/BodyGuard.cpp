#include "BodyGuard.h"

#include "ApiResponse.h"

#include <QJsonDocument>
#include <QList>

#include <algorithm>

namespace pos::server {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// The position just after the empty line that ends a head in `data`, searching from `from`;
// -1 if there is none yet. Lines end in "\n" or "\r\n" (what the parser behind us accepts).
qsizetype headEnd(const QByteArray& data, qsizetype from)
{
    for (qsizetype i = std::max<qsizetype>(from, 0); i < data.size(); ++i) {
        if (data[i] != '\n')
            continue;
        if (i + 1 < data.size() && data[i + 1] == '\n')
            return i + 2;
        if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n')
            return i + 3;
    }
    return -1;
}

const char* reason(int status)
{
    switch (status) {
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    default:
        return "Bad Request";
    }
}

} // namespace

BodyGuard::BodyGuard(qint64 maxBodyBytes) : m_maxBody(maxBodyBytes) {}

std::optional<BodyGuard::Refusal> BodyGuard::refuse(int status, const char* code,
                                                    const QString& message)
{
    m_state = State::Refused;
    m_refusal = Refusal{status, QString::fromLatin1(code), message};
    m_head.clear();
    return m_refusal;
}

std::optional<BodyGuard::Refusal> BodyGuard::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::Refused:
            return m_refusal;
        case State::Body: {
            const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size());
            m_bodyLeft -= take;
            bytes = bytes.sliced(take);
            if (m_bodyLeft == 0)
                m_state = State::Head;
            break;
        }
        case State::Head: {
            if (m_head.isEmpty()) {
                // Empty lines before a request line are skipped by the parser behind us.
                while (!bytes.isEmpty() && (bytes.front() == '\r' || bytes.front() == '\n'))
                    bytes = bytes.sliced(1);
                if (bytes.isEmpty())
                    return std::nullopt;
            }
            const qsizetype before = m_head.size();
            const qsizetype room = MaxHeadBytes - before;
            const qsizetype take = std::min<qsizetype>(bytes.size(), room);
            m_head.append(bytes.first(take));
            const qsizetype end = headEnd(m_head, before - 2);
            if (end < 0) {
                if (m_head.size() >= MaxHeadBytes)
                    return refuse(413, "too_large",
                                  QStringLiteral("the request headers are larger than the server "
                                                 "accepts (%1 bytes)")
                                      .arg(MaxHeadBytes));
                bytes = bytes.sliced(take);
                break;
            }
            bytes = bytes.sliced(end - before);
            const QByteArray head = m_head.left(end);
            m_head.clear();
            if (auto refused = parseHead(head))
                return refused;
            ++m_requests;
            m_state = m_bodyLeft > 0 ? State::Body : State::Head;
            break;
        }
        }
    }
    return m_state == State::Refused ? std::optional<Refusal>(m_refusal) : std::nullopt;
}

std::optional<BodyGuard::Refusal> BodyGuard::parseHead(QByteArrayView head)
{
    const auto bad = [this](const QString& why) {
        return refuse(400, "bad_request",
                      QStringLiteral("the request cannot be read: %1").arg(why));
    };
    // Split into lines; a CR is only allowed right before LF (a bare CR ends a line for some
    // parsers and not for others: refusing it keeps our framing and theirs the same).
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < head.size(); ++i) {
        const char c = head[i];
        if (c == '\n') {
            QByteArrayView line = head.sliced(start, i - start);
            if (line.endsWith('\r'))
                line.chop(1);
            lines.append(line);
            start = i + 1;
        } else if (c == '\r') {
            if (i + 1 >= head.size() || head[i + 1] != '\n')
                return bad(QStringLiteral("a carriage return without a line feed"));
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
            return bad(QStringLiteral("a control character in the headers"));
        }
    }
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return bad(QStringLiteral("no request line"));

    const QList<QByteArray> requestLine = lines.front().toByteArray().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() ||
        !std::all_of(requestLine[0].begin(), requestLine[0].end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; }) ||
        !requestLine[1].startsWith('/') || !requestLine[2].startsWith("HTTP/1."))
        return bad(QStringLiteral("the request line is not 'METHOD /path HTTP/1.1'"));
    const QByteArray method = requestLine[0];
    if (method == "CONNECT")
        return bad(QStringLiteral("CONNECT is not served"));

    std::optional<qint64> contentLength;
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArrayView line = lines[n];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return bad(QStringLiteral("a folded header line"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return bad(QStringLiteral("a header line without a name"));
        const QByteArrayView name = line.first(colon);
        if (!std::all_of(name.begin(), name.end(), isTokenChar))
            return bad(QStringLiteral("a header name with a character names cannot have"));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        const QByteArray lower = name.toByteArray().toLower();
        if (lower == "transfer-encoding")
            return refuse(411, "length_required",
                          QStringLiteral("send the request body with a Content-Length header; "
                                         "Transfer-Encoding (chunked) is not accepted"));
        if (lower == "upgrade")
            return bad(QStringLiteral("protocol upgrades are not served"));
        if (lower == "content-length") {
            if (contentLength)
                return bad(QStringLiteral("Content-Length is given twice"));
            if (value.isEmpty() || value.size() > 18 ||
                !std::all_of(value.begin(), value.end(),
                             [](char c) { return c >= '0' && c <= '9'; }))
                return bad(QStringLiteral("Content-Length is not a number"));
            contentLength = value.toLongLong();
        }
    }
    if (!contentLength && (method == "POST" || method == "PUT" || method == "PATCH"))
        return refuse(411, "length_required",
                      QStringLiteral("send the request body with a Content-Length header"));
    if (contentLength && *contentLength > m_maxBody)
        return refuse(413, "too_large",
                      QStringLiteral("the request body is larger than the server accepts (%1 "
                                     "bytes)")
                          .arg(m_maxBody));
    m_bodyLeft = contentLength.value_or(0);
    return std::nullopt;
}

QByteArray BodyGuard::response(const Refusal& refusal)
{
    const QByteArray body =
        QJsonDocument(apiError(refusal.status, refusal.code, refusal.message).body)
            .toJson(QJsonDocument::Compact);
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + reason(refusal.status) + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
    out += body;
    return out;
}

} // namespace pos::server
