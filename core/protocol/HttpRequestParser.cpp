#include "protocol/HttpRequestParser.h"

#include <cstring>
#include <limits>

namespace {

constexpr qsizetype maxChunkSizeLine = 4096;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArray trimmedOws(const char *begin, const char *end)
{
    while (begin < end && isOws(*begin))
        ++begin;
    while (end > begin && isOws(end[-1]))
        --end;
    return QByteArray(begin, end - begin);
}

bool equalsIgnoringCase(const QByteArray &value, const char *literal)
{
    return value.compare(literal, Qt::CaseInsensitive) == 0;
}

// Whether a comma-separated header value lists `token` (case-insensitive).
bool listContains(const QByteArray &value, const char *token)
{
    for (const QByteArray &part : value.split(',')) {
        if (equalsIgnoringCase(part.trimmed(), token))
            return true;
    }
    return false;
}

} // namespace

HttpRequestParser::HttpRequestParser()
{
    m_buffer.reserve(16 * 1024);
}

void HttpRequestParser::addData(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    std::memcpy(prepareWrite(size), data, size_t(size));
    commitWrite(size);
}

char *HttpRequestParser::prepareWrite(qsizetype size)
{
    compact();
    m_writeBase = m_buffer.size();
    m_buffer.resize(m_writeBase + size);
    return m_buffer.data() + m_writeBase;
}

void HttpRequestParser::commitWrite(qsizetype written)
{
    m_buffer.resize(m_writeBase + qMax<qsizetype>(0, written));
}

void HttpRequestParser::compact()
{
    if (m_pos == 0)
        return;
    if (m_pos == m_buffer.size()) {
        m_buffer.resize(0);
    } else if (m_pos >= 4096 && m_pos * 2 >= m_buffer.size()) {
        m_buffer.remove(0, m_pos);
    } else {
        return;
    }
    m_headScan = qMax<qsizetype>(0, m_headScan - m_pos);
    m_pos = 0;
}

qint64 HttpRequestParser::bodyBytesRemaining() const
{
    if (m_chunked)
        return -1;
    return m_state == State::Body ? m_bodyRemaining : 0;
}

HttpRequestParser::Result HttpRequestParser::fail(int status, const char *reason)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorReason = reason;
    return Result::Error;
}

qsizetype HttpRequestParser::findLineEnd(qsizetype from) const
{
    const char *begin = m_buffer.constData() + from;
    const void *newline = std::memchr(begin, '\n', size_t(m_buffer.size() - from));
    return newline ? static_cast<const char *>(newline) - m_buffer.constData() : -1;
}

HttpRequestParser::Result HttpRequestParser::parse()
{
    switch (m_state) {
    case State::Head:
        return parseHead();
    case State::Body: {
        const qint64 available = m_buffer.size() - m_pos;
        if (m_request.body.isEmpty() && available == m_bodyRemaining && available >= kAdoptBodyBytes) {
            // The whole body and nothing after it: the buffer becomes the body (dropping the bytes in front of
            // it only moves its start), instead of copying a Claude-Code-sized body.
            m_request.body = std::move(m_buffer);
            m_request.body.remove(0, m_pos);
            m_buffer = QByteArray();
            m_pos = 0;
            m_headScan = 0;
            m_bodyRemaining = 0;
            m_state = State::Done;
            return Result::MessageComplete;
        }
        if (m_request.body.isEmpty() && m_bodyRemaining > available)
            m_request.body.reserve(qsizetype(qMin<qint64>(m_bodyRemaining, 64 * 1024 * 1024)));
        const qint64 take = qMin(available, m_bodyRemaining);
        if (take > 0) {
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_bodyRemaining -= take;
        }
        if (m_bodyRemaining > 0)
            return Result::NeedMore;
        m_state = State::Done;
        return Result::MessageComplete;
    }
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::Trailer:
        return parseChunked();
    case State::Done:
        return Result::MessageComplete;
    case State::Failed:
        return Result::Error;
    }
    return Result::Error;
}

