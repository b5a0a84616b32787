#include "store/RequestBodySplitter.h"

#include "protocol/JsonStructureScanner.h"

namespace {

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
    bool collectValue(JsonStructureScanner &scanner, int depth)
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
bool scanMessages(JsonStructureScanner &scanner, PartCollector &collector)
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
    PartCollector collector(minPartSize, parts);
    return JsonStructureScanner::forEachTopLevelMember(body, [&](QByteArrayView rawKey, JsonStructureScanner &scanner) {
        if (rawKey != messagesKey)
            return collector.collectValue(scanner, 2);
        if (scanner.current() == '[')
            return scanMessages(scanner, collector);
        return scanner.skipValue(2); // a `messages` that is not an array stays in the skeleton
    });
}

} // namespace

QList<BodySpan> RequestBodySplitter::findParts(QByteArrayView body, qsizetype minPartSize)
{
    QList<BodySpan> parts;
    if (body.size() < minPartSize || !scanTopLevelObject(body, qMax<qsizetype>(1, minPartSize), &parts))
        return {};
    return parts;
}
