#pragma once

#include <QByteArrayView>

#include <functional>
#include <optional>

// Walks JSON text without decoding it: strings are followed (with their escapes), objects and arrays are
// checked for their grammar, numbers and literals for their form, and nothing is converted. It finds the byte
// ranges of values in large bodies without building a document (the store keeps parts of requests, reads
// usage from answers).
//
// Every skip* method starts at the first byte of its construct and, on success, leaves the position just past
// its last byte; false means the text is not well-formed there (the position is then unspecified). The bytes
// inside strings are not checked (UTF-8, control characters, escape sequences): this is a structural scan,
// not RequestBodyInspector's validation.
class JsonStructureScanner
{
public:
    static constexpr int kDefaultMaxDepth = 512;

    explicit JsonStructureScanner(QByteArrayView text, int maxDepth = kDefaultMaxDepth)
        : m_data(text.data())
        , m_size(text.size())
        , m_maxDepth(maxDepth)
    {
    }

    qsizetype position() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_size; }
    char current() const { return m_pos < m_size ? m_data[m_pos] : '\0'; }

    void skipSpace();
    // Moves past `expected` when it is the current byte.
    bool consume(char expected);
    bool skipString();
    // A whole value; `depth` is the nesting level of the value (deeper than maxDepth is not well-formed).
    bool skipValue(int depth);

    // Calls `onMember` with the raw key (quotes and escapes included, e.g. `"usage"`) of each member of the
    // top-level object, in order, with the scanner at the first byte of the member's value; `onMember` must
    // move past the value (skipValue, or its own walk) and return whether that succeeded. True when `text` is
    // one well-formed object, white space around it allowed, and every call returned true.
    using MemberVisitor = std::function<bool(QByteArrayView rawKey, JsonStructureScanner &scanner)>;
    static bool forEachTopLevelMember(QByteArrayView text, const MemberVisitor &onMember);

    // The exact text of the value of the top-level member whose raw key is `rawKey` (the last one when the
    // key is repeated, as QJsonDocument keeps it). Nothing when `text` is not one well-formed object or has
    // no such member.
    static std::optional<QByteArrayView> topLevelMemberValue(QByteArrayView text, QByteArrayView rawKey);

private:
    bool skipObject(int depth);
    bool skipArray(int depth);
    bool skipWord(QByteArrayView word);
    bool isDigit() const;
    bool skipDigits();
    bool skipNumber();

    const char *m_data;
    qsizetype m_size;
    int m_maxDepth;
    qsizetype m_pos = 0;
};
