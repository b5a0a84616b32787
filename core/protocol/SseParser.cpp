#include "protocol/SseParser.h"

#include <cstring>

namespace {
constexpr char kBom[] = "\xEF\xBB\xBF";
}

void SseParser::reset()
{
    m_buffer.clear();
    m_eventStart = 0;
    m_scan = 0;
    m_bomChecked = false;
    m_current = SseEvent();
    m_currentHasFields = false;
}

int SseParser::feed(QByteArrayView bytes, std::vector<SseEvent> &out)
{
    // Drop what earlier events consumed before growing the buffer again.
    if (m_eventStart > 0 && m_eventStart == m_buffer.size()) {
        m_buffer.clear();
        m_scan -= m_eventStart;
        m_eventStart = 0;
    } else if (m_eventStart > 4096 && m_eventStart > m_buffer.size() / 2) {
        m_buffer.remove(0, m_eventStart);
        m_scan -= m_eventStart;
        m_eventStart = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());

    int produced = 0;
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    qsizetype lineStart = m_scan;
    if (!m_bomChecked) {
        // A byte order mark is skipped once, at the very start of the stream.
        const qsizetype have = size - lineStart;
        if (have < 3 && std::memcmp(data + lineStart, kBom, size_t(have)) == 0)
            return 0; // could still be a BOM: wait for more bytes
        if (have >= 3 && std::memcmp(data + lineStart, kBom, 3) == 0)
            lineStart += 3;
        m_bomChecked = true;
    }

    qsizetype pos = lineStart;
    qsizetype nextLineFeed = -1; // where the next LF is (size: none), searched again only once passed
    while (pos < size) {
        // The next line terminator: LF, unless a CR comes first (CR and CRLF are rare; memchr is vectorised).
        if (nextLineFeed < pos) {
            const void *found = std::memchr(data + pos, '\n', size_t(size - pos));
            nextLineFeed = found ? static_cast<const char *>(found) - data : size;
        }
        const void *carriageReturn = std::memchr(data + pos, '\r', size_t(nextLineFeed - pos));
        pos = carriageReturn ? static_cast<const char *>(carriageReturn) - data : nextLineFeed;
        if (pos == size)
            break; // no complete line yet
        const char c = data[pos];
        qsizetype next = pos + 1;
        if (c == '\r') {
            if (next == size)
                break; // a CR at the end may be the first half of CRLF: wait
            if (data[next] == '\n')
                ++next;
        }
        if (pos == lineStart) {
            if (dispatch(next, out))
                ++produced;
            m_eventStart = next;
        } else {
            processLine(lineStart, pos);
        }
        lineStart = next;
        pos = next;
    }
    m_scan = lineStart;
    return produced;
}

int SseParser::finish(std::vector<SseEvent> &out)
{
    int produced = 0;
    if (m_scan < m_buffer.size()) {
        // An unterminated last line (including a lone trailing CR).
        qsizetype end = m_buffer.size();
        if (m_buffer.endsWith('\r'))
            --end;
        if (end > m_scan)
            processLine(m_scan, end);
        m_scan = m_buffer.size();
    }
    if (m_current.hasData && dispatch(m_buffer.size(), out))
        ++produced;
    reset();
    return produced;
}

QByteArray SseParser::dataOf(QByteArrayView rawEvent)
{
    SseParser parser;
    std::vector<SseEvent> events;
    parser.feed(rawEvent, events);
    parser.finish(events);
    return events.empty() ? QByteArray() : events.front().data;
}

void SseParser::processLine(qsizetype lineStart, qsizetype lineEnd)
{
    m_currentHasFields = true;
    const char *line = m_buffer.constData() + lineStart;
    const qsizetype length = lineEnd - lineStart;
    if (line[0] == ':')
        return; // comment
    const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(length)));
    QByteArrayView field;
    QByteArrayView value;
    if (colon) {
        field = QByteArrayView(line, colon - line);
        const char *valueStart = colon + 1;
        if (valueStart < line + length && *valueStart == ' ')
            ++valueStart;
        value = QByteArrayView(valueStart, line + length - valueStart);
    } else {
        field = QByteArrayView(line, length);
    }
    if (field == "data") {
        if (!m_collectData) {
            m_current.hasData = true;
            return;
        }
        if (m_current.hasData)
            m_current.data.append('\n');
        m_current.data.append(value.data(), value.size());
        m_current.hasData = true;
    } else if (field == "event") {
        m_current.name = value.toByteArray();
    }
    // `id` and `retry` are not used by the APIs Switchyard speaks; unknown fields are ignored.
}

bool SseParser::dispatch(qsizetype rawEnd, std::vector<SseEvent> &out)
{
    if (!m_currentHasFields) {
        // A blank line with nothing before it (extra separators): no event.
        return false;
    }
    m_current.raw = m_buffer.mid(m_eventStart, rawEnd - m_eventStart);
    out.push_back(std::move(m_current));
    m_current = SseEvent();
    m_currentHasFields = false;
    return true;
}
