#include "store/RequestBodySplitter.h"

#include <cstring>

namespace {

// Walks JSON text without decoding it. Every skip* method starts at the first byte of its construct and, on
// success, leaves the position just past its last byte; false means the text is not well-formed there.
class JsonScanner
{
public:
    explicit JsonScanner(QByteArrayView text)
        : m_data(text.data())
        , m_size(text.size())
    {
    }

    qsizetype position() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_size; }
    char current() const { return m_pos < m_size ? m_data[m_pos] : '\0'; }

    void skipSpace()
    {
        while (m_pos < m_size) {
            const char c = m_data[m_pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_pos;
        }
    }

    bool consume(char expected)
    {
        if (current() != expected || atEnd())
            return false;
        ++m_pos;
        return true;
    }

    bool skipString()
    {
        if (!consume('"'))
            return false;
        const qsizetype contentStart = m_pos;
        qsizetype from = m_pos;
        for (;;) {
            const void *found = std::memchr(m_data + from, '"', size_t(m_size - from));
            if (!found)
                return false;
            const qsizetype quote = static_cast<const char *>(found) - m_data;
            // The quote ends the string unless an odd run of backslashes escapes it.
            qsizetype backslashes = 0;
            while (quote - backslashes - 1 >= contentStart && m_data[quote - backslashes - 1] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0) {
                m_pos = quote + 1;
                return true;
            }
            from = quote + 1;
        }
    }

    bool skipValue(int depth)
    {
        if (depth > RequestBodySplitter::kMaxDepth)
            return false;
        switch (current()) {
        case '"':
            return skipString();
        case '{':
            return skipObject(depth);
        case '[':
            return skipArray(depth);
        case 't':
            return skipWord("true");
        case 'f':
            return skipWord("false");
        case 'n':
            return skipWord("null");
        default:
            return skipNumber();
        }
    }

private:
    bool skipObject(int depth)
    {
        if (!consume('{'))
            return false;
        skipSpace();
        if (consume('}'))
            return true;
        for (;;) {
            skipSpace();
            if (!skipString())
                return false;
            skipSpace();
            if (!consume(':'))
                return false;
            skipSpace();
            if (!skipValue(depth + 1))
                return false;
            skipSpace();
            if (consume('}'))
                return true;
            if (!consume(','))
                return false;
        }
    }

    bool skipArray(int depth)
    {
        if (!consume('['))
            return false;
        skipSpace();
        if (consume(']'))
            return true;
        for (;;) {
            skipSpace();
            if (!skipValue(depth + 1))
                return false;
            skipSpace();
            if (consume(']'))
                return true;
            if (!consume(','))
                return false;
        }
    }

    bool skipWord(const char *word)
    {
        const qsizetype length = qsizetype(std::strlen(word));
        if (m_size - m_pos < length || std::memcmp(m_data + m_pos, word, size_t(length)) != 0)
            return false;
        m_pos += length;
        return true;
    }

    bool isDigit() const
    {
        const char c = current();
        return !atEnd() && c >= '0' && c <= '9';
    }

    bool skipDigits()
    {
        if (!isDigit())
            return false;
        while (isDigit())
            ++m_pos;
        return true;
    }

    bool skipNumber()
    {
        consume('-');
        if (!consume('0') && !skipDigits())
            return false;
        if (consume('.') && !skipDigits())
            return false;
        if (consume('e') || consume('E')) {
            if (!consume('+'))
                consume('-');
            if (!skipDigits())
                return false;
        }
        return true;
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

// Collects the spans of values of at least `minPartSize` bytes.
class PartCollector
{
public:
    PartCollector(qsizetype minPartSize, QList<BodySpan> *parts)
        : m_minPartSize(minPartSize)
        , m_parts(parts)
    {
    }

    // The value at the scanner's position; false when it is not well-formed.
    bool collectValue(JsonScanner &scanner, int depth)
    {
        const qsizetype start = scanner.position();
        if (!scanner.skipValue(depth))
            return false;
        const qsizetype length = scanner.position() - start;
        if (length >= m_minPartSize)
            m_parts->append(BodySpan {start, length});
        return true;
    }

private:
    qsizetype m_minPartSize;
    QList<BodySpan> *m_parts;
};

// The elements of the `messages` array, each on its own: a conversation grows by appending to it.
bool scanMessages(JsonScanner &scanner, PartCollector &collector)
{
    scanner.consume('[');
    scanner.skipSpace();
    if (scanner.consume(']'))
        return true;
    for (;;) {
        scanner.skipSpace();
        if (!collector.collectValue(scanner, 3))
            return false;
        scanner.skipSpace();
        if (scanner.consume(']'))
            return true;
        if (!scanner.consume(','))
            return false;
    }
}

// The parts of the body's top-level object, or false when the body is not one well-formed JSON object.
bool scanTopLevelObject(QByteArrayView body, qsizetype minPartSize, QList<BodySpan> *parts)
{
    const QByteArrayView messagesKey("\"messages\"");
    JsonScanner scanner(body);
    PartCollector collector(minPartSize, parts);
    scanner.skipSpace();
    if (!scanner.consume('{'))
        return false;
    scanner.skipSpace();
    if (!scanner.consume('}')) {
        for (;;) {
            scanner.skipSpace();
            const qsizetype keyStart = scanner.position();
            if (!scanner.skipString())
                return false;
            const bool isMessages = body.sliced(keyStart, scanner.position() - keyStart) == messagesKey;
            scanner.skipSpace();
            if (!scanner.consume(':'))
                return false;
            scanner.skipSpace();
            bool wellFormed = false;
            if (!isMessages)
                wellFormed = collector.collectValue(scanner, 2);
            else if (scanner.current() == '[')
                wellFormed = scanMessages(scanner, collector);
            else
                wellFormed = scanner.skipValue(2); // a `messages` that is not an array stays in the skeleton
            if (!wellFormed)
                return false;
            scanner.skipSpace();
            if (scanner.consume('}'))
                break;
            if (!scanner.consume(','))
                return false;
        }
    }
    scanner.skipSpace();
    return scanner.atEnd();
}

} // namespace

QList<BodySpan> RequestBodySplitter::findParts(QByteArrayView body, qsizetype minPartSize)
{
    QList<BodySpan> parts;
    if (body.size() < minPartSize || !scanTopLevelObject(body, qMax<qsizetype>(1, minPartSize), &parts))
        return {};
    return parts;
}