HttpRequestParser::Result HttpRequestParser::parseHead()
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();

    // Empty lines before a request line are ignored (RFC 9112 section 2.2).
    while (
        m_pos < size && (data[m_pos] == '\n' || (data[m_pos] == '\r' && m_pos + 1 < size && data[m_pos + 1] == '\n')))
        m_pos += data[m_pos] == '\n' ? 1 : 2;
    if (m_pos >= size || (data[m_pos] == '\r' && m_pos + 1 >= size))
        return Result::NeedMore;

    qsizetype headEnd = -1; // one past the blank line that ends the header block
    qsizetype scan = qMax(m_headScan, m_pos);
    while (headEnd < 0) {
        const qsizetype newline = findLineEnd(scan);
        if (newline < 0) {
            m_headScan = size;
            break;
        }
        const qsizetype next = newline + 1;
        if (next < size && data[next] == '\n') {
            headEnd = next + 1;
        } else if (next + 1 < size && data[next] == '\r' && data[next + 1] == '\n') {
            headEnd = next + 2;
        } else if (next >= size || (data[next] == '\r' && next + 1 >= size)) {
            m_headScan = newline; // look at this line end again when more bytes arrive
            break;
        } else {
            scan = next;
        }
    }
    if (headEnd < 0) {
        if (size - m_pos > m_maxHeaderBytes)
            return fail(431, "the request head is larger than the limit");
        return Result::NeedMore;
    }
    if (headEnd - m_pos > m_maxHeaderBytes)
        return fail(431, "the request head is larger than the limit");

    m_request = HttpRequestMessage();
    m_expectsContinue = false;
    m_chunked = false;
    m_bodyRemaining = 0;

    bool firstLine = true;
    qsizetype lineStart = m_pos;
    while (lineStart < headEnd) {
        qsizetype lineEnd = findLineEnd(lineStart); // always found before headEnd
        const qsizetype nextLine = lineEnd + 1;
        if (lineEnd > lineStart && data[lineEnd - 1] == '\r')
            --lineEnd;
        if (lineEnd == lineStart)
            break; // the blank line
        const bool ok = firstLine ? parseRequestLine(data + lineStart, data + lineEnd)
                                  : parseHeaderLine(data + lineStart, data + lineEnd);
        if (!ok)
            return Result::Error;
        firstLine = false;
        lineStart = nextLine;
    }
    m_pos = headEnd;
    m_headScan = headEnd;
    if (!interpretHeaders())
        return Result::Error;

    if (m_chunked) {
        m_state = State::ChunkSize;
    } else if (m_bodyRemaining > 0) {
        m_state = State::Body;
    } else {
        m_state = State::Done;
    }
    return Result::HeadComplete;
}

bool HttpRequestParser::parseRequestLine(const char *begin, const char *end)
{
    const char *methodEnd = begin;
    while (methodEnd < end && isTokenChar(*methodEnd))
        ++methodEnd;
    if (methodEnd == begin || methodEnd == end || *methodEnd != ' ') {
        fail(400, "the request line is not METHOD TARGET VERSION");
        return false;
    }
    const char *targetBegin = methodEnd + 1;
    const char *targetEnd = targetBegin;
    while (targetEnd < end && *targetEnd != ' ')
        ++targetEnd;
    if (targetEnd == targetBegin || targetEnd == end) {
        fail(400, "the request line has no target");
        return false;
    }
    for (const char *c = targetBegin; c < targetEnd; ++c) {
        if (static_cast<unsigned char>(*c) <= 0x20 || *c == 0x7f) {
            fail(400, "the request target contains a control character or a blank");
            return false;
        }
    }
    // Common values share static storage: no allocation for them per request.
    static const QByteArray http11 = QByteArrayLiteral("HTTP/1.1");
    static const QByteArray http10 = QByteArrayLiteral("HTTP/1.0");
    static const QByteArray knownMethods[]
        = {QByteArrayLiteral("POST"), QByteArrayLiteral("GET"), QByteArrayLiteral("HEAD"), QByteArrayLiteral("PUT"),
            QByteArrayLiteral("DELETE"), QByteArrayLiteral("OPTIONS"), QByteArrayLiteral("PATCH")};
    const QByteArrayView version(targetEnd + 1, end - targetEnd - 1);
    if (version == http11) {
        m_request.version = http11;
    } else if (version == http10) {
        m_request.version = http10;
    } else {
        if (version.startsWith("HTTP/"))
            fail(505, "the HTTP version is not 1.0 or 1.1");
        else
            fail(400, "the request line does not end with an HTTP version");
        return false;
    }
    const QByteArrayView method(begin, methodEnd - begin);
    m_request.method.clear();
    for (const QByteArray &known : knownMethods) {
        if (method == known) {
            m_request.method = known;
            break;
        }
    }
    if (m_request.method.isNull())
        m_request.method = method.toByteArray();
    m_request.target = QByteArray(targetBegin, targetEnd - targetBegin);
    return true;
}

bool HttpRequestParser::parseHeaderLine(const char *begin, const char *end)
{
    const char *colon = begin;
    while (colon < end && isTokenChar(*colon))
        ++colon;
    // No name, whitespace before the colon, or a folded continuation line: all rejected (RFC 9112 5.1, 5.2).
    if (colon == begin || colon == end || *colon != ':') {
        fail(400, "a header line is not NAME: VALUE");
        return false;
    }
    for (const char *c = colon + 1; c < end; ++c) {
        if (*c == '\0' || *c == '\r' || *c == '\n') {
            fail(400, "a header value contains a control character");
            return false;
        }
    }
    m_request.headers.append({QByteArray(begin, colon - begin), trimmedOws(colon + 1, end)});
    return true;
}

