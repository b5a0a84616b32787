#include "upstream/HttpResponseParser.h"

#include <cstring>

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    qsizetype begin = 0;
    qsizetype end = v.size();
    while (begin < end && isOws(v[begin]))
        ++begin;
    while (end > begin && isOws(v[end - 1]))
        --end;
    return v.sliced(begin, end - begin);
}

bool isValidFieldValue(QByteArrayView v)
{
    for (const char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F)
            return false;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Calls `visit` for every comma-separated element (trimmed, non-empty) of every header called `name`.
template<typename Visit>
void forEachListElement(const HttpHeaderList &headers, QByteArrayView name, Visit visit)
{
    for (const auto &header : headers) {
        if (!equalsIgnoringCase(header.first, name))
            continue;
        QByteArrayView rest(header.second);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView element = trimmedOws(comma < 0 ? rest : rest.first(comma));
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            if (!element.isEmpty())
                visit(element);
        }
    }
}

} // namespace

HttpResponseParser::HttpResponseParser(qsizetype maxHeaderBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
{
}

void HttpResponseParser::reset()
{
    const bool head = m_headRequest;
    *this = HttpResponseParser(m_maxHeaderBytes);
    m_headRequest = head;
}

QByteArray HttpResponseParser::header(QByteArrayView name) const
{
    for (const auto &header : m_headers) {
        if (equalsIgnoringCase(header.first, name))
            return header.second;
    }
    return QByteArray();
}

bool HttpResponseParser::hasHeader(QByteArrayView name) const
{
    for (const auto &header : m_headers) {
        if (equalsIgnoringCase(header.first, name))
            return true;
    }
    return false;
}

bool HttpResponseParser::headerListContainsToken(
    const HttpHeaderList &headers, QByteArrayView name, QByteArrayView token)
{
    bool found = false;
    forEachListElement(headers, name, [&](QByteArrayView element) {
        if (equalsIgnoringCase(element, token))
            found = true;
    });
    return found;
}

void HttpResponseParser::fail(const QString &message)
{
    m_state = State::Error;
    m_error = message;
    m_line.clear();
}

void HttpResponseParser::complete()
{
    m_state = State::Complete;
    m_line.clear();
}

// Takes one line (without its LF or CRLF) starting at `pos`. Returns false when the line is not complete yet
// (the bytes are kept for the next feed) or on error. `limit` bounds the raw line length including its end.
bool HttpResponseParser::takeLine(QByteArrayView data, qsizetype &pos, qsizetype limit, QByteArray &line)
{
    const auto tooLong = [this, limit] {
        if (m_state == State::Body && m_bodyState == BodyState::ChunkSize)
            fail(QStringLiteral("chunk size line longer than %1 bytes").arg(limit));
        else if (m_state == State::Body)
            fail(QStringLiteral("trailer block larger than %1 bytes").arg(m_maxHeaderBytes));
        else
            fail(QStringLiteral("response head larger than %1 bytes").arg(m_maxHeaderBytes));
    };
    const qsizetype available = data.size() - pos;
    const void *found = std::memchr(data.data() + pos, '\n', size_t(available));
    if (!found) {
        if (m_line.size() + available > limit) {
            tooLong();
            return false;
        }
        m_line.append(data.data() + pos, available);
        pos = data.size();
        return false;
    }
    const qsizetype lineEnd = static_cast<const char *>(found) - data.data();
    const qsizetype rawLength = m_line.size() + (lineEnd - pos) + 1;
    if (rawLength > limit) {
        tooLong();
        return false;
    }
    if (m_line.isEmpty()) {
        line = QByteArray(data.data() + pos, lineEnd - pos);
    } else {
        line = m_line;
        line.append(data.data() + pos, lineEnd - pos);
        m_line.clear();
    }
    pos = lineEnd + 1;
    m_lastLineBytes = rawLength;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.contains('\r')) {
        fail(QStringLiteral("bare CR inside a line"));
        return false;
    }
    return true;
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line)
{
    // HTTP/1.x SP 3DIGIT [SP reason-phrase]
    static constexpr QByteArrayView prefix("HTTP/1.");
    if (line.size() < 12 || !line.startsWith(prefix) || line[7] < '0' || line[7] > '9' || line[8] != ' ') {
        fail(QStringLiteral("malformed status line"));
        return false;
    }
    int status = 0;
    for (int i = 9; i < 12; ++i) {
        if (line[i] < '0' || line[i] > '9') {
            fail(QStringLiteral("malformed status code"));
            return false;
        }
        status = status * 10 + (line[i] - '0');
    }
    if (status < 100) {
        fail(QStringLiteral("malformed status code"));
        return false;
    }
    if (line.size() > 12 && line[12] != ' ') {
        fail(QStringLiteral("malformed status line"));
        return false;
    }
    const QByteArrayView reason = line.size() > 13 ? QByteArrayView(line).sliced(13) : QByteArrayView();
    if (!isValidFieldValue(reason)) {
        fail(QStringLiteral("control character in the reason phrase"));
        return false;
    }
    m_minorVersion = line[7] - '0';
    m_statusCode = status;
    m_reason = reason.toByteArray();
    return true;
}

