#include "protocol/SseParser.h"

#include <QTest>

namespace {

struct Collected
{
    QList<QByteArray> names;
    QList<QByteArray> data;
    QByteArray raw;
};

Collected parseInPieces(const QByteArray &stream, int pieceSize, bool collectData = true)
{
    SseParser parser;
    parser.setCollectData(collectData);
    std::vector<SseEvent> events;
    for (int i = 0; i < stream.size(); i += pieceSize)
        parser.feed(QByteArrayView(stream).sliced(i, qMin(pieceSize, int(stream.size()) - i)), events);
    parser.finish(events);
    Collected collected;
    for (const SseEvent &event : events) {
        if (!event.hasData)
            continue;
        collected.names.append(event.name);
        collected.data.append(event.data);
    }
    for (const SseEvent &event : events)
        collected.raw.append(event.raw);
    return collected;
}

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEvents_data();
    void parsesEvents();
    void splitsAnywhere();
    void keepsRawBytesForRelay();
    void unterminatedLastEventIsDeliveredAtFinish();
    void waitsForCompleteEvent();
    void relayModeKeepsRawAndNamesWithoutData();
    void longStreamsWithOneKindOfLineEnd();
};

void TestSseParser::parsesEvents_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("names");
    QTest::addColumn<QList<QByteArray>>("data");

    QTest::newRow("anthropic event") << QByteArray("event: ping\ndata: {\"type\": \"ping\"}\n\n")
                                     << QList<QByteArray> {"ping"} << QList<QByteArray> {"{\"type\": \"ping\"}"};
    QTest::newRow("crlf lines") << QByteArray("event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n")
                                << QList<QByteArray> {"a", "b"} << QList<QByteArray> {"1", "2"};
    QTest::newRow("cr lines") << QByteArray("data: x\r\rdata: y\r\r") << QList<QByteArray> {"", ""}
                              << QList<QByteArray> {"x", "y"};
    QTest::newRow("no space after colon")
        << QByteArray("data:{\"a\":1}\n\n") << QList<QByteArray> {""} << QList<QByteArray> {"{\"a\":1}"};
    QTest::newRow("only one leading space stripped")
        << QByteArray("data:  two\n\n") << QList<QByteArray> {""} << QList<QByteArray> {" two"};
    QTest::newRow("multi-line data") << QByteArray("data: a\ndata: b\n\n") << QList<QByteArray> {""}
                                     << QList<QByteArray> {"a\nb"};
    QTest::newRow("comment lines (OpenRouter)")
        << QByteArray(": OPENROUTER PROCESSING\n\ndata: {\"x\":1}\n\n: again\ndata: [DONE]\n\n")
        << QList<QByteArray> {"", ""} << QList<QByteArray> {"{\"x\":1}", "[DONE]"};
    QTest::newRow("extra blank lines") << QByteArray("\n\n\ndata: a\n\n\n\ndata: b\n\n") << QList<QByteArray> {"", ""}
                                       << QList<QByteArray> {"a", "b"};
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF"
                                                   "data: a\n\n")
                                     << QList<QByteArray> {""} << QList<QByteArray> {"a"};
    // Only one BOM, at the very start, is skipped; a second one is part of the first line (an unknown field).
    QTest::newRow("two byte order marks") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                        "data: a\n\ndata: b\n\n")
                                          << QList<QByteArray> {""} << QList<QByteArray> {"b"};
    QTest::newRow("field without colon") << QByteArray("data\n\n") << QList<QByteArray> {""} << QList<QByteArray> {""};
    QTest::newRow("unknown fields ignored")
        << QByteArray("id: 7\nretry: 10\nfoo: bar\ndata: a\n\n") << QList<QByteArray> {""} << QList<QByteArray> {"a"};
    QTest::newRow("utf-8 payload") << QByteArray("data: \xE4\xBD\xA0\xE5\xA5\xBD\n\n") << QList<QByteArray> {""}
                                   << QList<QByteArray> {"\xE4\xBD\xA0\xE5\xA5\xBD"};
}

void TestSseParser::parsesEvents()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, names);
    QFETCH(QList<QByteArray>, data);
    const Collected whole = parseInPieces(stream, stream.size() + 1);
    QCOMPARE(whole.names, names);
    QCOMPARE(whole.data, data);
}