bool HttpRequestParser::interpretHeaders()
{
    const bool http11 = m_request.version.size() == 8 && m_request.version.at(7) == '1';
    m_keepAlive = http11;
    bool haveContentLength = false;
    qint64 contentLength = 0;
    bool haveTransferEncoding = false;

    for (const HttpRequestMessage::Header &header : qAsConst(m_request.headers)) {
        const QByteArray &name = header.first;
        const QByteArray &value = header.second;
        if (equalsIgnoringCase(name, "content-length")) {
            if (value.isEmpty()) {
                fail(400, "the Content-Length header is empty");
                return false;
            }
            qint64 parsed = 0;
            for (char c : value) {
                if (c < '0' || c > '9' || parsed > (std::numeric_limits<qint64>::max() - 9) / 10) {
                    fail(400, "the Content-Length header is not a number");
                    return false;
                }
                parsed = parsed * 10 + (c - '0');
            }
            if (haveContentLength && parsed != contentLength) {
                fail(400, "two different Content-Length headers");
                return false;
            }
            haveContentLength = true;
            contentLength = parsed;
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            const QList<QByteArray> codings = value.split(',');
            if (!equalsIgnoringCase(codings.last().trimmed(), "chunked")) {
                fail(400, "a transfer coding other than chunked");
                return false;
            }
            haveTransferEncoding = true;
        } else if (equalsIgnoringCase(name, "connection")) {
            if (listContains(value, "close"))
                m_keepAlive = false;
            else if (!http11 && listContains(value, "keep-alive"))
                m_keepAlive = true;
        } else if (equalsIgnoringCase(name, "expect")) {
            if (http11 && equalsIgnoringCase(value, "100-continue"))
                m_expectsContinue = true;
        }
    }
    if (haveTransferEncoding && haveContentLength) {
        // Ambiguous framing: the classic request-smuggling shape.
        fail(400, "both Transfer-Encoding and Content-Length");
        return false;
    }
    if (haveTransferEncoding && !http11) {
        fail(400, "a chunked body in an HTTP/1.0 request");
        return false;
    }
    m_announcedBodyBytes = contentLength;
    if (contentLength > m_maxBodyBytes) {
        fail(413, "the body is larger than the limit");
        return false;
    }
    m_chunked = haveTransferEncoding;
    m_bodyRemaining = contentLength;
    if (!m_chunked && contentLength == 0)
        m_expectsContinue = false; // nothing to wait for
    return true;
}

HttpRequestParser::Result HttpRequestParser::parseChunked()
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    while (true) {
        switch (m_state) {
        case State::ChunkSize: {
            const qsizetype newline = findLineEnd(m_pos);
            if (newline < 0) {
                if (size - m_pos > maxChunkSizeLine)
                    return fail(400, "a chunk size line is too long");
                return Result::NeedMore;
            }
            qint64 chunkSize = 0;
            qsizetype at = m_pos;
            int digits = 0;
            for (; at < newline; ++at) {
                const char c = data[at];
                int value;
                if (c >= '0' && c <= '9')
                    value = c - '0';
                else if (c >= 'a' && c <= 'f')
                    value = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    value = c - 'A' + 10;
                else
                    break;
                if (chunkSize > (std::numeric_limits<qint64>::max() >> 4))
                    return fail(400, "a chunk size is too large");
                chunkSize = (chunkSize << 4) | value;
                ++digits;
            }
            if (digits == 0)
                return fail(400, "a chunk size is not hexadecimal");
            while (at < newline && isOws(data[at]))
                ++at;
            // Whatever follows the size must be a chunk extension (";name=value") or the CR of CRLF.
            if (at < newline && data[at] != ';' && !(data[at] == '\r' && at + 1 == newline))
                return fail(400, "a chunk size line has unexpected characters");
            m_pos = newline + 1;
            if (chunkSize == 0) {
                m_state = State::Trailer;
                break;
            }
            if (m_request.body.size() + chunkSize > m_maxBodyBytes)
                return fail(413, "the body is larger than the limit");
            m_bodyRemaining = chunkSize;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(size - m_pos, m_bodyRemaining);
            if (take > 0) {
                m_request.body.append(data + m_pos, take);
                m_pos += take;
                m_bodyRemaining -= take;
            }
            if (m_bodyRemaining > 0)
                return Result::NeedMore;
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (m_pos >= size)
                return Result::NeedMore;
            if (data[m_pos] == '\n') {
                m_pos += 1;
            } else if (data[m_pos] == '\r') {
                if (m_pos + 1 >= size)
                    return Result::NeedMore;
                if (data[m_pos + 1] != '\n')
                    return fail(400, "a chunk is not followed by CRLF");
                m_pos += 2;
            } else {
                return fail(400, "a chunk is not followed by CRLF");
            }
            m_state = State::ChunkSize;
            break;
        case State::Trailer: {
            const qsizetype newline = findLineEnd(m_pos);
            if (newline < 0) {
                if (size - m_pos > m_maxHeaderBytes)
                    return fail(431, "the trailer is larger than the limit");
                return Result::NeedMore;
            }
            const bool blank = newline == m_pos || (newline == m_pos + 1 && data[m_pos] == '\r');
            m_pos = newline + 1;
            if (blank) {
                m_state = State::Done;
                return Result::MessageComplete;
            }
            break; // trailer fields are read and dropped
        }
        default:
            return Result::Error;
        }
    }
}

HttpRequestMessage HttpRequestParser::takeRequest()
{
    HttpRequestMessage request = std::move(m_request);
    m_request = HttpRequestMessage();
    m_state = State::Head;
    m_headScan = m_pos;
    return request;
}
