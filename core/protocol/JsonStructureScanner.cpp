#include "protocol/JsonStructureScanner.h"

#include <cstring>

void JsonStructureScanner::skipSpace()
{
    while (m_pos < m_size) {
        const char c = m_data[m_pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        ++m_pos;
    }
}

bool JsonStructureScanner::consume(char expected)
{
    if (atEnd() || m_data[m_pos] != expected)
        return false;
    ++m_pos;
    return true;
}

bool JsonStructureScanner::skipString()
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

bool JsonStructureScanner::skipValue(int depth)
{
    if (depth > m_maxDepth)
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

bool JsonStructureScanner::skipObject(int depth)
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

bool JsonStructureScanner::skipArray(int depth)
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

bool JsonStructureScanner::skipWord(QByteArrayView word)
{
    if (m_size - m_pos < word.size() || std::memcmp(m_data + m_pos, word.data(), size_t(word.size())) != 0)
        return false;
    m_pos += word.size();
    return true;
}

bool JsonStructureScanner::isDigit() const
{
    const char c = current();
    return !atEnd() && c >= '0' && c <= '9';
}

bool JsonStructureScanner::skipDigits()
{
    if (!isDigit())
        return false;
    while (isDigit())
        ++m_pos;
    return true;
}

bool JsonStructureScanner::skipNumber()
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

bool JsonStructureScanner::forEachTopLevelMember(QByteArrayView text, const MemberVisitor &onMember)
{
    JsonStructureScanner scanner(text);
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
            const QByteArrayView rawKey = text.sliced(keyStart, scanner.position() - keyStart);
            scanner.skipSpace();
            if (!scanner.consume(':'))
                return false;
            scanner.skipSpace();
            if (!onMember(rawKey, scanner))
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

std::optional<QByteArrayView> JsonStructureScanner::topLevelMemberValue(QByteArrayView text, QByteArrayView rawKey)
{
    std::optional<QByteArrayView> found;
    const bool wellFormed = forEachTopLevelMember(text, [&](QByteArrayView key, JsonStructureScanner &scanner) {
        const qsizetype start = scanner.position();
        if (!scanner.skipValue(2))
            return false;
        if (key == rawKey)
            found = text.sliced(start, scanner.position() - start);
        return true;
    });
    if (!wellFormed)
        return std::nullopt;
    return found;
}