void TestSseParser::splitsAnywhere()
{
    const QByteArray stream = "\xEF\xBB\xBF\xEF\xBB\xBF"
                              "data: after two BOMs\n\n"
                              "event: message_start\r\ndata: {\"a\":1}\r\n\r\n: comment\n\ndata: x\rdata: y\r\r"
                              "event: content_block_delta\ndata: {\"t\":\"\xE4\xBD\xA0\"}\n\n";
    const Collected expected = parseInPieces(stream, stream.size());
    QCOMPARE(expected.data.size(), 3); // the first event's field name starts with the second BOM: ignored
    for (int piece = 1; piece < 8; ++piece) {
        const Collected got = parseInPieces(stream, piece);
        QCOMPARE(got.names, expected.names);
        QCOMPARE(got.data, expected.data);
    }
}

void TestSseParser::keepsRawBytesForRelay()
{
    const QByteArray stream = "event: a\ndata: 1\n\n: keep-alive\n\nevent: b\r\ndata: 2\r\n\r\n";
    for (int piece = 1; piece <= stream.size(); ++piece)
        QCOMPARE(parseInPieces(stream, piece).raw, stream);
}

void TestSseParser::unterminatedLastEventIsDeliveredAtFinish()
{
    SseParser parser;
    std::vector<SseEvent> events;
    QCOMPARE(parser.feed("data: a\n\ndata: [DONE]", events), 1);
    QCOMPARE(parser.finish(events), 1);
    QCOMPARE(events.size(), size_t(2));
    QCOMPARE(events[1].data, QByteArray("[DONE]"));
}

void TestSseParser::waitsForCompleteEvent()
{
    SseParser parser;
    std::vector<SseEvent> events;
    QCOMPARE(parser.feed("event: x\ndata: partial", events), 0);
    QVERIFY(parser.pendingBytes() > 0);
    QCOMPARE(parser.feed("\n", events), 0);
    QCOMPARE(parser.feed("\n", events), 1);
    QCOMPARE(events[0].name, QByteArray("x"));
    QCOMPARE(events[0].data, QByteArray("partial"));
    QCOMPARE(parser.pendingBytes(), 0);
}

void TestSseParser::relayModeKeepsRawAndNamesWithoutData()
{
    const QByteArray stream = "event: message_start\r\ndata: {\"a\":1}\r\n\r\n: keep-alive\n\ndata: x\rdata: y\r\r"
                              "event: error\ndata: {\"type\":\"error\",\ndata: \"error\":{}}\n\n";
    const Collected full = parseInPieces(stream, stream.size());
    for (int piece = 1; piece <= stream.size(); ++piece) {
        const Collected relay = parseInPieces(stream, piece, false);
        QCOMPARE(relay.raw, stream);
        QCOMPARE(relay.names, full.names); // the same events have data
        QCOMPARE(relay.data, QList<QByteArray>(full.data.size(), QByteArray()));
    }
    // The data of one relayed event, read from its raw bytes when it is needed.
    SseParser relay;
    relay.setCollectData(false);
    std::vector<SseEvent> events;
    relay.feed(stream, events);
    QCOMPARE(events.size(), size_t(4));
    QCOMPARE(events.back().name, QByteArray("error"));
    QCOMPARE(SseParser::dataOf(events.back().raw), QByteArray("{\"type\":\"error\",\n\"error\":{}}"));
    QCOMPARE(SseParser::dataOf(events.front().raw), QByteArray("{\"a\":1}"));
    QCOMPARE(SseParser::dataOf(": comment only\n\n"), QByteArray());
}

void TestSseParser::longStreamsWithOneKindOfLineEnd()
{
    // Many events in one read, with every kind of line end (a CR-only stream must not be searched for an LF
    // again at every line).
    for (const QByteArray lineEnd : {QByteArray("\n"), QByteArray("\r\n"), QByteArray("\r")}) {
        QByteArray stream;
        const int count = 20000;
        for (int i = 0; i < count; ++i)
            stream += "event: e" + lineEnd + "data: " + QByteArray::number(i) + lineEnd + lineEnd;
        SseParser parser;
        std::vector<SseEvent> events;
        QCOMPARE(parser.feed(stream, events), lineEnd == "\r" ? count - 1 : count); // the last CR may be a CRLF
        parser.finish(events);
        QCOMPARE(events.size(), size_t(count));
        QCOMPARE(events.back().data, QByteArray::number(count - 1));
        QCOMPARE(events[123].name, QByteArray("e"));
    }
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "TestSseParser.moc"