bool HttpResponseParser::parseHeaderLine(const QByteArray &line, HttpHeaderList &into)
{
    if (isOws(line[0])) {
        // Obsolete line folding (RFC 9112 5.2): the continuation joins the previous value with a space.
        if (into.isEmpty()) {
            fail(QStringLiteral("header block starts with whitespace"));
            return false;
        }
        const QByteArrayView continuation = trimmedOws(line);
        if (!isValidFieldValue(continuation)) {
            fail(QStringLiteral("control character in a header value"));
            return false;
        }
        QByteArray &value = into.last().second;
        if (!continuation.isEmpty()) {
            if (!value.isEmpty())
                value.append(' ');
            value.append(continuation.data(), continuation.size());
        }
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(colon == 0 ? QStringLiteral("empty header name") : QStringLiteral("header line without a colon"));
        return false;
    }
    for (qsizetype i = 0; i < colon; ++i) {
        if (!isTokenChar(line[i])) {
            fail(QStringLiteral("invalid character in a header name"));
            return false;
        }
    }
    const QByteArrayView value = trimmedOws(QByteArrayView(line).sliced(colon + 1));
    if (!isValidFieldValue(value)) {
        fail(QStringLiteral("control character in the value of header %1").arg(QString::fromLatin1(line.left(colon))));
        return false;
    }
    into.append(qMakePair(line.left(colon), value.toByteArray()));
    return true;
}

bool HttpResponseParser::decideFraming()
{
    const bool connectionClose = headerListContainsToken(m_headers, "connection", "close");
    if (m_minorVersion >= 1)
        m_keepAlive = !connectionClose;
    else
        m_keepAlive = !connectionClose && headerListContainsToken(m_headers, "connection", "keep-alive");

    m_contentLength = -1;
    if (m_headRequest || m_statusCode == 204 || m_statusCode == 304) {
        // Any Content-Length describes the body that a GET would have had.
        m_framing = BodyFraming::None;
        return true;
    }

    if (hasHeader("transfer-encoding")) {
        int codings = 0;
        bool onlyChunked = true;
        forEachListElement(m_headers, "transfer-encoding", [&](QByteArrayView coding) {
            ++codings;
            if (!equalsIgnoringCase(coding, "chunked"))
                onlyChunked = false;
        });
        if (codings != 1 || !onlyChunked) {
            fail(QStringLiteral("unsupported Transfer-Encoding"));
            return false;
        }
        // Both framings at once may be a smuggling attempt: trust chunked, never reuse the connection.
        if (hasHeader("content-length") || m_minorVersion == 0)
            m_keepAlive = false;
        m_framing = BodyFraming::Chunked;
        m_bodyState = BodyState::ChunkSize;
        return true;
    }

    if (hasHeader("content-length")) {
        qint64 length = -1;
        bool valid = true;
        forEachListElement(m_headers, "content-length", [&](QByteArrayView element) {
            if (element.size() > 18) {
                valid = false;
                return;
            }
            qint64 value = 0;
            for (const char c : element) {
                if (c < '0' || c > '9') {
                    valid = false;
                    return;
                }
                value = value * 10 + (c - '0');
            }
            if (length >= 0 && value != length)
                valid = false;
            length = value;
        });
        if (!valid || length < 0) {
            fail(QStringLiteral("invalid Content-Length"));
            return false;
        }
        m_contentLength = length;
        m_remaining = length;
        m_framing = length == 0 ? BodyFraming::None : BodyFraming::ContentLength;
        m_bodyState = BodyState::Data;
        return true;
    }

    m_framing = BodyFraming::UntilClose;
    m_bodyState = BodyState::Data;
    m_keepAlive = false;
    return true;
}

bool HttpResponseParser::finishHead()
{
    if (m_statusCode < 200) {
        if (m_statusCode == 101) {
            fail(QStringLiteral("unexpected 101 Switching Protocols"));
            return false;
        }
        // An interim response (100 Continue, 102, 103 Early Hints): skip it and wait for the final one.
        ++m_interimCount;
        m_headers.clear();
        m_headBytes = 0;
        m_statusCode = 0;
        m_reason.clear();
        m_state = State::StatusLine;
        return true;
    }
    if (!decideFraming())
        return false;
    m_headDone = true;
    if (m_framing == BodyFraming::None)
        complete();
    else
        m_state = State::Body;
    return true;
}

bool HttpResponseParser::parseChunkSize(const QByteArray &line)
{
    // chunk-size [BWS ; chunk-ext]   (extensions are ignored)
    qsizetype i = 0;
    qint64 size = 0;
    while (i < line.size()) {
        const int digit = hexValue(line[i]);
        if (digit < 0)
            break;
        if (i >= 15) {
            fail(QStringLiteral("chunk size too large"));
            return false;
        }
        size = size * 16 + digit;
        ++i;
    }
    if (i == 0) {
        fail(QStringLiteral("invalid chunk size"));
        return false;
    }
    while (i < line.size() && isOws(line[i]))
        ++i;
    if (i < line.size() && line[i] != ';') {
        fail(QStringLiteral("invalid chunk size"));
        return false;
    }
    m_remaining = size;
    return true;
}

qsizetype HttpResponseParser::feed(QByteArrayView data, QByteArray &body)
{
    if (m_state == State::Complete || m_state == State::Error)
        return 0;
    if (!data.isEmpty())
        m_receivedAnything = true;

    qsizetype pos = 0;
    const qsizetype size = data.size();
    QByteArray line;
    while (pos < size) {
        switch (m_state) {
        case State::StatusLine:
            if (!takeLine(data, pos, m_maxHeaderBytes - m_headBytes, line))
                return pos;
            m_headBytes += m_lastLineBytes;
            if (!parseStatusLine(line))
                return pos;
            m_state = State::Headers;
            break;

        case State::Headers:
            if (!takeLine(data, pos, m_maxHeaderBytes - m_headBytes, line))
                return pos;
            m_headBytes += m_lastLineBytes;
            if (line.isEmpty()) {
                if (!finishHead())
                    return pos;
                if (m_headDone)
                    return pos; // let the caller see the head before the body
                break;
            }
            if (!parseHeaderLine(line, m_headers))
                return pos;
            break;

        case State::Body:
            switch (m_bodyState) {
            case BodyState::Data:
                if (m_framing == BodyFraming::UntilClose) {
                    body.append(data.data() + pos, size - pos);
                    pos = size;
                } else {
                    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, size - pos));
                    body.append(data.data() + pos, take);
                    pos += take;
                    m_remaining -= take;
                    if (m_remaining == 0) {
                        complete();
                        return pos;
                    }
                }
                break;
            case BodyState::ChunkSize:
                if (!takeLine(data, pos, kMaxChunkLineBytes, line))
                    return pos;
                if (!parseChunkSize(line))
                    return pos;
                if (m_remaining == 0) {
                    m_bodyState = BodyState::Trailers;
                    m_headBytes = 0;
                } else {
                    m_bodyState = BodyState::ChunkData;
                }
                break;
            case BodyState::ChunkData: {
                const qsizetype take = qsizetype(qMin<qint64>(m_remaining, size - pos));
                body.append(data.data() + pos, take);
                pos += take;
                m_remaining -= take;
                if (m_remaining == 0)
                    m_bodyState = BodyState::ChunkDataCr;
                break;
            }
            case BodyState::ChunkDataCr:
                if (data[pos] == '\r') {
                    m_bodyState = BodyState::ChunkDataLf;
                } else if (data[pos] == '\n') {
                    m_bodyState = BodyState::ChunkSize;
                } else {
                    fail(QStringLiteral("chunk data not followed by CRLF"));
                    return pos;
                }
                ++pos;
                break;
            case BodyState::ChunkDataLf:
                if (data[pos] != '\n') {
                    fail(QStringLiteral("chunk data not followed by CRLF"));
                    return pos;
                }
                ++pos;
                m_bodyState = BodyState::ChunkSize;
                break;
            case BodyState::Trailers:
                if (!takeLine(data, pos, m_maxHeaderBytes - m_headBytes, line))
                    return pos;
                m_headBytes += m_lastLineBytes;
                if (line.isEmpty()) {
                    complete();
                    return pos;
                }
                if (!parseHeaderLine(line, m_trailers))
                    return pos;
                break;
            }
            break;

        case State::Complete:
        case State::Error:
            return pos;
        }
    }
    return pos;
}

bool HttpResponseParser::finishAtEof()
{
    switch (m_state) {
    case State::Complete:
        return true;
    case State::Error:
        return false;
    case State::StatusLine:
    case State::Headers:
        fail(m_receivedAnything ? QStringLiteral("connection closed inside the response head")
                                : QStringLiteral("connection closed before any response byte"));
        return false;
    case State::Body:
        break;
    }
    switch (m_framing) {
    case BodyFraming::UntilClose:
        complete();
        return true;
    case BodyFraming::ContentLength:
        fail(QStringLiteral("connection closed after %1 of %2 body bytes")
                 .arg(m_contentLength - m_remaining)
                 .arg(m_contentLength));
        return false;
    case BodyFraming::Chunked:
        fail(QStringLiteral("connection closed inside the chunked body"));
        return false;
    case BodyFraming::None:
        break;
    }
    complete();
    return true;
}
